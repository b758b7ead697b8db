"""A report is computed once per state of the data, and again as soon as a write changes it,
whichever worker made the change."""

import threading
from concurrent.futures import Future
from datetime import timedelta

import pytest
from sqlalchemy import select

from helpdesk import clock, create_app
from helpdesk.extensions import db
from helpdesk.reports import cache, metrics, rollups
from helpdesk.reports.forms import preset_period
from helpdesk.reports.models import ReportCache, ReportClaim
from helpdesk.tickets import service
from tests.conftest import sign_in, without_tokens
from tests.factories import make_ticket, make_user


@pytest.fixture
def computed(monkeypatch) -> list:
    """The filters a report was really computed for (not served from the cache)."""
    calls = []
    real = rollups.report

    def counting(f, session):
        calls.append(f)
        return real(f, session)

    monkeypatch.setattr(rollups, "report", counting)
    return calls


def created(page: str) -> str:
    start = page.index('<span class="figure-label">Tickets created</span>')
    return page[start:].split('<span class="figure-value">')[1].split("<")[0]


def test_the_same_report_asked_again_is_not_computed_again(app, login, computed):
    client, _user = login("supervisor")
    make_ticket()

    first = client.get("/reports").get_data(as_text=True)
    clock.advance(timedelta(minutes=1))
    second = client.get("/reports").get_data(as_text=True)

    assert len(computed) == 1
    assert created(first) == created(second) == "1"


def test_a_new_ticket_or_a_status_change_is_seen_at_once(app, login, computed):
    client, _user = login("supervisor")
    agent = make_user("agent")
    ticket = make_ticket()
    client.get("/reports")

    clock.advance(timedelta(seconds=1))
    make_ticket()
    after_new = client.get("/reports").get_data(as_text=True)
    clock.advance(timedelta(seconds=1))
    service.change_status(ticket=ticket, actor=agent, status="resolved")
    after_resolve = client.get("/reports").get_data(as_text=True)

    assert len(computed) == 3
    assert created(after_new) == "2"
    assert (
        '<span class="figure-label">Tickets resolved</span>\n      <span class="figure-value">1<'
        in (after_resolve)
    )


def created_today_in_the_chart(page: str) -> str:
    day = clock.now().strftime("%d %b")
    row = page.split(f'<th scope="row" data-label="Day">{day}</th>')[1]
    return row.split('<td data-label="Created">')[1].split("<")[0]


def test_the_charts_drawn_from_a_kept_report_follow_the_data(app, login, computed):
    client, _user = login("supervisor")
    make_ticket()
    first = client.get("/reports?period=7").get_data(as_text=True)
    again = client.get("/reports?period=7").get_data(as_text=True)

    clock.advance(timedelta(seconds=1))
    make_ticket()
    after_new = client.get("/reports?period=7").get_data(as_text=True)

    assert len(computed) == 2
    assert created_today_in_the_chart(first) == created_today_in_the_chart(again) == "1"
    assert created_today_in_the_chart(after_new) == "2"


def test_another_filter_is_another_report(app, login, computed):
    client, _user = login("supervisor")

    client.get("/reports?period=7")
    client.get("/reports?period=30")
    client.get("/reports?period=7")

    assert len(computed) == 2


def test_workers_share_the_cache_and_see_each_others_writes(app, computed):
    supervisor = make_user("supervisor")
    other = create_app(dict(app.config))  # a second worker on the same database
    try:
        browsers = [app.test_client(), other.test_client()]
        for browser in browsers:
            assert sign_in(browser, supervisor.email).status_code == 302

        browsers[0].get("/reports")
        browsers[1].get("/reports")
        clock.advance(timedelta(seconds=1))
        make_ticket()
        page = browsers[1].get("/reports").get_data(as_text=True)
    finally:
        with other.app_context():
            db.engine.dispose()

    assert len(computed) == 2  # once at first, once after the write
    assert created(page) == "1"


