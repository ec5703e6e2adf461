from django.urls import path, re_path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import public_forms
from pages.initiatives import admin_views
from pages.initiatives.public_forms import Applications
from pages.initiatives.viewsets import InitiativeViewSetGroup


@hooks.register(public_forms.HOOK)
def initiative_applications():
    return Applications()


@hooks.register("register_admin_viewset")
def register_initiative_viewsets():
    return InitiativeViewSetGroup()


@hooks.register("register_admin_urls")
def initiative_admin_urls():
    return [
        path(
            "inicjatywy/wniosek-papierowy/",
            admin_views.paper_application,
            name="initiative_paper_application",
        ),
        path("inicjatywy/ocena/", admin_views.to_score, name="initiative_to_score"),
        path("inicjatywy/ocena/<int:pk>/", admin_views.assess, name="initiative_assess"),
        re_path(
            r"^inicjatywy/umowa/(?P<pk>\d+)\.(?P<extension>docx|pdf)$",
            admin_views.agreement_document,
            name="initiative_agreement",
        ),
    ]


class ScoringMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.SCORE_PERMISSION)


@hooks.register("register_admin_menu_item")
def scoring_menu_item():
    return ScoringMenuItem(
        "Ocena inicjatyw lokalnych", reverse("initiative_to_score"), icon_name="tick", order=266
    )
