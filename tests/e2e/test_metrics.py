"""GET /metrics: Prometheus text that a Prometheus server parses, with latency histograms."""

from __future__ import annotations

import aiohttp
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from bot.app import App
from faketg import FakeTelegramServer
from tests.support.helpers import sender_idle, wait_for


async def scrape(app: App) -> dict[str, list[Sample]]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{app.port}/metrics") as resp,
    ):
        assert resp.status == 200
        assert resp.content_type == "text/plain"
        text = await resp.text()
    return {family.name: family.samples for family in text_string_to_metric_families(text)}


def value(samples: list[Sample], name: str, **labels: str) -> float:
    found = [s.value for s in samples if s.name == name and s.labels == labels]
    assert len(found) == 1, (name, labels, samples)
    return found[0]


async def test_metrics_count_what_happened_and_time_the_sends(
    app: App, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.add_user(601, "Mia", "en")
    await world.user_sends(601, "/start")
    await wait_for(lambda: len(world.sent_to(601)) == 2, what="the greeting")
    await sender_idle(app, 10)
    families = await scrape(app)

    updates = families["feedbackbot_updates_processed"]
    assert value(updates, "feedbackbot_updates_processed_total") == 1
    assert value(families["feedbackbot_outbox_sent"], "feedbackbot_outbox_sent_total") >= 2
    sends = families["feedbackbot_send_seconds"]
    assert value(sends, "feedbackbot_send_seconds_count") >= 2
    assert value(sends, "feedbackbot_send_seconds_bucket", le="+Inf") >= 2
    delays = families["feedbackbot_outbox_delay_seconds"]
    assert value(delays, "feedbackbot_outbox_delay_seconds_count") >= 2
    rows = families["feedbackbot_inbox_rows"]
    assert value(rows, "feedbackbot_inbox_rows", status="done") == 1
    assert value(rows, "feedbackbot_inbox_rows", status="pending") == 0
    stuck = families["feedbackbot_task_stuck"]
    assert value(stuck, "feedbackbot_task_stuck", task="sender") == 0
    assert value(families["feedbackbot_healthy"], "feedbackbot_healthy") == 1
