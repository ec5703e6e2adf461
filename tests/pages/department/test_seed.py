"""load_seed: builds the department from the project's data file, idempotently."""

from django.core.management import call_command

from wagtail.models import Page, PageViewRestriction, Site

import pytest

from accounts.models import SectionPage
from core.models import SiteContactSettings
from pages.department.models import (
    AccessibilityStatementPage,
    ContactPage,
    DepartmentLeader,
    DepartmentPage,
    HomePage,
    TeamMembership,
    TeamPage,
)
from pages.department.seed import load_data
from snippets.models import Person

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "pages": Page.objects.count(),
        "people": Person.objects.count(),
        "leaders": DepartmentLeader.objects.count(),
        "memberships": TeamMembership.objects.count(),
        "sites": Site.objects.count(),
    }


def test_builds_the_tree_at_the_contract_slugs(client):
    call_command("load_seed", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    department = DepartmentPage.objects.get()
    assert department.url == "/wydzial/"
    assert ContactPage.objects.get().url == "/kontakt/"
    assert AccessibilityStatementPage.objects.get(slug="deklaracja-dostepnosci").url == (
        "/deklaracja-dostepnosci/"
    )
    for team in TeamPage.objects.all():
        assert team.url.startswith("/wydzial/")
        assert team.get_parent().specific == department
    data = load_data()
    assert TeamPage.objects.count() == len(data["teams"])
    assert Person.objects.count() == len(data["people"])
    # The seed misspells the street; the data file carries the right name.
    assert department.street_address == "ul. Sienkiewicza 6a"
    assert SiteContactSettings.for_site(site).street_address == "ul. Sienkiewicza 6a"


def test_running_twice_leaves_one_of_everything():
    call_command("load_seed", verbosity=0)
    first = _counts()
    revisions = DepartmentPage.objects.get().revisions.count()
    call_command("load_seed", verbosity=0)
    assert _counts() == first
    # The second run changes nothing that exists: no new revisions either.
    assert DepartmentPage.objects.get().revisions.count() == revisions


def test_editors_changes_survive_a_second_run_unless_update():
    call_command("load_seed", verbosity=0)
    person = Person.objects.get(name="Filip Parulski")
    person.phone = "32 000 00 00"
    person.save()
    team = TeamPage.objects.first()
    team.email = "nowy@dg.pl"
    team.save_revision().publish()
    call_command("load_seed", verbosity=0)
    assert TeamPage.objects.get(pk=team.pk).email == "nowy@dg.pl"
    call_command("load_seed", "--update", verbosity=0)
    assert TeamPage.objects.get(pk=team.pk).email != "nowy@dg.pl"
    assert Person.objects.get(pk=person.pk).phone == "32 000 00 00"  # not in the data file


def test_all_24_duties_in_three_areas_numbered_in_order():
    call_command("load_seed", verbosity=0)
    department = DepartmentPage.objects.get()
    areas = [block.value for block in department.duty_areas]
    assert len(areas) == 3
    numbers = [duty["number"] for area in areas for duty in area["duties"]]
    assert numbers == list(range(1, 25))


def test_the_seed_builds_the_ngo_zone_the_footer_links_to(client):
    """Every page's footer links /strefa-ngo/; the seed (not only the sample content)
    makes sure the zone exists, restricted: a visitor is sent to log in, never a 404."""
    call_command("load_seed", verbosity=0)
    call_command("load_seed", verbosity=0)
    zone = SectionPage.objects.get(slug="strefa-ngo")
    assert SectionPage.objects.filter(slug="intranet").count() == 1
    assert PageViewRestriction.objects.filter(page=zone).exists()
    home = client.get("/")
    footer = home.content.decode().split('<footer class="site-footer">')[1]
    assert 'href="/strefa-ngo/"' in footer
    answer = client.get("/strefa-ngo/")
    assert answer.status_code == 302
    assert "next=/strefa-ngo/" in answer["Location"]


def test_the_seed_sets_the_teams_mailboxes_for_notices():
    call_command("load_seed", verbosity=0)
    contact = SiteContactSettings.for_site(Site.objects.get(is_default_site=True))
    assert contact.ngo_team_email == "cao@dg.pl"
    assert contact.consultations_team_email == "twojadabrowa@dg.pl"
    contact.ngo_team_email = "zespol@dg.pl"
    contact.save()
    call_command("load_seed", verbosity=0)
    contact.refresh_from_db()
    assert contact.ngo_team_email == "zespol@dg.pl"  # the editors' choice stays
