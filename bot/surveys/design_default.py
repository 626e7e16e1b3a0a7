"""Today's survey as a definition: what a shop that never opens the designer is asked.

The steps of `bot/surveys/answers.py`, in their order and conditions, with the catalogs' texts
(so each question reads exactly as its screen in `bot/surveys/screens.py`) and today's
complaint triggers (`COMPLAINT_NPS_MAX`, `COMPLAINT_CSAT_MAX`):

- `nps`: 0-10, with "Not now" and "Don't ask me again" (the NPS always has them);
- by the NPS category: a detractor picks `aspect`s (`SURVEY_ASPECTS`, several) and may write a
  `comment`, both on one screen as today (the comment's text is the same screen's text); a
  passive is asked `make_it_ten`, a promoter `liked_most`, each a text they may skip;
- `csat`: 1-5, whose text carries its end labels as today's does (so no `labels`);
- `expectation`: worse / as expected / better.

Its version is 0 and it is never stored: it follows the settings and catalogs it is built
from, until an owner stores a definition of their own.
"""

from __future__ import annotations

from bot.i18n import Catalog
from bot.surveys.design import Complaint, Definition, Option, Question, When
from bot.surveys.rules import CSAT_SCALE, EXPECTATIONS, Category

DEFAULT_VERSION = 0
# The text question each NPS category is asked at the follow-up step (what a comment typed
# there answers).
FOLLOW_UP_TEXT = {
    Category.DETRACTOR: "comment",
    Category.PASSIVE: "make_it_ten",
    Category.PROMOTER: "liked_most",
}
# Every question id the built-in survey asks, in its order: their answers have the surveys'
# own columns (NPS, CSAT, expectation, aspects, comment), which every reader shows already.
BUILT_IN_IDS = (
    "nps",
    "aspect",
    FOLLOW_UP_TEXT[Category.DETRACTOR],
    FOLLOW_UP_TEXT[Category.PASSIVE],
    FOLLOW_UP_TEXT[Category.PROMOTER],
    "csat",
    "expectation",
)
NPS_OFF = -1  # COMPLAINT_NPS_MAX=-1: no NPS opens a complaint
CSAT_OFF = 0  # COMPLAINT_CSAT_MAX=0: no CSAT does


def default_definition(
    catalog: Catalog, aspects: list[str], *, nps_max: int, csat_max: int
) -> Definition:
    def texts(key: str) -> dict[str, str]:
        return {language: catalog.text(language, key) for language in catalog.languages}

    def option(value: str, key: str) -> Option:
        return Option(id=value, text=texts(key))

    def category(name: str) -> When:
        return When(question="nps", in_=[name])

    return Definition(
        questions=[
            Question(
                id="nps",
                type="nps",
                text=texts("survey.invite"),
                complaint=None if nps_max <= NPS_OFF else Complaint(at_most=nps_max),
            ),
            Question(
                id="aspect",
                type="choice",
                text=texts("survey.followup.detractor"),
                options=[option(key, f"aspect.{key}") for key in aspects],
                multiple=True,
                when=category("detractor"),
            ),
            Question(
                id=FOLLOW_UP_TEXT[Category.DETRACTOR],
                type="text",
                text=texts("survey.followup.detractor"),
                when=category("detractor"),
            ),
            Question(
                id=FOLLOW_UP_TEXT[Category.PASSIVE],
                type="text",
                text=texts("survey.followup.passive"),
                when=category("passive"),
            ),
            Question(
                id=FOLLOW_UP_TEXT[Category.PROMOTER],
                type="text",
                text=texts("survey.followup.promoter"),
                when=category("promoter"),
            ),
            Question(
                id="csat",
                type="scale",
                text=texts("survey.csat"),
                min=CSAT_SCALE[0],
                max=CSAT_SCALE[1],
                complaint=None if csat_max <= CSAT_OFF else Complaint(at_most=csat_max),
            ),
            Question(
                id="expectation",
                type="choice",
                text=texts("survey.expectation"),
                options=[option(key, f"survey.expectation.{key}") for key in EXPECTATIONS],
            ),
        ]
    )
