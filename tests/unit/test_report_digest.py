"""The digest over a hand-counted table: SQL aggregates, text in en and ru, the chart."""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.i18n import Catalog, Translator
from bot.reports.chart import NARROW, WIDTH, draw, page_figure, render_chart
from bot.reports.digest import Digest, build_digest, worth_a_chart
from bot.reports.metrics import nps
from bot.reports.render import headline, render_digest
from bot.timeparse import BusinessHours
from storage.db import Database
from storage.migrate import migrate
from storage.repos.stats import NpsCounts
from storage.states import ComplaintSource, ComplaintStatus
from storage.timefmt import to_db
from tests.support.backend import database_url
from tests.support.reportdata import add_complaint, add_response

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)  # Monday 09:00 in Stockholm
END = START + timedelta(days=7)
NOW = END + timedelta(hours=1)
TZ = ZoneInfo("Europe/Stockholm")
DAY = timedelta(days=1)
ASPECTS = {3: ("delivery", "staff"), 6: ("delivery",)}
ALWAYS = BusinessHours(None)  # 24/7: business medians equal the wall-clock ones


@pytest.fixture
async def digest(tmp_path: Path) -> AsyncIterator[Digest]:
    db = Database(database_url(tmp_path, "r"))
    await db.connect()
    await migrate(db.conn)
    async with db.transaction() as tx:
        c = tx.conn
        # This week: 10 invited, 8 answered: 4 promoters, 2 passives, 2 detractors → NPS +25.
        scores = [10, 9, 9, 10, 8, 7, 3, 6, None, None]
        for n, score in enumerate(scores, start=1):
            detractor = score is not None and score <= 6
            await add_response(
                c, n, START + DAY * (n % 7), score,
                csat=None if score is None else (5 if score >= 9 else 3 if score >= 7 else 1),
                expectation=None if score is None else ("worse" if detractor else "better"),
                branch="north" if n <= 5 else "south",
                segment="key" if n in (1, 7) else "",
                comment="Slow & rude" if score == 3 else None,
                aspects=ASPECTS.get(score or 0, ()),
            )  # fmt: skip
        # The week before: 4 answered, 1 promoter, 3 detractors → NPS -50.
        for n, score in enumerate([9, 2, 4, 5], start=11):
            await add_response(c, n, START - DAY * 2, score)
        # Complaints this week: taken after 10 min (on time) and 30 min (late); one untaken,
        # past its deadline; resolved after 2 h and 30 h; one satisfied, one not.
        await add_complaint(c, 1, 7, START + DAY, taken_after=timedelta(minutes=10),
                            resolved_after=timedelta(hours=2), satisfied=1)  # fmt: skip
        await add_complaint(c, 2, 8, START + DAY, taken_after=timedelta(minutes=30),
                            resolved_after=timedelta(hours=30), satisfied=0)  # fmt: skip
        await add_complaint(c, 3, 8, START + 3 * DAY)
        # Delivery: two messages given up this week (an answer to a stale press does not
        # count), one the week before; customer 9 blocked the bot this week.
        for at, method in (
            (START + DAY, "SendMessage"),
            (START + 2 * DAY, "CopyMessage"),
            (START + 2 * DAY, "AnswerCallbackQuery"),
            (START - DAY, "SendMessage"),
        ):
            await c.execute(
                "INSERT INTO outbox (chat_id, method, payload, priority, status, not_before,"
                " created_at) VALUES (9, ?, '{}', 1, 'failed', ?, ?)",
                (method, at.timestamp(), at.timestamp()),
            )
        await c.execute(
            "UPDATE customers SET unreachable_at = ? WHERE id = 9", (to_db(START + DAY),)
        )
    async with db.read() as tx:
        yield await build_digest(tx, START, END, NOW, TZ, hours=ALWAYS)
    await db.close()


