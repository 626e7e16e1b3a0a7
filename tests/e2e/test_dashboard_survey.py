"""The survey editor on the dashboard over real HTTP: an owner reads the current survey as a
form, changes it, and saves a new version through the same check as PUT /api/v1/survey;
anything wrong comes back beside its field in the owners' language with nothing stored."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape
from typing import Any

import pytest

from bot.app import App
from faketg import FakeTelegramServer
from tests.support.api import versions
from tests.support.forms import form_of
from tests.support.helpers import ManualClock, wait_for
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
from tests.support.texts import EN

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
OWNER, MANAGER = 9601, 9602


async def signed_in(make_app: MakeApp, fake: FakeTelegramServer, user: int = OWNER) -> Browser:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), manager_ids=str(MANAGER))
    return await browser_of(app, fake, user)


async def browser_of(app: App, fake: FakeTelegramServer, user: int) -> Browser:
    fake.world.add_user(user, "Owner", "en")
    async with app.db.transaction() as tx:
        link = await app.wiring.workflow["dashboard"].link(tx, user)
    browser = Browser(app)
    status, _, _ = await browser.sign_in(link)
    assert status == 303
    return browser


async def editor(browser: Browser) -> tuple[str, dict[str, str]]:
    status, page, _ = await browser.get("/app/survey")
    assert status == 200, page[:300]
    fields, _ = form_of(page, "/app/survey")
    return page, fields


async def press(
    browser: Browser, fields: dict[str, str], action: str, **changed: str
) -> tuple[int, str, Any]:
    return await browser.post("/app/survey", data={**fields, **changed, "action": action})


async def test_the_form_of_todays_survey_saved_unchanged_stores_nothing(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    browser = await signed_in(make_app, fake)
    try:
        page, fields = await editor(browser)
        assert fields["questions[1].id"] == "aspect" and fields["version"] == "0"
        assert fields["questions[5].min"] == "1" and fields["questions[5].max"] == "5"
        status, _, answer = await press(browser, fields, "save")
        assert status == 303, _
        assert answer.headers["Location"] == "/app/survey?saved=0"
        status, page, _ = await browser.get(answer.headers["Location"])
        assert EN("dashboard.survey.same", version=0) in unescape(page)
    finally:
        await browser.close()


async def test_an_owner_builds_the_shops_survey_in_the_form_and_the_api_reads_it(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """NPS + a CES 1-7 asked only of detractors + "where did you buy?" + a comment, made from
    today's survey with the form's own buttons: remove, add, a type changed, saved."""
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER))
    browser = await browser_of(app, fake, OWNER)
    try:
        _, fields = await editor(browser)
        for _ in range(6):  # today's six questions after the NPS
            status, page, _ = await press(browser, fields, "remove:questions:1")
            assert status == 200, page[:300]
            fields, _ = form_of(page, "/app/survey")
        for _ in range(3):
            status, page, _ = await press(browser, fields, "add:questions")
            fields, _ = form_of(page, "/app/survey")
        assert [fields[f"questions[{n}].id"] for n in range(4)] == ["nps", "q1", "q2", "q3"]
        # A new type's own fields come with the next page (the script asks for it at once).
        kinds = {"questions[1].type": "scale", "questions[2].type": "choice"}
        status, page, _ = await press(browser, fields, "check", **kinds)
        assert status == 422
        fields, _ = form_of(page, "/app/survey")
        assert "questions[1].min" in fields and "questions[2].options[1].id" in fields
        fields |= {"questions[0].complaint.kind": "at_most", "questions[0].complaint.value": "6"}
        # The NPS's text left empty in every language: the catalog's standard wording.
        fields |= {f"questions[0].text.{lang}": "" for lang in ("en", "ru", "sv")}
        fields |= form_question(1, SHOP_SURVEY["questions"][1])
        fields |= form_question(2, SHOP_SURVEY["questions"][2])
        fields |= form_question(3, SHOP_SURVEY["questions"][3])
        status, page, _ = await press(browser, fields, "check")
        assert status == 200, re.findall(r'class="problem"[^>]*>([^<]*)', page)
        assert 'data-seconds="35"' in page  # 5 + 5 + 5 + 20: the detractors' path
        status, _, answer = await press(browser, fields, "save")
        assert status == 303 and answer.headers["Location"] == "/app/survey?saved=1&new=1"
    finally:
        await browser.close()
    status, body = await get_survey(app)
    assert {"questions": body["questions"], "variants": body["variants"]} == SHOP_SURVEY
    assert await versions(app, "survey_versions") == [(1, f"owner:{OWNER}")]


def form_question(n: int, q: dict[str, Any]) -> dict[str, str]:
    """The fields an owner fills in for question `q` at place `n`."""
    at = f"questions[{n}]"
    fields = {f"{at}.id": q["id"], f"{at}.type": q["type"]}
    fields |= {f"{at}.text.{lang}": text for lang, text in q["text"].items()}
    for name in ("min", "max"):
        if name in q:
            fields[f"{at}.{name}"] = str(q[name])
    for end, texts in q.get("labels", {}).items():
        fields |= {f"{at}.labels.{end}.{lang}": text for lang, text in texts.items()}
    for i, option in enumerate(q.get("options", [])):
        fields[f"{at}.options[{i}].id"] = option["id"]
        fields |= {f"{at}.options[{i}].text.{lang}": t for lang, t in option["text"].items()}
    if "when" in q:
        fields[f"{at}.when.question"] = q["when"]["question"]
        fields[f"{at}.when.in"] = ", ".join(str(v) for v in q["when"]["in"])
    if "complaint" in q:
        ((kind, value),) = q["complaint"].items()
        fields[f"{at}.complaint.kind"] = kind
        fields[f"{at}.complaint.value"] = str(value)
    return fields


async def get_survey(app: App) -> tuple[int, Any]:
    return await get(app, "/api/v1/survey")


def problem_after(page: str, field: str) -> str:
    """The problem the page says right after the field named `field` (before the next field)."""
    start = page.index(f'name="{field}"')
    rest = page[start:]
    nxt = re.search(r'name="questions\[', rest[10:])
    chunk = rest[: 10 + nxt.start()] if nxt else rest
    found = re.search(r'class="problem" role="alert">([^<]*)<', chunk)
    assert found, f"no problem beside {field}"
    return unescape(found.group(1))


async def test_a_refused_survey_keeps_the_edits_and_says_each_problem_by_its_field(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), staff_language="ru")
    await put_survey(app, SHOP_SURVEY)
    browser = await browser_of(app, fake, OWNER)
    try:
        _, fields = await editor(browser)
        wrong = {
            "questions[1].text.ru": "",  # a language the shop serves, left empty
            "questions[1].max": "15",  # more buttons than a phone's row
            "questions[2].when.question": "comment",  # on a question that comes after
            "questions[2].options[0].id": "next",  # a control button's word
        }
        status, page, _ = await press(browser, fields, "save", **wrong)
        assert status == 422
        assert problem_after(page, "questions[1].text.ru").startswith("не заполнено")
        assert problem_after(page, "questions[1].max") == "от -10 до 10"
        assert problem_after(page, "questions[2].when.in").startswith("вопрос «comment» идёт")
        assert problem_after(page, "questions[2].options[0].id").startswith("«next» — слово")
        kept, _ = form_of(page, "/app/survey")
        assert kept["questions[1].max"] == "15" and kept["questions[2].options[0].id"] == "next"
        assert "Не сохранено" in page
        jump = re.search(r'<p class="jump">(.*?)</p>', page, re.S)
        assert jump and re.findall(r'href="#(\w+)">([^<]*)<', jump.group(1)) == [
            ("q1", "Вопрос 1"),
            ("q2", "Вопрос 2"),
        ]
    finally:
        await browser.close()
    assert await versions(app, "survey_versions") == [(1, "api")]  # nothing stored


async def test_saving_over_a_version_stored_meanwhile_is_refused_and_keeps_the_edits(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER))
    browser = await browser_of(app, fake, OWNER)
    try:
        _, fields = await editor(browser)  # today's survey, version 0
        await put_survey(app, SHOP_SURVEY)  # someone else, through the API
        mine = {"questions[6].text.en": "How did it compare with what you expected?"}
        status, page, _ = await press(browser, fields, "save", **mine)
        assert status == 409 and EN("dashboard.survey.stale", version=1) in unescape(page)
        kept, _ = form_of(page, "/app/survey")
        assert kept["questions[6].text.en"] == mine["questions[6].text.en"]
        assert kept["version"] == "1"  # saved again, it replaces the version seen now
        status, _, answer = await press(browser, kept, "save")
        assert status == 303 and answer.headers["Location"] == "/app/survey?saved=2&new=1"
    finally:
        await browser.close()
    assert await versions(app, "survey_versions") == [(1, "api"), (2, f"owner:{OWNER}")]


async def test_only_owners_edit_the_survey_and_only_with_the_csrf_token(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), manager_ids=str(MANAGER))
    owner = await browser_of(app, fake, OWNER)
    manager = await browser_of(app, fake, MANAGER)
    try:
        _, fields = await editor(owner)
        changed = {"questions[6].text.en": "Better or worse than expected?"}
        status, _, _ = await press(owner, {**fields, "csrf": "forged"}, "save", **changed)
        assert status == 403
        status, _, answer = await manager.get("/app/survey")
        assert status == 303 and answer.headers["Location"] == "/app/complaints"
        _, page, _ = await manager.get("/app/complaints")
        assert 'href="/app/survey"' not in page  # the navigation does not offer it
        status, _, _ = await manager.post("/app/survey", data={**fields, **changed})
        assert status == 403
        anonymous = Browser(app)
        status, _, _ = await anonymous.post("/app/survey", data={**fields, **changed})
        await anonymous.close()
        assert status == 401
    finally:
        await owner.close()
        await manager.close()
    assert await versions(app, "survey_versions") == []


async def test_ten_questions_after_the_nps_fill_the_survey(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    browser = await signed_in(make_app, fake)
    try:
        _, fields = await editor(browser)
        page = ""
        for _ in range(4):  # today's six and four more
            status, page, _ = await press(browser, fields, "add:questions")
            fields, _ = form_of(page, "/app/survey")
        assert "questions[10].id" in fields
        assert 'value="add:questions"' not in page and EN("dashboard.survey.full", most=10) in page
        status, page, _ = await press(browser, fields, "add:questions")  # a stale page's button
        assert status == 200
        fields, _ = form_of(page, "/app/survey")
        assert "questions[11].id" not in fields
    finally:
        await browser.close()


def preview_of(page: str, n: int, language: str) -> tuple[str, list[list[str]]]:
    """Question `n`'s preview in `language`: the message's text and its rows of buttons."""
    card = page[page.index(f'id="q{n}"') :]
    card = card[: card.index("</section>")]
    figure = card[card.index(f'<figure class="tg" lang="{language}">') :]
    figure = figure[: figure.index("</figure>")]
    text = re.search(r'<div class="bubble">(.*?)</div>', figure, re.S)
    assert text
    rows = [
        [unescape(b) for b in re.findall(r'<span class="kb-btn[^"]*"[^>]*>([^<]*)<', row)]
        for row in re.findall(r'<div class="kb-row">(.*?)</div>', figure, re.S)
    ]
    return unescape(text.group(1)), rows


def texts_of(buttons: list[list[dict[str, Any]]]) -> list[list[str]]:
    return [[str(b["text"]) for b in row] for row in buttons]


async def test_a_customer_mid_survey_finishes_the_version_they_started_as_previewed(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The editor's preview is the message the customer gets; a version saved in the editor
    while they answer changes nothing for them: they finish the one they started."""
    app = await make_app(owner_ids=str(OWNER))
    await put_survey(app, SHOP_SURVEY)
    world = fake.world
    browser = await browser_of(app, fake, OWNER)
    try:
        page, fields = await editor(browser)
        world.add_user(7090, "Mira", "en")
        await world.user_sends(7090, "/start")
        status, _ = await post(app, {"order_id": "E-1", "customer": {"telegram_id": 7090}})
        assert status == 201
        asked = await wait_new_message(world, 7090, "recommend us")
        assert preview_of(page, 0, "en") == (asked.text, texts_of(asked.buttons))
        await world.user_presses(7090, asked, button(asked, "4"))
        await wait_for(lambda: "How easy" in str(asked.text), what="the CES, for a detractor")
        assert preview_of(page, 1, "en") == (asked.text, texts_of(asked.buttons))
        # Meanwhile the owner drops the CES and rewords "where": version 2.
        _, page, _ = await press(browser, fields, "remove:questions:1")
        assert preview_of(page, 1, "en")[0] == "Where did you buy?"  # still valid: previewed
        fields, _ = form_of(page, "/app/survey")
        reworded = {"questions[1].text.en": "Which shop was it?"}
        status, _, answer = await press(browser, fields, "save", **reworded)
        assert answer.headers["Location"] == "/app/survey?saved=2&new=1"
        await world.user_presses(7090, asked, button(asked, "2"))
        await wait_for(lambda: "Where did you buy?" in str(asked.text), what="version 1's")
        await world.user_presses(7090, asked, button(asked, "Online"))
        await wait_for(lambda: "Anything else?" in str(asked.text), what="the comment")
        await world.user_sends(7090, "Fine")
        await wait_new_message(world, 7090, "Thank you!")
    finally:
        await browser.close()
    survey = await survey_of(app, "E-1")
    assert (survey.status, survey.version) == ("answered", 1)
    async with app.db.read() as tx:
        answers = await tx.surveys.answers(survey.id)
    assert set(answers) == {"ces", "where", "comment"}


