"""Demo conversations: repeatable, complete, varied, and in the mood they claim to be in."""

import ast
import random
import re
from collections import Counter
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from textblob import TextBlob

from helpdesk.tickets import demo_phrases, demo_text
from helpdesk.tickets.demo_text import CATEGORIES, MOODS, ScriptedThread, scripted_thread

CUSTOMERS = ("Amelia Smith", "Tomás Silva", "Aiko O'Brien", "Kofi Mensah", "Ingrid Novak")
AGENTS = ("Sam Patel", "Lena Fischer", "Diego Ramos")
# TextBlob misses many complaints written without emotion words, so these are floors, not goals.
AGREEMENT_FLOOR = {"negative": 0.5, "neutral": 0.5, "positive": 0.6}
PRODUCT_NAMES = (*demo_phrases.GARMENTS, *demo_phrases.GADGETS, *demo_phrases.GEAR)


def generate(count: int, seed: int = 2024, *, category=None, mood=None) -> list[ScriptedThread]:
    """`count` threads from one generator, cycling through categories, moods and people."""
    rng = random.Random(seed)
    return [
        scripted_thread(
            rng,
            category=category or CATEGORIES[number % len(CATEGORIES)],
            mood=mood or MOODS[number // len(CATEGORIES) % len(MOODS)],
            customer_name=CUSTOMERS[number % len(CUSTOMERS)],
            agent_name=AGENTS[number % len(AGENTS)],
        )
        for number in range(count)
    ]


def texts(thread: ScriptedThread) -> list[str]:
    """Every piece of text in a thread."""
    pieces = [thread.subject, thread.opening, *thread.followups, *thread.replies]
    return pieces + [text for text in (thread.closing, thread.note) if text is not None]


def textblob_label(text: str) -> str:
    """The mood TextBlob's default analyser reads, with the app's default thresholds."""
    polarity = TextBlob(text).sentiment.polarity
    if polarity < -0.1:
        return "negative"
    if polarity > 0.1:
        return "positive"
    return "neutral"


def agreement(mood: str, count: int = 300, seed: int = 99) -> float:
    """The share of `count` openings in `mood` that TextBlob labels as that mood."""
    threads = generate(count, seed, mood=mood)
    return sum(textblob_label(thread.opening) == mood for thread in threads) / count


def phrase_templates(value=demo_phrases) -> list[str]:
    """Every template string in the phrase tables, found by walking the module's data."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in phrase_templates(item)]
    if isinstance(value, tuple):
        return [text for item in value for text in phrase_templates(item)]
    if is_dataclass(value):
        return [t for field in fields(value) for t in phrase_templates(getattr(value, field.name))]
    if value is demo_phrases:
        tables = [getattr(value, name) for name in dir(value) if name.isupper()]
        return [text for table in tables for text in phrase_templates(table)]
    return []


def test_the_same_seed_gives_the_same_threads():
    assert generate(60, seed=7) == generate(60, seed=7)


def test_different_seeds_give_different_threads():
    assert generate(20, seed=1) != generate(20, seed=2)


@pytest.mark.parametrize("mood", MOODS)
@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_and_mood_gives_complete_threads(category, mood):
    for thread in generate(40, category=category, mood=mood):
        assert (thread.category, thread.mood) == (category, mood)
        assert thread.subject.strip() and "\n" not in thread.subject
        assert len(thread.opening.strip()) > 20
        assert 0 <= len(thread.followups) <= 3
        assert 1 <= len(thread.replies) <= 4
        assert all(text.strip() for text in texts(thread))


def test_followup_and_reply_counts_cover_their_whole_range():
    threads = generate(600)

    assert {len(thread.followups) for thread in threads} == {0, 1, 2, 3}
    assert {len(thread.replies) for thread in threads} == {1, 2, 3, 4}
    assert any(thread.closing is None for thread in threads)
    assert any(thread.note is None for thread in threads)
    assert any(thread.note is not None for thread in threads)


def test_no_slot_is_left_unfilled_and_no_filler_text_gets_through():
    for thread in generate(600, seed=5):
        for text in texts(thread):
            assert "{" not in text and "}" not in text, text
            assert not re.search(r"lorem|ipsum|todo|fixme|placeholder", text, re.IGNORECASE), text


def test_every_slot_in_the_phrase_tables_is_a_known_detail():
    known = set(demo_text.thread_details(random.Random(0), customer_name="A B", agent_name="C D"))
    asked = {slot for template in phrase_templates() for slot in demo_text.slots(template)}

    assert asked <= known, asked - known


def test_each_category_has_at_least_forty_opening_templates():
    for category in CATEGORIES:
        topics = demo_phrases.TOPICS[category]
        openings = {text for topic in topics for mood in MOODS for text in getattr(topic, mood)}
        assert len(openings) >= 40, category


def test_openings_do_not_repeat_across_five_hundred_threads():
    openings = [thread.opening for thread in generate(500, seed=11)]
    # Details make almost every message unique; how the body starts shows the template's variety.
    starts = Counter(
        " ".join(max(text.split("\n\n"), key=len).lower().split()[:4]) for text in openings
    )

    assert len(set(openings)) >= 480
    assert len(starts) >= 250
    assert starts.most_common(1)[0][1] <= 15


def test_replies_greet_the_customer_and_are_signed_by_the_agent():
    for thread, number in zip(generate(300, seed=3), range(300), strict=True):
        customer_first = CUSTOMERS[number % len(CUSTOMERS)].split()[0]
        agent_first = AGENTS[number % len(AGENTS)].split()[0]
        for reply in thread.replies:
            assert customer_first in reply.splitlines()[0]
            assert agent_first in reply


def test_a_thread_talks_about_one_product():
    for thread in generate(600, seed=8):
        spoken = " ".join([thread.opening, *thread.replies])
        assert len({name for name in PRODUCT_NAMES if name in spoken}) <= 1, spoken


@pytest.mark.parametrize("category, mood", [("Gardening", "neutral"), ("Billing", "furious")])
def test_unknown_category_or_mood_is_refused(category, mood):
    with pytest.raises(ValueError):
        scripted_thread(
            random.Random(1), category=category, mood=mood, customer_name="A B", agent_name="C D"
        )


@pytest.mark.parametrize("mood", MOODS)
def test_textblob_reads_the_opening_in_the_intended_mood(mood):
    assert agreement(mood) >= AGREEMENT_FLOOR[mood]


@pytest.mark.parametrize("module", [demo_text, demo_phrases])
def test_the_text_modules_import_no_flask_or_database(module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}

    assert not {name for name in imported if name.split(".")[0] in ("flask", "sqlalchemy")}
    assert {name for name in imported if name.startswith("helpdesk")} <= {"helpdesk.tickets"}
