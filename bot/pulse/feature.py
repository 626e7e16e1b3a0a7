"""The staff pulse feature (off unless STAFF_PULSE_CRON is set).

Installs: its config (`pulse`) for handlers, and the round at its crontab times (and once at
start). Handlers: handlers/customer/pulse.py (the buttons) and handlers/customer/words.py (a
typed answer, first of a customer's words)."""

from __future__ import annotations

from bot.jobs import JobContext, job
from bot.pulse.config import Pulse, PulseConfig
from bot.pulse.rounds import send_round
from bot.wiring import Wiring


def install(w: Wiring) -> Pulse | None:
    cron = w.settings.rules.staff_pulse_cron
    if cron is None:
        return None
    pulse = Pulse(PulseConfig.from_settings(w.settings, cron), w.core)
    w.provide("pulse", pulse)
    w.jobs.add(pulse)
    w.cron("staff-pulse", cron, staff_pulse)
    return pulse


@job
async def staff_pulse(ctx: JobContext) -> None:
    """At STAFF_PULSE_CRON, and once at start (a round missed while down is asked then)."""
    await send_round(ctx.db, ctx[Pulse])
