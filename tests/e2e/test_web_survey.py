"""A survey's web address as a customer and a receipt printer meet it: the purchase's answer
carries it (with PUBLIC_URL), its QR code encodes it, and it opens an honest page in the
customer's language that leads to the survey in Telegram; anything else is a plain 404."""

from __future__ import annotations

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
from tests.support.api import API_SECRET, call
from tests.support.helpers import make_settings, start

PUBLIC = "https://shop.example"
ANN: dict[str, Any] = {
    "order_id": "W-1",
    "customer": {"external_id": "crm-1", "name": "Ann Example"},
}


@pytest.fixture
async def web(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[App]:
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


async def fetch(app: App, path: str) -> tuple[int, dict[str, str], bytes]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{app.port}{path}", allow_redirects=False) as resp,
    ):
        return resp.status, dict(resp.headers), await resp.read()


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
    """Until the survey is asked on the page, it leads to the survey in Telegram: the same link
    as the purchase's answer, in the customer's language (else DEFAULT_LANGUAGE), naming the
    shop but never the customer."""
    russian = {**ANN, "customer": {**ANN["customer"], "language": "ru"}}
    _, answer = await call(web, body=russian)
    status, headers, body = await fetch(web, path_of(answer["survey_url"]))
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert 'lang="ru"' in page and "Ромашка" in page and "Ответить в Telegram" in page
    assert f'href="{answer["deep_link"]}"' in page
    assert "Ann" not in page and "crm-1" not in page and "W-1" not in page
    assert headers["Cache-Control"] == "no-store"
    assert headers["Referrer-Policy"] == "no-referrer"  # the token stays out of t.me's logs
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "<script" not in page

    _, other = await call(web, body={"order_id": "W-9", "customer": {"phone": "+46701112233"}})
    _, _, swedish = await fetch(web, path_of(other["survey_url"]))
    assert 'lang="sv"' in swedish.decode() and "Svara i Telegram" in swedish.decode()


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
