"""People of the department in the site-wide search (search/, found at start-up): the
Person snippet, found by name, position, phone or e-mail.

A person is in the index only while a live public page of this app shows them (their
team or the department), and the result links to that page: the snippet has no page of
its own. That is why the source lives here and not in `snippets`, which knows no page.
"""

from pages.department.models import DepartmentPage, TeamPage
from search.kinds import register_kind
from search.sources import SearchDocument, SearchSource, register
from search.sources.privacy import PagePrivacy
from snippets.models import Person

register_kind("person", "Osoba", "Osoby", order=100)


def _pages_showing(person):
    """Live pages listing PERSON, teams first."""
    teams = TeamPage.objects.live().filter(members__person=person).distinct().order_by("path")
    departments = (
        DepartmentPage.objects.live().filter(leaders__person=person).distinct().order_by("path")
    )
    return [*teams, *departments]


@register
class PersonSource(SearchSource):
    model = Person
    kind = "person"

    watched_models = (TeamPage, DepartmentPage)

    def to_document(self, person):
        privacy = PagePrivacy()
        pages = [page for page in _pages_showing(person) if privacy.visibility(page) == "public"]
        pages = [(page, page.get_url()) for page in pages]
        pages = [(page, url) for page, url in pages if url]
        if not pages:
            return None
        roles = []
        for page, _url in pages:
            for relation in ("members", "leaders"):
                manager = getattr(page, relation, None)
                if manager is None:
                    continue
                roles.extend(m.role for m in manager.filter(person=person) if m.role)
        return SearchDocument(
            title=person.name,
            url=pages[0][1],
            # Only the person's own words: team names would make everyone in a team
            # match every search for the team.
            summary=" · ".join(dict.fromkeys([person.position, *roles])),
            identifiers=[value for value in (person.phone, person.email) if value],
        )

    def dependents(self, instance):
        ids = set()
        for relation in ("members", "leaders"):
            manager = getattr(instance, relation, None)
            if manager is not None:
                ids.update(manager.values_list("person_id", flat=True))
        return Person.objects.filter(pk__in=ids)
