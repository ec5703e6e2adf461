"""Every e-mail goes through the worker (core.mail): queued with what caused it, sent by
the worker through the real backend, retried while the server is unreachable, and a
final failure listed for administrators, who can send it again."""

import re
import socket

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.urls import reverse

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# Committed, not in a test transaction: the worker's loop (close_old_connections) closes a
# connection left inside one, as it would in production. serialized_rollback puts back the
# data migrations' rows (root page and collection, groups) that the flush removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUEUED = "core.mail.QueuedEmailBackend"


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = QUEUED
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def test_a_password_reset_mail_is_sent_by_the_worker_not_the_request(
    client, home_page, queued_mail, run_worker
):
    get_user_model().objects.create_user("pracownik", "pracownik@example.org", "Haslo-123-abc")
    response = client.post("/logowanie/nowe-haslo/", {"email": "pracownik@example.org"})
    assert response["Location"] == "/logowanie/nowe-haslo/wyslano/"
    assert mail.outbox == []  # the request only queued it
    queued = DBTaskResult.objects.get(task_path="core.mail.send_email")
    assert queued.status == TaskResultStatus.READY

    run_worker()
    [message] = mail.outbox
    assert message.to == ["pracownik@example.org"]
    assert "nowego hasła" in message.subject
    assert re.search(r"http://testserver/logowanie/nowe-haslo/\S+/\S+/", message.body)
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    # The stored copy (address, link) is cleared once sent...
    assert "pracownik@example.org" not in str(queued.args_kwargs)
    # ...and a second run of the same task (its worker died before the end) sends nothing.
    DBTaskResult.objects.filter(pk=queued.pk).update(status=TaskResultStatus.READY)
    run_worker()
    assert len(mail.outbox) == 1


def test_html_alternatives_and_attachments_survive_the_queue(queued_mail):
    """With the tests' immediate backend: the message is rebuilt whole from its copy."""
    message = EmailMultiAlternatives(
        "Zgłoszenie ąęł", "Treść", "nadawca@example.org", ["a@example.org"], cc=["b@example.org"]
    )
    message.attach_alternative("<p>Treść</p>", "text/html")
    message.attach("lista.csv", "nazwa;krs\nFundacja;0000000001\n", "text/csv")
    message.attach("plik.pdf", b"%PDF-1.4 \x00\xff", "application/pdf")
    assert message.send() == 1
    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.from_email) == (
        "Zgłoszenie ąęł",
        "Treść",
        "nadawca@example.org",
    )
    assert sent.to == ["a@example.org"] and sent.cc == ["b@example.org"]
    assert sent.alternatives == [("<p>Treść</p>", "text/html")]
    assert [tuple(item) for item in sent.attachments] == [
        ("lista.csv", "nazwa;krs\nFundacja;0000000001\n", "text/csv"),
        ("plik.pdf", b"%PDF-1.4 \x00\xff", "application/pdf"),
    ]


def test_an_unreachable_server_is_retried_then_listed_for_administrators_who_resend(
    client, queued_mail, run_worker
):
    queued_mail.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    queued_mail.EMAIL_HOST, queued_mail.EMAIL_PORT = "127.0.0.1", _closed_port()
    queued_mail.EMAIL_TIMEOUT = 5
    send_mail("Powiadomienie", "Nowe zgłoszenie.", None, ["doradca@example.org"])
    run_worker()
    row = DBTaskResult.objects.get(task_path="core.mail.send_email")
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 6  # the e-mail policy's attempts
    assert "ConnectionRefusedError" in row.traceback

    editor = get_user_model().objects.create_user("redaktor", password="x", is_staff=True)
    client.force_login(editor)
    assert client.get(reverse("core_tasks")).status_code != 200
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    page = client.get(reverse("core_tasks"))
    assert page.status_code == 200
    assert "Wysyłka e-maila" in page.text
    assert "ConnectionRefusedError" in page.text

    # The server is back: the administrator sends it again from the list.
    queued_mail.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("core_task_retry", args=[row.pk]))
    assert response.status_code == 302
    run_worker()
    assert [message.subject for message in mail.outbox] == ["Powiadomienie"]
    assert DBTaskResult.objects.get(pk=row.pk).status == TaskResultStatus.SUCCESSFUL
    assert "Brak nieudanych zadań." in client.get(reverse("core_tasks")).text
