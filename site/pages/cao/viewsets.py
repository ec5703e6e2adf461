"""Admin screens for what people sent the CAO: read, filter, export, mark handled.

Requests come only from the public forms and leave only through the retention purge, so
nobody adds, copies or deletes them here, and editing changes one flag.
"""

import copy
import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from core import document_templates
from core.audit import (
    AuditedDetailMixin,
    AuditedIndexMixin,
    AuditedInspectView,
    record,
)
from core.models import PersonalDataAccess
from core.spreadsheets import SafeSpreadsheetExportMixin
from pages.cao.certificates import presence_refusal, sync_certificate, values_for
from pages.cao.document_kinds import TRAINING_CERTIFICATE
from pages.cao.models import BookingRequest, EventRegistration, TrainingCertificate


def local_naive(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_naive(value) if timezone.is_aware(value) else value


class HandleOnlyPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, with adding and deleting refused to everyone."""

    refused = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.refused]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


class SubmissionIndexView(AuditedIndexMixin, SafeSpreadsheetExportMixin, generic.IndexView):
    """Exports in Polish: local times, 'tak'/'nie', and text that never runs as a formula."""

    custom_value_preprocess = {
        bool: {"csv": lambda value: "tak" if value else "nie", "xlsx": None},
        datetime.datetime: {
            "csv": lambda value: local_naive(value).strftime("%Y-%m-%d %H:%M"),
            "xlsx": local_naive,
        },
        (datetime.date, datetime.time): {"xlsx": None},
    }


class BookingEditView(AuditedDetailMixin, generic.EditView):
    def save_instance(self):
        booking = self.form.instance
        if "is_handled" in self.form.changed_data:
            booking.handled_at = timezone.now() if booking.is_handled else None
            booking.handled_by = self.request.user if booking.is_handled else None
        return super().save_instance()


class RegistrationIndexView(SubmissionIndexView):
    def get_base_queryset(self):
        # The certificate column, in the same query as the rows.
        return super().get_base_queryset().select_related("certificate")


class RegistrationAdminForm(WagtailAdminModelForm):
    """Refuses a presence the certificate rules forbid (certificates.presence_refusal),
    beside the field and with nothing saved, instead of storing a tick that issues no
    certificate."""

    def clean(self):
        cleaned = super().clean()
        ticking = "attended" in self.changed_data or "is_cancelled" in self.changed_data
        if cleaned.get("attended") and ticking:
            if cleaned.get("is_cancelled") and "attended" not in self.changed_data:
                # Cancelling someone already marked present: the presence rule's own
                # message ("untick Anulowany first") would point the wrong way.
                self.add_error(
                    "is_cancelled",
                    "Ta osoba jest oznaczona jako obecna: zapisu nie można anulować. Jeśli "
                    "obecność zaznaczono przez pomyłkę, najpierw ją odznacz.",
                )
                return cleaned
            # The rule reads the registration as it would be saved (a copy: an invalid
            # form must leave the instance as stored).
            registration = copy.copy(self.instance)
            registration.is_cancelled = cleaned.get("is_cancelled", registration.is_cancelled)
            refusal = presence_refusal(registration)
            if refusal:
                self.add_error("attended", refusal)
        return cleaned


class RegistrationEditView(AuditedDetailMixin, generic.EditView):
    def save_instance(self):
        registration = super().save_instance()
        if "attended" in self.form.changed_data:
            sync_certificate(registration, self.request.user)
        return registration


def certificate_cell(registration) -> str:
    """The certificate's code and its downloads, for the list of registrations."""
    try:
        certificate = registration.certificate
    except TrainingCertificate.DoesNotExist:
        return "—"
    url = reverse("cao_registrations:certificate", args=[registration.pk, "pdf"])
    docx = reverse("cao_registrations:certificate", args=[registration.pk, "docx"])
    return format_html(
        '{} (<a href="{}">PDF</a>, <a href="{}">DOCX</a>)', certificate.code, url, docx
    )


def certificate_download(request, pk, extension):
    """A participant's certificate, for whoever may handle registrations; a download of
    personal data (the name), recorded as an export."""
    if not request.user.has_perm("cao.change_eventregistration"):
        raise PermissionDenied
    if extension not in ("pdf", "docx"):
        raise Http404
    certificate = get_object_or_404(
        TrainingCertificate.objects.select_related("event"), registration_id=pk
    )
    record(
        request,
        PersonalDataAccess.Action.EXPORT,
        EventRegistration,
        object_id=pk,
        export_format=extension,
    )
    return document_templates.response(TRAINING_CERTIFICATE, values_for(certificate), extension)


def _read_only(*names):
    return [FieldPanel(name, read_only=True) for name in names]


class BookingRequestViewSet(ModelViewSet):
    model = BookingRequest
    name = "cao_bookings"
    url_prefix = "cao/prosby-o-konsultacje"
    icon = "mail"
    menu_label = "Prośby o konsultację"
    index_view_class = SubmissionIndexView
    edit_view_class = BookingEditView
    inspect_view_class = AuditedInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False
    list_display = [
        "receipt_number",
        DateColumn("submitted_at", label="Data wysłania", sort_key="submitted_at"),
        "service_title",
        "name",
        "organisation_name",
        "contact",
        BooleanColumn("is_handled", label="Załatwiona", sort_key="is_handled"),
    ]
    list_filter = ["is_handled", "service", "submitted_at"]
    ordering = ["is_handled", "-submitted_at"]
    search_fields = ["receipt_number", "name", "email", "phone", "organisation_name", "topic"]
    search_backend_name = None
    list_per_page = 50
    list_export = [
        "receipt_number",
        "submitted_at",
        "service_title",
        "name",
        "for_organisation",
        "organisation_name",
        "email",
        "phone",
        "topic",
        "preferred_dates",
        "is_handled",
        "handled_at",
        "personal_data_removed_at",
    ]
    export_filename = "prosby-o-konsultacje"
    inspect_view_fields = [*list_export, "handled_by"]
    panels = [
        FieldPanel(
            "is_handled",
            help_text="Zaznacz, gdy konsultacja się odbyła lub sprawę "
            "załatwiono inaczej. Od tej chwili liczy się okres przechowywania danych.",
        ),
        MultiFieldPanel(
            _read_only(
                "receipt_number", "submitted_at", "service_title", "handled_at", "handled_by"
            ),
            heading="Zgłoszenie",
        ),
        MultiFieldPanel(
            _read_only(
                "name",
                "for_organisation",
                "organisation_name",
                "email",
                "phone",
                "topic",
                "preferred_dates",
                "personal_data_removed_at",
            ),
            heading="Treść",
        ),
    ]


class EventRegistrationViewSet(ModelViewSet):
    model = EventRegistration
    name = "cao_registrations"
    url_prefix = "cao/zapisy-na-wydarzenia"
    icon = "calendar-check"
    menu_label = "Zapisy na wydarzenia"
    index_view_class = RegistrationIndexView
    edit_view_class = RegistrationEditView
    inspect_view_class = AuditedInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False
    list_display = [
        "receipt_number",
        DateColumn("submitted_at", label="Data wysłania", sort_key="submitted_at"),
        "event_title",
        "name",
        "organisation_name",
        "contact",
        BooleanColumn("is_cancelled", label="Anulowany", sort_key="is_cancelled"),
        BooleanColumn("attended", label="Obecny(-a)", sort_key="attended"),
        Column("certificate", label="Zaświadczenie", accessor=certificate_cell),
    ]
    list_filter = ["event", "is_cancelled", "attended", "submitted_at"]
    ordering = ["event_title", "submitted_at"]
    search_fields = ["receipt_number", "name", "email", "phone", "organisation_name"]
    search_backend_name = None
    list_per_page = 50
    list_export = [
        "receipt_number",
        "submitted_at",
        "event_title",
        "name",
        "organisation_name",
        "email",
        "phone",
        "needs",
        "needs_consent_at",
        "needs_consent_withdrawn",
        "is_cancelled",
        "attended",
        "personal_data_removed_at",
    ]
    export_filename = "zapisy-na-wydarzenia"
    inspect_view_fields = list_export
    edit_handler = ObjectList(
        [
            FieldPanel(
                "is_cancelled",
                help_text=(
                    "Zaznacz, gdy osoba zrezygnowała: jej miejsce wraca do puli wolnych miejsc."
                ),
            ),
            FieldPanel("needs_consent_withdrawn"),
            FieldPanel("attended"),
            MultiFieldPanel(
                _read_only(
                    "receipt_number",
                    "submitted_at",
                    "event_title",
                    "name",
                    "organisation_name",
                    "email",
                    "phone",
                    "needs",
                    "needs_consent_at",
                    "needs_consent_text",
                    "personal_data_removed_at",
                ),
                heading="Zapis",
            ),
        ],
        base_form_class=RegistrationAdminForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/zaswiadczenie.<slug:extension>",
                certificate_download,
                name="certificate",
            ),
        ]


class CaoViewSetGroup(ModelViewSetGroup):
    menu_label = "CAO – zgłoszenia"
    menu_icon = "form"
    menu_order = 250
    items = (BookingRequestViewSet, EventRegistrationViewSet)
