"""The staff pulse feature (off unless STAFF_PULSE_CRON is set).

Installs: its config (`pulse`) for handlers, and the round at its crontab times (and once at
start). Handlers: handlers/customer/pulse.py (the answers come in private chats)."""

from __future__ import annotations

from bot.complaints.config import ComplaintConfig
from bot.jobs import JobContext, job
from bot.pulse.config import PulseConfig
from bot.pulse.rounds import send_round
from bot.wiring import Wiring
from storage.db import Database


def install(w: Wiring, complaints: ComplaintConfig) -> PulseConfig | None:
    cron = w.settings.rules.staff_pulse_cron
    if cron is None:
        return None
    pulse = PulseConfig(cron, complaints)
    w.provide("pulse", pulse)
    w.cron("staff-pulse", cron, staff_pulse, w.db, pulse)
    return pulse


@job
async def staff_pulse(_: JobContext, db: Database, pulse: PulseConfig) -> None:
    """At STAFF_PULSE_CRON, and once at start (a round missed while down is asked then)."""
    await send_round(db, pulse)
