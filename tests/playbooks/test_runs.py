"""Playbooks on tickets: sync and versions, suggestions, runs, ticking, check-ins, access."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from helpdesk import clock, resource_dir
from helpdesk.extensions import db
from helpdesk.playbooks import service
from helpdesk.playbooks.models import CheckIn, Playbook, RunStep
from helpdesk.tickets import service as tickets
from helpdesk.tickets.models import TicketEvent
from tests.factories import make_ticket, make_user

ANGRY = "This is terrible, I am furious and still waiting for my refund!"
CALM = "Could you tell me how to change the delivery address on my order?"


@pytest.fixture
def synced(app):
    service.sync(resource_dir("playbooks"))
    return {playbook.slug: playbook for playbook in service.current_playbooks()}


def write_playbook(folder, name: str, title: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(
        f"id: {name}\ntitle: {title}\nsteps:\n  - title: Only step\n    guidance: Do it.\n"
    )


def test_sync_versions_changed_files_and_retires_removed_ones(app, tmp_path):
    folder = tmp_path / "playbooks"
    write_playbook(folder, "alpha", "Alpha")
    write_playbook(folder, "beta", "Beta")
    assert sorted(service.sync(folder).added) == ["alpha", "beta"]

    write_playbook(folder, "alpha", "Alpha, reworded")
    (folder / "beta.yaml").unlink()
    report = service.sync(folder)

    assert report.updated == ["alpha"] and report.retired == ["beta"]
    versions = db.session.scalars(select(Playbook).where(Playbook.slug == "alpha")).all()
    assert sorted((p.version, p.retired) for p in versions) == [(1, True), (2, False)]
    assert [p.title for p in service.current_playbooks()] == ["Alpha, reworded"]
    assert service.sync(folder).unchanged == ["alpha"]


def test_a_run_keeps_the_version_it_started_with(app, tmp_path):
    folder = tmp_path / "playbooks"
    write_playbook(folder, "alpha", "Alpha")
    service.sync(folder)
    agent = make_user("agent")
    ticket = make_ticket()
    run = service.start_run(
        ticket=ticket, playbook_id=service.current_playbooks()[0].id, actor=agent
    )

    write_playbook(folder, "alpha", "Alpha v2")
    service.sync(folder)

    assert service.get_run(run.id).playbook.title == "Alpha"


def test_a_bad_file_loads_nothing(app, runner, tmp_path):
    folder = tmp_path / "playbooks"
    write_playbook(folder, "alpha", "Alpha")
    (folder / "broken.yaml").write_text("id: broken\ntitle: Broken\nsteps: []\n")

    result = runner.invoke(args=["playbooks", "sync", "--folder", str(folder)])

    assert result.exit_code == 1 and "broken.yaml" in result.output
    assert db.session.scalars(select(Playbook)).all() == []


def test_a_negative_ticket_suggests_the_incident_checklist(synced, login):
    browser, agent = login("agent")
    angry = make_ticket(body=ANGRY)
    calm = make_ticket(body=CALM)

    assert "difficult-customer" in [p.slug for p in service.suggestions(angry)]
    assert "difficult-customer" not in [p.slug for p in service.suggestions(calm)]
    page = browser.get(f"/tickets/{angry.number}").get_data(as_text=True)
    assert "Incident checklist" in page and "(suggested)" in page


def test_outage_playbook_is_suggested_by_tag(synced):
    agent = make_user("agent")
    ticket = make_ticket(body=CALM)
    assert "service-outage" not in [p.slug for p in service.suggestions(ticket)]

    tickets.set_tags(ticket=ticket, actor=agent, names=["outage"])

    assert "service-outage" in [p.slug for p in service.suggestions(ticket)]


def test_starting_a_run_and_not_twice(synced, login):
    browser, agent = login("agent")
    ticket = make_ticket(body=ANGRY)
    checklist = synced["difficult-customer"]

    browser.post(f"/tickets/{ticket.number}/playbooks", data={"playbook_id": checklist.id})
    again = browser.post(f"/tickets/{ticket.number}/playbooks", data={"playbook_id": checklist.id})

    assert len(service.runs_of(ticket)) == 1
    assert "already open on this ticket" in browser.get(again.location).get_data(as_text=True)
    assert "difficult-customer" not in [p.slug for p in service.suggestions(ticket)]
    event = db.session.scalar(select(TicketEvent).where(TicketEvent.type == "playbook_started"))
    assert event.actor_id == agent.id


def test_ticking_and_unticking_records_who_and_when(synced, login):
    browser, agent = login("agent")
    ticket = make_ticket(body=ANGRY)
    checklist = synced["difficult-customer"]
    run = service.start_run(ticket=ticket, playbook_id=checklist.id, actor=agent)
    first = checklist.steps[0]

    browser.post(
        f"/runs/{run.id}/steps/{first.id}", data={"done": ["1", "0"], "note": "Heard them"}
    )
    entry = db.session.scalar(select(RunStep))
    assert (entry.done, entry.done_by_id, entry.done_at, entry.note) == (
        True,
        agent.id,
        clock.now(),
        "Heard them",
    )
    page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)
    assert "1 of 5 done" in page and f"Done by {agent.name}" in page
    assert f"{agent.name} ticked “Listen first" in page

    browser.post(f"/runs/{run.id}/steps/{first.id}", data={"done": "0"})
    db.session.refresh(entry)
    assert entry.done is False and entry.done_at is None
    types = db.session.scalars(select(TicketEvent.type).order_by(TicketEvent.id)).all()
    assert types[-2:] == ["playbook_step_done", "playbook_step_undone"]


def test_ticking_answers_json_for_the_page_script(synced, login):
    browser, agent = login("agent")
    ticket = make_ticket(body=ANGRY)
    run = service.start_run(ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=agent)

    response = browser.post(
        f"/runs/{run.id}/steps/{run.playbook.steps[0].id}",
        data={"done": "1"},
        headers={"Accept": "application/json"},
    )

    assert response.get_json() == {"done": 1, "total": 5, "completed": False}


def test_completing_every_required_step_completes_the_run(synced):
    agent = make_user("agent")
    ticket = make_ticket(body=ANGRY)
    run = service.start_run(ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=agent)

    for step in run.playbook.steps:
        service.tick(run_id=run.id, step_id=step.id, actor=agent, done=True)

    assert service.get_run(run.id).completed_at == clock.now()
    assert service.progress(run) == (5, 5)


def test_follow_up_step_schedules_a_check_in_two_days_later(synced, login):
    browser, agent = login("agent")
    ticket = make_ticket(body=ANGRY)
    tickets.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    run = service.start_run(ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=agent)
    follow_up = run.playbook.steps[-1]

    service.tick(run_id=run.id, step_id=follow_up.id, actor=agent, done=True)

    check_in = db.session.scalar(select(CheckIn))
    assert check_in.due_at == clock.now() + timedelta(days=2)
    assert check_in.assignee_id == agent.id
    assert "No check-ins waiting for you" not in browser.get("/agent/check-ins").get_data(
        as_text=True
    )
    assert 'aria-label="1 due"' not in browser.get("/").get_data(as_text=True)

    clock.advance(timedelta(days=3))
    assert 'aria-label="1 due"' in browser.get("/").get_data(as_text=True)
    assert "overdue by 1 d" in browser.get("/agent/check-ins").get_data(as_text=True)


def test_doing_a_check_in_writes_to_the_customer_and_marks_it_done(synced, login):
    browser, agent = login("agent")
    ticket = make_ticket(body=ANGRY)
    run = service.start_run(ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=agent)
    service.tick(run_id=run.id, step_id=run.playbook.steps[-1].id, actor=agent, done=True)
    check_in = db.session.scalar(select(CheckIn))

    browser.post(f"/check-ins/{check_in.id}/done", data={"body": "All good now?", "kind": "reply"})

    db.session.refresh(check_in)
    assert check_in.done_at == clock.now() and check_in.done_by_id == agent.id
    bodies = [message.body for message in ticket_messages(ticket)]
    assert "All good now?" in bodies
    assert "No check-ins waiting for you" in browser.get("/agent/check-ins").get_data(as_text=True)


def ticket_messages(ticket):
    from helpdesk.tickets.models import Message

    return db.session.scalars(select(Message).where(Message.ticket_id == ticket.id)).all()


def test_check_in_list_shows_mine_and_everyones(synced, login):
    browser, agent = login("agent")
    colleague = make_user("agent", name="Col League")
    ticket = make_ticket(body=ANGRY)
    tickets.assign(ticket=ticket, actor=colleague, assignee_id=colleague.id)
    run = service.start_run(
        ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=colleague
    )
    service.tick(run_id=run.id, step_id=run.playbook.steps[-1].id, actor=colleague, done=True)

    mine = browser.get("/agent/check-ins").get_data(as_text=True)
    everyone = browser.get("/agent/check-ins?scope=all").get_data(as_text=True)

    assert "No check-ins waiting for you" in mine
    assert f"#{ticket.number}" in everyone and "Col League" in everyone


def test_resolving_with_open_required_steps_asks_first(synced, login):
    browser, agent = login("agent")
    ticket = make_ticket(body=ANGRY)
    service.start_run(ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=agent)

    response = browser.post(
        f"/tickets/{ticket.number}/status", data={"status": "resolved", "version": ticket.version}
    )
    db.session.refresh(ticket)
    assert ticket.status == "new"
    page = browser.get(response.location).get_data(as_text=True)
    assert "Still open: Incident checklist" in page and "Resolve anyway" in page

    browser.post(
        f"/tickets/{ticket.number}/status",
        data={"status": "resolved", "version": ticket.version, "confirm": "1"},
    )
    db.session.refresh(ticket)
    assert ticket.status == "resolved"
    event = db.session.scalars(select(TicketEvent).order_by(TicketEvent.id.desc())).first()
    assert event.data["left_undone"] == 5


def test_a_stale_or_foreign_run_or_step_answers_404(synced, login):
    browser, agent = login("agent")
    ticket = make_ticket(body=ANGRY)
    run = service.start_run(ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=agent)
    foreign_step = synced["billing-dispute"].steps[0]

    assert (
        browser.post(f"/runs/{run.id}/steps/{foreign_step.id}", data={"done": "1"}).status_code
        == 404
    )
    assert (
        browser.post(f"/runs/99999/steps/{foreign_step.id}", data={"done": "1"}).status_code == 404
    )
    assert browser.post("/check-ins/99999/done", data={"body": "x"}).status_code == 404


def test_customers_never_see_playbooks_or_runs(synced, login):
    browser, customer = login("customer")
    agent = make_user("agent")
    ticket = make_ticket(customer=customer, body=ANGRY)
    run = service.start_run(ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=agent)

    page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)
    assert "Incident checklist" not in page and "Playbooks" not in page
    for path in ("/playbooks", f"/playbooks/{run.playbook_id}", "/agent/check-ins"):
        assert browser.get(path).status_code == 403
    assert (
        browser.post(
            f"/runs/{run.id}/steps/{run.playbook.steps[0].id}", data={"done": "1"}
        ).status_code
        == 403
    )


def test_a_development_start_syncs_the_playbooks(app, tmp_path):
    from helpdesk import create_app

    development = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "INSTANCE_PATH": str(tmp_path),
            "DEBUG": True,
        }
    )
    with development.app_context():
        db.engine.dispose()

    assert {playbook.slug for playbook in service.current_playbooks()} >= {"difficult-customer"}


def test_a_reply_that_resolves_with_open_steps_is_kept_and_asks_first(synced, login):
    browser, agent = login("agent")
    ticket = make_ticket(body=ANGRY)
    service.start_run(ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=agent)

    response = browser.post(
        f"/tickets/{ticket.number}/reply",
        data={"body": "Sorted, sorry again.", "kind": "reply", "status": "resolved"},
    )

    db.session.refresh(ticket)
    assert ticket.status != "resolved"
    assert "Sorted, sorry again." in [message.body for message in ticket_messages(ticket)]
    assert "Resolve anyway" in browser.get(response.location).get_data(as_text=True)
