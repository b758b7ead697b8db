"""The reports dashboard in a real browser: charts drawn, filters applied, a clean print."""

from datetime import timedelta

from helpdesk import clock
from helpdesk.tickets import service
from tests.conftest import sign_in_page
from tests.factories import make_ticket, make_user


def _history() -> None:
    agent = make_user("agent", name="Lena Fischer")
    start = clock.now() - timedelta(days=5)
    for day, hours in enumerate((2, 6, 30)):
        clock.freeze(start + timedelta(days=day))
        ticket = make_ticket()
        service.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
        clock.advance(timedelta(hours=hours))
        service.reply(ticket=ticket, author=agent, body="Done.", kind="reply", status="resolved")
    clock.freeze(start + timedelta(days=5))


def test_a_supervisor_reads_the_dashboard_filters_it_and_prints_it(page):
    _history()
    supervisor = make_user("supervisor")
    page.set_viewport_size({"width": 1280, "height": 900})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    sign_in_page(page, supervisor.email)

    page.goto("/reports")
    volume = page.get_by_role("img", name="Tickets created and resolved per day")
    assert volume.is_visible()
    assert page.locator("#chart-volume polyline").count() == 2
    page.get_by_label("Period").select_option("7")
    page.get_by_label("Agent", exact=True).select_option(label="Lena Fischer")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()

    assert "agent: Lena Fischer" in page.locator(".period-line").inner_text()
    resolved = page.locator(".figure", has_text="Tickets resolved")
    assert resolved.locator(".figure-value").inner_text() == "3"

    page.emulate_media(media="print")
    assert not page.locator(".report-filters").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("#chart-volume table").is_visible()
    scroll = page.locator("#chart-volume .table-scroll").evaluate(
        "e => getComputedStyle(e).maxHeight"
    )
    assert scroll == "none"  # every row of the numbers is on paper
    assert errors == []


def test_the_dashboard_reads_well_on_a_phone(page):
    _history()
    sign_in_page(page, make_user("supervisor").email)

    page.goto("/reports")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375  # nothing pushes the page sideways
    assert page.get_by_role("img", name="Resolution time per week").is_visible()