async def test_an_owner_adds_a_variant_for_a_branch_from_a_copy_of_the_survey(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER))
    await put_survey(app, SHOP_SURVEY)
    browser = await browser_of(app, fake, OWNER)
    try:
        _, fields = await editor(browser)
        _, page, _ = await press(browser, fields, "add_variant")
        fields, _ = form_of(page, "/app/survey")
        assert fields["variants[0].questions[1].id"] == "ces"  # a copy of the survey's
        status, page, _ = await press(browser, fields, "save")
        assert status == 422 and "variants[0].branch" in form_of(page, "/app/survey")[0]
        fields, _ = form_of(page, "/app/survey")
        for _ in range(2):  # the café asks neither the CES nor where they bought
            _, page, _ = await press(browser, fields, "remove:variants[0].questions:1")
            fields, _ = form_of(page, "/app/survey")
        status, page, _ = await press(browser, fields, "save", **{"variants[0].branch": "Café"})
        assert status == 303, re.findall(r'class="problem"[^>]*>([^<]*)', page)
    finally:
        await browser.close()
    _, body = await get_survey(app)
    cafe = {
        "branch": "Café",
        "questions": [SHOP_SURVEY["questions"][0], SHOP_SURVEY["questions"][3]],
    }
    assert body["questions"] == SHOP_SURVEY["questions"] and body["variants"] == [cafe]


