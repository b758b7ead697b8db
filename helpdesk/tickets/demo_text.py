"""Believable support conversations for the demo data seeder. No Flask, no database."""

import random
import re
import string
from dataclasses import dataclass

from helpdesk.tickets import demo_phrases as phrases

CATEGORIES = (
    "Billing",
    "Orders & delivery",
    "Account & sign-in",
    "Technical issue",
    "Product question",
    "Returns & refunds",
)
MOODS = ("negative", "neutral", "positive")
PRODUCT_KINDS = {"garment": phrases.GARMENTS, "gadget": phrases.GADGETS, "gear": phrases.GEAR}

# How a conversation is shaped: unhappy customers chase more and are harder to please.
FOLLOWUP_WEIGHTS = {"negative": (2, 3, 3, 2), "neutral": (6, 3, 1, 0), "positive": (7, 3, 0, 0)}
REPLY_WEIGHTS = (3, 4, 2, 1)
# (chance of thanks, chance of a parting complaint); the rest of the time the customer goes quiet.
CLOSING_ODDS = {"negative": (0.45, 0.30), "neutral": (0.60, 0.05), "positive": (0.85, 0.0)}
EXTRA_CHANCE = 0.35
INTRODUCTION_CHANCE = 0.5
TYPO_CHANCE = 0.2
LOWERCASE_CHANCE = 0.05
NOTE_CHANCE = 0.5
TOPIC_NOTE_CHANCE = 0.7


@dataclass(frozen=True)
class ScriptedThread:
    """A whole conversation, ready to be stored as a ticket and its messages."""

    subject: str
    category: str  # one of CATEGORIES
    mood: str  # the customer's mood at the start: one of MOODS
    opening: str  # the customer's first message
    followups: tuple[str, ...]  # customer messages sent while waiting (chasing), 0-3
    replies: tuple[str, ...]  # agent replies in order, 1-4
    closing: str | None  # the customer's last word after the fix, or None
    note: str | None  # an internal note an agent might leave, or None


def scripted_thread(
    rng: random.Random, *, category: str, mood: str, customer_name: str, agent_name: str
) -> ScriptedThread:
    """Write one conversation in `category`, opened by a customer in `mood`."""
    if category not in CATEGORIES:
        raise ValueError(f"Unknown category: {category!r}")
    if mood not in MOODS:
        raise ValueError(f"Unknown mood: {mood!r}")
    topic, body = rng.choice(
        [(topic, body) for topic in phrases.TOPICS[category] for body in getattr(topic, mood)]
    )
    details = thread_details(
        rng,
        customer_name=customer_name,
        agent_name=agent_name,
        product_kind=_product_kind(rng, body),
    )
    subject = _subject(rng, topic, mood, details)
    opening = _opening(rng, category, mood, body, details)
    followups = _followups(rng, mood, details)
    return ScriptedThread(
        subject=subject,
        category=category,
        mood=mood,
        opening=opening,
        followups=followups,
        replies=_replies(rng, topic, category, mood, bool(followups), details),
        closing=_closing(rng, mood, details),
        note=_note(rng, topic, details),
    )


def thread_details(
    rng: random.Random, *, customer_name: str, agent_name: str, product_kind: str = "gear"
) -> dict[str, str]:
    """The facts of one conversation, so an order number or amount stays the same throughout."""
    currency = rng.choice(phrases.CURRENCIES)
    first = _first_name(customer_name)
    products = {kind: rng.sample(names, 2) for kind, names in PRODUCT_KINDS.items()}
    order, second_order = rng.sample(range(10000, 99999), 2)
    major, minor, patch = rng.randint(4, 6), rng.randint(0, 14), rng.randint(0, 3)
    return {
        "first": first,
        "name": customer_name,
        "agent": _first_name(agent_name),
        "agent_name": agent_name,
        **{kind: pair[0] for kind, pair in products.items()},
        "product": products[product_kind][0],
        "second_product": products[product_kind][1],
        "order": f"#{order}",
        "second_order": f"#{second_order}",
        "amount": f"{currency}{rng.randint(1500, 24000) / 100:.2f}",
        "fee": f"{currency}{rng.randint(299, 1299) / 100:.2f}",
        "last4": f"{rng.randint(0, 9999):04d}",
        "plan": rng.choice(phrases.PLANS),
        "colour": rng.choice(phrases.COLOURS),
        "size": rng.choice(phrases.SIZES),
        "device": rng.choice(phrases.DEVICES),
        "browser": rng.choice(phrases.BROWSERS),
        "app_version": f"{major}.{minor}.{patch}",
        "fix_version": f"{major}.{minor}.{patch + 1}",
        "date": f"{rng.choice(phrases.MONTHS)} {rng.randint(1, 28)}",
        "weekday": rng.choice(phrases.WEEKDAYS),
        "days": str(rng.randint(4, 19)),
        "wait": rng.choice(phrases.WAITS),
        "courier": rng.choice(phrases.COURIERS),
        "tracking": f"{rng.choice(('JD', '1Z', 'RM', 'CZ'))}{rng.randint(10**8, 10**9 - 1)}",
        "invoice": f"INV-{rng.randint(20000, 99999)}",
        "email": _email(rng, first),
        "error": rng.choice(phrases.ERRORS),
        "feature": rng.choice(phrases.FEATURES),
        "city": rng.choice(phrases.CITIES),
        "eng_ticket": f"ENG-{rng.randint(1200, 4999)}",
        "promo": rng.choice(phrases.PROMO_CODES),
        "reference": " ".join(str(rng.randint(1000, 9999)) for _ in range(4)),
        "claim": f"CLM-{rng.randint(100000, 999999)}",
    }


