"""The API's people, help-centre, idea, survey, metrics and playbook operations: what each
answers on the happy path, and who may call it (the role rules and the finer ones the services
hold, such as drafts being invisible to customers or an admin not demoting themselves).

Tickets, tokens, error documents and the OpenAPI document have their own modules. Each test
here runs on both databases, so related checks share a test to keep the module quick.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from helpdesk import clock, resource_dir
from helpdesk.auth import service as accounts
from helpdesk.auth.models import User
from helpdesk.extensions import db
from helpdesk.ideas import service as ideas
from helpdesk.ideas.models import Idea, Vote
from helpdesk.kb.models import Article
from helpdesk.outbox.models import OutboxEmail
from helpdesk.playbooks import service as playbooks
from helpdesk.playbooks.models import RunStep
from helpdesk.reports import metrics
from helpdesk.surveys import service as surveys
from helpdesk.surveys.models import SurveyInvitation
from helpdesk.tickets import service as tickets
from tests.conftest import FIXED_NOW
from tests.factories import make_article, make_idea, make_ticket, make_user

API = "/api/v1"
ANGRY = "This is terrible, I am furious and still waiting for my refund!"


def problem(response, status: int) -> dict:
    """The problem document of a refused request, checked to be one with this status."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    document = response.get_json()
    assert document["status"] == status
    assert {"type", "title", "detail"} <= document.keys()
    return document


def fields(document: dict) -> list[str]:
    return [error["field"] for error in document.get("errors", [])]


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def ids(items: list[dict], key: str = "id") -> list:
    return [item[key] for item in items]


