"""The voter's pages (voting.views) and the published results (voting.results_views),
outside the page tree."""

from django.urls import path

from voting import results_views, views

urlpatterns = [
    path("budzet/glosowanie/<int:edition_id>/", views.ballot_page, name="voting_ballot"),
    path("budzet/glosowanie/potwierdz-kodem/", views.confirm_by_code, name="voting_confirm_code"),
    path("budzet/glosowanie/potwierdz/<str:key>/", views.confirm_ballot, name="voting_confirm"),
    path("budzet/glosowanie/sprawdz/", views.check_receipt, name="voting_check"),
    path("budzet/wyniki/<int:edition_id>/", results_views.results_page, name="voting_results"),
    path(
        "budzet/wyniki/<int:edition_id>/wyniki.csv",
        results_views.results_csv,
        name="voting_results_csv",
    ),
    path(
        "budzet/wyniki/<int:edition_id>/wyniki.json",
        results_views.results_json,
        name="voting_results_json",
    ),
    path(
        "budzet/wyniki/<int:edition_id>/<slug:pool_slug>/protokol/",
        results_views.protocol_page,
        name="voting_protocol",
    ),
    path(
        "budzet/wyniki/<int:edition_id>/<slug:pool_slug>/protokol.pdf",
        results_views.protocol_pdf,
        name="voting_protocol_pdf",
    ),
    path(
        "budzet/wyniki/<int:edition_id>/<slug:pool_slug>.pb",
        results_views.results_pabulib,
        name="voting_pabulib",
    ),
]
