"""Sentiment of a customer's text: rules that know support conversations, and a small learned
model on top that improves as agents correct labels. No Flask, no database."""

import csv
import hashlib
import os
import pickle
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from helpdesk.sentiment_rules import read

NEGATIVE = "negative"
NEUTRAL = "neutral"
POSITIVE = "positive"
LABELS = (NEGATIVE, NEUTRAL, POSITIVE)
DEFAULT_NEGATIVE_BELOW = -0.1
DEFAULT_POSITIVE_ABOVE = 0.1
MAX_CHARS = 5000  # the opening of a long text carries its mood; the rest only costs time
SHIPPED_EXAMPLES = Path(__file__).resolve().parent / "sentiment_data" / "training.csv"
RULES_ONLY = "rules"
# Words, runs of ! and ?, and emoticons: the word features' tokens.
WORD_PATTERN = r"(?u)\b\w+'?\w*\b|[!?]+|[:;]-?[()DP]"


@dataclass(frozen=True)
class Sentiment:
    """What the tagger read in one text; confidence is how sure it is of the label (0-1)."""

    polarity: float
    subjectivity: float
    label: str
    confidence: float = 1.0


NEUTRAL_RESULT = Sentiment(0.0, 0.0, NEUTRAL, 1.0)


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


@dataclass(frozen=True)
class WordGrams:
    """scikit-learn's word analyzer as the trained vectorizer ran it: lowercase, the token
    pattern, then n-grams of `low` to `high` tokens (unigrams first)."""

    pattern: str
    low: int
    high: int

    def __call__(self, text: str) -> list[str]:
        tokens = re.findall(self.pattern, text.lower())
        grams = list(tokens) if self.low == 1 else []
        for n in range(max(self.low, 2), min(self.high, len(tokens)) + 1):
            grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return grams


@dataclass(frozen=True)
class CharGrams:
    """scikit-learn's `char_wb` analyzer: lowercase, then character n-grams inside each word
    padded with a space at both ends (a word shorter than n counts once, whole)."""

    low: int
    high: int

    def __call__(self, text: str) -> list[str]:
        grams = []
        for word in text.lower().split():
            word = f" {word} "
            for n in range(self.low, self.high + 1):
                if len(word) <= n:
                    grams.append(word)
                    break
                grams += [word[i : i + n] for i in range(len(word) - n + 1)]
        return grams


def _analyzer(vectorizer) -> WordGrams | CharGrams:
    """The analyzer a fitted TfidfVectorizer used, for the settings the tagger trains with."""
    settings = vectorizer.get_params()
    if settings["lowercase"] is not True or any(
        settings[name] is not None
        for name in ("preprocessor", "tokenizer", "stop_words", "strip_accents")
    ):
        raise ValueError("only lowercasing vectorizers without custom steps can be compiled")
    low, high = settings["ngram_range"]
    if settings["analyzer"] == "word":
        return WordGrams(settings["token_pattern"], low, high)
    if settings["analyzer"] == "char_wb":
        return CharGrams(low, high)
    raise ValueError(f"cannot compile the {settings['analyzer']!r} analyzer")


class CompiledModel:
    """The trained pipeline's arithmetic, in plain numbers: the same probabilities without
    scikit-learn (which a web worker then never loads), ten times faster for one text."""

    def __init__(self, pipeline) -> None:
        union = pipeline.named_steps["features"]
        classifier = pipeline.named_steps["classifier"]
        parts = dict(union.transformer_list)
        weights = union.transformer_weights or {}
        self.classes = list(classifier.classes_)
        coefficients = np.asarray(classifier.coef_, dtype=np.float64).T
        self.intercept = np.asarray(classifier.intercept_, dtype=np.float64)
        self.vectorizers = []
        offset = 0
        for name in ("words", "characters"):
            vectorizer = parts[name]
            size = len(vectorizer.vocabulary_)
            self.vectorizers.append(
                (
                    _analyzer(vectorizer),
                    dict(vectorizer.vocabulary_),
                    np.asarray(vectorizer.idf_),
                    coefficients[offset : offset + size],
                    weights.get(name, 1.0),
                )
            )
            offset += size
        self.rule_coefficients = coefficients[offset:] * weights.get("rules", 1.0)

    def probabilities(self, text: str, rule_features: list[float]) -> dict[str, float]:
        """Class probabilities of one text, given the rules' features of it."""
        scores = self.intercept + np.asarray(rule_features) @ self.rule_coefficients
        for analyzer, vocabulary, idf, coefficients, weight in self.vectorizers:
            known = [
                (vocabulary[term], count)
                for term, count in Counter(analyzer(text)).items()
                if term in vocabulary
            ]
            if not known:
                continue
            indices = np.fromiter((index for index, _ in known), dtype=np.int64, count=len(known))
            counts = np.fromiter((count for _, count in known), dtype=np.float64, count=len(known))
            values = (1.0 + np.log(counts)) * idf[indices]
            values *= weight / np.sqrt(values @ values)
            scores = scores + values @ coefficients[indices]
        if len(self.classes) == 2:  # binary: one column of scores for the second class
            exponent = np.exp(-scores[0])
            return {self.classes[0]: exponent / (1 + exponent), self.classes[1]: 1 / (1 + exponent)}
        exponents = np.exp(scores - scores.max())
        return dict(zip(self.classes, exponents / exponents.sum(), strict=True))


