"""`manage.py db_worker`: django_tasks_db's command, running core.task_worker.Worker.

It takes the place of the package's command of the same name (core comes first in
INSTALLED_APPS), so that no worker runs without the heartbeat that the lease relies on:
a worker without one would see its tasks taken over by the others after a lease.
"""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

from django_tasks_db.management.commands import db_worker

from core.task_worker import Worker


class Command(db_worker.Command):
    help = (
        "Uruchamia proces zadań w tle (kolejka w bazie danych): ekstrakcja tekstu "
        "dokumentów, indeksy wyszukiwania, import rejestru NGO, wysyłka e-maili."
    )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues działa tylko razem z --queue-name=*.")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
