from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core import public_forms
from pages.cao.models import BookingRequest, EventRegistration
from pages.cao.public_forms import Bookings, EventRegistrations
from pages.cao.viewsets import CaoViewSetGroup, HandleOnlyPermissionPolicy

# Before any view asks for a policy, or Wagtail would build the default one.
register_permission_policy(BookingRequest, HandleOnlyPermissionPolicy(BookingRequest))
register_permission_policy(EventRegistration, HandleOnlyPermissionPolicy(EventRegistration))


@hooks.register("register_admin_viewset")
def register_cao_viewsets():
    return CaoViewSetGroup()


@hooks.register(public_forms.HOOK)
def bookings():
    return Bookings()


@hooks.register(public_forms.HOOK)
def event_registrations():
    return EventRegistrations()
