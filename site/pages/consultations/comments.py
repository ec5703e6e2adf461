"""The comments of a response, made once when it is stored (online or by staff)."""

from django.db import transaction

from pages.consultations.models import ConsultationComment
from pages.consultations.questionnaire import comments_from


def record_comments(response) -> list[ConsultationComment]:
    """One comment for the free comment and one per commented section of the document."""
    found = []
    if response.comment:
        found.append((response.document_part, response.comment))
    found.extend(comments_from(response.answers or {}))
    return ConsultationComment.objects.bulk_create(
        ConsultationComment(response=response, document_part=part, text=text, sort_order=n)
        for n, (part, text) in enumerate(found)
    )


def store_response(response) -> tuple:
    """Store RESPONSE once with its comments, all or nothing: (response, created)."""
    with transaction.atomic():
        stored, created = response.save_once()
        if created:
            record_comments(stored)
    return stored, created