def count_rows(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def all_pages(client, path: str, limit: int) -> list[list]:
    """The ids on each page, following `next_cursor` until it is null (at most 10 pages)."""
    pages, cursor = [], None
    for _ in range(10):
        separator = "&" if "?" in path else "?"
        page = ok(
            client.get(f"{path}{separator}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        )
        pages.append(ids(page["items"]))
        cursor = page["next_cursor"]
        if cursor is None:
            return pages
    raise AssertionError("next_cursor never ran out")


# --- People -------------------------------------------------------------------------------


def test_me_is_the_tokens_owner_with_their_role(api):
    for role in ("customer", "agent", "supervisor", "admin"):
        client, user = api(role)

        body = ok(client.get(f"{API}/me"))

        assert (body["id"], body["email"], body["role"], body["active"]) == (
            user.id,
            user.email,
            role,
            True,
        )
        assert datetime.fromisoformat(body["created_at"]) == FIXED_NOW


def test_agents_and_supervisors_list_customers_only_and_customers_nobody(api):
    customers = [make_user("customer") for _ in range(3)]
    make_user("admin")
    for role in ("agent", "supervisor"):
        client, _ = api(role)

        listed = ok(client.get(f"{API}/users"))
        asked_for_customers = ok(client.get(f"{API}/users?role=customer"))

        assert ids(listed["items"]) == [customer.id for customer in customers]
        assert ids(asked_for_customers["items"]) == ids(listed["items"])
        assert listed["next_cursor"] is None
        for wanted in ("agent", "supervisor", "admin"):
            problem(client.get(f"{API}/users?role={wanted}"), 403)

    customer_client, _ = api("customer")
    problem(customer_client.get(f"{API}/users"), 403)


def test_admins_list_everyone_and_filter_by_role(api):
    client, admin = api("admin")
    customer, agent, supervisor = make_user("customer"), make_user("agent"), make_user("supervisor")

    everyone = ok(client.get(f"{API}/users"))
    agents = ok(client.get(f"{API}/users?role=agent"))
    admins = ok(client.get(f"{API}/users?role=admin"))

    assert ids(everyone["items"]) == [admin.id, customer.id, agent.id, supervisor.id]
    assert ids(agents["items"]) == [agent.id]
    assert ids(admins["items"]) == [admin.id]


def test_q_finds_part_of_a_name_or_email_in_any_case_taking_wildcards_literally(api):
    client, _ = api("agent")
    ana = make_user("customer", name="Ana Lopez", email="ana@shop.example.com")
    bert = make_user("customer", name="Bert Smith", email="bert@lopez-family.example.com")
    underscore = make_user("customer", name="Carla under_score", email="carla@example.com")

    by_name_or_email = ok(client.get(f"{API}/users?q=LOPEZ"))
    by_email = ok(client.get(f"{API}/users?q=shop.example"))

    assert ids(by_name_or_email["items"]) == [ana.id, bert.id]
    assert ids(by_email["items"]) == [ana.id]
    assert ok(client.get(f"{API}/users?q=%25"))["items"] == []
    assert ids(ok(client.get(f"{API}/users?q=_"))["items"]) == [underscore.id]


def test_people_come_in_pages_that_follow_next_cursor_to_the_end(api):
    client, _ = api("supervisor")
    customers = [make_user("customer").id for _ in range(5)]

    assert all_pages(client, f"{API}/users", limit=2) == [
        customers[0:2],
        customers[2:4],
        customers[4:],
    ]
    # A last page filled exactly says there is no more.
    assert all_pages(client, f"{API}/users", limit=5) == [customers]
    document = problem(client.get(f"{API}/users?cursor=not-one-of-ours"), 422)
    assert fields(document) == ["cursor"]


def test_only_an_admin_adds_a_person_who_can_then_sign_in(api):
    wanted = {
        "email": " New.Agent@Example.com ",
        "name": "New Agent",
        "role": "agent",
        "password": "a long enough password",
    }
    for role in ("customer", "agent", "supervisor"):
        refused, _ = api(role)
        problem(refused.post(f"{API}/users", json=wanted), 403)
    assert accounts.find_by_email("new.agent@example.com") is None
    client, _ = api("admin")

    body = ok(client.post(f"{API}/users", json=wanted), 201)

    assert (body["email"], body["name"], body["role"], body["active"]) == (
        "new.agent@example.com",
        "New Agent",
        "agent",
        True,
    )
    signed_in = accounts.authenticate(
        email="new.agent@example.com", password="a long enough password"
    )
    assert signed_in.id == body["id"] and signed_in.role == "agent"


def test_adding_a_taken_email_or_a_short_password_is_422_naming_the_field(api):
    client, _ = api("admin")
    make_user("customer", email="taken@example.com")
    before = count_rows(User)
    person = {"name": "Someone", "role": "agent", "password": "long enough!"}

    taken = problem(client.post(f"{API}/users", json={**person, "email": "Taken@Example.com"}), 422)
    short = problem(
        client.post(f"{API}/users", json={**person, "email": "p@example.com", "password": "short"}),
        422,
    )

    assert fields(taken) == ["email"]
    assert fields(short) == ["password"]
    assert count_rows(User) == before


def test_an_admin_changes_others_roles_and_deactivates_and_reactivates_them(api):
    client, _ = api("admin")
    agent_client, agent = api("agent")
    other_admin = make_user("admin")

    promoted = ok(client.patch(f"{API}/users/{agent.id}", json={"role": "supervisor"}))
    deactivated = ok(client.patch(f"{API}/users/{agent.id}", json={"active": False}))

    assert (promoted["role"], promoted["active"]) == ("supervisor", True)
    assert (deactivated["role"], deactivated["active"]) == ("supervisor", False)
    problem(agent_client.get(f"{API}/me"), 401)  # a deactivated person's token stops working

    reactivated = ok(client.patch(f"{API}/users/{agent.id}", json={"active": True}))
    demoted = ok(client.patch(f"{API}/users/{other_admin.id}", json={"role": "agent"}))

    assert reactivated["active"] is True
    assert ok(agent_client.get(f"{API}/me"))["role"] == "supervisor"
    assert demoted["role"] == "agent"


def test_an_admin_cannot_demote_or_deactivate_themselves_last_admin_or_not(api):
    """The service refuses a change to oneself (403) before it looks for other admins; an
    admin's token always belongs to an active admin, so the last-admin rule can only meet
    the caller themselves."""
    client, admin = api("admin")
    for _ in range(2):  # first as the only admin, then beside another one
        demoted = problem(client.patch(f"{API}/users/{admin.id}", json={"role": "agent"}), 403)
        deactivated = problem(client.patch(f"{API}/users/{admin.id}", json={"active": False}), 403)

        assert "own role" in demoted["detail"]
        assert "own account" in deactivated["detail"]
        db.session.refresh(admin)
        assert (admin.role, admin.active) == ("admin", True)
        make_user("admin")

    assert ok(client.get(f"{API}/me"))["role"] == "admin"


def test_only_admins_change_people_and_an_unknown_person_is_404(api):
    customer = make_user("customer")
    for role in ("customer", "agent", "supervisor"):
        client, _ = api(role)
        problem(client.patch(f"{API}/users/{customer.id}", json={"active": False}), 403)
    db.session.refresh(customer)
    assert customer.active is True

    admin_client, _ = api("admin")
    problem(admin_client.patch(f"{API}/users/999999", json={"active": False}), 404)


# --- Help centre --------------------------------------------------------------------------


@pytest.fixture
def shelf(app):
    """Two published articles and a draft; the draft and one published one mention refunds."""
    author = make_user("agent")
    return {
        "address": make_article(
            title="How do I change my delivery address?",
            body="Open My orders and press Change address.",
            author=author,
        ),
        "refunds": make_article(
            title="When will my refund arrive?",
            body="A refund reaches your card within five working days.",
            author=author,
        ),
        "draft": make_article(
            title="Refunds for gift cards",
            body="Gift card refunds go back to the card as credit.",
            status="draft",
            author=author,
        ),
    }


def slugs(listing: dict) -> set[str]:
    return {item["slug"] for item in listing["items"]}


def test_the_list_holds_drafts_only_for_staff_who_ask_for_them(api, shelf):
    customer, _ = api("customer")
    agent, _ = api("agent")
    published = {shelf["address"].slug, shelf["refunds"].slug}

    customers_list = ok(customer.get(f"{API}/articles"))
    staff_list = ok(agent.get(f"{API}/articles"))
    staff_drafts = ok(agent.get(f"{API}/articles?status=draft"))

    assert slugs(customers_list) == published
    assert (customers_list["total"], customers_list["pages"]) == (2, 1)
    assert slugs(ok(customer.get(f"{API}/articles?status=published"))) == published
    problem(customer.get(f"{API}/articles?status=draft"), 403)
    assert slugs(staff_list) == published  # published unless asked, as in a search
    assert slugs(staff_drafts) == {shelf["draft"].slug}


def test_q_finds_published_articles_only_unless_staff_ask_for_drafts(api, shelf):
    customer, _ = api("customer")
    agent, _ = api("agent")

    for client in (customer, agent):
        found = ok(client.get(f"{API}/articles?q=refund"))

        assert slugs(found) == {shelf["refunds"].slug}
        assert found["total"] == 1


def test_staff_searching_drafts_get_drafts_only(api, shelf):
    client, _ = api("agent")

    found = ok(client.get(f"{API}/articles?status=draft&q=refund"))

    assert {item["status"] for item in found["items"]} <= {"draft"}
    assert slugs(found) == {shelf["draft"].slug}


def test_an_article_reads_for_everyone_once_published_and_for_staff_only_as_a_draft(api, shelf):
    customer, _ = api("customer")
    agent, _ = api("agent")
    article = shelf["refunds"]

    for client in (customer, agent):
        body = ok(client.get(f"{API}/articles/{article.slug}"))
        assert (body["slug"], body["title"], body["status"], body["version"]) == (
            article.slug,
            "When will my refund arrive?",
            "published",
            article.version,
        )
    problem(customer.get(f"{API}/articles/{shelf['draft'].slug}"), 404)
    assert ok(agent.get(f"{API}/articles/{shelf['draft'].slug}"))["status"] == "draft"
    problem(agent.get(f"{API}/articles/no-such-article"), 404)


def test_staff_write_a_draft_by_default_or_publish_at_once_and_customers_may_not(api):
    customer, _ = api("customer")
    client, _ = api("agent")

    problem(customer.post(f"{API}/articles", json={"title": "Mine", "body": "Text"}), 403)
    draft = ok(
        client.post(
            f"{API}/articles",
            json={"title": "Where is my parcel?", "body": "Track it under **My orders**."},
        ),
        201,
    )
    published = ok(
        client.post(
            f"{API}/articles",
            json={"title": "Opening hours", "body": "We answer 9-17.", "status": "published"},
        ),
        201,
    )

    assert (draft["slug"], draft["status"], draft["published_at"]) == (
        "where-is-my-parcel",
        "draft",
        None,
    )
    assert draft["body_markdown"] == "Track it under **My orders**."
    assert "<strong>My orders</strong>" in draft["body_html"]
    assert published["status"] == "published"
    assert datetime.fromisoformat(published["published_at"]) == FIXED_NOW
    assert count_rows(Article) == 2


def test_writing_an_article_in_a_category_that_does_not_exist_names_category_id(api):
    client, _ = api("agent")

    document = problem(
        client.post(f"{API}/articles", json={"title": "T", "body": "B", "category_id": 99999}),
        422,
    )

    assert fields(document) == ["category_id"]
    assert count_rows(Article) == 0


def test_staff_edit_with_the_version_they_read_and_a_stale_version_is_409(api, shelf):
    client, _ = api("agent")
    customer, _ = api("customer")
    article = shelf["refunds"]
    read = ok(client.get(f"{API}/articles/{article.slug}"))
    edit = {"body": "Within *three* working days.", "status": "published"}

    problem(
        customer.put(
            f"{API}/articles/{article.slug}",
            json={**edit, "title": "Customer's", "version": read["version"]},
        ),
        403,
    )
    edited = ok(
        client.put(
            f"{API}/articles/{article.slug}",
            json={**edit, "title": "First edit", "version": read["version"]},
        )
    )
    stale = client.put(
        f"{API}/articles/{article.slug}",
        json={**edit, "title": "Second edit", "version": read["version"]},
    )

    assert (edited["slug"], edited["title"]) == (article.slug, "First edit")
    assert "<em>three</em>" in edited["body_html"]
    assert edited["version"] == read["version"] + 1
    problem(stale, 409)
    now = ok(client.get(f"{API}/articles/{article.slug}"))
    assert (now["title"], now["version"]) == ("First edit", read["version"] + 1)


# --- Ideas --------------------------------------------------------------------------------


def status_emails() -> list[OutboxEmail]:
    return db.session.scalars(
        select(OutboxEmail).where(OutboxEmail.kind == "idea_status").order_by(OutboxEmail.id)
    ).all()


def votes_for(idea_id: int) -> int:
    return count_rows(Vote, Vote.idea_id == idea_id)


def test_a_posted_idea_counts_its_authors_vote_and_reads_back(api):
    client, author = api("customer")

    posted = ok(
        client.post(f"{API}/ideas", json={"title": "Dark mode", "body": "Easier at night."}), 201
    )
    read = ok(client.get(f"{API}/ideas/{posted['id']}"))

    assert (posted["title"], posted["author_id"], posted["status"]) == (
        "Dark mode",
        author.id,
        "new",
    )
    assert posted["vote_count"] == 1 == votes_for(posted["id"])
    assert read == posted
    problem(client.get(f"{API}/ideas/999999"), 404)


def test_the_board_sorts_by_votes_or_by_newest_and_leaves_merged_ideas_out(api):
    client, _ = api("customer")
    first = make_idea(title="First")
    clock.advance(timedelta(hours=1))
    most_voted = make_idea(title="Most voted")
    clock.advance(timedelta(hours=1))
    newest = make_idea(title="Newest")
    for _ in range(2):
        ideas.toggle_vote(idea=most_voted, user=make_user("customer"))
    ideas.toggle_vote(idea=newest, user=make_user("customer"))
    clock.advance(timedelta(hours=1))
    duplicate = make_idea(title="Duplicate")
    ideas.merge(idea=duplicate, into_id=first.id, actor=make_user("agent"))

    top = ok(client.get(f"{API}/ideas?sort=top"))
    new = ok(client.get(f"{API}/ideas?sort=new"))

    assert ids(top["items"]) == [most_voted.id, newest.id, first.id]
    assert [item["vote_count"] for item in top["items"]] == [3, 2, 2]
    assert ids(new["items"]) == [newest.id, most_voted.id, first.id]
    assert top["total"] == new["total"] == 3


def test_voting_or_taking_a_vote_back_twice_counts_once_and_a_done_idea_takes_none(api):
    idea, done = make_idea(), make_idea(title="Shipped already")
    ideas.change_status(idea=done, actor=make_user("agent"), status="done", note="Shipped.")
    client, voter = api("customer")

    voted = [ok(client.put(f"{API}/ideas/{idea.id}/vote")) for _ in range(2)]
    rows_after_voting = votes_for(idea.id)
    unvoted = [ok(client.delete(f"{API}/ideas/{idea.id}/vote")) for _ in range(2)]

    assert voted == [{"voted": True, "vote_count": 2}] * 2
    assert rows_after_voting == 2
    assert unvoted == [{"voted": False, "vote_count": 1}] * 2
    assert votes_for(idea.id) == 1
    problem(client.put(f"{API}/ideas/{done.id}/vote"), 422)
    assert votes_for(done.id) == 1
    assert db.session.scalar(select(Idea.vote_count).where(Idea.id == done.id)) == 1
    assert count_rows(Vote, Vote.user_id == voter.id) == 0


def test_comments_are_201_and_only_staff_comments_are_official(api):
    idea = make_idea()
    customer, customer_user = api("customer")
    agent, _ = api("agent")

    mine = ok(customer.post(f"{API}/ideas/{idea.id}/comments", json={"body": "Yes please"}), 201)
    official = ok(agent.post(f"{API}/ideas/{idea.id}/comments", json={"body": "Planned."}), 201)

    assert (mine["idea_id"], mine["author_id"], mine["official"]) == (
        idea.id,
        customer_user.id,
        False,
    )
    assert official["official"] is True
    assert ok(customer.get(f"{API}/ideas/{idea.id}"))["comment_count"] == 2


def test_only_staff_move_an_idea_on_and_every_voter_is_emailed_once(api):
    author = make_user("customer")
    idea = make_idea(author=author)
    fans = [make_user("customer") for _ in range(2)]
    for fan in fans:
        ideas.toggle_vote(idea=idea, user=fan)
    customer, _ = api("customer")
    client, _ = api("agent")

    move = {"status": "planned", "note": "Spring release."}
    problem(customer.post(f"{API}/ideas/{idea.id}/status", json=move), 403)
    assert status_emails() == []
    body = ok(client.post(f"{API}/ideas/{idea.id}/status", json=move))

    assert (body["id"], body["status"], body["done_at"]) == (idea.id, "planned", None)
    emails = status_emails()
    assert sorted(email.to_address for email in emails) == sorted(
        [author.email, *(fan.email for fan in fans)]
    )
    assert all("is now planned" in email.subject for email in emails)
    assert "Spring release." in emails[0].body_text

    clock.advance(timedelta(days=1))
    done = ok(client.post(f"{API}/ideas/{idea.id}/status", json={"status": "done", "note": "Out"}))
    assert datetime.fromisoformat(done["done_at"]) == FIXED_NOW + timedelta(days=1)


def test_only_staff_merge_a_duplicate_whose_voters_move_and_are_told(api):
    kept = make_idea(title="Dark mode")
    duplicate = make_idea(title="Night theme")
    both, only_duplicate = make_user("customer"), make_user("customer")
    for voter in (both, only_duplicate):
        ideas.toggle_vote(idea=duplicate, user=voter)
    ideas.toggle_vote(idea=kept, user=both)
    customer, _ = api("customer")
    client, _ = api("agent")

    problem(customer.post(f"{API}/ideas/{duplicate.id}/merge", json={"into_id": kept.id}), 403)
    nowhere = problem(
        client.post(f"{API}/ideas/{duplicate.id}/merge", json={"into_id": 999999}), 422
    )
    assert fields(nowhere) == ["into_id"]
    assert status_emails() == []
    body = ok(client.post(f"{API}/ideas/{duplicate.id}/merge", json={"into_id": kept.id}))

    assert (body["id"], body["vote_count"]) == (kept.id, 4)
    assert votes_for(kept.id) == 4
    merged = ok(client.get(f"{API}/ideas/{duplicate.id}"))
    assert (merged["merged_into_id"], merged["vote_count"]) == (kept.id, 0)
    told = {email.to_address for email in status_emails()}
    assert told == {duplicate.author.email, both.email, only_duplicate.email}


def test_posting_an_idea_in_a_category_that_does_not_exist_names_category_id(api):
    client, _ = api("customer")

    document = problem(
        client.post(f"{API}/ideas", json={"title": "Dark mode", "category_id": 99999}), 422
    )

    assert fields(document) == ["category_id"]
    assert count_rows(Idea) == 0


# --- Survey answers -----------------------------------------------------------------------


def survey_answer(at: datetime, csat: int, agent: User, **scores):
    """A new customer's ticket resolved by `agent` at `at`, and the survey answered then."""
    clock.freeze(at)
    ticket = make_ticket()
    tickets.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    tickets.reply(ticket=ticket, author=agent, body="Sorted.", kind="reply")
    tickets.change_status(ticket=ticket, actor=agent, status="resolved")
    invitation = db.session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.ticket_id == ticket.id)
    )
    response = surveys.answer(token=invitation.token, csat=csat, **scores)
    clock.freeze(FIXED_NOW)
    return response


@pytest.fixture
def answers(app):
    """Four answers for two agents: 26 and 28 February (a minute to midnight), twice on
    1 March (at midnight and in the evening)."""
    ann, bob = make_user("agent"), make_user("agent")
    return {
        "ann": ann,
        "bob": bob,
        "feb26": survey_answer(datetime(2026, 2, 26, 10, tzinfo=UTC), 5, ann, nps=10),
        "feb28": survey_answer(datetime(2026, 2, 28, 23, 59, tzinfo=UTC), 2, bob),
        "mar1_early": survey_answer(datetime(2026, 3, 1, 0, 0, tzinfo=UTC), 4, ann, ces=2),
        "mar1_late": survey_answer(datetime(2026, 3, 1, 18, tzinfo=UTC), 3, bob),
    }


def test_staff_read_survey_answers_newest_first_and_customers_may_not(api, answers):
    customer, _ = api("customer")
    client, _ = api("agent")

    problem(customer.get(f"{API}/survey-responses"), 403)
    listing = ok(client.get(f"{API}/survey-responses"))

    names = ["mar1_late", "mar1_early", "feb28", "feb26"]
    assert ids(listing["items"]) == [answers[name].id for name in names]
    assert listing["next_cursor"] is None
    oldest = listing["items"][-1]
    assert (oldest["csat"], oldest["nps"], oldest["ces"], oldest["agent_id"]) == (
        5,
        10,
        None,
        answers["ann"].id,
    )
    assert oldest["ticket_id"] == answers["feb26"].ticket_id
    assert datetime.fromisoformat(oldest["answered_at"]) == datetime(2026, 2, 26, 10, tzinfo=UTC)


def test_survey_answers_filter_by_whole_days_both_ends_included_and_by_agent(api, answers):
    client, _ = api("supervisor")

    def listed(query: str) -> list[int]:
        return ids(ok(client.get(f"{API}/survey-responses?{query}"))["items"])

    assert listed("answered_from=2026-03-01") == [answers["mar1_late"].id, answers["mar1_early"].id]
    assert listed("answered_to=2026-02-28") == [answers["feb28"].id, answers["feb26"].id]
    assert listed("answered_from=2026-02-28&answered_to=2026-02-28") == [answers["feb28"].id]
    assert listed(f"agent={answers['ann'].id}") == [
        answers["mar1_early"].id,
        answers["feb26"].id,
    ]


def test_survey_answers_page_through_next_cursor_each_once_even_at_the_same_moment(api, answers):
    at = datetime(2026, 2, 27, 12, tzinfo=UTC)
    twins = [survey_answer(at, 4, answers["ann"]).id, survey_answer(at, 5, answers["ann"]).id]
    client, _ = api("agent")
    newest_first = [
        answers["mar1_late"].id,
        answers["mar1_early"].id,
        answers["feb28"].id,
        twins[1],
        twins[0],
        answers["feb26"].id,
    ]

    assert all_pages(client, f"{API}/survey-responses", limit=4) == [
        newest_first[:4],
        newest_first[4:],
    ]
    assert all_pages(client, f"{API}/survey-responses", limit=1) == [[i] for i in newest_first]


# --- Metrics ------------------------------------------------------------------------------


def on(day: int, hour: int = 9) -> None:
    """Set the clock to an hour of February 2026 (UTC)."""
    clock.freeze(datetime(2026, 2, day, hour, tzinfo=UTC))


def answer_survey(ticket, **scores) -> None:
    invitation = db.session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.ticket_id == ticket.id)
    )
    surveys.answer(token=invitation.token, **scores)


