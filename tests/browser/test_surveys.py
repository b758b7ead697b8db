"""The survey in a real browser: from the emailed score to the thank-you page."""

from sqlalchemy import select

from helpdesk.extensions import db
from helpdesk.surveys.models import SurveyInvitation, SurveyResponse
from helpdesk.tickets import service as tickets
from tests.factories import make_ticket, make_user


def test_a_customer_answers_from_the_emailed_score_with_the_keyboard(page):
    ticket = make_ticket(subject="Zip broke")
    tickets.change_status(ticket=ticket, actor=make_user("agent"), status="resolved")
    invitation = db.session.scalar(select(SurveyInvitation))
    page.goto(f"/survey/{invitation.token}?csat=4")

    assert page.get_by_role("radio", name="4 Satisfied").is_checked()
    page.get_by_role("radio", name="9").focus()
    page.keyboard.press("Space")
    page.get_by_label("Anything you would like to tell us?").fill("Quick, thanks!")
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()

    assert page.get_by_text("Thank you! Your answer helps us get better.").is_visible()
    answer = db.session.scalar(select(SurveyResponse))
    assert (answer.csat, answer.nps, answer.comment) == (4, 9, "Quick, thanks!")
