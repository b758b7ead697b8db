"""Surveys after resolution (CSAT, NPS, CES) and the recovery of unhappy customers."""
