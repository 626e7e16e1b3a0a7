"""`python -m demo` (`make demo`): the real app against a local fake Telegram
server, with scripted people.

Everything runs on embedded defaults: a fresh SQLite file under data/, the fake Bot API on a free
local port, the HTTP API on another.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

from bot.app import App, create_app
from bot.reports.chart import render_chart
from bot.reports.digest import build_digest
from bot.reports.periods import last_days
from bot.reports.render import render_digest
from bot.settings import load_settings
from demo.complaints import MANAGER, MORE_STAFF, OWNER, complaint_act, settled, staff_people
from demo.pulse import PULSE_CRON, pulse_act
from demo.referrals import referral_act
from demo.surveys import DEMO_API_TOKEN, survey_act
from demo.web import LocalMail, web_act
from faketg import FakeTelegramServer, World
from faketg.limits import FakeLimits
from faketg.world import Sent

DEMO_TOKEN = "123456:DEMO-not-a-real-token"
DEMO_DB = Path("data/demo.db")
DEMO_CHART = Path("data/demo-digest.png")
STAFF_CHAT = -1001000000001
# Made-up people; ids far from real ranges.
CUSTOMERS = [
    (9001, "Anna", "ru"),
    (9002, "Ben", "en-GB"),
    (9003, "Sara", "sv"),
    (9004, "Lukas", "de"),  # no German catalog: falls back to the default language
]


def _say(who: str, text: str) -> None:
    print(f"  {who:>10} │ {text}")


async def _expect(world: World, chat_id: int, count: int, within: float = 10.0) -> list[Sent]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while len(world.sent_to(chat_id)) < count:
        if loop.time() > deadline:
            raise RuntimeError(f"no reply in chat {chat_id} within {within}s")
        await asyncio.sleep(0.02)
    return world.sent_to(chat_id)


async def _script(app: App, world: World) -> None:
    print("\n1. Customers start the bot; each is greeted in their Telegram language")
    for user_id, name, language in CUSTOMERS:
        world.add_user(user_id, name, language)
        await world.user_sends(user_id, "/start")
        _say(name, "/start")
        greeting, offer = (await _expect(world, user_id, 2))[:2]
        _say("bot", str(greeting.text))
    _say("bot", f"(after each greeting) {offer.text} [a 'share my phone' button]")

    print("\n2. Lukas picks a language with /language and a button")
    await world.user_sends(9004, "/language")
    _say("Lukas", "/language")
    menu = (await _expect(world, 9004, 3))[-1]
    _say("bot", f"{menu.text} {[b['text'] for row in menu.buttons for b in row]}")
    choice = next(b for row in menu.buttons for b in row if b["text"] == "Svenska")
    await world.user_presses(9004, menu, choice["callback_data"])
    _say("Lukas", "[Svenska]")
    await _wait(lambda: menu.edits == 1)
    _say("bot", f"(edits the menu) {menu.text}")

    print("\n3. Odd input gets a clear answer and changes nothing")
    await world.user_sends(
        9002,
        sticker={
            "file_id": "s1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        },
    )
    _say("Ben", "(a sticker)")
    _say("bot", str((await _expect(world, 9002, 3))[-1].text))
    await world.user_presses(9002, world.sent_to(9002)[0], "survey:forged:999")
    _say("Ben", "(presses a forged button)")
    query = max(world.callbacks)
    await _wait(lambda: bool(world.callbacks[query]["answered"]))
    _say("bot", f"(alert) {world.callbacks[query]['answer'].get('text')}")


async def _wait(predicate: Any, within: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        if loop.time() > deadline:
            raise RuntimeError("the demo waited too long for the bot")
        await asyncio.sleep(0.02)


async def _summary(app: App) -> None:
    """The owners' view: the digest over the demo's week, as text and as a chart file."""
    reports = app.reports
    start, end = last_days(reports.core.now(), reports.config.tz)
    async with app.db.read() as tx:
        digest = await build_digest(
            tx, start, end, reports.core.now(), reports.config.tz, hours=reports.config.hours
        )
    print("\n14. The digest owners get every Monday (here: the last 7 days)")
    for line in render_digest(
        app.reports.staff_t, digest, app.reports.config.tz, "digest"
    ).splitlines():
        print(f"   {line}")
    await asyncio.to_thread(
        DEMO_CHART.write_bytes, render_chart(digest, app.reports.config.tz, app.reports.staff_t)
    )
    print(
        f"   chart: {DEMO_CHART} (the NPS as its headline; the trend with its 95% band, or one"
        " period's shares; the 0-10 split)"
    )


def main() -> int:
    """Start from an empty demo database each time, then play the script."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DEMO_DB}{suffix}").unlink(missing_ok=True)
    return asyncio.run(run_demo())


def free_port() -> int:
    """A port nothing listens on now, for the bot's HTTP server and its links."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def run_demo() -> int:
    fake = FakeTelegramServer(token=DEMO_TOKEN)
    await fake.start()
    port = free_port()
    mail = LocalMail(free_port())  # SMTP_URL: the conversation page's emails, read back
    settings = load_settings(
        env_file=None,
        bot_token=DEMO_TOKEN,
        telegram_api_url=fake.url,
        database_url=f"sqlite:///{DEMO_DB}",
        staff_chat_id=STAFF_CHAT,
        api_port=port,
        public_url=f"http://127.0.0.1:{port}",  # /dashboard, survey_url: this machine
        api_token=DEMO_API_TOKEN,
        survey_delay="2",
        quiet_hours="off",
        reminder_after="6",
        survey_expiry="10",
        review_url="https://reviews.example/demo-shop",
        shop_name="Corner Books",
        referral_offer="10% off your first order with the code FRIEND",
        staff_pulse_cron=PULSE_CRON,
        staff_ids=",".join(map(str, MORE_STAFF)),
        sla_take="4",
        sla_resolve="15",
        business_hours="24/7",  # the demo's SLAs run in seconds, whatever the day
        manager_ids=str(MANAGER),
        owner_ids=str(OWNER),
        # Time runs in seconds here, so the group's 20 messages a minute is sped up with it.
        send_group_per_minute=120,
        storm_cards_per_minute=20,
        **await mail.start(),
    )
    fake.world.set_limits(FakeLimits(group_per_minute=120))
    fake.world.add_group(STAFF_CHAT, "Support team", members=staff_people(fake.world))
    app = await create_app(settings, poll_timeout=1, tick_seconds=0.5)
    await app.start()
    await asyncio.wait_for(app.connected.wait(), 10)
    print(f"Demo: fake Telegram on {fake.url}, HTTP API on port {app.port}, database {DEMO_DB}")
    try:
        await _script(app, fake.world)
        await survey_act(app, fake.world)
        await referral_act(app, fake.world)
        await complaint_act(app, fake.world)  # meanwhile the silent ones are reminded, expire
        await web_act(app, fake.world, mail)
        await pulse_act(app, fake.world)
        await settled(app)
        await _summary(app)
    finally:
        await app.stop()
        await fake.stop()
        await mail.stop()
    world = fake.world
    print(
        f"\nDone: {len(world.sent)} messages sent, {world.count(status=429)} answered 429, "
        f"database kept at {DEMO_DB}."
    )
    return 0
