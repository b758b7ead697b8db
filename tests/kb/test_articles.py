"""Articles as the service writes them: sanitised HTML, readable unique slugs, edits."""

import pytest

from helpdesk import markup
from helpdesk.errors import Conflict, Invalid
from helpdesk.kb import service
from tests.factories import make_article, make_user


def edit(article, **changes):
    """Save an edit of the article as its author, on the version it has now; fields not
    given stay as they are."""
    values = {
        "actor": article.author,
        "version": article.version,
        "title": article.title,
        "body": article.body_markdown,
        "status": article.status,
        **changes,
    }
    return service.update_article(article=article, **values)


HOSTILE = [
    ("<script>alert(1)</script>", ["<script", "alert(1)"]),
    ('<img src="/x.png" onerror="alert(1)">', ["onerror"]),
    ('<a href="javascript:alert(1)">click</a>', ["javascript:"]),
    ("[click](javascript:alert(1))", ["javascript:"]),
    ("[click](JaVaScRiPt:alert(1))", ["javascript:"]),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ["data:"]),
    ("![x](data:image/svg+xml;base64,PHN2Zz4=)", ["data:"]),
    ("![x](https://tracker.example.net/pixel.gif)", ["tracker.example.net"]),
    ("![x](//evil.example.net/a.png)", ["evil.example.net"]),
    ("![x](/\\evil.example.net/a.png)", ["evil.example.net"]),
    ('<img src="/\\evil.example.net/a.png">', ["evil.example.net"]),
    ('<img src="/&#9;/evil.example.net/a.png">', ["evil.example.net"]),
    ('<img src="/\n/evil.example.net/a.png">', ["evil.example.net"]),
    ('<iframe src="https://evil.example.net"></iframe>', ["<iframe"]),
    ('<div style="background:url(javascript:alert(1))">x</div>', ["style", "javascript:"]),
    ("<svg onload=alert(1)><circle/></svg>", ["<svg", "onload"]),
    ('<form action="/logout"><button>x</button></form>', ["<form", "<button"]),
    ('<p onclick="steal()">hi</p>', ["onclick"]),
    ("<object data=/x></object><embed src=/y>", ["<object", "<embed"]),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', ["javascript:", "<math"]),
    ("<style>body{display:none}</style>", ["<style", "display:none"]),
]


@pytest.mark.parametrize(("written", "forbidden"), HOSTILE)
def test_article_html_keeps_nothing_that_runs_or_loads_from_elsewhere(app, written, forbidden):
    article = make_article(body=f"Before.\n\n{written}\n\nAfter.")

    html = article.body_html.lower()
    for piece in forbidden:
        assert piece not in html
    assert "after." in html


def test_article_markdown_keeps_headings_lists_tables_links_and_site_images(app):
    html = markup.render(
        "# Title\n\n## Steps\n\n1. Open **orders**\n2. Press *Return*\n\n"
        "| Plan | Price |\n|---|---|\n| Basic | 5 |\n\n"
        "[Returns](/kb/returns) and [mail](mailto:help@example.com)\n\n![Box](/static/box.png)",
        markup.ARTICLE,
    )

    assert "<h2>Title</h2>" in html and "<h2>Steps</h2>" in html
    assert "<ol>" in html and "<strong>orders</strong>" in html
    assert "<table>" in html and "<td>Basic</td>" in html
    assert 'href="/kb/returns"' in html and 'href="mailto:help@example.com"' in html
    assert 'src="/static/box.png"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_plain_text_of_an_article_is_what_search_reads(app):
    article = make_article(body="## Refunds\n\nWe refund **within 2 days** & email you.")

    assert article.body_text == "Refunds We refund within 2 days & email you."


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Where is my parcel?", "where-is-my-parcel"),
        ("  Crème brûlée: returns & refunds!  ", "creme-brulee-returns-refunds"),
        ("???", "article"),
        ("Search", "search-2"),
        ("a " * 60, ("a-" * 40)[:79]),
    ],
)
def test_slugs_are_readable_and_never_take_a_page_name(app, title, slug):
    assert make_article(title=title).slug == slug


def test_two_articles_with_one_title_get_different_slugs(app):
    first = make_article(title="Reset your password")
    second = make_article(title="Reset your password")
    third = make_article(title="Reset your password")

    assert (first.slug, second.slug, third.slug) == (
        "reset-your-password",
        "reset-your-password-2",
        "reset-your-password-3",
    )


def test_a_published_article_keeps_its_slug_when_its_title_changes(app):
    article = make_article(title="Old title")

    edit(article, actor=make_user("agent"), title="A much better title", status="published")
    with pytest.raises(Invalid, match="keeps its address"):
        edit(
            article,
            actor=make_user("agent"),
            title="A much better title",
            status="published",
            slug="a-much-better-title",
        )

    assert article.slug == "old-title" and article.title == "A much better title"


@pytest.mark.parametrize("slug", ["Bad Slug", "new", "-x-", "x" * 81, "ok/../x"])
def test_a_chosen_slug_must_be_well_formed_and_free(app, slug):
    with pytest.raises(Invalid) as refused:
        make_article(title="Anything", slug=slug)

    assert refused.value.field == "slug"


def test_an_article_once_published_keeps_its_slug_even_as_a_draft_again(app):
    article = make_article(title="Parcels")
    edit(article, title="Parcels", body="x", status="draft")

    with pytest.raises(Invalid, match="keeps its address"):
        edit(article, title="Parcels", body="x", status="draft", slug="parcels-new")


def test_many_articles_with_one_title_still_get_free_slugs(app):
    slugs = {make_article(title="Как вернуть товар").slug for _ in range(23)}

    assert len(slugs) == 23 and "article" in slugs and "article-20" in slugs


def test_a_draft_may_take_another_free_slug_but_not_a_taken_one(app):
    make_article(title="Taken")
    draft = make_article(title="Draft", status="draft")

    with pytest.raises(Invalid, match="Another article"):
        edit(draft, title="Draft", body="x", slug="taken")
    edit(draft, title="Draft", body="x", slug="free")

    assert draft.slug == "free"


def test_an_edit_of_an_older_version_is_refused(app):
    article = make_article()
    seen = article.version
    edit(article, version=seen, title="First edit", body="one")

    with pytest.raises(Conflict, match="Someone else saved"):
        edit(article, version=seen, title="Second edit", body="two")
    assert article.title == "First edit"


def test_publishing_stamps_the_first_publication_only(app):
    article = make_article(status="draft")
    assert article.published_at is None

    edit(article, title="T", body="b", status="published")
    first = article.published_at
    edit(article, title="T", body="c", status="published")

    assert first is not None and article.published_at == first


def test_tags_are_cleaned_and_shared_with_tickets(app):
    article = make_article(tags=[" Refund", "refund", "CARD ", ""])

    assert [tag.name for tag in article.tags] == ["card", "refund"]


def test_an_unknown_category_is_refused_beside_its_field(app):
    with pytest.raises(Invalid) as refused:
        make_article(category_id=999)

    assert refused.value.field == "category"
