"""Playbook files: read and check the YAML in `playbooks/`, match rules, render guidance.

Pure Python, no Flask and no database: `flask playbooks sync` stores what this reads.
"""

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from helpdesk import markup

# The same values as helpdesk.sentiment.LABELS and helpdesk.tickets.models.Priority (a test
# keeps them in step); repeated here so reading a file needs neither a model nor a database.
SENTIMENTS = ("negative", "neutral", "positive")
PRIORITIES = ("low", "normal", "high", "urgent")
RULE_CHOICES: dict[str, tuple[str, ...] | None] = {
    "sentiment": SENTIMENTS,
    "category": None,  # any text, compared case-insensitively with the category's name
    "priority": PRIORITIES,
    "tag": None,  # any text; tags are lower case, like the ticket's
}
PLAYBOOK_FIELDS = ("id", "title", "summary", "suggest_when", "steps")
STEP_FIELDS = ("title", "guidance", "check_in_after", "required")
MAX_ID = 80
MAX_TITLE = 200
MAX_KEY = 80
MAX_TAG = 40
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DURATION = re.compile(r"([0-9]{1,6})([mhdw])")
DURATION_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
FILE_PATTERNS = ("*.yaml", "*.yml")
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
TOP = "playbook"  # the field name of the whole document in errors


@dataclass(frozen=True)
class StepSpec:
    """One step of a playbook as written in its file."""

    key: str
    title: str
    guidance: str
    check_in_after: timedelta | None
    required: bool


@dataclass(frozen=True)
class PlaybookSpec:
    """One playbook file, checked; `checksum` is the sha256 of the file's bytes."""

    id: str
    title: str
    summary: str
    suggest_when: dict[str, str]
    steps: tuple[StepSpec, ...]
    checksum: str
    path: str


class PlaybookFileError(ValueError):
    """A playbook file that cannot be loaded; the message names the file, line and field."""

    def __init__(self, path: str, line: int, field: str, problem: str) -> None:
        super().__init__(f"{path}, line {line}, {field}: {problem}")
        self.path = path
        self.line = line
        self.field = field
        self.problem = problem


class HasRules(Protocol):
    """Anything with suggestion rules: a PlaybookSpec or a stored playbook."""

    @property
    def suggest_when(self) -> Mapping[str, str]: ...


def parse_duration(text: str) -> timedelta:
    """A duration written as a number and a unit: 30m, 4h, 2d or 1w."""
    found = DURATION.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        raise ValueError(f"{_show(text)} is not a duration like 2d or 4h")
    amount, unit = int(found.group(1)), found.group(2)
    if amount == 0:
        raise ValueError(f"{_show(text)} must be longer than zero")
    return timedelta(**{DURATION_UNITS[unit]: amount})


def slugify(title: str) -> str:
    """A stable key for a step title: lower-case letters and digits joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", title.lower()))
    return "-".join(words)[:MAX_KEY].strip("-")


def load_file(path: str | Path) -> PlaybookSpec:
    """Read and check one playbook file; a PlaybookFileError names what is wrong and where."""
    return _read(path)[0]


def _read(path: str | Path) -> tuple[PlaybookSpec, int]:
    """The playbook in a file, and the line of its id (for the error a duplicate id gives)."""
    name = str(path)
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PlaybookFileError(name, line, TOP, "the file is not UTF-8 text") from None
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise _syntax_error(name, text, error) from None
    if document is None:
        raise PlaybookFileError(name, 1, TOP, "the file is empty")
    reader = _Reader(name)
    spec = reader.playbook(document, hashlib.sha256(data).hexdigest())
    return spec, reader.id_line


def load_folder(folder: str | Path) -> list[PlaybookSpec]:
    """Every playbook in the folder, sorted by id; any bad file fails the whole load."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no playbooks folder at {folder}")
    paths = sorted(
        path
        for pattern in FILE_PATTERNS
        for path in folder.glob(pattern)
        if path.is_file() and not path.name.startswith(".")
    )
    by_id: dict[str, PlaybookSpec] = {}
    for path in paths:
        spec, id_line = _read(path)
        if spec.id in by_id:
            raise PlaybookFileError(
                spec.path,
                id_line,
                "id",
                f'"{spec.id}" is already the id of {by_id[spec.id].path}',
            )
        by_id[spec.id] = spec
    return [by_id[key] for key in sorted(by_id)]


