"""Incident checklist playbooks: files, runs on tickets, and scheduled check-ins."""
