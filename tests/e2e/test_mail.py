"""Email as a customer's mailbox sees it, through a real SMTP server on this machine
(aiosmtpd) that the test reads back: sent once with the headers receivers check, kept and
sent once through an outage, given up (and the owners told) when refused, and gone with the
person it was for."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller

from bot.core import Core
from bot.i18n import Catalog
from bot.learned import Learned
from bot.mail.config import MailConfig, Mailer, Smtp
from bot.mail.delivery import send_due
from bot.mail.outbox import queue_mail
from bot.mail.watch import watch
from bot.outbox.service import Outbox
from bot.roles import Roles
from storage.db import Database

OWNER = 7001
SENDER = "Shop <shop@example.com>"


@dataclass
class Mailbox:
    """What the local SMTP server accepted; a recipient it refuses for good."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: str = "nobody@example.com"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address == self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def mailbox(port: int) -> Iterator[Mailbox]:
    box = Mailbox()
    server = Controller(box, hostname="127.0.0.1", port=port)
    server.start()
    yield box
    server.stop()


def mailer_for(port: int) -> Mailer:
    catalog = Catalog.load()
    core = Core(
        Outbox(None),
        catalog,
        ZoneInfo("UTC"),
        catalog.bind("en"),
        Learned(bot_username="shop_bot"),
        roles=Roles(owners=[OWNER]),
    )
    smtp = Smtp.parse(f"smtp://127.0.0.1:{port}")
    return Mailer(MailConfig(smtp, SENDER), core)


async def queue(db: Database, mailer: Mailer, to: str, customer_id: int | None = None) -> int:
    async with db.transaction() as tx:
        mail_id = await queue_mail(
            tx,
            mailer,
            to,
            "Your complaint #12: a reply",
            "We are sorry. Your order is on its way.",
            "<p>We are sorry. Your order is on its way.</p>",
            unsubscribe="https://shop.example/c/token/unsubscribe",
            customer_id=customer_id,
        )
    assert mail_id is not None
    return mail_id


async def status_of(db: Database, mail_id: int) -> tuple[str, int]:
    async with db.read() as tx:
        row = await tx.conn.fetch_one(
            "SELECT status, attempts FROM mail_outbox WHERE id = ?", (mail_id,)
        )
    assert row is not None
    return str(row[0]), int(row[1])


async def test_a_mail_arrives_once_with_text_html_and_the_headers(
    db: Database, mailbox: Mailbox, port: int
) -> None:
    mailer = mailer_for(port)
    mail_id = await queue(db, mailer, "ann@example.org")
    assert await send_due(db, mailer.config) == 1
    assert await send_due(db, mailer.config) == 0  # sent once
    [message] = mailbox.messages
    assert message["From"] == SENDER and message["To"] == "ann@example.org"
    assert message["Subject"] == "Your complaint #12: a reply"
    assert message["Date"] and message["Message-ID"].endswith("@example.com>")
    assert message["List-Unsubscribe"] == "<https://shop.example/c/token/unsubscribe>"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and "on its way" in text.get_content()
    assert html is not None and "<p>We are sorry." in html.get_content()
    assert await status_of(db, mail_id) == ("sent", 1)


async def test_through_an_outage_the_mail_waits_and_arrives_once(db: Database, port: int) -> None:
    """The server is down: the mail is kept and tried again later; once it is up, it is
    delivered exactly once, with the Message-ID it was queued with."""
    mailer = mailer_for(port)
    mail_id = await queue(db, mailer, "ann@example.org")
    assert await send_due(db, mailer.config) == 0  # nobody listens on the port
    assert await status_of(db, mail_id) == ("pending", 1)
    assert await send_due(db, mailer.config) == 0  # not due yet: it waits its backoff
    box = Mailbox()
    server = Controller(box, hostname="127.0.0.1", port=port)
    server.start()
    try:
        later = time.time() + 60
        assert await send_due(db, mailer.config, now=later) == 1
        assert await send_due(db, mailer.config, now=later + 3600) == 0
    finally:
        server.stop()
    assert len(box.messages) == 1
    assert await status_of(db, mail_id) == ("sent", 2)


async def test_stuck_or_refused_mail_is_told_to_the_owners(db: Database, port: int) -> None:
    """An hour of failures: the owners hear it, with what the server said, once; once mail
    flows again, that too. A mailbox refused for good is given up at once, and said."""
    mailer = mailer_for(port)
    stuck = await queue(db, mailer, "ann@example.org")
    await send_due(db, mailer.config)  # down
    async with db.transaction() as tx:
        await watch(tx, mailer, time.time() + 3700)
        await watch(tx, mailer, time.time() + 3800)  # told once
    [told] = await owner_texts(db)
    assert "not going out" in told and "ConnectError" in told
    box = Mailbox()
    server = Controller(box, hostname="127.0.0.1", port=port)
    server.start()
    try:
        refused = await queue(db, mailer, "nobody@example.com")
        assert await send_due(db, mailer.config, now=time.time() + 3700) == 1
    finally:
        server.stop()
    assert await status_of(db, stuck) == ("sent", 2)
    assert await status_of(db, refused) == ("failed", 1)
    async with db.transaction() as tx:
        await watch(tx, mailer, time.time())
    texts = await owner_texts(db)
    assert any("goes out again" in t for t in texts)
    [given_up] = [t for t in texts if "given up" in t]
    assert "550" in given_up and "no such mailbox" in given_up


async def owner_texts(db: Database) -> list[str]:
    async with db.read() as tx:
        rows = await tx.conn.fetch_all(
            "SELECT payload FROM outbox WHERE chat_id = ? ORDER BY id", (OWNER,)
        )
    return [str(row[0]) for row in rows]


async def test_erasure_and_retention_remove_mail_to_the_person(db: Database, port: int) -> None:
    mailer = mailer_for(port)
    async with db.transaction() as tx:
        customer, _ = await tx.customers.touch_from_telegram(42, "Ann", None, "en")
    kept = await queue(db, mailer, "bo@example.org")
    await queue(db, mailer, "ann@example.org", customer_id=customer.id)
    async with db.transaction() as tx:
        await tx.privacy.forget(customer.id)
    async with db.read() as tx:
        rows = await tx.conn.fetch_all("SELECT id, to_address FROM mail_outbox")
    assert [(int(r[0]), str(r[1])) for r in rows] == [(kept, "bo@example.org")]
    async with db.transaction() as tx:
        assert await tx.mail.prune(time.time() + 1) == 1  # DATA_RETENTION's cutoff
        assert await tx.conn.fetch_all("SELECT id FROM mail_outbox") == []


async def test_without_smtp_url_nothing_is_queued(db: Database) -> None:
    mailer = mailer_for(1)
    mailer = Mailer(MailConfig(None, ""), mailer.core)
    async with db.transaction() as tx:
        assert await queue_mail(tx, mailer, "ann@example.org", "s", "t", "<p>t</p>") is None
