"""The survey definition owners write (DESIGN §9): every problem is named with its field path,
nothing invalid passes, and the estimated time to answer follows the documented model."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bot.surveys import design_check
from bot.surveys.design import estimated_seconds, longest_callback
from bot.surveys.design_check import parse_definition

LANGS = ("en", "ru", "sv")


def words(text: str) -> dict[str, str]:
    return {lang: f"{text} ({lang})" for lang in LANGS}


def nps() -> dict[str, Any]:
    return {"id": "nps", "type": "nps"}


def ces(**more: Any) -> dict[str, Any]:
    return {"id": "ces", "type": "scale", "text": words("Effort"), "min": 1, "max": 7, **more}


def shop(**more: Any) -> dict[str, Any]:
    options = [{"id": "online", "text": words("Online")}, {"id": "cafe", "text": words("Café")}]
    return {"id": "shop", "type": "choice", "text": words("Where?"), "options": options, **more}


def comment(**more: Any) -> dict[str, Any]:
    return {"id": "comment", "type": "text", "text": words("Anything else?"), **more}


def problems(body: Any) -> list[str]:
    definition, found = parse_definition(body, LANGS)
    assert (definition is None) == bool(found), found
    return [str(p) for p in found]


def test_the_issues_example_survey_is_valid() -> None:
    body = {
        "questions": [
            nps(),
            ces(when={"question": "nps", "in": ["detractor"]}, complaint={"at_most": 2}),
            shop(),
            comment(),
        ]
    }
    definition, found = parse_definition(body, LANGS)
    assert found == [] and definition is not None
    assert [q.id for q in definition.questions] == ["nps", "ces", "shop", "comment"]
    assert definition.variants == []


def test_a_body_that_is_not_an_object_is_named() -> None:
    assert problems([1, 2]) == ["body: expected an object with questions and variants"]


def test_unknown_fields_and_wrong_types_are_named_by_path() -> None:
    body = {"questions": [nps(), ces(min="one", colour="red")], "extra": 1}
    assert problems(body) == [
        "questions[1].min: a whole number",
        "questions[1].colour: unknown field",
        "extra: unknown field",
    ]


def test_a_condition_value_is_a_number_or_a_word() -> None:
    body = {"questions": [nps(), comment(when={"question": "nps", "in": [True, 1.5]})]}
    assert problems(body) == [
        "questions[1].when.in[0]: a whole number or a string",
        "questions[1].when.in[1]: a whole number or a string",
    ]
    assert problems({"questions": [nps(), comment(when={"question": "nps"})]}) == [
        "questions[1].when.in: required"
    ]


def test_the_first_question_is_the_nps() -> None:
    assert problems({"questions": [ces(), nps()]}) == [
        'questions[0]: the first question is {"id": "nps", "type": "nps"}',
        "questions[1].type: only the first question is the NPS",
    ]
    assert problems({"questions": []}) == [
        'questions: the first question is {"id": "nps", "type": "nps"}'
    ]


def test_unknown_when_reference_and_a_later_one() -> None:
    body = {
        "questions": [
            nps(),
            ces(when={"question": "shop", "in": ["cafe"]}),
            shop(when={"question": "effort", "in": [1]}),
        ]
    }
    assert problems(body) == [
        'questions[1].when.question: no earlier question "shop" (it comes after)',
        'questions[2].when.question: no earlier question "effort"',
    ]


def test_when_values_must_be_answers_of_that_question() -> None:
    body = {
        "questions": [
            nps(),
            ces(when={"question": "nps", "in": ["promoter", 11, "angry"]}),
            shop(when={"question": "ces", "in": [0, 7]}),
            comment(when={"question": "shop", "in": ["online", "home"]}),
            {**comment(id="more"), "when": {"question": "comment", "in": ["x"]}},
            {**comment(id="last"), "when": {"question": "nps", "in": []}},
        ]
    }
    assert problems(body) == [
        "questions[1].when.in[1]: not an answer to nps (0-10, detractor, passive, promoter)",
        "questions[1].when.in[2]: not an answer to nps (0-10, detractor, passive, promoter)",
        "questions[2].when.in[0]: not an answer to ces (1-7)",
        'questions[3].when.in[1]: not an answer to shop (options "online", "cafe")',
        "questions[4].when.question: a text answer cannot be a condition",
        "questions[5].when.in: give at least one answer",
    ]


def test_a_score_written_as_a_string_is_told_to_be_a_number() -> None:
    body = {"questions": [nps(), ces(when={"question": "nps", "in": ["1", "detractor"]})]}
    assert problems(body) == [
        "questions[1].when.in[0]: not an answer to nps (0-10, detractor, passive, promoter):"
        " write the score 1 as a number, without quotes",
    ]


def test_the_nps_has_no_condition() -> None:
    body = {"questions": [{**nps(), "when": {"question": "nps", "in": [1]}}]}
    assert problems(body) == ["questions[0].when: the NPS is always asked"]


def test_duplicate_ids() -> None:
    assert problems({"questions": [nps(), ces(), shop(id="ces")]}) == [
        'questions[2].id: "ces" is already questions[1]'
    ]


@pytest.mark.parametrize("bad", ["CES", "c-e-s", "", "a" * 17, "ces!"])
def test_id_format(bad: str) -> None:
    assert problems({"questions": [nps(), ces(id=bad)]}) == [
        "questions[1].id: a-z, 0-9 and _ only, 1-16 characters"
    ]


def test_a_text_missing_for_a_language_the_shop_serves() -> None:
    text = {"en": "Effort", "ru": "Усилия", "de": "Aufwand", "sv": "  "}
    assert problems({"questions": [nps(), ces(text=text)]}) == [
        "questions[1].text.de: not a language the shop serves (en, ru, sv)",
        "questions[1].text.sv: empty",
    ]
    assert problems({"questions": [nps(), ces(text={"en": "Effort"})]}) == [
        "questions[1].text.ru: missing (the shop serves en, ru, sv)",
        "questions[1].text.sv: missing (the shop serves en, ru, sv)",
    ]
    no_text = {"id": "ces", "type": "scale", "min": 1, "max": 7}
    assert problems({"questions": [nps(), no_text]}) == ["questions[1].text: required"]


def test_a_shop_serving_fewer_languages_needs_only_those() -> None:
    body = {"questions": [nps(), ces(text={"ru": "Усилия"})]}
    definition, found = parse_definition(body, ("ru",))
    assert found == [] and definition is not None


def test_the_nps_text_is_optional_but_checked_when_given() -> None:
    assert problems({"questions": [{**nps(), "text": {"en": "Recommend us?"}}]}) == [
        "questions[0].text.ru: missing (the shop serves en, ru, sv)",
        "questions[0].text.sv: missing (the shop serves en, ru, sv)",
    ]


def test_a_long_text() -> None:
    assert problems({"questions": [nps(), comment(text=words("x" * 1000))]}) == [
        f"questions[1].text.{lang}: at most 1000 characters" for lang in LANGS
    ]


def test_at_most_ten_questions_after_the_nps() -> None:
    ten = [comment(id=f"q{n}") for n in range(10)]
    assert problems({"questions": [nps(), *ten]}) == []
    assert problems({"questions": [nps(), *ten, comment(id="q10")]}) == [
        "questions: at most 10 questions after the NPS (11 given)"
    ]


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        (5, 5, "questions[1].max: more than min (5)"),
        (7, 1, "questions[1].max: more than min (7)"),
        (-5, 6, "questions[1].max: at most 11 buttons, as the NPS's 0-10; 12 given"),
        (-11, -5, "questions[1].min: from -10 to 10"),
        (1, 20, "questions[1].max: from -10 to 10"),
    ],
)
def test_scale_ranges(low: int, high: int, message: str) -> None:
    assert problems({"questions": [nps(), ces(min=low, max=high)]}) == [message]


def test_a_scale_needs_its_range_and_only_a_scale_has_one() -> None:
    no_range = {"id": "ces", "type": "scale", "text": words("Effort")}
    assert problems({"questions": [nps(), no_range, comment(min=1, options=[])]}) == [
        "questions[1].min: required for a scale",
        "questions[1].max: required for a scale",
        "questions[2].min: only a scale has min",
        "questions[2].options: only a choice has options",
    ]


def test_scale_labels_need_every_language_and_fit() -> None:
    labels = {"min": words("Hard"), "max": {"en": "Easy", "ru": "Легко", "sv": "L" * 41}}
    assert problems({"questions": [nps(), ces(labels=labels)]}) == [
        "questions[1].labels.max.sv: at most 40 characters"
    ]


def test_choice_options() -> None:
    one = [{"id": "only", "text": words("Only")}]
    assert problems({"questions": [nps(), shop(options=one)]}) == [
        "questions[1].options: 2-10 options (1 given)"
    ]
    eleven = [{"id": f"o{n}", "text": words(f"O{n}")} for n in range(11)]
    assert problems({"questions": [nps(), shop(options=eleven)]}) == [
        "questions[1].options: 2-10 options (11 given)"
    ]
    bad = [
        {"id": "Online", "text": words("Online")},
        {"id": "cafe", "text": words("Café")},
        {"id": "cafe", "text": {**words("Café"), "en": "C" * 41}},
        {"id": "next", "text": words("Next")},
    ]
    assert problems({"questions": [nps(), shop(options=bad)]}) == [
        "questions[1].options[0].id: a-z, 0-9 and _ only, 1-20 characters",
        'questions[1].options[2].id: "cafe" is already options[1]',
        "questions[1].options[2].text.en: at most 40 characters",
        'questions[1].options[3].id: "next" is a control button\'s (next, skip, later, never)',
    ]
    assert problems({"questions": [nps(), {**shop(), "options": None}]}) == [
        "questions[1].options: required for a choice"
    ]


def test_the_longest_button_fits_telegrams_64_bytes() -> None:
    """`sv:<survey id>:<question id>:<value>` at the largest survey id a button may carry."""
    longest = shop(
        id="q" * 16,
        options=[{"id": "o" * 20, "text": words("O")}, {"id": "p", "text": words("P")}],
    )
    definition, _ = parse_definition({"questions": [nps(), longest]}, LANGS)
    assert definition is not None
    data = longest_callback(definition.questions[1])
    assert data == f"sv:{2**62}:{'q' * 16}:{'o' * 20}" and len(data.encode()) == 60
    assert longest_callback(definition.questions[0]) == f"sv:{2**62}:nps:later"


def test_a_button_over_the_limit_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(design_check, "CALLBACK_LIMIT", 40)
    assert problems({"questions": [nps(), shop(id="where_bought")]}) == [
        "questions[1]: a button's data would be 42 bytes (Telegram allows 40)"
    ]


@pytest.mark.parametrize(
    ("question", "complaint", "message"),
    [
        (nps(), {"at_most": 11}, "questions[0].complaint.at_most: from 0 to 10"),
        (nps(), {"options": ["x"]}, "questions[0].complaint.options: only for a choice"),
        (ces(), {"at_least": 8}, "questions[0].complaint.at_least: from 1 to 7"),
        (shop(), {"at_most": 1}, "questions[0].complaint.at_most: a choice opens by options"),
        (shop(), {"options": ["home"]}, 'questions[0].complaint.options[0]: no option "home"'),
        (shop(), {"options": []}, "questions[0].complaint.options: give at least one option"),
        (comment(), {"at_most": 1}, "questions[0].complaint: a text answer cannot open one"),
        (ces(), {}, "questions[0].complaint: give one of at_most, at_least, options"),
        (
            ces(),
            {"at_most": 2, "at_least": 6},
            "questions[0].complaint: give one of at_most, at_least, options",
        ),
    ],
)
def test_complaint_rules_fit_the_question_type(
    question: dict[str, Any], complaint: dict[str, Any], message: str
) -> None:
    first = [] if question["type"] == "nps" else [nps()]
    found = problems({"questions": [*first, {**question, "complaint": complaint}]})
    shift = 0 if question["type"] == "nps" else 1
    assert found == [message.replace("questions[0]", f"questions[{shift}]")]


def test_complaints_that_fit() -> None:
    body = {
        "questions": [
            {**nps(), "complaint": {"at_most": 6}},
            ces(complaint={"at_least": 6}),
            shop(complaint={"options": ["cafe"]}),
        ]
    }
    assert problems(body) == []


def test_variants_are_checked_like_the_main_survey() -> None:
    body = {
        "questions": [nps(), ces()],
        "variants": [
            {"branch": "north", "questions": [nps(), shop(), shop()]},
            {"questions": [nps()]},
            {"branch": "north", "questions": [nps()]},
            {"segment": "vip", "questions": [nps(), shop(id="ces")]},
        ],
    }
    assert problems(body) == [
        'variants[0].questions[2].id: "shop" is already variants[0].questions[1]',
        "variants[1]: give a branch, a segment or both",
        "variants[2]: the same branch and segment as variants[0]",
        'variants[3].questions[1].type: "ces" is a scale elsewhere in this survey',
    ]


def test_a_variants_branch_and_segment_are_names() -> None:
    body = {
        "questions": [nps()],
        "variants": [{"branch": " ", "segment": "s" * 51, "questions": [nps()]}],
    }
    assert problems(body) == [
        "variants[0].branch: 1-100 characters, as purchases give it",
        "variants[0].segment: 1-50 characters, as purchases give it",
    ]


def test_estimated_time_is_the_longest_path() -> None:
    """nps 5 s, scale 5 s, single choice 5 s, multiple choice 10 s, text 20 s; questions
    asked only of one NPS category count on that category's path alone."""
    body = {
        "questions": [
            nps(),
            ces(when={"question": "nps", "in": ["detractor"]}),
            comment(when={"question": "ces", "in": [1, 2]}),
            shop(multiple=True, when={"question": "nps", "in": [9, 10]}),
            comment(id="why"),
        ]
    }
    definition, _ = parse_definition(body, LANGS)
    assert definition is not None
    assert estimated_seconds(definition.questions) == 5 + 5 + 20 + 20
    assert definition.estimated_seconds() == 50 and definition.warnings() == []


