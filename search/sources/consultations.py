"""Consultations (with their state as a facet) and announcements of the `consultations` app."""

from datetime import datetime, time

from django.utils import timezone

from search.analysis import identifiers_in
from search.sources.clock import next_moment
from search.sources.pages import register_page_type


def consultation_extras(page) -> dict:
    now = timezone.now()
    has_report = bool(page.report_document_id) or bool(page.report_summary)
    return {
        "state": page.get_state(now).value,
        "refresh_at": next_moment(
            now, page.opens_at, page.closes_at, page.report_date if has_report else None
        ),
        "date": page.opens_at,
        "identifiers": identifiers_in(f"{page.legal_basis}\n{page.subject}"),
    }


def announcement_extras(page) -> dict:
    published = getattr(page, "published_datetime", None)
    if published is None:
        published = timezone.make_aware(datetime.combine(page.date, time.min))
    return {"date": published}


register_page_type("consultations.ConsultationPage", "consultation", consultation_extras)
register_page_type("consultations.AnnouncementPage", "announcement", announcement_extras)