def test_several_asking_for_the_same_cold_report_at_once_compute_it_once(
    app, computed, monkeypatch
):
    # Two requests ask while the report computes: the second must wait for the computation
    # the first started rather than start another beside it.
    email = make_user("supervisor").email
    make_ticket()
    both_asked = threading.Event()
    asked = []
    real_computing, real_report = cache._computing, rollups.report

    def computing(*args):
        found = real_computing(*args)
        asked.append(found)
        if len(asked) == 2:
            both_asked.set()
        return found

    def slow_report(f, session):
        assert both_asked.wait(timeout=30)
        return real_report(f, session)

    monkeypatch.setattr(cache, "_computing", computing)
    monkeypatch.setattr(rollups, "report", slow_report)
    pages = {}

    def ask(name):
        with app.app_context():  # a thread of a worker, as under gunicorn
            browser = app.test_client()
            sign_in(browser, email)
            pages[name] = browser.get("/reports").get_data(as_text=True)

    askers = [threading.Thread(target=ask, args=(name,)) for name in ("first", "second")]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(timeout=60)

    assert len(computed) == 1
    assert asked[0] is asked[1]
    assert created(pages["first"]) == created(pages["second"]) == "1"


@pytest.fixture
def gate(monkeypatch) -> threading.Event:
    """Holds every report computation until set: a report that takes long."""
    opened = threading.Event()
    real = rollups.report

    def held(f, session):
        assert opened.wait(timeout=30)
        return real(f, session)

    monkeypatch.setattr(rollups, "report", held)
    return opened


def test_a_slow_report_shows_the_last_figures_while_the_new_ones_compute(app, login, gate):
    app.config["REPORTS_WAIT_SECONDS"] = 0
    client, _user = login("supervisor")
    make_ticket()

    first = client.get("/reports")
    gate.set()
    cache.settle()
    ready = client.get("/reports").get_data(as_text=True)
    gate.clear()
    clock.advance(timedelta(minutes=5))
    make_ticket()
    while_computing = client.get("/reports").get_data(as_text=True)
    gate.set()
    cache.settle()
    after = client.get("/reports").get_data(as_text=True)

    page = first.get_data(as_text=True)
    assert first.status_code == 200
    assert "This report is being computed" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "Tickets created" not in page
    assert created(ready) == "1"
    assert "being computed" not in ready
    assert created(while_computing) == "1"
    assert "These figures were computed at 02 Mar 2026 09:30 UTC" in while_computing
    assert '<meta http-equiv="refresh"' not in while_computing
    assert created(after) == "2"
    assert "being computed" not in after


def test_one_worker_computes_a_report_while_the_others_show_what_they_have(
    app, computed, gate, monkeypatch
):
    app.config["REPORTS_WAIT_SECONDS"] = 0
    supervisor = make_user("supervisor")
    make_ticket()
    other = create_app(dict(app.config))  # a second worker on the same database
    try:
        browsers = [app.test_client(), other.test_client()]
        for browser in browsers:
            assert sign_in(browser, supervisor.email).status_code == 302

        first = browsers[0].get("/reports").get_data(as_text=True)  # claims and computes
        with monkeypatch.context() as other_process:  # the second worker's own memory
            other_process.setattr(cache, "_running", {})
            meanwhile = browsers[1].get("/reports").get_data(as_text=True)
        gate.set()
        cache.settle()
        after = browsers[1].get("/reports").get_data(as_text=True)
    finally:
        with other.app_context():
            db.engine.dispose()

    assert len(computed) == 1
    assert "This report is being computed" in first
    assert "This report is being computed" in meanwhile
    assert created(after) == "1"


def test_a_claim_left_by_a_worker_that_died_is_taken_over(app, login, computed):
    client, _user = login("supervisor")
    client.get("/reports")
    key = db.session.scalar(select(ReportCache.key))
    clock.advance(timedelta(minutes=1))
    make_ticket()
    db.session.add(ReportClaim(key=key, since=clock.now()))  # a worker that never finished
    db.session.commit()

    app.config["REPORTS_WAIT_SECONDS"] = 0
    while_claimed = client.get("/reports").get_data(as_text=True)
    clock.advance(timedelta(seconds=cache.CLAIM_SECONDS + 1))
    app.config["REPORTS_WAIT_SECONDS"] = 600
    taken_over = client.get("/reports").get_data(as_text=True)

    assert "These figures were computed at" in while_claimed
    assert created(while_claimed) == "0"
    assert len(computed) == 2
    assert created(taken_over) == "1"
    assert db.session.scalars(select(ReportClaim)).all() == []  # released once computed


def test_a_report_ready_within_the_wait_is_shown_fresh(app, login, computed):
    app.config["REPORTS_WAIT_SECONDS"] = 30
    client, _user = login("supervisor")
    client.get("/reports")

    clock.advance(timedelta(minutes=5))
    make_ticket()
    page = client.get("/reports").get_data(as_text=True)

    assert len(computed) == 2
    assert created(page) == "1"
    assert "being computed" not in page


