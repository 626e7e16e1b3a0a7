"""A small, hand-countable data set for report tests, written straight into the tables."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.sql import Conn
from storage.timefmt import to_db


async def add_response(
    conn: Conn,
    number: int,
    sent: datetime,
    nps: int | None,
    *,
    csat: int | None = None,
    expectation: str | None = None,
    branch: str = "north",
    segment: str = "",
    comment: str | None = None,
    aspects: tuple[str, ...] = (),
    legacy: bool = False,
) -> int:
    """One customer, one purchase, one survey sent at `sent` (answered if `nps` is given).
    `legacy`: as the previous release stored answers (only in the surveys' own columns)."""
    at = to_db(sent)
    await conn.execute(
        "INSERT INTO customers (id, name, segment, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        (number, f"C{number}", segment, at, at),
    )
    await conn.execute(
        "INSERT INTO purchases (id, order_id, customer_id, branch, purchased_at, link_token,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (number, f"O-{number}", number, branch, at, f"tok{number}", at),
    )
    answered = to_db(sent + timedelta(minutes=5)) if nps is not None else None
    await conn.execute(
        "INSERT INTO surveys (id, purchase_id, customer_id, status, sent_at, answered_at, nps,"
        " csat, expectation, comment, created_at, updated_at, branch, segment)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            number,
            number,
            number,
            "answered" if nps is not None else "expired",
            at,
            answered,
            nps,
            csat,
            expectation,
            comment,
            at,
            at,
            branch,
            segment,
        ),
    )
    for aspect in aspects:
        await conn.execute(
            "INSERT INTO survey_aspects (survey_id, aspect) VALUES (?, ?)", (number, aspect)
        )
    if not legacy:  # and per question, as the bot stores them now
        await _answers(conn, number, nps, csat, expectation, comment, aspects)
    return number


async def _answers(
    conn: Conn,
    survey: int,
    nps: int | None,
    csat: int | None,
    expectation: str | None,
    comment: str | None,
    aspects: tuple[str, ...],
) -> None:
    rows: list[tuple[object, ...]] = [(survey, "aspect", a, None, None) for a in aspects]
    if csat is not None:
        rows.append((survey, "csat", "", csat, None))
    if expectation is not None:
        rows.append((survey, "expectation", expectation, None, None))
    if comment is not None:
        question = (
            "comment" if nps is None or nps <= 6 else "make_it_ten" if nps <= 8 else "liked_most"
        )
        rows.append((survey, question, "", None, comment))
    for row in rows:
        await conn.execute(
            "INSERT INTO survey_answers (survey_id, question_id, option_id, number, text)"
            " VALUES (?, ?, ?, ?, ?)",
            row,
        )


async def add_complaint(
    conn: Conn,
    number: int,
    customer: int,
    opened: datetime,
    *,
    taken_after: timedelta | None = None,
    resolved_after: timedelta | None = None,
    satisfied: int | None = None,
    take_within: timedelta = timedelta(minutes=15),
    resolve_within: timedelta = timedelta(hours=24),
) -> None:
    taken = to_db(opened + taken_after) if taken_after is not None else None
    resolved = to_db(opened + resolved_after) if resolved_after is not None else None
    status = "closed" if resolved else "taken" if taken else "open"
    at = to_db(opened)
    await conn.execute(
        "INSERT INTO complaints (id, customer_id, source, status, taken_at, resolved_at,"
        " closed_at, resolution_satisfied, clock_started_at, created_at, updated_at)"
        " VALUES (?, ?, 'message', ?, ?, ?, ?, ?, ?, ?, ?)",
        (number, customer, status, taken, resolved, resolved, satisfied, at, at, at),
    )
    for state, when, answer in (
        ("open", at, None),
        ("taken", taken, None),
        ("resolved", resolved, None),
        ("closed", resolved, satisfied),
    ):
        if when is not None:
            await conn.execute(
                "INSERT INTO complaint_states (complaint_id, status, at, satisfied)"
                " VALUES (?, ?, ?, ?)",
                (number, state, when, answer),
            )
    for step, within in (("take", take_within), ("resolve", resolve_within)):
        due = to_db(opened + within)
        await conn.execute(
            "INSERT INTO sla_steps (complaint_id, step, due_at) VALUES (?, ?, ?)",
            (number, step, due),
        )
        await conn.execute(
            "INSERT INTO sla_deadlines (complaint_id, step, set_at, due_at) VALUES (?, ?, ?, ?)",
            (number, step, at, due),
        )
