"""The state of a consultation, computed from its dates and content at a given moment.

One pure function decides it (`consultation_state`); the database twin used for
filtering and ordering (`ConsultationPageQuerySet`) must agree with it, and the tests
hold the two together.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils import timezone


class ConsultationState(models.TextChoices):
    PLANNED = "planned", "Planowana"
    OPEN = "open", "Trwa – można zgłaszać uwagi"
    CLOSED = "closed", "Zakończona – czeka na raport"
    CONCLUDED = "concluded", "Zakończona – raport opublikowany"
    CANCELLED = "cancelled", "Odwołana"


# The order of the listing: what residents can act on first, cancelled last.
STATE_ORDER = {
    ConsultationState.OPEN: 0,
    ConsultationState.PLANNED: 1,
    ConsultationState.CLOSED: 2,
    ConsultationState.CONCLUDED: 2,
    ConsultationState.CANCELLED: 3,
}


@dataclass(frozen=True)
class StateInputs:
    """What the state depends on, nothing else."""

    opens_at: datetime
    closes_at: datetime
    is_cancelled: bool = False
    report_date: date | None = None
    has_report_content: bool = False


def consultation_state(inputs: StateInputs, now: datetime) -> ConsultationState:
    """Return the state of a consultation at NOW.

    - cancelled whenever it is marked so (whatever the dates);
    - planned before `opens_at`; open from `opens_at` (inclusive) to `closes_at`
      (exclusive);
    - after closing: concluded once a report with content is dated today or earlier
      (local time), closed otherwise.
    """
    if inputs.is_cancelled:
        return ConsultationState.CANCELLED
    if now < inputs.opens_at:
        return ConsultationState.PLANNED
    if now < inputs.closes_at:
        return ConsultationState.OPEN
    if (
        inputs.has_report_content
        and inputs.report_date is not None
        and inputs.report_date <= timezone.localdate(now)
    ):
        return ConsultationState.CONCLUDED
    return ConsultationState.CLOSED
