"""Volunteering offers in the site-wide search: the open ones, at their page under the
volunteering page. An offer leaves the search when it expires (`refresh_at`), as it
leaves the list; its page stays reachable, marked noindex (models/index.py)."""

from django.utils import timezone

from pages.volunteering.models import VolunteeringIndexPage, VolunteerOffer
from pages.volunteering.state import OFFER
from search.kinds import register_kind
from search.sources import SearchDocument, SearchSource, register
from search.sources.privacy import PagePrivacy

register_kind(OFFER.name, "Oferta wolontariatu", "Oferty wolontariatu", order=47, states=OFFER)


def _public_index_url() -> str | None:
    page = VolunteeringIndexPage.objects.live().order_by("path").first()
    if page is None or PagePrivacy().visibility(page) != "public":
        return None
    return page.get_url()


@register
class VolunteerOfferSource(SearchSource):
    model = VolunteerOffer
    kind = OFFER.name
    watched_models = (VolunteeringIndexPage,)

    def dependents(self, instance):
        # The index page was published, moved or unpublished: every offer's URL follows.
        return VolunteerOffer.objects.all()

    def get_queryset(self):
        return VolunteerOffer.objects.select_related("ngo", "area", "district").order_by("pk")

    def prepare_batch(self, objects):
        base = _public_index_url()
        for obj in objects:
            obj._search_base_url = base
        return objects

    def to_document(self, offer):
        base = getattr(offer, "_search_base_url", None) or _public_index_url()
        now = timezone.now()
        if not offer.live or base is None or offer.state_at(now) != OFFER.OPEN:
            return None
        where = "zdalnie" if offer.remote else (offer.district.name if offer.district else "")
        return SearchDocument(
            title=offer.title,
            url=f"{base}{offer.pk}/",
            date=offer.first_published_at,
            summary=" · ".join(part for part in (offer.ngo.name, where, offer.schedule) if part),
            body="\n".join([offer.description, offer.skills, offer.ngo.name, offer.area.name]),
            state=offer.state_at(now).value,
            refresh_at=OFFER.next_change_of(offer, now),
        )
