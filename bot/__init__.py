"""Feedback bot: post-purchase surveys, complaints with SLA escalation, digests for owners."""
