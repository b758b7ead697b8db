"""Webhooks: admins register URLs for events; deliveries are queued, signed and retried."""