@dataclass
class Tagger:
    """Rules alone, or rules with a learned layer trained by `learn`; saved and loaded whole."""

    negative: float = DEFAULT_NEGATIVE_BELOW
    positive: float = DEFAULT_POSITIVE_ABOVE
    model: CompiledModel | None = None
    version: str = RULES_ONLY
    trained_on: int = 0
    scores: dict[str, float] = field(default_factory=dict)

    def analyze(self, text: object) -> Sentiment:
        """Tag one text; empty or non-text input is neutral, never an error."""
        if not isinstance(text, str) or not text.strip():
            return NEUTRAL_RESULT
        text = text[:MAX_CHARS]
        reading = read(text)
        rule_polarity = reading.polarity
        if self.model is None:
            label = label_for(rule_polarity, self.negative, self.positive)
            confidence = min(1.0, 0.5 + abs(rule_polarity))
            return Sentiment(
                round(rule_polarity, 4), round(reading.subjectivity, 4), label, round(confidence, 3)
            )
        probabilities = self.model.probabilities(text, reading.features())
        label = max(probabilities, key=probabilities.get)
        polarity = probabilities.get(POSITIVE, 0.0) - probabilities.get(NEGATIVE, 0.0)
        return Sentiment(
            round(float(polarity), 4),
            round(reading.subjectivity, 4),
            label,
            round(float(probabilities[label]), 3),
        )

    def learn(self, examples: Iterable[tuple[str, str]]) -> "Tagger":
        """Train the learned layer on (text, label) pairs; returns the tagger itself."""
        from helpdesk.sentiment_training import fit  # scikit-learn, for training only

        texts, labels = _clean(examples)
        if len(set(labels)) < 2:
            raise ValueError("learning needs examples of at least two labels")
        _pipeline, self.model = fit(texts, labels)
        self.trained_on = len(texts)
        self.version = _fingerprint(texts, labels)
        return self

    def __setstate__(self, state: dict) -> None:
        """Read files saved before the model was kept compiled (they held scikit-learn's
        pipeline, and loading them loads scikit-learn once)."""
        state.pop("compiled", None)
        if state.get("model") is not None and not isinstance(state["model"], CompiledModel):
            state["model"] = CompiledModel(state["model"])
        self.__dict__.update(state)

    def save(self, path: str | Path) -> None:
        """Write the tagger to a file (written whole, then moved into place)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_suffix(f"{path.suffix}.{os.getpid()}.part")
        draft.write_bytes(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))
        draft.replace(path)

    @classmethod
    def load(cls, path: str | Path) -> "Tagger":
        """Read a tagger written by `save`. Only load files this app wrote: pickle runs code."""
        tagger = pickle.loads(Path(path).read_bytes())
        if not isinstance(tagger, cls):
            raise ValueError(f"{path} does not hold a tagger")
        return tagger

    def evaluate(self, examples: Iterable[tuple[str, str]]) -> dict[str, float]:
        """Accuracy, macro-F1 and negative recall on labelled examples."""
        texts, labels = _clean(examples)
        predicted = [self.analyze(text).label for text in texts]
        return scores(labels, predicted)


def scores(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro-F1 over the three labels, and recall of negatives."""
    f1s, recall = [], {}
    for label in LABELS:
        tp = sum(t == label and p == label for t, p in zip(truth, predicted, strict=True))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall[label] = tp / (tp + fn) if tp + fn else 0.0
        both = precision + recall[label]
        f1s.append(2 * precision * recall[label] / both if both else 0.0)
    correct = sum(t == p for t, p in zip(truth, predicted, strict=True))
    return {
        "accuracy": round(correct / len(truth), 4) if truth else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 4),
        "negative_recall": round(recall[NEGATIVE], 4),
        "examples": len(truth),
    }


def _clean(examples: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for text, label in examples:
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}; use one of {', '.join(LABELS)}")
        if isinstance(text, str) and text.strip():
            texts.append(text[:MAX_CHARS])
            labels.append(label)
    return texts, labels


def _fingerprint(texts: list[str], labels: list[str]) -> str:
    digest = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:12]


def shipped_examples(path: Path | None = None) -> list[tuple[str, str]]:
    """The labelled support messages the team wrote, kept in the repository (none if missing)."""
    path = path or SHIPPED_EXAMPLES
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return [(row["text"], row["label"]) for row in csv.DictReader(handle)]


_default: Tagger | None = None


def default_tagger(cache: Path | None = None) -> Tagger:
    """The tagger trained on the shipped examples, built once per process; rules alone when
    the examples are missing. Given a cache folder, the trained tagger is kept there under
    the examples' fingerprint and trained, when missing, in a child process: a process that
    serves requests then never loads scikit-learn (100 MB a worker)."""
    global _default
    if _default is None:
        examples = shipped_examples()
        if not examples:
            _default = Tagger()
        elif cache is None:
            _default = Tagger().learn(examples)
        else:
            _default = _cached_shipped_tagger(cache, _fingerprint(*_clean(examples)))
    return _default


def _cached_shipped_tagger(cache: Path, fingerprint: str) -> Tagger:
    path = Path(cache) / f"shipped-{fingerprint}.pkl"
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "helpdesk.sentiment_training", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return Tagger.load(path)


def analyze(
    text: object,
    negative: float = DEFAULT_NEGATIVE_BELOW,
    positive: float = DEFAULT_POSITIVE_ABOVE,
    tagger: Tagger | None = None,
) -> Sentiment:
    """Tag a text with the given tagger (the shipped one by default)."""
    tagger = tagger or default_tagger()
    if (negative, positive) != (tagger.negative, tagger.positive) and tagger.model is None:
        tagger = Tagger(negative=negative, positive=positive)
    return tagger.analyze(text)