def test_a_failed_computation_reaches_the_page_and_is_tried_again(app, login, monkeypatch):
    client, _user = login("supervisor")
    real = rollups.report

    def failing(f, session):
        raise RuntimeError("the report broke")

    monkeypatch.setattr(rollups, "report", failing)
    with pytest.raises(RuntimeError, match="the report broke"):  # the error page, when served
        client.get("/reports")
    monkeypatch.setattr(rollups, "report", real)
    fixed = client.get("/reports")

    assert fixed.status_code == 200
    assert created(fixed.get_data(as_text=True)) == "0"


def test_a_kept_report_expires_after_its_lifetime(app, login, computed):
    app.config["REPORTS_CACHE_SECONDS"] = 60
    client, _user = login("supervisor")

    client.get("/reports")
    clock.advance(timedelta(seconds=59))
    client.get("/reports")
    clock.advance(timedelta(seconds=2))
    client.get("/reports")

    assert len(computed) == 2


def test_the_cache_can_be_turned_off(app, login, computed):
    app.config["REPORTS_CACHE_SECONDS"] = 0
    client, _user = login("supervisor")

    client.get("/reports")
    client.get("/reports")

    assert len(computed) == 2


def test_warming_computes_the_preset_periods_ahead_of_the_first_view(app, runner, login, computed):
    client, _user = login("supervisor")
    make_ticket()

    first = runner.invoke(args=["reports", "warm", "--days", "365"])
    again = runner.invoke(args=["reports", "warm", "--period", "30"])
    app.config["REPORTS_WAIT_SECONDS"] = 0  # a view that found nothing would not wait
    page = client.get("/reports").get_data(as_text=True)
    year = client.get("/reports?from=2025-03-03&to=2026-03-02").get_data(as_text=True)

    assert first.exit_code == 0, first.output
    assert [line.split(" (")[0] for line in first.output.splitlines()] == [
        "Report of the last 7 days: computed",
        "Report of the last 30 days: computed",
        "Report of the last 90 days: computed",
        "Report of this quarter: computed",
        "Report of the last 365 days: computed",
    ]
    assert again.output.startswith("Report of the last 30 days: kept (")
    assert len(computed) == 5
    assert created(page) == created(year) == "1"


def test_a_report_another_worker_kept_meanwhile_is_not_computed_again(app, runner, computed):
    # A view found the report stale and claimed it; by the time its computation starts,
    # another worker has kept the report for this state of the data.
    make_ticket()
    runner.invoke(args=["reports", "warm", "--period", "30"])
    now = clock.now()
    f = metrics.Filter(*preset_period("30", now), now=now)
    key, fingerprint = cache._key(f), cache._fingerprint(db.session, now)
    db.session.add(ReportClaim(key=key, since=now))
    db.session.commit()

    served = cache._compute(app, key, fingerprint, f)

    assert len(computed) == 1  # the warm-up's only
    assert served.report.current.volume.created == 1
    assert db.session.scalars(select(ReportClaim)).all() == []


def test_the_page_of_a_current_report_is_sent_again_until_a_write(app, login, statements):
    client, _user = login("supervisor")
    make_ticket()
    first = client.get("/reports").get_data(as_text=True)

    statements.clear()
    again = client.get("/reports").get_data(as_text=True)
    kept_statements = len(statements)
    make_ticket()
    after = client.get("/reports").get_data(as_text=True)

    assert kept_statements == 2  # the signed-in user and the data version
    assert without_tokens(again) == without_tokens(first)  # a CSRF token is signed with its time
    assert created(first) == "1"
    assert created(after) == "2"


def test_figures_computed_before_a_write_are_not_shown_as_current(app, login, monkeypatch):
    client, _user = login("supervisor")
    make_ticket()
    start, end = preset_period("30", clock.now())
    figures = metrics.report(metrics.Filter(start, end, clock.now()), db.session)
    begun_before = Future()  # a computation another view began before a write
    begun_before.set_result(
        cache.Served("stamp", clock.now(), fingerprint="before", computed=figures)
    )
    monkeypatch.setattr(cache, "_computing", lambda *_args: begun_before)

    pages = [client.get("/reports?period=30").get_data(as_text=True) for _ in range(2)]

    for page in pages:
        assert "the data has changed since" in page
    monkeypatch.undo()
    assert "the data has changed since" not in client.get("/reports?period=30").get_data(
        as_text=True
    )
