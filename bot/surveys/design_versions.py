"""The current survey definition, and replacing it with a new version.

Every accepted definition is stored as a new version (`survey_versions`); the highest is the
current one. With none stored, the current survey is today's (`design_default`, version 0),
built from the settings and catalogs, never stored. Storing the very definition that is
already current adds no version: a deploy script that PUTs the same file again changes
nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.i18n import Catalog
from bot.settings import Settings
from bot.surveys.design import Definition
from bot.surveys.design_default import DEFAULT_VERSION, default_definition
from storage.db import Tx

BY_API = "api"  # created_by of a definition stored with the API token


@dataclass(frozen=True)
class Design:
    """What the designer checks definitions against, and the survey it falls back to."""

    languages: tuple[str, ...]  # every catalog's: a customer may pick any with /language
    default: Definition

    @classmethod
    def from_settings(cls, settings: Settings, catalog: Catalog) -> Design:
        c = settings.complaints
        default = default_definition(
            catalog,
            settings.surveys.survey_aspects,
            nps_max=c.complaint_nps_max,
            csat_max=c.complaint_csat_max,
        )
        return cls(languages=tuple(catalog.languages), default=default)


@dataclass(frozen=True)
class CurrentSurvey:
    version: int
    definition: Definition
    created_by: str | None = None  # None: the built-in default
    created_at: datetime | None = None

    @property
    def asked(self) -> bool:
        """Whether customers are asked this survey now: the current one always is, from the
        next invitation on (a survey already started finishes its own version). Kept in the
        answer for the integrators who read it."""
        return True

    def as_json(self) -> dict[str, Any]:
        """The API's answer: the version, the body, and what the editor shows beside it."""
        return {
            "version": self.version,
            **self.definition.as_json(),
            "estimated_seconds": self.definition.estimated_seconds(),
            "warnings": self.definition.warnings(),
            "asked": self.asked,
        }


def body_text(definition: Definition) -> str:
    """The stored form: canonical JSON, so the same definition is always the same text."""
    return json.dumps(
        definition.as_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


async def current(tx: Tx, design: Design) -> CurrentSurvey:
    stored = await tx.survey_versions.current()
    if stored is None:
        return CurrentSurvey(DEFAULT_VERSION, design.default)
    # Stored only after passing every check; read back as it was stored.
    definition = Definition.model_validate_json(stored.body)
    return CurrentSurvey(stored.version, definition, stored.created_by, stored.created_at)


async def replace(
    tx: Tx, design: Design, definition: Definition, by: str, now: datetime
) -> tuple[CurrentSurvey, bool]:
    """Make `definition` (already checked) the current survey: (the current one, whether a
    new version was stored). The current definition again stores nothing."""
    before = await current(tx, design)
    if body_text(before.definition) == body_text(definition):
        return before, False
    version = await tx.survey_versions.add(body_text(definition), by, now)
    return CurrentSurvey(version, definition, by, now), True
