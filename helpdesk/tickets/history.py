"""A ticket's history: recording events and telling them in words."""

from sqlalchemy import select

from helpdesk.auth.models import User
from helpdesk.extensions import db
from helpdesk.tickets.models import Ticket, TicketEvent

RECENT_EVENTS = 30


def record(ticket: Ticket, actor: User | None, type: str, **data) -> TicketEvent:
    """Add an event stamped with the ticket's version after the change (flush first)."""
    event = TicketEvent(
        ticket_id=ticket.id,
        actor_id=actor.id if actor else None,
        type=type,
        data={**data, "version": ticket.version},
    )
    db.session.add(event)
    return event


def events_of(ticket: Ticket, limit: int = RECENT_EVENTS) -> list[TicketEvent]:
    """The latest events of a ticket, newest first."""
    return db.session.scalars(
        select(TicketEvent)
        .where(TicketEvent.ticket_id == ticket.id)
        .order_by(TicketEvent.at.desc(), TicketEvent.id.desc())
        .limit(limit)
    ).all()


def changes_since(ticket: Ticket, version: int) -> list[str]:
    """What happened after the version someone was looking at, oldest first, in words."""
    newer = [event for event in events_of(ticket) if event.data.get("version", 0) > version]
    return [f"{who(event)} {describe(event)}" for event in reversed(newer)]


def who(event: TicketEvent) -> str:
    """The actor's name, or the system for automatic changes."""
    return event.actor.name if event.actor else "Helpdesk"


def _name(value) -> str:
    return value if value else "nobody"


def describe(event: TicketEvent) -> str:
    """One event as a phrase: "changed the status from open to pending"."""
    data = event.data
    match event.type:
        case "created":
            return f"opened the ticket ({data.get('channel', 'web')})"
        case "message_added":
            return "wrote to the customer" if data.get("kind") == "reply" else "wrote a message"
        case "note_added":
            return "added an internal note"
        case "status_changed":
            how = " by replying" if data.get("by_reply") else ""
            return f"changed the status from {data['old']} to {data['new']}{how}"
        case "assigned":
            return f"assigned the ticket to {_name(data['new'])} (was {_name(data['old'])})"
        case "properties_changed":
            parts = [
                f"{field} from {_name(old)} to {_name(new)}"
                for field, (old, new) in data["changes"].items()
            ]
            return "changed " + " and ".join(parts)
        case "tags_changed":
            return "set the tags to " + (", ".join(data["new"]) or "none")
        case "sentiment_reviewed":
            if data["label"] == data["machine"]:
                return f"confirmed a message's mood as {data['label']}"
            return f"corrected a message's mood from {data['machine']} to {data['label']}"
        case "playbook_started":
            return f"started the playbook “{data['playbook']}”"
        case "playbook_step_done":
            return f"ticked “{data['step']}”"
        case "playbook_step_undone":
            return f"unticked “{data['step']}”"
        case "check_in_done":
            return "checked in with the customer" + ("" if data.get("on_time") else " (late)")
        case "faq_written":
            return f"wrote the FAQ article “{data['title']}” from this ticket"
        case "survey_answered":
            extra = "".join(
                f", {name} {data[key]}"
                for key, name in (("nps", "NPS"), ("ces", "effort"))
                if data.get(key) is not None
            )
            return f"answered the survey: CSAT {data['csat']}{extra}"
        case "recovery_flagged":
            return "flagged the ticket for recovery: " + ", ".join(data["reasons"])
        case "recovery_closed":
            return f"closed the recovery: {data['outcome']}"
        case "idea_linked":
            return f"linked the ticket to the idea “{data['title']}”"
        case "auto_closed":
            return f"closed the ticket {data['after_days']} days after it was resolved"
        case _:
            return event.type.replace("_", " ")
