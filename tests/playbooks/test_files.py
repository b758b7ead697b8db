"""Playbook files: the shipped playbooks, validation errors, durations, rules and guidance."""

import ast
import hashlib
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from helpdesk import sentiment
from helpdesk.playbooks import files
from helpdesk.playbooks.files import PlaybookFileError, PlaybookSpec, StepSpec
from helpdesk.tickets.models import Priority

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHIPPED = PROJECT_ROOT / "playbooks"
# Line numbers matter in these tests: id is line 1, the second step's check_in_after line 10.
GOOD = """\
id: good-one
title: A good playbook
suggest_when:
  sentiment: negative
steps:
  - title: Listen first
    guidance: Let them talk.
  - title: Follow up
    guidance: Check back.
    check_in_after: 2d
"""


def changed(old: str, new: str) -> str:
    """GOOD with one piece of text replaced (the piece must be there)."""
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def write(folder: Path, contents: dict[str, str]) -> None:
    for name, text in contents.items():
        (folder / name).write_text(text, encoding="utf-8")


def spec_with(rules: dict[str, str]) -> PlaybookSpec:
    step = StepSpec("listen", "Listen", "Listen.", None, True)
    return PlaybookSpec("p", "P", "", rules, (step,), "0" * 64, "p.yaml")


def test_the_shipped_folder_loads_every_playbook_with_rules():
    specs = files.load_folder(SHIPPED)

    assert [spec.id for spec in specs] == [
        "billing-dispute",
        "difficult-customer",
        "service-outage",
    ]
    assert all(spec.suggest_when for spec in specs)
    assert any(not step.required for spec in specs for step in spec.steps)
    assert all(any(step.check_in_after for step in spec.steps) for spec in specs), (
        "every shipped playbook schedules a check-in"
    )


def test_difficult_customer_has_the_five_steps_in_order_and_a_two_day_check_in():
    spec = files.load_file(SHIPPED / "difficult-customer.yaml")

    assert spec.suggest_when == {"sentiment": "negative"}
    assert [step.title for step in spec.steps] == [
        "Listen first, don't react",
        "Acknowledge the problem",
        "Find the source",
        "Offer a solution or an alternative",
        "Follow up promptly",
    ]
    assert [step.key for step in spec.steps] == [
        "listen-first-dont-react",
        "acknowledge-the-problem",
        "find-the-source",
        "offer-a-solution-or-an-alternative",
        "follow-up-promptly",
    ]
    assert [step.check_in_after for step in spec.steps] == [None] * 4 + [timedelta(days=2)]
    assert all(step.required and step.guidance for step in spec.steps)


def test_billing_and_outage_playbooks_suggest_on_their_own_rules():
    by_id = {spec.id: spec for spec in files.load_folder(SHIPPED)}

    assert by_id["billing-dispute"].suggest_when == {"category": "Billing", "sentiment": "negative"}
    assert by_id["service-outage"].suggest_when == {"tag": "outage"}
    assert timedelta(hours=4) in [step.check_in_after for step in by_id["service-outage"].steps]


