"""/api/v2/ngos/, /api/v2/grant-calls/ and /api/v2/small-grant-offers/: published records,
filters, the documented shape, and nothing private."""

import json
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from core.page_cache import seconds_until_site_change
from pages.registry.models import OfferComment
from tests.factories.documents import pdf_bytes
from tests.factories.pages import DistrictFactory
from tests.factories.registry import (
    GrantAwardFactory,
    GrantCallFactory,
    NGOFactory,
    SmallGrantOfferFactory,
    area,
)

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


@pytest.fixture
def check(client):
    spec = client.get("/api/schema/").json()
    registry = Registry().with_resource(
        "urn:portal-api", Resource.from_contents(spec, default_specification=DRAFT202012)
    )

    def _check(path, data):
        pointer = (
            "/paths/"
            + path.replace("/", "~1")
            + "/get/responses/200/content/application~1json/schema"
        )
        Draft202012Validator(
            {"$ref": f"urn:portal-api#{pointer}"}, registry=registry, format_checker=FormatChecker()
        ).validate(data)

    return _check


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_ngos_published_only_with_filters(client, directory):
    district = DistrictFactory()
    sport = NGOFactory(legal_form="fundacja", areas=[area("17")], is_public_benefit=True)
    culture = NGOFactory(name="Teatr Żak", areas=[area("16")], district=district)
    draft = NGOFactory(live=False, areas=[area("17")])
    assert ids(client.get("/api/v2/ngos/")) == {sport.pk, culture.pk}
    assert ids(client.get("/api/v2/ngos/?area=17")) == {sport.pk}
    assert ids(client.get("/api/v2/ngos/?legal_form=fundacja")) == {sport.pk}
    assert ids(client.get("/api/v2/ngos/?is_public_benefit=true")) == {sport.pk}
    assert ids(client.get(f"/api/v2/ngos/?district={district.slug}")) == {culture.pk}
    assert ids(client.get(f"/api/v2/ngos/?district={district.pk}")) == {culture.pk}  # as before
    assert ids(client.get("/api/v2/ngos/?district=nie-ma-takiej")) == set()
    assert ids(client.get("/api/v2/ngos/?search=zak")) == {culture.pk}
    assert client.get(f"/api/v2/ngos/{draft.pk}/").status_code == 404


def test_ngo_detail_has_areas_district_and_page(client, directory, check):
    ngo = NGOFactory(areas=[area("16"), area("17")], district=DistrictFactory(name="Reden"))
    data = client.get(f"/api/v2/ngos/{ngo.pk}/").json()
    check("/api/v2/ngos/{id}/", data)
    assert data["krs"] == ngo.krs
    assert [item["number"] for item in data["areas"]] == ["16", "17"]
    assert data["district"]["name"] == "Reden"
    assert data["page_url"] == f"http://testserver/organizacje/{ngo.slug}/"
    listing = client.get("/api/v2/ngos/?fields=*").json()
    check("/api/v2/ngos/", listing)


