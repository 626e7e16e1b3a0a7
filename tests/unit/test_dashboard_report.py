"""The overview's report parts as plain values: the tiles' tones, a branch set against the
rest of the shop with the noise said, the funnel's shares (the stats API's), and the charts'
geometry (bands kept inside ±100, nothing drawn without answers)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.dashboard import charts
from bot.dashboard.questions import question_figures
from bot.dashboard.report import against_the_rest
from bot.i18n import Catalog
from bot.reports.metrics import nps
from bot.surveys.design import Definition
from bot.surveys.design_default import default_definition
from storage.repos.stats import NpsCounts, QuestionCounts

EN = Catalog.load().bind("en")
TZ = ZoneInfo("Europe/Moscow")
MONDAY = datetime(2026, 11, 16, 9, tzinfo=UTC)


def test_a_branch_far_below_the_rest_with_enough_answers_is_marked_below() -> None:
    shop = nps(NpsCounts(200, 110, 40))  # the branch's 50 answers are in these
    branch = nps(NpsCounts(50, 5, 30))  # −50 against the rest's +63
    words, tone = against_the_rest(EN, branch, shop)
    assert (words, tone) == ("▼ 113 below the rest", "bad")


def test_a_small_gap_is_noise_and_too_few_answers_say_nothing() -> None:
    shop = nps(NpsCounts(200, 100, 40))
    close = nps(NpsCounts(100, 52, 20))  # +32 against the rest's +28
    assert against_the_rest(EN, close, shop)[0].startswith("no real difference (±")
    few = nps(NpsCounts(10, 1, 8))
    assert against_the_rest(EN, few, shop) == ("too few answers to tell", "")
    assert against_the_rest(EN, shop, shop) == ("the only one", "")  # nobody else


def test_the_trend_keeps_its_band_inside_the_chart_and_needs_answers() -> None:
    assert charts.trend([], TZ, str) is None
    assert charts.trend([(MONDAY, nps(NpsCounts(0, 0, 0)))], TZ, str) is None
    points = [
        (MONDAY - timedelta(weeks=1), nps(NpsCounts(3, 3, 0))),  # +100 ±0
        (MONDAY, nps(NpsCounts(4, 0, 2))),  # −50, a band past −100
    ]
    drawn = charts.trend(points, TZ, lambda v: f"{v.score:+.0f}")
    assert drawn is not None
    ys = [float(p.split(",")[1]) for p in drawn.band.split()]
    assert min(ys) >= charts.TOP and max(ys) <= charts.TREND_HEIGHT - charts.BOTTOM
    assert [d.title for d in drawn.dots] == ["09.11: +100", "16.11: -50"]
    assert all(d.hollow for d in drawn.dots)  # under 30 answers each
    assert [tick.label for tick in drawn.grid] == ["+100", "+50", "0", "\u221250", "\u2212100"]


def test_the_scores_chart_colours_each_bar_by_its_category() -> None:
    assert charts.split([0] * 11) is None
    drawn = charts.split([1, 0, 0, 0, 0, 0, 2, 3, 0, 4, 8])
    assert drawn is not None
    kinds = [bar.kind.value for bar in drawn.bars]
    assert kinds == ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    tallest = max(drawn.bars, key=lambda bar: bar.height)
    assert (tallest.score, tallest.y) == (10, 16)  # the most answers reach the top
    assert next(bar for bar in drawn.bars if bar.score == 1).height == 0


def test_each_question_is_named_by_the_current_survey_and_shows_every_score() -> None:
    definition = Definition.model_validate(
        {
            "questions": [
                {"id": "nps", "type": "nps"},
                {"id": "ces", "type": "scale", "min": 1, "max": 7,
                 "text": {"en": "How easy was it?", "ru": "Легко?", "sv": "Lätt?"}},
                {"id": "shop", "type": "choice",
                 "text": {"en": "Which shop?", "ru": "Какой?", "sv": "Vilken?"},
                 "options": [{"id": "a", "text": {"en": "Arbat", "ru": "Арбат", "sv": "A"}},
                             {"id": "b", "text": {"en": "Presnya", "ru": "Пресня", "sv": "P"}}]},
            ]
        }
    )  # fmt: skip
    answered = {
        "shop": QuestionCounts("choice", 3, {"b": 2, "a": 1}),
        "ces": QuestionCounts("scale", 4, {"2": 1, "7": 3}, total=23),
        "gone": QuestionCounts("text", 2, {}),  # only an older version asked it
    }
    found = question_figures(EN, answered, definition)
    assert [(f.question, f.text, f.summary) for f in found] == [
        ("ces", "How easy was it?", "mean 5.8 · 4 answers"),
        ("shop", "Which shop?", "3 answers"),
        ("gone", "gone", "2 answers"),
    ]
    assert [c.label for c in found[0].counts] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [(c.label, c.count, c.share) for c in found[1].counts] == [
        ("Arbat", 1, "33%"),
        ("Presnya", 2, "67%"),
    ]


def test_a_choice_shows_every_option_with_bars_as_shares_and_a_comment_is_named_so() -> None:
    """An option nobody picked is a figure too (0, 0%); a bar is the share of those who
    answered, not the share of the most picked; the built-in survey's comment shares its
    page's text with the aspects, so it is named as the comment, not twice the same words."""
    definition = default_definition(Catalog.load(), ["speed", "staff"], nps_max=6, csat_max=2)
    answered = {
        "aspect": QuestionCounts("choice", 2, {"speed": 1}),
        "comment": QuestionCounts("text", 2, {}),
    }
    aspect, comment = question_figures(EN, answered, definition)
    assert [(c.label, c.count, c.share, c.width) for c in aspect.counts] == [
        ("Speed", 1, "50%", 50.0),
        ("Staff", 0, "0%", 0.0),
    ]
    assert comment.text == "Comment" and aspect.text != comment.text