async def test_the_time_to_answer_is_shown_and_past_a_minute_warned_of(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER))
    texts = [q for q in SHOP_SURVEY["questions"] if q["type"] == "text"]
    long = [SHOP_SURVEY["questions"][0]] + [
        {**texts[0], "id": f"c{n}"}
        for n in range(4)  # four comments: 5 + 4 × 20 s
    ]
    await put_survey(app, {"questions": long, "variants": []})
    browser = await browser_of(app, fake, OWNER)
    try:
        page, _ = await editor(browser)
        assert 'data-seconds="85"' in page
        assert EN("dashboard.survey.time_long", seconds=60) in unescape(page)
        for _ in range(2):  # two comments fewer: 5 + 2 × 20 s
            fields, _ = form_of(page, "/app/survey")
            _, page, _ = await press(browser, fields, "remove:questions:1")
        assert 'data-seconds="45"' in page and EN(
            "dashboard.survey.time_long", seconds=60
        ) not in unescape(page)
    finally:
        await browser.close()


def visible(page: str) -> str:
    """The page's words as a reader sees them: tags, scripts and styles left out, plus the
    values of its fields (what the owner reads in them)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    values = " ".join(re.findall(r'value="([^"]*)"', body))
    return unescape(re.sub(r"<[^>]+>", " ", body) + " " + values)


# The condition words as the owners' language says them, and the limit on a button's words.
CONDITION_WORDS = {
    "ru": ("критики", "критики, нейтралы, промоутеры"),
    "sv": ("kritiker", "kritiker, passiva, ambassadörer"),
}
TOO_LONG_OPTION = {
    "ru": "Слишком длинный вариант ответа: сократите до 40 символов",
    "sv": "För långt svarsalternativ: korta det till högst 40 tecken",
}


@pytest.mark.parametrize("language", ["ru", "sv"])
async def test_the_editor_says_conditions_and_limits_in_the_owners_words(
    make_app: MakeApp, fake: FakeTelegramServer, language: str
) -> None:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), staff_language=language)
    await put_survey(app, SHOP_SURVEY)
    browser = await browser_of(app, fake, OWNER)
    try:
        page, fields = await editor(browser)
        detractors, every = CONDITION_WORDS[language]
        assert fields["questions[1].when.in"] == detractors
        for english in ("detractor", "passive", "promoter", "byte", "байт"):
            assert english not in visible(page).lower(), english
        wrong = {
            "questions[1].when.in": f"{every}, 11",  # the owner's words read; 11 is no score
            f"questions[2].options[0].text.{language}": "x" * 41,
        }
        status, page, _ = await press(browser, fields, "save", **wrong)
        assert status == 422
        said = problem_after(page, "questions[1].when.in")
        assert f"0–10, {every})" in said and "detractor" not in said, said
        option = f"questions[2].options[0].text.{language}"
        assert problem_after(page, option) == TOO_LONG_OPTION[language]
        kept, _ = form_of(page, "/app/survey")
        assert kept["questions[1].when.in"] == f"{every}, 11"
        right = {"questions[1].when.in": f"{detractors}, {every.split(', ')[1]}"}
        status, _, _ = await press(browser, kept, "save", **right, **{option: "Online"})
        assert status == 303
    finally:
        await browser.close()
    _, body = await get(app, "/api/v1/survey")
    assert body["questions"][1]["when"] == {"question": "nps", "in": ["detractor", "passive"]}
