"""The lifecycle of a small-grant offer (core.lifecycle): open for comments for 7 days.

Art. 19a ust. 3 of the act on public benefit activity: anyone may comment on the offer
"within 7 days of the day it is published". The window opens when the offer actually
goes live and ends at 24:00 of the seventh day after that day (art. 111 § 2 of the civil
code: the day of publication is not counted), moved to the next working day when
DeadlineSettings say so (art. 115). The end is fixed once, at publication, in
`comments_close_at` (snippets.models.small_grant_offer), so that the database filters by
it and a later change of the setting does not move a term already running.
"""

from datetime import datetime

from django.db.models import Q

from core import deadlines
from core.lifecycle import Lifecycle, State, register

# Art. 19a ust. 3: 7 days, counted as the civil code counts (art. 111 § 2).
COMMENT_DAYS = 7


class SmallGrantOfferLifecycle(Lifecycle):
    name = "small_grant_offer"
    model = "snippets.SmallGrantOffer"
    moment_fields = ("comments_close_at",)

    OPEN = State("open", "uwagi", "uwagi przyjmowane", rank=0)
    CLOSED = State("closed", "po-terminie", "termin uwag minął", rank=1)

    def published(self, model):
        return model.objects.filter(live=True)

    def state_of(self, offer, now: datetime) -> State:
        """Open from the day of publication until `comments_close_at` (over at it)."""
        if (
            offer.live
            and offer.published_on is not None
            and offer.comments_close_at is not None
            and offer.published_on <= deadlines.local_day(now)
            and now < offer.comments_close_at
        ):
            return self.OPEN
        return self.CLOSED

    def q(self, state, now: datetime) -> Q:
        is_open = Q(
            live=True,
            published_on__lte=deadlines.local_day(now),
            comments_close_at__gt=now,
        )
        return is_open if self.get(str(state)) == self.OPEN else ~is_open


OFFER = register(SmallGrantOfferLifecycle)
