"""The applicant's private link, outside the page tree (it is no page of the site)."""

from django.urls import path

from pages.initiatives.views import private_application

urlpatterns = [
    path(
        "inicjatywa-lokalna/moj-wniosek/<str:key>/",
        private_application,
        name="initiative_private",
    ),
]
