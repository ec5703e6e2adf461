"""The final report through the private link: its form (Polish decimals, up to three
photos checked as images) and storing it in one transaction (a resent report replaces
the one not accepted yet)."""

from django import forms
from django.db import transaction
from django.utils import timezone

from core.photo_metadata import without_metadata
from pages.initiatives import report_photos
from pages.initiatives.choices import Status
from pages.initiatives.forms import parse_amount
from pages.initiatives.models import FinalReport, ReportPhoto

PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024


def can_report(initiative) -> bool:
    report = getattr(initiative, "report", None)
    return initiative.status == Status.ACCEPTED and (report is None or report.accepted_at is None)


class ReportForm(forms.Form):
    what_was_done = forms.CharField(
        label="Co zostało zrobione",
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Opisz, co zostało zrobione."},
    )
    work_hours_given = forms.CharField(
        label="Praca społeczna faktycznie wniesiona (godziny)", max_length=20
    )
    in_kind_given = forms.CharField(label="Wkład rzeczowy faktycznie wniesiony (zł)", max_length=20)
    cash_given = forms.CharField(label="Wkład finansowy faktycznie wniesiony (zł)", max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, PHOTOS + 1):
            self.fields[f"photo_{number}"] = forms.ImageField(
                label=f"Zdjęcie {number}",
                required=False,
                help_text="JPG, PNG lub WebP, do 5 MB.",
                error_messages={"invalid_image": "To nie jest zdjęcie (JPG, PNG lub WebP)."},
            )
            self.fields[f"photo_{number}_description"] = forms.CharField(
                label=f"Co widać na zdjęciu {number}", required=False, max_length=200
            )
        for name in ("work_hours_given", "in_kind_given", "cash_given"):
            self.fields[name].error_messages["required"] = "Wpisz liczbę, np. 0."

    def clean(self):
        cleaned = super().clean()
        for name in ("work_hours_given", "in_kind_given", "cash_given"):
            if name in cleaned:
                try:
                    cleaned[name] = parse_amount(cleaned[name], hours=name == "work_hours_given")
                except forms.ValidationError as error:
                    self.add_error(name, error)
        self.photos = []
        for number in range(1, PHOTOS + 1):
            photo = cleaned.get(f"photo_{number}")
            if not photo:
                continue
            description = (cleaned.get(f"photo_{number}_description") or "").strip()
            if photo.size > MAX_PHOTO_BYTES:
                self.add_error(f"photo_{number}", "Zdjęcie jest za duże: najwyżej 5 MB.")
            elif not description:
                self.add_error(
                    f"photo_{number}_description",
                    "Opisz zdjęcie – opis przeczytają osoby niewidome.",
                )
            else:
                try:
                    # Published once the report is accepted: never with the camera's
                    # place, time or serial number (core.photo_metadata).
                    self.photos.append((without_metadata(photo), description))
                except forms.ValidationError as error:
                    self.add_error(f"photo_{number}", error)
        return cleaned


def save_report(initiative, form) -> FinalReport:
    data = form.cleaned_data
    with transaction.atomic():
        replaced = FinalReport.objects.filter(initiative=initiative, accepted_at__isnull=True)
        old_photos = list(ReportPhoto.objects.filter(report__in=replaced))
        replaced.delete()
        transaction.on_commit(lambda: report_photos.delete_files(old_photos))
        report = FinalReport.objects.create(
            initiative=initiative,
            what_was_done=data["what_was_done"],
            work_hours_given=data["work_hours_given"],
            in_kind_given=data["in_kind_given"],
            cash_given=data["cash_given"],
            submitted_at=timezone.now(),
        )
        for photo, description in form.photos:
            ReportPhoto.objects.create(report=report, image=photo, description=description)
    return report
