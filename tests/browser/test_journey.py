"""The main journey in a real browser, end to end: a customer reads the help centre and its
suggestions, sends a ticket; an agent runs the incident checklist, replies and resolves; the
customer answers the survey from the emailed link and votes for an idea; a supervisor sees it
in the reports. Every page is screenshotted (test-artifacts/), and no page logs an error or
breaks the Content-Security-Policy."""

import re

from sqlalchemy import select

from helpdesk import resource_dir
from helpdesk.extensions import db
from helpdesk.ideas.models import Vote
from helpdesk.outbox.models import OutboxEmail
from helpdesk.playbooks import service as playbooks
from helpdesk.playbooks.models import CheckIn
from helpdesk.surveys.models import SurveyResponse
from helpdesk.tickets.models import Ticket
from tests.conftest import sign_in_page
from tests.factories import make_article, make_idea, make_user

CHECKLIST = (
    "Listen first, don't react",
    "Acknowledge the problem",
    "Find the source",
    "Offer a solution or an alternative",
    "Follow up promptly",
)


def emailed_path(kind: str, to: str) -> str:
    """The local path of the first link in the newest email of this kind to this address."""
    email = db.session.scalar(
        select(OutboxEmail)
        .where(OutboxEmail.kind == kind, OutboxEmail.to_address == to)
        .order_by(OutboxEmail.id.desc())
    )
    assert email is not None, f"no {kind} email to {to}"
    return re.search(r"https?://[^/\s]+(/\S+)", email.body_text).group(1)


def test_from_the_help_centre_to_the_reports(tabs):
    playbooks.sync(resource_dir("playbooks"))
    make_article(title="Why was I charged twice?", body="A card hold, not a second sale.")
    idea = make_idea(title="Pay by bank transfer")
    customer = make_user("customer", email="maya@example.com", name="Maya Lopez")
    agent = make_user("agent", name="Sam Agent")
    supervisor = make_user("supervisor")

    # The customer reads the help centre, then writes in; articles come up as they type.
    maya = tabs.open("customer")
    sign_in_page(maya, customer.email)
    maya.goto("/kb")
    tabs.shot(maya, "help-centre")
    with maya.expect_navigation():
        maya.get_by_role("link", name="Why was I charged twice?").first.click()
    maya.get_by_text("A card hold, not a second sale.").wait_for()
    tabs.shot(maya, "article")
    maya.goto("/tickets/new")
    maya.get_by_label("Subject").press_sequentially("Charged twice", delay=20)
    suggestions = maya.locator("#kb-suggestions")
    suggestions.get_by_role("link", name="Why was I charged twice?").wait_for()
    maya.get_by_label("Describe the problem").fill(
        "This is terrible. I was charged twice for order 4411 and nobody answers. I am furious."
    )
    tabs.shot(maya, "new-ticket-with-suggestions")
    with maya.expect_navigation():
        maya.get_by_role("button", name="Send request").click()
    maya.get_by_role("heading", name="Charged twice").wait_for()
    tabs.shot(maya, "ticket-sent")
    ticket = db.session.scalar(select(Ticket))
    assert ticket.first_sentiment == "negative"

    # The agent finds it in the queue, runs the incident checklist, replies and resolves.
    sam = tabs.open("agent")
    sign_in_page(sam, agent.email)
    sam.goto("/agent/tickets")
    sam.get_by_role("link", name="Charged twice").first.wait_for()
    tabs.shot(sam, "queue")
    with sam.expect_navigation():
        sam.get_by_role("link", name="Charged twice").first.click()
    sam.get_by_label("Assignee").select_option(label="Sam Agent")
    with sam.expect_navigation():
        sam.get_by_role("button", name="Assign").click()
    sam.get_by_label("Start a playbook").select_option(
        label="★ Incident checklist for an unhappy customer (suggested)"
    )
    with sam.expect_navigation():
        sam.locator("#playbooks").get_by_role("button", name="Start").click()
    for done, step in enumerate(CHECKLIST, start=1):
        sam.get_by_label(step).check()
        sam.get_by_text(f"{done} of 5 done").wait_for()
    tabs.shot(sam, "checklist-done")
    sam.get_by_role("textbox", name="Message").fill(
        "Hi Maya, I am sorry. The second charge was a card hold and is released today."
    )
    sam.get_by_label("Then set status").select_option("resolved")
    with sam.expect_navigation():
        sam.get_by_role("button", name="Send").click()
    sam.get_by_text("Message sent.").wait_for()
    tabs.shot(sam, "replied-and-resolved")
    sam.goto("/agent/check-ins?scope=all")
    sam.get_by_role("link", name=re.compile("Charged twice")).first.wait_for()
    tabs.shot(sam, "check-in-scheduled")
    assert db.session.scalar(select(CheckIn.ticket_id)) == ticket.id

    # The customer answers the survey from the emailed link, then votes for an idea.
    maya.goto(emailed_path("survey_invitation", customer.email))
    maya.get_by_role("radio", name="5 Very satisfied").check()
    maya.get_by_label("Anything you would like to tell us?").fill("Sorted quickly, thank you.")
    tabs.shot(maya, "survey")
    with maya.expect_navigation():
        maya.get_by_role("button", name="Send").click()
    maya.get_by_text("Thank you! Your answer helps us get better.").wait_for()
    tabs.shot(maya, "survey-thanks")
    maya.goto(f"/ideas/{idea.id}")
    with maya.expect_navigation():
        maya.get_by_role("button", name=re.compile("Vote")).first.click()
    tabs.shot(maya, "idea-voted")
    assert db.session.scalar(
        select(Vote).where(Vote.idea_id == idea.id, Vote.user_id == customer.id)
    )
    assert db.session.scalar(select(SurveyResponse.csat)) == 5

    # The supervisor sees the ticket, its resolution and the answer in the reports.
    boss = tabs.open("supervisor")
    sign_in_page(boss, supervisor.email)
    boss.goto("/reports")
    sam_row = boss.get_by_role("row", name=re.compile("Sam Agent"))
    sam_row.wait_for()
    tabs.shot(boss, "reports")
    assert "100% (1)" in sam_row.inner_text()  # one ticket resolved, one satisfied answer

    assert tabs.problems == []
