"""The outbox: every outgoing email is a row first, then delivered by `flask outbox send`."""
