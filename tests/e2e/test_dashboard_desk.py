"""The dashboard's complaint pages over real HTTP, after a complaint lived through the staff
chat: the list with its filters and search, the timeline (both directions, the team's note,
every state change and deadline), and the fixes list where an owner marks a fix done, as
/actions does, and a manager may look but not mark."""

from __future__ import annotations

import json
import re
import time

from faketg import FakeTelegramServer
from tests.support.helpers import STAFF_CHAT, TOKEN, wait_for
from tests.support.httpclient import Browser
from tests.support.journey import MakeApp
from tests.support.miniapp import telegram_signs
from tests.support.staffroom import (
    AGENT,
    MANAGER,
    OWNER,
    alert,
    card,
    question,
    recorded,
    staff_button,
    staff_group,
)


def signed(user: int) -> str:
    person = json.dumps({"id": user, "first_name": "P"})
    return telegram_signs(TOKEN, auth_date=str(int(time.time())), user=person)


async def test_a_complaints_life_on_the_dashboard_and_a_fix_marked_done_there(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app(owner_ids=str(OWNER), manager_ids=str(MANAGER))
    world.add_user(7601, "Gale", "en")
    await world.user_sends(7601, "The parcel came two days late")
    shown = await card(world, 1)
    await recorded(app, 1)
    await world.user_sends(
        AGENT, "Sorry! A new one is on its way", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await world.user_sends(
        AGENT, "!courier keeps failing on Mondays", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await wait_for(lambda: any("on its way" in str(s.text) for s in world.sent_to(7601)))
    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    asked = await question(world, 1)
    await alert(world, AGENT, asked, staff_button(asked, "Delivery"))
    await alert(world, AGENT, asked, staff_button(asked, "🔧 Needs a fix in the business"))

    owner, manager = Browser(app), Browser(app)
    try:
        for browser, user in ((owner, OWNER), (manager, MANAGER)):
            status, _, _ = await browser.post("/app/session", json={"init_data": signed(user)})
            assert status == 200
        status, _, answer = await manager.get("/app")  # the figures are the owners'
        assert status == 303 and answer.headers["Location"] == "/app/complaints"
        for owners_only in ("/app/figures.json", "/app/chart.png", "/app/export/responses"):
            assert (await manager.get(owners_only))[0] == 403, owners_only

        status, page, _ = await owner.get("/app/complaints")
        assert status == 200 and 'href="/app/complaints/1">#1</a>' in page
        assert "Gale" in page and "Delivery" in page
        for query, found in [
            ("?q=parcel", True),
            ("?q=%231", True),
            ("?q=nothing+like+it", False),
            ("?state=resolved&cause=delivery", True),
            ("?state=open", False),
            ("?holder=Nobody", False),
            ("?theme=delivery", True),  # "parcel": what the customer wrote is delivery
            ("?theme=cleanliness&q=parcel", False),
        ]:
            status, page, _ = await manager.get("/app/complaints" + query)
            assert status == 200 and ('href="/app/complaints/1"' in page) is found, query

        status, page, _ = await manager.get("/app/complaints/1")
        assert status == 200
        timeline = re.findall(r'<li class="(\w+)">(.*?)</li>', page, re.S)
        kinds = [kind for kind, _ in timeline]
        assert {"message", "note", "state", "deadline"} <= set(kinds)
        said = " ".join(text for _, text in timeline)
        for words in (
            "The parcel came two days late",
            "A new one is on its way",
            "courier keeps failing on Mondays",
            "Take deadline",
        ):
            assert words in said, words
        note = next(text for kind, text in timeline if kind == "note")
        assert "Mondays" in note  # the team's note is shown as a note, not as a reply
        assert (await owner.get("/app/complaints/99"))[0] == 404

        status, page, _ = await manager.get("/app/fixes")
        assert status == 200 and "#1" in page and "/app/fixes/1/done" not in page
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert csrf
        status, _, _ = await manager.post("/app/fixes/1/done", data={"csrf": csrf.group(1)})
        assert status == 403  # managers look; owners mark
        status, page, _ = await owner.get("/app/fixes")
        token = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert token and "/app/fixes/1/done" in page
        assert (await owner.post("/app/fixes/1/done", data={"csrf": "forged"}))[0] == 403
        status, _, answer = await owner.post("/app/fixes/1/done", data={"csrf": token.group(1)})
        assert status == 303 and answer.headers["Location"] == "/app/fixes?done=1"
        async with app.db.read() as tx:
            record = await tx.corrective.get(1)
        assert record is not None and record.fix_done_at is not None
        await wait_for(lambda: "✅ Fixed in the business" in str(asked.text), what="chat told")
        status, page, _ = await manager.get("/app/fixes")
        assert page.count('class="fixes done"') == 1  # once, in the page's body
        done = page[page.index('class="fixes done"') :]
        assert 'href="/app/complaints/1">#1</a>' in done and "/app/fixes/1/done" not in page

        # The owner names the theme the fix was about: the page follows its mentions.
        assert "/app/fixes/1/theme" not in page  # managers see no form
        named = {"csrf": token.group(1), "theme": "delivery"}
        assert (await manager.post("/app/fixes/1/theme", data=named))[0] == 403
        assert (await owner.post("/app/fixes/1/theme", data={**named, "csrf": "x"}))[0] == 403
        assert (await owner.post("/app/fixes/1/theme", data={**named, "theme": "x"}))[0] == 422
        assert (await owner.post("/app/fixes/9/theme", data=named))[0] == 404
        status, _, answer = await owner.post("/app/fixes/1/theme", data=named)
        assert status == 303 and answer.headers["Location"] == "/app/fixes"
        async with app.db.read() as tx:
            record = await tx.corrective.get(1)
        assert record is not None and record.theme == "delivery"
        status, page, _ = await owner.get("/app/fixes")
        done = page[page.index('class="fixes done"') :]
        assert '<option value="delivery" selected>' in done
        assert "Delivery: fix #1 was made less than a day ago, too early to tell" in done
    finally:
        await owner.close()
        await manager.close()
