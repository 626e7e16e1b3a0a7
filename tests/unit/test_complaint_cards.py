"""Card, topic and summary rendering, HTML-safe clipping, the staff membership cache, and what
storm control counts."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import GetChatMember

from bot.complaints.cards import (
    CardView,
    card_markup,
    card_text,
    escaped,
    summary_line,
    topic_title,
)
from bot.complaints.config import ComplaintConfig, Complaints, Ladder
from bot.complaints.posting import budget, is_storm
from bot.complaints.staff import Administrators, StaffDirectory, Verdict
from bot.core import Core
from bot.i18n import Catalog, moment_words
from bot.learned import Learned
from bot.outbox.service import Outbox
from bot.roles import Roles
from bot.timeparse import BusinessHours
from bot.updates.lookup import NeedsLookup
from storage.db import Database
from storage.models import Complaint, Customer, Purchase, SlaStep, Survey
from storage.repos.desk import Story
from storage.repos.outbox import NewMessage
from storage.states import Deadline, Purpose, SurveyStatus, SurveyStep

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def config(language: str = "en") -> Complaints:

    catalog = Catalog.load()
    hour = timedelta(hours=1)
    zone = ZoneInfo("Europe/Stockholm")
    roles = Roles(staff=[7])
    core = Core(
        Outbox(None), catalog, zone, catalog.bind(language), Learned(), lambda: NOW, roles=roles
    )
    settings = ComplaintConfig(
        staff_chat_setting=-100,
        nps_max=6,
        csat_max=2,
        key_segments=["key"],
        ladder=Ladder(hour, hour),
        key_ladder=Ladder(hour, hour),
        hours=BusinessHours(None),
        tz=zone,
        settle=hour,
        storm_cards_per_minute=10,
        aspects=["delivery"],
        confirm_within=hour,
    )
    return Complaints(settings, core)


def view(status: str = "open", **complaint: Any) -> CardView:
    fields: dict[str, Any] = {
        "id": 12,
        "customer_id": 1,
        "survey_id": 3,
        "purchase_id": 4,
        "source": "low_score",
        "status": status,
        "segment": "key",
        "text": None,
        "taken_by": None,
        "taken_at": None,
        "taken_by_name": None,
        "resolved_at": None,
        "closed_at": None,
        "resolution_satisfied": None,
        "card_chat_id": None,
        "card_message_id": None,
        "topic_thread_id": None,
        "card_due_at": None,
        "card_mode": None,
        "clock_started_at": "2026-11-23T09:00:00+00:00",
        "reopened": 0,
        "created_at": "2026-11-23T09:00:00+00:00",
    }
    fields.update(complaint)
    customer = Customer(
        id=1, telegram_id=55, name="Ann <Admin>", username="ann_b", tg_language="en", segment="key"
    )
    survey = Survey(
        id=3,
        purchase_id=4,
        customer_id=1,
        status=SurveyStatus.ANSWERED,
        step=SurveyStep.DONE,
        nps=2,
        csat=1,
        expectation="worse",
        comment="Late & <broken>",
    )
    purchase = Purchase(
        id=4,
        order_id="A-77",
        customer_id=1,
        amount="19.90",
        currency="EUR",
        branch="north",
        purchased_at=datetime.fromisoformat("2026-11-20T10:00:00+00:00"),
        link_token="t",
    )
    steps = [
        SlaStep(
            complaint_id=12,
            step=Deadline.TAKE,
            due_at=datetime.fromisoformat("2026-11-23T09:15:00+00:00"),
            fired_at=None,
        )
    ]
    return CardView(Complaint(**fields), customer, purchase, survey, ["delivery"], steps)


def test_the_card_shows_everything_escaped() -> None:
    text = card_text(config(), view())
    assert text.splitlines()[0] == "🔴 <b>Complaint #12</b> · open"
    assert "⭐ Key customer" in text
    assert "Customer: Ann &lt;Admin&gt;, @ann_b · segment key" in text
    assert "Order A-77 · €19.90 · branch north" in text
    assert "NPS 2 · CSAT 1/5 · worse than expected" in text
    assert "What went wrong: Delivery" in text
    assert "«Late &amp; &lt;broken&gt;»" in text
    assert "Take by 23.11.2026 10:15" in text  # Stockholm time


def test_the_card_in_russian_and_its_buttons_follow_the_state() -> None:
    text = card_text(config("ru"), view("taken", taken_by_name="Алекс"))
    assert "Обращение №12" in text and "в работе" in text and "Ведёт: Алекс" in text
    assert "19,90\u00a0€" in text  # money the Russian way (CLDR)

    def labels(v: CardView) -> list[str]:
        return [b.text for b in card_markup(config().staff_t, v.complaint).inline_keyboard[0]]

    assert labels(view("open")) == ["Take", "Resolve", "History"]
    assert labels(view("taken")) == ["Resolve", "History"]
    assert labels(view("closed")) == ["History"]


def test_an_overdue_step_is_flagged_only_while_it_matters() -> None:
    fired = [
        SlaStep(
            complaint_id=12,
            step=Deadline.TAKE,
            due_at=datetime.fromisoformat("2026-11-23T09:15:00+00:00"),
            fired_at=datetime.fromisoformat("2026-11-23T09:15:05+00:00"),
        )
    ]
    base = view()
    overdue = CardView(base.complaint, base.customer, base.purchase, base.survey, [], fired)
    assert "Take by 23.11.2026 10:15 CET ⚠️" in card_text(config(), overdue)
    taken = CardView(view("taken").complaint, base.customer, None, None, [], fired)
    assert "⚠️" not in card_text(config(), taken)


def test_topic_titles_and_summary_lines_are_short() -> None:
    title = topic_title(config(), view(customer_id=1))
    assert title == "🔴 #12 ⭐ Ann <Admin> · open"  # topic names are plain text
    long = view(text="x" * 500, survey_id=None)
    line = summary_line(config(), CardView(long.complaint, long.customer, None, None, [], []))
    assert line.endswith("«" + "x" * 79 + "…»")


@pytest.mark.parametrize("text", ["<" * 50, "a&b" * 40, "plain words " * 30, "é<" * 60])
def test_escaped_never_exceeds_the_limit_or_cuts_an_entity(text: str) -> None:
    out = escaped(text, 40)
    assert len(out) <= 40
    assert out.count("&") == out.count(";")  # every entity whole


class FakeBot:
    """Answers getChatMember from a table; counts the calls."""

    def __init__(self, answers: dict[int, Any]) -> None:
        self.answers = answers
        self.calls = 0

    async def __call__(self, method: GetChatMember) -> Any:
        self.calls += 1
        answer = self.answers[method.user_id]
        if isinstance(answer, Exception):
            raise answer
        return answer


class Member:
    def __init__(self, status: str) -> None:
        self.status = status


async def test_membership_is_asked_once_then_cached_and_expires() -> None:
    now = [0.0]
    bot = FakeBot(
        {
            1: Member("member"),
            2: Member("left"),
            3: TelegramBadRequest(
                GetChatMember(chat_id=-100, user_id=3), "PARTICIPANT_ID_INVALID"
            ),
            4: OSError("network down"),
        }
    )
    staff = StaffDirectory(bot, config(), clock=lambda: now[0])  # type: ignore[arg-type]
    assert staff.allowed(7) is Verdict.STAFF  # configured: never asked
    verdicts = {}
    for user in (1, 2, 3, 4):
        with pytest.raises(NeedsLookup) as lookup:
            staff.allowed(user)
        await lookup.value.fetch()
        verdicts[user] = staff.allowed(user)
    assert verdicts == {
        1: Verdict.STAFF,
        2: Verdict.STRANGER,
        3: Verdict.STRANGER,
        4: Verdict.UNKNOWN,
    }
    assert bot.calls == 4
    now[0] = 30.0
    assert staff.allowed(1) is Verdict.STAFF and bot.calls == 4  # still cached
    with pytest.raises(NeedsLookup):
        staff.allowed(4)  # a failed check is retried sooner
    now[0] = 61.0
    with pytest.raises(NeedsLookup):
        staff.allowed(1)


def test_times_carry_their_zone_and_read_as_today_or_tomorrow() -> None:
    complaints = config()
    assert (
        complaints.core.local(NOW + timedelta(minutes=15)) == "23.11.2026 11:15 CET"
    )  # the shop's
    t = Catalog.load().bind("ru")
    moscow = ZoneInfo("Europe/Moscow")
    assert moment_words(t, NOW + timedelta(hours=1), NOW, moscow) == "сегодня до 14:00 МСК"
    assert moment_words(t, NOW + timedelta(days=1), NOW, moscow) == "завтра до 13:00 МСК"
    assert moment_words(t, NOW + timedelta(days=3), NOW, moscow) == "до 26.11.2026 13:00 МСК"


def test_the_card_tells_the_customers_story_and_says_nothing_for_a_newcomer() -> None:
    base = view()
    story = Story(complaints=2, confirmed=1, still_open=0, scores=[9, 3], purchases=6)
    told = replace(base, story=story)
    assert "Before: 2 complaints (1 confirmed resolved) · earlier NPS 9, 3 · 6 purchases" in (
        card_text(config(), told)
    )
    ru = card_text(config("ru"), told)
    assert "Раньше: обращений 2 (решено по словам клиента: 1) · прежние NPS 9, 3 · покупок 6" in ru
    newcomer = replace(
        base, story=Story(complaints=0, confirmed=0, still_open=0, scores=[], purchases=1)
    )
    assert "Before:" not in card_text(config(), newcomer)


@pytest.mark.parametrize(
    ("waiting", "per_minute", "storm"),
    [(1, 0, False), (1, 1, False), (2, 0, True), (4, 4, False), (5, 4, True), (10, 10, False)],
)
def test_a_storm_is_more_cards_than_a_minutes_budget_and_never_one(
    waiting: int, per_minute: int, storm: bool
) -> None:
    assert is_storm(waiting, max(1, per_minute)) is storm


async def test_the_card_budget_counts_cards_not_the_bots_answers_to_staff(db: Database) -> None:
    complaints = config()
    chat = complaints.staff_chat_id
    async with db.transaction() as tx:
        for _ in range(12):  # answers to /find and /mine, relays, edits
            await tx.outbox.add(NewMessage(chat, "SendMessage", "{}", 0, time.time()), time.time())
        await tx.outbox.add(
            NewMessage(chat, "CreateForumTopic", "{}", 1, 0.0, Purpose.TOPIC, 1), time.time()
        )
        await tx.outbox.add(  # the same complaint's card, into its topic
            NewMessage(chat, "SendMessage", "{}", 1, 0.0, Purpose.CARD, 1), time.time()
        )
        await tx.outbox.add(
            NewMessage(chat, "SendMessage", "{}", 1, 0.0, Purpose.CARD, 2), time.time()
        )
        assert await budget(tx, complaints) == 10 - 2
        calm = replace(complaints, config=replace(complaints.config, storm_cards_per_minute=0))
        assert await budget(tx, calm) == 1 - 2


class Admins:
    """Answers getChatAdministrators with each answer in turn; counts the calls."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.calls = 0

    async def __call__(self, method: Administrators) -> Any:
        self.calls += 1
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def admin(user_id: int, first: str, last: str | None = None, bot: bool = False) -> Any:
    """As Telegram sends one: only `user` is read."""
    user = {"id": user_id, "is_bot": bot, "first_name": first}
    if last:
        user["last_name"] = last
    return {"status": "creator", "user": user, "is_anonymous": False}


