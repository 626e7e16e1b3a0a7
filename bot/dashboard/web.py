"""The dashboard's sign-in and overview: GET /app, POST /app/session, GET and POST
/app/login (a one-time link's page and its button), POST /app/logout, GET /app/chart.png,
GET /app/figures.json, GET /app/export/{kind}, and its static files (the complaint pages are
`desk.py`).

Every answer carries a strict Content-Security-Policy (only this origin; no inline script;
framed only by Telegram's web clients), no-store caching and no referrer. The session cookie
is HttpOnly, SameSite and, over https, Secure; a state-changing request must echo the
session's CSRF token.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from bot.business.accounts import USED_RIGHTS
from bot.dashboard import charts, report
from bot.dashboard.access import SESSION_TTL, Dashboard, NotAllowed, SignedIn
from bot.dashboard.http import COOKIE, csrf_ok, form_session, see, session_of
from bot.dashboard.initdata import InitDataError
from bot.dashboard.pages import data_block, page
from bot.dashboard.presets import preset_days
from bot.dashboard.questions import question_figures
from bot.i18n import Translator
from bot.reports.as_json import digest_json
from bot.reports.config import Reports
from bot.reports.digest import Digest
from bot.reports.export import encode
from bot.reports.figures import period_figures
from bot.reports.periods import requested_period
from bot.reports.render import (
    FEWEST_FOR_A_FIGURE,
    nps_text,
    period_label,
    render_digest,
    segment_name,
)
from bot.reports.rows import EXPORTED, table
from bot.reports.team import team_table
from bot.settings import EXPORT_FORMATS
from bot.surveys import design_versions
from bot.surveys.design import Definition
from bot.surveys.design_versions import Design
from bot.themes import stored
from bot.themes.definitions import ThemesInvalid, is_language
from bot.themes.unthemed import Unthemed, unthemed_words
from bot.web import client_address
from storage.repos.dashboard import DashboardSession

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
    " connect-src 'self'; form-action 'self'; base-uri 'none';"
    " frame-ancestors 'self' https://web.telegram.org https://*.telegram.org"
)
STATIC = {"app.js": "text/javascript", "app.css": "text/css", "icon.svg": "image/svg+xml"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_BODY = 64 * 1024  # launch data is under 8 KB
LOGIN_BODY = 4096  # a sign-in button's form: one token
ADDED = ("added", "added_to")  # the query saying which word was just added to which theme
UNTHEMED_TEXTS = 300  # the period's newest comments (and as many complaints) read for words
UNTHEMED_SHOWN = 8
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Route = tuple[str, str, Handler]


def guarded(handler: Handler) -> Handler:
    async def run(request: web.Request) -> web.StreamResponse:
        response = await handler(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    return run


def routes(dashboard: Dashboard, reports: Reports, design: Design) -> list[Route]:
    pages = Pages(dashboard, reports, design)
    table: list[tuple[str, str, Handler]] = [
        ("GET", "/app", pages.overview),
        ("POST", "/app/session", pages.telegram_session),
        ("GET", "/app/login", pages.login_page),
        ("POST", "/app/login", pages.login),
        ("POST", "/app/logout", pages.logout),
        ("GET", "/app/figures.json", pages.figures),
        ("GET", "/app/chart.png", pages.chart),
        ("GET", "/app/export/{kind}", pages.export),
        ("POST", "/app/themes/words", pages.add_word),
        ("GET", "/app/static/{name}", pages.static),
    ]
    return [(method, path, guarded(handler)) for method, path, handler in table]


class Pages:
    def __init__(self, dashboard: Dashboard, reports: Reports, design: Design) -> None:
        self.dashboard = dashboard
        self.reports = reports
        self.design = design  # the survey, to name its questions

    @property
    def t(self) -> Translator:
        return self.reports.staff_t

    def _page(self, name: str, status: int = 200, **values: Any) -> web.Response:
        return page(name, self.t, status, **values)

    async def _session(self, request: web.Request) -> DashboardSession | None:
        return await session_of(self.dashboard, request)

    def _signed_in(
        self, request: web.Request, signed_in: SignedIn, response: web.Response
    ) -> web.Response:
        # Behind a TLS proxy the request arrives as http: DASHBOARD_URL says it is https.
        secure = request.secure or (self.dashboard.config.base_url or "").startswith("https://")
        response.set_cookie(
            COOKIE,
            signed_in.cookie,
            max_age=int(SESSION_TTL.total_seconds()),
            path="/app",
            httponly=True,
            secure=secure,
            # Inside Telegram's web clients the page is framed: only SameSite=None (which
            # needs https) lets the cookie through there.
            samesite="None" if secure else "Lax",
        )
        return response

    def _client(self, request: web.Request) -> str:
        forwarded = request.headers.get("X-Forwarded-For")
        return client_address(request.remote, forwarded, self.dashboard.config.trusted_proxies)

    def _refused(self, request: web.Request) -> bool:
        """Count a failed sign-in; True when this client has failed too often ("wait")."""
        client, now = self._client(request), time.monotonic()
        blocked = self.dashboard.blocked(client, now)
        self.dashboard.failed(client, now)
        return blocked

    async def overview(self, request: web.Request) -> web.Response:
        session = await self._session(request)
        if session is None:
            return self._page("signin.html", status=401, problem=None, csrf=None)
        if session.role != "owner":  # managers work complaints; the figures are the owners'
            return see("/app/complaints")
        branch = request.query.get("branch") or None
        try:
            d = await self._requested(request)
        except ValueError as exc:
            return self._page("signin.html", status=422, problem=str(exc), csrf=session.csrf)
        # Filtered to a branch, the list offers that branch and "all" (not a second digest).
        branches = [name for name, _ in d.by_branch if name] if branch is None else [branch]
        tz = self.reports.config.tz
        lines = render_digest(self.t, d, tz, "report", on_page=True).splitlines()
        days = {
            "from": _day(d.start, self.reports),
            "to": _day(d.end, self.reports, last_day=True),
        }
        # One branch is the whole shop: its row would repeat the headline.
        unthemed, choices = await self._unthemed(d, branch)
        added = self._added(request, dict(choices))
        by_branch = [(name, v) for name, v in d.by_branch if name]
        if branch is not None or len(d.by_branch) < 2:
            by_branch = []
        hrefs = {name: "/app?" + urlencode({**days, "branch": name}) for name, _ in by_branch}
        segments = [
            (segment_name(self.t, code) if code else self.t("digest.by_segment_none"), v)
            for code, v in d.by_segment
        ]
        return self._page(
            "overview.html",
            csrf=session.csrf,
            role=session.role,
            first=days["from"],
            last=days["to"],
            branch=branch,
            branches=branches,
            period=self._under_headline(d),
            owed=d.fixes_open,
            tiles=report.tiles(self.t, d),
            trend=charts.trend(d.trend, tz, lambda v: nps_text(self.t, v)),
            split=charts.split(d.distribution),
            funnel=report.funnel(self.t, d) if d.complaints.opened else [],
            themes=report.themes(self.t, d.themes),
            unthemed=unthemed,
            theme_choices=choices,
            said=added,
            back=_without(request, ADDED),
            questions=question_figures(self.t, d.questions, await self._survey()),
            lines=lines[1:],  # under the page's own title
            presets=[
                (
                    self.t(f"dashboard.preset.{key}"),
                    "/app?"
                    + urlencode(
                        {"from": f"{a:%Y-%m-%d}", "to": f"{b:%Y-%m-%d}", "branch": branch or ""}
                    ),
                )
                for key, (a, b) in preset_days(self.reports.core.now(), tz).items()
            ],
            rows=report.groups(self.t, by_branch, d.nps, hrefs),
            segments=report.groups(self.t, segments, d.nps, {}) if len(segments) > 1 else [],
            exports=[
                (
                    self.t(f"export.sheet.{kind}"),
                    f"/app/export/{kind}?{urlencode(days)}",
                )
                for kind in EXPORTED
            ],
            figures=data_block(digest_json(d)),
            team=team_table(self.t, d.team),
            accounts=await self._accounts(),
        )

    async def _unthemed(
        self, d: Digest, branch: str | None
    ) -> tuple[list[Unthemed], list[tuple[str, str]]]:
        """Words that come up often in no theme, in the period's newest texts, and the
        themes to add one to: (id, name in the staff language)."""
        async with self.dashboard.db.read() as tx:
            texts = await tx.themes.recent_texts(d.start, d.end, UNTHEMED_TEXTS, branch)
            themes = await stored.current(tx)
        words = unthemed_words(texts, stored.tagger_for(themes).tagger, limit=UNTHEMED_SHOWN)
        lang = self.t.language
        choices = [
            (t.theme, t.name.get(lang) or t.name.get("en") or t.theme)  # type: ignore[call-overload]
            for t in themes.themes
        ]
        return words, choices

    async def add_word(self, request: web.Request) -> web.Response:
        """A word in no theme added to one (owners, with the CSRF token): a new version of
        the themes, as PUT /api/v1/themes stores one, so the past is tagged again."""
        session = await form_session(self.dashboard, request, "for owners only")
        if isinstance(session, web.Response):
            return session
        form = await request.post()
        theme, word, language = (str(form.get(k) or "") for k in ("theme", "word", "language"))
        if not is_language(language):
            return web.json_response({"error": "language: one of ru, en, sv"}, status=422)
        try:
            async with self.dashboard.db.transaction() as tx:
                now = self.reports.core.now()
                await stored.add_word(tx, theme, language, word, stored.BY_DASHBOARD, now)
        except ThemesInvalid as exc:
            return web.json_response({"error": str(exc)}, status=422)
        back = str(form.get("back") or "")
        # only back to a page of the dashboard: never a redirect to another site
        back = back if back == "/app" or back.startswith("/app?") else "/app"
        # The page says what went where (the word may be gone from the list it was in).
        said = urlencode({ADDED[0]: word, ADDED[1]: theme})
        return see(f"{back}{'&' if '?' in back else '?'}{said}")

    def _added(self, request: web.Request, names: dict[str, str]) -> str | None:
        """After a word was added to a theme: what went where, in the owners' words."""
        word, theme = (request.query.get(key, "") for key in ADDED)
        if not word or theme not in names:
            return None
        return self.t("dashboard.unthemed.added", word=word, theme=names[theme])

    def _under_headline(self, d: Digest) -> str:
        """The period and how many answered (and whether that is too few to trust), once:
        the digest's own NPS line is left out of the page."""
        period = period_label(d.start, d.end, self.reports.config.tz)
        said = self.t("chart.caption", period=period, n=d.nps.n)
        if d.nps.too_few and d.nps.n >= FEWEST_FOR_A_FIGURE:
            said += f" · {self.t('digest.too_few')}"
        return said

    async def _accounts(self) -> list[dict[str, str]]:
        """The shop's Telegram accounts that connected the bot (Telegram Business): who, what
        the bot may do there (of what it uses), on or off, since when."""
        async with self.dashboard.db.read() as tx:
            connections = await tx.business.all()
        tz = self.reports.config.tz
        return [
            {
                "name": c.user_name or str(c.user_id),
                "rights": "; ".join(self.t(f"business.right.{r}") for r in USED_RIGHTS if c.may(r))
                or self.t("dashboard.accounts.nothing"),
                "state": self.t(
                    "dashboard.accounts.on" if c.enabled else "dashboard.accounts.off"
                ),
                "since": ""
                if c.connected_at is None
                else f"{c.connected_at.astimezone(tz):%d.%m.%Y}",
            }
            for c in connections
        ]

    async def _survey(self) -> Definition:
        async with self.dashboard.db.read() as tx:
            return (await design_versions.current(tx, self.design)).definition

    async def _requested(self, request: web.Request) -> Digest:
        """The figures for the query's `from`, `to` and `branch` (each may be left out);
        raises ValueError for impossible dates."""
        q = request.query
        first, last, branch = (q.get(name) or None for name in ("from", "to", "branch"))
        return await period_figures(self.dashboard.db, self.reports, first, last, branch)

    async def _owner(self, request: web.Request) -> web.Response | None:
        """None for a signed-in owner; else the refusal (the figures are the owners')."""
        session = await self._session(request)
        if session is None:
            return web.json_response({"error": "sign in first"}, status=401)
        if session.role != "owner":
            return web.json_response({"error": "for owners only"}, status=403)
        return None

    async def figures(self, request: web.Request) -> web.Response:
        """The overview's figures as JSON: the stats API's, for a signed-in owner."""
        if (refused := await self._owner(request)) is not None:
            return refused
        try:
            d = await self._requested(request)
        except ValueError as exc:
            return web.json_response({"error": str(exc)}, status=422)
        return web.json_response(digest_json(d))

    async def chart(self, request: web.Request) -> web.Response:
        if (refused := await self._owner(request)) is not None:
            return refused
        try:
            d = await self._requested(request)
        except ValueError:
            return web.Response(status=422)
        from bot.reports.chart import page_figure, png  # matplotlib: when drawn

        # A phone asks for it narrow: drawn wide and shrunk, its words would be 5 px tall.
        narrow = request.query.get("width") == "narrow"
        tz = self.reports.config.tz
        drawn = await asyncio.to_thread(lambda: png(page_figure(d, tz, self.t, narrow=narrow)))
        return web.Response(body=drawn, content_type="image/png")

    async def export(self, request: web.Request) -> web.Response:
        """The export command's spreadsheet of one kind for the overview's period (owners):
        `format` xlsx (default: EXPORT_FORMAT) or csv."""
        if (refused := await self._owner(request)) is not None:
            return refused
        kind, q = request.match_info["kind"], request.query
        fmt = q.get("format") or self.reports.config.export_format
        if kind not in EXPORTED or fmt not in EXPORT_FORMATS:
            return web.Response(status=404)
        try:
            start, end = requested_period(
                q.get("from") or None,
                q.get("to") or None,
                self.reports.config.tz,
                self.reports.core.now(),
            )
        except ValueError:
            return web.Response(status=422)
        async with self.dashboard.db.read() as tx:
            found = await table(tx, kind, start, end)
        data = await asyncio.to_thread(encode, found, fmt, self.reports.config.tz, self.t)
        name = f"{kind}-{_day(start, self.reports)}-{_day(end, self.reports, last_day=True)}.{fmt}"
        kinds = {"xlsx": XLSX, "csv": "text/csv"}
        return web.Response(
            body=data,
            content_type=kinds[fmt],
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    async def telegram_session(self, request: web.Request) -> web.Response:
        """POST {"init_data": "<Telegram.WebApp.initData>"} from inside the Mini App: JSON
        only (a form or text/plain body is what another site's page can post)."""
        if request.content_type != "application/json":
            expected = {"error": "expected Content-Type: application/json"}
            return web.json_response(expected, status=415)
        if (request.content_length or 0) > SESSION_BODY:
            raise web.HTTPRequestEntityTooLarge(SESSION_BODY, request.content_length or 0)
        try:
            body = json.loads(await request.read())
            init_data = body["init_data"] if isinstance(body, dict) else None
            if not isinstance(init_data, str):
                raise ValueError("init_data")
        except (ValueError, KeyError, RecursionError):
            return web.json_response({"error": 'expected {"init_data": "…"}'}, status=400)
        try:
            signed_in = await self.dashboard.from_telegram(init_data)
        except (InitDataError, NotAllowed) as exc:
            if self._refused(request):
                return web.json_response({"error": "too many attempts; wait a minute"}, status=429)
            if isinstance(exc, NotAllowed):
                return web.json_response({"error": "for owners and managers only"}, status=403)
            return web.json_response({"error": f"not signed by Telegram: {exc}"}, status=401)
        answer = web.json_response({"role": signed_in.session.role})
        return self._signed_in(request, signed_in, answer)

    async def login_page(self, request: web.Request) -> web.Response:
        """A one-time link opened: a button that signs in (the page's script presses it).
        Opening the link uses nothing up: Telegram fetches links for their preview, mail and
        chat scanners fetch them too, and none of them presses buttons."""
        token = request.query.get("token", "")
        if await self.dashboard.link_good(token):
            return self._page("signin.html", token=token, csrf=None)
        return self._bad_link(request)

    async def login(self, request: web.Request) -> web.Response:
        """The sign-in button: the session cookie, then the overview. Only from the page
        itself: another site's form posting a link it holds is refused."""
        if request.headers.get("Sec-Fetch-Site") == "cross-site":
            return web.json_response({"error": "sign in from the link's own page"}, status=403)
        if (request.content_length or 0) > LOGIN_BODY:
            return web.json_response({"error": "request body too large"}, status=413)
        form = await request.post()
        token = form.get("token")
        signed_in = await self.dashboard.from_link(token) if isinstance(token, str) else None
        if signed_in is None:
            return self._bad_link(request)
        return self._signed_in(request, signed_in, see("/app"))

    def _bad_link(self, request: web.Request) -> web.Response:
        """An unknown, used or expired link: said, and counted against the client."""
        if self._refused(request):
            return self._page("signin.html", status=429, problem=self.t("dashboard.slow_down"))
        problem = self.t("dashboard.link_used")
        return self._page("signin.html", status=401, problem=problem, csrf=None)

    async def logout(self, request: web.Request) -> web.Response:
        session = await self._session(request)
        if session is None:
            return see("/app")
        if not await csrf_ok(request, session):
            return web.json_response({"error": "missing or wrong CSRF token"}, status=403)
        await self.dashboard.sign_out(session)
        response = see("/app")
        response.del_cookie(COOKIE, path="/app")
        return response

    async def static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC:
            return web.Response(status=404)
        return web.Response(body=_static(name), content_type=STATIC[name])


@cache
def _static(name: str) -> bytes:
    """A file of the package's static/ folder, read once."""
    return (files("bot.dashboard") / "static" / name).read_bytes()


def _day(moment: datetime, reports: Reports, *, last_day: bool = False) -> str:
    """A period's first (or last, included) day as the date inputs write it."""
    local = moment.astimezone(reports.config.tz)
    if last_day:
        local -= timedelta(microseconds=1)
    return f"{local:%Y-%m-%d}"


def _without(request: web.Request, keys: tuple[str, ...]) -> str:
    """The request's path and query without `keys` (a page's own address to come back to)."""
    kept = [(k, v) for k, v in request.query.items() if k not in keys]
    return request.path + (f"?{urlencode(kept)}" if kept else "")