def test_grant_calls_published_only_with_filters(client, calls_page, check):
    now = timezone.now()
    open_call = GrantCallFactory(area=area("15"))
    done = GrantCallFactory(
        procedure="inicjatywa-lokalna",
        area=area("13"),
        announced_at=now - 60 * DAY,
        offers_due_at=now - 30 * DAY,
        results_published_at=now - 10 * DAY,
    )
    GrantAwardFactory(call=done, amount=Decimal("1234.50"))
    draft = GrantCallFactory(live=False)
    assert ids(client.get("/api/v2/grant-calls/")) == {open_call.pk, done.pk}
    assert ids(client.get("/api/v2/grant-calls/?state=otwarty")) == {open_call.pk}
    assert ids(client.get("/api/v2/grant-calls/?state=rozstrzygniety")) == {done.pk}
    # English values, as every endpoint takes them; the Polish ones above still answer.
    assert ids(client.get("/api/v2/grant-calls/?state=open")) == {open_call.pk}
    assert ids(client.get("/api/v2/grant-calls/?state=resolved")) == {done.pk}
    assert ids(client.get("/api/v2/grant-calls/?procedure=inicjatywa-lokalna")) == {done.pk}
    assert ids(client.get("/api/v2/grant-calls/?area=15")) == {open_call.pk}
    assert client.get(f"/api/v2/grant-calls/{draft.pk}/").status_code == 404
    detail = client.get(f"/api/v2/grant-calls/{done.pk}/").json()
    check("/api/v2/grant-calls/{id}/", detail)
    assert detail["state"] == "resolved"
    assert detail["state_label"] == "rozstrzygnięty"
    assert detail["awards"][0]["amount"] == "1234.50"
    assert detail["area"]["number"] == "13"
    check("/api/v2/grant-calls/", client.get("/api/v2/grant-calls/?fields=*").json())


@pytest.mark.parametrize(
    "query",
    [
        "ngos/?state=otwarty",
        "ngos/?verified_on=wczoraj",
        "ngos/?district=x y",
        "ngos/?district=%00",
        "ngos/?area=%00",
        "ngos/?is_public_benefit=moze",
        "grant-calls/?state=zly",
        "grant-calls/?total_funds=duzo",
        "grant-calls/?announced_at=abc",
        "grant-calls/?order=nie_ma",
        "small-grant-offers/?ngo=teatr żak",
        "small-grant-offers/?ngo=%00",
        "small-grant-offers/?area=16)",
        "small-grant-offers/?outcome=wygrana",
        "small-grant-offers/?comments_open=tak",
        "small-grant-offers/?comments_open=",
        "small-grant-offers/?amount=duzo",
        "small-grant-offers/?published_on=wczoraj",
        "small-grant-offers/?order=nie_ma",
        "small-grant-offers/?comments_close_at=nigdy",
    ],
)
def test_bad_parameters_are_bad_requests(client, query):
    NGOFactory()
    GrantCallFactory()
    SmallGrantOfferFactory()
    response = client.get(f"/api/v2/{query}")
    assert response.status_code == 400
    assert "message" in response.json()


def test_listing_query_count_is_flat(client, calls_page, django_assert_max_num_queries):
    private = private_collection()

    def make(count):
        for index in range(count):
            call = GrantCallFactory()
            GrantAwardFactory(call=call)
            NGOFactory(areas=[area("1"), area("2")], district=DistrictFactory())
            # Offers with a public document, a private one and none.
            collection = (Collection.get_first_root_node(), private, None)[index % 3]
            SmallGrantOfferFactory(offer_document=collection and document(collection))

    make(3)
    # The moment content next changes by the clock (the answers' Cache-Control) is computed
    # once for the whole site and cached until a save: not part of a listing's own queries.
    seconds_until_site_change()
    listings = ("grant-calls", "ngos", "small-grant-offers")
    few, totals = {}, {}
    for name in listings:
        with django_assert_max_num_queries(10) as few[name]:
            response = client.get(f"/api/v2/{name}/?fields=*")
        totals[name] = response.json()["meta"]["total_count"]
    make(9)
    seconds_until_site_change()
    for name in listings:
        with django_assert_max_num_queries(len(few[name])):
            response = client.get(f"/api/v2/{name}/?fields=*")
        assert response.json()["meta"]["total_count"] == 4 * totals[name] > 4


# -- small-grant offers (art. 19a) --------------------------------------------------------


def private_collection() -> Collection:
    """A collection only signed-in people may see, as the intranet's are."""
    collection = Collection.get_first_root_node().add_child(name="Poufne")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def document(collection):
    doc = get_document_model()(title="Oferta", collection=collection)
    doc.file.save("oferta.pdf", ContentFile(pdf_bytes()), save=False)
    doc.save()
    return doc


