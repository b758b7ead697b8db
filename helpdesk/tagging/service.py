"""Which tagger the app uses, and training a new one from the shipped examples plus every
correction agents made. The model lives in instance/sentiment/; workers notice a new one by
the mtime of one small file."""

import json
import os
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import case, func, select

from helpdesk import clock
from helpdesk.errors import Invalid
from helpdesk.extensions import db
from helpdesk.sentiment import (
    LABELS,
    RULES_ONLY,
    Sentiment,
    Tagger,
    default_tagger,
    shipped_examples,
)
from helpdesk.tickets.models import Message, MessageKind

HELD_OUT_SHARE = 0.2


@dataclass(frozen=True)
class RetagStep:
    """Texts another area keeps tagged (survey comments, ideas...), for `sentiment retag`:
    how many there are, and a function that re-tags a batch after an id, returning
    (last id done, how many) or None when done."""

    label: str
    count: Callable[[], int]
    batch: Callable[[int, int], tuple[int, int] | None]


# Areas add theirs when they load; customer messages are re-tagged first, by the CLI itself.
RETAG_STEPS: list[RetagStep] = []
SHIPPED = "shipped"


@dataclass(frozen=True)
class ModelInfo:
    """What the admin page shows about the model in use."""

    version: str
    trained_on: int
    corrections: int
    scores: dict[str, float]
    trained_at: datetime | None


def _folder() -> Path:
    return Path(current_app.instance_path) / "sentiment"


def _pointer() -> Path:
    return _folder() / "current.json"


class _Cache:
    """One tagger per process, reloaded when the pointer file changes."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple[str, float] | None = None
        self.tagger: Tagger | None = None
        self.info: dict | None = None


_cache = _Cache()


def _read_pointer() -> tuple[Tagger, dict | None]:
    pointer = _pointer()
    try:
        stamp = pointer.stat().st_mtime_ns
    except FileNotFoundError:
        stamp = None
    key = (str(pointer), stamp)
    if _cache.key == key and _cache.tagger is not None:
        return _cache.tagger, _cache.info
    with _cache.lock:
        tagger, info = default_tagger(_folder()), None
        if stamp is not None:
            try:
                info = json.loads(pointer.read_text())
                tagger = Tagger.load(_folder() / info["file"])
            except (OSError, ValueError, KeyError, EOFError) as error:
                current_app.logger.warning("sentiment model not loaded, using shipped: %s", error)
                tagger, info = default_tagger(_folder()), None
        _cache.key, _cache.tagger, _cache.info = key, tagger, info
        return tagger, info


def current_tagger() -> Tagger:
    """The tagger to use now: the latest trained here, else the shipped one."""
    return _read_pointer()[0]


def _version_name(tagger: Tagger, info: dict | None) -> str:
    if tagger.model is None:
        return RULES_ONLY
    return info["version"] if info else f"{SHIPPED}-{tagger.version}"


def tag(text: str) -> tuple[Sentiment, str]:
    """Tag a text with the current tagger; returns the result and the model's version name."""
    tagger, info = _read_pointer()
    version = _version_name(tagger, info)
    if tagger.model is None:
        config = current_app.config
        tagger = Tagger(
            negative=config["SENTIMENT_NEGATIVE"], positive=config["SENTIMENT_POSITIVE"]
        )
    return tagger.analyze(text), version


def model_info() -> ModelInfo:
    """The model in use, its training size and its held-out scores."""
    tagger, info = _read_pointer()
    if info is None:
        return ModelInfo(
            version=_version_name(tagger, info),
            trained_on=tagger.trained_on,
            corrections=0,
            scores=tagger.scores,
            trained_at=None,
        )
    return ModelInfo(
        version=info["version"],
        trained_on=info["trained_on"],
        corrections=info["corrections"],
        scores=info["scores"],
        trained_at=datetime.fromisoformat(info["trained_at"]),
    )


def corrections() -> list[tuple[str, str]]:
    """Every customer message an agent reviewed, with the agent's label."""
    rows = db.session.execute(
        select(Message.body, Message.corrected_label).where(
            Message.kind == MessageKind.CUSTOMER, Message.corrected_label.is_not(None)
        )
    )
    return [(body, label) for body, label in rows]


def _split(examples: list[tuple[str, str]], seed: int = 7):
    """A held-out fifth of each label for scoring, the rest for training."""
    rng = random.Random(seed)
    train, held_out = [], []
    for label in LABELS:
        group = [example for example in examples if example[1] == label]
        rng.shuffle(group)
        cut = int(len(group) * HELD_OUT_SHARE)
        held_out += group[:cut]
        train += group[cut:]
    return train, held_out


def train() -> ModelInfo:
    """Train on the shipped examples plus all corrections; score on a held-out part, then
    train on everything, store it and point every worker to it."""
    learned = corrections()
    examples = shipped_examples() + learned
    if len({label for _, label in examples}) < len(LABELS) or len(examples) < 30:
        raise Invalid(
            "Not enough labelled examples to train a model yet: it needs at least 30, "
            "with some of each label."
        )
    train_part, held_out = _split(examples)
    trial = Tagger().learn(train_part)
    held_out_scores = trial.evaluate(held_out)
    tagger = Tagger().learn(examples)
    tagger.scores = held_out_scores
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    filename = f"model-{tagger.version}.pkl"
    tagger.save(folder / filename)
    trained_at = clock.now()
    info = {
        "version": tagger.version,
        "file": filename,
        "trained_on": tagger.trained_on,
        "corrections": len(learned),
        "scores": held_out_scores,
        "trained_at": trained_at.isoformat(),
    }
    draft = folder / f"current.json.{os.getpid()}"
    draft.write_text(json.dumps(info, indent=2))
    draft.replace(_pointer())
    return model_info()


def agreement_by_week(limit: int = 12) -> list[tuple[str, int, int]]:
    """(week, reviewed, kept) for the latest weeks: how often agents kept the tagger's label."""
    reviewed = Message.corrected_at
    if db.engine.dialect.name == "postgresql":
        week = func.to_char(func.date_trunc("week", reviewed), 'IYYY-"W"IW')
    else:
        week = func.strftime("%Y-W%W", reviewed)
    kept = func.sum(case((Message.corrected_label == Message.sentiment_label, 1), else_=0))
    rows = db.session.execute(
        select(week.label("week"), func.count(), kept)
        .where(Message.corrected_at.is_not(None))
        .group_by(week)
        .order_by(week.desc())
        .limit(limit)
    )
    return [(row[0], row[1], int(row[2] or 0)) for row in rows]


def recent_corrections(limit: int = 20) -> list[Message]:
    """The latest reviews agents made."""
    return db.session.scalars(
        select(Message)
        .where(Message.corrected_at.is_not(None))
        .order_by(Message.corrected_at.desc(), Message.id.desc())
        .limit(limit)
    ).all()


def messages_by_model() -> list[tuple[str, int]]:
    """How many customer messages each model version tagged, most first."""
    rows = db.session.execute(
        select(Message.sentiment_model, func.count())
        .where(Message.kind == MessageKind.CUSTOMER)
        .group_by(Message.sentiment_model)
        .order_by(func.count().desc())
    )
    return [(version or "untagged", count) for version, count in rows]
