from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import public_forms
from voting import admin_views
from voting.public_forms import Ballots
from voting.viewsets import VotingRulesViewSetGroup


@hooks.register(public_forms.HOOK)
def ballots():
    return Ballots()


@hooks.register("register_admin_urls")
def voting_admin_urls():
    return [
        path("glosowanie/", admin_views.editions, name="voting_editions"),
        path("glosowanie/<int:edition_id>/", admin_views.dashboard, name="voting_dashboard"),
        path("glosowanie/<int:edition_id>/licz/", admin_views.count, name="voting_count"),
        path("glosowanie/<int:edition_id>/publikuj/", admin_views.publish, name="voting_publish"),
        path("glosowanie/<int:edition_id>/weryfikacja/", admin_views.queue, name="voting_queue"),
        path(
            "glosowanie/<int:edition_id>/karta-papierowa/",
            admin_views.paper_ballot,
            name="voting_paper",
        ),
        path(
            "glosowanie/<int:edition_id>/rejestr/",
            admin_views.voter_register,
            name="voting_register",
        ),
    ]


class VotingMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm(admin_views.COUNT_PERMISSION) or user.has_perm(
            admin_views.BALLOT_PERMISSION
        )


@hooks.register("register_admin_menu_item")
def voting_menu_item():
    return VotingMenuItem(
        "Głosowanie w budżecie",
        reverse("voting_editions"),
        icon_name="tick",
        order=261,
    )


@hooks.register("register_admin_viewset")
def voting_viewsets():
    return VotingRulesViewSetGroup()
