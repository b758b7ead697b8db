"""The home page and the health check."""

from flask import Blueprint, jsonify, render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from helpdesk.auth.access import ANYONE, allow
from helpdesk.extensions import db

bp = Blueprint("main", __name__)


@bp.route("/")
@allow(ANYONE)
def index():
    """The front door: what the visitor can do here, by role."""
    return render_template("main/index.html")


@bp.route("/healthz")
@allow(ANYONE)
def healthz():
    """Tell a load balancer whether the app and its database answer."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