@pytest.fixture
def history(app):
    """Tickets over the two weeks before 2 March for agents Ann and Bob: answered, resolved,
    one complaint, one never answered, two survey answers; the clock then back at now."""
    ann, bob = make_user("agent"), make_user("agent")

    on(17)
    early = make_ticket()
    tickets.assign(ticket=early, actor=ann, assignee_id=ann.id)
    on(17, 12)
    tickets.reply(ticket=early, author=ann, body="Here it is.", kind="reply")
    on(18)
    tickets.change_status(ticket=early, actor=ann, status="resolved")

    on(20)
    complaint = make_ticket(body=ANGRY)
    tickets.assign(ticket=complaint, actor=bob, assignee_id=bob.id)
    on(24)
    tickets.reply(ticket=complaint, author=bob, body="So sorry; refunded.", kind="reply")
    on(25)
    tickets.change_status(ticket=complaint, actor=bob, status="resolved")
    on(26)
    answer_survey(complaint, csat=2, nps=3, comment="Awful service, I am upset.")

    on(24)
    quick = make_ticket(priority="high")
    tickets.assign(ticket=quick, actor=ann, assignee_id=ann.id)
    on(24, 10)
    tickets.reply(ticket=quick, author=ann, body="Done.", kind="reply")
    tickets.change_status(ticket=quick, actor=ann, status="resolved")
    answer_survey(quick, csat=5, nps=10, ces=2)

    on(27)
    make_ticket()  # never answered
    clock.freeze(FIXED_NOW)
    return ann, bob


