"""The realisation of selected projects: status, progress, cost spent and dated updates
with a photo and a document, edited by staff; drafts never public (page, feed, API,
search); "Co zrealizowaliśmy" with its filters; the feed; flat query counts."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from accounts import roles
from pages.budget.models import (
    Implementation,
    ImplementationUpdate,
    Progress,
    Stage,
    Status,
)
from tests.factories import budget
from tests.factories.accounts import UserFactory
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(username="realizacja-redaktor", groups=[roles.EDITORS]))
    return client


@pytest.fixture
def osiedle_pool(edition):
    return budget.BudgetPool.objects.create(
        edition=edition,
        scope=budget.BudgetPool.Scope.OSIEDLE,
        district=budget.osiedle("Reden", "reden"),
        name="Pula – Osiedle Reden",
        slug="reden",
        amount=Decimal("100000"),
        max_project_cost=Decimal("100000"),
    )


@pytest.fixture
def selected(edition, pool):
    return budget.project(edition, pool, title="Skwer przy stawie", status=Status.SELECTED)


def _image(title="Plac budowy", collection=None):
    return get_image_model().objects.create(
        title=title,
        file=get_test_image_file(),
        collection=collection or Collection.get_first_root_node(),
    )


def _private_collection():
    private = Collection.get_first_root_node().add_child(name="Robocze zdjęcia")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    return private


def _update(project, published=True, **fields):
    values = {"title": "Ruszyły prace", "text": "Wykonawca wszedł na teren budowy."}
    values.update(fields)
    return ImplementationUpdate.objects.create(project=project, published=published, **values)


def test_staff_follow_a_selected_project_and_mark_it_done(editor, selected, edition, pool):
    add = reverse("budget_implementation:add")
    other = budget.project(edition, pool, title="Niewybrany", status=Status.NOT_SELECTED)
    response = editor.post(
        add, {"project": other.pk, "progress_status": "w-realizacji", "percent": "10"}
    )
    assert response.status_code == 200
    assert "Wybierz poprawną wartość" in response.content.decode()
    response = editor.post(
        add, {"project": selected.pk, "progress_status": "niezrealizowany", "percent": "0"}
    )
    assert "Napisz, dlaczego projekt nie zostanie zrealizowany." in response.content.decode()
    response = editor.post(
        add, {"project": selected.pk, "progress_status": "zrealizowany", "percent": "90"}
    )
    assert "Zrealizowany projekt ma postęp 100%." in response.content.decode()
    response = editor.post(
        add,
        {
            "project": selected.pk,
            "progress_status": "zrealizowany",
            "percent": "100",
            "cost_spent": "sto złotych",
        },
    )
    assert "Wpisz kwotę, np. 1250,50." in response.content.decode()
    assert 'value="sto złotych"' in response.content.decode()  # the input is kept
    assert not Implementation.objects.exists()

    response = editor.post(
        add,
        {
            "project": selected.pk,
            "progress_status": "zrealizowany",
            "percent": "100",
            # The Polish way: a space between thousands, a decimal comma.
            "cost_spent": "11 500,50",
        },
    )
    assert response.status_code == 302, re.findall(r'error-message">\s*([^<]*)', response.text)
    selected.refresh_from_db()
    assert selected.status == Status.IMPLEMENTED
    entry = selected.history.get(stage=Stage.IMPLEMENTATION)
    assert entry.justification == "Projekt zrealizowany."
    found = Implementation.objects.get()
    assert found.cost_spent == Decimal("11500.50")
    edit = editor.get(reverse("budget_implementation:edit", args=[found.pk])).content.decode()
    assert 'value="11500,50"' in edit  # shown back the Polish way


def _search_titles(client, query):
    return [r["title"] for r in client.get("/api/v2/search/", {"q": query}).json()["results"]]


def test_drafts_never_public_published_updates_everywhere(
    client, budget_index, selected, django_capture_on_commit_callbacks
):
    Implementation.objects.create(
        project=selected, progress_status=Progress.IN_PROGRESS, percent=40, cost_spent=5000
    )
    photo = _image()
    document = make_document("Protokół odbioru częściowego", "odbior.pdf", b"%PDF-1.4 x")
    with django_capture_on_commit_callbacks(execute=True):
        _update(
            selected,
            title="Ławki zamontowane",
            text="Stoją nad stawem.",
            photo=photo,
            photo_alt="Nowe ławki",
            document=document,
        )
        _update(selected, published=False, title="Szkic: opóźnienie", text="Tajemnicze ustalenia")

    page = client.get(f"{budget_index.url}projekty/{selected.pk}/").content.decode()
    assert "Ławki zamontowane" in page and 'alt="Nowe ławki"' in page
    assert document.url in page and "w realizacji" in page and "40%" in page
    assert "Szkic" not in page and "Tajemnicze" not in page

    feed = client.get(f"{budget_index.url}realizacja/rss/").content.decode()
    assert "Ławki zamontowane" in feed and "Szkic" not in feed
    assert f"projekty/{selected.pk}/#aktualnosc-" in feed

    api = client.get(f"/api/v2/budget-projects/{selected.pk}/").json()["implementation"]
    assert api["status"] == "in_progress" and api["progress"] == 40
    assert api["cost_spent"] == "5000.00"
    assert [u["title"] for u in api["updates"]] == ["Ławki zamontowane"]
    assert api["updates"][0]["photo"] == photo.pk
    assert api["updates"][0]["document"] == document.pk

    assert "Skwer przy stawie" in _search_titles(client, "zamontowane")
    assert _search_titles(client, "tajemnicze") == []

    # A photo whose collection is closed later leaves the page and the API at once.
    photo.collection = _private_collection()
    photo.save()
    page = client.get(f"{budget_index.url}projekty/{selected.pk}/").content.decode()
    assert 'alt="Nowe ławki"' not in page
    api = client.get(f"/api/v2/budget-projects/{selected.pk}/").json()["implementation"]
    assert api["updates"][0]["photo"] is None


def test_updates_refuse_private_files_and_unselected_projects(selected, edition, pool):
    secret = _image("Robocze", _private_collection())
    update = ImplementationUpdate(
        project=selected, title="T", text="T", photo=secret, photo_alt="Robocze"
    )
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "kolekcji prywatnej" in str(error.value)
    no_alt = ImplementationUpdate(project=selected, title="T", text="T", photo=_image())
    with pytest.raises(ValidationError) as error:
        no_alt.full_clean()
    assert "Opisz, co widać na zdjęciu." in str(error.value)
    on_ballot = budget.project(edition, pool, title="Na karcie", status=Status.ON_BALLOT)
    with pytest.raises(ValidationError) as error:
        ImplementationUpdate(project=on_ballot, title="T", text="T").full_clean()
    assert "tylko dla projektów wybranych" in str(error.value)


def test_what_got_built_lists_selected_projects_with_filters(
    client, budget_index, edition, pool, osiedle_pool, selected
):
    Implementation.objects.create(project=selected, progress_status=Progress.DONE, percent=100)
    budget.project(edition, osiedle_pool, title="Siłownia na Redenie", status=Status.SELECTED)
    budget.project(edition, pool, title="Przegrany projekt", status=Status.NOT_SELECTED)
    url = f"{budget_index.url}realizacja/"
    page = client.get(url).content.decode()
    assert "Co zrealizowaliśmy" in page
    assert "Skwer przy stawie" in page and "Siłownia na Redenie" in page
    assert "Przegrany projekt" not in page
    page = client.get(url + "?osiedle=reden").content.decode()
    assert "Siłownia na Redenie" in page and "Skwer przy stawie" not in page
    page = client.get(url + "?stan=w-przygotowaniu").content.decode()
    assert "Siłownia na Redenie" in page and "Skwer przy stawie" not in page
    page = client.get(url + "?stan=zrealizowany").content.decode()
    assert "Skwer przy stawie" in page and "Siłownia na Redenie" not in page
    # An unknown value is ignored: the whole list.
    page = client.get(url + "?stan=cokolwiek").content.decode()
    assert "Skwer przy stawie" in page and "Siłownia na Redenie" in page


def _count(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def _grow(edition, pool, times):
    for n in range(times):
        project = budget.project(edition, pool, title=f"Wybrany {n}", status=Status.SELECTED)
        Implementation.objects.create(project=project, progress_status=Progress.IN_PROGRESS)
        _update(project, title=f"Aktualność {n}", photo=_image(f"Zdjęcie {n}"), photo_alt="x")


def test_pages_feed_and_api_stay_flat(client, budget_index, edition, pool, selected):
    _update(selected, photo=_image(), photo_alt="Zdjęcie")
    _update(selected, title="Druga", document=make_document("Dok", "d.pdf", b"%PDF-1.4 y"))
    _grow(edition, pool, 2)
    paths = [
        budget_index.url + "realizacja/",
        budget_index.url + "realizacja/rss/",
        f"{budget_index.url}projekty/{selected.pk}/",
        "/api/v2/budget-projects/?fields=implementation",
    ]
    small = [_count(client, path) for path in paths]
    _grow(edition, pool, 8)
    _update(selected, title="Trzecia", photo=_image("Trzecie"), photo_alt="Trzecie")
    large = [_count(client, path) for path in paths]
    assert small == large, dict(zip(paths, zip(small, large, strict=True), strict=True))
    assert max(large) <= 40, dict(zip(paths, large, strict=True))
