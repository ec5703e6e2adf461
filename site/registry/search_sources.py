"""The registries in the site-wide search (search/): organisations and grant calls.

A record is in the index while it is published and its public page exists (the
directory or the calls page is live and public); the result links to that page.

A call's state is given only when it is final (resolved, cancelled): planned, open
and under-evaluation states change with the clock, and an index entry is written only
when the call changes, so it would soon say "open" of a call long closed.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags

from search.sources import SearchDocument, SearchSource, register
from search.sources.privacy import PagePrivacy
from snippets import call_state
from snippets.models import NGO, GrantCall, PublicBenefitArea

# The search's own state names (search.kinds) for the calls' final states.
FINAL_STATES = {call_state.RESOLVED: "resolved", call_state.CANCELLED: "cancelled"}


def _public_index_url(model) -> str | None:
    """The URL of the live, public index page of MODEL, or None."""
    page = model.objects.live().first()
    if page is None or PagePrivacy().visibility(page) != "public":
        return None
    return page.get_url()


class RegistrySource(SearchSource):
    index_page_model = None  # set by subclasses (lazily: registry.models imports pages)

    def prepare_batch(self, objects):
        self._base_url = _public_index_url(self.index_page_model())
        return objects

    def base_url(self) -> str | None:
        if not hasattr(self, "_base_url"):
            return _public_index_url(self.index_page_model())
        return self._base_url


@register
class NGOSource(RegistrySource):
    model = NGO
    kind = "ngo"

    @staticmethod
    def index_page_model():
        from registry.models import NGODirectoryPage

        return NGODirectoryPage

    def get_queryset(self):
        return NGO.objects.order_by("pk")

    def prepare_batch(self, objects):
        objects = super().prepare_batch(objects)
        pks = [ngo.pk for ngo in objects]
        return list(
            NGO.objects.filter(pk__in=pks)
            .select_related("district")
            .prefetch_related(Prefetch("areas", queryset=PublicBenefitArea.objects.all()))
            .order_by("pk")
        )

    def to_document(self, ngo):
        base = self.base_url()
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
            identifiers=[value for value in (ngo.krs, ngo.nip, ngo.regon) if value],
        )


@register
class GrantCallSource(RegistrySource):
    model = GrantCall
    kind = "grant_call"

    @staticmethod
    def index_page_model():
        from registry.models import GrantCallIndexPage

        return GrantCallIndexPage

    def get_queryset(self):
        return GrantCall.objects.select_related("area").order_by("pk")

    def to_document(self, call):
        base = self.base_url()
        if not call.live or base is None:
            return None
        state = call.state
        deadline = timezone.localtime(call.offers_due_at)
        return SearchDocument(
            title=call.title,
            url=f"{base}{call.slug}/",
            date=call.announced_at,
            summary=(
                f"{call.get_procedure_display()} · {call.task} · "
                f"oferty do {deadline:%d.%m.%Y, %H:%M}"
            ),
            body="\n".join([call.summary, strip_tags(call.body), call.area.name]),
            state=FINAL_STATES.get(state, ""),
        )
