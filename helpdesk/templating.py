"""Jinja filters for dates, durations and links in plain text, the same on every page."""

import re
from datetime import datetime

from flask import Flask
from markupsafe import Markup, escape

from helpdesk import clock


def format_datetime(value: datetime | None, pattern: str = "%d %b %Y %H:%M") -> str:
    """A UTC timestamp as people read it, or an em dash when there is none."""
    if value is None:
        return "—"
    return value.strftime(pattern) + " UTC"


def format_duration(seconds: float) -> str:
    """A length of time in the two largest units people use: "2 d 3 h", "45 min"."""
    seconds = int(abs(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def format_due(due: datetime | None, now: datetime) -> str:
    """Time left until `due`, or how long it is overdue."""
    if due is None:
        return "—"
    left = (due - now).total_seconds()
    return f"{format_duration(left)} left" if left >= 0 else f"overdue by {format_duration(left)}"


# A web address in escaped text: it ends at whitespace or an escaped quote or bracket.
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+?(?=[.,;:!?)]*(?:\s|&lt;|&gt;|&#34;|&#39;|$))")


def linkify(text: str | None) -> Markup:
    """Plain text, escaped, with its http and https addresses made into links."""
    escaped = str(escape(text or ""))
    return Markup(
        WEB_ADDRESS.sub(
            lambda match: f'<a href="{match[0]}" rel="noopener noreferrer nofollow">{match[0]}</a>',
            escaped,
        )
    )


def register_filters(app: Flask) -> None:
    """Make the filters available to templates."""
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_duration, "duration")
    app.add_template_filter(linkify, "linkify")
    app.add_template_global(format_due, "due_text")
    app.add_template_global(clock.now, "clock_now")
