"""The owners' dashboard: a web page, also a Telegram Mini App, on every instance's HTTP port.

Installs: its routes under /app, and `dashboard` for the /dashboard command's handler
(handlers/owner/dashboard.py). Its figures are the stats API's (bot/reports/figures.py).
"""

from __future__ import annotations

import logging

from bot.complaints.config import Complaints
from bot.dashboard.access import Dashboard, dashboard_of
from bot.dashboard.desk import DeskPages
from bot.dashboard.saved import SavedPages
from bot.dashboard.survey_page import SurveyPages
from bot.dashboard.web import guarded, routes
from bot.reports.config import Reports
from bot.settings import address_warnings
from bot.surveys.design_versions import Design
from bot.wiring import Wiring
from storage.states import Purpose

log = logging.getLogger(__name__)


def install(w: Wiring, complaints: Complaints, reports: Reports, design: Design) -> Dashboard:
    dashboard = dashboard_of(w.settings, w.core.roles, w.db, w.core.clock)
    w.when.sending[Purpose.SIGN_IN] = dashboard.mint_into
    for warning in address_warnings(w.settings):
        log.warning("%s", warning.removeprefix("warning: "))
    w.routes += routes(dashboard, reports, design)
    desk = DeskPages(dashboard, complaints, design)
    replies = SavedPages(dashboard, complaints)
    survey = SurveyPages(dashboard, design, w.core.catalog, w.core.staff_t, w.core.clock)
    w.routes += [
        (method, path, guarded(handler))
        for method, path, handler in (
            ("GET", "/app/complaints", desk.complaints_list),
            ("GET", "/app/complaints/{number}", desk.complaint),
            ("GET", "/app/comments", desk.comments_list),
            ("GET", "/app/fixes", desk.fixes),
            ("POST", "/app/fixes/{number}/done", desk.fix_done),
            ("POST", "/app/fixes/{number}/theme", desk.fix_theme),
            ("GET", "/app/saved", replies.listing),
            ("POST", "/app/saved", replies.change),
            ("GET", "/app/survey", survey.show),
            ("POST", "/app/survey", survey.change),
        )
    ]
    w.provide("dashboard", dashboard)
    return dashboard
