"""How well does the tagger read support messages? Scores on the team's held-out set.

    .venv/bin/python bench/sentiment_eval.py [--heldout bench/data/heldout.csv]

Prints accuracy, macro-F1 and negative recall of TextBlob alone, VADER (for reference, when
installed: `pip install vaderSentiment`), the rules alone and the project's tagger; then a
learning curve (the tagger after learning from 0, 50, 200 and 500 corrections) and the cost
per message. The held-out set is never used for training.
"""

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textblob import TextBlob  # noqa: E402

from helpdesk.sentiment import Tagger, label_for, scores, shipped_examples  # noqa: E402


def load(path: Path) -> list[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [(row["text"], row["label"]) for row in csv.DictReader(handle)]


def vader_labels(texts: list[str]) -> list[str] | None:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyzer = SentimentIntensityAnalyzer()
    # VADER's own recommended cut-offs on the compound score.
    return [label_for(analyzer.polarity_scores(text)["compound"], -0.05, 0.05) for text in texts]


def row(name: str, result: dict) -> str:
    return (
        f"{name:<34} {result['accuracy']:>8.3f} {result['macro_f1']:>9.3f} "
        f"{result['negative_recall']:>16.3f}"
    )


def cost_per_message(tagger: Tagger, texts: list[str], rounds: int = 3) -> float:
    tagger.analyze(texts[0])
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            tagger.analyze(text)
    return (time.perf_counter() - started) * 1000 / (rounds * len(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", type=Path, default=ROOT / "bench" / "data" / "heldout.csv")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    held_out = load(args.heldout)
    texts = [text for text, _ in held_out]
    truth = [label for _, label in held_out]
    training = shipped_examples()
    print(f"Held-out set: {len(held_out)} messages from {args.heldout.relative_to(ROOT)}")
    print(f"Training set: {len(training)} shipped examples\n")
    print(f"{'tagger':<34} {'accuracy':>8} {'macro-F1':>9} {'negative recall':>16}")

    textblob = [label_for(TextBlob(text).sentiment.polarity) for text in texts]
    print(row("TextBlob alone (-0.1/0.1)", scores(truth, textblob)))
    vader = vader_labels(texts)
    if vader is None:
        print(f"{'VADER':<34} (not installed: pip install vaderSentiment)")
    else:
        print(row("VADER (-0.05/0.05, reference)", scores(truth, vader)))
    rules = Tagger()
    print(row("Helpdesk rules alone", scores(truth, [rules.analyze(t).label for t in texts])))
    tagger = Tagger().learn(training)
    print(
        row(
            "Helpdesk tagger (rules + model)",
            scores(truth, [tagger.analyze(t).label for t in texts]),
        )
    )

    print("\nLearning curve: the tagger after learning from N agent corrections")
    print("(corrections drawn from the shipped examples; scored on the held-out set)")
    rng = random.Random(args.seed)
    pool = training[:]
    rng.shuffle(pool)
    for size in (0, 50, 200, 500):
        learned = pool[:size]
        if len({label for _, label in learned}) < 2:
            curve_tagger = Tagger()
        else:
            curve_tagger = Tagger().learn(learned)
        result = scores(truth, [curve_tagger.analyze(t).label for t in texts])
        print(row(f"  {size:>4} corrections", result))

    print(f"\nCost: {cost_per_message(tagger, texts):.2f} ms per message (rules + model, one core)")


if __name__ == "__main__":
    main()
