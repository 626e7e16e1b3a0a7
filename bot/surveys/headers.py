"""A purchases file's header row: which column is which of our fields.

Shops write headers by hand, in Russian, English or Swedish, with units, punctuation and
abbreviations: `Сумма, руб.`, `Моб. телефон`, `ФИО покупателя`, `Date & Time`, `Belopp (kr)`.
A header is reduced to its words (lower case, ё as е, brackets, units and "and" left out, in any
order) and looked up among the spellings below; failing that, once more without the words that
only say whose it is (`покупателя`, `customer`, `kundens`).

A column we do not recognise is ignored only when it looks like none of our fields: a header
such as `Дата доставки` or `Сумма со скидкой` refuses the whole file (the shop renames or
deletes the column), since importing without it would silently lose what the shop meant to
send. Two columns for one field refuse it too. Errors carry a text key and are said in the
operator's language (`STAFF_LANGUAGE`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.i18n import Translator, one_line

CUSTOMER_COLUMNS = (
    "telegram_id",
    "phone",
    "external_id",
    "name",
    "language",
    "segment",
    "timezone",
)
PURCHASE_COLUMNS = ("order_id", "amount", "currency", "branch", "purchased_at")
IDENTIFIERS = ("telegram_id", "phone", "external_id")
# A customer's name may come in parts: joined, in this order, into `name`.
NAME_PARTS = ("name", "name.middle", "name.last")

_SPELLINGS = {
    "order_id": (
        "order", "order id", "order no", "order number", "order nr", "order #", "receipt",
        "receipt no", "receipt number", "ordernummer", "ordernr", "order nummer", "beställning",
        "beställningsnummer", "kvitto", "kvittonummer", "номер заказа", "заказ", "номер",
        "n заказа", "№ заказа", "№", "id заказа", "код заказа", "заказ №", "номер чека", "чек",
        "чек №", "№ чека", "номер счета", "№ счета", "счет", "счет №",
    ),
    "telegram_id": (
        "telegram", "tg", "tg id", "telegram user id", "telegram id", "телеграм", "телеграм id",
        "id телеграм",
    ),
    "phone": (
        "phone", "phone number", "phone no", "tel", "telephone", "mobile", "mobile phone",
        "mobile number", "cell", "cell phone", "телефон", "тел", "моб", "моб тел",
        "моб телефон", "мобильный", "мобильный телефон", "сотовый", "сотовый телефон",
        "номер телефона", "контактный телефон", "телефон для связи", "telefon",
        "telefonnummer", "telefonnr", "tel nr", "mobil", "mobilnummer", "mobiltelefon",
        "mobilnr", "тел мобильный", "телефон сотовый",
    ),
    "external_id": (
        "customer id", "client id", "crm id", "customer number", "customer no", "id клиента",
        "код клиента", "номер клиента", "id покупателя", "код покупателя", "kundnummer",
        "kund id", "kundnr", "kund nr",
    ),
    "name": (
        "name", "customer", "client", "buyer", "full name", "first name", "имя", "фио",
        "клиент", "покупатель", "полное имя", "namn", "kund", "kundnamn", "förnamn",
        "fullständigt namn", "för och efternamn",
    ),
    "name.middle": ("отчество", "middle name", "mellannamn"),
    "name.last": ("фамилия", "last name", "surname", "family name", "efternamn"),
    "language": ("lang", "language", "язык", "språk"),
    "segment": ("segment", "сегмент"),
    "timezone": ("tz", "time zone", "timezone", "часовой пояс", "tidszon"),
    "amount": (
        "amount", "sum", "total", "total amount", "price", "сумма", "итого", "итог", "всего",
        "стоимость", "цена", "сумма итого", "итоговая сумма", "belopp", "summa", "pris",
        "totalt", "total summa", "totalbelopp", "сумма чека", "сумма по чеку",
    ),
    "currency": ("currency", "валюта", "valuta"),
    "branch": (
        "branch", "store", "shop", "location", "филиал", "магазин", "точка", "точка продаж",
        "отделение", "салон", "butik", "filial", "avdelning",
    ),
    "purchased_at": (
        "date", "purchase date", "datetime", "date time", "time", "purchased", "purchased at",
        "дата", "дата покупки", "дата время", "время", "дата продажи", "datum", "köpdatum",
        "datum tid", "tid", "orderdatum", "köptid",
    ),
}  # fmt: skip
# Words saying only whose the value is: "ФИО покупателя" is "ФИО", "Order date" is "date".
_WHOSE = {
    "покупки", "покупка", "покупателя", "клиента", "заказа", "customer", "customers", "client",
    "buyer", "purchase", "order", "kund", "kundens", "köp", "köpet", "ordern",
}  # fmt: skip
# Units and joining words a header may carry: "Сумма, руб.", "Дата и время", "Date & time".
_NOISE = {
    "руб", "р", "rub", "rur", "₽", "sek", "kr", "kronor", "eur", "usd", "шт", "pcs", "st",
    "и", "and", "och", "или", "or", "eller",
}  # fmt: skip
# Word beginnings that make an unknown header look like one of our fields.
_LOOKS_LIKE = {
    "order_id": ("заказ", "order", "beställ", "kvitto", "receipt"),
    "telegram_id": ("telegram", "телеграм"),
    "phone": ("телеф", "моб", "сотов", "phone", "mobil", "telef", "cell"),
    "external_id": ("crm", "kundnum", "kundnr"),
    "name": ("фио", "имя", "фамил", "отчеств", "name", "namn", "surname"),
    "language": ("язык", "language", "språk"),
    "timezone": ("пояс", "timezone", "tidszon"),
    "amount": (
        "сумм", "amount", "total", "итог", "стоимост", "цена", "price", "belopp", "summa", "pris",
    ),
    "currency": ("валют", "currency", "valuta"),
    "branch": ("филиал", "магазин", "branch", "store", "butik", "filial"),
    "purchased_at": ("дат", "date", "время", "datum"),
}  # fmt: skip


class HeaderError(ValueError):
    """The header cannot be used as it is: one message for the whole file, said by `text` in
    the operator's language (the exception's own text is its key and values, for logs)."""

    def __init__(self, key: str, **params: str) -> None:
        # A file's words, quoted short: the first line of a binary file is anything.
        params = {name: one_line(value, 200) for name, value in params.items()}
        super().__init__(f"{key} {params}")
        self.key = key
        self.params = params

    def text(self, t: Translator) -> str:
        params = dict(self.params)
        if "field" in params:  # said as a phrase ("дату покупки") and as our code
            params["code"] = params["field"]
            params["field"] = t(f"import.field.{params['field']}")
        return t(self.key, **params)


def words(header: str) -> tuple[str, ...]:
    """A header's words, in a fixed order, without case, brackets, units or "and"."""
    text = header.lower().replace("ё", "е").replace("#", " № ")
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)  # "(руб.)", "(дд.мм.гггг)", "[SEK]"
    text = re.sub(r"\bф\.\s*и\.\s*о\b\.?", "фио", text)
    found = re.findall(r"№|[^\W_]+", text)
    return tuple(sorted(w for w in found if w not in _NOISE))


