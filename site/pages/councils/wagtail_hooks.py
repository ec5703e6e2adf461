from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from accounts.models.section import SECTION_PANELS_HOOK
from core import page_panels, public_forms
from pages.cao.viewsets import HandleOnlyPermissionPolicy
from pages.councils import deletion
from pages.councils.consultation_opinions import CACHE_LISTS, council_opinions_panel
from pages.councils.intranet import opinion_requests_panel
from pages.councils.listing import register_view
from pages.councils.models import CouncilApplication
from pages.councils.models.council import REGISTER_HOOK
from pages.councils.public_forms import CouncilApplications
from pages.councils.viewsets import CouncilViewSetGroup

# Before any view asks for a policy, or Wagtail would build the default one.
register_permission_policy(CouncilApplication, HandleOnlyPermissionPolicy(CouncilApplication))


@hooks.register("register_admin_viewset")
def register_council_viewsets():
    return CouncilViewSetGroup()


# The register's list (pages.councils.listing) imports the council's model: joined here.
hooks.register(REGISTER_HOOK, register_view)


@page_panels.register("consultations.ConsultationPage", cache_lists=CACHE_LISTS)
def council_opinions(request, consultation):
    return council_opinions_panel(request, consultation)


@hooks.register(SECTION_PANELS_HOOK)
def opinion_requests(request, section):
    return opinion_requests_panel(request, section)


@hooks.register(public_forms.HOOK)
def council_applications():
    return CouncilApplications()


@hooks.register("before_delete_page")
def keep_councils_with_records(request, page):
    """A council (or a page above councils) with records is not deleted: the admin says
    what holds it and to unpublish instead (pages.councils.deletion)."""
    found = deletion.blockers(page)
    if not found:
        return None
    messages.error(request, deletion.refusal_message(page, found))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def keep_councils_with_records_in_bulk(request, action_type, objects, action):
    """The pages' bulk "Delete" skips before_delete_page: the same refusal there, naming
    the first page that holds records (nothing is deleted)."""
    if action_type != "delete":
        return None
    for page in objects:
        if not isinstance(page, Page):
            return None  # documents, images, users: not ours
        found = deletion.blockers(page)
        if found:
            messages.error(request, deletion.refusal_message(page, found))
            return redirect(action.next_url)
    return None
