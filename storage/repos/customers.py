"""Customers: who they are in Telegram, their language, and whether we may still write to them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storage.models import Customer
from storage.repos.privacy import erased_key
from storage.repos.rows import Stamping, fetch_in
from storage.sql import Row
from storage.timefmt import stored

_COLUMNS = (
    "id, telegram_id, name, username, tg_language, language, segment, opted_out_at,"
    " unreachable_at, phone, external_id, timezone, forgotten_at, started_at, tg_name"
)


# Columns services may write by name; anything else is a programming error, never user input.
_WRITABLE = {
    "telegram_id",
    "external_id",
    "phone",
    "name",
    "username",
    "language",
    "segment",
    "timezone",
    "tg_language",
}


def _checked(fields: dict[str, object]) -> dict[str, object]:
    unknown = set(fields) - _WRITABLE
    if unknown:
        raise ValueError(f"not writable customer columns: {sorted(unknown)}")
    return fields


def _row(row: Row) -> Customer:
    return Customer(**dict(row))


def _as_written(
    customer: Customer, name: str | None, username: str | None, tg_language: str | None
) -> bool:
    """The row the upsert below would leave as it is: someone forgotten (kept without a
    profile until a /start), or who started before and shows the same name, username and
    language in Telegram."""
    if customer.forgotten_at is not None:
        return True
    return customer.started_at is not None and (
        customer.tg_name,
        customer.username,
        customer.tg_language,
    ) == (name, username, tg_language)


class CustomerRepo(Stamping):
    async def by_telegram_id(self, telegram_id: int) -> Customer | None:
        return await self._one("telegram_id", telegram_id)

    async def get(self, customer_id: int) -> Customer | None:
        return await self._one("id", customer_id)

    async def _one(self, column: str, value: int) -> Customer | None:
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM customers WHERE {column} = ?", (value,)
        )
        return _row(row) if row else None

    async def touch_from_telegram(
        self,
        telegram_id: int,
        name: str | None,
        username: str | None,
        tg_language: str | None,
        *,
        starting: bool = False,
    ) -> tuple[Customer, bool]:
        """Create or refresh the customer who just wrote; True if this is their first contact.
        `name` is the name in Telegram (`tg_name`): the name the shop gave stays.

        Someone who asked to be forgotten is kept without a profile (only the id to answer
        them: the row stays marked forgotten, which the refresh skips) until they start over
        (`starting`: a /start). The erased list is read only for a new row or a /start."""
        now = self._now()
        before = await self.by_telegram_id(telegram_id)
        unchanged = before is not None and _as_written(before, name, username, tg_language)
        if before is not None and unchanged and not starting:
            return before, False  # nothing to write: one statement for every later update
        # The clock may say the same second (or, in tests, the same instant) twice: whether
        # this is the first contact is read from the row as it was, not from its timestamps.
        first = before is None or (before.forgotten_at is None and before.started_at is None)
        changed = " OR ".join(
            self._conn.differ(f"customers.{column}", f"excluded.{column}")
            for column in ("tg_name", "username", "tg_language")
        )
        await self._conn.execute(
            "INSERT INTO customers (telegram_id, tg_name, username, tg_language, started_at,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (telegram_id) DO UPDATE SET tg_name = excluded.tg_name,"
            " username = excluded.username, tg_language = excluded.tg_language,"
            " started_at = COALESCE(customers.started_at, excluded.started_at),"
            " updated_at = excluded.updated_at"
            f" WHERE customers.forgotten_at IS NULL AND ({changed}"
            " OR customers.started_at IS NULL)",
            (telegram_id, name, username, tg_language, now, now, now),
        )
        customer = await self.by_telegram_id(telegram_id)
        assert customer is not None
        if starting and customer.forgotten_at is not None:
            await self._conn.execute(
                "UPDATE customers SET forgotten_at = NULL, tg_name = ?, username = ?,"
                " tg_language = ?, updated_at = ? WHERE id = ?",
                (name, username, tg_language, now, customer.id),
            )
        if starting and (first or customer.forgotten_at is not None):
            await self._conn.execute(
                "DELETE FROM erased WHERE key = ?", (await erased_key(self._conn, telegram_id),)
            )
        elif first and await self._conn.fetch_one(
            "SELECT 1 FROM erased WHERE key = ?",
            (await erased_key(self._conn, telegram_id),),
        ):
            await self._conn.execute(
                "UPDATE customers SET tg_name = NULL, username = NULL, tg_language = NULL,"
                " forgotten_at = ? WHERE id = ?",
                (now, customer.id),
            )
        else:
            return customer, first
        refreshed = await self.get(customer.id)
        assert refreshed is not None
        return refreshed, first

    async def set_language(self, telegram_id: int, language: str) -> None:
        await self._conn.execute(
            "UPDATE customers SET language = ?, updated_at = ? WHERE telegram_id = ?",
            (language, self._now(), telegram_id),
        )

    async def mark_unreachable(self, telegram_id: int, reason: str) -> bool:
        """Record that Telegram refuses delivery (403); True if this is news."""
        changed = await self._conn.execute(
            "UPDATE customers SET unreachable_at = ?, unreachable_reason = ?, updated_at = ?"
            " WHERE telegram_id = ? AND unreachable_at IS NULL",
            (self._now(), reason[:200], self._now(), telegram_id),
        )
        return changed > 0

    async def clear_unreachable(self, telegram_id: int) -> None:
        """The customer wrote to us again, so Telegram will deliver to them again."""
        await self._conn.execute(
            "UPDATE customers SET unreachable_at = NULL, unreachable_reason = NULL"
            " WHERE telegram_id = ? AND unreachable_at IS NOT NULL",
            (telegram_id,),
        )

    async def count(self) -> int:
        row = await self._conn.fetch_one("SELECT COUNT(*) FROM customers")
        return int(row[0]) if row else 0

    async def candidates(
        self, telegram_ids: Iterable[int], external_ids: Iterable[str], phones: Iterable[str]
    ) -> list[Customer]:
        """Every customer (not forgotten) holding any of these identifiers, by id."""
        found: dict[int, Customer] = {}
        for column, values in (
            ("telegram_id", telegram_ids),
            ("external_id", external_ids),
            ("phone", phones),
        ):
            for row in await fetch_in(
                self._conn,
                f"SELECT {_COLUMNS} FROM customers WHERE forgotten_at IS NULL"
                f" AND {column} {{one_of}}",
                values,
            ):
                found[row["id"]] = _row(row)
        return [found[key] for key in sorted(found)]

    async def by_ids(self, ids: Iterable[int]) -> dict[int, Customer]:
        rows = await fetch_in(
            self._conn, f"SELECT {_COLUMNS} FROM customers WHERE id {{one_of}}", ids
        )
        return {row["id"]: _row(row) for row in rows}

    async def new_ids(self, count: int) -> list[int]:
        """Ids for customers about to be added with `add_many` (the database hands them out)."""
        return await self._conn.reserve_ids("customers", count)

    async def add_many(self, customers: Sequence[Customer]) -> None:
        """Insert customers whose ids came from `new_ids`."""
        now = self._now()
        await self._conn.insert_many(
            "customers",
            (
                "id",
                "telegram_id",
                "external_id",
                "phone",
                "name",
                "language",
                "segment",
                "timezone",
                "created_at",
                "updated_at",
            ),
            [
                (
                    c.id,
                    c.telegram_id,
                    c.external_id,
                    c.phone,
                    c.name,
                    c.language,
                    c.segment,
                    c.timezone,
                    now,
                    now,
                )
                for c in customers
            ],
        )

    async def save_identity(self, customers: Sequence[Customer]) -> None:
        """Write back what intake learnt about known customers (identifiers, profile, segment)."""
        now = self._now()
        await self._conn.execute_many(
            "UPDATE customers SET telegram_id = ?, external_id = ?, phone = ?, name = ?,"
            " language = ?, timezone = ?, segment = ?, updated_at = ? WHERE id = ?",
            [
                (
                    c.telegram_id,
                    c.external_id,
                    c.phone,
                    c.name,
                    c.language,
                    c.timezone,
                    c.segment,
                    now,
                    c.id,
                )
                for c in customers
            ],
        )

    async def unlinked_with_phone(self, phone: str) -> list[Customer]:
        """Customers known only from purchases with this phone, not yet tied to Telegram."""
        return [
            _row(row)
            for row in await self._conn.fetch_all(
                f"SELECT {_COLUMNS} FROM customers WHERE phone = ? AND telegram_id IS NULL"
                " AND forgotten_at IS NULL ORDER BY id",
                (phone,),
            )
        ]

    async def fill(self, customer_id: int, fields: dict[str, object]) -> None:
        """Set the given columns where they are still empty (never overwrite what is known)."""
        for column, value in _checked(fields).items():
            if value is None:
                continue
            await self._conn.execute(
                f"UPDATE customers SET {column} = ?, updated_at = ?"
                f" WHERE id = ? AND ({column} IS NULL OR {column} = '')",
                (stored(value), self._now(), customer_id),
            )

    async def phones(self) -> list[tuple[int, str]]:
        """(customer id, phone) of everyone with a phone on record."""
        rows = await self._conn.fetch_all(
            "SELECT id, phone FROM customers WHERE phone IS NOT NULL AND phone != ''"
        )
        return [(int(row[0]), str(row[1])) for row in rows]

    async def set_phone(self, customer_id: int, phone: str) -> None:
        await self._conn.execute(
            "UPDATE customers SET phone = ?, updated_at = ? WHERE id = ?",
            (phone, self._now(), customer_id),
        )

    async def set_opted_out(self, telegram_id: int, opted_out: bool) -> None:
        await self._conn.execute(
            "UPDATE customers SET opted_out_at = ?, updated_at = ? WHERE telegram_id = ?",
            (self._now() if opted_out else None, self._now(), telegram_id),
        )

    async def opt_out_by_id(self, customer_id: int) -> None:
        """A customer with no Telegram (the survey's web page) opts out."""
        await self._conn.execute(
            "UPDATE customers SET opted_out_at = ?, updated_at = ? WHERE id = ?"
            " AND opted_out_at IS NULL",
            (self._now(), self._now(), customer_id),
        )

    async def merge(self, into_id: int, from_id: int) -> None:
        """Fold customer `from_id` (known from purchases) into `into_id` (known in Telegram)."""
        source = await self.get(from_id)
        if source is None or into_id == from_id:
            return
        for table in ("purchases", "surveys", "complaints"):
            await self._conn.execute(
                f"UPDATE {table} SET customer_id = ? WHERE customer_id = ?", (into_id, from_id)
            )
        await self._conn.execute("DELETE FROM customers WHERE id = ?", (from_id,))
        await self.fill(
            into_id,
            {
                "external_id": source.external_id,
                "name": source.name,  # the shop's: the Telegram customer had none from it
                "phone": source.phone,
                "timezone": source.timezone,
                "segment": source.segment or None,
                "language": source.language,
            },
        )