def test_checksum_is_the_sha256_of_the_file_bytes_and_path_is_kept(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")

    spec = files.load_file(path)

    assert spec.checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    assert spec.path == str(path)
    assert spec.summary == ""
    assert [step.key for step in spec.steps] == ["listen-first", "follow-up"]


@pytest.mark.parametrize(
    ("contents", "bad_file", "line", "field", "problem"),
    [
        pytest.param(
            {"p.yaml": changed("id: good-one\n", "")}, "p.yaml", 1, "id", "is required",
            id="missing id",
        ),
        pytest.param(
            {"p.yaml": changed("id: good-one", "id: Good_One")}, "p.yaml", 1, "id",
            '"Good_One" must be lower-case letters, digits and hyphens',
            id="bad id",
        ),
        pytest.param(
            {"p.yaml": GOOD.split("steps:")[0] + "steps: []\n"}, "p.yaml", 5, "steps",
            "needs at least one step",
            id="empty steps",
        ),
        pytest.param(
            {"p.yaml": changed("suggest_when:", "colour: red\nsuggest_when:")}, "p.yaml", 3,
            "colour", "is not a known field",
            id="unknown top-level key",
        ),
        pytest.param(
            {"p.yaml": changed("Let them talk.", "Let them talk.\n    note: hi")}, "p.yaml", 8,
            "steps[0].note", "is not a known field",
            id="unknown step key",
        ),
        pytest.param(
            {"p.yaml": changed("sentiment: negative", "language: fr")}, "p.yaml", 4,
            "suggest_when.language", "is not a known field",
            id="unknown rule",
        ),
        pytest.param(
            {"p.yaml": changed("check_in_after: 2d", "check_in_after: 2 days")}, "p.yaml", 10,
            "steps[1].check_in_after", '"2 days" is not a duration like 2d or 4h',
            id="bad duration",
        ),
        pytest.param(
            {"p.yaml": changed("check_in_after: 2d", "check_in_after: 0h")}, "p.yaml", 10,
            "steps[1].check_in_after", "must be longer than zero",
            id="zero duration",
        ),
        pytest.param(
            {"p.yaml": changed("Let them talk.", "Let them talk.\n    required: maybe")},
            "p.yaml", 8, "steps[0].required", 'must be true or false, not "maybe"',
            id="required not a bool",
        ),
        pytest.param(
            {"p.yaml": changed("sentiment: negative", "sentiment: angry")}, "p.yaml", 4,
            "suggest_when.sentiment", '"angry" is not one of negative, neutral, positive',
            id="bad sentiment",
        ),
        pytest.param(
            {"p.yaml": changed("sentiment: negative", "priority: critical")}, "p.yaml", 4,
            "suggest_when.priority", '"critical" is not one of low, normal, high, urgent',
            id="bad priority",
        ),
        pytest.param(
            {"p.yaml": changed("title: Follow up", "title: Listen First!")}, "p.yaml", 8,
            "steps[1].title", "repeats the title of steps[0]",
            id="duplicate step titles",
        ),
        pytest.param(
            {"p.yaml": changed("    guidance: Check back.\n", "")}, "p.yaml", 8,
            "steps[1].guidance", "is required",
            id="missing guidance",
        ),
        pytest.param(
            {"p.yaml": changed("title: A good playbook", "title: 42")}, "p.yaml", 2, "title",
            "must be text, not 42",
            id="title not text",
        ),
        pytest.param(
            {"p.yaml": changed("title: A good playbook", "title: A\ntitle: B")}, "p.yaml", 3,
            "title", "appears twice",
            id="duplicate key",
        ),
        pytest.param(
            {"p.yaml": GOOD.split("steps:")[0] + "steps: oops\n"}, "p.yaml", 5, "steps",
            'must be a list of steps, not "oops"',
            id="steps not a list",
        ),
        pytest.param(
            {"p.yaml": changed("id: good-one", 'id: !!python/object/apply:os.system ["true"]')},
            "p.yaml", 1, "id", "python/object/apply:os.system",
            id="python tag",
        ),
        pytest.param(
            {"p.yaml": changed("Let them talk.", "Let them: talk")}, "p.yaml", 7,
            "YAML syntax", "mapping values are not allowed here",
            id="yaml syntax error",
        ),
        pytest.param(
            {"p.yaml": ""}, "p.yaml", 1, "playbook", "the file is empty",
            id="empty file",
        ),
        pytest.param(
            {"p.yaml": "- just\n- a list\n"}, "p.yaml", 1, "playbook", "must be a mapping",
            id="not a mapping",
        ),
        pytest.param(
            {"a.yaml": GOOD, "b.yaml": "# the same id again\n" + GOOD}, "b.yaml", 2, "id",
            '"good-one" is already the id of {folder}/a.yaml',
            id="duplicate id across two files",
        ),
    ],
)  # fmt: skip
def test_a_bad_file_names_the_file_line_and_field(
    tmp_path, contents, bad_file, line, field, problem
):
    write(tmp_path, contents)

    with pytest.raises(PlaybookFileError) as raised:
        files.load_folder(tmp_path)

    path = str(tmp_path / bad_file)
    error = raised.value
    assert (error.path, error.line, error.field) == (path, line, field)
    assert str(error).startswith(f"{path}, line {line}, {field}: ")
    assert problem.format(folder=tmp_path) in error.problem


def test_load_file_raises_the_same_error_as_the_folder(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(changed("check_in_after: 2d", "check_in_after: 2 days"), encoding="utf-8")

    with pytest.raises(PlaybookFileError) as raised:
        files.load_file(path)

    assert str(raised.value) == (
        f'{path}, line 10, steps[1].check_in_after: "2 days" is not a duration like 2d or 4h'
    )


def test_one_bad_file_among_good_ones_fails_the_whole_folder(tmp_path):
    for path in SHIPPED.glob("*.yaml"):
        shutil.copy(path, tmp_path)
    write(tmp_path, {"zz-bad.yaml": changed("sentiment: negative", "sentiment: angry")})
    loaded = None

    with pytest.raises(PlaybookFileError, match="zz-bad.yaml, line 4"):
        loaded = files.load_folder(tmp_path)

    assert loaded is None


def test_load_folder_ignores_other_files_and_refuses_a_missing_folder(tmp_path):
    write(tmp_path, {"p.yml": GOOD, "README.md": "not a playbook", ".p.yaml.swp": "junk"})

    assert [spec.id for spec in files.load_folder(tmp_path)] == ["good-one"]
    with pytest.raises(FileNotFoundError):
        files.load_folder(tmp_path / "missing")


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("30m", timedelta(minutes=30)),
        ("4h", timedelta(hours=4)),
        ("2d", timedelta(days=2)),
        ("1w", timedelta(weeks=1)),
        ("36h", timedelta(hours=36)),
    ],
)
def test_parse_duration_reads_a_number_and_a_unit(text, duration):
    assert files.parse_duration(text) == duration


