"""Helpers for entries that change with the clock alone (a consultation opens, a call closes)."""

from datetime import date, datetime, time

from django.utils import timezone


def next_moment(now: datetime, *moments) -> datetime | None:
    """The earliest of MOMENTS (datetimes, or dates taking effect at local midnight) after NOW."""
    ahead = []
    for moment in moments:
        if moment is None:
            continue
        if isinstance(moment, date) and not isinstance(moment, datetime):
            moment = timezone.make_aware(datetime.combine(moment, time.min))
        if moment > now:
            ahead.append(moment)
    return min(ahead, default=None)
