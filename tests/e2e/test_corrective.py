"""After a complaint: its cause and what was done, asked in the staff chat when it is resolved."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from bot.complaints.callbacks import CausePress
from bot.reports.export import as_csv
from bot.reports.rows import table
from faketg import FakeTelegramServer
from tests.support.helpers import STAFF_CHAT, wait_for
from tests.support.journey import MakeApp, wait_new_message
from tests.support.staffroom import (
    AGENT,
    AGENT_2,
    OWNER,
    STRANGER,
    alert,
    card,
    question,
    recorded,
    staff_button,
    staff_group,
    wait_for_staff_text,
)
from tests.support.texts import EN

NOW = datetime.now(UTC)


async def test_resolving_asks_the_cause_and_what_was_done_and_keeps_them_from_the_customer(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app(owner_ids=str(OWNER))
    world.add_user(7201, "Gale", "en")
    await world.user_sends(7201, "The parcel came two days late")
    shown = await card(world, 1)
    await recorded(app, 1)  # a press within milliseconds of the card would find no id to edit
    await world.user_presses(AGENT, shown, staff_button(shown, "Take"))
    await wait_for(lambda: "in progress" in str(shown.text))
    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    asked = await question(world, 1)
    assert "What caused it?" in str(asked.text)
    labels = [b["text"] for row in asked.buttons for b in row]
    assert labels[:6] == ["Quality", "Price", "Delivery", "Staff", "Speed", "Other"]
    assert "Skip" in labels and "🔧 Needs a fix in the business" in labels

    said = await alert(world, STRANGER, asked, staff_button(asked, "Delivery"))
    assert said == EN("complaint.alert.not_staff")
    forged = CausePress(complaint_id=1, choice="weather").pack()
    assert await alert(world, AGENT, asked, forged) == EN("button.stale")
    missing = CausePress(complaint_id=99, choice="delivery").pack()
    assert await alert(world, AGENT, asked, missing) == EN("button.stale")
    async with app.db.read() as tx:
        record = await tx.corrective.get(1)
    assert record is not None and record.cause is None

    assert await alert(world, AGENT, asked, staff_button(asked, "Delivery")) == "Saved."
    await wait_for(lambda: "Cause: Delivery (Alex)" in str(asked.text), what="the cause shown")
    assert "✓ Delivery" in [b["text"] for row in asked.buttons for b in row]

    await world.user_sends(
        AGENT_2, "Moved to the faster courier", chat_id=STAFF_CHAT, reply_to=asked.message_id
    )
    await wait_for(lambda: "Done: Moved to the faster courier (Sam)" in str(asked.text))
    await wait_for(lambda: "Done: Moved to the faster courier" in str(shown.text))
    assert "Cause: Delivery" in str(shown.text)

    await world.user_presses(AGENT, shown, staff_button(shown, "History"))
    history = await wait_for_staff_text(world, "History of complaint #1")
    assert "Cause: Delivery (Alex)" in history and "Done: Moved to the faster courier" in history

    fixed = await alert(world, AGENT, asked, staff_button(asked, "🔧 Needs a fix in the business"))
    assert fixed == "#1 is on the owners' list of fixes (/actions)."
    await wait_for(lambda: "Needs a fix in the business (marked by Alex" in str(asked.text))
    async with app.db.read() as tx:
        record = await tx.corrective.get(1)
    assert record is not None
    fix_open = record.fix_needed_at is not None and record.fix_done_at is None
    assert (record.cause, record.action, fix_open) == (
        "delivery",
        "Moved to the faster courier",
        True,
    )
    await wait_new_message(world, 7201, "Was your issue resolved?")
    assert not any("courier" in str(s.text) for s in world.sent_to(7201))

    # The owners' list: who marked it, since when; a "done" press only from an owner.
    await world.user_sends(AGENT, "/actions")
    refused = await wait_new_message(world, AGENT, "This command is for the owners.")
    assert refused.buttons == []
    await world.user_sends(OWNER, "/actions")
    listing = await wait_new_message(world, OWNER, "Fixes the business owes (1)")
    assert "#1</b> · Delivery · «Moved to the faster courier» · marked by Alex" in str(
        listing.text
    )
    done = staff_button(listing, "✅ #1")
    assert await alert(world, AGENT, listing, done) == "Only the owners can mark fixes done."
    async with app.db.read() as tx:
        assert [r.complaint_id for r in await tx.corrective.open_fixes(10)] == [1]
    assert await alert(world, OWNER, listing, done) == "#1 is marked fixed."
    await wait_for(lambda: "Nothing to fix right now." in str(listing.text), what="list edited")
    await wait_for(lambda: "✅ Fixed in the business (Olive" in str(asked.text))
    assert await alert(world, OWNER, listing, done) == "#1 was already marked fixed."
    assert await alert(
        world, AGENT, asked, staff_button(asked, "🔧 Fix needed ✓ (press to undo)")
    ) == ("The fix for #1 is already marked done.")
    # The owners' digest of these days: "What we fixed".
    await world.user_sends(OWNER, "/digest")
    await wait_for(lambda: any("What we fixed" in str(m.text) for m in world.sent_to(OWNER)))
    digest = next(str(m.text) for m in world.sent_to(OWNER) if "What we fixed" in str(m.text))
    assert "Resolved complaints by cause: Delivery 1\n" in digest  # nothing before to compare
    assert "up from" not in digest
    assert "✅ Fixed in the business: #1 Delivery «Moved to the faster courier»" in digest
    assert "Fixes still owed" not in digest

    async with app.db.read() as tx:
        found = await table(tx, "complaints", NOW - timedelta(days=1), NOW + timedelta(days=1))
    exported = as_csv(found)
    row = next(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    assert (row["cause"], row["action"]) == ("delivery", "Moved to the faster courier")
    assert row["fix_needed_at"] and row["fix_done_at"]
    assert world.count(status=429) == 0
