"""Tickets in a real browser: a customer writes in, an agent answers with a canned reply."""

from sqlalchemy import func, select

from helpdesk.extensions import db
from helpdesk.tickets.models import Message, Ticket
from tests.conftest import sign_in_page
from tests.factories import make_canned_reply, make_ticket, make_user


def test_double_clicking_send_makes_one_ticket(page):
    customer = make_user("customer")
    sign_in_page(page, customer.email)
    page.goto("/tickets/new")
    page.get_by_label("Subject").fill("Parcel missing")
    page.get_by_label("Category").select_option(label="Orders & delivery")
    page.get_by_label("Describe the problem").fill("My parcel never came.")

    with page.expect_navigation():
        page.get_by_role("button", name="Send request").dblclick()

    assert page.get_by_role("heading", name="Parcel missing").is_visible()
    assert db.session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_agent_inserts_a_canned_reply_and_the_customer_reads_it(page, chromium, live_server):
    customer = make_user("customer", name="Maya Lopez")
    agent = make_user("agent", name="Sam Agent")
    ticket = make_ticket(customer=customer, subject="Refund please")
    make_canned_reply(title="Refund issued", body="Hi {{customer.first_name}}, refund sent.")
    sign_in_page(page, agent.email)
    page.goto(f"/tickets/{ticket.number}")

    page.get_by_label("Insert a canned reply").select_option(label="Refund issued")
    assert page.get_by_role("textbox", name="Message").input_value() == "Hi Maya, refund sent."
    page.get_by_label("Then set status").select_option("resolved")
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()

    assert page.get_by_text("Message sent.").is_visible()
    db.session.refresh(ticket)
    assert ticket.status == "resolved"
    assert db.session.scalar(select(Message.body).where(Message.kind == "reply")) == (
        "Hi Maya, refund sent."
    )

    other = chromium.new_context(base_url=live_server)
    customer_page = other.new_page()
    sign_in_page(customer_page, customer.email)
    customer_page.goto(f"/tickets/{ticket.number}")
    assert customer_page.get_by_text("Hi Maya, refund sent.").is_visible()
    assert customer_page.get_by_role("button", name="It is not solved: reopen").is_visible()
    other.close()


def test_ticking_a_playbook_step_saves_in_place(page, app):
    from helpdesk import resource_dir
    from helpdesk.playbooks import service as playbooks

    playbooks.sync(resource_dir("playbooks"))
    agent = make_user("agent")
    ticket = make_ticket(body="This is terrible, I am furious and still waiting!")
    [checklist] = [p for p in playbooks.current_playbooks() if p.slug == "difficult-customer"]
    run = playbooks.start_run(ticket=ticket, playbook_id=checklist.id, actor=agent)
    sign_in_page(page, agent.email)
    page.goto(f"/tickets/{ticket.number}")

    page.get_by_label("Listen first, don't react").check()

    page.get_by_text("1 of 5 done").wait_for()
    assert page.url.endswith(f"/tickets/{ticket.number}")  # no page load happened
    assert playbooks.progress(playbooks.get_run(run.id)) == (1, 5)
