from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.admin_views import NGOPartnersGroup, NoAddPermissionPolicy
from accounts.models import NGOChangeRequest

register_permission_policy(NGOChangeRequest, NoAddPermissionPolicy(NGOChangeRequest))


@hooks.register("register_admin_viewset")
def register_ngo_partner_viewsets():
    return NGOPartnersGroup()
