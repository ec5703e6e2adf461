"""Every e-mail goes through the task worker (EMAIL_BACKEND = this module's backend).

`send_mail`, password-reset e-mails and every notice only queue the message (in the same
transaction as what caused it, so a rolled-back change sends nothing); the worker sends
it through EMAIL_DELIVERY_BACKEND (the EMAIL_BACKEND variable: SMTP, console...) and, when
the server is unreachable or answers with an error, tries again later (core.task_retry).
A message that never goes out stays in the admin's list of failed tasks, not in a log.

Once sent, the stored copy (addresses, text) is cleared from the task's row: no personal
data is kept there, and the cleared row tells a re-run (after its worker died) that the
message already went out. A worker that dies in the instant between the server's answer
and that write sends the message twice: e-mail is delivered at least once.
"""

import base64
import email
import logging
import smtplib
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from core.task_retry import RetryPolicy, retrying

logger = logging.getLogger(__name__)

SENT = {"sent": True}  # what a sent message's stored copy is replaced with


def serialise(message) -> dict:
    """A JSON-ready copy of an EmailMessage (or EmailMultiAlternatives), attachments too."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            attachments.append({"mime": base64.b64encode(attachment.as_bytes()).decode()})
            continue
        filename, content, mimetype = attachment
        if isinstance(content, str):
            attachments.append({"filename": filename, "text": content, "mimetype": mimetype})
        else:
            data = base64.b64encode(content).decode()
            attachments.append({"filename": filename, "data": data, "mimetype": mimetype})
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(item) for item in getattr(message, "alternatives", [])],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "encoding": message.encoding,
    }


def deserialise(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(item) for item in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    message.encoding = data["encoding"]
    for item in data["attachments"]:
        if "mime" in item:
            message.attach(email.message_from_bytes(base64.b64decode(item["mime"])))
        elif "text" in item:
            message.attach(item["filename"], item["text"], item["mimetype"])
        else:
            message.attach(item["filename"], base64.b64decode(item["data"]), item["mimetype"])
    return message


# An SMTP server that is down, slow or answers 4xx is usually back within the hour.
@retrying(RetryPolicy(attempts=6, on=(smtplib.SMTPException, OSError)))
@task(takes_context=True)
def send_email(context, message: dict) -> str:
    """Send MESSAGE (see `serialise`) through EMAIL_DELIVERY_BACKEND."""
    if message == SENT:
        return "już wysłana"
    if settings.EMAIL_DELIVERY_BACKEND.endswith(".QueuedEmailBackend"):
        raise ImproperlyConfigured("EMAIL_BACKEND must name a backend that sends, not the queue.")
    with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
        connection.send_messages([deserialise(message)])
    # Only the database backend has a row to clear (the immediate one keeps nothing).
    if isinstance(send_email.get_backend(), DatabaseBackend):
        DBTaskResult.objects.filter(pk=context.task_result.id).update(
            args_kwargs={"args": [], "kwargs": {"message": SENT}}
        )
    return "wysłana"


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message as a `send_email` task instead of sending it."""

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            try:
                send_email.enqueue(serialise(message))
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Nie udało się zlecić wysyłki e-maila %r", message.subject)
                continue
            queued += 1
        return queued
