"""The survey editor's parts below HTTP: the form read back into the API's body, each problem
placed beside its field and said in the owners' language, the draft's buttons, and the
preview built by the engine's own render, laid out as Telegram lays inline keyboards."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from bot.dashboard.survey_form import card_of, edited, field_names, from_form, placed
from bot.dashboard.survey_preview import previews
from bot.i18n import Catalog, fluent_id
from bot.surveys.design import Definition
from bot.surveys.design_check import parse_definition
from bot.surveys.design_default import default_definition
from tests.support.journey import SHOP_SURVEY

CATALOG = Catalog.load()
LANGUAGES = ("en", "ru", "sv")
ASPECTS = ["quality", "price", "delivery", "staff", "speed", "other"]
TODAY = default_definition(CATALOG, ASPECTS, nps_max=6, csat_max=2)
ROOT = Path(__file__).resolve().parents[2]


def as_form(body: dict[str, Any]) -> dict[str, str]:
    """What the page's fields hold for `body` (the template's names), as a browser posts them."""
    form = list_form(body["questions"], "questions")
    for k, variant in enumerate(body.get("variants") or []):
        at = f"variants[{k}]"
        form |= {f"{at}.{name}": variant.get(name) or "" for name in ("branch", "segment")}
        form |= list_form(variant["questions"], f"{at}.questions")
    return form


def list_form(questions: list[dict[str, Any]], prefix: str) -> dict[str, str]:
    form: dict[str, str] = {}
    for n, q in enumerate(questions):
        at = f"{prefix}[{n}]"
        form |= {f"{at}.id": q["id"], f"{at}.type": q["type"]}
        form |= {f"{at}.text.{k}": v for k, v in (q.get("text") or {}).items()}
        form |= {f"{at}.{k}": str(q[k]) for k in ("min", "max") if k in q}
        for end, texts in (q.get("labels") or {}).items():
            form |= {f"{at}.labels.{end}.{k}": v for k, v in texts.items()}
        for i, o in enumerate(q.get("options") or []):
            form[f"{at}.options[{i}].id"] = o["id"]
            form |= {f"{at}.options[{i}].text.{k}": v for k, v in o["text"].items()}
        form[f"{at}.options[{len(q.get('options') or [])}].id"] = ""  # the blank row
        if q.get("multiple"):
            form[f"{at}.multiple"] = "1"
        if "when" in q:
            form[f"{at}.when.question"] = q["when"]["question"]
            form[f"{at}.when.in"] = ", ".join(str(v) for v in q["when"]["in"])
        if "complaint" in q:
            ((kind, value),) = q["complaint"].items()
            form[f"{at}.complaint.kind"] = kind
            shown = ", ".join(value) if isinstance(value, list) else str(value)
            form[f"{at}.complaint.value"] = shown
    return form


CAFE = {  # the shop's survey, and a shorter one for the café branch
    **SHOP_SURVEY,
    "variants": [
        {
            "branch": "Café",
            "questions": SHOP_SURVEY["questions"][:1] + SHOP_SURVEY["questions"][3:],
        }
    ],
}


def test_todays_survey_and_the_shops_read_back_from_their_forms_unchanged() -> None:
    for definition in (TODAY.as_json(), SHOP_SURVEY, CAFE):
        body = from_form(as_form(definition), LANGUAGES)
        parsed, problems = parse_definition(body, LANGUAGES)
        assert problems == [] and parsed is not None
        assert parsed.as_json() == Definition.model_validate(definition).as_json()


def test_a_condition_on_a_choice_keeps_option_ids_that_look_like_numbers() -> None:
    form = as_form(SHOP_SURVEY) | {
        "questions[2].options[0].id": "1",
        "questions[3].when.question": "where",
        "questions[3].when.in": "1; store",
        "questions[1].when.in": "detractor, 5",  # on the NPS: a word and a score
    }
    body = from_form(form, LANGUAGES)
    assert body["questions"][3]["when"] == {"question": "where", "in": ["1", "store"]}
    assert body["questions"][1]["when"] == {"question": "nps", "in": ["detractor", 5]}


def test_what_the_form_cannot_read_as_a_number_the_validator_names() -> None:
    body = from_form(as_form(SHOP_SURVEY) | {"questions[1].max": "seven"}, LANGUAGES)
    _, problems = parse_definition(body, LANGUAGES)
    assert [(p.path, p.code) for p in problems] == [("questions[1].max", "type_int_type")]


def test_each_problem_lands_on_its_field_or_the_nearest_one_around_it() -> None:
    fields = field_names(SHOP_SURVEY, LANGUAGES)
    said = [
        ("questions[1].complaint.at_most", "a"),
        ("questions[1].when.in[0]", "b"),
        ("questions[2].options[1].text.ru", "c"),
        ("questions[3]", "d"),
        ("questions", "e"),
        ("variants[0].branch", "f"),
        ("body", "g"),
    ]
    assert placed(said, fields) == {
        "questions[1].complaint": ["a"],
        "questions[1].when.in": ["b"],
        "questions[2].options[1].text.ru": ["c"],
        "questions[3]": ["d"],
        "questions": ["e"],
        "variants": ["f"],
        "": ["g"],
    }


def ids(body: dict[str, Any]) -> list[str]:
    return [q["id"] for q in body["questions"]]


def test_a_problem_names_the_card_it_is_on() -> None:
    assert card_of("questions[2].when.in[0]") == "q2"
    assert card_of("variants[1].questions[3].text.ru") == "v1q3"
    assert card_of("variants[0]") == "v0" and card_of("variants[0].branch") == "v0"
    assert card_of("questions") == "" and card_of("body") == ""


def test_the_drafts_buttons_move_remove_and_add_but_never_the_nps() -> None:
    assert ids(edited(SHOP_SURVEY, "down:questions:1")) == ["nps", "where", "ces", "comment"]
    assert ids(edited(SHOP_SURVEY, "up:questions:3")) == ["nps", "ces", "comment", "where"]
    assert ids(edited(SHOP_SURVEY, "up:questions:1")) == ids(SHOP_SURVEY)  # not above the NPS
    assert ids(edited(SHOP_SURVEY, "remove:questions:0")) == ids(SHOP_SURVEY)
    assert ids(edited(SHOP_SURVEY, "remove:questions:2")) == ["nps", "ces", "comment"]
    assert ids(edited(SHOP_SURVEY, "add:questions"))[-1] == "q1"
    assert ids(edited(SHOP_SURVEY, "drop:questions:1")) == ids(SHOP_SURVEY)


def test_a_variant_starts_as_a_copy_and_is_edited_as_its_own_list() -> None:
    body = edited(SHOP_SURVEY, "add_variant")
    assert body["variants"] == [{"branch": "", "questions": SHOP_SURVEY["questions"]}]
    body["variants"][0]["questions"][1]["id"] = "ces2"
    assert SHOP_SURVEY["questions"][1]["id"] == "ces"  # a copy, not the same questions
    body = edited(body, "remove:variants[0].questions:2")
    assert ids(body["variants"][0]) == ["nps", "ces2", "comment"] and ids(body) == ids(SHOP_SURVEY)
    body = edited(body, "add:variants[0].questions")
    assert ids(body["variants"][0])[-1] == "q1"
    assert edited(body, "up:variants[5].questions:2") == body  # no such variant
    assert edited(body, "remove_variant:0")["variants"] == []


def test_a_variants_problems_land_in_its_own_fields() -> None:
    body = from_form(as_form(CAFE) | {"variants[0].branch": ""}, LANGUAGES)
    _, problems = parse_definition(body, LANGUAGES)
    fields = field_names(body, LANGUAGES)
    assert placed([(p.path, p.code) for p in problems], fields) == {
        "variants[0]": ["variant_empty"]
    }
    body = from_form(as_form(CAFE) | {"variants[0].questions[1].text.sv": ""}, LANGUAGES)
    _, problems = parse_definition(body, LANGUAGES)
    assert placed([(p.path, p.code) for p in problems], fields) == {
        "variants[0].questions[1].text.sv": ["text_missing"]
    }


def problem_codes() -> set[str]:
    """Every code `design_check` gives a problem: the third argument of each `_p(...)`
    (both sides of a conditional; the f-strings' by the values they take), and the
    structural ones' (`type_` and the pydantic error type)."""
    tree = ast.parse((ROOT / "bot/surveys/design_check.py").read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_p":
            code = node.args[2]
            sides = [code.body, code.orelse] if isinstance(code, ast.IfExp) else [code]
            found |= {str(c.value) for c in sides if isinstance(c, ast.Constant)}
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_PLAIN":
            assert isinstance(node.value, ast.Dict)
            keys = [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
            found |= {f"type_{k}" for k in keys if isinstance(k, str)}
    found |= {"text_long", "label_long", "option_long"}  # `_check_texts`'s `too_long`
    return found | {"only_scale", "only_choice", "required_scale", "required_choice"}


def test_every_problem_code_is_said_in_every_language() -> None:
    codes = problem_codes()
    missing = [
        f"{language}: {code}"
        for code in sorted(codes)
        for language in CATALOG.languages
        if not CATALOG.bundles[language].has_message(fluent_id(f"survey.check.{code}"))
    ]
    assert len(codes) > 40 and missing == []


def rows(message: Any) -> list[list[str]]:
    return [[b.text for b in row] for row in message.rows]


def test_the_preview_is_the_engines_message_in_each_language() -> None:
    shop = Definition.model_validate(SHOP_SURVEY)
    shown = previews(CATALOG, shop.questions, LANGUAGES)
    nps = {m.language: m for m in shown["nps"].messages}
    assert rows(nps["ru"])[:2] == [[str(n) for n in range(6)], [str(n) for n in range(6, 11)]]
    assert rows(nps["ru"])[2] == [
        CATALOG.text("ru", "survey.later"),
        CATALOG.text("ru", "survey.never"),
    ]
    assert nps["en"].text == CATALOG.text("en", "survey.invite")
    assert [b.style for b in nps["en"].rows[0]] == ["danger"] * 6  # detractors' scores red
    ces = {m.language: m for m in shown["ces"].messages}
    assert rows(ces["sv"]) == [[str(n) for n in range(1, 8)]]  # seven fit one row
    assert ces["ru"].text.endswith("1 — Very hard (ru)\n7 — Very easy (ru)")
    where = {m.language: m for m in shown["where"].messages}
    assert rows(where["en"]) == [["Online"], ["In the store"]]  # a single choice: a row each
    assert rows({m.language: m for m in shown["comment"].messages}["ru"]) == [
        [CATALOG.text("ru", "survey.skip")]
    ]
    # Built for the largest survey id a button carries: the longest data any customer gets.
    assert shown["where"].data_bytes == len("sv:4611686018427387904:where:online")


def test_a_multiple_choice_and_its_comment_preview_as_one_message() -> None:
    shown = previews(CATALOG, TODAY.questions, LANGUAGES)
    assert shown["aspect"] is shown["comment"] and shown["aspect"].questions == (
        "aspect",
        "comment",
    )
    en = shown["aspect"].messages[0]
    assert [len(row) for row in en.rows] == [3, 3, 1]  # three a row, then Next
    assert en.rows[-1][0].text == CATALOG.text("en", "survey.next")
