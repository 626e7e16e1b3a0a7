"""The dashboard's complaint pages: the list (filters, search, pages of 50), one complaint's
timeline, and the fixes the business owes (an owner marks one done, as /actions does).
Owners and managers see them; only owners mark fixes done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from aiohttp import web

from bot.complaints.causes import cause_label
from bot.complaints.config import Complaints
from bot.complaints.fixes import mark_done
from bot.complaints.origin import origin
from bot.complaints.sla import late_at
from bot.dashboard.access import Dashboard
from bot.dashboard.http import form_session, number_in, see, session_of
from bot.dashboard.pages import page
from bot.i18n import Translator
from bot.incoming import Actor
from bot.reports.fix_effects import effects_of
from bot.reports.fixed import effect_line
from bot.surveys import design_versions
from bot.surveys.asked import answer_label, given, words
from bot.surveys.design import text_of
from bot.surveys.design_versions import Design
from bot.surveys.rules import BANDS
from bot.themes import stored
from storage.db import Tx
from storage.models import Complaint
from storage.repos.dashboard import DashboardSession
from storage.repos.desk import SCORES, STATES, Comment, CommentFilters, Filters, Listed
from storage.states import STAFF_DEADLINES, ComplaintStatus, Direction

PAGE = 50


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str  # message, note (the team's only), state, deadline
    text: str
    who: str | None = None


class StaffPages:
    """Pages owners and managers share (the desk, saved replies): in the staff language."""

    def __init__(self, dashboard: Dashboard, complaints: Complaints) -> None:
        self.dashboard = dashboard
        self.complaints = complaints

    @property
    def t(self) -> Translator:
        return self.complaints.staff_t


class DeskPages(StaffPages):
    def __init__(self, dashboard: Dashboard, complaints: Complaints, design: Design) -> None:
        super().__init__(dashboard, complaints)
        self.design = design  # the survey, whose text questions the comments filter by

    def _page(
        self, name: str, session: DashboardSession, status: int = 200, **values: object
    ) -> web.Response:
        local = self.complaints.core.local
        return page(
            name, self.t, status, csrf=session.csrf, role=session.role, local=local, **values
        )

    async def _session(self, request: web.Request) -> DashboardSession | None:
        return await session_of(self.dashboard, request)

    async def complaints_list(self, request: web.Request) -> web.Response:
        session = await self._session(request)
        if session is None:
            return see("/app")
        q = request.query
        state = q.get("state") if q.get("state") in STATES else "all"
        filters = Filters(
            state=state or "all",
            branch=q.get("branch") or None,
            cause=q.get("cause") or None,
            holder=q.get("holder") or None,
            words=(q.get("q") or "").strip()[:100] or None,
            theme=q.get("theme") or None,
        )
        async with self.dashboard.db.read() as tx:
            found = await tx.desk.page(
                filters, late_at(self.complaints.core.now()), _before(request), PAGE + 1
            )
            branches, holders = await tx.desk.branches(), await tx.desk.holders()
            themes = await self._themes(tx)
        shown, older = found[:PAGE], _older(request, found)
        return self._page(
            "complaints.html",
            session,
            rows=shown,
            filters=filters,
            states=STATES,
            branches=branches,
            holders=holders,
            causes=list(dict.fromkeys([*self.complaints.config.aspects, "other"])),
            cause_label=lambda c: cause_label(self.t, c) if c else "—",
            older=older,
            themes=themes,
        )

    async def comments_list(self, request: web.Request) -> web.Response:
        """The newest survey comments (owners: they are the figures' words), filtered by
        score, theme, branch and words, each linked to the complaint it opened."""
        session = await self._session(request)
        if session is None:
            return see("/app")
        if session.role != "owner":
            return see("/app/complaints")
        q = request.query
        filters = CommentFilters(
            score=q.get("score") if q.get("score") in SCORES else "all",  # type: ignore[arg-type]
            theme=q.get("theme") or None,
            branch=q.get("branch") or None,
            words=(q.get("q") or "").strip()[:100] or None,
            question=q.get("question") or None,
        )
        async with self.dashboard.db.read() as tx:
            found = await tx.desk.comments(filters, BANDS, _before(request), PAGE + 1)
            branches, themes = await tx.desk.survey_branches(), await self._themes(tx)
            questions = await self._questions(tx)
        return self._page(
            "comments.html",
            session,
            rows=found[:PAGE],
            filters=filters,
            scores=SCORES,
            branches=branches,
            themes=themes,
            questions=questions,
            older=_older(request, found),
        )

    async def _questions(self, tx: Tx) -> list[tuple[str, str]]:
        """(id, text in the staff language) of the current survey's text questions, its
        variants' too, for a filter: the questions whose answers are comments."""
        definition = (await design_versions.current(tx, self.design)).definition
        asked = [definition.questions, *(v.questions for v in definition.variants)]
        found: dict[str, str] = {}
        for q in (q for questions in asked for q in questions if q.type == "text"):
            found.setdefault(q.id, text_of(self.t, q.text, q.id))
        return list(found.items())

    async def _themes(self, tx: Tx) -> list[tuple[str, str]]:
        """(id, name in the staff language) of the current themes, for a filter."""
        language = self.t.language
        return [
            (theme.theme, theme.name.get(language) or theme.name.get("en") or theme.theme)  # type: ignore[call-overload]
            for theme in (await stored.current(tx)).themes
        ]

    async def complaint(self, request: web.Request) -> web.Response:
        session = await self._session(request)
        if session is None:
            return see("/app")
        number = number_in(request)
        async with self.dashboard.db.read() as tx:
            c = await tx.complaints.get(number)
            if c is None:
                return self._page("complaint.html", session, status=404, c=None, events=[])
            events, facts = await self._timeline(tx, c)
        return self._page("complaint.html", session, c=c, events=events, facts=facts)

    async def _timeline(self, tx: Tx, c: Complaint) -> tuple[list[Event], dict[str, str]]:
        t, number = self.t, c.id
        customer = await tx.customers.get(c.customer_id)
        purchase = await tx.purchases.get(c.purchase_id) if c.purchase_id else None
        survey = await tx.surveys.get(c.survey_id) if c.survey_id else None
        record = await tx.corrective.get(number)
        changes, deadlines = await tx.desk.history(number)
        facts = {
            t("export.column.source"): t(
                f"export.source.{origin(c.source, c.business_connection_id)}"
            ),
            t("export.column.status"): t(f"complaint.status.{c.status}"),
        }
        if c.taken_by_name:
            facts[t("export.column.taken_by_name")] = c.taken_by_name
        elif c.assignee_name and c.status == ComplaintStatus.OPEN:  # not taken yet
            facts[t("dashboard.assigned")] = c.assignee_name
        if customer is not None and (name := customer.shown_name):
            if aside := customer.telegram_aside:
                name = t("complaint.card.telegram_name", name=name, telegram=aside)
            facts[t("dashboard.customer")] = name
        if purchase is not None:
            facts[t("export.column.order_id")] = purchase.order_id
            if purchase.branch:
                facts[t("export.column.branch")] = purchase.branch
        if survey is not None and survey.nps is not None:  # all the staff card shows of it
            facts[t("export.column.nps")] = str(survey.nps)
            if survey.csat is not None:
                facts[t("export.column.csat")] = str(survey.csat)
            if survey.expectation:
                expected = t(f"complaint.card.expectation.{survey.expectation}")
                facts[t("export.column.expectation")] = expected
            if aspects := await tx.surveys.aspects(survey.id):
                named = ", ".join(t(f"aspect.{a}") for a in aspects)
                facts[t("export.column.aspects")] = named
            for answer in await given(tx, survey):  # the shop's own questions, as the card
                facts[answer_label(t, answer.question)] = words(t, answer.question, answer.answer)
            if survey.comment:
                facts[t("export.column.comment")] = survey.comment
        if record is not None and record.cause:
            facts[t("export.column.cause")] = cause_label(t, record.cause)
        if record is not None and record.action:
            facts[t("export.column.action")] = record.action
        events = [
            Event(
                m.created_at,
                "note" if m.direction == Direction.NOTE else "message",
                m.text or f"[{m.kind}]",
                self._speaker(m.direction, m.sender_name),
            )
            for m in await tx.complaints.messages(number)
        ]
        events += [Event(ch.at, "state", t(f"complaint.status.{ch.status}")) for ch in changes]
        events += [
            Event(
                d.set_at,
                "deadline",
                f"{t(f'export.column.{d.step}_due')}: {self.complaints.core.local(d.due_at)}",
            )
            for d in deadlines
        ]
        events += [  # a reminder or an escalation that went out: the deadline it followed
            Event(
                step.fired_at,
                "deadline",
                t(f"dashboard.timeline.{step.step}", due=self.complaints.core.local(step.due_at)),
            )
            for step in await tx.complaints.steps(number)
            if step.fired_at is not None and step.step in STAFF_DEADLINES
        ]
        if record is not None and record.fix_needed_at is not None:
            marked = t("dashboard.timeline.fix_needed", name=record.fix_by_name or "—")
            events.append(Event(record.fix_needed_at, "state", marked))
        if record is not None and record.fix_done_at is not None:
            done = t("dashboard.timeline.fix_done", name=record.fix_done_by_name or "—")
            events.append(Event(record.fix_done_at, "state", done))
        events.sort(key=lambda e: e.at)
        return events, facts

    def _speaker(self, direction: Direction, name: str | None) -> str:
        if direction == Direction.NOTE:
            return self.t("complaint.history.note_by", name=name or "—")
        if direction == Direction.TO_CUSTOMER:
            return name or self.t("complaint.history.to_customer")
        return self.t("complaint.history.from_customer")

    async def fixes(self, request: web.Request) -> web.Response:
        session = await self._session(request)
        if session is None:
            return see("/app")
        async with self.dashboard.db.read() as tx:
            owed = await tx.corrective.open_fixes(200)
            done = await tx.corrective.done_fixes(50)
            themes = await self._themes(tx)
            effects = await effects_of(tx, done, self.complaints.core.now())
        return self._page(
            "fixes.html",
            session,
            owed=owed,
            fixed=done,
            themes=themes,
            theme_name=dict(themes),
            effects={e.complaint_id: effect_line(self.t, e) for e in effects},
            cause_label=lambda c: cause_label(self.t, c) if c else "—",
            just_done=request.query.get("done"),
        )

    async def fix_theme(self, request: web.Request) -> web.Response:
        """An owner names the theme a fix is about (or none): "what we fixed" then follows
        that theme's mentions before and after the fix."""
        session = await form_session(self.dashboard, request, self.t("fixes.refused"))
        if isinstance(session, web.Response):
            return session
        number, form = number_in(request), await request.post()
        theme = str(form.get("theme") or "") or None
        async with self.dashboard.db.transaction() as tx:
            record = await tx.corrective.get(number)
            if record is None or record.fix_needed_at is None:
                return web.json_response({"error": "no such fix"}, status=404)
            if theme is not None and theme not in dict(await self._themes(tx)):
                return web.json_response({"error": f"unknown theme {theme!r}"}, status=422)
            await tx.corrective.update(number, theme=theme)
        return see("/app/fixes")

    async def fix_done(self, request: web.Request) -> web.Response:
        session = await form_session(self.dashboard, request, self.t("fixes.refused"))
        if isinstance(session, web.Response):
            return session
        number = number_in(request)
        async with self.dashboard.db.transaction() as tx:
            who = await _actor(tx, session.user_id, self.t("dashboard.role.owner"))
            await mark_done(tx, self.complaints, self.t, who, number)
        return see(f"/app/fixes?done={number}")


def _before(request: web.Request) -> int | None:
    """The page's `before` cursor (an id), if it is one."""
    before = request.query.get("before")
    return int(before) if before and before.isdigit() and len(before) < 16 else None


def _older(request: web.Request, found: Sequence[Listed | Comment]) -> str | None:
    """The link to the next page when there is one (`found` has one row more than shown)."""
    if len(found) <= PAGE:
        return None
    kept = {k: v for k, v in request.query.items() if k != "before"}
    return f"{request.path}?" + urlencode({**kept, "before": found[PAGE - 1].id})


async def _actor(tx: Tx, user_id: int, otherwise: str) -> Actor:
    """The owner as staff see their name: from their chat with the bot (where /dashboard
    came from), else `otherwise` (their role: a link printed on the server)."""
    person = await tx.customers.by_telegram_id(user_id)
    return Actor(
        user_id, person.shown_name if person is not None and person.shown_name else otherwise
    )
