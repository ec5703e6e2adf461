"""The consultations' inbox in the admin: staff type in a letter, an e-mail or a statement
made at a meeting (stored once with its comments, like an online response), and link a
response sent twice through two channels to the first."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from pages.consultations.admin_forms import DuplicateForm, StaffResponseForm
from pages.consultations.comments import store_response
from pages.consultations.models import ConsultationResponse

# The submissions team's permission on responses (accounts.roles): whoever handles what
# residents sent also types in what came on paper.
INBOX_PERMISSION = "consultations.change_consultationresponse"


def check_inbox(user):
    if not user.has_perm(INBOX_PERMISSION):
        raise PermissionDenied


@user_passes_test(lambda user: user.is_authenticated)
def add_response(request):
    check_inbox(request.user)
    initial = {"consultation": request.GET.get("consultation")}
    form = StaffResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = form.save(commit=False)
        response.entered_by = request.user
        stored, _created = store_response(response)
        messages.success(
            request,
            f"Zapisano zgłoszenie {stored.receipt_number} ({stored.get_channel_display()}).",
        )
        return redirect(reverse("consultation_responses:inspect", args=[stored.pk]))
    return render(
        request,
        "consultations/admin/add_response.html",
        {"form": form, "media": form.media},
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
