"""Every "when this happens, also do that" of the app, in one typed registry.

A feature says what it does when something happens while it installs itself
(`w.when.survey_changed.connect(...)`, `w.when.sent[Purpose.CARD] = ...`); the one place
where it happens sends it (`await when.survey_changed.send(tx, survey)`). The moments are
the fields of `When` below: read them to know what a feature can act on, and look for a
field's name to find who acts. Receivers run in the order they were connected (the installs'
order, `bot/app.py`), one after the other; one that raises stops the rest and fails what sent
it, as any other code in that transaction would.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, ParamSpec

from bot.i18n import Translator
from storage.db import Tx
from storage.models import Customer, OutboxItem, Survey
from storage.states import Purpose

if TYPE_CHECKING:  # aiogram takes seconds to import: the CLI's commands that send nothing
    from aiogram.methods import TelegramMethod  # never import it (tests/unit/test_cli_imports.py)
    from aiogram.types import User

P = ParamSpec("P")

ResultHook = Callable[[Tx, int, Any], Awaitable[None]]  # (tx, ref, Telegram's result)
FailureHook = Callable[[Tx, int, str], Awaitable[None]]  # (tx, ref, error) for a given-up send
# What a survey's closing message says besides the thanks (tx, the customer's translator).
Closing = Callable[[Tx, Translator], Awaitable[str | None]]
# (ref, method) → the method to send, completed at the last moment (a secret never stored)
Prepare = Callable[[int, "TelegramMethod[Any]"], Awaitable["TelegramMethod[Any]"]]


class Signal(Generic[P]):
    """One moment's receivers, called with what happened, in the order they were connected."""

    def __init__(self) -> None:
        self._receivers: list[Callable[P, Awaitable[None]]] = []

    def connect(self, receiver: Callable[P, Awaitable[None]]) -> None:
        self._receivers.append(receiver)

    async def send(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for receiver in self._receivers:
            await receiver(*args, **kwargs)


@dataclass(frozen=True)
class When:
    # The app starts (every instance, leading or not), in a read transaction: what the
    # database says that features hold in memory (groups Telegram moved, a lost staff chat).
    started: Signal[[Tx]] = field(default_factory=Signal)
    # Telegram answered getMe (the leader, each time it connects): what the bot is.
    connected: Signal[[User]] = field(default_factory=Signal)
    # Someone wrote to the bot for the first time, in that update's transaction.
    first_contact: Signal[[Tx, Customer]] = field(default_factory=Signal)
    # A survey was answered, commented or expired (tx, the survey as it is now), in its
    # transaction.
    survey_changed: Signal[[Tx, Survey]] = field(default_factory=Signal)
    # An answer in the customer's chat is about to be applied (tx, survey id): each receiver
    # gives its words for the closing message, asked after `survey_changed` should the answer
    # finish the survey (complaints: the complaint the answers opened, told there rather than
    # in a second message, unless the customer was told of it already).
    survey_closing: list[Callable[[Tx, int], Awaitable[Closing]]] = field(default_factory=list)
    # A customer who follows their complaint on its web page has news (tx, complaint id, what
    # staff replied; None: the question "was it resolved?"), in the transaction keeping it.
    page_news: Signal[[Tx, int, str | None]] = field(default_factory=Signal)
    # Telegram moved a group to a new id (tx, old id, new id), in the transaction recording it.
    chat_moved: Signal[[Tx, int, int]] = field(default_factory=Signal)
    # A group refused the bot, 403: it was removed (tx, group id, Telegram's words).
    chat_refused: Signal[[Tx, int, str]] = field(default_factory=Signal)
    # A forum topic refused a message, closed or deleted (tx, the message as queued, as sent,
    # Telegram's words); the sender sends this and `chat_refused` before the `given_up` hook.
    thread_refused: Signal[[Tx, OutboxItem, TelegramMethod[Any], str]] = field(
        default_factory=Signal
    )
    # A message queued with a purpose, one hook per purpose: sent (with Telegram's result, in
    # the transaction that records the delivery), given up for good, or about to be sent.
    sent: dict[Purpose, ResultHook] = field(default_factory=dict)
    given_up: dict[Purpose, FailureHook] = field(default_factory=dict)
    sending: dict[Purpose, Prepare] = field(default_factory=dict)
