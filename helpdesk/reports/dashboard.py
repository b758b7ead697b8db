"""What the dashboard shows of a report: headline cards against the previous period, and the
charts with their tables. Formatting lives here so the template only lays things out."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from helpdesk.reports import charts
from helpdesk.reports.charts import Series, Table
from helpdesk.reports.metrics import MOODS, Report, Spread
from helpdesk.templating import format_duration


def count(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def duration(value: float | None) -> str:
    return "—" if value is None else format_duration(value)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def decimal(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.0f}"


@dataclass(frozen=True)
class Card:
    """One headline figure with its value in the previous period."""

    label: str
    value: str
    previous: str
    change: str  # "+12%", "-3 pts", "" when there is nothing to compare
    tone: str  # "good", "bad" or "" (no better direction, or no change)
    note: str = ""


# How each kind of figure is shown and how its change is put.
KINDS: dict[str, tuple[Callable[[float | None], str], str]] = {
    "count": (count, "relative"),
    "duration": (duration, "relative"),
    "rate": (percent, "points"),
    "decimal": (decimal, "absolute"),
    "score": (signed, "absolute"),
}


def _change(now: float | None, before: float | None, how: str) -> tuple[str, float]:
    if now is None or before is None:
        return "", 0.0
    difference = now - before
    if how == "points":
        points = round(100 * difference)
        return (f"{points:+d} pts" if points else "no change"), points
    if how == "absolute":
        shown = round(difference, 1)  # a change too small to show is no change, in no colour
        return (f"{shown:+.1f}" if shown else "no change"), shown
    if before == 0:
        return ("new" if now else "no change"), difference
    relative = round(100 * difference / before)
    return (f"{relative:+d}%" if relative else "no change"), relative


def card(
    label: str,
    now: float | None,
    before: float | None,
    kind: str,
    better: str = "",
    note: str = "",
) -> Card:
    """`better` is "up", "down" or "" (neither way is better, as with tickets created)."""
    show, how = KINDS[kind]
    change, direction = _change(now, before, how)
    tone = ""
    if better and direction:
        tone = "good" if (direction > 0) == (better == "up") else "bad"
    return Card(label, show(now), show(before), change, tone, note)


def _plural(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def cards(report: Report) -> list[Card]:
    """The headline figures, in the order a weekly review reads them."""
    now, before = report.current, report.previous
    return [
        card("Tickets created", now.volume.created, before.volume.created, "count"),
        card("Tickets resolved", now.volume.resolved, before.volume.resolved, "count", "up"),
        card(
            "Backlog",
            now.volume.backlog,
            before.volume.backlog,
            "count",
            "down",
            "unresolved at the end of the period",
        ),
        card(
            "First reply time (median)",
            now.first_reply.answered.median,
            before.first_reply.answered.median,
            "duration",
            "down",
            f"{_plural(now.first_reply.unanswered, 'ticket')} not answered yet",
        ),
        card(
            "Resolution time (median)",
            now.outcomes.resolution.median,
            before.outcomes.resolution.median,
            "duration",
            "down",
        ),
        card(
            "Resolution time (90th percentile)",
            now.outcomes.resolution.p90,
            before.outcomes.resolution.p90,
            "duration",
            "down",
        ),
        card(
            "Requester wait (median)",
            now.outcomes.wait.median,
            before.outcomes.wait.median,
            "duration",
            "down",
            "time spent new or open",
        ),
        card(
            "Replies to resolution",
            now.outcomes.replies_mean,
            before.outcomes.replies_mean,
            "decimal",
            "down",
            "public replies per resolved ticket",
        ),
        card(
            "One-touch resolution",
            now.outcomes.one_touch_rate,
            before.outcomes.one_touch_rate,
            "rate",
            "up",
        ),
        card(
            "Reopen rate",
            now.outcomes.reopen_rate,
            before.outcomes.reopen_rate,
            "rate",
            "down",
            f"{_plural(now.outcomes.reopens, 'reopen')} in all",
        ),
        card(
            "Customer follow-ups per ticket",
            now.outcomes.followups_mean,
            before.outcomes.followups_mean,
            "decimal",
            "down",
            "messages chasing an unresolved ticket",
        ),
        card(
            "Messages per ticket",
            now.conversation.messages_mean,
            before.conversation.messages_mean,
            "decimal",
            "down",
            f"first to last in {duration(now.conversation.elapsed.median)} (median)",
        ),
        card(
            "Complaints received",
            now.complaints.received,
            before.complaints.received,
            "count",
            "down",
            f"{now.complaints.resolved:,} resolved ({percent(now.complaints.resolved_rate)})",
        ),
        card(
            "Mood recovery",
            now.complaints.recovery_rate,
            before.complaints.recovery_rate,
            "rate",
            "up",
            "complaints whose last word is neutral or positive",
        ),
        card(
            "CSAT",
            now.surveys.csat,
            before.surveys.csat,
            "rate",
            "up",
            f"{_plural(now.surveys.answers, 'answer')} scoring 4 or 5 of 5",
        ),
        card(
            "NPS",
            now.surveys.nps,
            before.surveys.nps,
            "score",
            "up",
            f"from {_plural(now.surveys.nps_answers, 'answer')}",
        ),
        card(
            "Customer effort (CES)",
            now.surveys.ces_mean,
            before.surveys.ces_mean,
            "decimal",
            "down",
            "1 to 7, lower is easier",
        ),
        card(
            "Survey response rate",
            now.surveys.response_rate,
            before.surveys.response_rate,
            "rate",
            "up",
            f"of {_plural(now.surveys.invited, 'invitation')}",
        ),
        card(
            "SLA attainment",
            now.outcomes.sla_rate,
            before.outcomes.sla_rate,
            "rate",
            "up",
            "resolved tickets that met both targets",
        ),
        card(
            "Check-ins on time",
            now.check_ins.on_time_rate,
            before.check_ins.on_time_rate,
            "rate",
            "up",
            f"{now.check_ins.due:,} due, {now.check_ins.overdue:,} overdue",
        ),
        card(
            "KB deflection",
            now.deflection.rate,
            before.deflection.rate,
            "rate",
            "up",
            f"of {_plural(now.deflection.forms, 'form')} shown articles (dates only)",
        ),
        card(
            "Tagger agreement",
            now.agreement.rate,
            before.agreement.rate,
            "rate",
            "up",
            f"{_plural(now.agreement.reviewed, 'mood')} reviewed by agents",
        ),
    ]


def cuts_in_words(form) -> list[str]:
    """The cuts applied besides the period, as the filter's labels say them."""
    said = []
    for field in (form.agent, form.category, form.priority, form.channel, form.sentiment):
        if field.data not in ("", None) and not field.errors:
            chosen = {str(choice.value): choice.label for choice in field.iter_choices()}
            said.append(f"{field.label.text.lower()}: {chosen.get(str(field.data), field.data)}")
    return said


