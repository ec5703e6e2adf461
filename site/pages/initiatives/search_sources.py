"""Local initiatives in the site-wide search (search/, found at start-up): each year's
rules with the call's state (refreshed at the next window's start or end) and the
register's applications with their status (a facet: the API's English values, the
pages' labels).

Applicants' data are never indexed: an entry carries the register's public fields only,
while the application is in the register and the pages above it are live and public.
"""

from django.utils import timezone

from pages.initiatives.choices import Status
from pages.initiatives.listing import APPLICATION_KIND
from pages.initiatives.models import Initiative, InitiativeIndexPage, InitiativeRulesPage
from pages.initiatives.state import RULES
from search.kinds import register_kind
from search.sources import SearchDocument, SearchSource, register
from search.sources.pages import register_page_type
from search.sources.privacy import PagePrivacy

register_kind(
    RULES.name, "Inicjatywa lokalna – nabór", "Inicjatywa lokalna – zasady", order=37, states=RULES
)
register_kind(
    APPLICATION_KIND,
    "Wniosek o inicjatywę lokalną",
    "Wnioski o inicjatywę lokalną",
    order=38,
    states=[(status.api_value, status.label) for status in Status],
)


def rules_extras(page) -> dict:
    now = timezone.now()
    return {"state": RULES.state_of(page, now).value, "refresh_at": RULES.next_change_of(page, now)}


register_page_type("initiatives.InitiativeRulesPage", RULES.name, rules_extras)


def _public_index(initiative) -> InitiativeIndexPage | None:
    rules = initiative.rules
    if not rules.live or PagePrivacy().visibility(rules) != "public":
        return None
    return InitiativeIndexPage.objects.live().filter(pk=rules.get_parent().pk).first()


@register
class InitiativeSource(SearchSource):
    model = Initiative
    kind = APPLICATION_KIND
    watched_models = (InitiativeRulesPage, InitiativeIndexPage)

    def get_queryset(self):
        return Initiative.objects.select_related("rules", "area", "district", "ngo").order_by("pk")

    def dependents(self, instance):
        return Initiative.objects.all()

    def to_document(self, initiative):
        public = initiative.confirmed_at is not None and not initiative.hidden
        index = _public_index(initiative) if public else None
        if index is None:
            return None
        return SearchDocument(
            title=initiative.title,
            url=f"{index.url}wnioski/{initiative.pk}/",
            date=initiative.submitted_at,
            summary=f"{initiative.rules.title} · {initiative.applicant_public_name} · "
            f"{initiative.get_status_display()}",
            body="\n".join(
                [
                    initiative.description,
                    initiative.effects,
                    initiative.beneficiaries,
                    initiative.place,
                    str(initiative.area),
                ]
            ),
            state=Status(initiative.status).api_value,
        )
