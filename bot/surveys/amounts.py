"""Amounts as spreadsheets in any locale write them: `1,990.00` (English), `1 990,00` (Russian,
Swedish), `1.990,00` (German), `1'990.00` (Swiss), `1990.5`, with or without a currency sign.

The last `.` or `,` followed by one or two digits (or any number, when the other mark also
appears) is the decimal mark; the others group thousands. One mark followed by exactly three
digits (`1,990`) is refused: it is 1990 in one locale and 1.99 in another.
"""

from __future__ import annotations

import re

_GROUPING = " \u00a0\u202f\u2009'’"  # spaces (plain, no-break, narrow, thin) and apostrophes
_EDGES = re.compile(r"^[^\d.,]+|[^\d]+$")  # "$", "₽", "руб.", "kr" around the number
_CORE = re.compile(rf"[\d.,{_GROUPING}]+")


def read_amount(text: str) -> str:
    """The amount as a plain decimal string (`1990.00`); ValueError saying why it is not."""
    written = text.strip()
    core = _EDGES.sub("", written)
    before = written[: written.find(core)] if core else ""
    sign = "-" if re.search(r"[-−][^\d.,]*$", before) else ""  # -3, −$3: refused later
    if not core or not _CORE.fullmatch(core) or not any(c.isdigit() for c in core):
        raise ValueError(f"not a number: {text!r}; write it like 1990.00")
    marks = [c for c in core if c in ".,"]
    decimal = None
    if len(set(marks)) == 2:
        decimal = marks[-1]
    elif len(marks) == 1:
        whole, fraction = core.split(marks[0])
        digits = whole.translate({ord(c): None for c in _GROUPING})
        if len(fraction) == 3 and 1 <= len(digits) <= 3 and digits[0] != "0" and digits == whole:
            raise ValueError(
                f"{core} could be {digits}{fraction} or {digits}.{fraction};"
                f" write {digits}{fraction} or {digits}.{fraction[:2]} as the shop means it"
            )
        decimal = marks[0]
    whole, _, fraction = core.rpartition(decimal) if decimal else (core, "", "")
    if decimal and not whole:
        whole = "0"  # .5
    integer = _ungrouped(whole)
    if integer is None or (fraction and not fraction.isdigit()):
        raise ValueError(f"not a number: {text!r}; write it like 1990.00")
    return sign + (f"{integer}.{fraction}" if fraction else integer)


def _ungrouped(whole: str) -> str | None:
    """`1 990 000` or `1,990,000` as `1990000`: one grouping mark, groups of three."""
    separators = {c for c in whole if not c.isdigit()}
    if not separators:
        return whole
    if len(separators) > 1:
        return None
    groups = whole.split(separators.pop())
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    return "".join(groups)
