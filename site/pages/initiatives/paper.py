"""Paper applications typed in by staff: the online form's validation (areas, members,
budget sums and share, the attachment's content, replayed forms), the date the paper came
in inside one of the year's windows, stored by the same `Applications.store` and marked
`entered_by_staff` (the paper channel), confirmed at once (the leader signed it). The
leader is e-mailed the private link, for corrections when called and for the report."""

from datetime import datetime, time, timedelta

from django import forms
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from pages.initiatives.forms import ApplicationForm
from pages.initiatives.models import StatusChange
from pages.initiatives.public_forms import Applications, private_link


class PaperApplicationForm(ApplicationForm):
    received_on = forms.DateField(
        label="Data wpływu wniosku do urzędu",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Podaj datę wpływu.", "invalid": "Wpisz datę."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]  # the honeypot is for robots on the public page
        self.fields[
            "consent_rules"
        ].label = "Wniosek zawiera podpisane oświadczenie o znajomości zasad"
        self.fields[
            "consent_members"
        ].label = "Wniosek zawiera zgody osób w nim wpisanych na przekazanie ich danych"

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Data wpływu nie może być z przyszłości.")
        start = timezone.make_aware(datetime.combine(day, time.min))
        end = start + timedelta(days=1)
        windows = list(self.rules.windows.all()) if self.rules is not None else []
        if not any(w.opens_at < end and start < w.closes_at for w in windows):
            raise forms.ValidationError(
                f"{date_format(day, 'j E Y')} nabór w tym roku nie trwał – wniosek złożony "
                "po terminie nie może być przyjęty."
            )
        return day


def store(form, rules, user, request):
    """Stored whole or not at all; returns (initiative, created) as the online store."""
    with transaction.atomic():
        initiative, created = Applications().store(form, rules)
        if not created:
            return initiative, False
        day = form.cleaned_data["received_on"]
        now = timezone.now()
        initiative.entered_by_staff = True
        initiative.confirmed_at = now
        if day < timezone.localdate():
            initiative.submitted_at = timezone.make_aware(datetime.combine(day, time(12)))
        initiative.save(update_fields=["entered_by_staff", "confirmed_at", "submitted_at"])
        StatusChange.objects.filter(initiative=initiative).update(
            at=initiative.submitted_at,
            justification=f"Wniosek papierowy złożony w urzędzie {date_format(day, 'j E Y')}.",
            decided_by=user,
        )
        body = (
            f"Wpisaliśmy do portalu Twój wniosek „{initiative.title}” złożony w urzędzie "
            f"{date_format(day, 'j E Y')} ({rules.title}).\n"
            f"Numer wniosku: {initiative.receipt_number}\n\n"
            "Pod tym linkiem zobaczysz stan wniosku, uzupełnisz braki, gdy o to poprosimy, "
            "a po realizacji wyślesz sprawozdanie:\n"
            f"{private_link(request, initiative.private_key)}\n\nNie przekazuj go innym.\n"
        )
        to = initiative.leader_email
        transaction.on_commit(
            lambda: send_mail(
                subject=f"Wniosek {initiative.receipt_number} o inicjatywę lokalną",
                message=body,
                from_email=None,
                recipient_list=[to],
            )
        )
    return initiative, True
