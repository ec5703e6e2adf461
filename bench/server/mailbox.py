"""An e-mail backend for benchmarks: each message appended to BENCH_MAILBOX/<recipient>."""

from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class RecipientFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.BENCH_MAILBOX)
        for message in email_messages:
            for recipient in message.to:
                with (folder / recipient.lower()).open("a", encoding="utf-8") as mailbox:
                    mailbox.write(message.body + "\n----\n")
        return len(email_messages)
