"""Staff side of the help centre: writing and editing, FAQ from a ticket, the ticket panel,
and the page of topics no article covers yet."""

from datetime import timedelta

from sqlalchemy import select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.kb.models import Article
from helpdesk.kb.prefill import scrub
from helpdesk.tickets import service as tickets
from helpdesk.tickets.models import Category, TicketEvent
from tests.factories import make_article, make_ticket, make_user

ARTICLE = {
    "title": "How do I return a jacket?",
    "body": "## Steps\n\n1. Open **My orders**\n2. Press *Return*",
    "category": "",
    "tags": "returns, jacket",
    "status": "published",
}


def billing_id() -> int:
    return db.session.scalar(select(Category.id).where(Category.name == "Billing"))


def test_staff_write_an_article_and_it_is_published_at_a_readable_address(login):
    browser, agent = login("agent")

    response = browser.post("/kb/new", data={**ARTICLE, "category": billing_id(), "save": "1"})

    article = db.session.scalar(select(Article))
    assert response.status_code == 302 and response.location == "/kb/how-do-i-return-a-jacket"
    assert article.author_id == agent.id and article.category_id == billing_id()
    assert [tag.name for tag in article.tags] == ["jacket", "returns"]
    assert "<strong>My orders</strong>" in browser.get(response.location).get_data(as_text=True)


def test_preview_shows_the_rendered_article_without_saving(login):
    browser, _ = login("agent")

    response = browser.post(
        "/kb/new", data={**ARTICLE, "body": "**Bold** <script>x()</script>", "preview": "1"}
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in page and "<script>x()" not in page
    assert db.session.scalar(select(Article.id)) is None


def test_live_preview_answers_sanitised_html(login):
    browser, _ = login("agent")

    response = browser.post("/kb/preview", data={"body": "# Hi\n\n<img src=x onerror=alert(1)>"})

    assert response.get_json()["html"].startswith("<h2>Hi</h2>")
    assert "onerror" not in response.get_json()["html"]


def test_an_article_form_with_mistakes_keeps_the_text_and_says_what_to_fix(login):
    browser, _ = login("agent")
    make_article(title="Taken")

    response = browser.post(
        "/kb/new", data={**ARTICLE, "title": "", "slug": "Not A Slug", "save": "1"}
    )
    page = response.get_data(as_text=True)
    taken = browser.post("/kb/new", data={**ARTICLE, "slug": "taken", "save": "1"})

    assert response.status_code == 422
    assert "Give the article a title." in page and "Open **My orders**" in page
    assert taken.status_code == 422 and "Another article has this address." in taken.get_data(
        as_text=True
    )


def test_editing_changes_the_text_and_an_edit_of_an_old_version_keeps_the_editors_text(login):
    browser, _ = login("agent")
    article = make_article(title="Delivery times", body="Two days.")
    old_version = article.version
    form = browser.get(f"/kb/{article.slug}/edit").get_data(as_text=True)
    assert "Two days." in form and "kept once published" in form

    saved = browser.post(
        f"/kb/{article.slug}/edit",
        data={**ARTICLE, "title": "Delivery times", "body": "Three days.", "version": old_version},
    )
    late = browser.post(
        f"/kb/{article.slug}/edit",
        data={**ARTICLE, "title": "Delivery times", "body": "Four days.", "version": old_version},
    )

    db.session.refresh(article)
    assert saved.status_code == 302 and article.body_markdown == "Three days."
    assert late.status_code == 422
    late_page = late.get_data(as_text=True)
    assert "Someone else saved this article" in late_page and "Four days." in late_page
    assert f'id="version" name="version" type="hidden" value="{article.version}"' in late_page


def test_unpublishing_hides_an_article_again(login, client):
    browser, _ = login("agent")
    article = make_article()

    browser.post(
        f"/kb/{article.slug}/edit",
        data={**ARTICLE, "status": "draft", "version": article.version},
    )

    assert client.get(f"/kb/{article.slug}").status_code == 404


def solved_ticket():
    """A ticket whose customer gave personal details and whose second reply solved it."""
    customer = make_user("customer", name="Anna Berg", email="anna.berg@example.com")
    agent = make_user("agent", name="Sam Patel")
    ticket = make_ticket(
        customer=customer,
        subject="Charged twice for order 4471093",
        body="Hi,\n\nI was charged twice for order 4471093. Call me on +44 20 7946 0958 or "
        "write to anna.berg@example.com.\n\nThanks,\nAnna Berg",
    )
    tickets.set_tags(ticket=ticket, actor=agent, names=["billing", "double-charge"])
    tickets.reply(ticket=ticket, author=agent, body="Hi Anna, we are looking.", kind="reply")
    tickets.reply(ticket=ticket, author=customer, body="Still charged twice, this is annoying.")
    clock.advance(timedelta(hours=1))
    tickets.reply(
        ticket=ticket,
        author=agent,
        body="Hi Anna,\n\nThe second charge was a hold; it drops off within 3 working days. "
        "Your bank shows it as pending until then.\n\nBest,\nSam",
        kind="reply",
    )
    tickets.reply(ticket=ticket, author=customer, body="Great, thank you so much, that helps!")
    tickets.reply(ticket=ticket, author=agent, body="Glad to help. Closing now.", kind="reply")
    tickets.change_status(ticket=ticket, actor=agent, status="resolved")
    return ticket


def test_turn_into_faq_prefills_question_and_best_answer_without_personal_data(login):
    browser, _ = login("agent")
    ticket = solved_ticket()

    page = browser.get(f"/kb/new?from_ticket={ticket.number}").get_data(as_text=True)

    assert "## Question" in page and "## Answer" in page
    assert "I was charged twice for order [number]" in page
    assert "drops off within 3 working days" in page  # the reply the customer thanked
    assert "we are looking" not in page and "Closing now" not in page
    for personal in ("Anna", "Berg", "anna.berg@example.com", "4471093", "7946", "Sam"):
        assert personal not in page.split('name="body"')[1].split("</textarea>")[0], personal
    assert 'value="billing, double-charge"' in page


def test_prefill_takes_out_reference_numbers_but_not_words_that_match_a_short_name():
    text = scrub(
        "I paid for a jacket: order ORD123456, IBAN GB29NWBK60161331926819, 109.59 EUR.",
        ["A", "me", "Bo"],
    )

    assert text == "I paid for a jacket: order [number], IBAN [number], 109.59 EUR."


def test_an_article_written_from_a_ticket_is_linked_to_it_both_ways(login):
    browser, agent = login("agent")
    ticket = solved_ticket()

    browser.post(
        "/kb/new",
        data={**ARTICLE, "title": "Charged twice?", "from_ticket": ticket.number, "save": "1"},
    )

    article = db.session.scalar(select(Article))
    event = db.session.scalar(select(TicketEvent).where(TicketEvent.type == "faq_written"))
    assert article.source_ticket_id == ticket.id
    assert event.ticket_id == ticket.id and event.actor_id == agent.id
    ticket_page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)
    assert "FAQ from this ticket" in ticket_page and "Charged twice?" in ticket_page
    assert "wrote the FAQ article “Charged twice?” from this ticket" in ticket_page


