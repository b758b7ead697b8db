"""Sentiment of a customer's text: polarity, subjectivity and a label. No Flask, no database."""

from dataclasses import dataclass

from textblob import TextBlob

NEGATIVE = "negative"
NEUTRAL = "neutral"
POSITIVE = "positive"
LABELS = (NEGATIVE, NEUTRAL, POSITIVE)
DEFAULT_NEGATIVE_BELOW = -0.1
DEFAULT_POSITIVE_ABOVE = 0.1


@dataclass(frozen=True)
class Sentiment:
    """What the tagger read in one text."""

    polarity: float
    subjectivity: float
    label: str


NEUTRAL_RESULT = Sentiment(0.0, 0.0, NEUTRAL)


def label_for(
    polarity: float,
    negative: float = DEFAULT_NEGATIVE_BELOW,
    positive: float = DEFAULT_POSITIVE_ABOVE,
) -> str:
    """The label of a polarity: negative below `negative`, positive above `positive`."""
    if polarity < negative:
        return NEGATIVE
    if polarity > positive:
        return POSITIVE
    return NEUTRAL


def analyze(
    text: object,
    negative: float = DEFAULT_NEGATIVE_BELOW,
    positive: float = DEFAULT_POSITIVE_ABOVE,
) -> Sentiment:
    """Tag a text; empty or non-text input is neutral, never an error."""
    if not isinstance(text, str) or not text.strip():
        return NEUTRAL_RESULT
    # TextBlob's default analyser works from the lexicon inside the package: no NLTK corpora.
    polarity, subjectivity = TextBlob(text).sentiment
    polarity = max(-1.0, min(1.0, round(float(polarity), 4)))
    return Sentiment(
        polarity, round(float(subjectivity), 4), label_for(polarity, negative, positive)
    )
