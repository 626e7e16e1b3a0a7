"""`python -m bot import-purchases FILE.csv`: the same validation and rules as the HTTP API.

Columns (header row, any order; only order_id and one customer identifier are required):
order_id, telegram_id, phone, external_id, name, language, segment, amount, currency, branch,
purchased_at.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from pydantic import ValidationError

from bot.surveys.config import SurveyConfig
from bot.surveys.purchase_in import PHONE_REGION, PurchaseIn, field_errors
from bot.surveys.purchases import NewPurchase, PurchaseResult, register_purchases
from storage.db import Database

CUSTOMER_COLUMNS = (
    "telegram_id",
    "phone",
    "external_id",
    "name",
    "language",
    "segment",
    "timezone",
)
CHUNK = 500


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)
    results: list[PurchaseResult] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"imported {self.imported}, duplicates {self.duplicates}, "
            f"rejected {len(self.rejected)}"
        )


def read_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; blank values are dropped."""
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        yield (
            reader.line_num,
            {k.strip(): v.strip() for k, v in row.items() if k and v is not None and v.strip()},
        )


def to_purchase(row: dict[str, str], surveys: SurveyConfig) -> NewPurchase:
    body: dict[str, object] = {k: v for k, v in row.items() if k not in CUSTOMER_COLUMNS}
    body["customer"] = {k: v for k, v in row.items() if k in CUSTOMER_COLUMNS}
    context = {PHONE_REGION: surveys.phone_region}
    return PurchaseIn.model_validate(body, context=context).to_new(surveys.tz, surveys.now())


async def import_csv(
    db: Database, surveys: SurveyConfig, text: str, progress: TextIO | None = sys.stderr
) -> ImportReport:
    """Validate every row, then store the valid ones in chunks (one transaction each)."""
    report = ImportReport()
    rows = list(read_rows(text))
    valid: list[tuple[int, NewPurchase]] = []
    for line, row in rows:
        try:
            valid.append((line, to_purchase(row, surveys)))
        except ValidationError as exc:
            why = "; ".join(f"{e['field']}: {e['message']}" for e in field_errors(exc))
            report.rejected.append((line, why))
        except ValueError as exc:
            report.rejected.append((line, str(exc)))
    for start in range(0, len(valid), CHUNK):
        chunk = valid[start : start + CHUNK]
        async with db.transaction() as tx:
            results = await register_purchases(tx, surveys, [purchase for _, purchase in chunk])
        for result in results:
            report.results.append(result)
            if result.created:
                report.imported += 1
            else:
                report.duplicates += 1
        if progress is not None:
            done = start + len(chunk)
            bar = "#" * (30 * done // len(valid))
            progress.write(f"\r[{bar:<30}] {done}/{len(valid)}")
            progress.flush()
    if progress is not None and valid:
        progress.write("\n")
    return report
