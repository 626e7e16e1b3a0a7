"""`python -m bot import-purchases FILE` (CSV or .xlsx): the validation and rules of the API.

Columns (header row, any order, the spellings shops write in English, Russian and Swedish
accepted, see `headers`; only order_id and one customer identifier are required): order_id,
telegram_id, phone, external_id, name, language, segment, timezone, amount, currency, branch,
purchased_at.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from pydantic import ValidationError

from bot.surveys.amounts import read_amount
from bot.surveys.config import Surveys
from bot.surveys.headers import CUSTOMER_COLUMNS
from bot.surveys.purchase_in import PHONE_REGION, PurchaseIn, field_errors
from bot.surveys.purchases import NewPurchase, PurchaseResult, register_purchases
from bot.surveys.purchases_file import PurchasesFile
from storage.db import Database
from storage.states import SurveyStatus

CHUNK = 500


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, reason): no survey
    results: list[PurchaseResult] = field(default_factory=list)

    def summary(self) -> str:
        skipped = f" ({len(self.skipped)} skipped)" if self.skipped else ""
        return (
            f"imported {self.imported}{skipped}, duplicates {self.duplicates}, "
            f"rejected {len(self.rejected)}"
        )


def to_purchase(row: dict[str, str], surveys: Surveys) -> NewPurchase:
    body: dict[str, object] = {k: v for k, v in row.items() if k not in CUSTOMER_COLUMNS}
    if "amount" in row:
        try:
            body["amount"] = read_amount(row["amount"])
        except ValueError as exc:
            raise ValueError(f"amount: {exc}") from None
    body["customer"] = {k: v for k, v in row.items() if k in CUSTOMER_COLUMNS}
    context = {PHONE_REGION: surveys.config.phone_region}
    return PurchaseIn.model_validate(body, context=context).to_new(
        surveys.config.tz, surveys.core.now()
    )


async def import_csv(
    db: Database, surveys: Surveys, file: PurchasesFile, progress: TextIO | None = sys.stderr
) -> ImportReport:
    """Validate every row, then store the valid ones in chunks (one transaction each)."""
    report = ImportReport()
    rows = list(file.rows())
    valid: list[tuple[int, NewPurchase]] = []
    for line, row in rows:
        try:
            valid.append((line, to_purchase(row, surveys)))
        except ValidationError as exc:
            why = "; ".join(f"{e['field']}: {e['message']}" for e in field_errors(exc))
            report.rejected.append((line, why))
        except ValueError as exc:
            report.rejected.append((line, str(exc)))
    last_line = rows[-1][0] if rows else 0
    for start in range(0, len(valid), CHUNK):
        chunk = valid[start : start + CHUNK]
        async with db.transaction() as tx:
            results = await register_purchases(tx, surveys, [purchase for _, purchase in chunk])
        for (line, _), result in zip(chunk, results, strict=True):
            if result.conflict_text is not None:
                report.rejected.append((line, f"order_id: {result.conflict_text}"))
                continue
            report.results.append(result)
            if not result.created:
                report.duplicates += 1
                continue
            report.imported += 1
            if result.status == SurveyStatus.SKIPPED:
                report.skipped.append((line, result.reason or "skipped"))
        if progress is not None:
            line = chunk[-1][0]
            bar = "#" * (30 * line // max(last_line, 1))
            progress.write(f"\r[{bar:<30}] line {line} of {last_line}")
            progress.flush()
    if progress is not None and valid:
        progress.write("\n")
    return report
