"""Cleaning text people type before it is stored: no control characters, tidy line breaks."""

import unicodedata

KEPT_CONTROLS = {"\n", "\t"}


def multi_line(value: str | None) -> str | None:
    """A body of text: line breaks normalised to \\n, other control characters removed
    (a NUL byte, say, which PostgreSQL refuses), outer whitespace stripped."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\u2028", "\n").replace("\u2029", "\n\n")
    kept = (
        char
        for char in value
        if char in KEPT_CONTROLS
        or unicodedata.category(char) not in ("Cc", "Cf", "Cs")
        or char == "\u200d"  # zero-width joiner: part of many emoji
    )
    return "".join(kept).strip()


def single_line(value: str | None) -> str | None:
    """A one-line value such as a subject: every run of whitespace, line breaks included,
    becomes one space, and control characters go."""
    if not isinstance(value, str):
        return value
    return " ".join(multi_line(value).split())