def test_the_numbers_match_the_hand_count(digest: Digest) -> None:
    d = digest
    assert d.nps.n == 8 and d.nps.score == pytest.approx(25.0)
    # p = .5, d = .25, but 8 answers are too few: one imaginary answer of each kind is added
    # for the spread, p = 5/11, d = 3/11: var = 8/11 - (2/11)² ≈ .6942; 1.96·100·√(.6942/8)
    assert d.nps.margin == pytest.approx(57.74, abs=0.01)
    assert d.previous.n == 4 and d.previous.score == pytest.approx(-50.0)
    assert d.change is not None and d.change.delta == pytest.approx(75.0)
    assert not d.change.significant  # 8 and 4 answers: far too few to tell
    assert d.invited == 10 and d.response_rate == pytest.approx(0.8)
    assert d.csat == pytest.approx((5 * 4 + 3 * 2 + 1 * 2) / 8)
    assert d.expectations == {"worse": 0.25, "as_expected": 0.0, "better": 0.75}
    assert d.distribution == [0, 0, 0, 1, 0, 0, 1, 1, 1, 2, 2]
    # north: 10, 9, 9, 10, 8 → 4 of 5 promoters; south: 7, 3, 6 → 2 of 3 detractors
    assert dict((k, v.score) for k, v in d.by_branch) == {
        "north": pytest.approx(80.0),
        "south": pytest.approx(-200 / 3),
    }
    assert dict((k, v.n) for k, v in d.by_segment) == {"": 6, "key": 2}
    assert d.aspects == [("delivery", 2), ("staff", 1)]
    assert d.comments == [(3, "Slow & rude")]
    c = d.complaints
    assert (c.opened, c.resolved, c.still_open) == (3, 2, 1)
    assert (c.take_due, c.taken_on_time) == (3, 1)  # the untaken one is past due
    assert (c.resolve_due, c.resolved_on_time) == (3, 1)  # the third is past due, unresolved
    assert d.median_take == pytest.approx(20 * 60)  # 10 and 30 minutes
    assert d.median_resolve == pytest.approx(16 * 3600)  # 2 and 30 hours
    assert d.resolution_satisfaction == pytest.approx(0.5)
    assert [p.n for _, p in d.trend][-2:] == [4, 8]
    assert (d.undelivered, d.blocked) == (2, 1)


def test_the_text_in_english(digest: Digest) -> None:
    text = render_digest(Catalog.load().bind("en"), digest, TZ)
    assert text.startswith("📊 Weekly digest, 16.11.2026 09:00 – 23.11.2026 09:00")
    assert "NPS +25 ±58 (n=8, too few answers)" in text
    assert "▲ +75 vs the previous period: within the noise (±" in text
    assert "Response rate 80% (8 answered of 10 invited)" in text
    # The one still open is past its deadline: the digest says so, as the dashboard does.
    assert digest.complaints.overdue == 1
    # The made-up complaints are all messages (tests/support/reportdata.py): the line says so.
    said = "Complaints: 3 opened (all messages), 2 resolved, 1 still open, 1 of them overdue\n"
    assert said in text
    assert "median time to take 20 min, to resolve 16 h" in text
    assert "By branch: north +80" in text and "Detractors name most: Delivery 2, Staff 1" in text
    assert "«Slow & rude» (NPS 3)" in text
    assert "Messages Telegram did not deliver: 2 · customers who blocked the bot: 1" in text


def test_the_text_in_russian(digest: Digest) -> None:
    text = render_digest(Catalog.load().bind("ru"), digest, TZ)
    assert text.startswith("📊 Недельная сводка, 16.11.2026 09:00 – 23.11.2026 09:00")
    assert "NPS +25 ±58 (n=8, мало ответов, оценка грубая)" in text
    assert "в пределах погрешности" in text and "Доля ответов 80\u00a0%" in text
    assert "CSAT 3,5/5" in text  # numbers the Russian way (CLDR)
    assert (
        "По сегментам: остальные клиенты +33 ±63 (n=6, мало ответов, оценка грубая) ·"
        " ключевые клиенты: слишком мало ответов для оценки (n=2)"
    ) in text


