"""The lifecycle of a consultation (core.lifecycle): its state from its dates and content.

`state_of()` decides it for one page; `q()` says the same to the database for listings
and the API; the tests hold the two together.
"""

from datetime import datetime

from django.db.models import Q

from core import deadlines
from core.lifecycle import Lifecycle, State, register


def _report_published_q(now: datetime) -> Q:
    has_content = Q(report_document__isnull=False) | ~Q(report_summary="")
    return has_content & Q(report_date__lte=deadlines.local_day(now))


class ConsultationLifecycle(Lifecycle):
    name = "consultation"
    model = "consultations.ConsultationPage"
    # Report dates are days: they take effect at local midnight, which the page cache
    # never outlives anyway.
    moment_fields = ("opens_at", "closes_at")

    # Rank: what residents can act on first, cancelled last.
    PLANNED = State("planned", "planowana", "Planowana", rank=1)
    OPEN = State("open", "otwarta", "Trwa – można zgłaszać uwagi", rank=0)
    CLOSED = State("closed", "zamknieta", "Zakończona – czeka na raport", rank=2)
    CONCLUDED = State("concluded", "podsumowana", "Zakończona – raport opublikowany", rank=2)
    CANCELLED = State("cancelled", "odwolana", "Odwołana", rank=3)

    def published(self, model):
        return model.objects.live()

    def state_of(self, page, now: datetime) -> State:
        """- cancelled whenever it is marked so (whatever the dates);
        - planned before `opens_at`; open from `opens_at` until `closes_at` (over at it);
        - after closing: concluded once a report with content is dated today or earlier
          (Warsaw day), closed otherwise.
        """
        if page.is_cancelled:
            return self.CANCELLED
        if now < page.opens_at:
            return self.PLANNED
        if now < page.closes_at:
            return self.OPEN
        # Same test as the database's: any stored summary or a document.
        has_report = bool(page.report_document_id) or bool(page.report_summary)
        report_date = page.report_date if has_report else None
        if report_date is not None and report_date <= deadlines.local_day(now):
            return self.CONCLUDED
        return self.CLOSED

    def q(self, state, now: datetime) -> Q:
        not_cancelled = Q(is_cancelled=False)
        closed = not_cancelled & Q(closes_at__lte=now)
        return {
            self.CANCELLED: Q(is_cancelled=True),
            self.PLANNED: not_cancelled & Q(opens_at__gt=now),
            self.OPEN: not_cancelled & Q(opens_at__lte=now, closes_at__gt=now),
            self.CONCLUDED: closed & _report_published_q(now),
            self.CLOSED: closed & ~_report_published_q(now),
        }[self.get(str(state))]


CONSULTATION = register(ConsultationLifecycle)
