"""What anyone the `IsStaff` filter refuses gets, in one place (registered after the staff's
own handlers, which let them fall through): a card's button answers with an alert saying why
(not staff, or Telegram could not be asked: try again) and changes nothing; inline mode
offers no saved replies; a command or a message about a complaint gets no answer at all,
which spares the group's budget. The team's own conversation ends here too: it is not for
the bot, and no catch-all answers it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import or_f
from aiogram.types import CallbackQuery, InlineQuery, Message

from bot.complaints.callbacks import AssignPress, CausePress, StaffPress
from bot.complaints.staff import StaffDirectory
from bot.outbox.service import Outbox
from handlers.staff.inline import offer
from storage.db import Tx


def router() -> Router:
    r = Router(name=__name__)
    r.callback_query.register(
        refuse_press, or_f(StaffPress.filter(), CausePress.filter(), AssignPress.filter())
    )
    r.inline_query.register(offer_nothing)
    r.message.register(left_alone)
    return r


async def refuse_press(
    query: CallbackQuery, tx: Tx, outbox: Outbox, staff: StaffDirectory
) -> None:
    refused = staff.refusal(query.from_user.id)
    await outbox.answer_press(tx, query, refused, show_alert=refused is not None)


async def offer_nothing(query: InlineQuery, tx: Tx, outbox: Outbox) -> None:
    await offer(tx, outbox, query, [])


async def left_alone(message: Message) -> None:
    """A stranger's command or message about a complaint, or the team talking among
    themselves."""
