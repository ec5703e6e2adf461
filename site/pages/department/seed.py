"""Building the department's pages and contacts from data/department.json, idempotently.

Objects that exist are left as editors made them unless `update=True`; missing ones are
created. Running it twice leaves one of everything.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from wagtail.models import Page, Site

from accounts.sections import AREAS, ensure_sections
from core.models import SiteContactSettings
from pages.department.accessibility import (
    seed_accessibility_statement,
    seed_buildings,
    seed_privacy_page,
)
from pages.department.models import (
    ContactPage,
    DepartmentLeader,
    DepartmentPage,
    HomePage,
    TeamMembership,
    TeamPage,
)
from snippets.models import Person

DATA_FILE = Path(__file__).resolve().parent / "data" / "department.json"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def load_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def ensure_home_page() -> HomePage:
    """The default site's root as a HomePage, replacing Wagtail's placeholder page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePage.objects.first()
    placeholder = site.root_page if site else None
    if home is None:
        if placeholder is not None and placeholder.slug == "home":
            placeholder.slug = "home-placeholder"
            placeholder.save(update_fields=["slug"])
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Strona główna", slug="home")
        )
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save(update_fields=["root_page"])
    # Wagtail's welcome page goes once no site points at it (deleting it first would
    # cascade to the site).
    if placeholder is not None and not placeholder.get_children().exists():
        placeholder.delete()
    return home


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _child(parent: Page, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


class DepartmentSeeder:
    def __init__(self, data: dict, update: bool = False):
        self.data = data
        self.update = update
        self.report = SeedReport()
        self.people: dict[str, Person] = {}

    @transaction.atomic
    def run(self) -> SeedReport:
        home = self.seed_home()
        self.seed_people()
        department = self.seed_department(home)
        for team in self.data["teams"]:
            self.seed_team(department, team)
        self.seed_contact(home, department)
        self.seed_legal_pages(home)
        self.seed_sections(home)
        self.seed_settings(home)
        return self.report

    def seed_home(self) -> HomePage:
        home = ensure_home_page()
        values = self.data["home"]
        if self.update or not home.summary:
            home.title = values["title"]
            home.summary = values["summary"]
            _publish(home)
            self.report.updated.append("strona główna")
        return home

    def seed_people(self) -> None:
        for order, entry in enumerate(self.data["people"]):
            person, created = Person.objects.get_or_create(
                name=entry["name"], defaults={"position": entry["position"], "sort_order": order}
            )
            if created:
                self.report.created.append(f"osoba: {person.name}")
            elif self.update and person.position != entry["position"]:
                person.position = entry["position"]
                person.save(update_fields=["position"])
                self.report.updated.append(f"osoba: {person.name}")
            self.people[person.name] = person

    def seed_department(self, home: HomePage) -> DepartmentPage:
        values = self.data["department"]
        page = _child(home, DepartmentPage, values["slug"])
        created = page is None
        if not created and not self.update:
            return page
        page = page or DepartmentPage(slug=values["slug"], show_in_menus=True)
        for name in (
            "title",
            "summary",
            "centre_name",
            "institution_name",
            "street_address",
            "postal_code",
            "city",
            "secretariat_phone",
        ):
            setattr(page, name, values[name])
        page.duty_areas = [
            (
                "area",
                {
                    "title": area["title"],
                    "duties": [{"number": n, "text": text} for n, text in area["duties"]],
                },
            )
            for area in values["duty_areas"]
        ]
        page.duties_intro = values["duty_intro"]
        page.leaders = [
            DepartmentLeader(person=self.people[leader["person"]], role=leader["role"])
            for leader in values["leaders"]
        ]
        if created:
            home.add_child(instance=page)
        _publish(page)
        (self.report.created if created else self.report.updated).append(f"strona: {page.title}")
        return page

    def seed_team(self, department: DepartmentPage, values: dict) -> TeamPage:
        page = _child(department, TeamPage, values["slug"])
        created = page is None
        if not created and not self.update:
            return page
        page = page or TeamPage(slug=values["slug"])
        page.title = values["title"]
        page.summary = values["summary"]
        page.email = values["email"]
        page.phone = values["phone"]
        page.facebook_name = values["facebook_name"]
        page.members = [
            TeamMembership(person=self.people[member["person"]], role=member["role"])
            for member in values["members"]
        ]
        if created:
            department.add_child(instance=page)
        _publish(page)
        (self.report.created if created else self.report.updated).append(f"strona: {page.title}")
        return page

    def seed_contact(self, home: HomePage, department: DepartmentPage) -> ContactPage:
        values = self.data["contact"]
        page = _child(home, ContactPage, values["slug"])
        created = page is None
        if not created and not self.update:
            return page
        page = page or ContactPage(slug=values["slug"], show_in_menus=True)
        page.title = values["title"]
        page.summary = values["summary"]
        page.department = department
        if created:
            home.add_child(instance=page)
        _publish(page)
        (self.report.created if created else self.report.updated).append(f"strona: {page.title}")
        return page

    def seed_legal_pages(self, home: HomePage) -> None:
        """The accessibility statement and the privacy page: created once, then the
        editors' (their dates and contacts are legal facts, never rewritten by --update)."""
        if seed_accessibility_statement(home, self.data):
            self.report.created.append("strona: Deklaracja dostępności")
        if seed_privacy_page(home):
            self.report.created.append("strona: Polityka prywatności")
        if seed_buildings(Site.objects.get(is_default_site=True), self.data):
            self.report.updated.append("ustawienia: dostępność budynków")

    def seed_sections(self, home: HomePage) -> None:
        """The intranet and the NGO partners' zone: the footer links to the zone, so the
        seed makes sure it exists (restricted), not only the sample content."""
        existing = set(
            home.get_children()
            .filter(slug__in=[a.slug for a in AREAS])
            .values_list("slug", flat=True)
        )
        for section in ensure_sections(home):
            if section.slug not in existing:
                self.report.created.append(f"strona: {section.title}")

    def seed_settings(self, home: HomePage) -> None:
        site = Site.objects.get(is_default_site=True)
        settings = SiteContactSettings.for_site(site)
        self.seed_mailboxes(settings)
        if settings.street_address and not self.update:
            return
        values = self.data["department"]
        settings.department_name = values["title"]
        settings.institution_name = values["institution_name"]
        settings.street_address = values["street_address"]
        settings.postal_code = values["postal_code"]
        settings.city = values["city"]
        settings.secretariat_phone = values["secretariat_phone"]
        settings.channels = [
            ("channel", dict(entry, url="")) for entry in self.data["footer_channels"]
        ]
        settings.save()
        self.report.updated.append("ustawienia: dane kontaktowe")

    def seed_mailboxes(self, settings: SiteContactSettings) -> None:
        """The teams' mailboxes for notices (core.form_notices); a blank one is filled
        even on a site seeded before they existed, one editors set is theirs."""
        changed = [
            name
            for name, address in self.data["notification_mailboxes"].items()
            if self.update or not getattr(settings, name)
        ]
        for name in changed:
            setattr(settings, name, self.data["notification_mailboxes"][name])
        if changed:
            settings.save()
            self.report.updated.append("ustawienia: skrzynki zespołów na powiadomienia")


def load_seed(update: bool = False) -> SeedReport:
    return DepartmentSeeder(load_data(), update=update).run()
