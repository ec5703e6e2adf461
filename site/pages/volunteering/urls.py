"""The NGO zone's volunteering screens (`/strefa-ngo/wolontariat/`), outside the page tree:
they are no pages of the site, and each serves one organisation's partners only."""

from django.urls import path

from pages.volunteering import ngo_views

app_name = "volunteering_ngo"

urlpatterns = [
    path("strefa-ngo/wolontariat/", ngo_views.offers, name="offers"),
    path("strefa-ngo/wolontariat/oferty/<int:offer_pk>/", ngo_views.answers, name="answers"),
    path("strefa-ngo/wolontariat/zgloszenia/<int:pk>/", ngo_views.answer, name="answer"),
    path(
        "strefa-ngo/wolontariat/zgloszenia/<int:pk>/<slug:kind>.<slug:extension>",
        ngo_views.document,
        name="document",
    ),
]
