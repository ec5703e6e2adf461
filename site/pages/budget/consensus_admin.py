"""The admin screen where staff record an osiedle meeting's consensus (or that none was
reached): the rules of pages.budget.consensus, in Polish, on the form."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from api.visibility import private_collection_ids
from pages.budget import consensus
from pages.budget.models import BudgetPool, BudgetProject, ConsensusOutcome, PoolConsensus

LOCKED = (
    "Głosowanie w tej edycji już się rozpoczęło – wyniku zebrania i wybranych projektów nie "
    "można zmienić (karty do głosowania są ustalone). Poprawić można datę, liczbę obecnych, "
    "protokół i ustalenia."
)

LOCKED_DELETE = (
    "Głosowanie w tej edycji już się rozpoczęło – zapisu zebrania nie można usunąć (karty "
    "do głosowania są ustalone)."
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
        minutes = cleaned.get("minutes")
        if minutes is not None and minutes.collection_id not in private_collection_ids():
            # Pages hide the record until the results are published, but a document in a
            # public collection is served and listed (/api/v2/documents/) to anyone.
            self.add_error(
                "minutes",
                f"„{minutes.title}” jest w kolekcji publicznej „{minutes.collection.name}” – "
                "każdy może go pobrać przed ogłoszeniem wyników. Przenieś protokół do kolekcji "
                "prywatnej; po publikacji wyników przenieś go do publicznej, a strony go pokażą.",
            )
        pool = cleaned.get("pool")
        outcome = cleaned.get("outcome")
        projects = cleaned.get("projects")
        if pool is None or outcome is None or projects is None:
            return cleaned
        # Moving a record off a pool whose vote began changes that pool's ballot too.
        started = consensus.voting_started(pool) or (
            self.instance.pk is not None and consensus.voting_started(self.instance.pool)
        )
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


class ConsensusDeleteView(DeleteView):
    """Refused once the edition's vote began: removing the record would put its pool back
    on ballots already cast without it, and the count would vote in it."""

    def refused(self):
        if not consensus.voting_started(self.object.pool):
            return None
        messages.error(self.request, LOCKED_DELETE)
        return redirect(self.get_success_url())

    def get(self, request, *args, **kwargs):
        return self.refused() or super().get(request, *args, **kwargs)

    def form_valid(self, form):
        return self.refused() or super().form_valid(form)


def outcome_label(record) -> str:
    return "konsensus" if record.outcome == ConsensusOutcome.REACHED else "głosowanie"


class PoolConsensusViewSet(ModelViewSet):
    model = PoolConsensus
    icon = "group"
    menu_label = "Konsensusy osiedli"
    name = "budget_consensus"
    add_view_class = ConsensusCreateView
    edit_view_class = ConsensusEditView
    delete_view_class = ConsensusDeleteView
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
