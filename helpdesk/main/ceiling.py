"""The benchmark's ceiling: the least a page of this app can do (one indexed query, the base
layout), so every other page's speed also reads as a share of what Flask does on the machine.
Registered only with HELPDESK_BENCH_ROUTES=1."""

from flask import Blueprint, render_template
from sqlalchemy import select

from helpdesk.auth.access import ANYONE, allow
from helpdesk.extensions import db
from helpdesk.tickets.models import Ticket

bp = Blueprint("ceiling", __name__)


@bp.route("/bench/ceiling")
@allow(ANYONE)
def ceiling():
    """The newest ticket's subject, by primary key, in the site's layout."""
    subject = db.session.scalar(select(Ticket.subject).order_by(Ticket.id.desc()).limit(1))
    return render_template("main/ceiling.html", subject=subject or "")
