"""The demo's staff pulse act: six staff members answer two anonymous questions."""

from __future__ import annotations

from bot.app import App
from bot.pulse.config import Pulse, PulseConfig
from bot.pulse.rounds import ask_round
from demo.complaints import AGENT, MANAGER, MORE_STAFF, wait_until
from faketg import World
from faketg.world import Sent

PULSE_CRON = "0 10 1 * *"  # the 1st of every month, 10:00; the demo asks its round now
STAFF = [AGENT, MANAGER, *MORE_STAFF]
SCORES = [9, 10, 8, 7, 9, 4]
WORDS = "A shared calendar for deliveries, so we can tell customers the truth"


def _question(world: World, user: int) -> Sent | None:
    found = [s for s in world.sent_to(user) if "sp:" in str(s.buttons)]
    return found[-1] if found else None


def _comment_asked(world: World, user: int) -> bool:
    found = _question(world, user)
    return found is not None and "serving customers easier" in str(found.text)


def _greeted(world: World, user: int) -> bool:
    """Staff who need no phone get the greeting alone (it ends with /help; a manager's lists
    their commands, /saved among them)."""
    return any(
        "/help" in str(sent.text) or "/saved" in str(sent.text) for sent in world.sent_to(user)
    )


async def pulse_act(app: App, world: World) -> None:
    print("\n13. The staff pulse (STAFF_PULSE_CRON; the demo asks its round now)")
    for user in STAFF:
        await world.user_sends(user, "/start")
    await wait_until(lambda: all(_greeted(world, u) for u in STAFF))
    async with app.db.transaction() as tx:
        config = PulseConfig.from_settings(app.settings, PULSE_CRON)
        pulse = Pulse(config, app.wiring.core)
        asked = await ask_round(tx, pulse, app.surveys.core.now())
    await wait_until(lambda: all(_question(world, u) is not None for u in STAFF))
    first = _question(world, STAFF[0])
    assert first is not None
    print(f"   {asked} staff members asked, privately:")
    for line in str(first.text).splitlines():
        print(f"  {'':>10} │ {line}")
    for user, score in zip(STAFF, SCORES, strict=True):
        asked_message = _question(world, user)
        assert asked_message is not None
        press = next(b for row in asked_message.buttons for b in row if b["text"] == str(score))
        await world.user_presses(user, asked_message, press["callback_data"])
    await wait_until(lambda: all(_comment_asked(world, u) for u in STAFF))
    await world.user_sends(STAFF[2], WORDS)
    print(f"   scores {SCORES}; one writes: «{WORDS}»  (stored without a name)")
    await wait_until(
        lambda: any("without your name" in str(s.text) for s in world.sent_to(STAFF[2]))
    )