def _day(day: date) -> str:
    return day.strftime("%d %b")


def _week(monday: date) -> str:
    return f"w/c {monday.strftime('%d %b')}"


def _spread_cells(spread: Spread) -> list[str]:
    return [count(spread.count), duration(spread.median), duration(spread.p90)]


def _hours_or_none(value: float | None) -> float | None:
    return None if value is None else value / 3600


def chart_list(report: Report) -> list[charts.Chart]:
    """The dashboard's charts, in order, each with its table."""
    daily = report.daily
    days = [_day(row.day) for row in daily]
    weeks = [_week(row.week) for row in report.resolution_weeks]
    volume = charts.line_chart(
        "volume",
        "Tickets created and resolved per day",
        "Two lines, one point per day: tickets created and tickets resolved.",
        days,
        [
            Series("Created", [row.created for row in daily], "series-1"),
            Series("Resolved", [row.resolved for row in daily], "series-2"),
        ],
        axis=count,
        point=count,
        table=Table(
            ["Day", "Created", "Resolved"],
            [[_day(row.day), count(row.created), count(row.resolved)] for row in daily],
        ),
    )
    resolution = charts.line_chart(
        "resolution",
        "Resolution time per week",
        "Median and 90th percentile of resolution time, in hours, by week of resolution.",
        weeks,
        [
            Series(
                "Median",
                [_hours_or_none(row.spread.median) for row in report.resolution_weeks],
                "series-1",
            ),
            Series(
                "90th percentile",
                [_hours_or_none(row.spread.p90) for row in report.resolution_weeks],
                "series-3",
            ),
        ],
        axis=lambda hours: f"{hours:g} h",
        point=lambda hours: duration(hours * 3600),
        table=Table(
            ["Week", "Resolved", "Median", "90th percentile"],
            [[_week(row.week), *_spread_cells(row.spread)] for row in report.resolution_weeks],
        ),
    )
    sentiment = charts.bar_chart(
        "sentiment",
        "Mood of incoming customer messages per week",
        "Stacked bars per week: negative, neutral and positive customer messages.",
        weeks,
        [
            Series(
                mood.capitalize(),
                [getattr(row, mood) for row in report.sentiment_weeks],
                f"mood-{mood}",
            )
            for mood in MOODS
        ],
        axis=count,
        point=count,
        table=Table(
            ["Week", "Negative", "Neutral", "Positive", "Negative share"],
            [
                [
                    _week(row.week),
                    count(row.negative),
                    count(row.neutral),
                    count(row.positive),
                    percent(row.negative / row.total if row.total else None),
                ]
                for row in report.sentiment_weeks
            ],
        ),
        stacked=True,
    )
    complaints = charts.bar_chart(
        "complaints",
        "Complaints and resolved complaints per week",
        "Bars per week of arrival: complaints received, and how many of them are resolved now.",
        weeks,
        [
            Series("Received", [row.received for row in report.complaint_weeks], "mood-negative"),
            Series("Resolved", [row.resolved for row in report.complaint_weeks], "series-2"),
        ],
        axis=count,
        point=count,
        table=Table(
            ["Week", "Complaints", "Resolved"],
            [
                [_week(row.week), count(row.received), count(row.resolved)]
                for row in report.complaint_weeks
            ],
        ),
    )
    scores = charts.line_chart(
        "scores",
        "CSAT and NPS per week",
        "Two lines by week of answer: CSAT as a percentage and NPS from -100 to 100.",
        weeks,
        [
            Series(
                "CSAT %",
                [_scaled(row.scores.csat, 100) for row in report.score_weeks],
                "series-2",
            ),
            Series("NPS", [row.scores.nps for row in report.score_weeks], "series-3"),
        ],
        axis=lambda value: f"{value:g}",
        point=lambda value: f"{value:.0f}",
        table=Table(
            ["Week", "Answers", "CSAT", "NPS"],
            [
                [
                    _week(row.week),
                    count(row.scores.answers),
                    percent(row.scores.csat),
                    signed(row.scores.nps),
                ]
                for row in report.score_weeks
            ],
        ),
    )
    bands = charts.bar_chart(
        "csat-by-time",
        "CSAT by resolution time",
        "One bar per band of resolution time: the share of survey answers scoring 4 or 5.",
        [band.label for band in report.csat_bands],
        [Series("CSAT %", [_scaled(band.csat, 100) for band in report.csat_bands], "series-2")],
        axis=lambda value: f"{value:g}%",
        point=lambda value: f"{value:.0f}%",
        table=Table(
            ["Resolution time", "Answers", "CSAT"],
            [[band.label, count(band.answers), percent(band.csat)] for band in report.csat_bands],
        ),
    )
    moods = charts.bar_chart(
        "resolution-by-mood",
        "Resolution time by the first message's mood",
        "Bars per opening mood: median and 90th percentile of resolution time, in hours.",
        [row.mood.capitalize() for row in report.mood_resolution],
        [
            Series(
                "Median",
                [_hours_or_none(row.spread.median) for row in report.mood_resolution],
                "series-1",
            ),
            Series(
                "90th percentile",
                [_hours_or_none(row.spread.p90) for row in report.mood_resolution],
                "series-3",
            ),
        ],
        axis=lambda hours: f"{hours:g} h",
        point=lambda hours: duration(hours * 3600),
        table=Table(
            ["Opening mood", "Resolved", "Median", "90th percentile"],
            [[row.mood.capitalize(), *_spread_cells(row.spread)] for row in report.mood_resolution],
        ),
    )
    return [volume, resolution, sentiment, complaints, scores, bands, moods]


def _scaled(value: float | None, by: float) -> float | None:
    return None if value is None else value * by
