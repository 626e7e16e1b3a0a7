"""A "thank you" is not a complaint. A message that is nothing but thanks, an acknowledgement
or friendly emoji ("Спасибо!", "ok 👍", "tack så mycket") gets a warm answer instead of opening
a complaint, a take reminder and an escalation to the owner. Anything else, including anything
with a word outside these few, a question mark, a negation or an unfriendly emoji, still opens
one: when in doubt, a person reads it."""

from __future__ import annotations

import re
import unicodedata

from aiogram.methods import SendMessage

from bot.complaints import account
from bot.complaints.config import Complaints
from storage.db import Tx
from storage.models import Customer

# Words that, alone or together, only thank or acknowledge (en, ru, sv), lower case.
_VOCABULARY = """
thanks thank you thx ty tnx thankyou cheers ok okay okey k kk great cool nice good fine
perfect awesome excellent wonderful lovely super brilliant amazing fantastic got it noted
sure alright all right much very so a lot lots again have day too bye goodbye see you
appreciate appreciated well done yes yep yeah understood will do
спасибо спс спасибки спасибочки благодарю благодарим огромное большое пребольшое вам
тебе ок окей оки хорошо отлично ладно понятно ясно понял поняла поняли принято супер
класс круто здорово замечательно прекрасно чудесно норм нормально да договорились
всего доброго хорошего дня вечера и вас тоже все всё очень
tack tusen så mycket ok okej bra toppen perfekt jättebra kanon fint snyggt härligt
underbart super ja absolut förstått uppfattat hej då ha en trevlig dag dig er detsamma
"""
_WORDS = frozenset(_VOCABULARY.split())
_FRIENDLY = frozenset("👍🙏❤♥😊🙂👌🥰😍🤝✅💯🔥😀😃😄😁👏🌹💐☺🤗😇💙💚💛🧡💜🫶✨⭐🌟")
_IGNORED = frozenset("\ufe0f\u200d\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")
_LONGEST = 60  # characters: anything longer says something more
_MOST_WORDS = 8
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def just_thanks(text: str | None) -> bool:
    """Whether `text` only thanks, acknowledges or smiles (True means: open nothing)."""
    if not text:
        return False
    text = text.strip()
    if not text or len(text) > _LONGEST or "?" in text:
        return False
    words = _TOKEN.findall(text.lower())
    if len(words) > _MOST_WORDS or any(word not in _WORDS for word in words):
        return False
    rest = _TOKEN.sub("", text.lower())
    for char in rest:
        if char.isspace() or char in _IGNORED or unicodedata.category(char).startswith("P"):
            continue
        if char not in _FRIENDLY:
            return False  # a digit, an unfriendly emoji, a symbol: a person should read it
    return bool(words) or any(char in _FRIENDLY for char in rest)


async def welcome(
    tx: Tx, complaints: Complaints, customer: Customer, through: str | None = None
) -> None:
    """The warm answer to a customer's thanks (only when no complaint of theirs is open: an
    open one's conversation goes on to the staff as usual), where they wrote: the bot, or the
    shop's Telegram account `through` (when it lets the bot answer; else nothing is said)."""
    if customer.telegram_id is None:
        return
    if through is not None:
        connection = await tx.business.get(through)
        if connection is None or not connection.can_reply:
            return
    t = complaints.core.translator(customer)
    said = SendMessage(chat_id=customer.telegram_id, text=t("thanks.welcome"))
    await complaints.core.outbox.send(tx, account.on_behalf(said, through))
