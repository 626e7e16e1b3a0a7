"""The survey editor's form: a definition as flat form fields and back, and where each of the
validator's problems belongs on it.

Every field is named by the path `design_check` names a problem with
(`questions[2].when.question`, `questions[3].options[1].text.ru`), so an error lands next to
the field it is about without a second table of names. The form is read back into the very
body `PUT /api/v1/survey` takes and checked by the same `parse_definition`; nothing here
decides whether a definition is valid. Blank option rows are dropped when the form is read,
and the page is drawn again from the body read, so the indices of the problems and of the
fields always agree.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.i18n import Translator
from bot.surveys.design import CATEGORIES
from bot.surveys.design_check import MAX_OPTIONS, MAX_QUESTIONS

COMPLAINT_KINDS = ("at_most", "at_least", "options")
NEW_TYPE = "text"  # a question added in the editor starts as a comment; its type is a select
_VARIANT = re.compile(r"variants\[(\d+)\]\.")
_NUMBER = re.compile(r"-?\d+")
_SPLIT = re.compile(r"[,;\s]+")
_VARIANT_LIST = re.compile(r"variants\[(\d+)\]\.questions")

Body = dict[str, Any]


def from_form(
    form: Mapping[str, str], languages: Sequence[str], words: Mapping[str, str] | None = None
) -> Body:
    """The body the form describes, as `PUT /api/v1/survey` takes it (values the form could
    not read as numbers are kept as typed: the validator names them). `words`: the NPS
    categories as owners type them in a condition (`condition_words`), lowercased."""
    known = words or {}
    body: Body = {"questions": _list(form, "questions", languages, known)}
    found = (m.group(1) for k in form if (m := _VARIANT.match(k)))
    count = 1 + max((int(n) for n in found), default=-1)
    variants = []
    for k in range(count):
        at = f"variants[{k}]"
        variant: Body = {}
        for name in ("branch", "segment"):
            if value := form.get(f"{at}.{name}", "").strip():
                variant[name] = value
        variant["questions"] = _list(form, f"{at}.questions", languages, known)
        variants.append(variant)
    if variants:
        body["variants"] = variants
    return body


def _list(
    form: Mapping[str, str], prefix: str, languages: Sequence[str], words: Mapping[str, str]
) -> list[Body]:
    """The questions of the list under `prefix` (the survey's, or a variant's)."""
    index = re.compile(re.escape(prefix) + r"\[(\d+)\]\.type")
    count = 1 + max((int(m.group(1)) for k in form if (m := index.fullmatch(k))), default=-1)
    questions = [_question(form, f"{prefix}[{n}]", languages) for n in range(count)]
    kinds = {q.get("id"): q.get("type") for q in questions}
    for q in questions:  # a condition's values are read once every question's type is known
        when = q.get("when")
        if when is not None:
            when["in"] = _values(when.pop("raw"), kinds.get(when["question"]), words)
    return questions


def _question(form: Mapping[str, str], at: str, languages: Sequence[str]) -> Body:
    def get(name: str) -> str:
        return form.get(f"{at}.{name}", "").strip()

    kind = get("type")
    q: Body = {"id": get("id"), "type": kind}
    text = _texts(form, f"{at}.text", languages)
    if text or kind != "nps":  # the NPS's own wording may be left to the catalog
        q["text"] = text
    if kind == "scale":
        for name in ("min", "max"):
            if get(name):
                q[name] = _number(get(name))
        low, high = (_texts(form, f"{at}.labels.{end}", languages) for end in ("min", "max"))
        if low or high:
            q["labels"] = {"min": low, "max": high}
    if kind == "choice":
        q["options"] = [
            option
            for n in range(MAX_OPTIONS + 1)
            if (option := _option(form, f"{at}.options[{n}]", languages)) is not None
        ]
        if form.get(f"{at}.multiple"):
            q["multiple"] = True
    if get("when.question"):
        q["when"] = {"question": get("when.question"), "raw": get("when.in")}
    complaint = get("complaint.kind")
    if complaint in COMPLAINT_KINDS:
        raw = get("complaint.value")
        value: Any = _split(raw) if complaint == "options" else _number(raw)
        q["complaint"] = {complaint: value}
    return q


def _texts(form: Mapping[str, str], at: str, languages: Sequence[str]) -> dict[str, str]:
    """The languages given (a blank one left out: "missing" is the validator's to say)."""
    found = {}
    for language in languages:
        text = form.get(f"{at}.{language}", "").replace("\r\n", "\n").strip()
        if text:
            found[language] = text
    return found


def _option(form: Mapping[str, str], at: str, languages: Sequence[str]) -> Body | None:
    option_id = form.get(f"{at}.id", "").strip()
    text = _texts(form, f"{at}.text", languages)
    return {"id": option_id, "text": text} if option_id or text else None


def _number(raw: str) -> int | str:
    return int(raw) if _NUMBER.fullmatch(raw) else raw


def _split(raw: str) -> list[str]:
    return [part for part in _SPLIT.split(raw) if part]


def _values(raw: str, kind: Any, words: Mapping[str, str]) -> list[int | str]:
    """A condition's answers as typed: scores are numbers, except a choice's option ids; on
    the NPS, a category in the owners' words is the API's word."""
    parts = _split(raw)
    if kind == "nps":
        return [words.get(part.lower(), _number(part)) for part in parts]
    return [part if kind == "choice" else _number(part) for part in parts]


def condition_words(translators: Iterable[Translator]) -> dict[str, str]:
    """Every word a condition on the NPS may name a category by, lowercased: the API's own
    (`detractor`) and each language's (`критики`), so a draft typed in any of them reads
    back."""
    words = {str(c): str(c) for c in CATEGORIES}
    for t in translators:
        words |= {t(f"dashboard.survey.category.{c}").lower(): str(c) for c in CATEGORIES}
    return words


def shown_condition(values: Any, t: Translator) -> str:
    """A condition's answers as the field shows them: the NPS categories in `t`'s words."""
    if not isinstance(values, list):
        return ""
    said = (
        t(f"dashboard.survey.category.{v}") if isinstance(v, str) and v in CATEGORIES else str(v)
        for v in values
    )
    return ", ".join(said)


def edited(body: Body, action: str) -> Body:
    """The body after a button that changes the draft only: add a question to a list, remove
    one, move one up or down (the NPS stays first); add a variant (a copy of the survey's
    questions) or remove one. `action`: `add:<list>`, `up:<list>:<n>`, `down:…`,
    `remove:…`, `add_variant`, `remove_variant:<k>`, where a list is `questions` or
    `variants[k].questions`. Unknown actions change nothing."""
    verb, _, rest = action.partition(":")
    variants = [dict(v) for v in body.get("variants") or [] if isinstance(v, dict)]
    if verb == "add_variant":
        copied = copy.deepcopy(body.get("questions", []))
        return {**body, "variants": [*variants, {"branch": "", "questions": copied}]}
    if verb == "remove_variant":
        k = int(rest) if rest.isdigit() else -1
        return {**body, "variants": [v for i, v in enumerate(variants) if i != k]}
    where, _, number = rest.rpartition(":") if verb != "add" else (rest, "", "")
    n = int(number) if number.isdigit() else 0
    found = _VARIANT_LIST.fullmatch(where)
    if where == "questions":
        return {**body, "questions": _edited_list(body.get("questions", []), verb, n)}
    if found and int(found.group(1)) < len(variants):
        k = int(found.group(1))
        variants[k]["questions"] = _edited_list(variants[k].get("questions", []), verb, n)
        return {**body, "variants": variants}
    return body


def _edited_list(given: list[Body], verb: str, n: int) -> list[Body]:
    questions = list(given)
    if verb == "add" and len(questions) - 1 < MAX_QUESTIONS:
        questions.append({"id": _free_id(q.get("id") for q in questions), "type": NEW_TYPE})
    elif verb == "remove" and 1 <= n < len(questions):
        del questions[n]
    elif verb == "up" and 2 <= n < len(questions):
        questions[n - 1], questions[n] = questions[n], questions[n - 1]
    elif verb == "down" and 1 <= n < len(questions) - 1:
        questions[n + 1], questions[n] = questions[n], questions[n + 1]
    return questions


def _free_id(taken: Iterable[Any]) -> str:
    used = set(taken)
    return next(f"q{n}" for n in range(1, MAX_QUESTIONS + 3) if f"q{n}" not in used)


def placed(said: Iterable[tuple[str, str]], fields: Iterable[str]) -> dict[str, list[str]]:
    """Each (path, message) under the field it belongs to: the field of that name, else the
    nearest one it lies inside (`questions[2].complaint.at_most` is the complaint's field,
    `questions[2]` the question's own). A path under no field goes to "" (the page's top)."""
    known = set(fields)
    found: dict[str, list[str]] = {}
    for path, message in said:
        found.setdefault(_owner(path, known), []).append(message)
    return found


def _owner(path: str, known: set[str]) -> str:
    at = path
    while at:
        if at in known:
            return at
        cut = max(at.rfind("."), at.rfind("["))
        at = at[:cut] if cut > 0 else ""
    return ""


def option_rows(question: Body) -> int:
    """How many option rows a choice's form shows: its options and a blank one to add
    another (two blank ones for a new choice), never more than a choice may have."""
    given = len(question.get("options") or [])
    return max(given, min(MAX_OPTIONS, max(2, given + 1)))


_CARD = re.compile(r"(?:variants\[(\d+)\])?\.?(?:questions\[(\d+)\])?")


def card_of(path: str) -> str:
    """The anchor of the card a problem's path is on (`q2`, `v0`, `v0q1`), "" for none."""
    found = _CARD.match(path)
    variant, question = (found.group(1), found.group(2)) if found else (None, None)
    return (f"v{variant}" if variant else "") + (f"q{question}" if question else "")


def field_names(body: Body, languages: Sequence[str]) -> list[str]:
    """Every name the page draws a field (or a block) under, for `placed`."""
    names = ["questions", "variants"]
    names += _list_names(body.get("questions", []), "questions", languages)
    for k, variant in enumerate(body.get("variants") or []):
        at = f"variants[{k}]"
        names += [at, f"{at}.branch", f"{at}.segment", f"{at}.questions"]
        questions = variant.get("questions", []) if isinstance(variant, dict) else []
        names += _list_names(questions, f"{at}.questions", languages)
    return names


def _list_names(questions: list[Body], prefix: str, languages: Sequence[str]) -> list[str]:
    names = []
    for n, q in enumerate(questions):
        at = f"{prefix}[{n}]"
        names += [at, f"{at}.id", f"{at}.type", f"{at}.text", f"{at}.when.question"]
        names += [f"{at}.when.in", f"{at}.when", f"{at}.complaint", f"{at}.multiple"]
        names += [f"{at}.min", f"{at}.max", f"{at}.labels", f"{at}.options"]
        names += [f"{at}.text.{language}" for language in languages]
        for end in ("min", "max"):
            names += [f"{at}.labels.{end}.{language}" for language in languages]
        for i in range(option_rows(q)):
            names += [f"{at}.options[{i}]", f"{at}.options[{i}].id"]
            names += [f"{at}.options[{i}].text.{language}" for language in languages]
    return names