def test_the_chart_is_a_phone_sized_png(digest: Digest) -> None:
    png = render_chart(digest, TZ, Catalog.load().bind("en"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert 600 <= width <= 1400 and 600 <= height <= 1600
    assert 10_000 < len(png) < 1_000_000


async def test_a_quiet_period_says_so_in_one_sentence_and_draws_no_chart(tmp_path: Path) -> None:
    db = Database(database_url(tmp_path, "e"))
    await db.connect()
    await migrate(db.conn)
    async with db.read() as tx:
        empty = await build_digest(tx, START, END, NOW, TZ, hours=ALWAYS)
    await db.close()
    text = render_digest(Catalog.load().bind("en"), empty, TZ)
    assert text.splitlines()[1:] == [
        "A quiet period: no survey went out, nobody answered, no complaint came in."
    ]
    assert "—" not in text and "no answers" not in text
    assert not worth_a_chart(empty)


def test_segments_read_as_the_owners_named_them(digest: Digest) -> None:
    """SEGMENT_NAMES first, then the catalog's name, then the code; no segment: a label."""
    named = Catalog.load(segment_names={"key": "Постоянные"}).bind("ru")
    text = render_digest(named, digest, TZ)
    line = next(line for line in text.splitlines() if line.startswith("По сегментам"))
    assert line.startswith("По сегментам: остальные клиенты +33")
    assert "Постоянные: слишком мало ответов для оценки (n=2)" in line


def test_a_handful_of_answers_is_called_too_few_not_given_a_margin(digest: Digest) -> None:
    text = render_digest(Catalog.load().bind("en"), digest, TZ)
    assert "±0" not in text
    one = [line for line in text.splitlines() if line.startswith("By segment")]
    assert one == [
        "By segment: other customers +33 ±63 (n=6, too few answers) · key customers: too few"
        " answers to tell (n=2)"
    ]


def test_the_chart_says_what_it_shows(digest: Digest) -> None:
    figure = draw(digest, TZ, Catalog.load().bind("en"))
    try:
        top, bottom = figure.axes
        assert top.get_ylabel() == "NPS (−100 to +100)"
        assert bottom.get_xlabel() == "Score (0–10)" and bottom.get_ylabel() == "Answers"
        bottom_key, top_key = bottom.get_legend(), top.get_legend()
        assert bottom_key is not None and top_key is not None
        legend = [text.get_text() for text in bottom_key.get_texts()]
        assert legend == ["Detractors (0–6)", "Passives (7–8)", "Promoters (9–10)"]
        top_legend = [text.get_text() for text in top_key.get_texts()]
        assert "Too few answers" in top_legend
        headline, caption = (text.get_text() for text in figure.texts)
        assert headline == "NPS +25 ±58"  # the period's figure, large
        assert caption == "16.11.2026 09:00 – 23.11.2026 09:00 · 8 answers"
        for axes, key in ((top, top_key), (bottom, bottom_key)):  # never over a bar or point
            figure.canvas.draw()
            assert key.get_window_extent().y0 >= axes.get_window_extent().y1
    finally:
        plt.close(figure)


def test_a_single_period_is_drawn_as_its_figure_not_a_trend(digest: Digest) -> None:
    """One period with answers: no one-point "trend" with a hollow dot in a ±92 band; the
    headline gives the NPS and its margin, the shares show who made it, in Russian figures."""
    alone = dataclasses.replace(digest, trend=digest.trend[-1:])
    figure = draw(alone, TZ, Catalog.load().bind("ru"))
    try:
        top, _ = figure.axes
        assert not top.axison and top.get_legend() is None and not top.lines
        shares = [text.get_text() for text in top.texts]
        assert shares == ["Критики\n25\u00a0%", "Нейтралы\n25\u00a0%", "Промоутеры\n50\u00a0%"]
        assert figure.texts[0].get_text() == "NPS +25 ±58"
    finally:
        plt.close(figure)
    few = dataclasses.replace(alone, nps=dataclasses.replace(alone.nps, n=3))
    figure = draw(few, TZ, Catalog.load().bind("ru"))
    try:
        said = " ".join(figure.texts[0].get_text().split())  # wrapped to the width
        assert said == "NPS: слишком мало ответов для оценки (n=3)"
        assert not figure.axes[0].texts  # no figure drawn from three answers
    finally:
        plt.close(figure)


SCORES = [10, 9, 9, 8, 7, 10, 3, 0, 9, 6]  # cycled: promoters, passives and detractors
BLANK_MOST = 80  # pixels: the tallest band of white a chart may have (margins, gaps)


def answered(base: Digest, n: int, *, trend: bool) -> Digest:
    """`base` with `n` answers this period, alone or after seven busier weeks."""
    scores = [SCORES[i % len(SCORES)] for i in range(n)]
    now = nps(NpsCounts(n, sum(s >= 9 for s in scores), sum(s <= 6 for s in scores)))
    earlier = [(START - 7 * DAY * w, nps(NpsCounts(40 + w, 20, 8))) for w in range(7, 0, -1)]
    return dataclasses.replace(
        base,
        nps=now,
        distribution=[scores.count(score) for score in range(11)],
        trend=(earlier if trend else []) + ([(START, now)] if n else []),
    )


def ticks(at: Sequence[float], labels: list[Text], shown: tuple[float, float]) -> list[Text]:
    """The tick labels drawn: a locator also names ticks beyond the axis's ends."""
    low, high = sorted(shown)
    return [label for x, label in zip(at, labels, strict=True) if low <= x <= high]


def words(figure: Figure) -> list[Text]:
    """Every piece of text the chart shows: headline, caption, labels, ticks, legends."""
    found = list(figure.texts)
    for axes in figure.axes:
        found += [*axes.texts, axes.xaxis.label, axes.yaxis.label]
        found += ticks(axes.get_xticks().tolist(), axes.get_xticklabels(), axes.get_xlim())
        found += ticks(axes.get_yticks().tolist(), axes.get_yticklabels(), axes.get_ylim())
        legend = axes.get_legend()
        if legend is not None:
            found += legend.get_texts()
    return [text for text in found if text.get_visible() and text.get_text().strip()]


CHARTS = [
    *((n, language, False, WIDTH) for n in (0, 1, 4, 5, 500) for language in ("ru", "en")),
    *((n, "ru", True, WIDTH) for n in (0, 4, 500)),  # the earlier weeks' trend above
    (4, "sv", False, WIDTH),
    # The dashboard on a phone: drawn narrow, so its words are not shrunk to 5 px.
    *((n, "ru", trend, NARROW) for n in (4, 500) for trend in (False, True)),
    (500, "en", True, NARROW),
    (500, "en", False, NARROW),  # one period's shares: three names side by side
]


@pytest.mark.parametrize(("n", "language", "trend", "width"), CHARTS)
def test_every_chart_shows_its_words_whole_and_no_empty_space(
    digest: Digest, n: int, language: str, trend: bool, width: float
) -> None:
    """Under 5 answers the Russian headline ran off the right edge ("…для оценки (n") above
    ~450 px of nothing where the shares would have been: every word inside the picture, the
    headline whole and above the plots, no tall white band."""
    t = Catalog.load().bind(language)
    d = answered(digest, n, trend=trend)
    figure = draw(d, TZ, t, width=width)
    assert figure.get_size_inches()[0] == width
    whole_and_titled(figure, d, t)


@pytest.mark.parametrize("n", [0, 3, 500])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_dashboards_chart_on_a_phone_has_the_title_the_wide_one_has(
    digest: Digest, n: int, language: str
) -> None:
    """/app/chart.png?width=narrow had no headline (the page once showed it above the
    picture; the page now draws its own charts, and the picture stands alone)."""
    t = Catalog.load().bind(language)
    d = answered(digest, n, trend=n > 3)
    wide = page_figure(d, TZ, t, narrow=False)
    try:
        wide_title = wide.texts[0].get_text() if wide.texts else None
    finally:
        plt.close(wide)
    figure = page_figure(d, TZ, t, narrow=True)
    assert figure.get_size_inches()[0] == NARROW
    assert figure.texts and " ".join(figure.texts[0].get_text().split()) == " ".join(
        (wide_title or "").split()
    )
    whole_and_titled(figure, d, t)


def whole_and_titled(figure: Figure, d: Digest, t: Translator) -> None:
    """Every word inside the picture, the headline whole above the plots, no white band."""
    try:
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        inside = figure.bbox.padded(1)
        for text in words(figure):
            box = text.get_window_extent(renderer)
            assert inside.x0 <= box.x0 and box.x1 <= inside.x1, text.get_text()
            assert inside.y0 <= box.y0 and box.y1 <= inside.y1, text.get_text()
        for axes in figure.axes:  # words inside a plot (the shares' names) never overlap
            boxes = [x.get_window_extent(renderer) for x in axes.texts]
            for i, box in enumerate(boxes):
                assert not any(box.overlaps(other) for other in boxes[i + 1 :]), axes.texts
        title, caption = figure.texts[:2]
        assert " ".join(title.get_text().split()) == headline(d.nps, t)
        title_box, caption_box = (x.get_window_extent(renderer) for x in (title, caption))
        assert caption_box.y1 <= title_box.y0  # the caption under the headline, apart
        lowest = min(x.get_window_extent(renderer).y0 for x in figure.texts)
        for axes in figure.axes:  # the plots (with their legends) under the words
            drawn = axes.get_tightbbox(renderer)
            assert drawn is not None and drawn.y1 <= lowest
        pixels = np.asarray(figure.canvas.buffer_rgba())[:, :, :3]  # type: ignore[attr-defined]
        white = [bool((row >= 250).all()) for row in pixels]  # rows white from edge to edge
        run = longest = 0
        for row in white:
            run = run + 1 if row else 0
            longest = max(longest, run)
        assert longest <= BLANK_MOST, f"{longest} px of white across the chart"
    finally:
        plt.close(figure)


async def test_a_branch_filter_applies_to_complaints_too(tmp_path: Path) -> None:
    """?branch=north used to filter the NPS but count a south purchase's complaint as well."""
    db = Database(database_url(tmp_path, "b"))
    await db.connect()
    await migrate(db.conn)
    async with db.transaction() as tx:
        c = tx.conn
        await add_response(c, 1, START + DAY, 9, branch="north")
        await add_response(c, 2, START + DAY, 3, branch="south")
        await add_complaint(c, 1, 1, START + DAY, taken_after=timedelta(minutes=10))
        await add_complaint(c, 2, 2, START + DAY, taken_after=timedelta(hours=3))
        await c.execute("UPDATE complaints SET purchase_id = id")  # complaint n: purchase n
    async with db.read() as tx:
        north = await build_digest(tx, START, END, NOW, TZ, "north", hours=ALWAYS)
        everyone = await build_digest(tx, START, END, NOW, TZ, hours=ALWAYS)
    await db.close()
    assert (everyone.complaints.opened, north.complaints.opened) == (2, 1)
    assert north.median_take == pytest.approx(600.0)  # only north's complaint: 10 minutes
    assert north.take_on_time == 1.0


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=TZ)


async def test_previous_period_and_trend_are_calendar_weeks_across_dst(tmp_path: Path) -> None:
    """19-25 Oct 2026 has the autumn change: the week before is 12-18 Oct, midnight to midnight
    (a fixed 169 h started at 23:00 on the 11th and took in a Sunday-evening answer)."""
    db = Database(database_url(tmp_path, "dst"))
    await db.connect()
    await migrate(db.conn)
    async with db.transaction() as tx:
        await add_response(tx.conn, 1, local(11, 23, 30), 0)  # Sunday before: not the week
        await add_response(tx.conn, 2, local(12, 0, 30), 10)
        await add_response(tx.conn, 3, local(21, 12), 10)
    start, end = local(19, 0).astimezone(UTC), local(26, 0).astimezone(UTC)
    async with db.read() as tx:
        d = await build_digest(tx, start, end, end, TZ, hours=ALWAYS)
    await db.close()
    assert d.previous.n == 1 and d.previous.score == pytest.approx(100.0)
    starts = [at.astimezone(TZ) for at, _ in d.trend]
    assert starts == [local(5, 0), local(12, 0), local(19, 0)]  # weeks with answers
    assert [p.n for _, p in d.trend] == [1, 1, 1]


async def test_opened_is_resolved_plus_still_open_as_at_the_period_end(db: Database) -> None:
    """Five complaints opened this week, each counted in the state it was in when the week
    ended: closed; resolved and waiting for the customer's answer; resolved, reopened and taken
    again; resolved in the week and reopened after it (the week's digest said "resolved");
    closed in the very second the period ends (that belongs to the next period: at the end it
    was still waiting for the customer)."""
    opened = START + DAY

    def at(hours: float) -> datetime:
        return opened + timedelta(hours=hours)

    async with db.transaction() as tx:
        ids = []
        for n in range(1, 6):
            await add_response(tx.conn, n, START, 3)
            added = await tx.complaints.add(n, ComplaintSource.MESSAGE, "", at(0), at(0))
            ids.append(added.id)
        closed, _waiting, reopened, reopened_later, closed_at_the_end = ids
        done = ComplaintStatus.RESOLVED
        for number in ids:
            await tx.complaints.set_status(number, done, at(2), resolved_at=at(2))
        await tx.complaints.set_status(closed, ComplaintStatus.CLOSED, at(3), closed_at=at(3))
        await tx.complaints.set_status(reopened, ComplaintStatus.TAKEN, at(5), resolved_at=None)
        end = END  # the same second as the period's end: a report "up to now"
        await tx.complaints.set_status(closed_at_the_end, ComplaintStatus.CLOSED, end)
        after = END + DAY
        await tx.complaints.set_status(
            reopened_later, ComplaintStatus.OPEN, after, resolved_at=None
        )
    async with db.read() as tx:
        d = await build_digest(tx, START, END, END + 2 * DAY, TZ, hours=ALWAYS)
    c = d.complaints
    assert (c.opened, c.resolved, c.awaiting_customer, c.still_open) == (5, 4, 3, 1)
    ru = Catalog.load().bind("ru")
    text = render_digest(ru, d, TZ, "weekly")
    said = "поступило 5 (все — сообщения), решено 4 (из них 3 ждут ответа клиента), ещё в работе 1"
    assert said in text
    en = render_digest(Catalog.load().bind("en"), d, TZ, "weekly")
    assert "5 opened (all messages), 4 resolved (3 of them waiting for the customer's" in en


OFFICE = BusinessHours.parse("mon-fri 09:00-18:00")


async def test_medians_in_business_hours_against_the_sla_and_as_the_customer_lived_them(
    db: Database,
) -> None:
    """Opened Friday 17:00, taken Monday 09:30, resolved Monday 11:00: 1 h 30 min and 3 h of
    business time (what the SLA counts), 64 h 30 min and 66 h by the clock (what the customer
    waited). Both are reported, labelled. (The Monday is in the next week: the report runs to
    Tuesday.)"""
    friday = datetime(2026, 11, 20, 17, 0, tzinfo=TZ)
    async with db.transaction() as tx:
        await add_response(tx.conn, 1, START, 3)
        await add_complaint(tx.conn, 1, 1, friday, taken_after=timedelta(hours=64, minutes=30),
                            resolved_after=timedelta(hours=66))  # fmt: skip
    async with db.read() as tx:
        d = await build_digest(tx, START, END + DAY, END + 2 * DAY, TZ, hours=OFFICE)
    assert d.median_take == pytest.approx(64.5 * 3600)
    assert d.median_resolve == pytest.approx(66 * 3600)
    assert d.median_take_business == pytest.approx(1.5 * 3600)
    assert d.median_resolve_business == pytest.approx(3 * 3600)
    en = render_digest(Catalog.load().bind("en"), d, TZ, "weekly")
    sla = next(line for line in en.splitlines() if line.startswith("Taken on time"))
    assert "median time to take 1 h 30 min, to resolve 3 h in business hours" in sla
    assert "(64 h 30 min and 66 h of waiting for the customer)" in sla
