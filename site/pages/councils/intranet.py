"""Open opinion requests in the intranet (accounts.SectionPage), soonest deadline first.

Not in the NGO partners' zone, and only for the department's people (staff, editors,
approvers: whoever may view the requests in the admin, or belongs to the staff group).
"""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from wagtail.models import Page

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


def _title_of(page_id_field: str):
    # A page's title by the id the request holds (a council's and a consultation's id is
    # their page's): one row by primary key, where joining through their page types'
    # tables (five tables for the planner) made the query take nearly twice as long.
    return Subquery(Page.objects.filter(pk=OuterRef(page_id_field)).order_by().values("title"))


def _open_requests():
    # Of the council and the consultation, only the titles the table shows (not their
    # whole pages). Compiled once (core.prepared_queries): every visit of the intranet's
    # front page runs it.
    return (
        OpinionRequest.objects.filter(given_on__isnull=True)
        .annotate(
            council_title=_title_of("council_id"),
            consultation_title=_title_of("consultation_id"),
        )
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
