"""The board: sorting, filters, search, similar ideas, posting, and what stays inert."""

from datetime import timedelta

from sqlalchemy import select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.ideas import service
from helpdesk.ideas.models import Idea, IdeaCategory
from tests.factories import make_idea, make_user


def titles(page: str, *candidates: str) -> list[str]:
    found = [(page.index(title), title) for title in candidates if title in page]
    return [title for _, title in sorted(found)]


def votes(idea, count: int) -> None:
    for _ in range(count):
        service.toggle_vote(idea=idea, user=make_user("customer"))


def test_top_sorts_by_votes_and_new_by_date(client):
    old_popular = make_idea(title="Old popular")
    votes(old_popular, 3)
    clock.advance(timedelta(days=1))
    make_idea(title="Fresh quiet")

    top = client.get("/ideas?sort=top").get_data(as_text=True)
    new = client.get("/ideas?sort=new").get_data(as_text=True)

    assert titles(top, "Old popular", "Fresh quiet") == ["Old popular", "Fresh quiet"]
    assert titles(new, "Old popular", "Fresh quiet") == ["Fresh quiet", "Old popular"]


def test_trending_weighs_recent_votes_over_old_ones(client):
    old_hit = make_idea(title="Old hit")
    votes(old_hit, 6)  # all long ago
    clock.advance(timedelta(days=30))
    rising = make_idea(title="Rising now")
    votes(rising, 2)

    page = client.get("/ideas?sort=trending").get_data(as_text=True)

    assert titles(page, "Old hit", "Rising now") == ["Rising now", "Old hit"]


def test_trending_pages_run_from_rising_ideas_into_the_rest_with_filters(app, client):
    app.config["PER_PAGE"] = 2
    quiet = make_idea(title="Quiet but loved")
    votes(quiet, 5)
    declined = make_idea(title="Declined anyway")
    clock.advance(timedelta(days=30))
    fresh = [make_idea(title=f"Rising {n}") for n in range(3)]
    for idea, count in zip(fresh, (1, 3, 2), strict=True):
        votes(idea, count)
    votes(declined, 4)
    service.change_status(idea=declined, actor=make_user("agent"), status="declined", note="No.")
    everything = ("Rising 0", "Rising 1", "Rising 2", "Quiet but loved", "Declined anyway")

    pages = [
        titles(client.get(f"/ideas?sort=trending&page={n}").get_data(as_text=True), *everything)
        for n in (1, 2, 3)
    ]
    under_review = titles(
        client.get("/ideas?sort=trending&status=new").get_data(as_text=True), *everything
    )

    assert pages == [
        ["Declined anyway", "Rising 1"],
        ["Rising 2", "Rising 0"],
        ["Quiet but loved"],
    ]
    assert under_review == ["Rising 1", "Rising 2"]


def test_trending_follows_a_vote_at_once(client):
    first, second = make_idea(title="First idea"), make_idea(title="Second idea")
    votes(first, 2)
    votes(second, 1)
    before = client.get("/ideas?sort=trending").get_data(as_text=True)

    voters = [make_user("customer") for _ in range(2)]
    for voter in voters:
        service.toggle_vote(idea=second, user=voter)
    after_votes = client.get("/ideas?sort=trending").get_data(as_text=True)
    service.toggle_vote(idea=second, user=voters[0])  # taken back
    service.toggle_vote(idea=second, user=voters[1])
    after_unvotes = client.get("/ideas?sort=trending").get_data(as_text=True)

    ideas = ("First idea", "Second idea")
    assert titles(before, *ideas) == ["First idea", "Second idea"]
    assert titles(after_votes, *ideas) == ["Second idea", "First idea"]
    assert titles(after_unvotes, *ideas) == ["First idea", "Second idea"]


def test_the_board_filters_by_status_and_category_and_searches(client):
    category = IdeaCategory(name="Mobile app")
    db.session.add(category)
    db.session.commit()
    app_idea = make_idea(title="Offline mode", body="Let the app work on the train.")
    app_idea.category_id = category.id
    db.session.commit()
    planned = make_idea(title="Gift wrapping")
    service.change_status(idea=planned, actor=make_user("agent"), status="planned", note="Yes.")

    by_status = client.get("/ideas?status=planned").get_data(as_text=True)
    by_category = client.get(f"/ideas?category={category.id}").get_data(as_text=True)
    searched = client.get("/ideas?q=train").get_data(as_text=True)

    assert "Gift wrapping" in by_status and "Offline mode" not in by_status
    assert "Offline mode" in by_category and "Gift wrapping" not in by_category
    assert "Offline mode" in searched and "Gift wrapping" not in searched
    for odd in ("/ideas?sort=%00", "/ideas?status=bogus&category=x&page=-1", "/ideas?q=%22(*"):
        assert client.get(odd).status_code == 200


def test_posting_an_idea_shows_similar_ones_and_needs_a_title(login):
    make_idea(title="Dark mode in the app")
    browser, user = login("customer")

    similar = browser.get("/ideas/similar?q=dark theme for the app").get_json()
    refused = browser.post("/ideas/new", data={"title": "", "body": "x"})
    posted = browser.post("/ideas/new", data={"title": "Pay with a gift card", "body": "**Yes**"})

    assert [idea["title"] for idea in similar] == ["Dark mode in the app"]
    assert refused.status_code == 422 and "Give your idea a title." in refused.get_data(
        as_text=True
    )
    idea = db.session.scalar(select(Idea).where(Idea.title == "Pay with a gift card"))
    assert posted.status_code == 302 and idea.author_id == user.id
    assert idea.body_html == "<p><strong>Yes</strong></p>"


def test_posting_needs_a_signed_in_user(client):
    assert client.get("/ideas/new").status_code == 302


def test_hostile_titles_bodies_and_comments_stay_inert(login):
    browser, _ = login("customer")
    browser.post(
        "/ideas/new",
        data={
            "title": "Dark mode <script>alert(1)</script>",
            "body": "<img src=x onerror=alert(1)> [x](javascript:alert(1))",
        },
    )
    idea = db.session.scalar(select(Idea))
    browser.post(f"/ideas/{idea.id}/comments", data={"body": "<b onmouseover=alert(1)>hi</b>"})

    for url in ("/ideas", f"/ideas/{idea.id}"):
        page = browser.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "onerror" not in page
        assert "javascript:" not in page and "<b onmouseover" not in page
    # JSON carries the title as data; the form's script puts it in with textContent.
    similar = browser.get("/ideas/similar?q=dark mode")
    assert similar.mimetype == "application/json"
    assert similar.get_json()[0]["title"] == "Dark mode <script>alert(1)</script>"
