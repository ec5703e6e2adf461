"""The first accessibility statement, privacy page and building settings of a new site.

Called by `pages.department.seed.DepartmentSeeder`. Each is created once and then belongs to the
editors: `load_seed --update` never rewrites the statement's dates or contact, which are
legal facts editors set (the act of 4 April 2019, art. 10; the minister's template).
"""

from django.utils import timezone

from wagtail.models import Page, Site

from core.models import BuildingAccessibilitySettings
from pages.department.models import AccessibilityStatementPage, HomePage, PrivacyPolicyPage

STATEMENT_SLUG = "deklaracja-dostepnosci"
PRIVACY_SLUG = "polityka-prywatnosci"

NON_COMPLIANCE = (
    "<ul><li>Część dokumentów PDF opublikowanych przed uruchomieniem portalu (skany uchwał "
    "i protokołów) nie ma warstwy tekstowej ani struktury nagłówków.</li>"
    "<li>Mapy obszarów konsultacji w formie obrazów nie mają pełnego opisu tekstowego; opis "
    "obszaru zawsze podajemy w treści ogłoszenia.</li></ul>"
)
EXCLUSIONS = (
    "<ul><li>Dokumenty opublikowane przed 23 września 2018 r., jeśli nie są niezbędne do "
    "realizacji bieżących zadań.</li><li>Treści stron trzecich, które nie są finansowane ani "
    "rozwijane przez podmiot publiczny i nie znajdują się pod jego kontrolą.</li></ul>"
)
ASSESSMENT_NOTE = (
    "Samoocenę wsparły automatyczne testy axe-core (WCAG 2.1 na poziomie AA) w przeglądarce "
    "oraz testy obsługi klawiaturą, powiększenia tekstu do 200% i wyświetlania na ekranie "
    "o szerokości 320 pikseli, wykonywane przy każdej zmianie portalu."
)


def _move_aside(home: HomePage, slug: str) -> str | None:
    """An older install kept this page as a standard page: keep it, unpublished, under
    another slug, so the new page type can take the address. Returns its new slug."""
    old = Page.objects.child_of(home).filter(slug=slug).first()
    if old is None:
        return None
    old = old.specific
    if old.live:  # first, so that no later publication brings the old slug back
        old.unpublish()
        old.refresh_from_db()
    old.slug = f"{slug}-poprzednia-wersja"
    old.save()
    old.save_revision()  # its latest revision carries the new slug too
    return old.slug


def seed_accessibility_statement(home: HomePage, data: dict) -> AccessibilityStatementPage | None:
    """Create the statement if the site has none; None when it already has one."""
    if AccessibilityStatementPage.objects.exists():
        return None
    _move_aside(home, STATEMENT_SLUG)
    teams = {team["title"]: team for team in data["teams"]}
    choice = data["accessibility_statement"]
    team = teams[choice["contact_team"]]
    today = timezone.localdate()
    page = AccessibilityStatementPage(
        slug=STATEMENT_SLUG,
        title="Deklaracja dostępności",
        summary=(
            f"{data['department']['title']} zobowiązuje się zapewnić dostępność tego portalu "
            "zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron "
            "internetowych i aplikacji mobilnych podmiotów publicznych."
        ),
        published_on=home.first_published_at.date() if home.first_published_at else today,
        updated_on=today,
        prepared_on=today,
        reviewed_on=today,
        non_compliance=NON_COMPLIANCE,
        exclusions=EXCLUSIONS,
        assessment_note=ASSESSMENT_NOTE,
        contact_name=f"{team['title']} ({data['department']['centre_name']})",
        contact_email=team["email"],
        contact_phone=team["phone"],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_privacy_page(home: HomePage) -> PrivacyPolicyPage | None:
    """Create the privacy page if the site has none; None when it already has one."""
    if PrivacyPolicyPage.objects.exists():
        return None
    _move_aside(home, PRIVACY_SLUG)
    page = PrivacyPolicyPage(
        slug=PRIVACY_SLUG,
        title="Polityka prywatności",
        summary="Jakie dane osobowe zbiera portal, po co, jak długo je przechowujemy "
        "i jakie masz prawa.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_buildings(site: Site, data: dict) -> bool:
    """Name the places where people are received, once; their details are the editors'.
    Returns whether anything was written."""
    settings = BuildingAccessibilitySettings.for_site(site)
    if settings.buildings:
        return False
    settings.buildings = [
        ("building", {"name": place["name"], "address": place["address"]})
        for place in data["accessibility_statement"]["places"]
    ]
    settings.save()
    return True
