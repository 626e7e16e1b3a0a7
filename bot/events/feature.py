"""Events for other systems. Installs: the survey listener that reports a completed response;
the events sender (a tick while leading, bot/events/delivery.py) with each receiver's state
on /healthz, and who is told when a receiver stops taking them (bot/events/watch.py).
Complaint events, sla.breached and fix.done are written by the complaints feature with each
change (bot/complaints/events.py); the pull feed is the API's (bot/api/events.py)."""

from __future__ import annotations

import time
from functools import partial

from bot.core import Core
from bot.events import responses
from bot.events.config import Events, EventsConfig
from bot.events.delivery import Couriers, EventsSender, deliver_events
from bot.events.receivers import Receivers
from bot.events.watch import watch
from bot.surveys.config import Surveys
from bot.wiring import Wiring
from storage.db import Tx
from storage.models import Survey


def install(w: Wiring, surveys: Surveys) -> Events:
    config = EventsConfig.from_settings(w.settings, since=time.time())
    w.when.survey_changed.connect(partial(on_survey_change, w.core))
    receivers = Receivers(config)
    w.stack.push_async_callback(receivers.close)
    couriers = Couriers(receivers, config.urls)
    w.stack.push_async_callback(couriers.close)  # before the client closes: passes end first
    if config.urls:
        w.health.append(couriers.report)
    events = Events(config, w.core)
    w.jobs.add(EventsSender(config, couriers, partial(watch, events=events)))
    w.every_tick(deliver_events)
    w.provide("event_receivers", receivers)
    return events


async def on_survey_change(core: Core, tx: Tx, survey: Survey) -> None:
    """A survey answered to the end, or expired with its score given: response.completed
    (once: the repository keeps one per survey). Any other change says nothing."""
    if survey.nps is not None and survey.status in responses.FINISHED:
        await responses.completed(tx, survey.id, core.now())