def expected_figures(cut: metrics.Filter) -> dict:
    """What helpdesk.reports.metrics says for the period, under the API's names."""
    found = metrics.summary(cut, db.session)
    outcomes = found.outcomes
    return {
        "start": cut.start,
        "end": cut.end,
        "tickets_created": found.volume.created,
        "tickets_resolved": found.volume.resolved,
        "backlog": found.volume.backlog,
        "first_reply_median_seconds": found.first_reply.answered.median,
        "first_reply_p90_seconds": found.first_reply.answered.p90,
        "unanswered": found.first_reply.unanswered,
        "resolution_median_seconds": outcomes.resolution.median,
        "resolution_p90_seconds": outcomes.resolution.p90,
        "requester_wait_median_seconds": outcomes.wait.median,
        "replies_to_resolution": outcomes.replies_mean,
        "one_touch_rate": outcomes.one_touch_rate,
        "reopen_rate": outcomes.reopen_rate,
        "reopens": outcomes.reopens,
        "followups_per_ticket": outcomes.followups_mean,
        "messages_per_ticket": found.conversation.messages_mean,
        "complaints": found.complaints.received,
        "complaints_resolved": found.complaints.resolved,
        "mood_recovery_rate": found.complaints.recovery_rate,
        "survey_answers": found.surveys.answers,
        "csat": found.surveys.csat,
        "nps": found.surveys.nps,
        "ces": found.surveys.ces_mean,
        "survey_response_rate": found.surveys.response_rate,
        "sla_attainment": outcomes.sla_rate,
        "check_ins_due": found.check_ins.due,
        "check_ins_on_time_rate": found.check_ins.on_time_rate,
        "check_ins_overdue": found.check_ins.overdue,
        "kb_deflection_rate": found.deflection.rate,
        "tagger_agreement": found.agreement.rate,
    }