async def test_administrators_are_asked_once_then_cached_bots_left_out() -> None:
    now = [0.0]
    bot = Admins(
        [admin(1, "Olive", "Stone"), admin(2, "Helper", bot=True)],
        OSError("network down"),
        TelegramBadRequest(Administrators(chat_id=-100), "chat not found"),
    )
    staff = StaffDirectory(bot, config(), clock=lambda: now[0])  # type: ignore[arg-type]
    with pytest.raises(NeedsLookup) as lookup:
        staff.administrators()
    await lookup.value.fetch()
    assert staff.administrators() == {1: "Olive Stone"}
    now[0] = 59.0
    assert staff.administrators() == {1: "Olive Stone"} and bot.calls == 1  # still cached
    now[0] = 61.0
    with pytest.raises(NeedsLookup) as lookup:
        staff.administrators()
    await lookup.value.fetch()
    assert staff.administrators() == {}  # Telegram could not say: nobody extra, for now
    now[0] = 72.0  # a failure is asked again sooner
    with pytest.raises(NeedsLookup) as lookup:
        staff.administrators()
    await lookup.value.fetch()
    assert staff.administrators() == {} and bot.calls == 3


def test_the_card_names_the_customer_as_the_shop_did_with_telegrams_name_beside() -> None:
    def shown(name: str | None, tg_name: str | None) -> CardView:
        base = view()
        assert base.customer is not None
        customer = replace(base.customer, name=name, tg_name=tg_name, username=None)
        return replace(base, customer=customer)

    ru = config("ru")
    text = card_text(ru, shown("Анна Смирнова", "Анна <A>"))
    assert "Клиент: Анна Смирнова (Telegram: Анна &lt;A&gt;)" in text
    assert topic_title(ru, shown("Анна Смирнова", "Анна")) == "🔴 #12 ⭐ Анна Смирнова · новое"
    assert "Клиент: Анна · сегмент" in card_text(ru, shown("Анна", "Анна"))  # said once
    assert "Клиент: Аня · сегмент" in card_text(ru, shown(None, "Аня"))  # Telegram's only
    assert "Customer: Ann (Telegram: Annie)" in card_text(config(), shown("Ann", "Annie"))
