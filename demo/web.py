"""The demo's web act: a customer with only a phone number answers the survey on its web page
(plain form posts, as a browser without JavaScript sends them) and follows her complaint on a
page of her own; staff reply from the card, the reply shows on the page and in an email read
back from a local SMTP server, and her "No, not yet" there reopens the complaint."""

from __future__ import annotations

import asyncio
import html
import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.app import App
from demo.complaints import (
    AGENT,
    STAFF_CHAT,
    _card_of,
    _latest,
    _until_recorded,
    say,
    wait_until,
)
from demo.surveys import DEMO_API_TOKEN
from faketg import World

NAME = "Nina"
PHONE = "+46701740642"  # from the Swedish range kept for fiction
EMAIL = "nina@example.org"
COMMENT = "The parcel came open and one book was wet"
REPLY = "Sorry, Nina! A new copy is on its way, and the courier has been told."
ANSWERS = {"nps": "3", "aspect": "delivery", "csat": "1", "expectation": "worse"}
BROWSER = {"Sec-Fetch-Site": "same-origin", "Accept-Language": "en"}  # a post from the page


@dataclass
class Mailbox:
    """An aiosmtpd handler keeping what the local SMTP server accepted."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"


class LocalMail:
    """A local SMTP server for SMTP_URL, if aiosmtpd (a dev dependency, which `make demo`
    installs) is there; without it the demo runs without email."""

    def __init__(self, port: int) -> None:
        self.box = Mailbox()
        self.port = port
        self._server: Any = None

    @property
    def on(self) -> bool:
        return self._server is not None

    async def start(self) -> dict[str, str]:
        """The settings that send mail here, or none."""
        try:
            from aiosmtpd.controller import Controller
        except ImportError:
            return {}
        self._server = Controller(self.box, hostname="127.0.0.1", port=self.port)
        await asyncio.to_thread(self._server.start)
        return {
            "smtp_url": f"smtp://127.0.0.1:{self.port}",
            "mail_from": "Corner Books <shop@example.com>",
        }

    async def stop(self) -> None:
        if self._server is not None:
            await asyncio.to_thread(self._server.stop)


async def _get(app: App, path: str) -> str:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{app.port}{path}", headers=BROWSER) as resp,
    ):
        return html.unescape(await resp.text())


async def _post(app: App, path: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
    """A form posted from the page: the status and where the answer redirects."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{app.port}{path}",
            data=fields,
            allow_redirects=False,
            headers=BROWSER,
        ) as resp,
    ):
        return resp.status, resp.headers.get("Location", "")


def _texts(page: str, pattern: str) -> list[str]:
    """What a person reads in the parts of the page the pattern finds, tags removed."""
    return [re.sub(r"<[^>]+>", "", found).strip() for found in re.findall(pattern, page, re.S)]


def _label(page: str, value: str) -> str:
    found = re.search(rf'name="v" value="{value}"[^>]*>([^<]*)<', page)
    return found.group(1).strip() if found else value


async def _answer_survey(app: App, path: str) -> str:
    """Each page's question answered by its buttons until the thanks page, which it returns."""
    page = await _get(app, path)
    while (question := re.search(r'name="q" value="([a-z_]+)"', page)) is not None:
        key = question.group(1)
        fields = [("q", key), ("v", ANSWERS[key])]
        words = ""
        if 'value="next"' in page:  # the button pressed, on a page of checkboxes
            fields.append(("go", "next"))
        if 'name="text"' in page and key == "aspect":
            fields.append(("text", COMMENT))
            words = f' and writes "{COMMENT}"'
        asked = " ".join(_texts(page, r'<p class="q">(.*?)</p>'))
        say("page", asked)
        say(NAME, f"[{_label(page, ANSWERS[key])}]{words}")
        status, _ = await _post(app, path, fields)
        if status != 303:
            raise RuntimeError(f"the survey page refused the answer to {key}: {status}")
        page = await _get(app, path)
    return page


async def _until_on_page(app: App, talk: str, needle: str) -> str:
    """The conversation page once it shows `needle`, reloaded as a customer would."""
    for _ in range(200):
        page = await _get(app, talk)
        if needle in page:
            return page
        await asyncio.sleep(0.05)
    raise RuntimeError(f"{needle!r} never appeared on the conversation page")


async def _mailed(mail: LocalMail) -> bool:
    """The reply's email has arrived at the local server (sent from the mail outbox)."""
    for _ in range(200):
        if mail.box.messages:
            return True
        await asyncio.sleep(0.05)
    return False