def test_offers_are_published_ones_only(client, calls_page):
    today = timezone.localdate()
    shown = SmallGrantOfferFactory(published_on=today)
    draft = SmallGrantOfferFactory(live=False)
    future = SmallGrantOfferFactory(received_on=today, published_on=today + DAY)
    assert ids(client.get("/api/v2/small-grant-offers/")) == {shown.pk}
    for hidden in (draft, future):
        assert client.get(f"/api/v2/small-grant-offers/{hidden.pk}/").status_code == 404
        assert client.get(f"/api/v2/small-grant-offers/find/?id={hidden.pk}").status_code == 404
    body = client.get("/api/v2/small-grant-offers/?fields=*&comments_open=true").content.decode()
    assert draft.title not in body and future.title not in body


def test_offer_detail_has_what_its_page_shows(client, calls_page, check):
    today = timezone.localdate()
    ngo = NGOFactory(name="Klub Seniora Gołonóg")
    offer = SmallGrantOfferFactory(
        ngo=ngo,
        area=area("13"),
        amount=Decimal("7500.50"),
        received_on=today - 3 * DAY,
        published_on=today - 2 * DAY,
        realisation_from=today + 10 * DAY,
        realisation_to=today + 40 * DAY,
        outcome="dotacja",
        outcome_note="Zadanie zgodne z programem współpracy.",
        offer_document=document(Collection.get_first_root_node()),
    )
    data = client.get(f"/api/v2/small-grant-offers/{offer.pk}/").json()
    check("/api/v2/small-grant-offers/{id}/", data)
    assert data["title"] == offer.title
    assert data["amount"] == "7500.50"
    assert data["published_on"] == (today - 2 * DAY).isoformat()
    assert data["realisation_to"] == (today + 40 * DAY).isoformat()
    assert (data["outcome"], data["outcome_label"]) == ("dotacja", "przyznano dotację")
    assert data["outcome_note"] == "Zadanie zgodne z programem współpracy."
    assert data["area"]["number"] == "13"
    assert data["ngo"] == {"id": ngo.pk, "name": "Klub Seniora Gołonóg", "slug": ngo.slug}
    assert data["comments_open"] is True
    # Comments are taken until the end of the seventh day after publication (Warsaw).
    closes = datetime.fromisoformat(data["comments_close_at"])
    assert closes == timezone.make_aware(datetime.combine(today + 6 * DAY, time.min))
    assert data["page_url"] == f"http://testserver/konkursy/oferty/{offer.pk}/"
    assert client.get(data["page_url"]).status_code == 200
    # The same address the documents endpoint gives for the file.
    doc = client.get(f"/api/v2/documents/{offer.offer_document.pk}/").json()
    assert data["document_url"] == doc["meta"]["download_url"]
    assert data["document_url"].endswith(offer.offer_document.url)
    listing = client.get("/api/v2/small-grant-offers/?fields=*").json()
    check("/api/v2/small-grant-offers/", listing)
    assert listing["items"][0]["page_url"] == data["page_url"]


def test_a_document_in_a_private_collection_never_shows(client, calls_page, check):
    private = private_collection()
    beneath = private.add_child(name="Poufne – oferty")  # restricted by its parent
    offers = [SmallGrantOfferFactory(offer_document=document(c)) for c in (private, beneath)]
    for offer in offers:
        data = client.get(f"/api/v2/small-grant-offers/{offer.pk}/").json()
        check("/api/v2/small-grant-offers/{id}/", data)
        assert data["document_url"] is None
    body = client.get("/api/v2/small-grant-offers/?fields=*").content.decode()
    assert "/documents/" not in body
    assert SmallGrantOfferFactory().offer_document is None  # and no document at all:
    assert client.get("/api/v2/small-grant-offers/?fields=document_url").status_code == 200


