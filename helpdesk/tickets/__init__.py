"""Tickets: the customer portal, the agent workspace, threads, statuses, SLA and search."""
