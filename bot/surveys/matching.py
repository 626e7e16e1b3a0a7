"""Who a purchase belongs to: the identity rule, applied in memory to a whole batch at once.

Intake loads every customer any purchase of the batch names (three indexed queries), resolves,
creates and enriches customers here, and writes the result back in two statements. Purchases
later in the batch see the customers earlier ones created or enriched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from storage.models import Customer

# Identifiers in the order they are trusted; the first two are UNIQUE in the database.
IDENTIFIERS = ("telegram_id", "external_id", "phone")


def differs(
    owner: Customer, telegram_id: int | None, external_id: str | None, phone: str | None
) -> str | None:
    """Which identifier shows a repeated order_id names someone other than `owner`: one both
    sides have and that differs, with no identifier both have agreeing (None: the same
    customer, or nothing to tell them apart, as with a forgotten one)."""
    shared = [
        (column, getattr(owner, column), value)
        for column, value in zip(IDENTIFIERS, (telegram_id, external_id, phone), strict=True)
        if value is not None and getattr(owner, column) not in (None, "")
    ]
    if any(mine == theirs for _, mine, theirs in shared):
        return None
    return shared[0][0] if shared else None


def choose(
    candidates: Iterable[Customer],
    telegram_id: int | None,
    external_id: str | None,
    phone: str | None,
) -> Customer | None:
    """The customer these identifiers name: Telegram id first, then external id, then phone.

    A weaker match that belongs to another Telegram user is no match (a shared family phone must
    not hand one person's survey to another); a phone shared by several customers names nobody.
    `candidates` are the customers holding any of the identifiers, none of them forgotten.
    """
    ordered = sorted(candidates, key=lambda c: c.id)
    for column, value in zip(IDENTIFIERS, (telegram_id, external_id, phone), strict=True):
        if value is None:
            continue
        rows = [
            c
            for c in ordered
            if getattr(c, column) == value
            and (telegram_id is None or c.telegram_id is None or c.telegram_id == telegram_id)
        ]
        if len(rows) == 1 or (rows and column != "phone"):
            return rows[0]
    return None


class CustomerIndex:
    """The customers a batch names, looked up by identifier, with what the batch changed."""

    def __init__(self, known: Iterable[Customer], new_ids: Iterable[int]) -> None:
        """`new_ids`: ids the database reserved for customers this batch may create."""
        self._by_id: dict[int, Customer] = {}
        self._holders: defaultdict[tuple[str, object], set[int]] = defaultdict(set)
        self._new_ids = iter(new_ids)
        self.created: dict[int, Customer] = {}
        self.changed: dict[int, Customer] = {}
        for customer in known:
            self._put(customer)

    @property
    def ids(self) -> list[int]:
        return list(self._by_id)

    def resolve(
        self,
        telegram_id: int | None,
        external_id: str | None,
        phone: str | None,
        profile: dict[str, str | None],
        segment: str | None,
    ) -> Customer:
        """The purchase's customer, created or enriched (known values are never overwritten)."""
        identifiers = {"telegram_id": telegram_id, "external_id": external_id, "phone": phone}
        holders: set[int] = set()
        for column, value in identifiers.items():
            holders |= self._holders.get((column, value), set())
        found = choose((self._by_id[i] for i in holders), telegram_id, external_id, phone)
        is_new = found is None
        if found is None:
            found = Customer(id=next(self._new_ids), telegram_id=None)
        values: dict[str, Any] = {}
        for column, value in {**identifiers, **profile}.items():
            if (
                value is not None
                and getattr(found, column) in (None, "")
                and self._free(column, value, found.id)
            ):
                values[column] = value
        if segment is not None and segment != found.segment:
            values["segment"] = segment
        customer = replace(found, **values) if values else found
        if is_new or customer.id in self.created:
            self.created[customer.id] = customer
        elif values:
            self.changed[customer.id] = customer
        self._put(customer)
        return customer

    def _free(self, column: str, value: object, owner: int) -> bool:
        """A UNIQUE identifier held by another customer is not copied onto this one."""
        if column not in ("telegram_id", "external_id"):
            return True
        return not (self._holders.get((column, value), set()) - {owner})

    def _put(self, customer: Customer) -> None:
        self._by_id[customer.id] = customer
        for column in IDENTIFIERS:
            value = getattr(customer, column)
            if value is not None:
                self._holders[(column, value)].add(customer.id)
