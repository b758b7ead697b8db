"""Votes: one per person, toggled, counted exactly, refused on closed ideas, under races."""

import threading

import pytest
from sqlalchemy import func, select

from helpdesk.errors import Invalid
from helpdesk.extensions import db
from helpdesk.ideas import service
from helpdesk.ideas.models import Vote
from tests.factories import make_idea, make_user


def vote_rows(idea) -> int:
    return db.session.scalar(select(func.count()).select_from(Vote).where(Vote.idea_id == idea.id))


def test_the_author_votes_for_their_own_idea(app):
    idea = make_idea()

    assert idea.vote_count == 1 == vote_rows(idea)


def test_a_vote_toggles_and_the_count_follows_the_rows(login):
    idea = make_idea()
    browser, _ = login("customer")

    browser.post(f"/ideas/{idea.id}/vote")
    db.session.refresh(idea)
    assert idea.vote_count == 2 == vote_rows(idea)
    browser.post(f"/ideas/{idea.id}/vote")
    db.session.refresh(idea)
    assert idea.vote_count == 1 == vote_rows(idea)


def test_the_database_refuses_a_second_vote_by_one_person(app):
    idea = make_idea()
    voter = make_user("customer")
    db.session.add(Vote(idea_id=idea.id, user_id=voter.id))
    db.session.commit()

    db.session.add(Vote(idea_id=idea.id, user_id=voter.id))
    with pytest.raises(Exception, match="(?i)unique"):
        db.session.commit()
    db.session.rollback()


def test_many_concurrent_votes_count_each_person_once(app, backend):
    if backend == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's concurrency")
    idea = make_idea()
    voters = [make_user("customer") for _ in range(6)]
    barrier = threading.Barrier(12)
    errors = []

    def vote(user_id):
        with app.app_context():
            try:
                user = db.session.get(type(voters[0]), user_id)
                barrier.wait()
                service.toggle_vote(idea=service.get(idea.id), user=user)
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)
            finally:
                db.session.remove()

    # Each voter clicks twice at the same moment: one vote each must stand.
    threads = [threading.Thread(target=vote, args=(voter.id,)) for voter in voters for _ in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    db.session.refresh(idea)
    assert errors == []
    assert idea.vote_count == vote_rows(idea)


@pytest.mark.parametrize("status", ["done", "declined"])
def test_a_closed_idea_takes_no_votes(app, status):
    idea = make_idea()
    service.change_status(idea=idea, actor=make_user("agent"), status=status, note="Decided.")

    with pytest.raises(Invalid, match="takes no more votes"):
        service.toggle_vote(idea=idea, user=make_user("customer"))


def test_voting_needs_a_signed_in_user_and_a_post(client):
    idea = make_idea()

    response = client.post(f"/ideas/{idea.id}/vote")

    assert response.status_code == 302 and response.location.startswith("/login")
    assert client.get(f"/ideas/{idea.id}/vote").status_code == 405
