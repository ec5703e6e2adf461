"""The NGO zone's volunteering screens: a partner's own organisation only.

Offers proposed here are drafts submitted to the approval workflow; answers to the
organisation's offers are read, accepted or declined here (the resident is told by
e-mail), hours are recorded, and the agreement and certificate downloaded. The
organisation always comes from the account (accounts.ngo_views.partner_ngo), never from
the request: another organisation's offer or answer is a 404, as if it did not exist.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.ngo_views import partner_ngo
from core import document_templates
from core.public_forms import send_notices
from pages.volunteering import decisions
from pages.volunteering.document_kinds import AGREEMENT, CERTIFICATE
from pages.volunteering.documents import values_for
from pages.volunteering.forms import VolunteerHoursForm, VolunteerOfferForm
from pages.volunteering.models import VolunteerAnswer, VolunteerOffer


def partner_only(view):
    """Signed-in partners of an organisation; anyone else is sent to log in or refused."""

    @wraps(view)
    @never_cache
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
        ngo = partner_ngo(request.user)
        if ngo is None:
            return TemplateResponse(request, "volunteering/ngo/not_partner.html", {}, status=403)
        return view(request, ngo, *args, **kwargs)

    return wrapped


def _answer_of(ngo, pk) -> VolunteerAnswer:
    return get_object_or_404(
        VolunteerAnswer.objects.select_related("offer", "offer__ngo", "offer__district"),
        pk=pk,
        offer__ngo=ngo,
        personal_data_removed_at__isnull=True,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@partner_only
def offers(request, ngo):
    status = 200
    if request.method == "POST":
        form = VolunteerOfferForm(request.POST)
        if form.is_valid():
            decisions.propose_offer(form, ngo, request.user)
            messages.success(
                request,
                "Dziękujemy. Oferta trafiła do wydziału; ukaże się na stronie po zatwierdzeniu.",
            )
            return redirect("volunteering_ngo:offers")
        status = 400
    else:
        form = VolunteerOfferForm()
    context = {
        "ngo": ngo,
        "form": form,
        "offers": VolunteerOffer.objects.filter(ngo=ngo).order_by("-created_at"),
        "now": timezone.now(),
    }
    return TemplateResponse(request, "volunteering/ngo/offers.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
@partner_only
def answers(request, ngo, offer_pk):
    offer = get_object_or_404(VolunteerOffer, pk=offer_pk, ngo=ngo)
    context = {
        "ngo": ngo,
        "offer": offer,
        "answers": offer.answers.filter(personal_data_removed_at__isnull=True).order_by(
            "status", "submitted_at"
        ),
    }
    return TemplateResponse(request, "volunteering/ngo/answers.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@partner_only
def answer(request, ngo, pk):
    item = _answer_of(ngo, pk)
    hours_form = VolunteerHoursForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        notice = None
        if action in ("accept", "decline") and item.status == VolunteerAnswer.Status.NEW:
            with transaction.atomic():
                notice = decisions.decide(request, item, accepted=action == "accept")
                if notice is not None:
                    transaction.on_commit(lambda: send_notices([notice]))
        if notice is not None:
            messages.success(request, "Zapisano decyzję; wysłaliśmy ją zgłaszającemu e-mailem.")
            return redirect("volunteering_ngo:answer", pk=item.pk)
        if action in ("accept", "decline"):
            item.refresh_from_db()  # decided meanwhile by another partner: show what is stored
        if action == "hours" and item.status == VolunteerAnswer.Status.ACCEPTED:
            hours_form = VolunteerHoursForm(request.POST)
            if hours_form.is_valid():
                entry = hours_form.save(commit=False)
                entry.answer = item
                entry.save()
                messages.success(request, "Zapisano godziny.")
                return redirect("volunteering_ngo:answer", pk=item.pk)
            status = 400
        else:
            status = 409 if action in ("accept", "decline", "hours") else 400
            messages.error(request, "Tego zgłoszenia nie można już tak zmienić; nic nie zapisano.")
    context = {
        "ngo": ngo,
        "answer": item,
        "offer": item.offer,
        "hours": item.hours.all(),
        "total_hours": item.total_hours(),
        "hours_form": hours_form,
    }
    return TemplateResponse(request, "volunteering/ngo/answer.html", context, status=status)


DOCUMENTS = {"porozumienie": AGREEMENT, "zaswiadczenie": CERTIFICATE}


@require_http_methods(["GET", "HEAD"])
@partner_only
def document(request, ngo, pk, kind, extension):
    item = _answer_of(ngo, pk)
    if kind not in DOCUMENTS or extension not in ("pdf", "docx"):
        raise Http404
    if item.status != VolunteerAnswer.Status.ACCEPTED:
        raise Http404
    key = DOCUMENTS[kind]
    values = values_for(item, with_hours=key == CERTIFICATE)
    return document_templates.response(key, values, extension)
