"""The admin screen of one consultation's analysis: what came in by channel, how many
comments still wait for the city's position, the charts of the closed questions, and the
button that writes the report into a new draft of the page."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.generated_documents import document_response
from pages.consultations import report
from pages.consultations.admin_views import INBOX_PERMISSION
from pages.consultations.models import ConsultationComment, ConsultationPage
from pages.consultations.report_output import charts_of, report_document

ANALYSIS_PERMISSION = "consultations.change_consultationcomment"


@user_passes_test(lambda user: user.is_authenticated)
def analysis(request, page_id):
    if not request.user.has_perm(ANALYSIS_PERMISSION):
        raise PermissionDenied
    page = get_object_or_404(ConsultationPage, pk=page_id)
    can_edit = page.permissions_for_user(request.user).can_edit()
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            report.generate(page, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                "Raport zapisano w wersji roboczej strony (zakładka „Wynik”). Sprawdź go i "
                "wyślij do akceptacji: opublikowanie strony opublikuje raport.",
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        return redirect("consultation_analysis", page.pk)
    comments = ConsultationComment.objects.filter(response__consultation=page).counted()
    inbox = request.user.has_perm(INBOX_PERMISSION)
    stats = report.figures(page)
    return render(
        request,
        "consultations/admin/analysis.html",
        {
            "page": page,
            "stats": stats,
            "charts": charts_of(stats),
            "without_position": comments.without_position().count(),
            # Named in the report only once confirmed: staff see how many still wait.
            "unconfirmed_organisations": report.counted_responses(page)
            .exclude(organisation="")
            .filter(organisation_confirmed=False, ngo__isnull=True)
            .count(),
            "comments_url": reverse("consultation_comments:index") + f"?consultation={page.pk}",
            "add_url": reverse("consultation_add_response") + f"?consultation={page.pk}"
            if inbox
            else "",
            "paper_url": reverse("consultation_add_paper_questionnaire", args=[page.pk])
            if inbox and page.questionnaire
            else "",
            "refusal": report.refusal(page),
            "can_edit": can_edit,
            "has_draft_report": bool(page.get_latest_revision_as_object().report_table),
        },
    )


@user_passes_test(lambda user: user.is_authenticated)
def draft_report_file(request, page_id, extension):
    """The report as the latest draft has it, as DOCX or PDF, for whoever edits the page
    (to read or pass on before publication)."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    if extension not in ("pdf", "docx") or not draft.report_table:
        raise Http404
    return document_response(report_document(draft), extension)
