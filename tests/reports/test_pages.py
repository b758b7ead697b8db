"""The reports dashboard as a supervisor reads it: figures, comparison, filters, charts."""

import re
from datetime import timedelta

import pytest

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.tickets import service
from helpdesk.tickets.models import Category
from tests.factories import make_ticket, make_user

ANGRY = "This is terrible, I am furious and still waiting for my refund!"


def figure(html: str, label: str) -> tuple[str, str]:
    """(value, change line) of the headline card with this label; a change for the better or
    the worse ends with "(better)" or "(worse)", as a screen reader hears it."""
    start = html.index(f'<span class="figure-label">{label}</span>')
    card = html[start : html.index("</li>", start)]
    value = re.search(r'<span class="figure-value">([^<]*)</span>', card)[1]
    change = card[card.index('<span class="figure-change') :].split("</span>\n")[0:2]
    words = re.sub(r"<[^>]+>", " ", "".join(change).split('<span class="figure-note">')[0])
    return value, " ".join(words.split()).replace("( ", "(")


def answered_and_resolved(agent, *, hours_to_reply: float, hours_to_resolve: float, **options):
    """A ticket given to `agent`, answered and resolved after the hours given."""
    ticket = make_ticket(**options)
    service.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    start = clock.now()
    clock.advance(timedelta(hours=hours_to_reply))
    service.reply(ticket=ticket, author=agent, body="Here is what happened.", kind="reply")
    clock.freeze(start + timedelta(hours=hours_to_resolve))
    service.change_status(ticket=ticket, actor=agent, status="resolved")
    clock.freeze(start)
    return ticket


@pytest.fixture
def supervisor(login):
    client, _user = login("supervisor")
    return client


def test_dashboard_shows_the_headline_figures_against_the_previous_period(app, supervisor):
    agent = make_user("agent")
    now = clock.now()
    clock.freeze(now - timedelta(days=40))  # the previous 30 days: one ticket, 10 h to resolve
    answered_and_resolved(agent, hours_to_reply=1, hours_to_resolve=10)
    clock.freeze(now - timedelta(days=3))  # this period: two tickets, 2 h and 4 h
    answered_and_resolved(agent, hours_to_reply=1, hours_to_resolve=2)
    answered_and_resolved(agent, hours_to_reply=1, hours_to_resolve=4)
    make_ticket()  # and one still waiting
    clock.freeze(now)

    html = supervisor.get("/reports").get_data(as_text=True)

    assert figure(html, "Tickets created") == ("3", "+200% vs 1")
    assert figure(html, "Tickets resolved") == ("2", "+100% vs 1 (better)")
    assert figure(html, "Backlog")[0] == "1"
    # Median of 2 h and 4 h is 3 h, against 10 h: a fall of 70%, which is good.
    assert figure(html, "Resolution time (median)") == ("3 h", "-70% vs 10 h (better)")
    assert figure(html, "One-touch resolution") == ("100%", "no change vs 100%")
    assert "1 ticket not answered yet" in html


def test_an_empty_helpdesk_shows_dashes_and_empty_charts_not_an_error(app, supervisor):
    response = supervisor.get("/reports")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert figure(html, "Tickets created") == ("0", "no change vs 0")
    assert figure(html, "CSAT")[0] == "—"
    assert "Nothing to draw for this period and filter." in html


def test_charts_are_svg_with_their_numbers_in_a_table(app, supervisor):
    agent = make_user("agent")
    clock.freeze(clock.now() - timedelta(days=2))
    answered_and_resolved(agent, hours_to_reply=1, hours_to_resolve=5)
    clock.freeze(clock.now() + timedelta(days=2))

    html = supervisor.get("/reports?period=7").get_data(as_text=True)

    volume = html[
        html.index('id="chart-volume"') : html.index("</figure>", html.index('id="chart-volume"'))
    ]
    assert '<svg class="chart-svg"' in volume and "<polyline" in volume
    day = (clock.now() - timedelta(days=2)).strftime("%d %b")
    assert re.search(
        rf'<th scope="row" data-label="Day">{day}</th><td data-label="Created">1</td>', volume
    )
    assert "http" not in volume.replace("http://www.w3.org", "")  # nothing fetched from elsewhere


