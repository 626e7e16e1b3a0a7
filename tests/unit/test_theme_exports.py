"""Exports carry the themes of what each customer wrote: theme ids in the CSV (codes, as
the aspects), their names in the owners' language in the workbook."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import openpyxl

from bot.i18n import Catalog
from bot.reports.export import as_csv, encode
from bot.reports.rows import table
from storage.db import Database
from tests.unit.test_theme_figures import END, START, shop


async def test_csv_exports_name_the_themes_each_row_mentions(db: Database) -> None:
    await shop(db)
    async with db.read() as tx:
        responses = as_csv(await table(tx, "responses", START, END))
        complaints = as_csv(await table(tx, "complaints", START, END))
    rows = list(csv.DictReader(io.StringIO(responses.decode("utf-8-sig"))))
    assert {r["comment"]: r["themes"] for r in rows} == {
        "The courier was rude": "delivery,staff",
        "courier lost it": "delivery",
        "Nice courier": "delivery",
        "курьер молодец": "delivery",
        "": "",
    }
    (complaint,) = csv.DictReader(io.StringIO(complaints.decode("utf-8-sig")))
    assert complaint["themes"] == "delivery"


async def test_the_workbook_names_the_themes_in_the_owners_language(db: Database) -> None:
    await shop(db)
    async with db.read() as tx:
        found = await table(tx, "responses", START - timedelta(days=1), END)
    t = Catalog.load().bind("ru")
    data = encode(found, "xlsx", ZoneInfo("UTC"), t)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    column = values[0].index(t("export.column.themes"))
    assert "Доставка, Персонал" in [row[column] for row in values[1:]]
