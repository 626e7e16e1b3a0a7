"""The survey's web page in a real browser: headless Chromium (Debian's, driven by its
chromedriver) as a 360 px wide phone, light and dark, in Russian and English, answers a whole
survey by tapping, as a customer does after scanning a receipt's QR code. Nothing may spill
sideways, the browser may log no error (a Content-Security-Policy refusal is one), and the
answers land as Telegram's would. Full-page screenshots are kept in `data/screenshots/` to
be looked at."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from bot.app import App, create_app
from faketg import FakeTelegramServer
from tests.e2e.test_dashboard_browser import CHROMIUM, DRIVER, SHOTS
from tests.e2e.test_dashboard_browser import chrome as _chrome
from tests.support.api import API_SECRET, call
from tests.support.helpers import make_settings, start
from tests.support.lookups import purchase_by_order, survey_for_purchase
from tests.support.staffroom import staff_group

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="no chromium and chromedriver here (make browser installs Debian's)",
)
WIDTH, HEIGHT = 360, 740
chrome = _chrome  # the dashboard's browser fixture, shared


@pytest.fixture
async def shop(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[App]:
    staff_group(fake.world)
    settings = make_settings(
        tmp_path, fake.url, api_token=API_SECRET, public_url="https://shop.example"
    )
    app = await create_app(settings, poll_timeout=1)
    await start(app)
    yield app
    await app.stop()


def _phone(driver: WebDriver, scheme: str) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": True},
    )
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def _shot(driver: WebDriver, name: str) -> dict[str, Any]:
    """A full-page screenshot; what the page measures (its widest edge, its colours)."""
    WebDriverWait(driver, 20).until(lambda b: b.execute_script("return !!document.body"))
    height = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]["height"]
    clip = {"x": 0, "y": 0, "width": WIDTH, "height": max(height, HEIGHT), "scale": 1}
    png = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / name).write_bytes(base64.b64decode(png["data"]))
    seen: dict[str, Any] = driver.execute_script(
        "return {width: Math.max(document.documentElement.scrollWidth,"
        " ...[...document.querySelectorAll('body *')]"
        ".map(e => Math.ceil(e.getBoundingClientRect().right))),"
        " background: getComputedStyle(document.body).backgroundColor,"
        " text: getComputedStyle(document.body).color,"
        " smallest: Math.min(...[...document.querySelectorAll('button, label.option')]"
        ".map(e => e.getBoundingClientRect().height), 999)}"
    )
    logged = driver.get_log("browser")  # type: ignore[no-untyped-call]
    seen["errors"] = [e["message"] for e in logged if e["level"] == "SEVERE"]
    return seen


def _tap(driver: WebDriver, css: str, text: str | None = None) -> None:
    found = [
        e for e in driver.find_elements(By.CSS_SELECTOR, css) if text is None or e.text == text
    ]
    assert found, (css, text)
    found[0].click()


def _answer_all(driver: WebDriver, url: str, lang: str, scheme: str) -> list[dict[str, Any]]:
    """NPS 3, what went wrong with a few words, CSAT 2, expectation worse: every page seen."""
    _phone(driver, scheme)
    driver.get(url)
    name = f"web-survey-{lang}-{scheme}"
    seen = [_shot(driver, f"{name}-1-nps.png")]
    _tap(driver, ".scores button", "3")
    seen.append(_shot(driver, f"{name}-2-what-went-wrong.png"))
    _tap(driver, "label.option")
    driver.find_element(By.CSS_SELECTOR, "textarea").send_keys("Курьер опоздал на два часа")
    seen.append(_shot(driver, f"{name}-3-typed.png"))
    _tap(driver, "button.button")
    seen.append(_shot(driver, f"{name}-4-csat.png"))
    _tap(driver, ".scores button", "2")
    seen.append(_shot(driver, f"{name}-5-expectation.png"))
    _tap(driver, "button.option")
    seen.append(_shot(driver, f"{name}-6-thanks.png"))
    return seen


@pytest.mark.parametrize(
    ("lang", "scheme"), [("ru", "light"), ("ru", "dark"), ("en", "light"), ("en", "dark")]
)
async def test_a_phone_answers_the_whole_survey_on_the_page(
    shop: App, chrome: WebDriver, lang: str, scheme: str
) -> None:
    body = {"order_id": "B-1", "customer": {"phone": "+46701112233", "language": lang}}
    _, answer = await call(shop, body=body)
    url = f"http://127.0.0.1:{shop.port}" + answer["survey_url"].removeprefix(
        "https://shop.example"
    )
    seen = await asyncio.to_thread(_answer_all, chrome, url, lang, scheme)
    for page in seen:
        assert page["width"] <= WIDTH, page  # nothing spills sideways on a small phone
        assert page["errors"] == [], page["errors"]
        assert page["smallest"] >= 44, page  # every tap target a finger's size
    dark = scheme == "dark"
    assert (seen[0]["background"] == "rgb(255, 255, 255)") is not dark, seen[0]
    async with shop.db.read() as tx:
        purchase = await purchase_by_order(tx, "B-1")
        assert purchase is not None
        survey = await survey_for_purchase(tx, purchase.id)
        assert survey is not None
        assert (survey.status, survey.channel, survey.nps, survey.csat) == (
            "answered",
            "web",
            3,
            2,
        )
        assert survey.expectation is not None and survey.comment == "Курьер опоздал на два часа"
