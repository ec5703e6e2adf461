"""Merit opinions of the city's units: routing a project to a unit (the unit is told by
e-mail when it has an address) and recording its opinion, which becomes public once
given (feasibility and an opinion written). Conflicting projects must be of the same
edition."""

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.forms import WagtailAdminModelForm

from pages.budget.models import BudgetProject, MeritOpinion


def notify_unit(request, opinion) -> None:
    """Tell the unit, after the commit, that a project waits for its opinion (no
    personal data: the project's title and number and a link to the admin)."""
    if not opinion.unit.email:
        return
    link = request.build_absolute_uri(reverse("budget_opinions:edit", args=[opinion.pk]))
    project = opinion.project
    body = (
        f"Prosimy o opinię do oceny merytorycznej projektu „{project.title}” "
        f"({project.receipt_number}, {project.edition.title}).\n\n"
        f"Opinię (wykonalność, koszt, kolizje z innymi projektami) wpiszesz tutaj:\n{link}\n"
    )
    transaction.on_commit(
        lambda: send_mail(
            subject=f"Projekt {project.receipt_number}: prośba o opinię",
            message=body,
            from_email=None,
            recipient_list=[opinion.unit.email],
        )
    )


class OpinionRequestForm(WagtailAdminModelForm):
    """Routing: which project to which unit, and (privately) what is asked."""

    class Meta:
        model = MeritOpinion
        fields = ["project", "unit", "question"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = BudgetProject.objects.select_related("edition")
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(active=True)

    def clean(self):
        cleaned = super().clean()
        project, unit = cleaned.get("project"), cleaned.get("unit")
        if project and unit and MeritOpinion.objects.filter(project=project, unit=unit).exists():
            raise ValidationError("Ten projekt został już skierowany do tej jednostki.")
        return cleaned


class OpinionForm(WagtailAdminModelForm):
    """The unit's opinion. Given (public) once feasibility and the opinion are written."""

    class Meta:
        model = MeritOpinion
        fields = ["question", "feasibility", "cost_estimate", "conflicts", "opinion"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.instance.project
        self.fields["conflicts"].queryset = (
            BudgetProject.objects.filter(edition_id=project.edition_id)
            .exclude(pk=project.pk)
            .order_by("title")
        )
        self.fields[
            "conflicts"
        ].help_text = (
            "Projekty tej samej edycji. Kolizja jest pokazywana publicznie przy projekcie."
        )

    def clean(self):
        cleaned = super().clean()
        has_feasibility = bool(cleaned.get("feasibility"))
        has_opinion = bool((cleaned.get("opinion") or "").strip())
        if has_feasibility and not has_opinion:
            self.add_error("opinion", "Uzasadnij ocenę wykonalności – opinia jest jawna.")
        if has_opinion and not has_feasibility:
            self.add_error("feasibility", "Wybierz ocenę wykonalności.")
        if self.instance.is_given and not has_feasibility:
            self.add_error("feasibility", "Wydanej opinii nie można wycofać – popraw ją.")
        return cleaned

    def save(self, commit=True):
        opinion = super().save(commit=False)
        if opinion.feasibility and opinion.opinion.strip() and opinion.given_at is None:
            opinion.given_at = timezone.now()
        if commit:
            opinion.save()
            self.save_m2m()
        return opinion
