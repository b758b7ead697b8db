"""Markdown written by people, turned into HTML that is safe to show anyone.

Pure Python, no Flask: Markdown first, then an allow-list sanitiser (nh3), so whatever the
Markdown lets through (raw HTML included) is cut back to harmless tags, attributes and links.
"""

import html
from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown
import nh3

CONTROL_CHARACTERS = {code: " " for code in range(32)}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
TEXT_TAGS = frozenset(
    ("p", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "a", "br", "hr")
)


@dataclass(frozen=True)
class Profile:
    """What one kind of text may contain."""

    tags: frozenset[str]
    relative_links: bool = False
    images: bool = False
    extensions: tuple[str, ...] = ()


# Playbook guidance: short notes in a side panel.
GUIDANCE = Profile(tags=TEXT_TAGS | {"h3", "h4"})
# Knowledge-base articles: headings, tables and images from this site.
ARTICLE = Profile(
    tags=TEXT_TAGS | {"h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "img"},
    relative_links=True,
    images=True,
    extensions=("tables", "fenced_code", "sane_lists"),
)


def _site_image(tag: str, attribute: str, value: str) -> str | None:
    """Images only from this site: a plain path, never another host or a data: URL.
    Browsers read "/\\host" and "/<tab>/host" as another host, so backslashes, whitespace
    and control characters are refused too."""
    if tag != "img" or attribute != "src":
        return value
    if not value.startswith("/") or value[1:2] in ("/", "\\"):
        return None
    if "\\" in value or any(char.isspace() or ord(char) < 32 for char in value):
        return None
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else None


def render(text: str, profile: Profile = GUIDANCE) -> str:
    """Markdown as HTML holding only the profile's tags, safe links and site images."""
    rendered = markdown.markdown(text or "", extensions=list(profile.extensions))
    # The page already has its h1 (the title); a "# heading" in the text becomes an h2.
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    attributes: dict[str, set[str]] = {"a": {"href", "title"}}
    if profile.images:
        attributes["img"] = {"src", "alt", "title"}
    return nh3.clean(
        rendered,
        tags=set(profile.tags),
        clean_content_tags={"script", "style"},
        attributes=attributes,
        attribute_filter=_site_image,
        url_schemes=set(LINK_SCHEMES),
        url_relative="pass_through" if profile.relative_links else "deny",
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(safe_html: str) -> str:
    """The words of rendered HTML, for search indexes and excerpts."""
    words = html.unescape(nh3.clean(safe_html, tags=set())).translate(CONTROL_CHARACTERS)
    return " ".join(words.split())


def excerpt(text: str, length: int = 180) -> str:
    """The start of a text, cut at a word, with an ellipsis when cut."""
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(".,;:") + "…"
