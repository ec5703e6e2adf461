"""The assessment screen of one application (/admin/inicjatywy/ocena/<id>/): the formal
check and the decision (pages.initiatives.assessment), the signed-in member's conflict
declaration and scores, the team's scores with their mean, and the agreement's values."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from wagtail.admin.auth import user_passes_test

from core import document_templates
from core.form_inputs import check_uploaded_document, polish_decimal_text
from pages.initiatives import agreement, assessment, paper, register, signed_agreement
from pages.initiatives.choices import Status
from pages.initiatives.models import (
    ConflictDeclaration,
    Initiative,
    InitiativeRulesPage,
    Milestone,
    Score,
)

DECIDE_PERMISSION = "initiatives.change_initiative"
SCORE_PERMISSION = "initiatives.add_score"


class DecisionForm(forms.Form):
    # The status shown when the page was rendered: a page left open while another
    # coordinator decided is refused (assessment.decide's lock covers simultaneous posts).
    seen_status = forms.CharField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(label="Nowy status")
    granted_amount = forms.CharField(
        label="Wkład miasta przyznany w decyzji (zł)",
        required=False,
        help_text="Tylko przy przyjęciu wniosku.",
    )
    justification = forms.CharField(
        label="Uzasadnienie (jawne, pokazywane przy wniosku)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.fields["seen_status"].initial = initiative.status
        self.fields["status"].choices = [
            (value, Status(value).label) for value in assessment.allowed_next(initiative.status)
        ]

    def clean_granted_amount(self):
        raw = (self.cleaned_data.get("granted_amount") or "").strip()
        if not raw:
            return None
        try:
            value = Decimal(polish_decimal_text(raw))
        except InvalidOperation:
            value = None
        # NaN or Infinity would pass Decimal() and break the comparisons of the decision.
        if value is None or not value.is_finite() or value != value.quantize(Decimal("0.01")):
            raise forms.ValidationError("Wpisz kwotę, np. 8000 albo 8 000,00.")
        return value.quantize(Decimal("0.01"))

    def clean(self):
        seen = self.cleaned_data.get("seen_status")
        if seen and seen != self.initiative.status:
            # Shown again with the status as it is now, so the next submit is judged on it.
            self.data = self.data.copy()
            self.data["seen_status"] = self.initiative.status
            raise forms.ValidationError(
                "W tym czasie ktoś inny zmienił status wniosku (teraz: "
                f"„{self.initiative.get_status_display()}”). Sprawdź go i zdecyduj ponownie."
            )
        return self.cleaned_data


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label="Oświadczenie o konflikcie interesów",
        choices=[
            ("0", "Nie pozostaję w konflikcie interesów z wnioskodawcą"),
            ("1", "Pozostaję w konflikcie interesów – nie oceniam"),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Wyjaśnienie (nieobowiązkowe)", required=False, max_length=500)


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            old = existing.get(criterion.pk)
            self.fields[f"points_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_points} pkt, waga {criterion.weight})",
                min_value=0,
                max_value=criterion.max_points,
                initial=old.points if old else None,
                error_messages={
                    "required": "Podaj punkty.",
                    "invalid": "Wpisz liczbę punktów.",
                    "min_value": "Najmniej 0 pkt.",
                    "max_value": f"Najwyżej {criterion.max_points} pkt.",
                },
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Komentarz: {criterion.name}",
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                initial=old.comment if old else None,
                error_messages={"required": "Dodaj komentarz do oceny."},
            )

    def values(self) -> dict:
        return {
            c: (self.cleaned_data[f"points_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }


class AgreementScanForm(forms.Form):
    scan = forms.FileField(
        label="Skan podpisanej umowy",
        help_text="PDF (albo inny dokument), najwyżej 10 MB. Trafi do prywatnej kolekcji "
        "umów: nie będzie publiczny.",
        error_messages={"required": "Wybierz plik ze skanem umowy."},
    )
    signed_on = forms.DateField(
        label="Data podpisania",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Podaj datę podpisania.", "invalid": "Wpisz datę."},
    )

    def clean_scan(self):
        scan = self.cleaned_data["scan"]
        check_uploaded_document(scan)
        return scan


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "city_amount", "contribution", "status", "note"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "title": {"required": "Nazwij etap."},
            "due_on": {"required": "Podaj termin etapu.", "invalid": "Wpisz datę."},
            "city_amount": {"invalid": "Wpisz kwotę, np. 2000 albo 2000,50."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city_amount"].localize = True
        self.fields["city_amount"].widget.is_localized = True

    def clean_city_amount(self):
        value = self.cleaned_data.get("city_amount")
        if value is not None and value < 0:
            raise forms.ValidationError("Kwota nie może być ujemna.")
        return value


MilestoneFormSet = forms.inlineformset_factory(
    Initiative, Milestone, form=MilestoneForm, extra=1, can_delete=True
)


def _may_assess(user) -> bool:
    return user.has_perm(DECIDE_PERMISSION) or user.has_perm(SCORE_PERMISSION)


@user_passes_test(lambda user: user.is_authenticated)
def to_score(request):
    """The team's list: applications in assessment with the signed-in member's own
    declaration and whether they scored. Public fields only (the team's group does not
    read the leader's data: roles.INITIATIVES_TEAM)."""
    if not request.user.has_perm(SCORE_PERMISSION):
        raise PermissionDenied
    initiatives = (
        Initiative.objects.filter(status=Status.IN_ASSESSMENT)
        .select_related("rules", "ngo")
        .annotate(
            my_conflict=Subquery(
                ConflictDeclaration.objects.filter(
                    initiative=OuterRef("pk"), member=request.user
                ).values("has_conflict")[:1]
            ),
            scored=Exists(Score.objects.filter(initiative=OuterRef("pk"), member=request.user)),
        )
        .order_by("rules__year", "submitted_at")
    )
    return render(request, "initiatives/admin/to_score.html", {"initiatives": initiatives})


@user_passes_test(lambda user: user.is_authenticated)
def paper_application(request):
    """A paper application typed in by the coordinator (pages.initiatives.paper): first
    the year's rules, then the online form's fields."""
    if not request.user.has_perm(DECIDE_PERMISSION):
        raise PermissionDenied
    years = InitiativeRulesPage.objects.order_by("-year")
    rules = years.filter(pk=request.GET.get("zasady") or 0).first()
    form = None
    if rules is not None:
        if request.method == "POST":
            form = paper.PaperApplicationForm(request.POST, request.FILES, rules=rules)
            if form.is_valid():
                initiative, created = paper.store(form, rules, request.user, request)
                if created:
                    messages.success(
                        request, f"Zapisano wniosek papierowy nr {initiative.receipt_number}."
                    )
                else:
                    messages.warning(
                        request,
                        f"Ten formularz już zapisano: wniosek nr {initiative.receipt_number}.",
                    )
                return redirect("initiative_assess", initiative.pk)
        else:
            form = paper.PaperApplicationForm(rules=rules)
    return render(
        request,
        "initiatives/admin/paper_application.html",
        {"years": years, "rules": rules, "form": form},
    )


@user_passes_test(lambda user: user.is_authenticated)
def agreement_document(request, pk, extension):
    """The agreement of an accepted application as DOCX or PDF (core.document_templates:
    the editors' template when there is one)."""
    if not request.user.has_perm(DECIDE_PERMISSION):
        raise PermissionDenied
    initiative = get_object_or_404(
        Initiative.objects.select_related("rules", "area", "ngo", "district"),
        pk=pk,
        status__in=(Status.ACCEPTED, Status.REALISED),
    )
    return document_templates.response(
        agreement.KEY,
        agreement.values(initiative),
        extension,
        title=f"umowa-{initiative.receipt_number}",
    )


@user_passes_test(lambda user: user.is_authenticated)
def assess(request, pk):
    if not _may_assess(request.user):
        raise PermissionDenied
    initiative = get_object_or_404(
        Initiative.objects.select_related("rules", "area", "ngo", "district"), pk=pk
    )
    can_decide = request.user.has_perm(DECIDE_PERMISSION)
    can_score = request.user.has_perm(SCORE_PERMISSION)
    action = request.POST.get("action") if request.method == "POST" else None
    criteria = list(initiative.rules.criteria.all())
    existing = {s.criterion_id: s for s in initiative.scores.filter(member=request.user)}
    decision_form = DecisionForm(
        request.POST if action == "decide" else None, initiative=initiative
    )
    declaration_form = DeclarationForm(request.POST if action == "declare" else None)
    score_form = ScoreForm(
        request.POST if action == "score" else None, criteria=criteria, existing=existing
    )
    concluded = initiative.status in signed_agreement.SIGNED_STATUSES
    scan_form = AgreementScanForm(
        request.POST if action == "scan" else None, request.FILES if action == "scan" else None
    )
    milestones = MilestoneFormSet(
        request.POST if action == "milestones" else None,
        instance=initiative,
        prefix="etapy",
    )
    form = {
        "decide": decision_form,
        "declare": declaration_form,
        "score": score_form,
        "scan": scan_form,
        "milestones": milestones,
    }.get(action)
    # The coordinator declares too: one in a conflict of interest does not decide.
    if (
        (action in ("decide", "scan", "milestones") and not can_decide)
        or (action in ("scan", "milestones") and not concluded)
        or (action == "score" and not can_score)
        or (action == "declare" and not (can_score or can_decide))
    ):
        raise PermissionDenied
    if form is not None and form.is_valid():
        try:
            if action == "decide":
                assessment.decide(
                    initiative,
                    form.cleaned_data["status"],
                    form.cleaned_data["justification"],
                    request.user,
                    granted_amount=form.cleaned_data["granted_amount"],
                )
                done = f"Zapisano decyzję: {initiative.get_status_display()}."
            elif action == "scan":
                signed_agreement.attach(
                    initiative,
                    form.cleaned_data["scan"],
                    form.cleaned_data["signed_on"],
                    request.user,
                )
                done = "Zapisano skan podpisanej umowy."
            elif action == "milestones":
                with transaction.atomic():
                    for milestone in form.save(commit=False):
                        milestone.updated_at = timezone.now()
                        milestone.save()
                    for milestone in form.deleted_objects:
                        milestone.delete()
                done = "Zapisano etapy realizacji."
            elif action == "declare":
                assessment.declare(
                    initiative,
                    request.user,
                    form.cleaned_data["has_conflict"],
                    form.cleaned_data["note"],
                )
                done = "Zapisano oświadczenie."
            else:
                assessment.save_scores(initiative, request.user, form.values())
                done = "Zapisano ocenę."
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("initiative_assess", initiative.pk)
    declaration = initiative.declarations.filter(member=request.user).first()
    in_conflict = declaration is not None and declaration.has_conflict
    return render(
        request,
        "initiatives/admin/assess.html",
        {
            "initiative": initiative,
            "decision_form": decision_form if can_decide and not in_conflict else None,
            "decision_blocked": can_decide and in_conflict,
            "declaration_form": declaration_form
            if (can_score or can_decide) and declaration is None
            else None,
            "declaration": declaration,
            "score_form": score_form
            if can_score
            and assessment.may_score(initiative, request.user)
            and initiative.status == Status.IN_ASSESSMENT
            else None,
            # The whole team's scores: for the coordinator deciding, not for each member.
            "summary": assessment.scoring_summary(initiative) if can_decide else None,
            "declarations": list(initiative.declarations.select_related("member"))
            if can_decide
            else None,
            "mean_score": register.mean_score(initiative) if can_decide else None,
            "scored_by": assessment.scored_by(initiative) if can_decide else None,
            "history": initiative.history.all(),
            "attachments": list(initiative.attachments.all()),
            "scan_form": scan_form if can_decide and concluded else None,
            "milestones": milestones if can_decide and concluded else None,
            # The agreement's data name the leader and the members: coordinators only.
            "agreement": agreement.values(initiative)
            if can_decide and initiative.status in (Status.ACCEPTED, Status.REALISED)
            else None,
        },
    )
