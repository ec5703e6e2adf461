"""Open opinion requests in the intranet (accounts.SectionPage), soonest deadline first.

Not in the NGO partners' zone, and only for the department's people (staff, editors,
approvers: whoever may view the requests in the admin, or belongs to the staff group).
"""

from django.db.models import F
from django.utils import timezone

from accounts import roles
from accounts.models.section import SectionPanel
from core import prepared_queries, request_memo
from pages.councils.models import OpinionRequest
from pages.councils.state import OPINION

TEMPLATE = "councils/includes/opinion_requests.html"


def may_read(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("councils.view_opinionrequest"):
        return True
    # The user's groups, read once per request (core.request_memo), as the section's
    # restriction check read them.
    return request_memo.user_in_group(user, roles.STAFF)


def _open_requests():
    # Of the council and the consultation, only the titles the table shows (not their
    # whole pages: two page types joined in full with their parents). Compiled once
    # (core.prepared_queries): every visit of the intranet's front page runs it.
    return (
        OpinionRequest.objects.filter(given_on__isnull=True)
        .annotate(council_title=F("council__title"), consultation_title=F("consultation__title"))
        .order_by("deadline", "pk")
    )


def opinion_requests_panel(request, section):
    if section.ngo_self_service or not may_read(request.user):
        return None
    now = timezone.now()
    open_requests = prepared_queries.run("open-opinion-requests", _open_requests)
    items = [(item, OPINION.state_of(item, now), item.remaining(now)) for item in open_requests]
    return SectionPanel(
        heading="Wnioski o opinię rad – według terminu",
        template=TEMPLATE,
        context={"items": items, "now": now},
    )
