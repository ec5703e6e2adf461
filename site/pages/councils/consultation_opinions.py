"""The opinions councils gave on a consultation, on the consultation's page ("Opinie
rad"): the opinion requests linked to it whose opinion is in a public council's register.
Added through core.page_panels, so consultations know nothing of councils.

A request not yet answered is internal (the intranet lists it) and shows nothing here.
"""

from core.page_panels import PagePanel
from pages.councils.documents import with_public_documents
from pages.councils.models import CouncilPage, OpinionRequest, Resolution

TEMPLATE = "councils/includes/consultation_opinions.html"
# An opinion appears when a request is answered or its register entry changes, or when
# its council's page is published (first published, renamed: a consultation's page
# declares what it lists, so "content" does not reach it).
CACHE_LISTS = ("councils.opinionrequest", "councils.resolution", "councils.councilpage")


def council_opinions_panel(request, consultation):
    answered = OpinionRequest.objects.filter(
        consultation=consultation, opinion__isnull=False
    ).values("opinion")
    opinions = with_public_documents(
        Resolution.objects.filter(
            pk__in=answered, council__in=CouncilPage.objects.live().public().values("pk")
        )
        .select_related("council", "document")
        .order_by("adopted_on", "pk")
    )
    if not opinions:
        return None
    return PagePanel(heading="Opinie rad", template=TEMPLATE, context={"resolutions": opinions})
