"""Ticket events other areas react to, without the tickets area knowing about them."""

from blinker import Namespace

_signals = Namespace()

# Sent with the ticket as sender and old=, new= (status values) whenever its status moves,
# inside the change's transaction: what receivers add to the session commits with the change.
status_moved = _signals.signal("status-moved")
