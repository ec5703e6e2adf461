"""The author's private link, outside the page tree (it is no page of the site)."""

from django.urls import path

from pages.budget.views import private_project

urlpatterns = [
    path("budzet/moj-projekt/<str:key>/", private_project, name="budget_private_project"),
]
