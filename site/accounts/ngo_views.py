"""The partner's own organisation in the NGO zone: its record and a change proposal."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Case, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from accounts.models import NGOChangeRequest
from accounts.ngo_forms import NGOChangeRequestForm
from core import prepared_queries
from core.ratelimit import is_rate_limited
from core.shared_fragments import record_part
from snippets.models import NGO, PublicBenefitArea

FIELDS_TEMPLATE = "accounts/ngo_profile_fields.html"


def _linked_ngos(user_id):
    return NGO.objects.filter(partner_profiles__user_id=user_id)


def partner_ngo(user):
    """The organisation USER's account is linked to, or None. Never taken from the request.
    A query compiled once (core.prepared_queries): every page of the NGO zone's own
    record and offers runs it."""
    if not user.is_authenticated:
        return None
    # One profile per account (a one-to-one link): one row at most.
    linked = prepared_queries.run("partner-ngo", _linked_ngos, user.pk)
    return linked[0] if linked else None


def latest_changes(ngo_id):
    """The pending proposal (at most one) and the last five decided ones in one query:
    the pending one sorts first. Compiled once (core.prepared_queries)."""
    return NGOChangeRequest.objects.filter(ngo_id=ngo_id).order_by(
        Case(When(status=NGOChangeRequest.Status.PENDING, then=0), default=1),
        "-submitted_at",
    )[:6]


def ngo_profile_view(request, section):
    ngo = partner_ngo(request.user)
    context = {"page": section, "self": section, "ngo": ngo}
    if ngo is None:
        return TemplateResponse(request, "accounts/ngo_profile.html", context)

    changes = prepared_queries.run("ngo-change-requests", latest_changes, ngo.pk)
    pending = (
        changes[0] if changes and changes[0].status == NGOChangeRequest.Status.PENDING else None
    )
    history = [change for change in changes if change is not pending][:5]
    status = 200
    if request.method == "POST":
        if is_rate_limited(request, "ngo-change-request"):
            return TemplateResponse(request, "accounts/too_many_requests.html", context, status=429)
        form = NGOChangeRequestForm(request.POST, ngo=ngo)
        if form.is_valid():
            with transaction.atomic():
                # A new proposal replaces the one still waiting, not piles up beside it.
                NGOChangeRequest.objects.filter(
                    ngo=ngo, status=NGOChangeRequest.Status.PENDING
                ).delete()
                change = form.save(commit=False)
                change.ngo = ngo
                change.submitted_by = request.user
                change.save()
                form.save_m2m()
            messages.success(
                request,
                "Dziękujemy. Zmiany trafiły do wydziału; pojawią się w rejestrze po sprawdzeniu.",
            )
            return redirect(section.url + section.reverse_subpage("ngo_profile"))
        status = 400
    else:
        form = None  # the unchanged record's fields: made only when they are rendered

    # The unchanged fields show only the record and the areas, which the public registry
    # shows of a live record: its partners share them (record_part). A bound form shows
    # what the partner sent and is never shared (a POST).
    fields = record_part(
        request,
        ngo,
        FIELDS_TEMPLATE,
        lambda shown: {"form": form if form is not None else NGOChangeRequestForm(ngo=shown)},
        shows=[PublicBenefitArea],
    )
    context.update({"form": form, "fields": fields, "pending": pending, "history": history})
    return TemplateResponse(request, "accounts/ngo_profile.html", context, status=status)
