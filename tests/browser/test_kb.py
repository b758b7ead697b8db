"""Suggestions in a real browser: help-centre articles and similar ideas while typing,
links into replies, the article preview."""

from sqlalchemy import select

from helpdesk.extensions import db
from helpdesk.kb.models import Suggestion
from tests.conftest import sign_in_page
from tests.factories import make_article, make_idea, make_ticket, make_user


def test_customer_sees_articles_while_typing_a_subject_and_the_visit_is_recorded(page):
    article = make_article(title="Why was I charged twice?", body="A card hold, not a sale.")
    make_article(title="Where is my parcel?", body="Track it under My orders.")
    customer = make_user("customer")
    sign_in_page(page, customer.email)
    page.goto("/tickets/new")

    page.get_by_label("Subject").press_sequentially("charged twice", delay=20)

    suggestion = page.locator("#kb-suggestions").get_by_role("link", name=article.title)
    suggestion.wait_for()
    assert page.locator("#kb-suggestions li").count() == 1
    with page.context.expect_page() as opened:
        suggestion.click()
    opened.value.wait_for_load_state()
    assert "A card hold" in opened.value.content()
    row = db.session.scalar(select(Suggestion))
    assert row.customer_id == customer.id and row.article_id == article.id
    assert row.opened_at is not None


def test_agent_inserts_a_link_to_a_matching_article_into_the_reply(page):
    article = make_article(title="Where is my parcel?", body="Track it under My orders.")
    ticket = make_ticket(subject="My parcel has not arrived")
    sign_in_page(page, make_user("agent").email)
    page.goto(f"/tickets/{ticket.number}")
    page.get_by_role("textbox", name="Message").fill("Hi, this should help:")

    page.locator("#kb").get_by_role("button", name="Insert link").click()

    assert page.get_by_role("textbox", name="Message").input_value() == (
        f"Hi, this should help:\nWhere is my parcel?: http://127.0.0.1:5000/kb/{article.slug}\n"
    )


def test_article_editor_previews_markdown_as_it_is_typed(page):
    sign_in_page(page, make_user("agent").email)
    page.goto("/kb/new")

    page.get_by_label("Article").fill("## Steps\n\n1. Open **orders**\n\n<script>x()</script>")

    preview = page.locator("#article-preview")
    preview.locator("strong", has_text="orders").wait_for()
    assert preview.locator("h2", has_text="Steps").is_visible()
    assert "script" not in preview.inner_html()


def test_similar_ideas_show_while_typing_a_new_ideas_title(page):
    make_idea(title="Dark mode in the app")
    sign_in_page(page, make_user("customer").email)
    page.goto("/ideas/new")

    page.get_by_label("Your idea in a line").press_sequentially("dark theme", delay=20)

    box = page.locator("#similar-ideas")
    box.get_by_role("link", name="Dark mode in the app").wait_for()
    assert "vote for one instead" in box.inner_text()
