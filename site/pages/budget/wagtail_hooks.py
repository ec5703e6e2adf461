from django.urls import path

from wagtail import hooks

from core import public_forms
from pages.budget import admin_views, idea_admin
from pages.budget.idea_forms import IdeaSubmissions
from pages.budget.public_forms import ProjectSubmissions
from pages.budget.viewsets import BudgetViewSetGroup


@hooks.register(public_forms.HOOK)
def project_submissions():
    return ProjectSubmissions()


@hooks.register(public_forms.HOOK)
def idea_submissions():
    return IdeaSubmissions()


@hooks.register("register_admin_viewset")
def register_budget_viewsets():
    return BudgetViewSetGroup()


@hooks.register("register_admin_urls")
def budget_admin_urls():
    return [
        path("budzet/decyzja/<int:pk>/", admin_views.decide_project, name="budget_decide_project"),
        path("budzet/odwolanie/<int:pk>/", admin_views.decide_appeal, name="budget_decide_appeal"),
        path(
            "budzet/pomysl/<int:pk>/projekt/",
            idea_admin.idea_to_project,
            name="budget_idea_to_project",
        ),
    ]
