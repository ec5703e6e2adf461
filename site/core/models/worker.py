"""The heartbeat of each task worker (core.task_worker), for the lease and for health checks."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per worker process; `last_seen_at` moves every few seconds while it lives.

    A task that is running under a worker whose row has gone quiet for longer than
    TASK_WORKER_LEASE_SECONDS is put back in the queue by the other workers.
    """

    worker_id = models.CharField("Identyfikator procesu", max_length=64, primary_key=True)
    hostname = models.CharField("Maszyna", max_length=255)
    pid = models.PositiveIntegerField("Numer procesu")
    started_at = models.DateTimeField("Uruchomiony")
    last_seen_at = models.DateTimeField("Ostatni sygnał", db_index=True)
    current_task_id = models.UUIDField("Bieżące zadanie", null=True, blank=True)

    class Meta:
        verbose_name = "Proces zadań w tle"
        verbose_name_plural = "Procesy zadań w tle"
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} ({self.worker_id})"
