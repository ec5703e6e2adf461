from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import public_forms
from core.admin_views import ReadOnlyPermissionPolicy
from pages.volunteering.models import VolunteerAnswer, VolunteerOffer
from pages.volunteering.public_forms import VolunteerAnswers
from pages.volunteering.viewsets import VolunteerAnswerViewSet

# Before any view asks for a policy: answers are read here, decided in the NGO zone.
register_permission_policy(VolunteerAnswer, ReadOnlyPermissionPolicy(VolunteerAnswer))


@hooks.register(public_forms.HOOK)
def volunteer_answers():
    return VolunteerAnswers()


@hooks.register("register_admin_viewset")
def register_volunteer_answers():
    return VolunteerAnswerViewSet()


class VolunteerOfferViewSet(SnippetViewSet):
    model = VolunteerOffer
    icon = "group"
    menu_label = "Oferty wolontariatu"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["title", "ngo", "expires_at", "live"]
    search_fields = ["title", "ngo__name"]
    search_backend_name = None

    def get_queryset(self, request):
        return VolunteerOffer.objects.select_related("ngo")


# A snippet, registered as one at start-up so that Wagtail creates its `publish`
# permission in post_migrate (accounts.roles then gives it to approvers only).
register_snippet(VolunteerOfferViewSet)
