"""The admin screen of one consultation's analysis: what came in by channel, how many
comments still wait for the city's position, the charts of the closed questions, and the
button that writes the report into a new draft of the page."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from pages.consultations import report
from pages.consultations.models import ConsultationComment, ConsultationPage
from pages.consultations.report_output import charts_of

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
    stats = report.figures(page)
    return render(
        request,
        "consultations/admin/analysis.html",
        {
            "page": page,
            "stats": stats,
            "charts": charts_of(stats),
            "without_position": comments.without_position().count(),
            "comments_url": reverse("consultation_comments:index") + f"?consultation={page.pk}",
            "add_url": reverse("consultation_add_response") + f"?consultation={page.pk}",
            "refusal": report.refusal(page),
            "can_edit": can_edit,
        },
    )
