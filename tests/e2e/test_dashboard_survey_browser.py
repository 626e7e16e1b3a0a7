"""The survey editor in a real browser (headless Chromium), in Russian and English, at a
phone's and a desktop's size, light and dark: nothing sticks out or is cut, nothing is faint,
and an owner changes a question's text and saves it with the page's own button. Screenshots
are kept in `data/screenshots/` to be looked at."""

from __future__ import annotations

import asyncio

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from faketg import FakeTelegramServer
from tests.e2e.test_dashboard_browser import (
    CHROMIUM,
    DRIVER,
    NOW,
    OWNER,
    SHOTS,
    _looked_at,
    _whole_page,
    chrome,
)
from tests.support.api import versions
from tests.support.helpers import ManualClock
from tests.support.journey import SHOP_SURVEY, MakeApp, put_survey

__all__ = ["chrome"]  # the fixture, shared with the dashboard's other browser tests
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="no chromium and chromedriver here (make browser installs Debian's)",
)


def _save_new_text(driver: WebDriver, base: str, field: str, text: str) -> str:
    """Type `text` into `field` and press Save: the page's status after the save."""
    driver.get(base + "/app/survey")
    box = driver.find_element(By.NAME, field)
    box.clear()
    box.send_keys(text)
    driver.find_element(By.CSS_SELECTOR, "button[value=save]").click()
    WebDriverWait(driver, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "[role=status]"))
    return str(driver.find_element(By.CSS_SELECTOR, "[role=status]").text)


def _refused(driver: WebDriver, language: str) -> list[str]:
    """Empty a text the shop needs and save: the fields marked wrong (and a screenshot)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    box = driver.find_element(By.NAME, "questions[3].text.ru")
    box.clear()
    driver.find_element(By.CSS_SELECTOR, "button[value=save]").click()
    WebDriverWait(driver, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "[aria-invalid]"))
    marked = driver.find_elements(By.CSS_SELECTOR, "[aria-invalid=true]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", marked[0])
    driver.save_screenshot(str(SHOTS / f"survey-{language}-refused-390x844.png"))
    return [str(e.get_attribute("name")) for e in marked]


def _retyped(driver: WebDriver) -> bool:
    """Turn the comment into a scale: the page's script asks for its fields at once."""
    select = Select(driver.find_element(By.NAME, "questions[3].type"))
    select.select_by_value("scale")
    WebDriverWait(driver, 20).until(lambda b: b.find_elements(By.NAME, "questions[3].min"))
    return True


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_the_survey_editor_fits_both_screens_and_saves_in_the_browser(
    make_app: MakeApp, fake: FakeTelegramServer, chrome: WebDriver, language: str
) -> None:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), staff_language=language)
    fake.world.add_user(OWNER, "Owner", language)
    cafe = [SHOP_SURVEY["questions"][0], SHOP_SURVEY["questions"][3]]
    await put_survey(app, {**SHOP_SURVEY, "variants": [{"branch": "Café", "questions": cafe}]})
    async with app.db.transaction() as tx:
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
    base = f"http://127.0.0.1:{app.port}"
    await asyncio.to_thread(chrome.get, base + link[link.index("/app/login") :])
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width, height in ((390, 844), (1366, 768)):
        for theme in ("light", "dark"):
            problems += await asyncio.to_thread(
                _looked_at, chrome, base, ["/app/survey"], width, height, theme
            )
            shot = f"survey-{language}-{width}x{height}-{theme}.png"
            await asyncio.to_thread(_whole_page, chrome, shot)
    # A keyboard button's text too long for it is cut with "…" on purpose: Telegram's apps
    # cut it so, and the owner should see it before a customer does.
    problems = [p for p in problems if " cut span.kb-btn" not in p]
    assert problems == [], "\n".join(problems)
    said = await asyncio.to_thread(
        _save_new_text, chrome, base, "questions[3].text.en", "Anything else to tell us?"
    )
    assert "2" in said
    refused = await asyncio.to_thread(_refused, chrome, language)
    assert refused == ["questions[3].text.ru"]
    shown = await asyncio.to_thread(_retyped, chrome)
    assert shown  # the new type's own fields, at once
    assert await versions(app, "survey_versions") == [(1, "api"), (2, f"owner:{OWNER}")]
