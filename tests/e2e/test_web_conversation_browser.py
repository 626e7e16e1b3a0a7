"""A customer outside Telegram, end to end in a real browser (headless Chromium as a phone): a
purchase registered with only a phone number gives a survey address; the customer answers
NPS 3 with a comment, chooses to follow the answer on their own page with an email address;
staff see the card and reply; the reply is on the page and in the email the local SMTP server
received; staff resolve; the customer answers "No, not yet" on the page and the complaint is
open again. Then the page as people see it, 0, 1 and many messages, phone and laptop, ru and
en, light and dark: nothing spills sideways, every tap target a finger's size, no browser
error (a Content-Security-Policy refusal is one). Screenshots go to `data/screenshots/`
(or CONVERSATION_SHOTS) to be looked at."""

from __future__ import annotations

import asyncio
import base64
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from bot.app import App
from faketg import FakeTelegramServer
from tests.e2e.test_dashboard_browser import CHROMIUM, DRIVER, SHOTS
from tests.e2e.test_dashboard_browser import chrome as _chrome
from tests.e2e.test_mail import Mailbox
from tests.e2e.test_web_conversation import answer_unhappy, follow, on_page, open_shop
from tests.e2e.test_web_conversation import mailbox as _mailbox
from tests.e2e.test_web_survey import send
from tests.support.api import call
from tests.support.helpers import STAFF_CHAT, wait_for
from tests.support.staffroom import (
    AGENT,
    card,
    complaint,
    recorded,
    staff_button,
)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="no chromium and chromedriver here (make browser installs Debian's)",
)
PUBLIC = "https://shop.example"
chrome = _chrome  # the dashboard's browser fixture, shared
mailbox = _mailbox  # the local SMTP server of the page's other tests
OUT = Path(os.environ.get("CONVERSATION_SHOTS", str(SHOTS)))


@pytest.fixture
async def shop(
    tmp_path: Path, fake: FakeTelegramServer, mailbox: tuple[Mailbox, int]
) -> AsyncIterator[App]:
    app = await open_shop(tmp_path, fake, mailbox[1], "Ромашка")
    yield app
    await app.stop()


def _screen(driver: WebDriver, width: int, height: int, scheme: str = "light") -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def _tap(driver: WebDriver, css: str, text: str | None = None, submits: bool = True) -> None:
    """Tap the first element matching, once the page shows it; a tap that posts waits for the
    next page (the tapped element gone), so the next look is at that page."""

    def matching(b: WebDriver) -> list[WebElement]:
        return [e for e in b.find_elements(By.CSS_SELECTOR, css) if text in (None, e.text)]

    WebDriverWait(driver, 20).until(lambda b: matching(b), message=f"{css} {text}")
    tapped = matching(driver)[0]
    tapped.click()
    if submits:
        WebDriverWait(driver, 20).until(staleness_of(tapped), message=f"after {css} {text}")


def _look(driver: WebDriver, width: int, height: int, shot: str | None = None) -> dict[str, Any]:
    """What the page measures (its widest edge, its smallest tap target, the browser's
    errors); a full-page screenshot if `shot` names one."""
    WebDriverWait(driver, 20).until(lambda b: b.execute_script("return !!document.body"))
    if shot is not None:
        tall = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]["height"]
        clip = {"x": 0, "y": 0, "width": width, "height": max(tall, height), "scale": 1}
        png = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip},
        )
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / shot).write_bytes(base64.b64decode(png["data"]))
    seen: dict[str, Any] = driver.execute_script(
        "return {width: Math.max(document.documentElement.scrollWidth,"
        " ...[...document.querySelectorAll('body *')]"
        ".map(e => Math.ceil(e.getBoundingClientRect().right))),"
        " smallest: Math.min(...[...document.querySelectorAll('button, .button, input')]"
        ".map(e => e.getBoundingClientRect().height), 999),"
        " text: document.body.innerText}"
    )
    logged = driver.get_log("browser")  # type: ignore[no-untyped-call]
    seen["errors"] = [e["message"] for e in logged if e["level"] == "SEVERE"]
    return seen


def _answer_and_follow(driver: WebDriver, url: str, email: str) -> dict[str, Any]:
    """NPS 3, what went wrong with a comment, CSAT 2, expectation; then "follow on my page"
    with an email address: the conversation page as it opens."""
    _screen(driver, 360, 740)
    driver.get(url)
    _tap(driver, ".scores button", "3")
    _tap(driver, "label.option", submits=False)
    driver.find_element(By.CSS_SELECTOR, "textarea").send_keys("The courier was two hours late")
    _tap(driver, "button.button")
    _tap(driver, ".scores button", "2")
    _tap(driver, "button.option")
    thanks = _look(driver, 360, 740)
    driver.find_element(By.CSS_SELECTOR, "input[type=email]").send_keys(email)
    _tap(driver, 'button[value="follow"]')
    WebDriverWait(driver, 20).until(lambda b: "/c/" in b.current_url)
    opened = _look(driver, 360, 740)
    opened["thanks"] = thanks
    opened["url"] = driver.current_url
    return opened


def _reload(driver: WebDriver) -> dict[str, Any]:
    driver.refresh()
    return _look(driver, 360, 740)


def _answer_no(driver: WebDriver) -> dict[str, Any]:
    driver.refresh()
    _tap(driver, 'button[value="no"]')
    return _look(driver, 360, 740)


