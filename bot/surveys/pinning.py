"""Which survey definition a survey asks: pinned when its invitation goes out, kept to the end.

A survey records the version current when it was sent (`surveys.version`; 0 is the built-in
survey) and the variant its branch and segment chose (`surveys.variant`, an index into the
definition's variants; None: its main questions). An owner storing a new version changes what
later invitations ask, never a survey already started.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.surveys.design import Definition, Question
from bot.surveys.design_default import DEFAULT_VERSION
from bot.surveys.design_versions import Design
from storage.db import Tx
from storage.models import Survey

# Stored definitions parsed, by their stored text: a version never changes, so a press reads
# its row (one key lookup) but does not parse the JSON again. Keyed by the text rather than
# the number so two databases in one process (tests, copying) never mix.
_PARSED: dict[str, Definition] = {}
_PARSED_MAX = 64


async def definition_at(tx: Tx, design: Design, version: int) -> Definition | None:
    """The definition of `version`, or None if no such version was stored."""
    if version == DEFAULT_VERSION:
        return design.default
    stored = await tx.survey_versions.get(version)
    return None if stored is None else parsed(stored.body)


def parsed(body: str) -> Definition:
    """A stored definition's text as the model (stored only after passing every check)."""
    found = _PARSED.get(body)
    if found is None:
        found = Definition.model_validate_json(body)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[body] = found
    return found


def pick_variant(definition: Definition, branch: str, segment: str) -> int | None:
    """The variant for a purchase of `branch` by a customer of `segment`: one naming both
    before one naming either, the first of each in the owner's order; None: none applies."""
    fitting = [
        (variant.branch is None or variant.segment is None, n)
        for n, variant in enumerate(definition.variants)
        if variant.branch in (None, branch) and variant.segment in (None, segment)
    ]
    return min(fitting)[1] if fitting else None


def questions_of(definition: Definition, variant: int | None) -> Sequence[Question]:
    if variant is None or not 0 <= variant < len(definition.variants):
        return definition.questions
    return definition.variants[variant].questions


async def current_pin(tx: Tx, design: Design, branch: str, segment: str) -> tuple[int, int | None]:
    """(version, variant) a survey sent now is asked: the current definition's."""
    stored = await tx.survey_versions.current()
    if stored is None:
        return DEFAULT_VERSION, pick_variant(design.default, branch, segment)
    return stored.version, pick_variant(parsed(stored.body), branch, segment)


async def pinned_questions(tx: Tx, design: Design, survey: Survey) -> Sequence[Question]:
    """The questions `survey` is asked: its pinned version's (and variant's)."""
    definition = await definition_at(tx, design, survey.version)
    if definition is None:  # a version row cannot go away; should it, the built-in survey
        definition = design.default
    return questions_of(definition, survey.variant)