_KNOWN = {words(spelling): field for field, names in _SPELLINGS.items() for spelling in names}
for _column in (*CUSTOMER_COLUMNS, *PURCHASE_COLUMNS):
    _KNOWN[words(_column)] = _column


def recognise(header: str) -> str | None:
    """Our field (or name part) for a header, None when it is none of them."""
    said = words(header)
    if not said:
        return None
    own = tuple(w for w in said if w not in _WHOSE)
    return _KNOWN.get(said) or (_KNOWN.get(own) if own else None)


def looks_like(header: str) -> str | None:
    """The field an unrecognised header seems to be about, if any."""
    said = [w for w in words(header) if w not in _WHOSE]
    for field, beginnings in _LOOKS_LIKE.items():
        if any(w.startswith(b) for w in said for b in beginnings):
            return field
    return None


def map_header(names: Sequence[str]) -> tuple[dict[int, str], list[str]]:
    """(position -> our column or name part, headers ignored); HeaderError when a header
    looks like a field we cannot read, a field has two columns, or there is no order column
    or no customer column."""
    columns: dict[int, str] = {}
    ignored: list[str] = []
    for i, raw in enumerate(names):
        name = raw.strip()
        column = recognise(name)
        if column is None:
            if similar := looks_like(name):
                position = str(i + 1)
                raise HeaderError(
                    "import.column_unclear", column=position, header=name, field=similar
                )
            if name:
                ignored.append(name)
            continue
        if column in columns.values():
            first = next(p for p, c in columns.items() if c == column)
            raise HeaderError(
                "import.column_twice",
                first=str(first + 1),
                first_header=names[first].strip(),
                second=str(i + 1),
                second_header=name,
                field=column.partition(".")[0],
            )
        columns[i] = column
    _check_required(names, set(columns.values()))
    return columns, ignored


def _check_required(names: Sequence[str], have: set[str]) -> None:
    if "order_id" in have and set(IDENTIFIERS) & have:
        return
    key = "import.no_order_column" if "order_id" not in have else "import.no_customer_column"
    optional = [
        c for c in (*CUSTOMER_COLUMNS, *PURCHASE_COLUMNS) if c not in (*IDENTIFIERS, "order_id")
    ]
    raise HeaderError(
        key,
        found=", ".join(n.strip() for n in names if n.strip()) or "—",
        identifiers=", ".join(IDENTIFIERS),
        optional=", ".join(optional),
    )


def join_name(row: dict[str, str]) -> dict[str, str]:
    """A name given in parts (first, middle, last name columns) as one `name`."""
    if not any(part in row for part in NAME_PARTS[1:]):
        return row
    parts = [row.pop(part) for part in NAME_PARTS if part in row]
    row["name"] = " ".join(parts)
    return row
