"""The voter's pages (voting.views), outside the page tree."""

from django.urls import path

from voting import views

urlpatterns = [
    path("budzet/glosowanie/<int:edition_id>/", views.ballot_page, name="voting_ballot"),
    path("budzet/glosowanie/potwierdz/<str:key>/", views.confirm_ballot, name="voting_confirm"),
    path("budzet/glosowanie/sprawdz/", views.check_receipt, name="voting_check"),
]
