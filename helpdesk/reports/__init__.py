"""Supervisor reports: the support metrics, their charts and exports."""
