"""The public help centre: front page, articles, drafts, search, votes and suggestions."""

from datetime import timedelta

from sqlalchemy import select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.kb.insights import deflection
from helpdesk.kb.models import Suggestion
from helpdesk.tickets.models import Category
from tests.factories import make_article, make_ticket


def category(name: str) -> Category:
    return db.session.scalar(select(Category).where(Category.name == name))


def test_front_page_lists_categories_with_their_articles_most_read_and_latest(client):
    billing = category("Billing")
    make_article(title="Why was I charged twice?", category_id=billing.id)
    make_article(title="Where is my parcel?", category_id=category("Orders & delivery").id)
    make_article(title="Secret plans", status="draft", category_id=billing.id)

    page = client.get("/kb").get_data(as_text=True)

    assert "Billing" in page and "Orders &amp; delivery" in page
    assert "Why was I charged twice?" in page and "Where is my parcel?" in page
    assert "Most read" in page and "Recently updated" in page
    assert "Secret plans" not in page


def test_front_page_keeps_the_admins_order_of_categories(client):
    billing, orders = category("Billing"), category("Orders & delivery")
    billing.position, orders.position = 9, 1
    db.session.commit()
    make_article(title="Invoices explained", category_id=billing.id)
    make_article(title="Where is my parcel?", category_id=orders.id)

    page = client.get("/kb").get_data(as_text=True)

    assert page.index("Orders &amp; delivery") < page.index("Billing")


def test_category_page_lists_its_published_articles(client):
    billing = category("Billing")
    make_article(title="Invoices explained", category_id=billing.id)
    make_article(title="Draft about invoices", category_id=billing.id, status="draft")
    make_article(title="Parcel tracking", category_id=category("Orders & delivery").id)

    page = client.get(f"/kb/categories/{billing.id}").get_data(as_text=True)

    assert "Invoices explained" in page
    assert "Draft about invoices" not in page and "Parcel tracking" not in page
    assert client.get("/kb/categories/999").status_code == 404


def test_article_page_shows_the_sanitised_article_and_related_ones(client):
    billing = category("Billing")
    article = make_article(
        title="Refund timing",
        body="## When\n\nWithin **2 days**.<script>x()</script>",
        category_id=billing.id,
        tags=["refund"],
    )
    make_article(title="Refund to a closed card", tags=["refund"])
    make_article(title="Unrelated parcel question", category_id=category("Orders & delivery").id)

    page = client.get(f"/kb/{article.slug}").get_data(as_text=True)

    assert "<h2>When</h2>" in page and "<strong>2 days</strong>" in page
    assert "<script>x()" not in page
    assert "Related articles" in page and "Refund to a closed card" in page
    assert "Unrelated parcel question" not in page
    assert "Was this helpful?" in page


def test_reading_an_article_counts_a_view_but_staff_reading_it_does_not(client, login):
    article = make_article()
    agent, _ = login("agent")

    client.get(f"/kb/{article.slug}")
    client.get(f"/kb/{article.slug}")
    agent.get(f"/kb/{article.slug}")

    db.session.refresh(article)
    assert article.view_count == 2


def test_drafts_are_hidden_from_customers_and_anonymous_visitors_but_not_staff(client, login):
    draft = make_article(title="Unannounced price change", status="draft")
    customer, _ = login("customer")
    agent, _ = login("agent")

    assert client.get(f"/kb/{draft.slug}").status_code == 404
    assert customer.get(f"/kb/{draft.slug}").status_code == 404
    assert customer.post(f"/kb/{draft.slug}/feedback", data={"helpful": "yes"}).status_code == 404
    staff_view = agent.get(f"/kb/{draft.slug}").get_data(as_text=True)
    assert "Unannounced price change" in staff_view and "only staff can see it" in staff_view


def test_drafts_never_appear_in_search_or_suggestions(client):
    make_article(title="Unannounced price change", body="Prices rise in May.", status="draft")

    assert "Unannounced" not in client.get("/kb/search?q=price").get_data(as_text=True)
    assert client.get("/kb/suggest?q=price change").get_json() == []


