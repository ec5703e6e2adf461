from wagtail import hooks

from accounts.models.section import SECTION_PANELS_HOOK
from pages.councils.intranet import opinion_requests_panel
from pages.councils.listing import register_view
from pages.councils.models.council import REGISTER_HOOK
from pages.councils.viewsets import CouncilViewSetGroup


@hooks.register("register_admin_viewset")
def register_council_viewsets():
    return CouncilViewSetGroup()


# The register's list (pages.councils.listing) imports the council's model: joined here.
hooks.register(REGISTER_HOOK, register_view)


@hooks.register(SECTION_PANELS_HOOK)
def opinion_requests(request, section):
    return opinion_requests_panel(request, section)