def test_turn_into_faq_from_a_ticket_that_does_not_exist_is_not_found(login):
    browser, _ = login("agent")

    assert browser.get("/kb/new?from_ticket=9999").status_code == 404


def test_staff_ticket_page_suggests_matching_articles_with_a_link_to_insert(login):
    browser, _ = login("agent")
    article = make_article(title="Where is my parcel?", body="Track it under My orders.")
    ticket = make_ticket(subject="My parcel has not arrived")

    page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)

    assert "Where is my parcel?" in page
    assert f'data-insert-text="Where is my parcel?: http://127.0.0.1:5000/kb/{article.slug}"' in (
        page
    )
    assert f'href="/kb/new?from_ticket={ticket.number}"' in page


def test_customers_do_not_see_the_help_centre_panel_on_their_ticket(login):
    browser, customer = login("customer")
    make_article(title="Where is my parcel?")
    ticket = make_ticket(customer=customer, subject="My parcel has not arrived")

    page = browser.get(f"/tickets/{ticket.number}").get_data(as_text=True)

    assert "Turn into FAQ" not in page and "Insert link" not in page


def test_staff_list_shows_drafts_and_filters_by_status(login):
    browser, _ = login("agent")
    make_article(title="Public answer")
    make_article(title="Work in progress", status="draft")

    everything = browser.get("/agent/kb").get_data(as_text=True)
    drafts = browser.get("/agent/kb?status=draft").get_data(as_text=True)

    assert "Public answer" in everything and "Work in progress" in everything
    assert "Work in progress" in drafts and "Public answer" not in drafts
    assert browser.get("/agent/kb?status=bogus&category=abc&page=x").status_code == 200


def test_topics_page_lists_frequent_subject_words_no_article_covers(login):
    browser, _ = login("agent")
    make_article(title="Where is my parcel?", body="Track your parcel under My orders.")
    make_ticket(subject="Warranty claim")
    clock.advance(timedelta(days=40))
    for subject in ("Parcel missing", "Parcel late", "Voucher expired", "Voucher not working"):
        make_ticket(subject=subject, category_id=billing_id())
    make_ticket(subject="Warranty question")

    page = browser.get("/agent/kb/topics").get_data(as_text=True)
    words = page.split("Common words")[1].split("Categories by")[0]

    assert "voucher" in words and "Voucher expired" in words
    assert "parcel" not in words  # an article covers it
    assert "warranty" not in words  # only one ticket in the last 30 days
    categories = page.split("Categories by")[1]
    assert "Billing" in categories and "No article" in categories
