"""A survey the shop designed, from the API to every place owners read it: a customer answers
NPS, a 1-7 CES asked only of detractors, "where did you buy?" and a comment in Telegram, and
the stats and responses APIs, the digest, the dashboard and the export each show each answer."""

from __future__ import annotations

import io

import openpyxl

from faketg import FakeTelegramServer
from tests.support.helpers import wait_for
from tests.support.httpclient import Browser
from tests.support.journey import (
    SHOP_SURVEY,
    MakeApp,
    button,
    get,
    post,
    put_survey,
    survey_of,
    wait_new_message,
)
from tests.support.staffroom import OWNER, staff_group

CUSTOMER = 7301
CES = "How easy was it to get what you needed?"


async def test_a_designed_survey_is_answered_in_telegram_and_read_everywhere(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    world.add_user(OWNER, "Owner", "en")
    app = await make_app(owner_ids=str(OWNER))
    status, stored = await put_survey(app, SHOP_SURVEY)
    assert status == 200 and stored["version"] == 1, stored

    world.add_user(CUSTOMER, "Vera", "en")
    await world.user_sends(CUSTOMER, "/start")
    status, _ = await post(app, {"order_id": "D-1", "customer": {"telegram_id": CUSTOMER}})
    assert status == 201
    asked = await wait_new_message(world, CUSTOMER, "recommend us")
    await world.user_presses(CUSTOMER, asked, button(asked, "3"))
    await wait_for(lambda: CES in str(asked.text), what="the CES, asked of a detractor")
    await world.user_presses(CUSTOMER, asked, button(asked, "2"))
    await wait_for(lambda: "Where did you buy?" in str(asked.text), what="where")
    await world.user_presses(CUSTOMER, asked, button(asked, "In the store"))
    await wait_for(lambda: "Anything else?" in str(asked.text), what="the comment")
    await world.user_sends(CUSTOMER, "The queue at the till was long")
    await wait_new_message(world, CUSTOMER, "Thank you!")
    survey = await survey_of(app, "D-1")
    assert (survey.status, survey.version) == ("answered", 1)

    # The stats API: each question over its answers.
    status, stats = await get(app, "/api/v1/stats")
    assert status == 200
    questions = stats["questions"]
    assert list(questions)[:4] == ["nps", "ces", "where", "comment"]  # the survey's order
    assert questions["nps"]["counts"] == {"3": 1}
    assert (questions["ces"]["n"], questions["ces"]["mean"]) == (1, 2.0)
    assert questions["where"]["counts"] == {"store": 1}

    # The responses API: the answers of this response, and where it was given.
    status, page = await get(app, "/api/v1/responses")
    (response,) = page["responses"]
    assert response["nps"] == 3
    assert response["answers"] == {
        "ces": 2,
        "where": ["store"],
        "comment": "The queue at the till was long",
    }
    assert response["channel"] == "telegram"

    # The digest: a line for the CES and one for where, in the owner's language.
    await world.user_sends(OWNER, "/digest")
    digest = await wait_new_message(world, OWNER, "📊")
    assert f"{CES} (1–7) — mean 2.0 (n=1)" in str(digest.text)
    assert "Where did you buy? — chosen most: In the store (100" in str(digest.text)

    # The export: a column per question, named by its text, a number where it is one.
    await world.user_sends(OWNER, "/export")
    await wait_for(
        lambda: any(s.method == "sendDocument" for s in world.sent_to(OWNER)), what="export"
    )
    document = next(s for s in world.sent_to(OWNER) if s.method == "sendDocument")
    sheet = openpyxl.load_workbook(
        io.BytesIO(world.files[document.message["document"]["file_id"]])
    ).worksheets[0]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index(CES)] == 2
    assert row[header.index("Where did you buy?")] == "In the store"

    # The dashboard's overview: the answers to each question, named by their texts.
    async with app.db.transaction() as tx:
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
    browser = Browser(app)
    try:
        assert (await browser.sign_in(link))[0] == 303
        status, overview, _ = await browser.get("/app")
        _, complaint, _ = await browser.get("/app/complaints/1")  # the NPS 3 opened it
    finally:
        await browser.close()
    assert status == 200 and "Answers to each question" in overview
    assert CES in overview and "In the store" in overview
    # The complaint's page says what the card says of the answers.
    assert f"{CES} (1–7)" in complaint and "In the store" in complaint
