"""Every rule a survey definition must keep, named by its field path (DESIGN §9).

`parse_definition(body, languages)` turns a JSON body into a `Definition`, or names every
problem with its field path (`questions[2].when.question: no earlier question "ces"`), so the
API's 422 and the dashboard's form can say exactly what to fix. Structure (types, unknown
fields) is pydantic's; the rules between fields are `_check`'s, written out here because
each one is a limit a customer would otherwise meet in Telegram.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from bot.surveys.design import (
    CATEGORIES,
    CONTROLS,
    Complaint,
    Definition,
    Option,
    Problem,
    Question,
    When,
    longest_callback,
)
from bot.surveys.design_default import FOLLOW_UP_TEXT
from bot.surveys.rules import CSAT_SCALE, EXPECTATIONS

MAX_QUESTIONS = 10  # after the NPS
MAX_TEXT = 1000  # a question's text: one message, well inside Telegram's 4096
MAX_BUTTON = 40  # an option's or a label's text: longer ones are cut off on phones
MIN_OPTIONS, MAX_OPTIONS = 2, 10  # one button per row: ten rows still fit a phone's screen
MAX_NAMES = {"branch": 100, "segment": 50}  # a variant's: as long as a purchase's may be
SCALE_BOUND = 10  # a scale's ends lie within -10..10
MAX_SCALE_BUTTONS = 11  # as the NPS's 0-10: two rows of buttons
CALLBACK_LIMIT = 64  # Telegram's callback_data, in bytes
QUESTION_ID = re.compile(r"[a-z0-9_]{1,16}")
OPTION_ID = re.compile(r"[a-z0-9_]{1,20}")  # as SURVEY_ASPECTS' keys, the default's options


def parse_definition(
    body: Any, languages: Sequence[str]
) -> tuple[Definition | None, list[Problem]]:
    """The definition in `body`, or None and every problem found (in the body's order).

    `languages`: those the shop serves; every text needs each of them, and no other."""
    if not isinstance(body, dict):
        return None, [_p("body", "expected an object with questions and variants", "body")]
    try:
        definition = Definition.model_validate(body)
    except ValidationError as exc:
        return None, _merged([_structural(item) for item in exc.errors()])
    found = list(_check(definition, tuple(languages)))
    return (None, found) if found else (definition, [])


_PLAIN = {
    "missing": "required",
    "extra_forbidden": "unknown field",
    "int_type": "a whole number",
    "string_type": "a string",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "an object",
    "model_type": "an object",
    "literal_error": "one of nps, scale, choice, text",
}


def _p(path: str, message: str, code: str, **args: str | int) -> Problem:
    return Problem(path, message, code, tuple(args.items()))


def _structural(item: Any) -> Problem:
    parts = [p for p in item["loc"] if p not in ("int", "str")]  # a union's member names
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    kind = item["type"] if item["type"] in _PLAIN else "other"
    return _p(path or "body", _PLAIN.get(item["type"], str(item["msg"])), f"type_{kind}")


def _merged(problems: list[Problem]) -> list[Problem]:
    """A union's members each refuse a value: one problem ("a whole number or a string")."""
    out: list[Problem] = []
    for problem in problems:
        if out and out[-1].path == problem.path:
            code = f"{out[-1].code}|{problem.code}"  # each said in turn
            out[-1] = Problem(problem.path, f"{out[-1].message} or {problem.message}", code)
        else:
            out.append(problem)
    return out


def _check(definition: Definition, languages: tuple[str, ...]) -> Iterator[Problem]:
    yield from _check_list(definition.questions, "questions", languages)
    types = {q.id: q.type for q in definition.questions}
    keys: dict[tuple[str | None, str | None], int] = {}
    for n, variant in enumerate(definition.variants):
        path = f"variants[{n}]"
        key = (variant.branch, variant.segment)
        for name, longest in MAX_NAMES.items():
            value = getattr(variant, name)
            if value is not None and not (value.strip() and len(value) <= longest):
                yield _p(
                    f"{path}.{name}",
                    f"1-{longest} characters, as purchases give it",
                    "name_length",
                    most=longest,
                )
        if variant.branch is None and variant.segment is None:
            yield _p(path, "give a branch, a segment or both", "variant_empty")
        elif key in keys:
            yield _p(
                path,
                f"the same branch and segment as variants[{keys[key]}]",
                "variant_twice",
                where=f"variants[{keys[key]}]",
                n=keys[key] + 1,  # as the editor numbers its variants
            )
        else:
            keys[key] = n
        yield from _check_list(variant.questions, f"{path}.questions", languages)
        for i, q in enumerate(variant.questions):
            known = types.setdefault(q.id, q.type)
            if known != q.type:
                yield _p(
                    f"{path}.questions[{i}].type",
                    f'"{q.id}" is a {known} elsewhere in this survey',
                    "type_elsewhere",
                    id=q.id,
                    type=known,
                )


def _check_list(
    questions: list[Question], path: str, languages: tuple[str, ...]
) -> Iterator[Problem]:
    if not questions or questions[0].id != "nps" or questions[0].type != "nps":
        where = f"{path}[0]" if questions else path
        yield _p(where, 'the first question is {"id": "nps", "type": "nps"}', "nps_first")
    if len(questions) - 1 > MAX_QUESTIONS:
        yield _p(
            path,
            f"at most {MAX_QUESTIONS} questions after the NPS ({len(questions) - 1} given)",
            "too_many",
            most=MAX_QUESTIONS,
            given=len(questions) - 1,
        )
    seen: dict[str, int] = {}
    for n, question in enumerate(questions):
        here = f"{path}[{n}]"
        yield from _check_question(question, here, n, languages)
        if question.id in seen:
            where = f"{path}[{seen[question.id]}]"
            yield _p(
                f"{here}.id", f'"{question.id}" is already {where}', "id_taken", id=question.id
            )
        if question.when is not None and n > 0:
            yield from _check_when(question.when, f"{here}.when", questions, seen)
        seen.setdefault(question.id, n)
        if question.complaint is not None:
            yield from _check_complaint(question, question.complaint, f"{here}.complaint")
        data = longest_callback(question)
        if len(data.encode()) > CALLBACK_LIMIT:
            size = len(data.encode())
            # What the owner can change is the ids: say how long they may be together.
            ids = len(data.rsplit(":", 2)[1]) + len(data.rsplit(":", 1)[1])
            yield _p(
                here,
                f"a button's data would be {size} bytes (Telegram allows {CALLBACK_LIMIT})",
                "callback",
                bytes=size,
                limit=CALLBACK_LIMIT,
                most=ids - (size - CALLBACK_LIMIT),
            )


def _check_question(
    q: Question, here: str, n: int, languages: tuple[str, ...]
) -> Iterator[Problem]:
    if not QUESTION_ID.fullmatch(q.id):
        yield _p(f"{here}.id", "a-z, 0-9 and _ only, 1-16 characters", "id_chars", most=16)
    if q.type == "nps" and n > 0:
        yield _p(f"{here}.type", "only the first question is the NPS", "nps_only_first")
    if q.text is not None:
        yield from _check_texts(q.text, f"{here}.text", languages, MAX_TEXT, "text_long")
    elif q.type != "nps":
        yield _p(f"{here}.text", "required", "type_missing")
    if q.type == "nps" and q.when is not None and n == 0:
        yield _p(f"{here}.when", "the NPS is always asked", "nps_always")
    yield from _check_fields(q, here)
    yield from _check_built_in(q, here)
    if q.type == "scale":
        yield from _check_scale(q, here, languages)
    if q.type == "choice" and q.options is not None:
        yield from _check_options(q.options, f"{here}.options", languages)


def _check_built_in(q: Question, here: str) -> Iterator[Problem]:
    """A built-in id keeps its built-in meaning: the figures read its answers as today's
    question (the CSAT mean over 1-5, the expectation split, the aspects, the comment), so a
    1-7 scale named csat would otherwise be averaged into a CSAT of 6.5/5."""
    path, rest = f"{here}.id", "or choose another id"
    if q.id == "csat" and (q.type, q.min, q.max) != ("scale", *CSAT_SCALE):
        low, high = CSAT_SCALE
        shape = f"a scale from {low} to {high}"
        yield _p(
            path,
            f'"csat" is the built-in satisfaction question: {shape}, {rest}',
            "built_in_csat",
            low=low,
            high=high,
        )
    elif q.id == "expectation" and not (
        q.type == "choice"
        and not q.multiple
        and q.options is not None
        and {o.id for o in q.options} <= set(EXPECTATIONS)
    ):
        named = ", ".join(EXPECTATIONS[:-1]) + f" and {EXPECTATIONS[-1]}"
        yield _p(
            path,
            f'"expectation" is the built-in comparison: one choice of {named}, {rest}',
            "built_in_expectation",
            options=", ".join(EXPECTATIONS),
        )
    elif q.id == "aspect" and q.type != "choice":
        yield _p(
            path,
            f'"aspect" is the built-in choice of aspects: a choice, {rest}',
            "built_in_aspect",
        )
    elif q.id in FOLLOW_UP_TEXT.values() and q.type != "text":
        yield _p(
            path, f'"{q.id}" is a built-in text question: a text, {rest}', "built_in_text", id=q.id
        )


def _check_fields(q: Question, here: str) -> Iterator[Problem]:
    """Each type's own fields: required where it needs them, refused where it has none."""
    owners = {"min": "scale", "max": "scale", "labels": "scale"}
    owners |= {"options": "choice", "multiple": "choice"}
    for name, owner in owners.items():
        given = getattr(q, name) is not None
        if given and q.type != owner:
            article = "a scale" if owner == "scale" else "a choice"
            yield _p(f"{here}.{name}", f"only {article} has {name}", f"only_{owner}")
        elif not given and q.type == owner and name in ("min", "max", "options"):
            yield _p(f"{here}.{name}", f"required for a {owner}", f"required_{owner}")


def _check_scale(q: Question, here: str, languages: tuple[str, ...]) -> Iterator[Problem]:
    if q.labels is not None:
        for end, texts in (("min", q.labels.min), ("max", q.labels.max)):
            at = f"{here}.labels.{end}"
            yield from _check_texts(texts, at, languages, MAX_BUTTON, "label_long")
    if q.min is None or q.max is None:
        return
    for name, value in (("min", q.min), ("max", q.max)):
        if not -SCALE_BOUND <= value <= SCALE_BOUND:
            bounds = {"low": -SCALE_BOUND, "high": SCALE_BOUND}
            yield _p(f"{here}.{name}", f"from -{SCALE_BOUND} to {SCALE_BOUND}", "range", **bounds)
            return
    if q.max <= q.min:
        yield _p(f"{here}.max", f"more than min ({q.min})", "above_min", min=q.min)
    elif q.max - q.min + 1 > MAX_SCALE_BUTTONS:
        yield _p(
            f"{here}.max",
            f"at most {MAX_SCALE_BUTTONS} buttons, as the NPS's 0-10; {q.max - q.min + 1} given",
            "scale_buttons",
            most=MAX_SCALE_BUTTONS,
            given=q.max - q.min + 1,
        )


def _check_options(
    options: list[Option], path: str, languages: tuple[str, ...]
) -> Iterator[Problem]:
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        yield _p(
            path,
            f"{MIN_OPTIONS}-{MAX_OPTIONS} options ({len(options)} given)",
            "options_count",
            least=MIN_OPTIONS,
            most=MAX_OPTIONS,
            given=len(options),
        )
    seen: dict[str, int] = {}
    for n, option in enumerate(options):
        here = f"{path}[{n}]"
        if not OPTION_ID.fullmatch(option.id):
            yield _p(f"{here}.id", "a-z, 0-9 and _ only, 1-20 characters", "id_chars", most=20)
        elif option.id in CONTROLS:
            controls = ", ".join(CONTROLS)
            yield _p(
                f"{here}.id",
                f'"{option.id}" is a control button\'s ({controls})',
                "option_control",
                id=option.id,
                controls=controls,
            )
        elif option.id in seen:
            where = f"options[{seen[option.id]}]"
            yield _p(f"{here}.id", f'"{option.id}" is already {where}', "id_taken", id=option.id)
        seen.setdefault(option.id, n)
        yield from _check_texts(option.text, f"{here}.text", languages, MAX_BUTTON, "option_long")


def _check_texts(
    texts: dict[str, str], path: str, languages: tuple[str, ...], limit: int, too_long: str
) -> Iterator[Problem]:
    """`too_long`: the code of a text over `limit` (the owner is told which text to shorten:
    the question's, a scale's label or an answer option)."""
    served = ", ".join(languages)
    for language in languages:
        if language not in texts:
            yield _p(
                f"{path}.{language}",
                f"missing (the shop serves {served})",
                "text_missing",
                served=served,
            )
    for language, text in texts.items():
        if language not in languages:
            yield _p(
                f"{path}.{language}",
                f"not a language the shop serves ({served})",
                "text_language",
                served=served,
            )
        elif not text.strip():
            yield _p(f"{path}.{language}", "empty", "text_empty")
        elif len(text) > limit:
            yield _p(f"{path}.{language}", f"at most {limit} characters", too_long, most=limit)


def _check_when(
    when: When, path: str, questions: list[Question], earlier: dict[str, int]
) -> Iterator[Problem]:
    if when.question not in earlier:
        later = any(q.id == when.question for q in questions)
        tail = " (it comes after)" if later else ""
        yield _p(
            f"{path}.question",
            f'no earlier question "{when.question}"{tail}',
            "when_later" if later else "when_unknown",
            id=when.question,
        )
        return
    source = questions[earlier[when.question]]
    if source.type == "text":
        yield _p(f"{path}.question", "a text answer cannot be a condition", "when_text")
        return
    if not when.in_:
        yield _p(f"{path}.in", "give at least one answer", "when_empty")
    accepted, described = _answers(source)
    for n, value in enumerate(when.in_):
        if value not in accepted:
            hint = _as_number_hint(value, accepted)
            yield _p(
                f"{path}.in[{n}]",
                f"not an answer to {source.id} ({described}){hint}",
                "when_quoted" if hint else "when_value",
                value=str(value),
                id=source.id,
                answers=described.removeprefix("options "),
            )


def _as_number_hint(value: int | str, accepted: set[int | str]) -> str:
    """A score quoted as text ("1") is the likeliest slip in a hand-written body."""
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and int(value) in accepted:
        return f": write the score {int(value)} as a number, without quotes"
    return ""


def _answers(source: Question) -> tuple[set[int | str], str]:
    """The values a condition on `source` may name, and how to say so."""
    if source.type == "nps":
        return {*range(11), *CATEGORIES}, "0-10, " + ", ".join(CATEGORIES)
    if source.type == "scale" and source.min is not None and source.max is not None:
        return set(range(source.min, source.max + 1)), f"{source.min}-{source.max}"
    ids = [o.id for o in source.options or []]
    return set(ids), "options " + ", ".join(f'"{i}"' for i in ids)


def _check_complaint(q: Question, complaint: Complaint, path: str) -> Iterator[Problem]:
    given = [
        name for name in ("at_most", "at_least", "options") if getattr(complaint, name) is not None
    ]
    if q.type == "text":
        yield _p(path, "a text answer cannot open one", "complaint_text")
        return
    if len(given) != 1:
        yield _p(path, "give one of at_most, at_least, options", "complaint_one")
        return
    name = given[0]
    if q.type == "choice":
        yield from _check_complaint_options(q, complaint, path, name)
        return
    if name == "options":
        yield _p(f"{path}.options", "only for a choice", "complaint_choice_only")
        return
    low, high = (0, 10) if q.type == "nps" else (q.min, q.max)
    value = getattr(complaint, name)
    if low is not None and high is not None and not low <= value <= high:
        yield _p(f"{path}.{name}", f"from {low} to {high}", "range", low=low, high=high)


def _check_complaint_options(
    q: Question, complaint: Complaint, path: str, name: str
) -> Iterator[Problem]:
    if name != "options" or complaint.options is None:
        yield _p(f"{path}.{name}", "a choice opens by options", "complaint_by_options")
        return
    if not complaint.options:
        yield _p(f"{path}.options", "give at least one option", "complaint_no_options")
    ids = {o.id for o in q.options or []}
    for n, option in enumerate(complaint.options):
        if option not in ids:
            yield _p(f"{path}.options[{n}]", f'no option "{option}"', "no_option", id=option)