def matches(
    spec: HasRules,
    *,
    sentiment: str | None,
    category: str | None,
    priority: str | None,
    tags: Iterable[str],
) -> bool:
    """Whether a ticket meets every rule of the playbook; one with no rules never matches."""
    rules = spec.suggest_when
    if not rules:
        return False
    ticket_tags = {tag.strip().lower() for tag in tags}
    checks = {
        "sentiment": lambda wanted: sentiment == wanted,
        "category": lambda wanted: (category or "").casefold() == wanted.casefold(),
        "priority": lambda wanted: priority == wanted,
        "tag": lambda wanted: wanted.lower() in ticket_tags,
    }
    return all(checks[rule](wanted) for rule, wanted in rules.items())


def render_guidance(markdown_text: str) -> str:
    """Step guidance as HTML: Markdown, then only an allow-list of tags and safe links."""
    return markup.render(markdown_text, markup.GUIDANCE)


class _Reader:
    """Turns the composed YAML of one file into a PlaybookSpec, checking every field."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = SafeConstructor()
        self.id_line = 1

    def playbook(self, node: Node, checksum: str) -> PlaybookSpec:
        fields = self.mapping(node, TOP, PLAYBOOK_FIELDS, required=("id", "title", "steps"))
        playbook_id = self.text(fields["id"], "id", MAX_ID)
        self.id_line = fields["id"].start_mark.line + 1
        if not SLUG.fullmatch(playbook_id):
            raise self.error(
                fields["id"],
                "id",
                f'"{playbook_id}" must be lower-case letters, digits and hyphens, '
                'like "difficult-customer"',
            )
        return PlaybookSpec(
            id=playbook_id,
            title=self.text(fields["title"], "title", MAX_TITLE),
            summary=self.text(fields["summary"], "summary") if "summary" in fields else "",
            suggest_when=self.rules(fields["suggest_when"]) if "suggest_when" in fields else {},
            steps=self.steps(fields["steps"]),
            checksum=checksum,
            path=self.path,
        )

    def rules(self, node: Node) -> dict[str, str]:
        fields = self.mapping(node, "suggest_when", tuple(RULE_CHOICES))
        rules = {}
        for rule, value_node in fields.items():
            field = f"suggest_when.{rule}"
            value = self.text(value_node, field, MAX_TAG if rule == "tag" else MAX_TITLE)
            choices = RULE_CHOICES[rule]
            if choices is not None and value not in choices:
                raise self.error(value_node, field, f'"{value}" is not one of {", ".join(choices)}')
            rules[rule] = value.lower() if rule == "tag" else value
        return rules

    def steps(self, node: Node) -> tuple[StepSpec, ...]:
        if not isinstance(node, SequenceNode) or node.tag != SEQ_TAG:
            raise self.error(node, "steps", f"must be a list of steps, not {self.kind(node)}")
        if not node.value:
            raise self.error(node, "steps", "needs at least one step")
        steps: list[StepSpec] = []
        for index, step_node in enumerate(node.value):
            steps.append(self.step(step_node, f"steps[{index}]", steps))
        return tuple(steps)

    def step(self, node: Node, field: str, earlier: list[StepSpec]) -> StepSpec:
        fields = self.mapping(node, field, STEP_FIELDS, required=("title", "guidance"))
        title = self.text(fields["title"], f"{field}.title", MAX_TITLE)
        key = slugify(title)
        if not key:
            raise self.error(fields["title"], f"{field}.title", "needs letters or digits")
        for index, other in enumerate(earlier):
            if other.key == key:
                raise self.error(
                    fields["title"],
                    f"{field}.title",
                    f'"{title}" repeats the title of steps[{index}] (step key "{key}")',
                )
        check_in_after = None
        if "check_in_after" in fields:
            value_node = fields["check_in_after"]
            value = self.value(value_node, f"{field}.check_in_after", "a duration like 2d")
            try:
                check_in_after = parse_duration(value)
            except ValueError as error:
                raise self.error(value_node, f"{field}.check_in_after", str(error)) from None
        required = True
        if "required" in fields:
            required = self.value(fields["required"], f"{field}.required", "true or false")
            if not isinstance(required, bool):
                raise self.error(
                    fields["required"],
                    f"{field}.required",
                    f"must be true or false, not {_show(required)}",
                )
        return StepSpec(
            key=key,
            title=title,
            guidance=self.text(fields["guidance"], f"{field}.guidance"),
            check_in_after=check_in_after,
            required=required,
        )

    def mapping(
        self, node: Node, field: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Node]:
        """The value nodes of a mapping by key: known keys only, each once, required present."""
        if not isinstance(node, MappingNode) or node.tag != MAP_TAG:
            raise self.error(node, field, f"must be a mapping of fields, not {self.kind(node)}")
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.value(key_node, field)
            name = _child(field, key)
            if key not in allowed:
                raise self.error(
                    key_node, name, f"is not a known field (expected {', '.join(allowed)})"
                )
            if key in fields:
                raise self.error(key_node, name, "appears twice")
            fields[key] = value_node
        for key in required:
            if key not in fields:
                raise self.error(node, _child(field, key), "is required")
        return fields

    def text(self, node: Node, field: str, longest: int | None = None) -> str:
        """A non-empty string, trimmed."""
        value = self.value(node, field, "text")
        if not isinstance(value, str):
            raise self.error(node, field, f"must be text, not {_show(value)}")
        value = value.strip()
        if not value:
            raise self.error(node, field, "must not be empty")
        if longest is not None and len(value) > longest:
            raise self.error(node, field, f"must be at most {longest} characters")
        return value

    def value(self, node: Node, field: str, expected: str = "a single value") -> object:
        """The plain value of a scalar; tags beyond YAML's own (like !!python/...) are refused."""
        if not isinstance(node, ScalarNode):
            raise self.error(node, field, f"must be {expected}, not {self.kind(node)}")
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError:
            raise self.error(node, field, f"the tag {node.tag} is not allowed") from None

    def kind(self, node: Node) -> str:
        """What a node holds, as an error message names it."""
        if isinstance(node, MappingNode | SequenceNode) and node.tag not in (MAP_TAG, SEQ_TAG):
            return f"the tag {node.tag}"
        if isinstance(node, MappingNode):
            return "a mapping"
        if isinstance(node, SequenceNode):
            return "a list"
        try:
            return _show(self.constructor.construct_object(node, deep=True))
        except ConstructorError:
            return f"the tag {node.tag}"

    def error(self, node: Node, field: str, problem: str) -> PlaybookFileError:
        return PlaybookFileError(self.path, node.start_mark.line + 1, field, problem)


def _show(value: object) -> str:
    """A value as an error message quotes it."""
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return str(value)
    return f"a {type(value).__name__}"


def _syntax_error(path: str, text: str, error: yaml.YAMLError) -> PlaybookFileError:
    """A YAML parse error as a PlaybookFileError at the line where the parser gave up."""
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        line = mark.line + 1
    else:  # a ReaderError (a character YAML refuses) knows only its position
        line = text.count("\n", 0, getattr(error, "position", 0)) + 1
    # "expected a single document in the stream, but found another document"
    said = [getattr(error, "context", None), getattr(error, "problem", None)]
    problem = ", ".join(part for part in said if part) or str(error).splitlines()[0]
    return PlaybookFileError(path, line, "YAML syntax", problem)


def _child(field: str, key: object) -> str:
    """The name of a field inside another: `steps[2].title`, `suggest_when.tag`, `id`."""
    return str(key) if field == TOP else f"{field}.{key}"
