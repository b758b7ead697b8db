"""The sentiment tagger: polarity, subjectivity and labels, odd input, and no corpora needed."""

import ast
import dataclasses
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpdesk import sentiment, sentiment_rules, sentiment_training
from helpdesk.sentiment import NEUTRAL_RESULT, Sentiment, analyze, label_for

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NEGATIVE_TEXT = "This is terrible, I am very angry and disappointed"
POSITIVE_TEXT = "Thank you so much, this is wonderful!"
MILDLY_NEGATIVE_TEXT = "It is a bit slow."


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (NEGATIVE_TEXT, "negative"),
        ("The worst service I have ever had.", "negative"),
        (POSITIVE_TEXT, "positive"),
        ("Excellent, the new kettle works great.", "positive"),
        ("I ordered a kettle last week and the parcel has not arrived.", "negative"),
        ("Could you tell me how to change my delivery address?", "neutral"),
    ],
)
def test_analyze_labels_clear_texts(text, label):
    result = analyze(text)

    assert result.label == label
    assert -1 <= result.polarity <= 1
    assert 0 <= result.subjectivity <= 1


def test_negative_text_has_negative_polarity_and_positive_text_positive():
    assert analyze(NEGATIVE_TEXT).polarity < -0.1
    assert analyze(POSITIVE_TEXT).polarity > 0.1


def test_analyze_returns_a_frozen_sentiment_of_plain_floats():
    result = analyze(POSITIVE_TEXT)

    assert isinstance(result, Sentiment)
    assert type(result.polarity) is float and type(result.subjectivity) is float
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.label = "negative"


@pytest.mark.usefixtures("rules_only")
def test_thresholds_change_the_label_but_not_the_polarity():
    default = analyze(MILDLY_NEGATIVE_TEXT)
    strict = analyze(MILDLY_NEGATIVE_TEXT, negative=-0.9)

    assert default.label == "negative"
    assert strict.label == "neutral"
    assert strict.polarity == default.polarity
    assert analyze("fine").label == "positive"
    assert analyze("fine", positive=0.9).label == "neutral"


@pytest.mark.parametrize(
    ("polarity", "label"),
    [
        (-1.0, "negative"),
        (-0.1001, "negative"),
        (-0.1, "neutral"),
        (0.0, "neutral"),
        (0.1, "neutral"),
        (0.1001, "positive"),
        (1.0, "positive"),
    ],
)
def test_label_for_default_boundaries_are_neutral(polarity, label):
    assert label_for(polarity) == label


@pytest.mark.parametrize(
    ("polarity", "label"),
    [
        (-0.6, "negative"),
        (-0.5, "neutral"),
        (0.3, "neutral"),
        (0.31, "positive"),
    ],
)
def test_label_for_uses_the_given_thresholds(polarity, label):
    assert label_for(polarity, negative=-0.5, positive=0.3) == label


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t  ", None, 42, 3.5, b"This is terrible", ["terrible"]],
    ids=["empty", "whitespace", "none", "int", "float", "bytes", "list"],
)
def test_empty_or_non_text_input_is_neutral_without_error(text):
    assert analyze(text) == NEUTRAL_RESULT
    assert NEUTRAL_RESULT == Sentiment(0.0, 0.0, "neutral")


@pytest.mark.parametrize(
    "text",
    [
        "I love this, thank you so much!",
        "This is the worst service I have ever had.",
        "Still waiting for my refund. Not great, but not terrible either.",
        "The parcel arrived.",
        "",
        "Ünïcödé 😀 text!!! VERY bad :(",
    ],
)
def test_the_rules_read_textblob_exactly_as_textblob_does(text):
    from textblob import TextBlob

    expected = TextBlob(text).sentiment
    assert sentiment_rules.textblob_sentiment(text) == (expected.polarity, expected.subjectivity)


def test_a_very_long_text_is_tagged():
    text = (NEGATIVE_TEXT + ". ") * 5000

    result = analyze(text)

    assert result.label == "negative"
    assert -1 <= result.polarity <= 1 and 0 <= result.subjectivity <= 1


@pytest.mark.parametrize("module", [sentiment, sentiment_rules, sentiment_training])
def test_sentiment_modules_import_nothing_of_flask_the_database_or_the_app(module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add("helpdesk" if node.level else (node.module or ""))

    assert imported & {"dataclasses", "re", "sys"}  # the walk does see the imports
    ours = {"helpdesk.sentiment", "helpdesk.sentiment_rules", "helpdesk.sentiment_training"}
    tops = {name.split(".")[0] for name in imported - ours}
    assert tops.isdisjoint({"flask", "sqlalchemy", "flask_sqlalchemy", "helpdesk"})


@pytest.mark.long_running
def test_sentiment_works_with_no_nltk_corpora(tmp_path):
    nltk_data = tmp_path / "nltk_data"
    home = tmp_path / "home"
    nltk_data.mkdir()
    home.mkdir()
    code = textwrap.dedent(
        f"""
        import os
        import nltk

        # Only the empty folder: no corpus anywhere on the search path.
        nltk.data.path[:] = [os.environ["NLTK_DATA"]]
        try:
            nltk.data.find("tokenizers/punkt")
        except LookupError:
            pass
        else:
            raise SystemExit("an NLTK corpus was found")

        from helpdesk.sentiment import analyze

        print(analyze({NEGATIVE_TEXT!r}).label)
        print(analyze({POSITIVE_TEXT!r}).label)
        """
    )
    env = {**os.environ, "NLTK_DATA": str(nltk_data), "HOME": str(home)}

    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["negative", "positive"]
    assert list(nltk_data.iterdir()) == []  # nothing was downloaded