def _local(app: App, url: str) -> str:
    return f"http://127.0.0.1:{app.port}" + url.removeprefix(PUBLIC)


async def test_a_web_customer_follows_the_complaint_to_its_reopening(
    shop: App, chrome: WebDriver, fake: FakeTelegramServer, mailbox: tuple[Mailbox, int]
) -> None:
    world, box = fake.world, mailbox[0]
    body = {"order_id": "E-1", "customer": {"phone": "+46701740633", "language": "en"}}
    status, answer = await call(shop, body=body)
    assert status == 201 and answer["survey_url"].startswith(f"{PUBLIC}/s/")
    url = _local(shop, answer["survey_url"])
    opened = await asyncio.to_thread(_answer_and_follow, chrome, url, "ann@example.org")
    for seen in (opened["thanks"], opened):
        assert seen["errors"] == [] and seen["width"] <= 360, seen
    assert "The courier was two hours late" in opened["text"]
    assert "No replies yet" in opened["text"]

    shown = await card(world, 1)  # staff see the card, saying where the reply goes
    assert "via web" in str(shown.text)
    await wait_for(lambda: "web page" in str(shown.text), what="the card saying where")
    await recorded(shop, 1)
    await world.user_sends(
        AGENT, "We are sending a new parcel today.", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await wait_for(lambda: len(box.messages) == 1, within=15, what="the email")
    [mail] = box.messages
    assert mail["To"] == "ann@example.org" and "Reply to your request #1" in mail["Subject"]
    text = mail.get_body(("plain",))
    assert text is not None and "We are sending a new parcel today." in text.get_content()
    link = re.search(rf"{PUBLIC}/c/[A-Za-z0-9_-]+", text.get_content())
    assert link is not None and mail["List-Unsubscribe"] == f"<{link.group()}/unsubscribe>"
    again = await asyncio.to_thread(_reload, chrome)
    assert "We are sending a new parcel today." in again["text"] and "Alex" not in again["text"]

    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    await wait_for(lambda: len(box.messages) == 2, within=15, what="the resolved email")
    answered = await asyncio.to_thread(_answer_no, chrome)
    assert answered["errors"] == [], answered
    reopened = await complaint(shop, 1)
    assert (reopened.status, reopened.reopened) == ("taken", 1)
    assert "working on it again" in answered["text"]


SIZES = [(390, 844), (1366, 768)]


async def _conversation(
    app: App, fake: FakeTelegramServer, lang: str, messages: int, resolve: bool = False
) -> str:
    """A complaint followed on its page with `messages` exchanged: its local address."""
    phone = f"+4670111{messages:04d}"
    body = {"order_id": f"S-{lang}-{messages}", "customer": {"phone": phone, "language": lang}}
    path = await answer_unhappy(app, body)
    talk = await follow(app, path, "ann@example.org")
    async with app.db.read() as tx:
        row = await tx.conn.fetch_one("SELECT MAX(id) FROM complaints")
    assert row is not None
    complaint_id = int(row[0])
    shown = await card(fake.world, complaint_id)
    await recorded(app, complaint_id)
    said = {
        "en": [
            "Where is my parcel now?",
            "Sorry! It left our warehouse this morning and arrives tomorrow before noon.",
            "Thank you. Can it be left with the neighbour at number 12 if I am out?",
            "Yes, we have added that to the delivery note.",
        ],
        "ru": [
            "Где сейчас моя посылка?",
            "Простите! Она уехала со склада сегодня утром и будет у вас завтра до полудня.",
            "Спасибо. Можно оставить её соседу из двенадцатой квартиры, если меня не будет?",
            "Да, мы добавили это в накладную.",
        ],
    }[lang]
    for n in range(messages):
        words = said[n % len(said)]
        if n % 2 == 0:
            await send(app, talk, [("go", "send"), ("text", words)])
        else:
            await fake.world.user_sends(
                AGENT, words, chat_id=STAFF_CHAT, reply_to=shown.message_id
            )
            await on_page(app, talk, words)
    if resolve:
        await fake.world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
        await wait_for(lambda: "🔵" in str(shown.text), what="the card awaiting the customer")
    return f"http://127.0.0.1:{app.port}{talk}"


def _shots(driver: WebDriver, url: str, name: str) -> list[dict[str, Any]]:
    seen = []
    for width, height in SIZES:
        for scheme in ("light", "dark"):
            _screen(driver, width, height, scheme)
            driver.get(url)
            look = _look(driver, width, height, f"{name}-{width}x{height}-{scheme}.png")
            look["where"] = (name, width, scheme)
            look["wide"] = width
            seen.append(look)
    return seen


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_the_conversation_page_fits_phone_and_laptop(
    shop: App, chrome: WebDriver, fake: FakeTelegramServer, lang: str
) -> None:
    seen = []
    for messages, resolve in ((0, False), (1, False), (6, False), (2, True)):
        url = await _conversation(shop, fake, lang, messages, resolve)
        name = f"conversation-{lang}-{messages}-messages" + ("-resolved" if resolve else "")
        seen += await asyncio.to_thread(_shots, chrome, url, name)
    for look in seen:
        assert look["width"] <= look["wide"], look["where"]  # nothing spills sideways
        assert look["errors"] == [], (look["where"], look["errors"])
        assert look["smallest"] >= 44, look["where"]  # every tap target a finger's size
