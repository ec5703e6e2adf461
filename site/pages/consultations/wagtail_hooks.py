from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from core import public_forms
from core.admin_views import ReadOnlyPermissionPolicy
from pages.consultations import admin_views, report_views
from pages.consultations.models import ConsultationPage, ConsultationResponse
from pages.consultations.public_forms import ConsultationComments
from pages.consultations.viewsets import ConsultationViewSetGroup

register_permission_policy(ConsultationResponse, ReadOnlyPermissionPolicy(ConsultationResponse))


@hooks.register("register_admin_viewset")
def register_response_viewsets():
    return ConsultationViewSetGroup()


@hooks.register("register_admin_urls")
def consultation_admin_urls():
    return [
        path(
            "konsultacje/uwagi/nowa/",
            admin_views.add_response,
            name="consultation_add_response",
        ),
        path(
            "konsultacje/<int:page_id>/ankieta-papierowa/",
            admin_views.add_paper_questionnaire,
            name="consultation_add_paper_questionnaire",
        ),
        path(
            "konsultacje/uwagi/<int:pk>/organizacja/",
            admin_views.confirm_organisation,
            name="consultation_confirm_organisation",
        ),
        path(
            "konsultacje/uwagi/<int:pk>/duplikat/",
            admin_views.link_duplicate,
            name="consultation_link_duplicate",
        ),
        path(
            "konsultacje/<int:page_id>/analiza/",
            report_views.analysis,
            name="consultation_analysis",
        ),
        path(
            "konsultacje/<int:page_id>/raport/<str:extension>/",
            report_views.draft_report_file,
            name="consultation_draft_report",
        ),
    ]


@hooks.register("register_page_header_buttons")
def responses_button(page, user, view_name=None, next_url=None):
    """A link from a consultation in the page editor to its responses."""
    if not isinstance(page.specific_deferred, ConsultationPage):
        return
    if not user.has_perm("consultations.view_consultationresponse"):
        return
    url = reverse("consultation_responses:index") + f"?consultation={page.pk}"
    yield Button("Uwagi mieszkańców", url, icon_name="comment", priority=60)
    if user.has_perm(report_views.ANALYSIS_PERMISSION):
        url = reverse("consultation_analysis", args=[page.pk])
        yield Button("Analiza i raport", url, icon_name="tasks", priority=61)


@hooks.register("before_delete_page")
def keep_consultations_with_responses(request, page):
    """Deleting a consultation would delete what residents sent: refuse while it has any."""
    if request.method != "POST":
        return None
    pages = page.get_descendants(inclusive=True).type(ConsultationPage)
    count = ConsultationResponse.objects.filter(consultation__in=pages).count()
    if not count:
        return None
    messages.error(
        request,
        f"Nie można usunąć: konsultacja ma zgłoszone uwagi ({count}). "
        "Cofnij publikację strony zamiast ją usuwać, aby zachować uwagi do raportu.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register(public_forms.HOOK)
def consultation_comments():
    return ConsultationComments()
