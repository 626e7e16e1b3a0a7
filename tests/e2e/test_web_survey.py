"""A survey's web address as a customer and a receipt printer meet it: the purchase's answer
carries it (with PUBLIC_URL), its QR code encodes it, and it opens an honest page in the
customer's language that leads to the survey in Telegram; anything else is a plain 404."""

from __future__ import annotations

import html
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import segno

from bot.app import App, create_app
from faketg import FakeTelegramServer
from storage.db import Tx
from tests.support.api import API_SECRET, call, request
from tests.support.helpers import STAFF_CHAT, make_settings, start, wait_for
from tests.support.journey import wait_new_message
from tests.support.lookups import purchase_by_order, survey_for_purchase
from tests.support.staffroom import AGENT, card, recorded, staff_group, wait_for_staff_text

PUBLIC = "https://shop.example"
PAGE_BYTES = 4096  # the NPS page, style included: one round trip's worth on a slow line
ANN: dict[str, Any] = {
    "order_id": "W-1",
    "customer": {"external_id": "crm-1", "name": "Ann Example"},
}


@pytest.fixture
async def web(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[App]:
    staff_group(fake.world)
    settings = make_settings(
        tmp_path,
        fake.url,
        api_token=API_SECRET,
        public_url=PUBLIC,
        shop_name="Ромашка",
        default_language="sv",
    )
    app = await create_app(settings, poll_timeout=1)
    await start(app)
    yield app
    await app.stop()


async def fetch(
    app: App, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(
            f"http://127.0.0.1:{app.port}{path}", allow_redirects=False, headers=headers
        ) as resp,
    ):
        return resp.status, dict(resp.headers), await resp.read()


async def send(
    app: App, path: str, fields: list[tuple[str, str]], headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    """The page's form posted as a browser posts it from the page itself."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{app.port}{path}",
            data=fields,
            allow_redirects=False,
            headers={"Sec-Fetch-Site": "same-origin", **(headers or {})},
        ) as resp,
    ):
        return resp.status, dict(resp.headers), (await resp.read()).decode()


async def page_of(app: App, path: str) -> str:
    status, _, body = await fetch(app, path)
    assert status == 200
    return body.decode()


async def progress(app: App, order_id: str) -> tuple[str, str | None, int | None, str | None]:
    async with app.db.read() as tx:
        survey = await survey_for_purchase(tx, await purchase_id(tx, order_id))
    assert survey is not None
    return survey.status, survey.step, survey.nps, survey.channel


def path_of(url: str) -> str:
    assert url.startswith(f"{PUBLIC}/s/"), url
    return url.removeprefix(PUBLIC)


async def test_every_purchase_answer_carries_a_survey_url_that_opens(web: App) -> None:
    status, first = await call(web, body=ANN)
    assert status == 201, first
    status, again = await call(web, body=ANN)  # an integrator's retry
    assert status == 200 and again["deep_link"] == first["deep_link"]
    assert again["survey_url"] != first["survey_url"]  # the digest alone is kept
    batch = {"purchases": [ANN, {**ANN, "order_id": "W-2"}]}
    status, body = await call(web, body=batch)
    urls = [first["survey_url"], again["survey_url"]] + [r["survey_url"] for r in body["results"]]
    for url in urls:  # every address given stays valid
        status, _, _ = await fetch(web, path_of(url))
        assert status == 200, url


async def test_without_public_url_the_answer_has_no_survey_url(api: App) -> None:
    status, body = await call(api, body=ANN)
    assert status == 201 and body["survey_url"] is None


async def test_the_qr_code_is_an_svg_of_the_survey_url(web: App) -> None:
    _, answer = await call(web, body=ANN)
    status, headers, svg = await fetch(web, path_of(answer["survey_url"]) + "/qr.svg")
    assert status == 200 and headers["Content-Type"] == "image/svg+xml"
    assert "max-age" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    assert headers["Referrer-Policy"] == "no-referrer"
    expected = segno.make_qr(answer["survey_url"], error="m", boost_error=False)
    assert modules_of(svg) == [list(map(bool, row)) for row in expected.matrix]


async def test_the_qr_code_as_png_on_request(web: App) -> None:
    _, answer = await call(web, body=ANN)
    status, headers, png = await fetch(web, path_of(answer["survey_url"]) + "/qr.png")
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])  # IHDR
    size = segno.make_qr(answer["survey_url"], error="m", boost_error=False).symbol_size(
        scale=8, border=4
    )
    assert (width, height) == size


@pytest.mark.parametrize(
    "path",
    [
        "/s/AAAAAAAAAAAAAAAAAAAAAA",  # the right shape, no survey
        "/s/x",
        "/s/AAAAAAAAAAAAAAAAAAAAAA/qr.svg",
        "/s/AAAAAAAAAAAAAAAAAAAAAA/qr.png",
        "/s/%27%3B--/qr.svg",
    ],
)
async def test_an_unknown_token_is_a_plain_404(web: App, path: str) -> None:
    status, headers, body = await fetch(web, path)
    assert (status, body) == (404, b"Not Found")
    assert headers["Referrer-Policy"] == "no-referrer"


async def test_the_page_speaks_the_customers_language_and_names_the_shop(web: App) -> None:
    """The survey's first question, in the customer's language (else the browser's, else
    DEFAULT_LANGUAGE), naming the shop but never the customer; other languages a link away."""
    russian = {**ANN, "customer": {**ANN["customer"], "language": "ru"}}
    _, answer = await call(web, body=russian)
    status, headers, body = await fetch(web, path_of(answer["survey_url"]))
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert 'lang="ru"' in page and "Ромашка" in page and "порекомендуете" in page
    assert page.count('name="v"') == 11 and 'name="q" value="nps"' in page
    assert 'href="?lang=en"' in page and 'href="?lang=sv"' in page
    assert "Ann" not in page and "crm-1" not in page and "W-1" not in page
    assert headers["Cache-Control"] == "no-store"
    assert headers["Referrer-Policy"] == "no-referrer"  # the token stays out of t.me's logs
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "<script" not in page
    assert len(body) < PAGE_BYTES, len(body)  # a slow connection loads it in a moment

    _, other = await call(web, body={"order_id": "W-9", "customer": {"phone": "+46701112233"}})
    _, _, swedish = await fetch(web, path_of(other["survey_url"]))
    assert 'lang="sv"' in swedish.decode() and "rekommendera" in swedish.decode()
    _, _, english = await fetch(web, path_of(other["survey_url"]), {"Accept-Language": "en"})
    assert 'lang="en"' in english.decode() and "recommend" in english.decode()
    _, _, chosen = await fetch(web, path_of(other["survey_url"]) + "?lang=ru")
    assert 'lang="ru"' in chosen.decode()


@pytest.mark.parametrize(
    ("status", "channel", "says"),
    [
        ("answered", "telegram", "Вы уже ответили на этот опрос в Telegram"),
        ("answered", "web", "Спасибо! Ваши ответы сразу попали к команде."),
        ("expired", None, "Этот опрос закрыт. Спасибо!"),
        ("skipped", None, "Опроса по этой покупке нет"),
        ("dismissed", None, "Опроса по этой покупке нет"),
    ],
)
async def test_a_survey_no_longer_open_is_said_kindly(
    web: App, status: str, channel: str | None, says: str
) -> None:
    """Answered (in Telegram or on the page), expired or skipped: the page says so, and asks
    nothing."""
    russian = {**ANN, "customer": {**ANN["customer"], "language": "ru"}}
    _, answer = await call(web, body=russian)
    async with web.db.transaction() as tx:
        survey = await survey_for_purchase(tx, await purchase_id(tx, "W-1"))
        assert survey is not None
        await tx.surveys.update(survey.id, status=status, channel=channel)
    status_code, _, body = await fetch(web, path_of(answer["survey_url"]))
    page = body.decode()
    assert status_code == 200 and says in page
    assert "Расскажите" not in page and "<form" not in page


PHONE_ONLY: dict[str, Any] = {
    "order_id": "W-5",
    "customer": {"phone": "+46701112233", "language": "en"},
}


async def test_a_whole_survey_answered_on_the_page_reaches_staff_via_web(
    web: App, fake: FakeTelegramServer
) -> None:
    """A customer with only a phone number answers NPS 2, what went wrong and a comment, the
    CSAT and the expectation, one page each; every post is answered by the page again (303),
    a post sent twice counts once, and staff get the card saying it came via web."""
    _, answer = await call(web, body=PHONE_ONLY)
    path = path_of(answer["survey_url"])
    token = path.removeprefix("/s/")
    status, headers, _ = await send(web, path, [("q", "nps"), ("v", "2")])
    assert (status, headers["Location"]) == (303, token)
    assert await progress(web, "W-5") == ("sent", "aspect", 2, "web")
    status, _, _ = await send(web, path, [("q", "nps"), ("v", "9")])  # sent twice, or Back
    assert status == 303 and await progress(web, "W-5") == ("sent", "aspect", 2, "web")
    aspects = await page_of(web, path)
    assert "What went wrong" in aspects and 'type="checkbox" name="v" value="delivery"' in aspects
    await send(web, path, [("q", "aspect"), ("v", "delivery"), ("text", "Two days late")])
    assert "How satisfied" in await page_of(web, path)
    await send(web, path, [("q", "csat"), ("v", "1")])
    await send(web, path, [("q", "expectation"), ("v", "worse")])
    thanks = await page_of(web, path)
    assert "Your answers went straight to the team" in thanks and 'name="q"' not in thanks
    assert "The team has your answer" in thanks
    # the one form left is how to hear back: on a page of their own (test_web_conversation.py)
    assert thanks.count("<form") == 1 and 'value="follow"' in thanks
    assert await progress(web, "W-5") == ("answered", "done", 2, "web")
    shown = await card(fake.world, 1)
    assert "via web" in str(shown.text) and "Two days late" in str(shown.text)
    status, responses = await request(web, "GET", "responses")
    assert status == 200 and [r["channel"] for r in responses["responses"]] == ["web"]


async def test_a_complaint_from_the_page_continues_in_telegram_by_its_deep_link(
    web: App, fake: FakeTelegramServer
) -> None:
    """Staff answering a web customer with no Telegram are told so (not that the customer
    erased their data); the thanks page's Telegram link ties the complaint to the customer's
    Telegram, and the next reply reaches them there."""
    world = fake.world
    _, answer = await call(web, body=PHONE_ONLY)
    path = path_of(answer["survey_url"])
    await send(web, path, [("q", "nps"), ("v", "1")])
    await send(web, path, [("q", "aspect"), ("v", "staff"), ("text", "Rude at the till")])
    await send(web, path, [("q", "csat"), ("v", "1")])
    await send(web, path, [("q", "expectation"), ("v", "worse")])
    thanks = await page_of(web, path)
    assert f'href="{answer["deep_link"]}"' in thanks and "Telegram" in thanks
    shown = await card(world, 1)
    await recorded(web, 1)  # replies need the card's message id
    await world.user_sends(AGENT, "Sorry!", chat_id=STAFF_CHAT, reply_to=shown.message_id)
    told = await wait_for_staff_text(world, "no Telegram chat")
    assert "erased" not in told
    world.add_user(7301, "Wen", "en")
    token = answer["deep_link"].split("start=")[1]
    await world.user_sends(7301, f"/start {token}")
    linked = await wait_new_message(world, 7301, "#1")
    assert "reply" in str(linked.text)
    await wait_for(lambda: "Wen" in str(shown.text), what="the card names who continued")
    await world.user_sends(
        AGENT, "We will refund you", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await wait_new_message(world, 7301, "We will refund you")


async def test_a_forged_form_gets_a_clear_answer_and_changes_nothing(web: App) -> None:
    _, answer = await call(web, body=PHONE_ONLY)
    path = path_of(answer["survey_url"])
    status, _, page = await send(web, path, [("q", "nps"), ("v", "11")])
    assert status == 400 and "not one of this question's choices" in html.unescape(page)
    assert 'name="q" value="nps"' in page  # asked again
    status, _, page = await send(web, path, [("q", "csat"), ("v", "3")])
    assert status == 409 and "in order" in page
    assert await progress(web, "W-5") == ("waiting_link", None, None, None)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "", "Origin": "https://evil.example"},
    ],
)
async def test_a_post_from_another_site_is_refused(web: App, headers: dict[str, str]) -> None:
    """The token in the address is the only credential; still, another site's page that
    learnt it cannot make a visitor's browser answer."""
    _, answer = await call(web, body=PHONE_ONLY)
    path = path_of(answer["survey_url"])
    if headers.get("Sec-Fetch-Site") == "":
        headers = {"Origin": headers["Origin"]}
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{web.port}{path}",
            data=[("q", "nps"), ("v", "10")],
            allow_redirects=False,
            headers=headers,
        ) as resp,
    ):
        assert resp.status == 403
    assert await progress(web, "W-5") == ("waiting_link", None, None, None)
    status, _, _ = await send(web, path, [("q", "nps"), ("v", "10")], {"Origin": "null"})
    assert status == 303  # the page's own post (no-referrer makes some browsers say "null")


