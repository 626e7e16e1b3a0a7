"""The closed sets stored in the database: one source for each, used by Python and SQL alike.

Each is a `StrEnum`, so a member is the very string stored in its column; `sql_in` writes a
set into an SQL `IN (...)` list, so no status is spelled twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class SurveyStatus(StrEnum):
    WAITING_LINK = "waiting_link"  # no Telegram chat yet: waits for the customer to link
    SCHEDULED = "scheduled"  # the invitation goes out at due_at
    SENT = "sent"  # invited; answers are taken until expires_at
    ANSWERED = "answered"
    EXPIRED = "expired"  # reason: partial or no_answer
    SKIPPED = "skipped"  # never sent (reason: cooldown, opted_out, ...)
    DISMISSED = "dismissed"  # the customer said "not now" or opted out after the invitation


SURVEY_LIVE = (SurveyStatus.SCHEDULED, SurveyStatus.SENT)


class Channel(StrEnum):
    """Where a survey is answered: whichever gives its first answer answers it to the end."""

    TELEGRAM = "telegram"  # the survey message's buttons
    WEB = "web"  # its web page, PUBLIC_URL/s/<token>  # the survey tick still acts on these


class SurveyStep(StrEnum):
    """The question a sent survey waits for."""

    NPS = "nps"
    FOLLOWUP = "followup"  # what went wrong (detractors) or a comment
    CSAT = "csat"
    EXPECTATION = "expectation"
    DONE = "done"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    TAKEN = "taken"
    RESOLVED = "resolved"  # staff say so; the customer is asked whether it is
    CLOSED = "closed"


# Not closed: the customer's one complaint at a time, and what /open lists.
COMPLAINT_ACTIVE = (ComplaintStatus.OPEN, ComplaintStatus.TAKEN, ComplaintStatus.RESOLVED)
# Staff still owe work: the SLA ladder runs and "take"/"resolve" buttons are shown.
COMPLAINT_WORKED = (ComplaintStatus.OPEN, ComplaintStatus.TAKEN)


class ComplaintSource(StrEnum):
    LOW_SCORE = "low_score"  # a survey answer under the complaint threshold
    COMMAND = "command"  # /complaint
    MESSAGE = "message"  # the customer wrote to support outside a survey


class CardMode(StrEnum):
    """How a complaint reached the staff chat."""

    CARD = "card"  # a card of its own (in its topic, in a forum)
    SUMMARY = "summary"  # a line in a storm summary, with a button to post its card


class TextSource(StrEnum):
    """What a customer wrote that themes are found in (`text_themes.source`)."""

    COMMENT = "comment"  # a survey's comment: surveys.id
    COMPLAINT = "complaint"  # a complaint's text: complaints.id
    MESSAGE = "message"  # their later message about it: complaint_messages.id


class Direction(StrEnum):
    """Of a message in a complaint's history."""

    FROM_CUSTOMER = "from_customer"
    TO_CUSTOMER = "to_customer"
    NOTE = "note"  # staff-only, never relayed


class Deadline(StrEnum):
    TAKE = "take"  # nobody took it in time: remind the staff chat
    RESOLVE = "resolve"  # not resolved in time: escalate
    CONFIRM = "confirm"  # the customer never said whether it was resolved: close it


STAFF_DEADLINES = (Deadline.TAKE, Deadline.RESOLVE)  # started when a complaint opens; on its card


class InboxStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"  # a handler raised; the update is kept with the error's type


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # Telegram refused it for good, or it expired
    # Not sent yet: it waits for the place it goes to (a message about a complaint before the
    # complaint's card is in the staff chat); `ref` names what it waits for.
    WAITING = "waiting"


class Purpose(StrEnum):
    """Why an outbox row was sent: names the result hook run after Telegram answers."""

    SURVEY_MESSAGE = "survey_message"  # remember the message, to edit it at the next step
    CARD = "complaint_card"  # remember the card's message id
    CARD_EDIT = "complaint_card_edit"  # a card someone deleted is posted anew
    TOPIC = "complaint_topic"  # remember the topic's thread id, then post the card into it
    STAFF_LINK = "complaint_staff_message"  # which complaint a staff-chat message belongs to
    TO_CUSTOMER = "complaint_to_customer"  # a reply Telegram refused is reported to staff
    CAUSE_QUESTION = "cause_question"  # remember the question, to know a reply to it
    REPORT_NOTICE = "report_notice"  # "preparing it…" out after its report: delete it then
    SIGN_IN = "dashboard_sign_in"  # the dashboard link is made as it is sent: none at rest


def sql_in(values: Iterable[StrEnum]) -> str:
    """`('a', 'b')` for an SQL IN list; members are constants, never input."""
    return "(" + ", ".join(f"'{v.value}'" for v in values) + ")"


class ReportKind(StrEnum):
    """What an owner asked for: the last 7 days, a period's report, or the CSV export."""

    DIGEST = "digest"
    REPORT = "report"
    EXPORT = "export"


class RequestStatus(StrEnum):
    PENDING = "pending"  # stored with the command; built by whichever start comes next
    DONE = "done"  # its messages are queued (in the same transaction)
    FAILED = "failed"  # the owner was told it could not be built
