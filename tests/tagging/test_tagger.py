"""The tagger outside the app: the rules on tricky messages, learning, saving and loading."""

import pickle

import pytest

from helpdesk.sentiment import Tagger, _analyzer, shipped_examples
from helpdesk.sentiment_rules import read
from helpdesk.sentiment_training import fit, new_model

RULES = Tagger()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Complaints without emotion words.
        ("still waiting for my refund", "negative"),
        ("third time I'm asking about this", "negative"),
        ("The order was cancelled and nobody answers the phone", "negative"),
        ("on hold for 2 hours", "negative"),
        ("I was charged twice for the same order", "negative"),
        ("the app crashes again when I open settings", "negative"),
        # Negation and contrast.
        ("not happy with this at all", "negative"),
        ("thanks but it still doesn't work", "negative"),
        ("not bad at all, thank you", "positive"),
        ("no complaints, it works perfectly now", "positive"),
        # Sarcasm, shouting, emoji.
        ("great, another week without my order", "negative"),
        ("WHERE IS MY ORDER", "negative"),
        ("still nothing :(", "negative"),
        ("love the new app :)", "positive"),
        # Politeness that is not praise.
        ("Thanks in advance, how do I change my address?", "neutral"),
        ("please help me reset my password", "neutral"),
        ("Sorry to bother you, quick question about sizes", "neutral"),
        ("ok I'll try that", "neutral"),
        # Mood words that mislead.
        ("I'd love to know why my refund is still missing", "negative"),
        ("that worked, thank you so much!", "positive"),
    ],
)
def test_rules_read_support_messages(text, label):
    assert RULES.analyze(text).label == label


def test_politeness_formulas_do_not_count_as_praise():
    assert read("Thanks in advance").textblob_polarity == 0
    assert read("Kind regards").positive_cues == 0


def test_the_learned_layer_improves_after_learning():
    examples = [
        ("my flux capacitor is wobbling", "negative"),
        ("the flux capacitor wobbles again", "negative"),
        ("wobbling flux capacitor, third week", "negative"),
        ("flux capacitor arrived, lovely", "positive"),
        ("flux capacitor is lovely, thanks", "positive"),
        ("how do I install a flux capacitor", "neutral"),
        ("what size is the flux capacitor", "neutral"),
        ("where can I see the flux capacitor manual", "neutral"),
    ]
    probe = "the flux capacitor is wobbling"
    before = Tagger().analyze(probe)

    after = Tagger().learn(examples * 3).analyze(probe)

    assert before.label != "negative"
    assert after.label == "negative" and after.confidence > 0.5


def test_save_and_load_give_the_same_readings(tmp_path):
    tagger = Tagger().learn(shipped_examples())
    path = tmp_path / "model.pkl"

    tagger.save(path)
    loaded = Tagger.load(path)

    for text in ("still waiting for my refund", "thanks, all sorted!", "what are your hours?"):
        assert loaded.analyze(text) == tagger.analyze(text)
    assert (loaded.version, loaded.trained_on) == (tagger.version, tagger.trained_on)


def test_a_model_saved_by_an_earlier_version_still_loads(tmp_path):
    """Earlier versions pickled scikit-learn's pipeline inside the tagger."""
    tagger = Tagger().learn(shipped_examples())
    texts, labels = zip(*shipped_examples(), strict=True)
    earlier = Tagger.__new__(Tagger)
    earlier.__dict__.update(
        {**tagger.__dict__, "model": fit(list(texts), list(labels))[0], "compiled": None}
    )
    path = tmp_path / "model-earlier.pkl"
    path.write_bytes(pickle.dumps(earlier))

    loaded = Tagger.load(path)

    for text in ("still waiting for my refund", "thanks, all sorted!", "what are your hours?"):
        assert loaded.analyze(text) == tagger.analyze(text)


def test_compiled_model_gives_the_pipelines_probabilities():
    texts, labels = zip(*shipped_examples(), strict=True)
    pipeline, compiled = fit(list(texts), list(labels))
    probes = [
        "Box arrived crushed and nobody answers my emails",
        "THANK YOU!!! :) works   now",
        "a",
        "Ünïcode wörds, tabs\tand\nnew lines; it's   fine?!",
    ]

    for text in probes:
        mine = compiled.probabilities(text, read(text).features())
        reference = dict(zip(pipeline.classes_, pipeline.predict_proba([text])[0], strict=True))
        assert mine == pytest.approx(reference, abs=1e-9)


def test_compiled_analyzers_give_scikit_learns_grams():
    pipeline = new_model().fit(*zip(*shipped_examples(), strict=True))
    vectorizers = dict(pipeline.named_steps["features"].transformer_list)

    for text, _label in shipped_examples():
        for name in ("words", "characters"):
            vectorizer = vectorizers[name]
            assert _analyzer(vectorizer)(text) == vectorizer.build_analyzer()(text)


def test_learning_refuses_unknown_labels_and_a_single_label():
    with pytest.raises(ValueError, match="unknown label"):
        Tagger().learn([("fine", "meh")])
    with pytest.raises(ValueError, match="two labels"):
        Tagger().learn([("fine", "positive"), ("great", "positive")])


def test_load_refuses_a_file_that_is_not_a_tagger(tmp_path):
    path = tmp_path / "other.pkl"
    path.write_bytes(pickle.dumps({"not": "a tagger"}))

    with pytest.raises(ValueError, match="does not hold a tagger"):
        Tagger.load(path)


def test_shipped_examples_are_many_varied_and_labelled():
    examples = shipped_examples()
    labels = [label for _, label in examples]

    assert len(examples) >= 600
    assert min(labels.count(label) for label in ("negative", "neutral", "positive")) > 100
    assert len({text for text, _ in examples}) == len(examples)
