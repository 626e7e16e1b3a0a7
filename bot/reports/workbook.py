""".xlsx exports for owners: typed cells in the owners' language, formulas impossible.

A comma-separated UTF-8 file in UTC with English codes opens in a Russian Excel as one column,
three hours off. A workbook has no separator to guess: dates are dates in TIMEZONE (shown
DD.MM.YYYY HH:MM), numbers are numbers, yes/no are the owners' words («да»/«нет»: a boolean
shows as TRUE/FALSE in any language), and codes (statuses, the
expectation, aspects, the cause, the source) are written in the owners' language, as are the
column titles. Every text cell is stored as text, so a comment such as `=HYPERLINK(...)` can
never become a formula. CSV stays for BI tools (EXPORT_FORMAT=csv, `export --format csv`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.complaints.causes import cause_label
from bot.i18n import Translator
from bot.reports.answer_columns import cells, titles
from bot.reports.render import segment_name
from bot.reports.rows import Table

DATE_FORMAT = "DD.MM.YYYY HH:MM"
WHEN = {
    "sent_at", "answered_at", "created_at", "taken_at", "resolved_at", "closed_at", "take_due",
    "resolve_due", "fix_needed_at", "fix_done_at",
}  # fmt: skip
COUNTS = {"id", "nps", "csat", "reopened"}
YES_NO = {"referred", "resolution_satisfied"}


def _codes(t: Translator, table: Table) -> dict[str, Callable[[str], str]]:
    """Column → how its code reads in the owners' language."""
    kind = table.kind
    status = "export.survey_status" if kind == "responses" else "complaint.status"

    def yes_no(code: str) -> str:
        return t("export.yes" if int(code) else "export.no")

    return {
        **dict.fromkeys(YES_NO, yes_no),
        "status": lambda code: t(f"{status}.{code}"),
        "expectation": lambda code: t(f"survey.expectation.{code}"),
        "aspects": lambda codes: ", ".join(t(f"aspect.{a}") for a in codes.split(",") if a),
        "source": lambda code: t(f"export.source.{code}"),
        "channel": lambda code: t(f"export.channel.{code}"),
        "cause": lambda code: cause_label(t, code),
        "segment": lambda code: segment_name(t, code),
        "themes": lambda codes: _theme_names(t, table, codes),
    }


def _theme_names(t: Translator, table: Table, codes: str) -> str:
    """Theme ids as the owners named them, in `t`'s language (else English, else the id)."""
    named = []
    for code in filter(None, codes.split(",")):
        name = table.theme_names.get(code, {})
        named.append(name.get(t.language) or name.get("en") or code)
    return ", ".join(named)


def as_xlsx(table: Table, tz: ZoneInfo, t: Translator) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=t(f"export.sheet.{table.kind}"))
    codes = _codes(t, table)
    names = [t(f"export.column.{name}") for name in table.columns]
    names += titles(t, table.questions, names)  # the shop's own questions (answer_columns)
    sheet.append([_text(sheet, name) for name in names])
    for row in table.rows:
        own = [_cell(sheet, name, row.get(name), tz, codes) for name in table.columns]
        sheet.append(own + [_answer(sheet, v) for v in cells(t, table.questions, row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(
    sheet: WriteOnlyWorksheet,
    name: str,
    value: object,
    tz: ZoneInfo,
    codes: dict[str, Callable[[str], str]],
) -> WriteOnlyCell | None:
    if value is None or value == "":
        return None
    if name in WHEN:
        local = datetime.fromisoformat(str(value)).astimezone(tz).replace(tzinfo=None)
        cell = WriteOnlyCell(sheet, value=local)
        cell.number_format = DATE_FORMAT
        return cell
    if name in COUNTS:
        return WriteOnlyCell(sheet, value=int(str(value)))
    text = str(value)
    if name in codes:
        text = codes[name](text)
    return _text(sheet, text)


def _answer(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell | None:
    """A scale's score as a number, any other answer as text."""
    if value is None or value == "":
        return None
    return (
        WriteOnlyCell(sheet, value=value) if isinstance(value, int) else _text(sheet, str(value))
    )


def _text(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """A string cell, whatever it starts with: "=…" stays text, never a formula."""
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", text))  # no XML for those
    cell.data_type = "s"
    return cell
