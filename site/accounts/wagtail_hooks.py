from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from accounts.admin_views import NGOPartnersGroup, NoAddPermissionPolicy
from accounts.models import NGOChangeRequest
from accounts.models.section import NGO_PROFILE_HOOK
from accounts.ngo_views import ngo_profile_view
from accounts.two_factor_admin import RESET_ACTION, reset_second_factor, staff_second_factors

register_permission_policy(NGOChangeRequest, NoAddPermissionPolicy(NGOChangeRequest))


@hooks.register("register_admin_viewset")
def register_ngo_partner_viewsets():
    return NGOPartnersGroup()


# The NGO zone's "moja-organizacja/" route of SectionPage is served by this view.
hooks.register(NGO_PROFILE_HOOK, ngo_profile_view)


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    return [
        path("logowanie-dwuetapowe/", staff_second_factors, name="accounts_second_factors"),
        path(
            "logowanie-dwuetapowe/<int:user_id>/wyzeruj/",
            reset_second_factor,
            name="accounts_second_factor_reset",
        ),
    ]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_second_factor_menu_item():
    return AdministratorsMenuItem(
        "Logowanie dwuetapowe", reverse("accounts_second_factors"), icon_name="key", order=610
    )


@hooks.register("register_log_actions")
def register_second_factor_log_actions(actions):
    @actions.register_action(RESET_ACTION)
    class SecondFactorResetFormatter(LogFormatter):
        label = "Wyzerowanie logowania dwuetapowego"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return (
                "Wyzerowano logowanie dwuetapowe (usunięto urządzeń: "
                f"{data.get('devices', '?')}, zakończono sesji: {data.get('sessions', '?')})"
            )
