"""The analysis of a consultation: each comment, its topics, its group and the city's
position on it (with the reason), from which the report's table is generated."""

from django.db import models
from django.db.models import Q

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from pages.consultations.choices import Position

REASON_HELP = "Dlaczego miasto uwzględnia uwagę albo nie: trafi do raportu."


class CommentGroup(models.Model):
    """Similar comments answered together: the group's position is each one's."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="comment_groups",
        verbose_name="Konsultacja",
    )
    name = models.CharField("Nazwa grupy", max_length=200, help_text="np. Parking przy szkole")
    position = models.CharField(
        "Stanowisko miasta", max_length=16, choices=Position.choices, blank=True
    )
    reason = models.TextField("Uzasadnienie stanowiska", blank=True, help_text=REASON_HELP)

    class Meta:
        verbose_name = "Grupa uwag"
        verbose_name_plural = "Grupy uwag"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "name"], name="consultations_group_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CommentTopic(TaggedItemBase):
    content_object = ParentalKey(
        "consultations.ConsultationComment", on_delete=models.CASCADE, related_name="topic_items"
    )


class ConsultationCommentQuerySet(models.QuerySet):
    def without_position(self):
        """Comments the city has not yet answered, alone or through their group."""
        return self.filter(
            Q(group__isnull=True, position="") | Q(group__isnull=False, group__position="")
        )

    def counted(self):
        """Comments the report lists: a duplicate counts once, under the first response."""
        return self.filter(response__duplicate_of__isnull=True)


class ConsultationComment(ClusterableModel):
    """One comment of a response: its free comment, or its comment on one section of the
    document. Made when the response is stored; its text is what the author wrote."""

    response = models.ForeignKey(
        "consultations.ConsultationResponse",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name="Zgłoszenie",
    )
    document_part = models.CharField("Część dokumentu", max_length=200, blank=True)
    text = models.TextField("Treść uwagi")
    topics = ClusterTaggableManager(
        through=CommentTopic, blank=True, verbose_name="Tematy", help_text="np. zieleń, parking"
    )
    group = models.ForeignKey(
        CommentGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name="Grupa",
    )
    position = models.CharField(
        "Stanowisko miasta", max_length=16, choices=Position.choices, blank=True
    )
    reason = models.TextField("Uzasadnienie stanowiska", blank=True, help_text=REASON_HELP)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    objects = ConsultationCommentQuerySet.as_manager()

    class Meta:
        verbose_name = "Uwaga do rozpatrzenia"
        verbose_name_plural = "Analiza uwag"
        ordering = ["response__submitted_at", "response_id", "sort_order"]

    def __str__(self) -> str:
        return f"{self.response.receipt_number}: {self.text[:60]}"

    @property
    def effective_position(self) -> str:
        return self.group.position if self.group_id else self.position

    @property
    def effective_reason(self) -> str:
        return self.group.reason if self.group_id else self.reason

    @property
    def position_label(self) -> str:
        value = self.effective_position
        return Position(value).label if value else "bez stanowiska"
