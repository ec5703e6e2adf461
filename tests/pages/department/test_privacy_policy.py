"""The privacy page and every form's clause say what RODO art. 13 asks, from one source."""

from django.core.checks import Warning as CheckWarning
from django.template import RequestContext, Template
from django.test import Client, RequestFactory

from wagtail.models import Site

import html5lib
import pytest

from accounts.models import NGOChangeRequest
from core.checks import data_protection_officer_named
from core.models import PrivacySettings
from core.privacy import other_processing, submission_models
from pages.department.seed import DepartmentSeeder, load_data

pytestmark = pytest.mark.django_db
XHTML = "{http://www.w3.org/1999/xhtml}"


def _main_text(response) -> str:
    main = html5lib.parse(response.content).find(f".//{XHTML}main")
    return " ".join(" ".join(main.itertext()).split())


@pytest.fixture
def seeded():
    DepartmentSeeder(load_data()).run()
    return PrivacySettings.for_site(Site.objects.get(is_default_site=True))


def test_every_form_that_takes_personal_data_declares_what_the_clause_says():
    models = submission_models()
    assert {model._meta.label for model in models} >= {
        "consultations.ConsultationResponse",
        "cao.BookingRequest",
        "cao.EventRegistration",
        "registry.OfferComment",
    }
    for model in models:  # every Submission subclass, so a new form cannot be forgotten
        assert model.privacy_form_name, model
        assert model.privacy_purpose and model.privacy_retention_start, model


def test_privacy_page_lists_each_form_with_purpose_and_retention(seeded):
    response = Client().get("/polityka-prywatnosci/")
    assert response.status_code == 200
    text = _main_text(response)
    for model in submission_models():
        assert model.privacy_form_name in text
        assert model.privacy_retention_start in text
    assert seeded.controller in text
    assert "Odbiorcy danych" in text and seeded.recipients[1:40] in text
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in text
    for right in ("art. 15 RODO", "art. 16 RODO", "art. 17 RODO", "art. 21 RODO"):
        assert right in text


def test_without_an_officer_named_the_page_says_how_to_reach_one(seeded):
    text = _main_text(Client().get("/polityka-prywatnosci/"))
    assert "z dopiskiem „Inspektor ochrony danych”" in text
    seeded.data_protection_officer = "iod@example.pl"
    seeded.save()
    text = _main_text(Client().get("/polityka-prywatnosci/"))
    assert "Z inspektorem ochrony danych skontaktujesz się: iod@example.pl." in text


def test_footer_links_the_privacy_page(seeded):
    assert b'href="/polityka-prywatnosci/"' in Client().get("/").content


def test_the_deploy_check_warns_until_the_officer_is_named(seeded):
    warnings = data_protection_officer_named()
    assert len(warnings) == 1
    assert isinstance(warnings[0], CheckWarning)
    assert warnings[0].id == "core.W001"
    seeded.data_protection_officer = "iod@example.pl"
    seeded.save()
    assert data_protection_officer_named() == []


@pytest.mark.parametrize("model", submission_models(), ids=lambda model: model._meta.label)
def test_each_forms_clause_names_recipients_consequences_and_the_privacy_page(seeded, model):
    request = RequestFactory().get("/")
    request.site = Site.objects.get(is_default_site=True)
    html = Template("{% load portal %}{% privacy_clause label %}").render(
        RequestContext(request, {"label": model._meta.label})
    )
    text = " ".join(html.split())
    assert f"Odbiorcy danych: {seeded.recipients}." in text
    assert model.privacy_purpose in text
    assert model.privacy_retention_start in text
    assert "bez nich" in text or "nie będziemy mogli Ci odpowiedzieć" in text
    assert 'href="/polityka-prywatnosci/"' in html
    assert "Inspektor ochrony danych" in text


def test_the_page_lists_the_ngo_change_requests_and_the_server_logs(seeded, settings):
    settings.SERVER_LOG_RETENTION_DAYS = 14
    names = [item.name for item in other_processing()]
    assert names == [
        "Propozycje zmian danych organizacji (strefa partnerów NGO)",
        "Dzienniki serwera (logi)",
    ]
    text = _main_text(Client().get("/polityka-prywatnosci/"))
    assert "Inne dane, które przetwarzamy" in text
    for item in other_processing():
        assert item.name in text
        assert item.basis[1:40] in text
    assert "Adres IP" in text
    assert "14 dni, potem dzienniki są usuwane" in text
    assert NGOChangeRequest.privacy_processing.retention[1:40] in text
