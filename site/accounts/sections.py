"""The restricted areas: /intranet/ (staff) and /strefa-ngo/ (NGO partners and staff).

`ensure_sections()` builds them idempotently with their view restrictions and private
document collections; an existing section keeps what editors made of it, but its
restriction is put back if it was removed (an area without one would be public).
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.contrib.auth.models import Group

from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from accounts import roles
from accounts.models import SectionPage


@dataclass(frozen=True)
class Area:
    slug: str
    title: str
    summary: str
    collection_name: str
    groups: tuple[str, ...]
    ngo_self_service: bool = False


INTRANET = Area(
    slug="intranet",
    title="Intranet",
    summary="Strefa pracowników wydziału: procedury, wzory dokumentów, sprawy wewnętrzne.",
    collection_name="Intranet – dokumenty wewnętrzne",
    groups=roles.INTRANET_GROUPS,
)
EXTRANET = Area(
    slug="strefa-ngo",
    title="Strefa partnerów NGO",
    summary="Strefa organizacji partnerskich: materiały, terminy i zmiany danych w rejestrze.",
    collection_name="Strefa NGO – dokumenty dla partnerów",
    groups=roles.EXTRANET_GROUPS,
    ngo_self_service=True,
)
AREAS = (INTRANET, EXTRANET)


def _groups(names) -> list[Group]:
    return [Group.objects.get_or_create(name=name)[0] for name in names]


def ensure_collection(area: Area) -> Collection:
    """The area's private collection, restricted to the area's groups."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=area.collection_name).first()
    if collection is None:
        collection = root.add_child(name=area.collection_name)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set(_groups(area.groups))
    return collection


def ensure_section(home: Page, area: Area) -> SectionPage:
    collection = ensure_collection(area)
    section = SectionPage.objects.child_of(home).filter(slug=area.slug).first()
    if section is None:
        section = home.add_child(
            instance=SectionPage(
                title=area.title,
                slug=area.slug,
                summary=area.summary,
                documents_collection=collection,
                ngo_self_service=area.ngo_self_service,
                show_in_menus=False,
            )
        )
        section.save_revision().publish()
    if not PageViewRestriction.objects.filter(page=section).exists():
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set(_groups(area.groups))
    return section


def ensure_sections(home: Page) -> list[SectionPage]:
    return [ensure_section(home, area) for area in AREAS]


def landing_url_for(user) -> str | None:
    """The first restricted section USER may read (intranet before the NGO zone), or None."""
    if not user.is_authenticated:
        return None
    probe = SimpleNamespace(user=user, session={})
    restrictions = (
        PageViewRestriction.objects.filter(page__live=True, page__depth__gt=1)
        .select_related("page")
        .prefetch_related("groups")
        .order_by("page__path")
    )
    for restriction in restrictions:
        if restriction.page.specific_class is SectionPage and restriction.accept_request(probe):
            return restriction.page.url
    return None