def assert_figures(answered: dict, cut: metrics.Filter) -> None:
    expected = expected_figures(cut)
    assert answered.keys() == expected.keys()
    got = {
        **answered,
        "start": datetime.fromisoformat(answered["start"]),
        "end": datetime.fromisoformat(answered["end"]),
    }
    for name, value in expected.items():
        if isinstance(value, float):
            assert got[name] == pytest.approx(value), name
        else:
            assert got[name] == value, name


def period(first: date, last: date, **cuts) -> metrics.Filter:
    """The filter of whole UTC days `first` to `last`, both included, seen from now."""
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
    return metrics.Filter(start=start, end=end, now=FIXED_NOW, **cuts)


def test_the_figures_for_a_period_and_its_cuts_are_those_of_the_reports(api, history):
    ann, _ = history
    client, _ = api("supervisor")

    body = ok(client.get(f"{API}/metrics?from=2026-02-23&to=2026-03-01"))
    anns = ok(client.get(f"{API}/metrics?from=2026-02-16&to=2026-03-01&agent={ann.id}"))

    current = period(date(2026, 2, 23), date(2026, 3, 1))
    assert_figures(body["current"], current)
    assert_figures(body["previous"], current.previous())
    assert_figures(anns["current"], period(date(2026, 2, 16), date(2026, 3, 1), agent_id=ann.id))
    # The history is rich enough for the comparisons above to compare something.
    assert (body["current"]["tickets_created"], body["current"]["tickets_resolved"]) == (2, 2)
    assert (body["previous"]["tickets_created"], body["previous"]["tickets_resolved"]) == (2, 1)
    assert (body["current"]["survey_answers"], body["current"]["csat"]) == (2, 0.5)
    assert (anns["current"]["tickets_resolved"], anns["current"]["complaints"]) == (2, 0)