def test_offers_carry_no_comment_and_nobody_who_commented(client, calls_page):
    offer = SmallGrantOfferFactory()
    OfferComment(
        offer=offer,
        author_name="Janina Komentująca",
        email="janina@example.org",
        comment="Kosztorys zawyża koszt wynajmu sali.",
    ).save_once()
    for path in (f"{offer.pk}/", "?fields=*", f"{offer.pk}/?fields=*"):
        response = client.get(f"/api/v2/small-grant-offers/{path}")
        assert response.status_code == 200
        body = json.dumps(response.json(), ensure_ascii=False)
        for secret in ("Janina", "janina@example.org", "Kosztorys", "UO-"):
            assert secret not in body, (path, secret)
    assert client.get("/api/v2/small-grant-offers/?fields=comments").status_code == 400


def test_offer_filters(client, calls_page):
    today = timezone.localdate()
    ngo = NGOFactory(slug="klub-seniora")
    open_offer = SmallGrantOfferFactory(ngo=ngo, area=area("13"), published_on=today)
    last_day = SmallGrantOfferFactory(area=area("16"), published_on=today - 7 * DAY)
    closed = SmallGrantOfferFactory(
        area=area("16"),
        received_on=today - 10 * DAY,
        published_on=today - 8 * DAY,
        outcome="odmowa",
    )
    base = "/api/v2/small-grant-offers/"
    assert ids(client.get(f"{base}?area=16")) == {last_day.pk, closed.pk}
    assert ids(client.get(f"{base}?area=99z")) == set()
    assert ids(client.get(f"{base}?ngo=klub-seniora")) == {open_offer.pk}
    assert ids(client.get(f"{base}?ngo=nie-ma-takiej")) == set()
    assert ids(client.get(f"{base}?outcome=odmowa")) == {closed.pk}
    assert ids(client.get(f"{base}?outcome=w-toku")) == {open_offer.pk, last_day.pk}
    assert ids(client.get(f"{base}?comments_open=true")) == {open_offer.pk, last_day.pk}
    assert ids(client.get(f"{base}?comments_open=false")) == {closed.pk}
    assert ids(client.get(f"{base}?comments_open=false&area=16&outcome=odmowa")) == {closed.pk}
    flags = {
        item["id"]: item["comments_open"]
        for item in client.get(f"{base}?fields=comments_open").json()["items"]
    }
    assert flags == {open_offer.pk: True, last_day.pk: True, closed.pk: False}
    assert ids(client.get(f"{base}?search=piknik")) == {open_offer.pk, last_day.pk, closed.pk}


def test_search_finds_what_the_site_search_finds_and_names_as_typed(client, directory, calls_page):
    """?search= uses the site search's analysis (word forms, folding), and still matches a
    name's beginning as typed; drafts stay out either way."""
    from search.indexing import update_all

    friends = NGOFactory(name="Stowarzyszenie Przyjaciół Ząbkowic")
    NGOFactory(name="Fundacja Inna")
    sport = GrantCallFactory(title="Konkurs na zajęcia sportowe", task="Szkolenie młodych piłkarzy")
    GrantCallFactory(title="Konkurs kulturalny", task="Koncerty w parkach")
    GrantCallFactory(live=False, title="Szkic: zajęcia sportowe", task="Szkolenie piłkarzy")
    update_all()  # the index follows commits; here the test's transaction
    assert ids(client.get("/api/v2/ngos/?search=Ząbkowice")) == {friends.pk}
    assert ids(client.get("/api/v2/ngos/?search=przyjaciel zabkowic")) == {friends.pk}
    assert ids(client.get("/api/v2/ngos/?search=zyjaci")) == {friends.pk}  # as typed
    assert ids(client.get("/api/v2/grant-calls/?search=piłkarz")) == {sport.pk}
    assert ids(client.get("/api/v2/grant-calls/?search=sportowych zajęć")) == {sport.pk}
    assert ids(client.get("/api/v2/grant-calls/?search=nic-takiego")) == set()
