"""Account events other areas react to, without auth knowing about them."""

from blinker import Namespace

_signals = Namespace()

# Sent with the user as sender (and actor=...) when someone stops being active staff:
# deactivated, or given the customer role.
staff_left = _signals.signal("staff-left")