def test_only_supervisors_and_admins_get_figures_to_the_end_of_today_by_default(api, history):
    for role in ("customer", "agent"):
        refused, _ = api(role)
        problem(refused.get(f"{API}/metrics"), 403)
    client, _ = api("admin")

    last_30_days = ok(client.get(f"{API}/metrics"))
    from_alone = ok(client.get(f"{API}/metrics?from=2026-02-23"))

    today = FIXED_NOW.date()
    assert_figures(last_30_days["current"], period(today - timedelta(days=29), today))
    assert last_30_days["current"]["tickets_created"] == 4
    assert_figures(from_alone["current"], period(date(2026, 2, 23), today))


def test_dates_out_of_order_or_to_without_from_are_422(api):
    client, _ = api("supervisor")

    backwards = problem(client.get(f"{API}/metrics?from=2026-02-10&to=2026-02-09"), 422)
    to_alone = problem(client.get(f"{API}/metrics?to=2026-02-09"), 422)

    assert fields(backwards) == ["to"]
    assert fields(to_alone) == ["from"]


# --- Playbooks ----------------------------------------------------------------------------


@pytest.fixture
def synced(app):
    playbooks.sync(resource_dir("playbooks"))
    return {playbook.slug: playbook for playbook in playbooks.current_playbooks()}