def test_search_ranks_a_title_match_above_a_body_match(client):
    in_body = make_article(
        title="Delivery times",
        body="Parcels take two days. If a voucher code fails, check its expiry date.",
    )
    in_title = make_article(title="Using a voucher code", body="Enter it at checkout.")
    make_article(title="Opening hours", body="We answer every day.")

    page = client.get("/kb/search?q=voucher").get_data(as_text=True)

    assert page.index("Using a <mark>voucher</mark> code") < page.index("Delivery times")
    assert "2 articles" in page
    assert "Opening hours" not in page
    assert in_body.slug in page and in_title.slug in page


def test_search_snippets_highlight_matches_and_keep_the_text_inert(client):
    make_article(title="Odd characters", body="Type <b>bold</b> and a refund appears.")

    page = client.get("/kb/search?q=refund").get_data(as_text=True)

    assert "<mark>refund</mark>" in page
    assert "<b>bold</b>" not in page


def test_search_finds_other_forms_of_a_word_and_ignores_filler_words(client):
    make_article(title="Refunds", body="We refund to the card you paid with.")

    page = client.get("/kb/search?q=how do I get refunded").get_data(as_text=True)

    assert "1 article" in page and "Refunds" in page


def test_stop_words_are_ignored_alike_on_both_databases(client):
    make_article(title="Is the site down?", body="Check the status page.")

    assert "0 articles" in client.get("/kb/search?q=down").get_data(as_text=True)
    assert "1 article" in client.get("/kb/search?q=site down").get_data(as_text=True)


def test_odd_input_gets_a_clean_answer_never_a_server_error(login):
    article = make_article()
    browser, _ = login("customer")
    agent, _ = login("agent")

    for url in (
        "/kb/x%00y",
        "/kb/x%00y/edit",
        f"/kb/{article.slug}?form=a%00b",
        "/kb/suggest?q=password%00&form=k1",
        "/kb/suggest?q=password&form=k%00",
        "/kb/search?q=%00",
        "/kb/" + "a" * 500,
    ):
        assert browser.get(url).status_code in (200, 403, 404), url
    assert browser.post("/kb/x%00y/feedback", data={"helpful": "yes"}).status_code == 404
    assert agent.get("/kb/new?from_ticket=99999999999999999999").status_code == 404
    too_big = agent.post(
        "/kb/new",
        data={"title": "T", "body": "b", "status": "draft", "from_ticket": "99999999999999999999"},
    )
    assert too_big.status_code == 422


def test_search_with_operators_or_nothing_to_search_for_is_no_error(client):
    make_article()
    for query in ['"', "AND OR NOT", "*", "a:b", "(", "NEAR(x y)", "", "   ", "é" * 300]:
        response = client.get("/kb/search", query_string={"q": query})
        assert response.status_code == 200, query


def test_helpful_votes_count_once_per_visitor_and_a_changed_mind_moves_the_vote(client, app):
    article = make_article()
    other = app.test_client()

    client.post(f"/kb/{article.slug}/feedback", data={"helpful": "yes"})
    client.post(f"/kb/{article.slug}/feedback", data={"helpful": "yes"})
    other.get(f"/kb/{article.slug}")
    other.post(f"/kb/{article.slug}/feedback", data={"helpful": "no"})
    response = client.post(f"/kb/{article.slug}/feedback", data={"helpful": "no"})

    db.session.refresh(article)
    assert (article.helpful_yes, article.helpful_no) == (0, 2)
    assert response.status_code == 302 and response.location.endswith("#feedback")


def test_a_signed_in_reader_is_counted_once_across_browsers(app, login):
    article = make_article()
    first, user = login("customer")
    second = app.test_client()
    second.post("/login", data={"email": user.email, "password": "correct horse battery"})

    first.post(f"/kb/{article.slug}/feedback", data={"helpful": "yes"})
    second.post(f"/kb/{article.slug}/feedback", data={"helpful": "yes"})

    db.session.refresh(article)
    assert (article.helpful_yes, article.helpful_no) == (1, 0)


