"""The lifecycle of a volunteering offer (core.lifecycle): it takes answers until it expires.

An offer is published by an approver and stays open until `expires_at` (over at that
very moment, as every term of the portal); after it, the page says so and the answer
form refuses.
"""

from datetime import datetime

from django.db.models import Q

from core.lifecycle import Lifecycle, State, register


class VolunteerOfferLifecycle(Lifecycle):
    name = "volunteer_offer"
    model = "volunteering.VolunteerOffer"
    moment_fields = ("expires_at",)

    OPEN = State("open", "aktualne", "przyjmuje zgłoszenia", rank=0)
    EXPIRED = State("expired", "zakonczone", "oferta wygasła", rank=1)

    def published(self, model):
        return model.objects.filter(live=True)

    def state_of(self, offer, now: datetime) -> State:
        if offer.live and offer.expires_at is not None and now < offer.expires_at:
            return self.OPEN
        return self.EXPIRED

    def q(self, state, now: datetime) -> Q:
        is_open = Q(live=True, expires_at__gt=now)
        return is_open if self.get(str(state)) == self.OPEN else ~is_open


OFFER = register(VolunteerOfferLifecycle)
