from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.admin_views import ReadOnlyPermissionPolicy
from webhooks.models import WebhookDelivery
from webhooks.viewsets import WebhooksGroup

# The delivery log is a record: read, never added, edited or deleted in the admin.
register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhooksGroup()
