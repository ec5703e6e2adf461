"""Page addresses are ASCII: Polish letters transliterated, never percent-encoded."""

from django.core.exceptions import ValidationError

import pytest

from pages.department.models import StandardPage


@pytest.mark.django_db
def test_a_slug_made_on_the_server_transliterates_polish_letters(home_page):
    page = home_page.add_child(instance=StandardPage(title="Nabór ofert: Łódź, źródła"))
    assert page.slug == "nabor-ofert-lodz-zrodla"
    twin = home_page.add_child(instance=StandardPage(title="Nabór ofert: Łódź, źródła"))
    assert twin.slug == "nabor-ofert-lodz-zrodla-2"


@pytest.mark.django_db
def test_a_slug_with_polish_letters_is_refused_in_polish(home_page):
    with pytest.raises(ValidationError) as refused:
        home_page.add_child(instance=StandardPage(title="Nabór", slug="nabór"))
    assert "bez polskich znaków" in " ".join(refused.value.message_dict["slug"])


@pytest.mark.django_db
def test_a_draft_gets_a_transliterated_slug_too(home_page):
    draft = home_page.add_child(instance=StandardPage(title="Łąki i źródła", live=False))
    assert draft.slug == "laki-i-zrodla"
