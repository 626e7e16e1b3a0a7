"""The dashboard in a real browser: headless Chromium (Debian's, driven by its chromedriver)
against the running app, at a phone's and a desktop's size. A one-time link signs an owner in;
inside "Telegram" (the launch data in the page's fragment, as Telegram's clients open a Mini
App) the page's own script signs in without a link and takes Telegram's colours. The page's
Content-Security-Policy must not block anything it needs. Screenshots are kept in
`data/screenshots/` to be looked at."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from bot.app import App
from bot.themes import stored
from faketg import FakeTelegramServer
from storage.repos.business import BusinessConnection
from storage.timefmt import to_db
from tests.support.helpers import TOKEN, ManualClock
from tests.support.journey import MakeApp
from tests.support.miniapp import telegram_signs
from tests.support.reportdata import add_complaint, add_response

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="no chromium and chromedriver here (make browser installs Debian's)",
)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
OWNER = 9501
SHOTS = Path(__file__).resolve().parents[2] / "data" / "screenshots"


@pytest.fixture
def chrome() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


async def owner_app(make_app: MakeApp, fake: FakeTelegramServer) -> App:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), staff_language="ru")
    fake.world.add_user(OWNER, "Owner", "ru")
    async with app.db.transaction() as tx:
        for n, (days, nps, branch) in enumerate(
            [
                (1, 10, "Арбат"),
                (1, 9, "Арбат"),
                (2, 3, "Тверская"),
                (2, 8, "Тверская"),
                (3, 10, "Арбат"),
                (3, 6, "Тверская"),
                (4, 9, "Арбат"),
                (11, 5, "Арбат"),
            ]
        ):
            await add_response(
                tx.conn, 400 + n, NOW - timedelta(days=days), nps, csat=4, branch=branch
            )
    return app


@dataclass(frozen=True)
class Seen:
    headline: str
    rows: int
    width: int  # of the whole page, scrolled or not
    colours: list[str]  # the page's background, the headline card's, the headline's text
    errors: list[str]  # what the browser's console logged as SEVERE


CHART_LOADED = (
    "return document.readyState === 'complete' && !!document.querySelector('svg.chart.split')"
)


def _visit(
    driver: WebDriver, url: str, width: int, height: int, shot: str, ready: str = CHART_LOADED
) -> Seen:
    """Open `url` at this size; what the page shows, once `ready` (its chart has loaded)."""
    driver.set_window_size(width, height)
    driver.get(url)
    WebDriverWait(driver, 20).until(lambda b: b.execute_script(ready))
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / shot))
    return Seen(
        headline=" ".join(
            e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-figure=nps]")
        ),
        rows=len(driver.find_elements(By.CSS_SELECTOR, "table.branches tbody tr")),
        width=int(
            driver.execute_script(  # the rightmost edge of anything on the page
                "return Math.max(document.documentElement.scrollWidth,"
                " ...[...document.querySelectorAll('body *')]"
                ".map(e => Math.ceil(e.getBoundingClientRect().right)))"
            )
        ),
        colours=list(
            driver.execute_script(
                "const c = (q, p) => { const e = document.querySelector(q);"
                " return e ? getComputedStyle(e)[p] : null; };"
                " return [c('body', 'backgroundColor'), c('.headline', 'backgroundColor'),"
                " c('[data-figure=nps]', 'color')]"
            )
        ),
        errors=[
            str(entry["message"])
            for entry in driver.get_log("browser")  # type: ignore[no-untyped-call]
            if entry["level"] == "SEVERE"
        ],
    )


def _sorted_by(driver: WebDriver, table: str, column: int) -> tuple[list[str], list[str]]:
    """The first column's texts after one click on header `column`, then after another."""
    header = driver.find_elements(By.CSS_SELECTOR, f"{table} th")[column]
    names = []
    for _ in range(2):
        header.click()
        cells = driver.find_elements(By.CSS_SELECTOR, f"{table} tbody tr td:first-child")
        names.append([cell.text for cell in cells])
    return names[0], names[1]