def test_a_survey_over_a_minute_is_warned_about() -> None:
    body = {"questions": [nps(), *[comment(id=f"q{n}") for n in range(3)]]}
    definition, found = parse_definition(body, LANGS)
    assert found == [] and definition is not None
    assert definition.estimated_seconds() == 65
    assert definition.warnings() == [
        "about 65 s to answer: surveys over 60 s lose customers halfway"
    ]


def test_problems_do_not_depend_on_the_input_being_reused() -> None:
    body = {"questions": [nps(), ces()]}
    before = copy.deepcopy(body)
    problems(body)
    assert body == before


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        (
            {"id": "csat", "type": "scale", "text": words("Effort"), "min": 1, "max": 7},
            'questions[1].id: "csat" is the built-in satisfaction question:'
            " a scale from 1 to 5, or choose another id",
        ),
        (
            {**shop(), "id": "expectation"},
            'questions[1].id: "expectation" is the built-in comparison: one choice of worse,'
            " as_expected and better, or choose another id",
        ),
        (
            {**ces(), "id": "comment"},
            'questions[1].id: "comment" is a built-in text question: a text, or choose another id',
        ),
        (
            {**comment(), "id": "aspect"},
            'questions[1].id: "aspect" is the built-in choice of aspects: a choice,'
            " or choose another id",
        ),
    ],
)
def test_a_built_in_id_keeps_its_built_in_meaning(question: dict[str, Any], problem: str) -> None:
    """The figures read a built-in id as today's question (the CSAT mean over 1-5, the
    expectation split): a 1-7 scale named csat would be averaged into a CSAT of 6.5/5."""
    assert problems({"questions": [nps(), question]}) == [problem]


def test_built_in_ids_in_their_built_in_shapes_pass() -> None:
    expectation = {
        "id": "expectation",
        "type": "choice",
        "text": words("Compared?"),
        "options": [{"id": k, "text": words(k)} for k in ("worse", "as_expected", "better")],
    }
    csat = {"id": "csat", "type": "scale", "text": words("Happy?"), "min": 1, "max": 5}
    assert problems({"questions": [nps(), csat, expectation, comment()]}) == []
