"""The optional SMS gateway for confirmation links: VOTING_SMS_SENDER names a callable
(phone, text); none by default, and then the ballot form asks no phone number. Sent by
the task worker; the stored task's text (it holds the one-time link) is cleared once
sent, as core.mail does with e-mails."""

from django.conf import settings
from django.utils.module_loading import import_string

from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

SENT = "wysłany"


def sms_sender():
    path = getattr(settings, "VOTING_SMS_SENDER", "")
    return import_string(path) if path else None


@task(takes_context=True)
def send_confirmation_sms(context, phone: str, text: str) -> str:
    sender = sms_sender()
    if text == SENT or sender is None:
        return "pominięty"
    sender(phone, text)
    if isinstance(send_confirmation_sms.get_backend(), DatabaseBackend):
        DBTaskResult.objects.filter(pk=context.task_result.id).update(
            args_kwargs={"args": [], "kwargs": {"phone": "", "text": SENT}}
        )
    return SENT
