"""Training the tagger's learned layer with scikit-learn. Only training imports this module
(`Tagger.learn`, `flask sentiment train`, a child process that builds the shipped model): web
workers tag with the trained arithmetic alone and never load scikit-learn."""

import sys
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from helpdesk.sentiment import (
    NEGATIVE,
    NEUTRAL,
    POSITIVE,
    WORD_PATTERN,
    CompiledModel,
    Tagger,
    shipped_examples,
)
from helpdesk.sentiment_rules import read


class RuleFeatures(BaseEstimator, TransformerMixin):
    """The rules' reading of each text as numeric features for the learned layer."""

    def fit(self, texts, labels=None):
        return self

    def transform(self, texts):
        return np.array([read(text).features() for text in texts])


def new_model() -> Pipeline:
    """Word and character n-grams plus the rules' features, into a linear classifier."""
    return Pipeline(
        [
            (
                "features",
                FeatureUnion(
                    [
                        (
                            "words",
                            TfidfVectorizer(
                                ngram_range=(1, 2),
                                min_df=1,
                                sublinear_tf=True,
                                token_pattern=WORD_PATTERN,
                            ),
                        ),
                        (
                            "characters",
                            TfidfVectorizer(
                                analyzer="char_wb",
                                ngram_range=(3, 5),
                                min_df=2,
                                sublinear_tf=True,
                                max_features=40000,
                            ),
                        ),
                        ("rules", RuleFeatures()),
                    ],
                    transformer_weights={"words": 1.0, "characters": 0.7, "rules": 1.5},
                ),
            ),
            # Missing a complaint costs more than a false alarm: negatives weigh 1.5
            # (chosen by cross-validation on the shipped examples, not on the held-out set).
            (
                "classifier",
                LogisticRegression(
                    C=6.0,
                    max_iter=2000,
                    class_weight={NEGATIVE: 1.5, NEUTRAL: 1.0, POSITIVE: 1.0},
                ),
            ),
        ]
    )


def fit(texts: list[str], labels: list[str]) -> tuple[Pipeline, CompiledModel]:
    """Train the pipeline on the texts; returns it with its compiled arithmetic."""
    pipeline = new_model()
    pipeline.fit(texts, labels)
    return pipeline, CompiledModel(pipeline)


def main(argv: list[str]) -> int:
    """`python -m helpdesk.sentiment_training PATH`: train on the shipped examples and save
    the tagger to PATH (what `default_tagger` runs in a child process)."""
    if len(argv) != 1:
        print("usage: python -m helpdesk.sentiment_training PATH", file=sys.stderr)
        return 2
    Tagger().learn(shipped_examples()).save(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
