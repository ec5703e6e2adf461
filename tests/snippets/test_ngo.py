from django.db import IntegrityError, transaction
from django.forms import modelform_factory

import pytest

from snippets.models import NGO
from tests.factories.registry import NGOFactory, area

pytestmark = pytest.mark.django_db

NGOForm = modelform_factory(NGO, fields=["name", "legal_form", "krs", "nip", "regon", "city"])


def form_data(**overrides):
    data = {
        "name": "Fundacja Nowa",
        "legal_form": "fundacja",
        "krs": "",
        "nip": "",
        "regon": "",
        "city": "Dąbrowa Górnicza",
    }
    data.update(overrides)
    return data


def test_numbers_are_stored_as_digits():
    form = NGOForm(form_data(krs="0000-123-456", nip="PL 525-224-84-81", regon="123 456 785"))
    assert form.is_valid(), form.errors
    ngo = form.save()
    ngo.refresh_from_db()
    assert (ngo.krs, ngo.nip, ngo.regon) == ("0000123456", "5252248481", "123456785")


def test_wrong_number_is_refused_with_its_name():
    form = NGOForm(form_data(nip="5252248480", regon="12345"))
    assert not form.is_valid()
    assert "NIP ma błędną cyfrę kontrolną" in form.errors["nip"][0]
    assert form.errors["regon"][0].startswith("REGON musi mieć 9 albo 14 cyfr")


def test_empty_numbers_are_null_so_many_may_lack_them():
    for name in ("Koło A", "Koło B"):
        form = NGOForm(form_data(name=name, legal_form="kolo-gospodyn-wiejskich"))
        assert form.is_valid(), form.errors
        form.save()
    assert NGO.objects.filter(krs__isnull=True, nip__isnull=True).count() == 2


def test_duplicate_krs_and_nip_are_refused_by_the_form():
    NGOFactory(krs="0000123456", nip="5252248481")
    form = NGOForm(form_data(krs="0000 123 456", nip="525-224-84-81"))
    assert not form.is_valid()
    assert form.errors["krs"] == ["Organizacja z tym numerem KRS jest już w rejestrze."]
    assert form.errors["nip"] == ["Organizacja z tym numerem NIP jest już w rejestrze."]


@pytest.mark.parametrize("field", ["krs", "nip"])
def test_duplicate_numbers_are_refused_by_the_database(field):
    first = NGOFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        NGOFactory(**{field: getattr(first, field)})


def test_slug_is_made_unique_from_the_name():
    first = NGOFactory(name="Stowarzyszenie Łączy Nas")
    second = NGOFactory(name="Stowarzyszenie Łączy Nas")
    assert first.slug == "stowarzyszenie-laczy-nas"
    assert second.slug == "stowarzyszenie-laczy-nas-2"


def test_search_name_folds_polish_letters():
    ngo = NGOFactory(name="Żółta Łódź", short_name="ŻŁ")
    assert ngo.search_name == "zolta lodz zl"


def test_areas_seeded_by_the_migration():
    from snippets.models import PublicBenefitArea

    numbers = list(PublicBenefitArea.objects.values_list("number", flat=True))
    assert numbers[:3] == ["1", "1a", "2"]
    assert {"16", "17", "22a", "32a", "33"} <= set(numbers)
    assert len(numbers) == len(set(numbers)) >= 33
    assert area("17").short_name == "Kultura fizyczna i sport"
