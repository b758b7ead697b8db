"""Many people at once against a real gunicorn: fifty writers on SQLite lose nothing and never
see `database is locked`; a form sent twice at the same moment makes one ticket or one survey
answer; two agents changing one ticket: the second is told, and nothing is lost."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from helpdesk.extensions import db
from helpdesk.ideas.models import Vote
from helpdesk.surveys.models import SurveyResponse
from helpdesk.tickets.models import Message, Ticket
from tests.factories import make_idea, make_ticket, make_user
from tests.reliability.web import WebClient, hidden_fields

WRITERS = 50


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.mark.long_running
@pytest.mark.only_on("sqlite")
def test_fifty_concurrent_writers_lose_nothing_and_never_see_a_lock(gunicorn):
    customers = [make_user("customer") for _ in range(WRITERS)]
    # Plain values: the writers run outside the test's app context.
    writers = [(user.email, user.id, make_ticket(customer=user).number) for user in customers]
    idea_id = make_idea().id
    server = gunicorn(workers=4)

    def write(number: int) -> list[str]:
        """Sign in, send a ticket, reply on one's own ticket, vote: what was acknowledged."""
        email, user_id, own_ticket = writers[number]
        web = WebClient(server.url)
        web.sign_in(email)
        done = []
        subject = f"Load ticket {number}"
        sent = web.submit(
            "/tickets/new", "/tickets/new", {"subject": subject, "body": f"Body of {number}."}
        )
        if sent.status_code == 302 and sent.headers["Location"].startswith("/tickets/"):
            done.append(f"ticket:{subject}")
        page = f"/tickets/{own_ticket}"
        body = f"Reply number {number} from the load."
        replied = web.submit(page, f"{page}/reply", {"body": body})
        if replied.status_code == 302:
            done.append(f"reply:{body}")
        voted = web.submit(f"/ideas/{idea_id}", f"/ideas/{idea_id}/vote", {})
        if voted.status_code == 302:
            done.append(f"vote:{user_id}")
        return done + [f"status:{r.status_code}" for r in (sent, replied, voted)]

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        results = [item for done in pool.map(write, range(WRITERS)) for item in done]

    statuses = {item for item in results if item.startswith("status:")}
    assert statuses == {"status:302"}, statuses
    acknowledged = [item for item in results if not item.startswith("status:")]
    assert len(acknowledged) == 3 * WRITERS
    for item in acknowledged:
        kind, _, value = item.partition(":")
        if kind == "ticket":
            assert count(Ticket, Ticket.subject == value) == 1, value
        elif kind == "reply":
            assert count(Message, Message.body == value) == 1, value
        else:
            assert count(Vote, Vote.idea_id == idea_id, Vote.user_id == int(value)) == 1
    assert "database is locked" not in server.log.read_text()


@pytest.mark.only_on("sqlite")
def test_a_ticket_sent_twice_at_the_same_moment_is_made_once(gunicorn):
    email = make_user("customer").email
    server = gunicorn()
    web = WebClient(server.url)
    web.sign_in(email)
    form = hidden_fields(web.get("/tickets/new").text, "/tickets/new")
    data = {**form, "subject": "Sent twice", "body": "A double click on Send."}

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda _: web.post("/tickets/new", data), range(2)))

    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    assert count(Ticket, Ticket.subject == "Sent twice") == 1


def test_a_survey_answered_twice_at_the_same_moment_keeps_one_answer(gunicorn, invitation):
    server = gunicorn()
    page = f"/survey/{invitation.token}"
    visitors = [WebClient(server.url) for _ in range(2)]
    forms = [hidden_fields(visitor.get(page).text, page) for visitor in visitors]

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(
            pool.map(
                lambda n: visitors[n].post(page, {**forms[n], "csat": str(5 - 4 * n)}), range(2)
            )
        )

    assert sorted(answer.status_code for answer in answers) == [302, 409]
    assert count(SurveyResponse) == 1


def test_two_agents_changing_one_ticket_the_second_is_told_and_nothing_is_lost(gunicorn):
    ticket = make_ticket()
    first, second = make_user("agent", name="First Agent"), make_user("agent", name="Sam")
    server = gunicorn()
    webs = [WebClient(server.url), WebClient(server.url)]
    webs[0].sign_in(first.email)
    webs[1].sign_in(second.email)
    page = f"/tickets/{ticket.number}"
    forms = [hidden_fields(web.get(page).text, f"{page}/properties") for web in webs]

    changed = webs[0].post(f"{page}/properties", {**forms[0], "priority": "urgent"})
    late = webs[1].post(f"{page}/properties", {**forms[1], "priority": "low"})

    assert changed.status_code == 302 and late.status_code == 302
    told = webs[1].get(late.headers["Location"]).text
    assert "Someone changed this ticket while you were looking at it" in told
    assert "First Agent" in told
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).priority == "urgent"
