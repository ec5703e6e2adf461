"""The budget in the site-wide search (search/, found at start-up): editions with their
phase (a facet from the lifecycle, refreshed when the next phase starts) and public
projects with their status (a facet: the API's English values, the pages' labels).

Authors' and supporters' data are never indexed; a project is in the index while it is
public (confirmed, not hidden) and its edition and the budget page are live and public.
"""

from django.utils import timezone

from pages.budget.listing import PROJECT_KIND
from pages.budget.models import (
    BudgetEditionPage,
    BudgetIndexPage,
    BudgetProject,
    ImplementationUpdate,
    Status,
)
from pages.budget.phases import EDITION
from search.kinds import register_kind
from search.sources import SearchDocument, SearchSource, register
from search.sources.pages import register_page_type
from search.sources.privacy import PagePrivacy

register_kind(
    EDITION.name, "Edycja budżetu", "Budżet obywatelski – edycje", order=35, states=EDITION
)
register_kind(
    PROJECT_KIND,
    "Projekt w budżecie",
    "Projekty w budżecie obywatelskim",
    order=36,
    states=[(status.api_value, status.label) for status in Status],
)


def edition_extras(page) -> dict:
    now = timezone.now()
    return {
        "state": page.get_phase(now).value,
        "refresh_at": EDITION.next_change_of(page, now),
        "date": page.submission_from,
    }


register_page_type("budget.BudgetEditionPage", EDITION.name, edition_extras)


def _public_index(project) -> BudgetIndexPage | None:
    edition = project.edition
    if not edition.live or PagePrivacy().visibility(edition) != "public":
        return None
    return BudgetIndexPage.objects.live().filter(pk=edition.get_parent().pk).first()


@register
class BudgetProjectSource(SearchSource):
    model = BudgetProject
    kind = PROJECT_KIND
    watched_models = (BudgetEditionPage, BudgetIndexPage, ImplementationUpdate)

    def get_queryset(self):
        return BudgetProject.objects.select_related("edition", "pool").order_by("pk")

    def dependents(self, instance):
        if isinstance(instance, ImplementationUpdate):
            # An update written, published or withdrawn: its project's entry carries it.
            return BudgetProject.objects.filter(pk=instance.project_id)
        # An edition or the budget page published, moved or unpublished.
        return BudgetProject.objects.all()

    def to_document(self, project):
        public = project.confirmed_at is not None and not project.hidden
        index = _public_index(project) if public else None
        if index is None:
            return None
        return SearchDocument(
            title=project.title,
            url=f"{index.url}projekty/{project.pk}/",
            date=project.submitted_at,
            summary=f"{project.edition.title} · {project.pool.name} · "
            f"{project.get_status_display()}",
            body="\n".join(
                [
                    project.description,
                    project.justification,
                    project.beneficiaries,
                    project.address,
                    project.get_category_display(),
                    # The published updates on its realisation, findable through it.
                    *(
                        f"{update.title}\n{update.text}"
                        for update in project.implementation_updates.published()
                    ),
                ]
            ),
            state=Status(project.status).api_value,
        )
