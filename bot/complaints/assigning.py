"""Assignment: who should work on a complaint before (or instead of) whoever took it.

The card's "Assign" button turns its buttons into the staff to choose from: those in
STAFF_IDS, everyone seen working in the staff chat and the staff chat's administrators (so on
day one the list is not only whoever pressed), each with the complaints they hold.
The one chosen is named on the card and in their /mine, mentioned by the take and resolve
reminders, and told in private if they started the bot. Assigning a taken complaint hands it
over (the new person holds it). With ASSIGN_MODE=round_robin, each new complaint is assigned
to the next person in turn, skipping anyone holding AGENT_MAX_OPEN already.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from aiogram.methods import EditMessageReplyMarkup, SendMessage
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.complaints.callbacks import AssignPress, StaffAction, StaffPress
from bot.complaints.cards import card_link, customer_label
from bot.complaints.config import Complaints
from bot.complaints.posting import refresh
from bot.i18n import clip
from bot.incoming import Actor
from bot.outbox.service import Priority
from storage.db import Tx
from storage.models import Complaint
from storage.states import COMPLAINT_WORKED, ComplaintStatus, Direction

SHOWN = 20  # people in the list (two a row)
TURN_KEY = "assign.last"  # whom the round robin gave the last complaint


@dataclass(frozen=True)
class Person:
    id: int
    name: str


def mention(person_id: int, name: str) -> str:
    """A name that notifies its owner in the group (HTML)."""
    return f'<a href="tg://user?id={person_id}">{escape(name)}</a>'


async def roster(
    tx: Tx, complaints: Complaints, admins: Mapping[int, str] | None = None
) -> list[Person]:
    """STAFF_IDS, everyone seen working in the staff chat and the `admins` given (the staff
    chat's administrators, from StaffDirectory.administrators), by name."""
    seen = await tx.pulse.staff_names()
    admins = admins or {}
    people = []
    for person_id in dict.fromkeys([*complaints.core.roles.staff, *seen, *admins]):
        name = seen.get(person_id) or admins.get(person_id)
        if not name:  # configured, not seen yet: the name they gave the bot, if they started it
            profile = await tx.customers.by_telegram_id(person_id)
            name = profile.shown_name if profile is not None else None
        unnamed = complaints.staff_t("complaint.assign.unnamed", id=person_id)
        people.append(Person(person_id, clip(name or unnamed, 64)))
    return sorted(people, key=lambda p: (p.name.casefold(), p.id))


async def menu(
    tx: Tx, complaints: Complaints, complaint_id: int, admins: Mapping[int, str]
) -> str | None:
    """The card's "Assign": its buttons become the people to assign it to; the alert to show,
    if any."""
    staff_t = complaints.staff_t
    c = await tx.complaints.get(complaint_id)
    if c is None:
        return staff_t("button.stale")
    if c.status not in COMPLAINT_WORKED:
        return staff_t(f"complaint.alert.already_{c.status}", number=c.id, name="")
    people = (await roster(tx, complaints, admins))[:SHOWN]
    if not people:
        return staff_t("complaint.assign.nobody")
    if c.card_chat_id is None or c.card_message_id is None:
        return staff_t("button.stale")
    load = await tx.complaints.workload()
    holder = c.taken_by or c.assignee_id
    buttons = [
        InlineKeyboardButton(
            text=f"{'✓ ' if p.id == holder else ''}{p.name} · {load.get(p.id, 0)}",
            callback_data=AssignPress(complaint_id=c.id, user_id=p.id).pack(),
        )
        for p in people
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    back = StaffPress(action=StaffAction.BACK, complaint_id=c.id).pack()
    rows.append([InlineKeyboardButton(text=staff_t("complaint.assign.back"), callback_data=back)])
    await complaints.core.outbox.send(
        tx,
        EditMessageReplyMarkup(
            chat_id=c.card_chat_id,
            message_id=c.card_message_id,
            reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
        ),
        priority=Priority.NORMAL,
    )
    return staff_t("complaint.assign.choose", number=c.id)


async def chosen(
    tx: Tx,
    complaints: Complaints,
    by: Actor,
    complaint_id: int,
    person_id: int,
    admins: Mapping[int, str],
) -> str:
    """A name pressed in the list: the complaint is theirs; the alert to show."""
    staff_t = complaints.staff_t
    c = await tx.complaints.get(complaint_id)
    people = await roster(tx, complaints, admins)
    person = next((p for p in people if p.id == person_id), None)
    if c is None or person is None:
        return staff_t("button.stale")  # a forged button, or someone no longer on staff
    if c.status not in COMPLAINT_WORKED:
        return staff_t(f"complaint.alert.already_{c.status}", number=c.id, name="")
    await give(tx, complaints, c, person, by)
    return staff_t("complaint.assign.done", number=c.id, name=person.name)


async def give(
    tx: Tx, complaints: Complaints, c: Complaint, person: Person, by: Actor | None
) -> None:
    """Assign `c` to `person` (a taken one is handed over), say so on the card, in its
    history and to them."""
    fields: dict[str, object] = {"assignee_id": person.id, "assignee_name": person.name}
    if c.status == ComplaintStatus.TAKEN:
        fields |= {"taken_by": person.id, "taken_by_name": person.name}
    await tx.complaints.update(c.id, **fields)
    staff_t = complaints.staff_t
    said = staff_t("complaint.assign.history", name=person.name)
    await tx.complaints.add_message(
        c.id,
        Direction.NOTE,
        by.id if by else None,
        "text",
        said,
        sender_name=by.name if by else None,
    )
    await refresh(tx, complaints, c.id)
    if by is not None and by.id == person.id:
        return
    await _tell(tx, complaints, c, person, by)


async def _tell(
    tx: Tx, complaints: Complaints, c: Complaint, person: Person, by: Actor | None
) -> None:
    """In private, if they started the bot (Telegram lets it write to no one else)."""
    profile = await tx.customers.by_telegram_id(person.id)
    if profile is None or profile.started_at is None or profile.unreachable_at is not None:
        return
    staff_t = complaints.staff_t
    customer = await tx.customers.get(c.customer_id)
    key = "complaint.assign.private_by" if by is not None else "complaint.assign.private_turn"
    text = staff_t(
        key,
        number=c.id,
        customer=customer_label(staff_t, customer),
        name=escape(by.name) if by else "",
    )
    link = card_link(c)
    if link:
        text += f"\n{link}"
    await complaints.core.outbox.send(
        tx, SendMessage(chat_id=person.id, text=text, parse_mode="HTML"), priority=Priority.NORMAL
    )


async def in_turn(tx: Tx, complaints: Complaints, c: Complaint) -> None:
    """ASSIGN_MODE=round_robin: the next person after the last one given a complaint (among
    STAFF_IDS, else those seen working in the staff chat) below the cap; nobody when
    everyone is at it (the card goes out unassigned, the take clock running)."""
    people = {p.id: p for p in await roster(tx, complaints)}
    pool = sorted(complaints.core.roles.staff or people)
    if not pool:
        return
    last = await tx.kv.get(TURN_KEY)
    after = next((i + 1 for i, pid in enumerate(pool) if str(pid) == last), 0)
    load = await tx.complaints.workload()
    for person_id in pool[after:] + pool[:after]:
        if complaints.config.max_open and load.get(person_id, 0) >= complaints.config.max_open:
            continue
        await tx.kv.set(TURN_KEY, str(person_id))
        await give(tx, complaints, c, people[person_id], None)
        return
