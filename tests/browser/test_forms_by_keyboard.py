"""Every public form, with the keyboard alone: filled and sent, and, sent wrong, its errors
announced at the top (role=alert, each a link to its field) and next to each field
(aria-invalid, aria-describedby), with what was typed kept and no axe violation."""

import json
import urllib.request
from dataclasses import dataclass, field

import pytest

from tests.browser.checks import assert_focus_visible, axe_violations, focused, tab_to
from tests.browser.conftest import EDITOR

pytestmark = pytest.mark.browser


@dataclass
class FormCase:
    name: str
    submit_text: str  # the submit button's text: identifies the form on its page
    values: dict  # field name -> text typed (True: a checkbox ticked with Space)
    success_text: str
    keep_field: str  # a field typed in the error run, whose value must come back
    find_url: object = None  # callable(site) -> path, or None when there is no such page
    url: str | None = None
    extra: dict = field(default_factory=dict)


def _api(site, query: str) -> list[dict]:
    with urllib.request.urlopen(site.url(f"/api/v2/pages/?{query}"), timeout=10) as answer:  # noqa: S310
        return json.load(answer)["items"]


def _path(item: dict) -> str:
    return "/" + item["meta"]["html_url"].split("/", 3)[3]


def _open_consultation(site):
    items = _api(
        site,
        "type=consultations.ConsultationPage&fields=state,accepts_online_comments&limit=50",
    )
    found = [i for i in items if i.get("state") == "open" and i.get("accepts_online_comments")]
    return _path(found[0]) if found else None


def _consultation_with_questionnaire(site):
    items = _api(site, "type=consultations.ConsultationPage&slug=przyklad-park-w-redenie")
    return _path(items[0]) if items else None


def _advisory_service(site):
    items = _api(site, "type=cao.AdvisoryServicePage&limit=50")
    return _path(items[0]) if items else None


def _event_with_registration(site):
    items = _api(site, "type=cao.EventPage&fields=registration_info&limit=50")
    for item in items:
        info = item.get("registration_info") or {}
        if info.get("accepts"):
            return _path(item)
    return None


def _small_grant_offer(site):
    # The first offer on the list whose comment window is open has a form.
    from tests.browser.test_accessibility import _status

    for candidate in ("/konkursy/oferty-19a/", "/konkursy/maly-grant/"):
        if _status(site, candidate) == 200:
            return candidate
    return None


def _budget_edition_in_submission(site):
    items = _api(site, "type=budget.BudgetEditionPage&fields=state&limit=50")
    found = [i for i in items if i.get("state") == "submission"]
    return _path(found[0]) if found else None


def _initiative_rules_open(site):
    items = _api(site, "type=initiatives.InitiativeRulesPage&fields=state&limit=50")
    found = [i for i in items if i.get("state") == "open"]
    return _path(found[0]) if found else None


SUPPORTERS = "\n".join(
    f"Mieszkaniec Popierający{n}; ul. Sienkiewicza {n}, Dąbrowa Górnicza; 2026-01-10"
    for n in range(1, 16)
)