def fill(template: str, details: dict[str, str]) -> str:
    """Put the thread's details into a template's slots."""
    return template.format_map(details)


def slots(template: str) -> set[str]:
    """The slot names a template asks for."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _first_name(full_name: str) -> str:
    return full_name.split()[0] if full_name.strip() else full_name


def _email(rng: random.Random, first: str) -> str:
    local = "".join(ch for ch in first.lower() if ch.isalnum()) or "customer"
    return f"{local}{rng.randint(10, 99)}@{rng.choice(phrases.MAIL_DOMAINS)}"


def _product_kind(rng: random.Random, body: str) -> str:
    """The kind of product the opening talks about, so later messages name the same one."""
    named = [kind for kind in PRODUCT_KINDS if kind in slots(body)]
    return named[0] if named else rng.choice(tuple(PRODUCT_KINDS))


def _subject(rng: random.Random, topic: phrases.Topic, mood: str, details: dict[str, str]) -> str:
    prefix = rng.choice(phrases.SUBJECT_PREFIXES[mood])
    suffix = rng.choice(phrases.SUBJECT_SUFFIXES[mood])
    return prefix + fill(rng.choice(topic.subjects), details) + suffix


def _opening(
    rng: random.Random, category: str, mood: str, body: str, details: dict[str, str]
) -> str:
    # An extra sentence of context, never one that repeats a detail the body already gives.
    extras = [extra for extra in phrases.EXTRAS[category] if not slots(extra) & slots(body)]
    if extras and rng.random() < EXTRA_CHANCE:
        body = f"{body} {rng.choice(extras)}"
    greeting = rng.choice(phrases.CUSTOMER_GREETINGS[mood])
    signoff = rng.choice(phrases.CUSTOMER_SIGNOFFS[mood])
    message = "\n\n".join(part for part in (greeting, _roughen(rng, body), signoff) if part)
    return fill(message, details)


def _roughen(rng: random.Random, text: str) -> str:
    """Now and then type like a person in a hurry: a common misspelling, or no capitals."""
    if rng.random() < TYPO_CHANCE:
        present = [(right, wrong) for right, wrong in phrases.TYPOS if _word(right).search(text)]
        if present:
            right, wrong = rng.choice(present)
            text = _word(right).sub(wrong, text, count=1)
    if rng.random() < LOWERCASE_CHANCE:
        # Slot names are lower case already, and the details only go in after this.
        text = text.lower()
    return text


def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(word)}\b")


def _followups(rng: random.Random, mood: str, details: dict[str, str]) -> tuple[str, ...]:
    count = rng.choices(range(4), weights=FOLLOWUP_WEIGHTS[mood])[0]
    chosen = rng.sample(phrases.FOLLOWUPS[mood], count)
    return tuple(fill(_roughen(rng, text), details) for text in chosen)


def _replies(
    rng: random.Random,
    topic: phrases.Topic,
    category: str,
    mood: str,
    chased: bool,
    details: dict[str, str],
) -> tuple[str, ...]:
    """The agent's replies: a next step, news while waiting, then the fix; or one answer."""
    updates = topic.updates + phrases.HOLDING_UPDATES[category]
    count = min(rng.choices(range(1, 5), weights=REPLY_WEIGHTS)[0], 2 + len(updates))
    fix = rng.choice(topic.fixes)
    acknowledgements = phrases.APOLOGIES_FOR_WAITING if chased else phrases.ACKNOWLEDGEMENTS[mood]
    first = [rng.choice(acknowledgements)]
    if rng.random() < INTRODUCTION_CHANCE:
        first.append(rng.choice(phrases.AGENT_INTRODUCTIONS))
    if count > 1:
        first.append(rng.choice(topic.steps))
    else:
        # One reply settles it: a plain answer to a question, or the problem fixed on the spot.
        first.append(rng.choice(topic.answers or topic.fixes))
    bodies = [" ".join(first), *rng.sample(updates, max(count - 2, 0))]
    if count > 1:
        bodies.append(fix)
    # One agent writes the whole thread, so the greeting and sign-off stay the same.
    greeting = rng.choice(phrases.AGENT_GREETINGS)
    signoff = rng.choice(phrases.AGENT_SIGNOFFS)
    replies = []
    for number, body in enumerate(bodies, start=1):
        closers = phrases.DONE_CLOSERS if number == len(bodies) else phrases.PENDING_CLOSERS
        parts = (greeting, body, rng.choice(closers), signoff)
        replies.append(fill("\n\n".join(part for part in parts if part), details))
    return tuple(replies)


def _closing(rng: random.Random, mood: str, details: dict[str, str]) -> str | None:
    thankful, unhappy = CLOSING_ODDS[mood]
    roll = rng.random()
    if roll < unhappy:
        return fill(rng.choice(phrases.CLOSINGS_UNHAPPY), details)
    if roll < unhappy + thankful:
        return fill(rng.choice(phrases.CLOSINGS_THANKFUL), details)
    return None


def _note(rng: random.Random, topic: phrases.Topic, details: dict[str, str]) -> str | None:
    if rng.random() >= NOTE_CHANCE:
        return None
    # A note about this very problem when there is one, otherwise something any ticket could get.
    notes = (
        topic.notes if topic.notes and rng.random() < TOPIC_NOTE_CHANCE else phrases.GENERAL_NOTES
    )
    return fill(rng.choice(notes), details)