async def _show_mail(mail: LocalMail) -> None:
    """The reply's email as the local SMTP server received it: its subject and its link."""
    if not mail.on:
        say("email", "(none: aiosmtpd, a dev dependency, is not installed)")
        return
    if not await _mailed(mail):
        say("email", "(none arrived within 10 s)")
        return
    first = mail.box.messages[0]
    body = first.get_body(("plain",))
    link = re.search(r"https?://\S+/c/[A-Za-z0-9_-]+", str(body.get_content()) if body else "")
    say("email", f"to {first['To']}: «{first['Subject']}»")
    say("", f"link: {link.group() if link else '(none)'}")


async def web_act(app: App, world: World, mail: LocalMail) -> None:
    print(f"\n12. {NAME} has no Telegram: the survey's web page, then a page of her own")
    purchase = {
        "order_id": "DEMO-WEB-1",
        "amount": 49,
        "currency": "EUR",
        "customer": {"phone": PHONE, "name": NAME, "language": "en"},
    }
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{app.port}/api/v1/purchases",
            json={"purchases": [purchase]},
            headers={"Authorization": f"Bearer {DEMO_API_TOKEN}"},
        ) as resp,
    ):
        result = (await resp.json())["results"][0]
    url = str(result["survey_url"])
    print(f"   POST /api/v1/purchases (a phone number only) → {resp.status}: survey_url {url}")
    survey = urlsplit(url).path
    say(NAME, "(opens the link from her receipt's QR code in her phone's browser)")
    thanks = await _answer_survey(app, survey)
    say("page", "\n".join(_texts(thanks, r"<p>(.*?)</p>")))
    status, location = await _post(app, f"{survey}/follow", [("email", EMAIL), ("go", "follow")])
    if status != 303:
        raise RuntimeError(f"following on a page was refused: {status}")
    talk = "/c/" + location.rsplit("/c/", 1)[1]
    say(NAME, f"(leaves {EMAIL}) [Follow on my page] → /c/…")
    page = await _get(app, talk)
    say("page", "\n".join(_texts(page, r'<p class="sub">(.*?)</p>')))
    number = int(re.findall(r"Request #(\d+)", page)[0])  # the customer reads "request"
    await _staff_reply(app, world, mail, number, talk)


async def _staff_reply(app: App, world: World, mail: LocalMail, number: int, talk: str) -> None:
    card = await _card_of(world, number)
    # "via web" is in the card as it is posted; "replies go to the customer's web page" comes
    # with an edit once the card is known (she chose the page before it was posted).
    await wait_until(lambda: "via web" in str(card.text))
    shown = [x for x in str(card.text).splitlines() if "web" in x or f"#{number}" in x]
    say("staff chat", "(the card) " + "\n".join(shown))
    await _until_recorded(app, number)
    await world.user_sends(AGENT, REPLY, chat_id=STAFF_CHAT, reply_to=card.message_id)
    say("Kim", f"(replies to the card) {REPLY}")
    page = await _until_on_page(app, talk, REPLY)
    who, words = re.findall(
        r'<li class="team"><span class="who">(.*?)</span><span class="said">(.*?)</span>', page
    )[-1]
    say("page", f"(reloaded) {who}: {words}")
    await _show_mail(mail)
    resolve = next(b for row in card.buttons for b in row if b["text"] == "Resolve")
    await world.user_presses(AGENT, card, resolve["callback_data"])
    say("Kim", "[Resolve]")
    await _not_resolved(app, world, number, talk)


async def _not_resolved(app: App, world: World, number: int, talk: str) -> None:
    """The page asks "was it resolved?"; her No reopens the complaint."""
    page = await _until_on_page(app, talk, 'value="no"')
    asked = _texts(page, r'<form method="post">\s*<p class="q">(.*?)</p>')
    buttons = _texts(page, r'<button class="button[^"]*" name="go" value="(?:yes|no)">(.*?)<')
    say("page", f"{asked[0] if asked else ''} {buttons}")
    status, _ = await _post(app, talk, [("go", "no")])
    if status != 303:
        raise RuntimeError(f"the page refused her answer: {status}")
    say(NAME, f"[{buttons[-1] if buttons else 'No'}]")
    page = await _get(app, talk)
    say("page", " ".join(x for x in _texts(page, r"<p>(.*?)</p>") if "again" in x))
    needle = "is NOT resolved"
    await wait_until(lambda: _latest(world, STAFF_CHAT, needle) is not None)
    say("staff chat", str(_latest(world, STAFF_CHAT, needle).text))  # type: ignore[union-attr]
    async with app.db.read() as tx:
        found = await tx.complaints.get(number)
    assert found is not None
    print(f"   complaint #{number} reopened: now {found.status}, reopened {found.reopened} time")
