"""The customer's story on a complaint's card, as the database tells it: earlier complaints
(confirmed, still open), earlier scores latest first without this complaint's own, purchases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import Database
from tests.support.reportdata import add_complaint, add_response

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def test_a_returning_customers_story(db: Database) -> None:
    async with db.transaction() as tx:
        await add_response(tx.conn, 1, NOW - timedelta(days=30), 9)  # customer 1, survey 1
        for survey, days, nps in ((2, 20, 3), (3, 1, 2)):  # two more purchases answered
            await tx.conn.execute(
                "INSERT INTO purchases (id, order_id, customer_id, purchased_at, link_token,"
                " created_at) VALUES (?, ?, 1, ?, ?, ?)",
                (
                    survey,
                    f"O-{survey}",
                    (NOW - timedelta(days=days)).isoformat(),
                    f"t{survey}",
                    NOW.isoformat(),
                ),
            )
            await tx.conn.execute(
                "INSERT INTO surveys (id, purchase_id, customer_id, status, answered_at, nps,"
                " created_at, updated_at) VALUES (?, ?, 1, 'answered', ?, ?, ?, ?)",
                (
                    survey,
                    survey,
                    (NOW - timedelta(days=days)).isoformat(),
                    nps,
                    NOW.isoformat(),
                    NOW.isoformat(),
                ),
            )
        await add_complaint(
            tx.conn,
            1,
            1,
            NOW - timedelta(days=20),
            taken_after=timedelta(minutes=5),
            resolved_after=timedelta(hours=1),
            satisfied=1,
        )
        await add_complaint(tx.conn, 2, 1, NOW - timedelta(days=10))  # still open
        await add_complaint(tx.conn, 3, 1, NOW - timedelta(hours=1))  # the one on the card
        story = await tx.desk.story(1, 3, survey_id=3)
        first = await tx.desk.story(1, 1, survey_id=None)
    assert (story.complaints, story.confirmed, story.still_open) == (2, 1, 1)
    assert story.scores == [3, 9]  # this complaint's own answer (2) is on the card already
    assert story.purchases == 3
    assert (first.complaints, first.still_open) == (0, 0)
