"""The registries in the site-wide search (search/): organisations and grant calls.

A record is in the index while it is published and its public page exists (the
directory or the calls page is live and public); the result links to that page, so
publishing, moving or unpublishing that page re-indexes the records under it.

A call's state (planned, open, evaluation, resolved, cancelled) and a small-grant offer's
(open, closed: its art. 19a comment window) are search facets, values and labels from
their lifecycles. They come with `refresh_at`, the next moment the state changes; the
search re-indexes such entries when that moment has passed, so an entry never says "open"
of a call long closed.

The other half: the records (NGO, GrantCall, SmallGrantOffer), their state, admin
screens, import and open data are snippets, in `snippets/`.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags

from pages.registry.links import offer_path
from pages.registry.models import GrantCallIndexPage, NGODirectoryPage
from search.kinds import register_kind
from search.sources import SearchDocument, SearchSource, register
from search.sources.privacy import CollectionPrivacy, PagePrivacy
from snippets.call_state import CALL
from snippets.models import NGO, GrantCall, PublicBenefitArea, SmallGrantOffer
from snippets.offer_state import OFFER

# The states' values (the API's `state=`) and labels (the facet's), as the pages show them.
register_kind(CALL.name, "Konkurs lub nabór", "Konkursy i nabory", order=40, states=CALL)
register_kind(
    OFFER.name,
    "Oferta w trybie art. 19a",
    "Oferty w trybie art. 19a (małe granty)",
    order=45,
    states=OFFER,
)
register_kind("ngo", "Organizacja pozarządowa", "Organizacje pozarządowe", order=50)


def _public_index_url(model) -> str | None:
    """The URL of the live, public index page of MODEL, or None."""
    page = model.objects.live().order_by("path").first()
    if page is None or PagePrivacy().visibility(page) != "public":
        return None
    return page.get_url()


class RegistrySource(SearchSource):
    """Records listed under one index page. The base URL is looked up per batch and kept
    on the records (a source is shared by every thread of the process)."""

    @staticmethod
    def index_page_model():
        raise NotImplementedError

    @property
    def watched_models(self):
        return (self.index_page_model(),)

    def dependents(self, instance):
        # The index page was published, moved or unpublished: every record's URL follows.
        return self.model.objects.all()

    def prepare_batch(self, objects):
        base = _public_index_url(self.index_page_model())
        for obj in objects:
            obj._search_base_url = base
        return objects

    def base_url(self, obj) -> str | None:
        if not hasattr(obj, "_search_base_url"):
            return _public_index_url(self.index_page_model())
        return obj._search_base_url


@register
class NGOSource(RegistrySource):
    model = NGO
    kind = "ngo"

    @staticmethod
    def index_page_model():
        return NGODirectoryPage

    def get_queryset(self):
        return NGO.objects.order_by("pk")

    def prepare_batch(self, objects):
        pks = [ngo.pk for ngo in objects]
        objects = list(
            NGO.objects.filter(pk__in=pks)
            .select_related("district")
            .prefetch_related(Prefetch("areas", queryset=PublicBenefitArea.objects.all()))
            .order_by("pk")
        )
        return super().prepare_batch(objects)

    def to_document(self, ngo):
        base = self.base_url(ngo)
        if not ngo.live or base is None:
            return None
        areas = [area.label for area in ngo.areas.all()]
        summary = " · ".join(
            part
            for part in (
                ngo.get_legal_form_display(),
                "organizacja pożytku publicznego" if ngo.is_public_benefit else "",
                ngo.district.name if ngo.district else "",
                "rozwiązana" if not ngo.is_active else "",
            )
            if part
        )
        return SearchDocument(
            title=ngo.name,
            url=f"{base}{ngo.slug}/",
            date=ngo.last_published_at,
            summary=summary,
            body="\n".join([ngo.short_name, ngo.description, *areas, ngo.address_line]),
            identifiers=[
                value
                for value in (
                    f"KRS {ngo.krs}" if ngo.krs else "",
                    f"NIP {ngo.nip}" if ngo.nip else "",
                    f"REGON {ngo.regon}" if ngo.regon else "",
                    ngo.phone,
                    ngo.email,
                )
                if value
            ],
        )


@register
class GrantCallSource(RegistrySource):
    model = GrantCall
    kind = "grant_call"

    @staticmethod
    def index_page_model():
        return GrantCallIndexPage

    def get_queryset(self):
        return (
            GrantCall.objects.select_related("area")
            .prefetch_related("awards__ngo", "documents__document__collection")
            .order_by("pk")
        )

    def to_document(self, call):
        base = self.base_url(call)
        if not call.live or base is None:
            return None
        now = timezone.now()
        deadline = timezone.localtime(call.offers_due_at)
        privacy = CollectionPrivacy()
        documents = [
            link.title or link.document.title
            for link in call.documents.all()
            if privacy.visibility(link.document.collection) == "public"
        ]
        awards = [f"{award.ngo.name}: {award.task_title}" for award in call.awards.all()]
        return SearchDocument(
            title=call.title,
            url=f"{base}{call.slug}/",
            date=call.announced_at,
            summary=(
                f"{call.get_procedure_display()} · {call.task} · "
                f"oferty do {deadline:%d.%m.%Y, %H:%M}"
            ),
            body="\n".join(
                [call.summary, strip_tags(call.body), call.area.name, *awards, *documents]
            ),
            state=call.state_at(now).value,
            refresh_at=CALL.next_change_of(call, now),
        )


@register
class SmallGrantOfferSource(RegistrySource):
    """Offers published for comments (art. 19a), at their page under the calls page."""

    model = SmallGrantOffer
    kind = OFFER.name

    @staticmethod
    def index_page_model():
        return GrantCallIndexPage

    def get_queryset(self):
        return SmallGrantOffer.objects.select_related("ngo", "area").order_by("pk")

    def to_document(self, offer):
        base = self.base_url(offer)
        now = timezone.now()
        published = offer.live and offer.published_on is not None
        if not published or offer.published_on > timezone.localdate(now) or base is None:
            return None
        return SearchDocument(
            title=offer.title,
            url=f"{base}{offer_path(offer.pk)}",
            date=offer.first_published_at,
            summary=f"{offer.ngo.name} · {offer.amount} zł · {offer.get_outcome_display()}",
            body="\n".join([offer.summary, offer.ngo.name, offer.area.name]),
            state=offer.state_at(now).value,
            refresh_at=OFFER.next_change_of(offer, now),
        )
