"""The consultations' inbox in the admin: staff type in a letter, an e-mail, a statement
made at a meeting or a questionnaire filled in on paper (stored once with its comments, like
an online response: the same form posted twice stores it once), and link a response sent
twice through two channels to the first."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.forms import stored_with_token
from pages.consultations.admin_forms import (
    DuplicateForm,
    OrganisationForm,
    PaperQuestionnaireForm,
    StaffResponseForm,
)
from pages.consultations.choices import Channel
from pages.consultations.comments import store_response
from pages.consultations.models import ConsultationPage, ConsultationResponse

# The submissions team's permission on responses (accounts.roles): whoever handles what
# residents sent also types in what came on paper.
INBOX_PERMISSION = "consultations.change_consultationresponse"


def check_inbox(user):
    if not user.has_perm(INBOX_PERMISSION):
        raise PermissionDenied


def _stored(request, response, created: bool):
    """To the stored RESPONSE's screen, saying whether this POST stored it or found it."""
    if created:
        note = f"Zapisano zgłoszenie {response.receipt_number} ({response.get_channel_display()})."
        messages.success(request, note)
    else:
        messages.warning(
            request,
            f"Ten formularz zapisano już wcześniej jako zgłoszenie {response.receipt_number} "
            "– nie zapisano go drugi raz.",
        )
    return redirect(reverse("consultation_responses:inspect", args=[response.pk]))


def _repeat(request):
    """The response this very form was already stored as (posted twice: a double click,
    the browser's "resend"), whatever its data says now."""
    if request.method != "POST":
        return None
    return stored_with_token(ConsultationResponse, request.POST.get("form_token"))


@user_passes_test(lambda user: user.is_authenticated)
def add_response(request):
    check_inbox(request.user)
    if (repeat := _repeat(request)) is not None:
        return _stored(request, repeat, created=False)
    initial = {"consultation": request.GET.get("consultation")}
    form = StaffResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = form.build_instance(entered_by=request.user)
        return _stored(request, *store_response(response))
    paper_url = paper_questionnaire_url(request.GET.get("consultation"))
    return render(
        request,
        "consultations/admin/add_response.html",
        {"form": form, "media": form.media, "paper_url": paper_url},
        status=400 if form.errors else 200,
    )


def paper_questionnaire_url(consultation: str | None) -> str:
    """The paper entry of the consultation a list or form is narrowed to (its id as the
    query string has it), when it has a questionnaire; else ""."""
    value = (consultation or "").strip()
    # ASCII digits only ('²' is a digit to isdigit() but not to int()), and few enough to
    # be an id (a longer number overflows the database's integer).
    if not (value.isascii() and value.isdigit() and len(value) < 10):
        return ""
    page = ConsultationPage.objects.filter(pk=int(value)).only("questionnaire").first()
    if page is None or not page.questionnaire:
        return ""
    return reverse("consultation_add_paper_questionnaire", args=[page.pk])


@user_passes_test(lambda user: user.is_authenticated)
def add_paper_questionnaire(request, page_id):
    """A questionnaire filled in on paper, typed in with the consultation's own questions;
    stored with the channel "paper" and counted like the online answers."""
    check_inbox(request.user)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not page.questionnaire:
        raise Http404("Ta konsultacja nie ma kwestionariusza.")
    if (repeat := _repeat(request)) is not None:
        return _stored(request, repeat, created=False)
    form = PaperQuestionnaireForm(request.POST or None, consultation=page)
    if request.method == "POST" and form.is_valid():
        response = form.build_instance(
            consultation=page,
            channel=Channel.PAPER,
            answers=form.answers,
            entered_by=request.user,
        )
        return _stored(request, *store_response(response))
    return render(
        request,
        "consultations/admin/add_paper_questionnaire.html",
        {"form": form, "media": form.media, "page": page},
        status=400 if form.errors else 200,
    )


@user_passes_test(lambda user: user.is_authenticated)
def link_duplicate(request, pk):
    check_inbox(request.user)
    response = get_object_or_404(ConsultationResponse.objects.select_related("consultation"), pk=pk)
    form = DuplicateForm(request.POST or None, response=response)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            response.duplicate_of = form.cleaned_data["original"]
            response.save(update_fields=["duplicate_of"])
        if response.duplicate_of:
            note = f"Oznaczono jako duplikat zgłoszenia {response.duplicate_of.receipt_number}."
        else:
            note = "Zgłoszenie nie jest już oznaczone jako duplikat."
        messages.success(request, note)
        return redirect(reverse("consultation_responses:inspect", args=[response.pk]))
    return render(
        request,
        "consultations/admin/link_duplicate.html",
        {"form": form, "response": response},
        status=400 if form.errors else 200,
    )


@user_passes_test(lambda user: user.is_authenticated)
def confirm_organisation(request, pk):
    """Staff confirm the organisation a response names (or link it to the registry): only
    then does the report publish its name; a name nobody checked may be a resident's own."""
    check_inbox(request.user)
    response = get_object_or_404(ConsultationResponse.objects.select_related("ngo"), pk=pk)
    # As stored: a refused form has already written what was posted into the instance.
    stored = {"typed": response.organisation, "submitter": response.public_submitter}
    form = OrganisationForm(request.POST or None, instance=response)
    if request.method == "POST" and form.is_valid():
        form.save()
        note = f"Zgłoszenie {response.receipt_number}: w raporcie „{response.public_submitter}”."
        messages.success(request, note)
        return redirect(reverse("consultation_responses:inspect", args=[response.pk]))
    return render(
        request,
        "consultations/admin/confirm_organisation.html",
        {"form": form, "response": response, "stored": stored},
        status=400 if form.errors else 200,
    )