async def test_an_owner_reads_the_overview_on_a_phone_and_a_desktop(
    make_app: MakeApp, fake: FakeTelegramServer, chrome: WebDriver
) -> None:
    app = await owner_app(make_app, fake)
    dashboard = app.wiring.workflow["dashboard"]
    async with app.db.transaction() as tx:
        link = await dashboard.link(tx, OWNER)
    base = f"http://127.0.0.1:{app.port}"
    login = base + link[link.index("/app/login") :]
    phone = await asyncio.to_thread(_visit, chrome, login, 390, 844, "overview-390x844.png")
    assert phone.headline.startswith("+")
    assert phone.rows == 2 and phone.errors == []
    assert phone.width <= 390  # nothing wider than the phone: no sideways scrolling
    desktop = await asyncio.to_thread(
        _visit, chrome, base + "/app", 1280, 800, "overview-1280x800.png"
    )
    assert desktop.headline == phone.headline and desktop.errors == []
    # The branch table sorts by a column's numbers: n up, then down.
    order = await asyncio.to_thread(_sorted_by, chrome, "table.branches", 2)
    assert order == (["Тверская", "Арбат"], ["Арбат", "Тверская"])


async def test_inside_telegram_the_page_signs_in_by_itself_in_telegrams_colours(
    make_app: MakeApp, fake: FakeTelegramServer, chrome: WebDriver
) -> None:
    app = await owner_app(make_app, fake)
    user = json.dumps({"id": OWNER, "first_name": "Owner"})
    launch = telegram_signs(TOKEN, auth_date=str(int(time.time())), query_id="AAH", user=user)
    theme = json.dumps(  # Telegram Desktop's night theme, as its clients pass it
        {
            "bg_color": "#17212b",
            "secondary_bg_color": "#232e3c",
            "text_color": "#f5f5f5",
            "hint_color": "#708499",
            "button_color": "#5288c1",
        }
    )
    fragment = f"tgWebAppData={quote(launch, safe='')}&tgWebAppThemeParams={quote(theme)}"
    url = f"http://127.0.0.1:{app.port}/app#{fragment}"
    seen = await asyncio.to_thread(_visit, chrome, url, 390, 844, "miniapp-390x844.png")
    assert seen.headline.startswith("+")
    # The first load is the sign-in page, 401 by contract; the browser logs that, nothing else.
    errors = [e for e in seen.errors if "/app#" not in e or "401" not in e]
    page, card, figure = seen.colours
    assert (page, card, figure) == ("rgb(23, 33, 43)", "rgb(35, 46, 60)", "rgb(245, 245, 245)")
    assert errors == []


async def test_the_complaint_pages_fit_a_phone_and_a_fix_is_marked_on_a_desktop(
    make_app: MakeApp, fake: FakeTelegramServer, chrome: WebDriver
) -> None:
    app = await owner_app(make_app, fake)
    async with app.db.transaction() as tx:
        for number in range(1, 8):
            await add_complaint(
                tx.conn,
                number,
                400 + number,
                NOW - timedelta(hours=number),
                taken_after=timedelta(minutes=5),
            )
        owed = to_db(NOW - timedelta(hours=2))
        await tx.conn.execute(
            "INSERT INTO corrective_actions (complaint_id, asked_at, cause, action,"
            " fix_needed_at, fix_by_name) VALUES (3, ?, 'delivery', 'New courier', ?, 'Alex')",
            (owed, owed),
        )
    dashboard = app.wiring.workflow["dashboard"]
    async with app.db.transaction() as tx:
        link = await dashboard.link(tx, OWNER)
    base = f"http://127.0.0.1:{app.port}"
    await asyncio.to_thread(chrome.get, base + link[link.index("/app/login") :])
    listed = await asyncio.to_thread(
        _visit,
        chrome,
        base + "/app/complaints",
        390,
        844,
        "complaints-390x844.png",
        "return document.querySelectorAll('table.complaints tbody tr').length === 7",
    )
    assert listed.width <= 390 and listed.errors == []
    one = await asyncio.to_thread(
        _visit,
        chrome,
        base + "/app/complaints/3",
        390,
        844,
        "complaint-390x844.png",
        "return document.querySelectorAll('.timeline li').length > 2",
    )
    assert one.width <= 390 and one.errors == []
    fixes = await asyncio.to_thread(
        _visit,
        chrome,
        base + "/app/fixes",
        1280,
        800,
        "fixes-1280x800.png",
        "return !!document.querySelector('form.inline button')",
    )
    assert fixes.errors == []
    await asyncio.to_thread(_press_and_wait, chrome, "form.inline button", "[role=status]")
    async with app.db.read() as tx:
        record = await tx.corrective.get(3)
    assert record is not None and record.fix_done_at is not None
    # Signed in by a link printed on the server, never having written to the bot: the role.
    assert record.fix_done_by_name == "владелец"


def _press_and_wait(driver: WebDriver, button: str, then: str) -> None:
    driver.find_element(By.CSS_SELECTOR, button).click()
    WebDriverWait(driver, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, then))
    driver.save_screenshot(str(SHOTS / "fixes-done-1280x800.png"))