@pytest.mark.parametrize("text", ["2 days", "2", "d", "2D", "-1d", "1.5h", "", " 2d", "0d", 2])
def test_parse_duration_refuses_anything_else(text):
    with pytest.raises(ValueError, match="duration like 2d or 4h|longer than zero"):
        files.parse_duration(text)


TICKET = {"sentiment": "negative", "category": "Billing", "priority": "high", "tags": ["vip"]}


@pytest.mark.parametrize(
    ("rules", "ticket", "expected"),
    [
        ({}, {}, False),
        ({"sentiment": "negative"}, {}, True),
        ({"sentiment": "negative"}, {"sentiment": "neutral"}, False),
        ({"sentiment": "negative"}, {"sentiment": None}, False),
        ({"category": "billing"}, {}, True),
        ({"category": "Billing"}, {"category": "BILLING"}, True),
        ({"category": "Billing"}, {"category": None}, False),
        ({"category": "Billing"}, {"category": "Returns & refunds"}, False),
        ({"priority": "high"}, {}, True),
        ({"priority": "urgent"}, {}, False),
        ({"tag": "vip"}, {}, True),
        ({"tag": "outage"}, {}, False),
        ({"tag": "outage"}, {"tags": ["Outage", "vip"]}, True),
        ({"category": "Billing", "sentiment": "negative"}, {}, True),
        ({"category": "Billing", "sentiment": "negative"}, {"sentiment": "positive"}, False),
        ({"category": "Billing", "sentiment": "negative"}, {"category": "Orders"}, False),
    ],
)
def test_matches_needs_every_given_rule_and_at_least_one(rules, ticket, expected):
    assert files.matches(spec_with(rules), **(TICKET | ticket)) is expected


def test_an_unhappy_billing_ticket_gets_the_billing_and_the_difficult_customer_playbooks():
    suggested = [spec.id for spec in files.load_folder(SHIPPED) if files.matches(spec, **TICKET)]

    assert suggested == ["billing-dispute", "difficult-customer"]


def test_rule_values_are_the_apps_sentiment_labels_and_priorities():
    assert files.SENTIMENTS == sentiment.LABELS
    assert files.PRIORITIES == tuple(priority.value for priority in Priority)


@pytest.mark.parametrize(
    ("markdown_text", "forbidden"),
    [
        ("Hi <script>alert('x')</script> there", ["<script", "alert"]),
        ('<a href="https://example.com" onclick="steal()">x</a>', ["onclick", "steal"]),
        ("[click](javascript:alert(1))", ["javascript", "alert"]),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', ["javascript", "alert"]),
        ('<img src="x" onerror="alert(1)">', ["<img", "onerror"]),
        ('<p style="color:red" class="x">hi</p>', ["style", "class"]),
        ("<iframe src='https://example.com'></iframe>", ["<iframe"]),
        ("[relative](/admin)", ["/admin"]),
    ],
)
def test_render_guidance_strips_scripts_handlers_and_unsafe_links(markdown_text, forbidden):
    html = files.render_guidance(markdown_text).lower()

    for text in forbidden:
        assert text.lower() not in html


def test_render_guidance_keeps_the_allowed_markdown():
    html = files.render_guidance(
        "### Say this\n\n"
        "#### Or this\n\n"
        "**Sorry** for the *wait*, see `INC-1`.  \nNext line.\n\n"
        "- one\n- two\n\n"
        "Then:\n\n"
        "1. first\n\n"
        "> We're on it.\n\n"
        "    code block\n\n"
        "[status](https://status.example.com) or [mail](mailto:help@example.com)\n"
    )

    for tag in ("h3", "h4", "strong", "em", "code", "ul", "ol", "li", "blockquote", "pre", "p"):
        assert f"<{tag}>" in html
    assert "<br>" in html or "<br />" in html
    assert 'href="https://status.example.com"' in html
    assert 'href="mailto:help@example.com"' in html


def imported_modules(path) -> set[str]:
    """Dotted names a module imports ("from a import b" counts as "a.b")."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("module", ["playbooks/files.py", "markup.py"])
def test_pure_modules_import_no_flask_database_or_app(module):
    imported = imported_modules(PROJECT_ROOT / "helpdesk" / module)

    roots = {name.split(".")[0] for name in imported}
    assert roots.isdisjoint({"flask", "flask_sqlalchemy", "sqlalchemy"})
    assert {name for name in imported if name.startswith("helpdesk")} <= {"helpdesk.markup"}