@pytest.fixture
def run(synced):
    """The unhappy-customer checklist started on a ticket."""
    ticket = make_ticket(body=ANGRY)
    return playbooks.start_run(
        ticket=ticket, playbook_id=synced["difficult-customer"].id, actor=make_user("agent")
    )


def test_staff_list_the_current_playbooks_and_read_each_with_its_steps(api, synced):
    client, _ = api("agent")

    listing = ok(client.get(f"{API}/playbooks"))

    current = sorted(synced.values(), key=lambda playbook: playbook.title)
    assert ids(listing["items"]) == [playbook.id for playbook in current]
    for item, playbook in zip(listing["items"], current, strict=True):
        assert (item["slug"], item["title"], item["version"]) == (
            playbook.slug,
            playbook.title,
            1,
        )
        assert ids(item["steps"]) == [step.id for step in playbook.steps]
        assert ok(client.get(f"{API}/playbooks/{playbook.id}")) == item
    checklist = ok(client.get(f"{API}/playbooks/{synced['difficult-customer'].id}"))
    assert [step["position"] for step in checklist["steps"]] == list(
        range(1, len(checklist["steps"]) + 1)
    )
    assert [step["check_in_after_seconds"] for step in checklist["steps"]] == [
        step.check_in_after_seconds for step in synced["difficult-customer"].steps
    ]
    problem(client.get(f"{API}/playbooks/999999"), 404)