async def test_the_team_table_and_saved_replies_fit_a_phone(
    make_app: MakeApp, fake: FakeTelegramServer, chrome: WebDriver
) -> None:
    app = await owner_app(make_app, fake)
    async with app.db.transaction() as tx:
        for number in range(1, 4):
            await add_complaint(
                tx.conn,
                number,
                400 + number,
                NOW - timedelta(hours=number + 30),
                taken_after=timedelta(minutes=5 * number),
                resolved_after=timedelta(hours=number),
                satisfied=1,
            )
            name = ("Александра Константинопольская", "Sam")[number % 2]
            await tx.conn.execute(
                "UPDATE complaints SET taken_by = ?, taken_by_name = ? WHERE id = ?",
                (9000 + number % 2, name, number),
            )
        long = "Здравствуйте, {name}! " + "Очень-очень-длинное-слово-без-пробелов " * 12
        await tx.conn.execute(
            "INSERT INTO saved_replies (name, language, text, saved_at) VALUES"
            " ('extremely-long-name-of-a-reply', 'ru', ?, 't')",
            (long,),
        )
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
    base = f"http://127.0.0.1:{app.port}"
    await asyncio.to_thread(chrome.get, base + link[link.index("/app/login") :])
    overview = await asyncio.to_thread(
        _visit, chrome, base + "/app", 390, 844, "team-390x844.png",
        "return document.querySelectorAll('table.team tbody tr').length === 2",
    )  # fmt: skip
    assert overview.width <= 390 and overview.errors == []
    saved = await asyncio.to_thread(
        _visit, chrome, base + "/app/saved", 390, 844, "saved-390x844.png",
        "return document.querySelectorAll('table.saved tbody tr').length === 1",
    )  # fmt: skip
    assert saved.width <= 390 and saved.errors == []


# What a reader of the page meets, measured in the browser: anything sticking out of the
# screen or cut by a card that scrolls sideways, text too faint for its background (WCAG's
# 4.5:1, 3:1 for large text), the share of the complaint page's width its values get, and how
# the sign-out control looks next to the navigation's links.
LOOKED_AT = """
const rgba = s => (s.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number).concat([1]).slice(0, 4);
const lum = c => {
  const f = v => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
};
const behind = e => {
  for (; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) return c;
  }
  return [255, 255, 255, 1];
};
const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
const name = e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '');
const view = document.documentElement.clientWidth;
const found = {faint: [], out: [], cut: [], values: null, signout: null, fields: []};
for (const e of document.querySelectorAll('body *')) {
  if (!e.getClientRects().length) continue;
  const style = getComputedStyle(e);
  if (e.getBoundingClientRect().right > view + 1) found.out.push(name(e));
  if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1)
    found.cut.push(name(e) + ' ' + e.scrollWidth + '>' + e.clientWidth);
  const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
  const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  const got = ratio(rgba(style.color), behind(e));
  if (got < need) found.faint.push(name(e) + ' «' + e.textContent.trim().slice(0, 30) + '» '
    + style.color + ' on ' + behind(e).join(',') + ' ' + got.toFixed(2));
}
for (const e of document.querySelectorAll('select, input:not([type=hidden]), textarea'))
  found.fields.push(lum(behind(e)));
const facts = document.querySelector('.facts');
if (facts) {
  const widths = [...facts.querySelectorAll('dd')].map(e => e.getBoundingClientRect().width);
  const least = Math.min(...widths);
  found.values = least / facts.getBoundingClientRect().width;
}
const out = document.querySelector('nav .signout button');
const link = document.querySelector('nav a');
if (out && link) found.signout = {
  background: rgba(getComputedStyle(out).backgroundColor)[3],
  height: out.getBoundingClientRect().height / link.getBoundingClientRect().height,
  size: parseFloat(getComputedStyle(out).fontSize) / parseFloat(getComputedStyle(link).fontSize),
};
return found;
"""
READY = (
    "return document.readyState === 'complete'"
    " && [...document.images].every(i => i.complete && i.naturalWidth > 0)"
)