def test_filters_cut_every_figure(app, supervisor):
    lena, diego = make_user("agent", name="Lena"), make_user("agent", name="Diego")
    billing = db.session.query(Category).filter_by(name="Billing").one()
    clock.freeze(clock.now() - timedelta(days=1))
    answered_and_resolved(lena, hours_to_reply=1, hours_to_resolve=2, category_id=billing.id)
    answered_and_resolved(diego, hours_to_reply=1, hours_to_resolve=8, priority="high")
    clock.freeze(clock.now() + timedelta(days=1))

    by_lena = supervisor.get(f"/reports?agent={lena.id}").get_data(as_text=True)
    by_billing = supervisor.get(f"/reports?category={billing.id}").get_data(as_text=True)
    by_priority = supervisor.get("/reports?priority=high").get_data(as_text=True)

    assert figure(by_lena, "Resolution time (median)")[0] == "2 h"
    assert "agent: Lena" in by_lena
    assert figure(by_billing, "Tickets resolved")[0] == "1"
    assert figure(by_priority, "Resolution time (median)")[0] == "8 h"


def test_opening_mood_filter_keeps_complaints_only(app, supervisor):
    agent = make_user("agent")
    clock.freeze(clock.now() - timedelta(days=1))
    angry = answered_and_resolved(agent, hours_to_reply=1, hours_to_resolve=6, body=ANGRY)
    answered_and_resolved(agent, hours_to_reply=1, hours_to_resolve=2)
    clock.freeze(clock.now() + timedelta(days=1))
    assert angry.first_sentiment == "negative"

    html = supervisor.get("/reports?sentiment=negative").get_data(as_text=True)

    assert figure(html, "Tickets created")[0] == "1"
    assert figure(html, "Complaints received")[0] == "1"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            "period=custom&from=2026-03-01&to=2026-02-01",
            "to",
            "The end date comes before the start date.",
        ),
        ("period=custom", "from", "Choose the first day, or pick a period above."),
        (
            "period=custom&from=2019-01-01&to=2026-02-01",
            "to",
            "Choose a period of at most three years.",
        ),
        ("from=not-a-date", "from", "Not a valid date value."),
        ("agent=999999", "agent", "Not a valid choice."),
        ("priority=%27%20OR%201%3D1--", "priority", "Not a valid choice."),
        ("period=forever", "period", "Not a valid choice."),
    ],
)
def test_a_bad_filter_says_what_is_wrong_next_to_the_field(app, supervisor, query, field, message):
    response = supervisor.get(f"/reports?{query}")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<p class="field-error" id="{field}-error">{message}</p>' in html
    assert figure(html, "Tickets created")[0] == "0"  # the rest of the page still works


def test_custom_dates_include_both_days_and_compare_with_the_days_before(app, supervisor):
    html = supervisor.get("/reports?period=custom&from=2026-02-01&to=2026-02-28").get_data(
        as_text=True
    )

    assert (
        "01 Feb 2026 to 28 Feb 2026 (days in UTC), compared with 04 Jan 2026 to 31 Jan 2026" in html
    )


def test_this_quarter_runs_from_the_first_day_of_the_quarter(app, supervisor):
    html = supervisor.get("/reports?period=quarter").get_data(as_text=True)

    assert "01 Jan 2026 to 02 Mar 2026" in html  # the clock stands at 2 March 2026


def test_the_tables_list_agents_and_categories_with_links_that_cut_by_them(app, supervisor):
    lena = make_user("agent", name="Lena")
    clock.freeze(clock.now() - timedelta(days=1))
    answered_and_resolved(lena, hours_to_reply=1, hours_to_resolve=3)
    clock.freeze(clock.now() + timedelta(days=1))

    html = supervisor.get("/reports?period=7").get_data(as_text=True)

    assert f'href="/reports?period=7&amp;agent={lena.id}">Lena</a>' in html
    assert '<td data-label="Resolution (median)">3 h</td>' in html


def test_the_page_can_be_printed(app, supervisor):
    html = supervisor.get("/reports").get_data(as_text=True)

    assert "data-print" in html
    stylesheet = app.test_client().get("/static/css/app.css")
    css = stylesheet.get_data(as_text=True)
    stylesheet.close()
    assert "@media print" in css and ".report-filters" in css[css.index("@media print") :]


def test_agents_and_customers_cannot_read_reports(app, login):
    for role in ("agent", "customer"):
        client, _user = login(role)
        for path in ("/reports", "/reports/export.csv", "/reports/surveys.csv"):
            assert client.get(path).status_code == 403


def test_supervisors_find_reports_in_the_navigation(app, supervisor, login):
    agent, _user = login("agent")

    assert 'href="/reports"' in supervisor.get("/").get_data(as_text=True)
    assert 'href="/reports"' not in agent.get("/").get_data(as_text=True)


def test_a_change_too_small_to_show_is_no_change_in_no_colour():
    from helpdesk.reports.dashboard import card

    unchanged = card("Replies to resolution", 2.02, 2.0, "decimal", "down")
    fewer = card("Replies to resolution", 1.8, 2.0, "decimal", "down")

    assert (unchanged.change, unchanged.tone) == ("no change", "")
    assert (fewer.change, fewer.tone) == ("-0.2", "good")