def test_staff_list_the_runs_on_a_ticket(api, run):
    client, _ = api("agent")

    listing = ok(client.get(f"{API}/tickets/{run.ticket_id}/runs"))

    [item] = listing["items"]
    assert (item["id"], item["playbook_id"], item["started_by_id"]) == (
        run.id,
        run.playbook_id,
        run.started_by_id,
    )
    assert item["completed_at"] is None and item["steps"] == []
    problem(client.get(f"{API}/tickets/999999/runs"), 404)


def test_ticking_a_step_marks_it_done_by_whoever_ticked_and_unticking_undoes_it(api, run):
    client, agent = api("agent")
    step = run.playbook.steps[0]
    path = f"{API}/runs/{run.id}/steps/{step.id}"

    ticked = ok(client.post(path, json={"done": True, "note": "Listened."}))

    [entry] = ticked["steps"]
    assert (entry["step_id"], entry["done"], entry["done_by_id"], entry["note"]) == (
        step.id,
        True,
        agent.id,
        "Listened.",
    )
    assert datetime.fromisoformat(entry["done_at"]) == FIXED_NOW
    assert ticked["completed_at"] is None
    assert ok(client.get(f"{API}/tickets/{run.ticket_id}/runs"))["items"][0] == ticked

    unticked = ok(client.post(path, json={"done": False}))

    [entry] = unticked["steps"]
    assert (entry["done"], entry["done_by_id"], entry["done_at"]) == (False, None, None)
    assert db.session.scalar(select(RunStep.done).where(RunStep.run_id == run.id)) is False


def test_ticking_every_required_step_completes_the_run_but_a_foreign_step_is_404(api, run, synced):
    client, _ = api("supervisor")
    foreign = synced["billing-dispute"].steps[0]
    required = [step for step in run.playbook.steps if step.required]

    problem(client.post(f"{API}/runs/{run.id}/steps/{foreign.id}", json={"done": True}), 404)
    assert count_rows(RunStep) == 0
    for step in required:
        body = ok(client.post(f"{API}/runs/{run.id}/steps/{step.id}", json={"done": True}))

    assert datetime.fromisoformat(body["completed_at"]) == FIXED_NOW
    assert {entry["step_id"] for entry in body["steps"] if entry["done"]} == {
        step.id for step in required
    }


def test_customers_may_not_use_playbooks_even_on_their_own_ticket(api, synced):
    client, customer = api("customer")
    ticket = make_ticket(customer=customer, body=ANGRY)
    checklist = synced["difficult-customer"]
    run = playbooks.start_run(ticket=ticket, playbook_id=checklist.id, actor=make_user("agent"))

    problem(client.get(f"{API}/playbooks"), 403)
    problem(client.get(f"{API}/playbooks/{checklist.id}"), 403)
    problem(client.get(f"{API}/tickets/{ticket.number}/runs"), 403)
    step = checklist.steps[0]
    problem(client.post(f"{API}/runs/{run.id}/steps/{step.id}", json={"done": True}), 403)

    assert count_rows(RunStep) == 0