def _looked_at(
    driver: WebDriver, base: str, pages: list[str], width: int, height: int, theme: str
) -> list[str]:
    """What is wrong with each page at this size in this colour scheme."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": theme}]},
    )
    problems = []
    for path in pages:
        driver.get(base + path)
        WebDriverWait(driver, 20).until(lambda b: b.execute_script(READY))
        shot = f"{path.strip('/').replace('/', '-')}-{width}x{height}-{theme}.png"
        driver.save_screenshot(str(SHOTS / shot))
        seen = driver.execute_script(LOOKED_AT)
        where = f"{path} at {width}x{height} {theme}:"
        for what in ("out", "cut", "faint"):
            problems += [f"{where} {what} {e}" for e in seen[what]]
        if seen["values"] is not None and seen["values"] < 0.6:
            problems.append(f"{where} the values get {seen['values']:.0%} of the width")
        signout = seen["signout"]
        if signout is None:
            problems.append(f"{where} no sign-out in the navigation")
        elif signout["background"] > 0 or signout["height"] > 1.5 or signout["size"] > 1:
            problems.append(f"{where} the sign-out is no quiet link: {signout}")
        if theme == "dark" and any(lum > 0.2 for lum in seen["fields"]):
            problems.append(f"{where} light form fields on a dark page")
    return problems


async def test_every_page_fits_both_screens_and_reads_in_light_and_dark(
    make_app: MakeApp, fake: FakeTelegramServer, chrome: WebDriver
) -> None:
    """Seen at 1366 px: the team table cut off; on a phone, the complaint's labels taking 60%
    of the width and its values wrapping word by word; in dark mode, white text on light blue
    buttons; sign-out a big primary button above the content."""
    app = await owner_app(make_app, fake)
    people = ("Александра Константинопольская", "Sam", "Пётр Иванов-Соколов")
    async with app.db.transaction() as tx:
        for number in range(1, 7):
            await add_complaint(
                tx.conn,
                number,
                400 + number,
                NOW - timedelta(hours=number + 30),
                taken_after=timedelta(minutes=5 * number),
                resolved_after=timedelta(hours=number) if number % 2 else None,
                satisfied=1 if number % 2 else None,
            )
            await tx.conn.execute(
                "UPDATE complaints SET taken_by = ?, taken_by_name = ?, purchase_id = ?"
                " WHERE id = ?",
                (9000 + number % 3, people[number % 3], 400 + number, number),
            )
        marked = to_db(NOW - timedelta(hours=20))
        await tx.conn.execute(
            "INSERT INTO corrective_actions (complaint_id, asked_at, cause, action,"
            " fix_needed_at, fix_by_name) VALUES (3, ?, 'delivery', 'Новый курьер', ?, 'Sam')",
            (marked, marked),
        )
        await tx.conn.execute(
            "UPDATE surveys SET comment = 'Курьер опоздал на два часа и нагрубил' WHERE id = 403"
        )
        await tx.conn.execute("UPDATE complaints SET survey_id = 403, source = 'low_score'"
                              " WHERE id = 3")  # fmt: skip
        await tx.conn.execute(
            "INSERT INTO saved_replies (name, language, text, saved_at) VALUES"
            " ('sorry', 'ru', 'Здравствуйте, {name}! Простите за задержку.', 't')"
        )
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
    base = f"http://127.0.0.1:{app.port}"
    await asyncio.to_thread(chrome.get, base + link[link.index("/app/login") :])
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = [
        "/app",
        "/app/comments",
        "/app/complaints",
        "/app/complaints/3",
        "/app/fixes",
        "/app/saved",
    ]
    problems = []
    for width, height in ((390, 844), (1366, 768)):
        for theme in ("light", "dark"):
            problems += await asyncio.to_thread(
                _looked_at, chrome, base, pages, width, height, theme
            )
    assert problems == [], "\n".join(problems)


def _whole_page(driver: WebDriver, shot: str) -> None:
    """A screenshot of the whole page, not only what fits the window."""
    import base64

    png = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"captureBeyondViewport": True, "format": "png"}
    )
    (SHOTS / shot).write_bytes(base64.b64decode(png["data"]))


SAID = (
    "Курьер опоздал на два часа, а потом ещё и нагрубил по телефону",
    "Цены выросли, дорого",
    "Продавец вежливый, всё быстро",
    "Очень-очень-длинное-слово-без-пробелов-которое-не-должно-вылезать-за-край-экрана",
)


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("answers", [0, 4, 500])
async def test_the_overview_reads_as_a_report_with_none_a_few_and_many_answers(
    make_app: MakeApp, fake: FakeTelegramServer, chrome: WebDriver, answers: int, language: str
) -> None:
    """The overview's tiles, trend, scores, funnel, themes (with the words in no theme) and
    branch table, and the comment list, on both screens and in both schemes, in Russian and
    English, for a shop with no answers, four, and a season's 500 over twelve weeks in three
    branches: nothing sticks out, nothing is faint, nothing is cut."""
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), staff_language=language)
    fake.world.add_user(OWNER, "Owner", language)
    async with app.db.transaction() as tx:
        for n in range(answers):
            days = (n * 84) // max(answers, 1) if answers > 4 else 1 + n
            branch = ("Арбат", "Тверская", "Пресня")[n % 3]
            score = (10, 9, 3, 8, 10, 6, 9, 2, 10, 7)[n % 10] if branch != "Пресня" else n % 7
            said = SAID[n % len(SAID)] if n % 3 == 0 else None
            await add_response(
                tx.conn, 1000 + n, NOW - timedelta(days=days, hours=1), score,
                csat=1 + n % 5, branch=branch, comment=said,
            )  # fmt: skip
        for number in range(1, 1 + min(answers, 6)):
            await add_complaint(
                tx.conn, number, 999 + number, NOW - timedelta(hours=number * 20),
                taken_after=timedelta(minutes=5 * number),
                resolved_after=timedelta(hours=number) if number % 2 else None,
                satisfied=1 if number == 1 else None,
            )  # fmt: skip
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
        await tx.kv.set(stored.PROGRESS_KEY, "")  # written raw: tagged as after a change
    await stored.retag_step(app.db, await stored.load(app.db))
    base = f"http://127.0.0.1:{app.port}"
    await asyncio.to_thread(chrome.get, base + link[link.index("/app/login") :])
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width, height in ((390, 844), (1366, 768)):
        for theme in ("light", "dark"):
            for path, page in (("/app/comments", "comments"), ("/app", "overview")):
                problems += await asyncio.to_thread(
                    _looked_at, chrome, base, [path], width, height, theme
                )
                name = f"{page}-{language}-{answers}-answers-{width}x{height}-{theme}.png"
                await asyncio.to_thread(_whole_page, chrome, name)
    assert problems == [], "\n".join(problems)
    tiles = await asyncio.to_thread(
        chrome.find_elements, By.CSS_SELECTOR, ".tile .value"
    )  # fmt: skip
    assert len(tiles) == 4
    charts = await asyncio.to_thread(chrome.find_elements, By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == {0: 0, 4: 1, 500: 2}[answers]  # scores; the trend needs 2 periods
    themes = await asyncio.to_thread(chrome.find_elements, By.CSS_SELECTOR, "table.themes tr")
    assert (len(themes) > 1) == (answers > 0)  # a header and a row per theme mentioned


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_the_shops_telegram_accounts_fit_a_phone_and_a_desktop(
    make_app: MakeApp, fake: FakeTelegramServer, chrome: WebDriver, language: str
) -> None:
    """The connected accounts (Telegram Business) on the overview: who, what the bot may do,
    on or off, since when; nothing cut or out of the screen, in either language."""
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), staff_language=language)
    fake.world.add_user(OWNER, "Owner", language)
    both = {"can_reply": True, "can_read_messages": True}
    async with app.db.transaction() as tx:
        await add_response(tx.conn, 400, NOW - timedelta(days=1), 9, csat=4, branch="Арбат")
        for id_, user, name, rights, on in (
            ("bc-1", 9601, "Кондитерская «Сладкая жизнь» на Арбате", both, True),
            ("bc-2", 9602, "Old desk", {"can_read_messages": True}, False),
        ):
            since = NOW - timedelta(days=40)
            await tx.business.put(
                BusinessConnection(id_, user, name, rights, on, connected_at=since), NOW
            )
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
    base = f"http://127.0.0.1:{app.port}"
    await asyncio.to_thread(chrome.get, base + link[link.index("/app/login") :])
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width, height in ((390, 844), (1366, 768)):
        problems += await asyncio.to_thread(
            _looked_at, chrome, base, ["/app"], width, height, "light"
        )
        shot = f"accounts-{language}-{width}x{height}.png"
        await asyncio.to_thread(_section, chrome, "table.accounts", shot)
    assert problems == [], "\n".join(problems)
    rows = chrome.find_elements(By.CSS_SELECTOR, "table.accounts tbody tr")
    assert len(rows) == 2 and "Old desk" in rows[1].text


def _section(driver: WebDriver, selector: str, shot: str) -> None:
    """A screenshot of the card holding `selector`, scrolled into view."""
    card = driver.execute_script(
        "const e = document.querySelector(arguments[0]).closest('section');"
        " e.scrollIntoView(); return e;",
        selector,
    )
    card.screenshot(str(SHOTS / shot))
