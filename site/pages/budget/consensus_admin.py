"""The admin screen where staff record an osiedle meeting's consensus (or that none was
reached): the rules of pages.budget.consensus, in Polish, on the form."""

from django import forms
from django.utils import timezone

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from pages.budget import consensus
from pages.budget.models import BudgetPool, BudgetProject, ConsensusOutcome, PoolConsensus

LOCKED = (
    "Głosowanie w tej edycji już się rozpoczęło – wyniku zebrania i wybranych projektów nie "
    "można zmienić (karty do głosowania są ustalone). Poprawić można datę, liczbę obecnych, "
    "protokół i ustalenia."
)


class ConsensusForm(WagtailAdminModelForm):
    class Meta:
        model = PoolConsensus
        fields = ["pool", "outcome", "meeting_date", "attendance", "minutes", "projects", "notes"]
        widgets = {"projects": forms.CheckboxSelectMultiple, "outcome": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = BudgetPool.objects.filter(
            scope=BudgetPool.Scope.OSIEDLE
        ).select_related("edition")
        self.fields["projects"].queryset = (
            BudgetProject.objects.public()
            .filter(pool__scope=BudgetPool.Scope.OSIEDLE, status__in=consensus.ADMITTED)
            .select_related("pool")
            .order_by("pool__name", "title")
        )
        self.fields["projects"].label_from_instance = lambda p: f"{p.title} ({p.pool.name})"
        self.fields["projects"].help_text = (
            "Tylko projekty dopuszczone do głosowania w tej puli; razem nie więcej niż kwota "
            "puli. Puste, gdy nie osiągnięto konsensusu."
        )

    def clean(self):
        cleaned = super().clean()
        pool = cleaned.get("pool")
        outcome = cleaned.get("outcome")
        projects = cleaned.get("projects")
        if pool is None or outcome is None or projects is None:
            return cleaned
        started = timezone.now() >= pool.edition.voting_from
        if self.instance.pk and started:
            before = set(self.instance.projects.values_list("pk", flat=True))
            if (
                outcome != self.instance.outcome
                or pool.pk != self.instance.pool_id
                or before != {p.pk for p in projects}
            ):
                raise forms.ValidationError(LOCKED)
        elif started:
            raise forms.ValidationError(
                "Głosowanie w tej edycji już się rozpoczęło – konsensus zapisuje się przed "
                "głosowaniem, gdy karty do głosowania nie są jeszcze ustalone."
            )
        for error in consensus.choice_errors(pool, outcome, projects):
            self.add_error("projects", error)
        return cleaned


class ConsensusCreateView(CreateView):
    def save_instance(self):
        record = self.form.save(commit=False)
        record.recorded_by = self.request.user
        record.save()
        self.form.save_m2m()
        return record


class ConsensusEditView(EditView):
    def save_instance(self):
        record = self.form.save(commit=False)
        record.recorded_by = self.request.user
        record.save()
        self.form.save_m2m()
        return record


def outcome_label(record) -> str:
    return "konsensus" if record.outcome == ConsensusOutcome.REACHED else "głosowanie"


class PoolConsensusViewSet(ModelViewSet):
    model = PoolConsensus
    icon = "group"
    menu_label = "Konsensusy osiedli"
    name = "budget_consensus"
    add_view_class = ConsensusCreateView
    edit_view_class = ConsensusEditView
    copy_view_enabled = False
    list_display = [
        Column("pool", label="Pula", accessor="pool.name"),
        Column("edition", label="Edycja", accessor="pool.edition.title"),
        "meeting_date",
        "attendance",
        Column("outcome", label="Decyzja", accessor=outcome_label),
    ]

    def get_form_class(self, for_update=False):
        return ConsensusForm

    def get_queryset(self, request):
        return PoolConsensus.objects.select_related("pool", "pool__edition")
