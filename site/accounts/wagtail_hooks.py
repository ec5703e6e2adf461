from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.admin_views import NGOPartnersGroup, NoAddPermissionPolicy
from accounts.models import NGOChangeRequest
from accounts.models.section import NGO_PROFILE_HOOK
from accounts.ngo_views import ngo_profile_view

register_permission_policy(NGOChangeRequest, NoAddPermissionPolicy(NGOChangeRequest))


@hooks.register("register_admin_viewset")
def register_ngo_partner_viewsets():
    return NGOPartnersGroup()


# The NGO zone's "moja-organizacja/" route of SectionPage is served by this view.
hooks.register(NGO_PROFILE_HOOK, ngo_profile_view)
