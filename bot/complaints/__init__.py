"""Complaints: opening, the staff side, SLA escalation, closing the loop."""
