"""The record of who read or exported residents' personal data (RODO accountability)."""

from django.conf import settings
from django.db import models


class PersonalDataAccess(models.Model):
    class Action(models.TextChoices):
        LIST = "list", "Lista zgłoszeń"
        VIEW = "view", "Podgląd zgłoszenia"
        EXPORT = "export", "Eksport"

    at = models.DateTimeField("Kiedy", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Kto",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too: the record outlives a deleted account.
    username = models.CharField("Login", max_length=150)
    action = models.CharField("Działanie", max_length=10, choices=Action.choices)
    model_label = models.CharField("Rodzaj danych", max_length=100)
    object_id = models.CharField("Identyfikator zgłoszenia", max_length=64, blank=True)
    rows = models.PositiveIntegerField("Liczba wierszy", default=1)
    export_format = models.CharField("Format", max_length=10, blank=True)
    query = models.CharField("Filtry listy", max_length=500, blank=True)

    class Meta:
        verbose_name = "Dostęp do danych osobowych"
        verbose_name_plural = "Rejestr dostępu do danych osobowych"
        ordering = ["-at"]
        # Read by administrators only: no group is given these permissions.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.username} – {self.get_action_display()} – {self.model_label}"
