"""The survey editor in a real browser (headless Chromium), in Russian and English, at a
phone's and a desktop's size, light and dark: nothing sticks out or is cut, nothing is faint,
and an owner changes a question's text and saves it with the page's own button. Screenshots
are kept in `data/screenshots/` to be looked at."""

from __future__ import annotations

import asyncio

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

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


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_the_survey_editor_fits_both_screens_and_saves_in_the_browser(
    make_app: MakeApp, fake: FakeTelegramServer, chrome: WebDriver, language: str
) -> None:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), staff_language=language)
    fake.world.add_user(OWNER, "Owner", language)
    await put_survey(app, SHOP_SURVEY)
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
    assert await versions(app, "survey_versions") == [(1, "api"), (2, f"owner:{OWNER}")]
