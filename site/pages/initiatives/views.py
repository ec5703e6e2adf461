"""The applicant's private link (/inicjatywa-lokalna/moj-wniosek/<key>/): confirm the
application, correct it while that is allowed, see its history.

The key is the only credential, so the page is never cached or referred onwards, and
guessing is rate-limited per address.
"""

from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from core.ratelimit import is_rate_limited
from core.secret_links import secret_link_response
from pages.initiatives import assessment, expiry
from pages.initiatives.forms import CorrectionForm
from pages.initiatives.models import Initiative
from pages.initiatives.report import ReportForm, can_report, save_report

TEMPLATE = "initiatives/private_application.html"


def private_application(request, key: str):
    if is_rate_limited(request, "initiative-private-link"):
        return secret_link_response(
            TemplateResponse(request, "initiatives/private_limited.html", status=429)
        )
    initiative = Initiative.by_private_key(key)
    if initiative is None:
        raise Http404
    now = timezone.now()
    if expiry.is_expired(initiative, now):  # until the daily command deletes it
        return secret_link_response(
            TemplateResponse(request, "initiatives/private_expired.html", status=410)
        )
    message, status, edit_form, report_form = "", 200, None, None
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "confirm" and initiative.confirmed_at is None:
        initiative.confirmed_at = now
        initiative.save(update_fields=["confirmed_at"])
        message = "Dziękujemy – wniosek jest potwierdzony, trafi do oceny i do rejestru wniosków."
    elif action == "edit":
        if not assessment.can_edit(initiative, now):
            message, status = "Wniosku nie można już poprawiać – zmiany nie zostały zapisane.", 409
        else:
            # A copy: an invalid form leaves its values on the instance it was given.
            edit_form = CorrectionForm(
                request.POST, instance=Initiative.objects.get(pk=initiative.pk)
            )
            if edit_form.is_valid():
                with transaction.atomic():
                    initiative = edit_form.save()
                    assessment.record_applicant_edit(initiative, now)
                edit_form, message = None, "Zmiany zostały zapisane."
            else:
                status = 400
    elif action == "report":
        if not can_report(initiative):
            message, status = "Sprawozdania nie można teraz wysłać – nie zostało zapisane.", 409
        else:
            report_form = ReportForm(request.POST, request.FILES)
            if report_form.is_valid():
                save_report(initiative, report_form)
                report_form = None
                message = (
                    "Sprawozdanie zostało zapisane. Po jego przyjęciu pokażemy je w rejestrze."
                )
            else:
                status = 400
    can_edit = assessment.can_edit(initiative, now)
    context = {
        "initiative": initiative,
        "message": message,
        "edit_form": edit_form or (CorrectionForm(instance=initiative) if can_edit else None),
        "history": list(initiative.history.all()),
        "report_form": report_form or (ReportForm() if can_report(initiative) else None),
        "report": getattr(initiative, "report", None),
        # The agreement's stages; the scan itself stays in the private collection.
        "milestones": list(initiative.milestones.all()),
    }
    return secret_link_response(TemplateResponse(request, TEMPLATE, context, status=status))
