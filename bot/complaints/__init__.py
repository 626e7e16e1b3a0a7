"""Complaints: opening, the staff side, SLA escalation, closing the loop (DESIGN §2.3)."""
