"""The NGO registry and grant calls (snippets shown under the registry app's pages).

An organisation or a call is found only while it is published and its listing page
(NGODirectoryPage, GrantCallIndexPage) is live and public: the result links there.
"""

from django.utils import timezone

from search.sources.base import SearchDocument, SearchSource, register
from search.sources.clock import next_moment
from search.sources.privacy import CollectionPrivacy, PagePrivacy
from snippets import call_state
from snippets.models import NGO, GrantCall

# The registry's own state names, as the stable English names of the search facets.
CALL_STATES = {
    call_state.PLANNED: "planned",
    call_state.OPEN: "open",
    call_state.EVALUATION: "evaluation",
    call_state.RESOLVED: "resolved",
    call_state.CANCELLED: "cancelled",
}


def _listing_url(page_model) -> str | None:
    page = page_model.objects.live().order_by("path").first()
    if page is None or PagePrivacy().visibility(page) != "public":
        return None
    return page.get_url()


class _ListedSource(SearchSource):
    listing_model = None

    @property
    def watched_models(self):
        return (self.listing_model,)

    def prepare_batch(self, objects):
        base = _listing_url(self.listing_model)
        for obj in objects:
            obj._search_base_url = base
        return objects

    def base_url(self, obj) -> str | None:
        if not hasattr(obj, "_search_base_url"):
            self.prepare_batch([obj])
        return obj._search_base_url

    def dependents(self, instance):
        # The listing page moved, was published or unpublished: every item's URL follows.
        return self.model.objects.all()


@register
class NGOSource(_ListedSource):
    model = NGO
    kind = "ngo"

    @property
    def listing_model(self):
        from registry.models import NGODirectoryPage

        return NGODirectoryPage

    def get_queryset(self):
        return NGO.objects.select_related("district").prefetch_related("areas").order_by("pk")

    def to_document(self, ngo):
        base = self.base_url(ngo)
        if not ngo.live or not base:
            return None
        details = [
            ngo.get_legal_form_display(),
            "organizacja pożytku publicznego (OPP)" if ngo.is_public_benefit else "",
            "" if ngo.is_active else "organizacja rozwiązana",
            ngo.address_line,
            ngo.district.name if ngo.district_id else "",
            " ".join(area.name for area in ngo.areas.all()),
        ]
        return SearchDocument(
            title=ngo.name,
            url=f"{base}{ngo.slug}/",
            date=None,
            summary=ngo.description,
            body="\n".join(part for part in details if part),
            identifiers=[
                ngo.short_name,
                f"KRS {ngo.krs}",
                f"NIP {ngo.nip}",
                f"REGON {ngo.regon}" if ngo.regon else "",
                ngo.phone,
                ngo.email,
            ],
        )


@register
class GrantCallSource(_ListedSource):
    model = GrantCall
    kind = "grant_call"

    @property
    def listing_model(self):
        from registry.models import GrantCallIndexPage

        return GrantCallIndexPage

    def get_queryset(self):
        return (
            GrantCall.objects.select_related("area")
            .prefetch_related("awards__ngo", "documents__document__collection")
            .order_by("pk")
        )

    def to_document(self, call):
        base = self.base_url(call)
        if not call.live or not base:
            return None
        now = timezone.now()
        awards = [f"{award.ngo.name}: {award.task_title}" for award in call.awards.all()]
        privacy = CollectionPrivacy()
        documents = [
            link.title or link.document.title
            for link in call.documents.all()
            if privacy.visibility(link.document.collection) == "public"
        ]
        details = [
            call.get_procedure_display(),
            call.task,
            call.area.name if call.area_id else "",
            call.unit,
            call.cancellation_note,
            *awards,
            *documents,
        ]
        return SearchDocument(
            title=call.title,
            url=f"{base}{call.slug}/",
            date=call.announced_at,
            summary=call.summary,
            body="\n".join(part for part in details if part),
            state=CALL_STATES.get(call.state_at(now), ""),
            refresh_at=next_moment(
                now,
                call.announced_at,
                call.offers_due_at,
                call.results_published_at,
                call.cancelled_at,
            ),
        )
