"""The survey editor (owners only): GET /app/survey shows the current definition as a form
(the survey's questions, then each variant's) with each message's preview; POST /app/survey
either changes the draft (add a question, remove one, move one; add or remove a variant) and
shows it again, checks it ("preview"), or saves it.

Saving runs the body through `parse_definition`, the very check of `PUT /api/v1/survey`, and
stores a new version as the API does (`design_versions.replace`); refused, the page comes
back with the owner's edits kept and each problem beside its field, in the owners' language,
and nothing stored. The form carries the version it was opened on: saving over a version
someone stored meanwhile is refused, so no one's change is lost unseen. Managers have no
survey page (the survey is the owners' decision, as the overview's figures are).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from aiohttp import web

from bot.dashboard.access import Dashboard
from bot.dashboard.http import form_session, see, session_of
from bot.dashboard.pages import page
from bot.dashboard.survey_form import (
    COMPLAINT_KINDS,
    Body,
    card_of,
    condition_words,
    edited,
    field_names,
    from_form,
    option_rows,
    placed,
    shown_condition,
)
from bot.dashboard.survey_preview import Preview, previews
from bot.i18n import Catalog, Translator, fluent_id
from bot.surveys import design_versions
from bot.surveys.design import CATEGORIES, WARN_SECONDS, Definition, Problem
from bot.surveys.design_check import MAX_QUESTIONS, parse_definition
from bot.surveys.design_versions import Design
from storage.clock import Clock
from storage.repos.dashboard import DashboardSession

_CATEGORY = re.compile(r"\b(?:" + "|".join(CATEGORIES) + r")\b")
_RANGE = re.compile(r"(-?\d+)-(-?\d+)")
TYPES = ("scale", "choice", "text")  # what a question after the NPS may be
EDITS = ("add", "remove", "up", "down", "add_variant", "remove_variant")  # draft only


def by_owner(user_id: int) -> str:
    """`created_by` of a version an owner saved on the dashboard (the API's is "api")."""
    return f"owner:{user_id}"


class SurveyPages:
    def __init__(
        self, dashboard: Dashboard, design: Design, catalog: Catalog, t: Translator, clock: Clock
    ) -> None:
        self.dashboard = dashboard
        self.design = design
        self.catalog = catalog
        self.t = t  # the owners' (staff) language
        self.clock = clock

    async def show(self, request: web.Request) -> web.Response:
        session = await session_of(self.dashboard, request)
        if session is None:
            return see("/app")
        if session.role != "owner":
            return see("/app/complaints")
        survey = await self._current()
        said = None
        saved = request.query.get("saved", "")
        if saved.isdigit():
            key = "dashboard.survey.saved" if request.query.get("new") else "dashboard.survey.same"
            said = self.t(key, version=int(saved))
        body = survey.definition.as_json()
        return self._render(session, body, survey.version, [], survey.definition, said)

    async def change(self, request: web.Request) -> web.Response:
        session = await form_session(self.dashboard, request, "for owners only")
        if isinstance(session, web.Response):
            return session
        form = await request.post()
        fields = {key: str(value) for key, value in form.items()}
        translators = (self.catalog.bind(language) for language in self.catalog.languages)
        body = from_form(fields, self.design.languages, condition_words(translators))
        action = fields.get("action", "check")
        based_on = int(fields["version"]) if fields.get("version", "").isdigit() else -1
        if action.partition(":")[0] in EDITS:
            draft = edited(body, action)
            # Previewed when already valid; its problems wait for "check" or "save" (a new
            # question is blank: the owner has not had a chance to fill it in yet).
            definition, _ = parse_definition(draft, self.design.languages)
            return self._render(session, draft, based_on, [], definition)
        definition, problems = parse_definition(body, self.design.languages)
        if definition is None:
            return self._render(session, body, based_on, problems, None, status=422)
        if action != "save":
            return self._render(session, body, based_on, [], definition)
        async with self.dashboard.db.transaction() as tx:
            now = await design_versions.current(tx, self.design)
            if now.version != based_on:
                stale = self.t("dashboard.survey.stale", version=now.version)
                return self._render(session, body, now.version, [], definition, stale, 409)
            survey, changed = await design_versions.replace(
                tx, self.design, definition, by_owner(session.user_id), self.clock()
            )
        return see(f"/app/survey?saved={survey.version}" + ("&new=1" if changed else ""))

    async def _current(self) -> design_versions.CurrentSurvey:
        async with self.dashboard.db.read() as tx:
            return await design_versions.current(tx, self.design)

    def _render(
        self,
        session: DashboardSession,
        body: Body,
        version: int,
        problems: Sequence[Problem],
        definition: Definition | None,
        note: str | None = None,
        status: int = 200,
    ) -> web.Response:
        languages = self.design.languages
        said = [(p.path, self._said(p)) for p in problems]
        errors = placed(said, field_names(body, languages))
        cards = list(dict.fromkeys(card for p in problems if (card := card_of(p.path))))
        shown: dict[str, dict[str, Preview]] = {}  # list (its field prefix) -> id -> preview
        seconds = None
        if definition is not None:
            shown["questions"] = previews(self.catalog, definition.questions, languages)
            for k, variant in enumerate(definition.variants):
                key = f"variants[{k}].questions"
                shown[key] = previews(self.catalog, variant.questions, languages)
            seconds = definition.estimated_seconds()
        questions = body.get("questions", [])
        return page(
            "survey.html",
            self.t,
            status,
            csrf=session.csrf,
            role=session.role,
            said=note,
            version=version,
            languages=languages,
            questions=questions,
            types=TYPES,
            complaint_kinds=COMPLAINT_KINDS,
            variants=body.get("variants") or [],
            errors=errors,
            cards=cards,
            previews=shown,
            seconds=seconds,
            warn_seconds=WARN_SECONDS,
            most=MAX_QUESTIONS,
            value=_value,
            option_rows=option_rows,
            condition=lambda q: shown_condition(_value(q, "when", "in"), self.t),
        )

    def _said(self, problem: Problem) -> str:
        """The problem in the owners' language (its English if the catalog has no words)."""
        parts = []
        for code in problem.code.split("|"):
            key = f"survey.check.{code}"
            if not code or not self.catalog.bundles[self.t.language].has_message(fluent_id(key)):
                return problem.message
            parts.append(self.t(key, **self._args(problem)))
        return " / ".join(parts)

    def _args(self, problem: Problem) -> dict[str, str | int]:
        """The problem's values in the owners' words: the NPS categories among a condition's
        answers, a question's type, ranges with a dash ("0–10")."""
        args = dict(problem.args)
        if isinstance(answers := args.get("answers"), str):
            answers = _RANGE.sub("\\1–\\2", answers)
            args["answers"] = _CATEGORY.sub(
                lambda m: self.t(f"dashboard.survey.category.{m.group(0)}"), answers
            )
        if isinstance(kind := args.get("type"), str):
            args["type"] = self.t(f"dashboard.survey.kind.{kind}")
        return args


def _value(question: dict[str, Any], *path: str | int) -> Any:
    """A nested value of the draft, "" where it has none (for the form's fields)."""
    at: Any = question
    for step in path:
        if isinstance(step, int):
            at = at[step] if isinstance(at, list) and step < len(at) else None
        else:
            at = at.get(step) if isinstance(at, dict) else None
        if at is None:
            return ""
    return at
