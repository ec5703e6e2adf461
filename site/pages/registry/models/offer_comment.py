"""A comment on a small-grant offer (art. 19a ust. 3), sent through the public form.

The other half: the records (NGO, GrantCall, SmallGrantOffer), their state, admin
screens, import and open data are snippets, in `snippets/`.
"""

from datetime import datetime

from django.db import models

from core.models import Submission


class OfferComment(Submission):
    offer = models.ForeignKey(
        "snippets.SmallGrantOffer",
        verbose_name="Oferta",
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author_name = models.CharField(
        "Imię i nazwisko albo nazwa organizacji",
        max_length=200,
        help_text="Uwagi anonimowe nie są rozpatrywane.",
    )
    email = models.EmailField(
        "E-mail",
        blank=True,
        help_text="Podaj, jeśli chcesz dostać odpowiedź.",
    )
    comment = models.TextField("Uwagi do oferty", max_length=5000)

    personal_data_fields = ("author_name", "email")
    receipt_prefix = "UO"
    privacy_form_name = "Uwagi do ofert w trybie art. 19a"
    privacy_purpose = (
        "rozpatrzenia uwag do oferty przed decyzją o przyznaniu dotacji (art. 19a ustawy "
        "o działalności pożytku publicznego i o wolontariacie)"
    )
    privacy_required_data = "imię i nazwisko albo nazwa – bez nich uwag nie rozpatrzymy"
    privacy_retention_start = "od końca siedmiodniowego terminu na uwagi"

    class Meta(Submission.Meta):
        verbose_name = "Uwaga do oferty (art. 19a)"
        verbose_name_plural = "Uwagi do ofert (art. 19a)"

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Comments on offers whose comment window closed before CUTOFF.

        The window's end is fixed at publication (snippets.offer_state).
        """
        return cls.objects.filter(offer__comments_close_at__lte=cutoff)
