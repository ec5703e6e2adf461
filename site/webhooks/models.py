"""Webhook endpoints that administrators register, and the log of every delivery."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.models import get_page_models

from webhooks.objects import object_labels
from webhooks.targets import UnsafeTarget, check_target

EVENTS = (("publish", "publikacja"), ("unpublish", "wycofanie publikacji"), ("delete", "usunięcie"))


def page_type_labels() -> set[str]:
    return {model._meta.label for model in get_page_models()}


def content_type_labels() -> set[str]:
    """What an endpoint may choose: page types and the records the API serves."""
    return page_type_labels() | object_labels()


class WebhookEndpoint(models.Model):
    name = models.CharField("Nazwa", max_length=100)
    url = models.URLField(
        "Adres (URL)", max_length=500, help_text="Tylko http(s), adres publiczny."
    )
    secret = models.CharField(
        "Sekret",
        max_length=200,
        help_text="Wspólny sekret: odbiorca sprawdza nim podpis HMAC-SHA256 w nagłówku "
        "X-Webhook-Signature.",
    )
    on_publish = models.BooleanField("Przy publikacji", default=True)
    on_unpublish = models.BooleanField("Przy wycofaniu publikacji", default=True)
    on_delete = models.BooleanField("Przy usunięciu", default=True)
    page_types = models.CharField(
        "Rodzaje treści",
        max_length=1000,
        blank=True,
        help_text="Typy stron i rekordów jak w API, po przecinku (np. "
        "consultations.ConsultationPage, snippets.NGO); puste: wszystkie.",
    )
    active = models.BooleanField("Aktywny", default=True)

    class Meta:
        verbose_name = "Odbiorca webhooków"
        verbose_name_plural = "Odbiorcy webhooków"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        try:
            check_target(self.url, getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_TARGETS", False))
        except UnsafeTarget as error:
            raise ValidationError({"url": str(error)}) from error
        unknown = sorted(set(self.page_type_list()) - content_type_labels())
        if unknown:
            raise ValidationError({"page_types": "Nieznane typy treści: " + ", ".join(unknown)})
        if not (self.on_publish or self.on_unpublish or self.on_delete):
            raise ValidationError("Wybierz co najmniej jedno zdarzenie.")

    def page_type_list(self) -> list[str]:
        return [label.strip() for label in self.page_types.split(",") if label.strip()]

    def wants(self, event: str, page_type: str) -> bool:
        types = self.page_type_list()
        return (
            self.active
            and getattr(self, f"on_{event}", False)
            and (not types or page_type in types)
        )


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "oczekuje"
        DELIVERED = "delivered", "dostarczono"
        FAILED = "failed", "nieudane"

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name="Odbiorca",
    )
    idempotency_key = models.UUIDField("Klucz idempotencji", default=uuid.uuid4, unique=True)
    event = models.CharField("Zdarzenie", max_length=20, choices=EVENTS)
    payload = models.JSONField("Treść")
    status = models.CharField("Stan", max_length=20, choices=Status, default=Status.PENDING)
    attempts = models.PositiveIntegerField("Próby", default=0)
    response_status = models.PositiveIntegerField("Kod odpowiedzi", null=True, blank=True)
    error = models.TextField("Błąd", blank=True)
    created_at = models.DateTimeField("Utworzono", auto_now_add=True)
    delivered_at = models.DateTimeField("Dostarczono", null=True, blank=True)

    class Meta:
        verbose_name = "Dostawa webhooka"
        verbose_name_plural = "Dostawy webhooków"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
