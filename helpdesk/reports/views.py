"""The supervisors' reports: the dashboard and its CSV exports."""

import threading
from collections import OrderedDict
from datetime import timedelta

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import Select

from helpdesk import clock
from helpdesk.auth.access import SUPERVISORS, allow
from helpdesk.auth.service import record_event
from helpdesk.extensions import db
from helpdesk.page_cache import kept, not_kept
from helpdesk.reports import cache, dashboard, exports, metrics
from helpdesk.reports.forms import ReportFilterForm

bp = Blueprint("reports", __name__)


@bp.context_processor
def formatting() -> dict:
    """The report pages format figures one way: counts, durations, percentages."""
    return {"fmt": dashboard}


def _filter() -> tuple[ReportFilterForm, metrics.Filter]:
    """The filter of the query string; fields with errors cut nothing and say why."""
    form = ReportFilterForm(request.args)
    form.validate()
    return form, form.to_filter(clock.now())


@bp.route("/reports")
@allow(SUPERVISORS)
@kept
def index():
    """The dashboard: headline figures against the previous period, charts, tables."""
    form, cut = _filter()
    served = cache.report(cut, db.session)
    if served.refreshing or served.stamp is None:
        not_kept()  # figures for an earlier state of the data, or reports computed every time
    previous = cut.previous()
    return render_template(
        "reports/index.html",
        form=form,
        f=cut,
        served=served,
        last_day=cut.end - timedelta(days=1),
        previous=previous,
        previous_last_day=previous.end - timedelta(days=1),
        cuts=dashboard.cuts_in_words(form),
        body=_drawn(served) if served.ready else None,
        query=request.args.to_dict(),
    )


_DRAWN: OrderedDict[str, Markup] = OrderedDict()
_DRAWN_KEPT = 16
_drawing = threading.Lock()


def _drawn(served: cache.Served) -> Markup:
    """Everything drawn from the report (figures, charts, tables) as HTML. Drawing is most of
    a cached report's page (a year of daily points, hundreds of links), so the drawing of a
    cached report is kept too: in this process, for the last few reports and query strings
    (the tables' links carry the query)."""
    stamp = served.stamp
    key = None if stamp is None else f"{stamp}?{request.query_string.decode('latin-1')}"
    if key is not None:
        with _drawing:
            if key in _DRAWN:
                _DRAWN.move_to_end(key)
                return _DRAWN[key]
    report = served.report
    charts = Markup(render_template("reports/_charts.html", charts=dashboard.chart_list(report)))
    html = Markup(
        render_template(
            "reports/_body.html",
            report=report,
            cards=dashboard.cards(report),
            charts=charts,
            query=request.args.to_dict(),
        )
    )
    if key is not None:
        with _drawing:
            _DRAWN[key] = html
            while len(_DRAWN) > _DRAWN_KEPT:
                _DRAWN.popitem(last=False)
    return html


def _csv(name: str, cut: metrics.Filter, header: list[str], statement: Select) -> Response:
    """A download written while the rows are read: memory stays flat whatever the period."""
    last_day = cut.end - timedelta(days=1)
    filename = f"{name}-{cut.start:%Y-%m-%d}-to-{last_day:%Y-%m-%d}.csv"
    rows = exports.rows_of(db.engine, statement)
    return Response(
        exports.csv_lines(header, rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _refused(form: ReportFilterForm) -> Response | None:
    """An export is of exactly the filter asked for: with a mistake in it, back to the page,
    where the message sits next to the field."""
    if not form.errors:
        return None
    flash("Fix the filter before exporting; nothing was exported.", "error")
    return redirect(url_for("reports.index", **request.args.to_dict()))


def _record_export(what: str, cut: metrics.Filter) -> None:
    """Exports carry personal data out of the app: the audit log keeps who took what."""
    record_event(
        "report_exported",
        user=current_user,
        actor=current_user,
        ip_address=request.remote_addr,
        export=what,
        period=f"{cut.start:%Y-%m-%d} to {cut.end - timedelta(days=1):%Y-%m-%d}",
        query=request.query_string.decode("utf-8", "replace")[:500],
    )
    db.session.commit()


@bp.route("/reports/export.csv")
@allow(SUPERVISORS)
def export():
    """One row per ticket created in the filter's period, with its facts and sentiment."""
    form, cut = _filter()
    if refused := _refused(form):
        return refused
    _record_export("tickets", cut)
    return _csv("tickets", cut, *exports.ticket_rows(cut))


@bp.route("/reports/surveys.csv")
@allow(SUPERVISORS)
def export_surveys():
    """The survey answers given in the filter's period."""
    form, cut = _filter()
    if refused := _refused(form):
        return refused
    _record_export("survey answers", cut)
    return _csv("survey-answers", cut, *exports.survey_rows(cut))