def test_a_vote_that_is_neither_yes_nor_no_counts_nothing(client):
    article = make_article()

    response = client.post(f"/kb/{article.slug}/feedback", data={"helpful": "maybe"})

    db.session.refresh(article)
    assert response.status_code == 302
    assert (article.helpful_yes, article.helpful_no) == (0, 0)


def test_suggest_returns_title_and_url_of_matching_published_articles(client):
    article = make_article(title="How do I reset my password?", body="Use the reset link.")
    make_article(title="Where is my parcel?", body="Track it under My orders.")

    response = client.get("/kb/suggest?q=forgot password")

    assert response.status_code == 200 and response.mimetype == "application/json"
    [found] = response.get_json()
    assert found["title"] == "How do I reset my password?"
    assert found["url"] == f"/kb/{article.slug}"
    assert found["excerpt"] == "Use the reset link."
    assert client.get("/kb/suggest?q=").get_json() == []


def test_suggestions_on_a_customers_form_are_recorded_with_what_they_did_next(login):
    answer = make_article(title="How do I reset my password?", body="Use the reset link.")
    make_article(title="Reset link expired", body="A password reset link works for an hour.")
    browser, customer = login("customer")

    shown = browser.get("/kb/suggest?q=reset password&form=form-one").get_json()
    browser.get("/kb/suggest?q=reset my password&form=form-one")  # typing on: no new rows
    browser.get(shown[0]["url"])
    browser.get("/kb/suggest?q=password&form=form-two")
    browser.post(
        "/tickets/new",
        data={"subject": "Password", "body": "It still fails.", "submission_key": "form-two"},
    )

    rows = db.session.scalars(select(Suggestion).order_by(Suggestion.id)).all()
    assert {(row.form_key, row.article_id) for row in rows} >= {("form-one", answer.id)}
    assert len([row for row in rows if row.form_key == "form-one"]) == 2
    assert [row.form_key for row in rows if row.opened_at] == ["form-one"]
    assert all(row.customer_id == customer.id for row in rows)
    now = clock.now()
    figures = deflection(now - timedelta(days=1), now + timedelta(seconds=1))
    assert (figures.forms, figures.opened, figures.deflected) == (2, 1, 1)
    assert figures.rate == 0.5


def test_suggestions_for_anonymous_visitors_or_staff_are_not_recorded(client, login):
    make_article(title="How do I reset my password?")
    agent, _ = login("agent")

    client.get("/kb/suggest?q=password&form=anon")
    agent.get("/kb/suggest?q=password&form=staff")

    assert db.session.scalar(select(Suggestion.id)) is None


def test_new_ticket_form_is_ready_for_suggestions_and_works_without_them(login):
    browser, _ = login("customer")

    page = browser.get("/tickets/new").get_data(as_text=True)
    response = browser.post(
        "/tickets/new", data={"subject": "Broken zip", "body": "The zip on my jacket broke."}
    )

    assert 'data-suggest-url="/kb/suggest"' in page and 'id="kb-suggestions"' in page
    assert response.status_code == 302


def test_links_in_ticket_messages_are_clickable_and_inert(login):
    browser, customer = login("customer")
    ticket = make_ticket(
        customer=customer, body='See https://shop.example.com/help?a=1&b=2 and <b onclick="x">'
    )

    page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)

    assert '<a href="https://shop.example.com/help?a=1&amp;b=2" rel="noopener' in page
    assert "<b onclick" not in page


def test_help_centre_is_open_to_anonymous_visitors(client):
    assert client.get("/kb").status_code == 200
    assert client.get("/kb/search?q=x").status_code == 200


def test_an_admins_category_description_shows_in_the_help_centre(login, client):
    admin, _ = login("admin")
    billing = category("Billing")
    make_article(title="Invoices explained", category_id=billing.id)

    admin.post(
        f"/admin/categories/{billing.id}",
        data={"name": "Billing", "position": 1, "description": "Payments, invoices and plans."},
    )

    assert "Payments, invoices and plans." in client.get("/kb").get_data(as_text=True)