CASES = [
    FormCase(
        name="uwaga w konsultacji",
        submit_text="Wyślij uwagę",
        values={
            "comment": "Proszę o więcej ławek w parku.",
            "author_name": "Jan Kowalski",
            "email": "jan.kowalski@example.pl",
        },
        success_text="Numer potwierdzenia",
        keep_field="author_name",
        find_url=_open_consultation,
    ),
    FormCase(
        name="ankieta konsultacji",
        submit_text="Wyślij odpowiedzi",
        values={
            "q-park-variant": True,  # Space picks the first variant
            "q-park-uses": True,  # and ticks each use in turn
            "q-park-need": True,
            "q-park-sections-park-sec-paths": "Szersze ścieżki dla wózków.",
            "author_name": "Jan Kowalski",
        },
        success_text="Numer potwierdzenia",
        keep_field="q-park-sections-park-sec-paths",
        find_url=_consultation_with_questionnaire,
    ),
    FormCase(
        name="prośba o konsultację w CAO",
        submit_text="Wyślij prośbę o konsultację",
        values={
            "name": "Anna Nowak",
            "email": "anna.nowak@example.pl",
            "topic": "Chcę założyć stowarzyszenie.",
        },
        success_text="Numer potwierdzenia",
        keep_field="topic",
        find_url=_advisory_service,
    ),
    FormCase(
        name="zapis na wydarzenie",
        submit_text="Zapisz się",
        values={"name": "Ewa Zielińska", "phone": "600 123 456"},
        success_text="Numer potwierdzenia",
        keep_field="phone",
        find_url=_event_with_registration,
    ),
    FormCase(
        name="projekt do budżetu obywatelskiego",
        submit_text="Zgłoś projekt",
        values={
            "title": "Ławki nad Pogorią",
            "category": "Z",  # typeahead on the select: "Zieleń i ekologia"
            "pool": "P",  # "Pula ogólnomiejska", the first pool
            "address": "Plaża Pogoria III",
            "description": "Dziesięć ławek wzdłuż plaży.",
            "justification": "Brakuje miejsc do odpoczynku.",
            "beneficiaries": "Spacerowicze i seniorzy.",
            "cost_1_description": "Ławki z montażem",
            "cost_1_amount": "15000",
            "supporters": SUPPORTERS,
            "author_name": "Anna Autorka",
            "author_email": "anna.autorka@example.pl",
            "consent_rules": True,
            "consent_supporters": True,
        },
        success_text="Numer potwierdzenia",
        keep_field="title",
        find_url=_budget_edition_in_submission,
    ),
    FormCase(
        name="wniosek o inicjatywę lokalną",
        submit_text="Złóż wniosek",
        values={
            "title": "Zielone podwórko",
            "area": "1",  # typeahead on the select: "1) działalność wspomagająca …"
            "place": "Podwórko przy ul. Granicznej 12",
            "description": "Nasadzimy krzewy i ustawimy ławki.",
            "schedule": "Maj: nasadzenia.",
            "effects": "Miejsce spotkań sąsiadów.",
            "beneficiaries": "Mieszkańcy trzech kamienic.",
            "applicant_kind": "G",  # typeahead on the select: "Grupa mieszkańców"
            "group_name": "Sąsiedzi z Granicznej",
            "leader_name": "Lena Liderska",
            "leader_email": "lena.liderska@example.pl",
            "leader_address": "ul. Graniczna 12/3",
            "members": "Marek Członkowski; ul. Graniczna 12/5",
            "cost_description": "Sadzonki i ławki.",
            "city_amount_text": "8000",
            "work_hours_text": "100",  # × 35 zł in the sample rules = 3500 zł
            "declared_own": "3500",
            "declared_total": "11500",
            "consent_rules": True,
            "consent_members": True,
        },
        success_text="Numer potwierdzenia",
        keep_field="title",
        find_url=_initiative_rules_open,
    ),
    FormCase(
        name="zapis na powiadomienia e-mail",
        submit_text="Zapisz mnie",
        values={"email": "czytelniczka@example.pl", "kinds": True},
        success_text="Sprawdź skrzynkę e-mail",
        keep_field="email",
        url="/powiadomienia/",
    ),
    FormCase(
        name="logowanie",
        submit_text="Zaloguj się",
        values={"username": EDITOR["username"], "password": EDITOR["password"]},
        success_text="",
        keep_field="username",
        url="/logowanie/",
    ),
]


def _form_url(case, site):
    path = case.url or (case.find_url(site) if case.find_url else None)
    if path is None:
        pytest.skip(f"no page with the form „{case.name}” in the sample content")
    return path


def _in_form(tab, case) -> str:
    return (
        f"//form[.//button[normalize-space()='{case.submit_text}']]"
        f" | //form[.//input[@type='submit' and @value='{case.submit_text}']]"
    )


