"""Consultations and announcements in the site-wide search (search/, found at start-up).

A consultation's state is a search facet; it changes with the clock alone (opening,
closing, the report's date), so each entry carries `refresh_at`, the next such moment,
and the search re-indexes it once that moment has passed.
"""

from datetime import datetime, time

from django.utils import timezone

from pages.consultations.state import CONSULTATION
from search.analysis import identifiers_in
from search.kinds import register_kind
from search.sources.clock import next_moment
from search.sources.pages import register_page_type

# The states' values (the API's `state=`) and labels (the facet's), as the page shows them.
register_kind(
    CONSULTATION.name,
    "Konsultacje społeczne",
    "Konsultacje społeczne",
    order=20,
    states=CONSULTATION,
)
register_kind("announcement", "Ogłoszenie", "Ogłoszenia", order=30)


def consultation_extras(page) -> dict:
    now = timezone.now()
    has_report = bool(page.report_document_id) or bool(page.report_summary)
    return {
        "state": page.get_state(now).value,
        # The lifecycle's moments, and the report's day (it concludes at its midnight).
        "refresh_at": next_moment(
            now,
            CONSULTATION.next_change_of(page, now),
            page.report_date if has_report else None,
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
