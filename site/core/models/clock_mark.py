"""How far a job run by the clock (cron) got: `alerts.clock`, `webhooks.clock`."""

from datetime import datetime

from django.db import models


class ClockMark(models.Model):
    """The moment one job's last run reached. The next run continues from here, so a
    missed run is caught up and no moment is handled twice; read under a row lock, so two
    runs at once (two cron hosts) do not both handle the same moments."""

    name = models.CharField("Zadanie", max_length=40, primary_key=True)
    at = models.DateTimeField("Doszło do")

    class Meta:
        verbose_name = "Znacznik zegara"
        verbose_name_plural = "Znaczniki zegara"

    def __str__(self) -> str:
        return f"{self.name}: {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def held(cls, name: str, first: datetime) -> "ClockMark":
        """NAME's mark, locked until the running transaction ends (made at FIRST the first
        time: how far back the very first run looks)."""
        mark, _created = cls.objects.select_for_update().get_or_create(
            name=name, defaults={"at": first}
        )
        return mark
