"""Jinja filters for dates and durations, shown the same way on every page."""

from datetime import datetime

from flask import Flask


def format_datetime(value: datetime | None, pattern: str = "%d %b %Y %H:%M") -> str:
    """A UTC timestamp as people read it, or an em dash when there is none."""
    if value is None:
        return "—"
    return value.strftime(pattern) + " UTC"


def register_filters(app: Flask) -> None:
    """Make the filters available to templates."""
    app.add_template_filter(format_datetime, "datetime")
