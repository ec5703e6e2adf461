"""Councils in the site-wide search (search/, found at start-up): the bodies' and osiedla's
pages, and each entry of the registers of resolutions with its status as a facet.

A resolution's number is an identifier, so "12/2026" is found as typed and in every
shortening people cite it by ("12/26", and with a session's roman number, without it):
search.analysis indexes them. An entry is in the index while its council's page is live
and public; the result links to the entry's page under the council.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from core.deadlines import day_start
from pages.councils.choices import BodyKind, ResolutionStatus
from pages.councils.listing import RESOLUTION_KIND
from pages.councils.models import CouncilPage, OsiedlePage, Recruitment, Resolution
from pages.councils.state import RECRUITMENT
from search.kinds import register_kind
from search.sources import SearchDocument, SearchSource, register
from search.sources.pages import register_page_type
from search.sources.privacy import PagePrivacy

RECRUITMENT_KIND = RECRUITMENT.name  # "council_recruitment"

register_kind(
    "council", "Rada lub ciało doradcze", "Rady i ciała doradcze", order=85, states=BodyKind
)
register_kind(
    "osiedle",
    "Osiedle",
    "Osiedla",
    order=86,
    states=[("with_council", "z radą osiedla"), ("without_council", "bez rady osiedla")],
)
register_kind(
    RESOLUTION_KIND,
    "Uchwała lub opinia rady",
    "Uchwały i opinie rad",
    order=87,
    states=[(status.api_value, status.label) for status in ResolutionStatus],
)

register_kind(
    RECRUITMENT_KIND,
    "Nabór lub wybory do rady",
    "Nabory i wybory do rad",
    order=88,
    states=RECRUITMENT.states,
)


def _council_extras(page) -> dict:
    return {"state": page.body_kind}


def _osiedle_extras(page) -> dict:
    # A council whose page is not public is not named anywhere, so here it is "without".
    # The facet follows the council's page: _reindex_osiedla below.
    return {"state": "with_council" if page.public_council() else "without_council"}


def _reindex_osiedla(osiedla) -> None:
    """Index the osiedla's pages again (their facet names whether their council is public)."""
    from search import tasks
    from search.signal_handlers import enqueue

    pks = [str(pk) for pk in osiedla.values_list("pk", flat=True)]
    if pks:
        enqueue(tasks.reindex_objects, "wagtailcore.Page", pks)


def _on_council_changed(sender, instance, **kwargs):
    # Published, unpublished or about to be deleted (the osiedle's link is then set to
    # NULL in SQL, its page not saved).
    _reindex_osiedla(OsiedlePage.objects.filter(council_id=instance.pk))


def _on_restriction_changed(sender, instance, raw=False, **kwargs):
    # A view restriction on a council's page or above it, put or lifted.
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if not raw and page is not None:
        _reindex_osiedla(OsiedlePage.objects.filter(council__path__startswith=page.path))


page_published.connect(_on_council_changed, sender=CouncilPage, dispatch_uid="osiedla_facet_p")
page_unpublished.connect(_on_council_changed, sender=CouncilPage, dispatch_uid="osiedla_facet_u")
pre_delete.connect(_on_council_changed, sender=CouncilPage, dispatch_uid="osiedla_facet_d")
for _signal in (post_save, post_delete):
    _signal.connect(
        _on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid=f"osiedla_facet_restriction_{_signal is post_save}",
    )


register_page_type("councils.CouncilPage", "council", _council_extras)
register_page_type("councils.OsiedlePage", "osiedle", _osiedle_extras)


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


@register
class RecruitmentSource(SearchSource):
    """Announcements while their council's page is public, planned and open ones and
    closed ones alike (the page keeps them); the state follows the clock (refresh_at)."""

    model = Recruitment
    kind = RECRUITMENT_KIND
    watched_models = (CouncilPage,)

    def get_queryset(self):
        return Recruitment.objects.select_related("council").order_by("pk")

    def dependents(self, instance):
        return Recruitment.objects.filter(council_id=instance.pk)

    def to_document(self, recruitment):
        council = recruitment.council
        if not council.live or PagePrivacy().visibility(council) != "public":
            return None
        url = recruitment.get_url()
        if not url:
            return None
        now = timezone.now()
        state = recruitment.state_at(now)
        return SearchDocument(
            title=f"{recruitment.title} – {council.title}",
            url=url,
            date=recruitment.opens_at,
            summary=f"{recruitment.get_kind_display()} · {council.title} · zgłoszenia "
            f"{timezone.localtime(recruitment.opens_at):%d.%m.%Y} – "
            f"{timezone.localtime(recruitment.closes_at):%d.%m.%Y} · {state.label}",
            body="\n".join([strip_tags(recruitment.description), council.title]),
            state=state.value,
            refresh_at=RECRUITMENT.next_change_of(recruitment, now),
        )