async def test_posts_to_one_token_are_limited(web: App) -> None:
    _, answer = await call(web, body=PHONE_ONLY)
    path = path_of(answer["survey_url"])
    for _ in range(30):
        status, _, _ = await send(web, path, [("q", "nps"), ("v", "x")])
        assert status == 400
    status, headers, page = await send(web, path, [("q", "nps"), ("v", "10")])
    assert status == 429 and int(headers["Retry-After"]) > 0
    assert "Too many answers" in page
    assert await progress(web, "W-5") == ("waiting_link", None, None, None)
    _, other = await call(web, body={**PHONE_ONLY, "order_id": "W-6"})
    status, _, _ = await send(web, path_of(other["survey_url"]), [("q", "nps"), ("v", "10")])
    assert status == 303  # another receipt's page is not held up


async def purchase_id(tx: Tx, order_id: str) -> int:
    purchase = await purchase_by_order(tx, order_id)
    assert purchase is not None
    return purchase.id


def modules_of(svg: bytes) -> list[list[bool]]:
    """The dark modules an SVG of segno's paints: its path's horizontal runs, on a grid of
    the SVG's scale (the border included, then cut off)."""
    root = ET.fromstring(svg)
    width = float(root.attrib["width"])
    [path] = [e for e in root.iter() if e.tag.endswith("path")]
    scale = float(path.attrib.get("transform", "scale(1)").strip("scale()") or 1)
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for command, number in re.findall(r"([MmHhVv])\s*([-\d.]+(?:[ ,][-\d.]+)?)", path.attrib["d"]):
        values = [float(v) for v in re.split(r"[ ,]", number)]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command == "h":
            for n in range(int(values[0])):
                dark.add((int(y), int(x) + n))
            x += values[0]
    size = int(width / scale)
    grid = [[(row, col) in dark for col in range(size)] for row in range(size)]
    border = 4
    return [row[border:-border] for row in grid[border:-border]]


async def test_dont_ask_again_on_the_page_is_stop(web: App) -> None:
    """The page's "Don't ask me again" under the NPS does what /stop does: this survey ends,
    no other comes, and the page says so."""
    _, answer = await call(web, body=PHONE_ONLY)
    path = path_of(answer["survey_url"])
    assert 'value="never"' in await page_of(web, path)
    status, _, _ = await send(web, path, [("q", "nps"), ("go", "never")])
    assert status == 303
    assert "will not ask you again" in await page_of(web, path)
    async with web.db.read() as tx:
        survey = await survey_for_purchase(tx, await purchase_id(tx, "W-5"))
        assert survey is not None and (survey.status, survey.reason) == ("skipped", "opted_out")
        customer = await tx.customers.get(survey.customer_id)
    assert customer is not None and customer.opted_out_at is not None
    status, later = await call(web, body={**PHONE_ONLY, "order_id": "W-7"})
    assert status == 201 and later["status"] == "skipped" and later["reason"] == "opted_out"
