"""A queued mail as the message the server gets: plain text and HTML as alternatives, and the
headers a receiving server checks (Date, Message-ID, From, To, Subject, List-Unsubscribe and
its one-click List-Unsubscribe-Post)."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from storage.repos.mail import Mail


def message_id(sender: str) -> str:
    """A new Message-ID in the sender's domain; kept with the mail, so every try carries it
    and a receiver can tell a repeat (a crash after the server accepted) from a new mail."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return make_msgid(domain=domain)


def compose(mail: Mail, sender: str, written_at: float) -> EmailMessage:
    message = EmailMessage()
    message["Date"] = formatdate(written_at, usegmt=True)
    message["Message-ID"] = mail.message_id
    message["From"] = sender
    message["To"] = Address(addr_spec=mail.to)
    message["Subject"] = mail.subject
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to it
    if mail.unsubscribe:
        message["List-Unsubscribe"] = f"<{mail.unsubscribe}>"
        # RFC 8058: a mail program may stop such mail with one POST to that address
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    return message
