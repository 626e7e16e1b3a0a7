"""A period's complaint counts, from its complaints as each stood when judged (storage's
`Judged`): how many were resolved, due and on time. "On time" and "passed" are the SLA's
(bot/complaints/sla.py): one done at its deadline itself is on time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from bot.complaints.sla import met, passed
from storage.repos.corrective import CauseCount
from storage.repos.stats import Judged
from storage.states import ComplaintStatus


@dataclass(frozen=True)
class ComplaintCounts:
    """The complaints opened in a period, each as it stood at the moment it is judged at
    (the period's end, or now while it runs)."""

    opened: int
    resolved: int  # staff had resolved it (closed, or waiting for the customer's answer)
    awaiting_customer: int  # of `resolved`: waiting for the customer's answer
    still_open: int  # staff still owed work (opened = resolved + still_open)
    overdue: int  # of `still_open`: a deadline that binds it had passed
    take_due: int  # taken, or its take deadline had passed
    taken_on_time: int  # taken at or before its take deadline
    resolve_due: int  # resolved, or a resolve deadline had passed unmet
    resolved_on_time: int  # resolved, and no resolve deadline ever missed
    satisfaction_n: int  # the customer had answered "was it resolved?"
    satisfied: int  # of those, their latest answer was Yes


def take_due_by(j: Judged, at: datetime) -> bool:
    """Taken, or its take deadline had passed at `at`: counted in the take figure."""
    return j.taken is not None or (j.take_due is not None and passed(j.take_due, at))


def taken_on_time(j: Judged) -> bool:
    return j.taken is not None and j.take_due is not None and met(j.taken, j.take_due)


def missed(j: Judged, at: datetime) -> bool:
    """A resolve deadline (the first, or one after a reopening) had passed at `at` without a
    resolution of its round in time."""
    return any(
        passed(r.due, at) and (r.resolved is None or not met(r.resolved, r.due)) for r in j.rounds
    )


def overdue(j: Judged, at: datetime) -> bool:
    """Still owed work at `at`, with a binding deadline passed: untaken past its take
    deadline, or past the resolve deadline of its current round (a round missed before a
    reopening counts against the figures, not as late now)."""
    if j.resolved is not None:
        return False
    untaken_late = j.taken is None and j.take_due is not None and passed(j.take_due, at)
    return untaken_late or (bool(j.rounds) and passed(j.rounds[-1].due, at))


def resolved_on_time(j: Judged, at: datetime) -> bool:
    """Resolved, and no resolve deadline missed: one once missed stays missed."""
    return j.resolved is not None and not missed(j, at)


def complaint_counts(judged: list[Judged], at: datetime) -> ComplaintCounts:
    done = [j for j in judged if j.resolved is not None]
    answered = [j.satisfied for j in judged if j.satisfied is not None]
    return ComplaintCounts(
        opened=len(judged),
        resolved=len(done),
        awaiting_customer=sum(j.status == ComplaintStatus.RESOLVED for j in done),
        still_open=len(judged) - len(done),
        overdue=sum(overdue(j, at) for j in judged),
        take_due=sum(take_due_by(j, at) for j in judged),
        taken_on_time=sum(taken_on_time(j) for j in judged),
        resolve_due=sum(j.resolved is not None or missed(j, at) for j in judged),
        resolved_on_time=sum(resolved_on_time(j, at) for j in judged),
        satisfaction_n=len(answered),
        satisfied=sum(answered),
    )


def cause_counts(judged: list[Judged], previous: list[Judged]) -> list[CauseCount]:
    """The resolved complaints of `complaint_counts` by cause, with the same count for the
    previous period's (as judged at its end): a breakdown of exactly the resolved figure."""
    now = Counter(j.cause for j in judged if j.resolved is not None)
    before = Counter(j.cause for j in previous if j.resolved is not None)
    counts = [CauseCount(cause, now[cause], before[cause]) for cause in now | before]
    return sorted(counts, key=lambda c: (-c.complaints, -c.previous, c.cause))
