"""Councils in the site-wide search (search/, found at start-up): the bodies' and osiedla's
pages, and each entry of the registers of resolutions with its status as a facet.

A resolution's number is an identifier, so "12/2026" is found as typed and in every
shortening people cite it by ("12/26", and with a session's roman number, without it):
search.analysis indexes them. An entry is in the index while its council's page is live
and public; the result links to the entry's page under the council.
"""

from core.deadlines import day_start
from pages.councils.choices import ResolutionStatus
from pages.councils.listing import RESOLUTION_KIND
from pages.councils.models import CouncilPage, Resolution
from search.kinds import register_kind
from search.sources import SearchDocument, SearchSource, register
from search.sources.pages import register_page_type
from search.sources.privacy import PagePrivacy

register_kind("council", "Rada lub ciało doradcze", "Rady i ciała doradcze", order=85)
register_kind("osiedle", "Osiedle", "Osiedla", order=86)
register_kind(
    RESOLUTION_KIND,
    "Uchwała lub opinia rady",
    "Uchwały i opinie rad",
    order=87,
    states=[(status.api_value, status.label) for status in ResolutionStatus],
)

register_page_type("councils.CouncilPage", "council")
register_page_type("councils.OsiedlePage", "osiedle")


@register
class ResolutionSource(SearchSource):
    model = Resolution
    kind = RESOLUTION_KIND
    watched_models = (CouncilPage,)

    def get_queryset(self):
        return Resolution.objects.select_related("council").order_by("pk")

    def dependents(self, instance):
        # A council's page published, moved or unpublished: its register follows.
        return Resolution.objects.filter(council_id=instance.pk)

    def to_document(self, resolution):
        council = resolution.council
        if not council.live or PagePrivacy().visibility(council) != "public":
            return None
        url = resolution.get_url()
        if not url:
            return None
        return SearchDocument(
            title=f"{resolution.get_kind_display()} nr {resolution.number} – {resolution.title}",
            url=url,
            date=day_start(resolution.adopted_on),
            summary=f"{council.title} · {resolution.adopted_on:%d.%m.%Y} · "
            f"{resolution.get_status_display()}",
            body="\n".join([resolution.subject, council.title]),
            identifiers=[resolution.number],
            state=ResolutionStatus(resolution.status).api_value,
        )
