"""The survey page: one click from the email, one answer per link, clear refusals."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.surveys.models import SurveyResponse
from helpdesk.tickets import service as tickets
from tests.factories import make_ticket, make_user


def chosen_csat(page: str) -> str | None:
    """The CSAT score the form shows as chosen."""
    found = re.search(r'<input[^>]*checked[^>]*name="csat"[^>]*value="(\d+)"', page)
    return found[1] if found else None


def answers() -> int:
    return db.session.scalar(select(func.count()).select_from(SurveyResponse))


def test_the_survey_opens_without_signing_in_with_the_emailed_score_chosen(client, invitation):
    page = client.get(f"/survey/{invitation.token}?csat=2").get_data(as_text=True)

    assert "How satisfied are you with the help you got?" in page
    assert "How easy was it to get your issue solved?" in page
    assert "How likely are you to recommend us" in page
    assert chosen_csat(page) == "2"


def test_the_survey_shows_nothing_of_the_ticket_but_its_subject(client, invitation):
    page = client.get(f"/survey/{invitation.token}").get_data(as_text=True)

    assert "Zip broke" in page
    for private in ("55512", "A new one is on its way", invitation.ticket.customer.email):
        assert private not in page
    assert f"/tickets/{invitation.ticket_id}" not in page


def test_an_answer_is_stored_with_its_sentiment_and_the_link_then_says_thanks(client, invitation):
    response = client.post(
        f"/survey/{invitation.token}",
        data={"csat": "5", "ces": "2", "nps": "9", "comment": "Fast and friendly, thank you!"},
    )

    stored = db.session.scalar(select(SurveyResponse))
    assert response.status_code == 302
    assert (stored.csat, stored.ces, stored.nps) == (5, 2, 9)
    assert stored.sentiment_label == "positive" and stored.agent_id == invitation.agent_id
    thanks = client.get(f"/survey/{invitation.token}")
    assert thanks.status_code == 200 and "already answered" in thanks.get_data(as_text=True)


def test_the_csat_alone_is_enough(client, invitation):
    client.post(f"/survey/{invitation.token}", data={"csat": "4"})

    stored = db.session.scalar(select(SurveyResponse))
    assert (stored.csat, stored.ces, stored.nps, stored.comment) == (4, None, None, "")


def test_a_stale_or_missing_form_token_keeps_the_answers_for_another_try(app, invitation):
    app.config["WTF_CSRF_ENABLED"] = True
    browser = app.test_client()
    browser.get(f"/survey/{invitation.token}")

    response = browser.post(
        f"/survey/{invitation.token}",
        data={"csat": "4", "comment": "Kept text", "csrf_token": "stale"},
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "please press Send again" in page
    assert "Kept text" in page and chosen_csat(page) == "4"
    assert answers() == 0


def test_a_second_answer_is_refused_and_stores_nothing(client, invitation):
    client.post(f"/survey/{invitation.token}", data={"csat": "5"})

    again = client.post(f"/survey/{invitation.token}", data={"csat": "1"})

    assert again.status_code == 409 and "already answered" in again.get_data(as_text=True)
    assert answers() == 1
    assert db.session.scalar(select(SurveyResponse.csat)) == 5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose how satisfied you are"),
        ({"csat": "0"}, "CSAT is a number from 1 to 5"),
        ({"csat": "6"}, "CSAT is a number from 1 to 5"),
        ({"csat": "5", "ces": "8"}, "Effort is a number from 1 to 7"),
        ({"csat": "5", "nps": "11"}, "Recommendation is a number from 0 to 10"),
        ({"csat": "5", "nps": "-1"}, "Recommendation is a number from 0 to 10"),
        ({"csat": "five"}, "Invalid Choice"),
        ({"csat": "5", "comment": "x" * 5001}, "5000 characters"),
    ],
)
def test_out_of_range_values_are_refused_beside_the_field(client, invitation, data, message):
    response = client.post(f"/survey/{invitation.token}", data=data)

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert answers() == 0


def test_an_expired_link_gets_a_clear_page_and_stores_nothing(client, invitation):
    clock.advance(timedelta(days=14))

    page = client.get(f"/survey/{invitation.token}")
    post = client.post(f"/survey/{invitation.token}", data={"csat": "5"})

    assert page.status_code == 410 and "expired" in page.get_data(as_text=True)
    assert post.status_code == 410 and answers() == 0


def test_a_link_still_answers_just_before_it_expires(client, invitation):
    clock.advance(timedelta(days=14) - timedelta(seconds=1))

    assert client.post(f"/survey/{invitation.token}", data={"csat": "5"}).status_code == 302


def test_a_withdrawn_link_says_the_request_was_reopened(client, invitation):
    tickets.reply(ticket=invitation.ticket, author=invitation.ticket.customer, body="Broken again")

    page = client.get(f"/survey/{invitation.token}")

    assert page.status_code == 410 and "reopened" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "token", ["nope", "x" * 43, "%00" * 30, "a" * 300, "../../tickets/1", "' OR 1=1 --" * 3]
)
def test_an_unknown_token_is_not_found_and_reveals_nothing(client, invitation, token):
    response = client.get(f"/survey/{token}")

    assert response.status_code == 404
    assert "Zip broke" not in response.get_data(as_text=True)


def test_a_token_opens_only_its_own_ticket(client, invitation):
    other_ticket = make_ticket(subject="Someone else's secret subject")
    tickets.change_status(ticket=other_ticket, actor=make_user("agent"), status="resolved")

    page = client.get(f"/survey/{invitation.token}").get_data(as_text=True)
    client.post(f"/survey/{invitation.token}", data={"csat": "3"})

    assert "Someone else's secret subject" not in page
    assert db.session.scalar(select(SurveyResponse.ticket_id)) == invitation.ticket_id


def test_the_customer_sees_the_survey_on_their_resolved_ticket(login, invitation):
    browser, _ = login("customer")
    owner = invitation.ticket.customer
    owner_browser = browser.application.test_client()
    owner_browser.post("/login", data={"email": owner.email, "password": "correct horse battery"})

    page = owner_browser.get(f"/tickets/{invitation.ticket_id}").get_data(as_text=True)

    assert "How did we do?" in page
    assert f"/survey/{invitation.token}?csat=5" in page
    owner_browser.post(f"/survey/{invitation.token}", data={"csat": "5"})
    after = owner_browser.get(f"/tickets/{invitation.ticket_id}").get_data(as_text=True)
    assert "How did we do?" not in after
