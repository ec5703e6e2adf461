"""The event registration's "needs" may reveal health (art. 9 RODO): they are kept only on an
explicit, separate, unticked consent, asked for only when needs are described, recorded
with the registration, withdrawable, and told in the clause and on the privacy page."""

import pytest

from core.privacy import PRIVACY_PAGE_URL
from pages.cao.choices import Registration
from pages.cao.forms import NEEDS_WITHOUT_CONSENT
from pages.cao.models import EventRegistration
from pages.cao.models.event_registration import NEEDS_CONSENT_LABEL
from pages.department.models import PrivacyPolicyPage
from tests.factories.cao import EventPageFactory
from tests.pages.cao.test_registration import registration_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(event_index):
    return EventPageFactory(parent=event_index, registration=Registration.OPEN, places=5)


def test_the_consent_box_is_separate_unticked_and_says_what_and_why(client, event):
    html = client.get(event.url).content.decode()
    box = html.split('name="needs_consent"')[0].rsplit("<input", 1)[1] + 'name="needs_consent"'
    assert 'type="checkbox"' in box and "checked" not in box
    assert NEEDS_CONSENT_LABEL in html
    assert "art. 9 ust. 2 lit. a RODO" in html
    assert "cofnąć w każdej chwili" in html
    # The clause beside the form names the special category and its basis too.
    clause = html.split('class="privacy-clause"')[1]
    assert "Szczególne kategorie danych" in clause and "wyraźną zgodą" in clause


def test_needs_without_consent_are_refused_beside_the_box_and_kept(client, event):
    response = client.post(event.url, registration_data(needs="dostęp dla wózka"))
    assert response.status_code == 400
    html = response.content.decode()
    assert NEEDS_WITHOUT_CONSENT in html
    assert 'href="#id_needs_consent"' in html  # linked from the summary
    assert "dostęp dla wózka" in html  # what was typed stays
    assert not EventRegistration.objects.exists()


def test_needs_with_consent_are_stored_with_the_consent_record(client, event):
    response = client.post(
        event.url, registration_data(needs="dostęp dla wózka", needs_consent="on")
    )
    assert response.status_code == 200
    registration = EventRegistration.objects.get()
    assert registration.needs == "dostęp dla wózka"
    assert registration.needs_consent_at is not None
    assert registration.needs_consent_text.startswith(NEEDS_CONSENT_LABEL)
    assert "art. 9 ust. 2 lit. a RODO" in registration.needs_consent_text


@pytest.mark.parametrize("consent", ["", "on"])
def test_without_needs_no_consent_is_asked_or_recorded(client, event, consent):
    response = client.post(event.url, registration_data(needs="  ", needs_consent=consent))
    assert response.status_code == 200
    registration = EventRegistration.objects.get()
    assert registration.needs == ""
    assert registration.needs_consent_at is None and registration.needs_consent_text == ""


def test_withdrawing_the_consent_removes_the_needs(client, event):
    client.post(event.url, registration_data(needs="tłumacz PJM", needs_consent="on"))
    registration = EventRegistration.objects.get()
    registration.needs_consent_withdrawn = True
    registration.save(update_fields=["needs_consent_withdrawn"])
    registration.refresh_from_db()
    assert registration.needs == ""
    assert registration.needs_consent_at is not None  # when it was given stays on record


def test_the_privacy_page_lists_the_explicit_consent(client, home_page):
    page = PrivacyPolicyPage(title="Polityka prywatności", slug="polityka-prywatnosci")
    home_page.add_child(instance=page)
    html = client.get(PRIVACY_PAGE_URL).content.decode()
    assert "Zapisy na wydarzenia:" in html
    assert "art. 9 ust. 2 lit. a RODO" in html
