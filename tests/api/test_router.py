"""The router of /api/v2/: the apps' endpoints registered from their own modules, after
the generic ones, and no import circle between the router and its users."""

import pytest

from api.router import api_router
from pages.cao.models import EventPage
from pages.consultations.models import ConsultationPage
from pages.councils.models import CouncilPage, OsiedlePage
from tests.project_imports import SITE, imports_in, site_packages, top_package


def test_every_endpoint_is_registered_the_generic_ones_first():
    assert list(api_router._endpoints) == [
        "pages",
        "images",
        "documents",
        "contact",
        "navigation",
        "breadcrumbs",
        "redirects",
        "preview",
        "consultations",
        "ngos",
        "grant-calls",
        "small-grant-offers",
        "budget-editions",
        "budget-pools",
        "budget-projects",
        "councils",
        "council-members",
        "council-sittings",
        "council-resolutions",
        "council-recruitments",
        "osiedla",
        "budget-results",
        "local-initiative-rules",
        "local-initiatives",
        "volunteer-offers",
    ]
    # A page type with an endpoint of its own still links to /pages/<id>/.
    assert api_router.get_model_endpoint(ConsultationPage)[0] == "pages"
    for model in (CouncilPage, OsiedlePage, EventPage):
        assert api_router.get_model_endpoint(model)[0] == "pages"


@pytest.mark.django_db
def test_the_endpoints_of_the_apps_answer(client):
    names = ("consultations", "ngos", "grant-calls", "small-grant-offers", "councils", "osiedla")
    for name in (
        *names,
        "council-members",
        "council-sittings",
        "council-resolutions",
        "council-recruitments",
        "volunteer-offers",
    ):
        assert client.get(f"/api/v2/{name}/").status_code == 200, name


def test_api_imports_no_app_and_nothing_imports_config():
    apps = site_packages() - {"api", "config", "core"}
    assert [i for i in imports_in(SITE / "api") if top_package(i[0]) in apps] == []
    outside_config = [
        found
        for package in site_packages() - {"config"}
        for found in imports_in(SITE / package)
        if top_package(found[0]) == "config"
    ]
    assert outside_config == []
