"""Ticket events other areas react to, without the tickets area knowing about them."""

from blinker import Namespace

_signals = Namespace()

# Sent with the ticket as sender and old=, new= (status values) whenever its status moves,
# inside the change's transaction: what receivers add to the session commits with the change.
status_moved = _signals.signal("status-moved")
# Sent with the ticket as sender when it is created (message=, its first message), and when a
# message is added to its thread (message=; internal notes too, which receivers may skip), in
# the change's transaction like status_moved.
ticket_created = _signals.signal("ticket-created")
message_added = _signals.signal("message-added")
# Sent (no sender) after a batch statement rewrote rows around the ORM, with the ids of the
# tickets=, messages= and survey invitations= it changed, and of the tickets it moved= (their
# assignee, category, priority, channel or opening mood changed); any may be left out. Sent
# inside the change's transaction: what the ORM's flushes show other areas, these writes tell.
rows_rewritten = _signals.signal("rows-rewritten")