def _fill_by_keyboard(tab, case, values: dict) -> list[dict]:
    """From the top of the page, Tab into the form, type VALUES into their fields and stop
    on the submit button; return every focus state on the way."""
    form = tab.locator(f"xpath={_in_form(tab, case)}")
    names = set(form.locator("input, textarea, select").evaluate_all("els => els.map(e => e.name)"))
    first = next(name for name in values if name in names) if values else None

    def in_form_start(state):
        if first is None:
            return state["tag"] == "button" and state["text"] == case.submit_text
        return state["name"] == first

    states = tab_to(tab, in_form_start, limit=150)
    for _ in range(60):
        state = focused(tab)
        states.append(state)
        if state["tag"] == "button" and state["text"] == case.submit_text:
            return states
        value = values.get(state["name"])
        if value is True:
            tab.keyboard.press("Space")
        elif value:
            tab.keyboard.type(value)
        tab.keyboard.press("Tab")
    raise AssertionError(f"never reached „{case.submit_text}”: {states[-5:]}")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_form_is_filled_and_sent_with_the_keyboard_alone(tab, live_site, case):
    path = _form_url(case, live_site)
    tab.goto(live_site.url(path))
    states = _fill_by_keyboard(tab, case, case.values)
    assert_focus_visible(states)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    body = tab.inner_text("body")
    assert tab.locator(".error-summary").count() == 0, body[:2000]
    if case.success_text:
        assert case.success_text in body
    else:
        assert "/logowanie/" not in tab.url
    assert not tab.problems.messages


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_errors_are_announced_at_the_top_and_beside_each_field(tab, live_site, case):
    path = _form_url(case, live_site)
    tab.goto(live_site.url(path))
    kept = "Wpisane przeze mnie" if case.keep_field != "phone" else "12"
    if case.name == "logowanie":
        values = {"username": EDITOR["username"], "password": "zle-haslo"}
        kept = EDITOR["username"]
    else:
        values = {case.keep_field: kept}
    _fill_by_keyboard(tab, case, values)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    summary = tab.locator(".error-summary")
    assert summary.count() == 1, tab.inner_text("body")[:2000]
    assert summary.get_attribute("role") == "alert"
    form = tab.locator(f"xpath={_in_form(tab, case)}")
    # The summary opens the form: before every field of it.
    assert form.evaluate(
        """(form) => {
            const summary = document.querySelector('.error-summary');
            const first = form.querySelector('input:not([type=hidden]), textarea, select');
            return !!summary && !!first &&
              !!(summary.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    # What was typed is still there.
    assert tab.input_value(f"[name='{case.keep_field}']") == kept
    # Each field error: linked from the summary, beside its field, tied to it for readers.
    links = summary.locator("a[href^='#']")
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")[1:]
        field_element = tab.locator(f"[id='{target}']")
        assert field_element.get_attribute("aria-invalid") == "true", target
        # A field is described by its own error; a radio or checkbox of a group by the
        # group's, on the fieldset that holds it (includes/form_field.html).
        described = field_element.evaluate(
            """(el) => {
                const group = el.closest('fieldset.field--group');
                return [el, group].filter(Boolean)
                  .flatMap((e) => (e.getAttribute('aria-describedby') || '').split(/\\s+/))
                  .filter(Boolean);
            }"""
        )
        errors = [i for i in described if tab.locator(f"[id='{i}'].field__error").count()]
        assert errors, (target, described)
        assert tab.locator(f"[id='{errors[0]}']").inner_text().strip()
    # Following the first link with the keyboard puts the focus on its field.
    if links.count():
        first_target = links.first.get_attribute("href")[1:]
        tab_to(
            tab, lambda s: s["tag"] == "a" and s["text"] == links.first.inner_text().strip()[:40]
        )
        tab.keyboard.press("Enter")
        assert tab.evaluate("document.activeElement.id") == first_target
    assert axe_violations(tab) == []
