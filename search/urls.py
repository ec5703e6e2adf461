from django.urls import path

from search import api, views

# Mounted at the site root (config/urls.py), before Wagtail's catch-all and the API router.
urlpatterns = [
    path("szukaj/", views.search_page, name="search"),
    path("api/v2/search/", api.search_api, name="search_api"),
    path("api/v2/search/suggest/", api.suggest_api, name="search_suggest_api"),
]
