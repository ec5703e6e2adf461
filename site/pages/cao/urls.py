"""The CAO's routes outside the page tree: the public check of a certificate's code."""

from django.urls import path

from pages.cao import certificate_views

urlpatterns = [
    path("zaswiadczenia/sprawdz/", certificate_views.check_certificate, name="certificate_check"),
]
