"""Per-person figures for owners: for the complaints opened in a period, what each person who
holds one did with them: how many they took and resolved, their median times to take and to
resolve (in business hours, as the SLA counts), and how many of their resolutions the
customer confirmed. Names are the staff's: shown to owners only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.i18n import Translator, duration
from bot.localized import percent
from bot.reports.metrics import share
from bot.reports.spans import medians
from bot.timeparse import BusinessHours
from storage.repos.stats import Judged


@dataclass(frozen=True)
class PersonFigures:
    name: str
    taken: int
    resolved: int
    median_take: float | None  # seconds in business hours
    median_resolve: float | None
    confirmed: int  # complaints whose customer's latest answer was Yes
    answered: int  # complaints whose customer answered "was it resolved?" (Yes or No)

    @property
    def confirmed_share(self) -> float | None:
        return share(self.confirmed, self.answered)


def team_figures(judged: list[Judged], hours: BusinessHours, tz: ZoneInfo) -> list[PersonFigures]:
    """One row per person holding a complaint taken in time to be judged, busiest first."""
    theirs: dict[int, list[Judged]] = defaultdict(list)
    for j in judged:
        if j.holder_id is not None and j.taken is not None:
            theirs[j.holder_id].append(j)
    people = []
    for held in theirs.values():
        take = medians([(j.opened, j.taken) for j in held if j.taken], hours, tz)
        done = medians([(j.opened, j.resolved) for j in held if j.resolved], hours, tz)
        # The customer's latest answer, as the digest's total counts it: a "No" that reopened
        # the complaint is a resolution refused, not one left out.
        answers = [j.satisfied for j in held if j.satisfied is not None]
        people.append(
            PersonFigures(
                name=held[-1].holder or "—",
                taken=len(held),
                resolved=sum(1 for j in held if j.resolved),
                median_take=take.business,
                median_resolve=done.business,
                confirmed=sum(1 for a in answers if a == 1),
                answered=len(answers),
            )
        )
    return sorted(people, key=lambda p: (-p.taken, p.name.casefold()))


def team_table(t: Translator, people: list[PersonFigures]) -> list[dict[str, str]]:
    """Each person's figures as text: the dashboard's table, the digest's lines."""
    return [
        {
            "name": p.name,
            "taken": str(p.taken),
            "resolved": str(p.resolved),
            "take": "—" if p.median_take is None else duration(t, p.median_take),
            "resolve": "—" if p.median_resolve is None else duration(t, p.median_resolve),
            "confirmed": str(p.confirmed),
            "answered": str(p.answered),
            "share": percent(p.confirmed_share, t.language),
        }
        for p in people
    ]


def team_lines(t: Translator, people: list[PersonFigures], shown: int = 10) -> list[str]:
    """The digest's lines for owners: one per person, the busiest first."""
    if not people:
        return []
    rows = team_table(t, people[:shown])
    return [t("digest.team"), *(t("digest.team_person", **row) for row in rows)]
