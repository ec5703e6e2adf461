"""Councils, terms, members, resolutions and osiedla for tests."""

import datetime

from django.utils import timezone

from wagtail.models import Page

from pages.councils.choices import BodyKind, Represents, Role
from pages.councils.models import (
    CouncilIndexPage,
    CouncilPage,
    CouncilTerm,
    Membership,
    OsiedleIndexPage,
    OsiedlePage,
    Recruitment,
    Resolution,
)
from snippets.models import District


def _add(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def council_index(home) -> CouncilIndexPage:
    return _add(home, CouncilIndexPage(title="Rady i ciała doradcze", slug="rady"))


def council(index, title="Rada Działalności Pożytku Publicznego", **fields) -> CouncilPage:
    fields.setdefault("body_kind", BodyKind.PUBLIC_BENEFIT)
    return _add(index, CouncilPage(title=title, **fields))


def term(council_page, starts_on, ends_on=None, name="Kadencja") -> CouncilTerm:
    return CouncilTerm.objects.create(
        council=council_page, name=name, starts_on=starts_on, ends_on=ends_on
    )


def member(term_, name, role=Role.MEMBER, **fields) -> Membership:
    fields.setdefault("represents", Represents.PRESIDENT)
    return Membership.objects.create(term=term_, name=name, role=role, **fields)


def resolution(council_page, number, **fields) -> Resolution:
    fields.setdefault("title", f"w sprawie {number}")
    fields.setdefault("adopted_on", datetime.date(2026, 3, 10))
    return Resolution.objects.create(council=council_page, number=number, **fields)


def osiedle(name="Reden", population=9800) -> District:
    district, _ = District.objects.get_or_create(
        name=name,
        defaults={
            "slug": name.lower(),
            "is_osiedle": True,
            "official_name": f"Osiedle {name}",
            "population": population,
        },
    )
    return district


def osiedle_page(home, district, **fields) -> OsiedlePage:
    index = OsiedleIndexPage.objects.first() or _add(
        home, OsiedleIndexPage(title="Osiedla", slug="osiedla")
    )
    return _add(index, OsiedlePage(title=district.display_name, district=district, **fields))


def recruitment(council_page, open_=True, **fields) -> Recruitment:
    """A recruitment taking applications on the portal's form: open now, or closed an
    hour ago."""
    now = timezone.now()
    fields.setdefault("title", "Nabór do Młodzieżowej Rady Miasta")
    fields.setdefault("opens_at", now - datetime.timedelta(days=3))
    fields.setdefault(
        "closes_at",
        now + datetime.timedelta(days=5) if open_ else now - datetime.timedelta(hours=1),
    )
    fields.setdefault("takes_applications", True)
    return Recruitment.objects.create(council=council_page, **fields)
