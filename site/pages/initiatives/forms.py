"""The applicant's forms: the application (no account) and its correction through the
private link. Polish messages; what was typed is kept on every error (files must be
chosen again)."""

from decimal import Decimal, InvalidOperation

from django import forms

from core.form_inputs import check_uploaded_document, polish_decimal_text
from core.forms import PublicSubmissionForm
from pages.initiatives.choices import ApplicantKind
from pages.initiatives.contribution import Budget, problems
from pages.initiatives.models import Initiative
from snippets.models import NGO, District

REQUIRED = "To pole jest wymagane."
MEMBER_FORMAT = "Imię Nazwisko; adres zamieszkania"
MIN_GROUP_MEMBERS = 1  # besides the leader: a group is at least two residents

CONTENT_FIELDS = [
    "title",
    "area",
    "district",
    "place",
    "description",
    "schedule",
    "effects",
    "beneficiaries",
    "cost_description",
]
LABELS = {
    "title": "Nazwa zadania",
    "area": "Zakres zadania (art. 19b ust. 1 ustawy)",
    "district": "Osiedle",
    "place": "Miejsce realizacji",
    "description": "Opis zadania – co chcecie zrobić",
    "schedule": "Harmonogram – kiedy i w jakiej kolejności",
    "effects": "Spodziewane efekty",
    "beneficiaries": "Kto skorzysta",
    "cost_description": "Na co potrzebny jest wkład miasta",
    "applicant_kind": "Kto składa wniosek",
    "group_name": "Nazwa grupy mieszkańców (jawna)",
    "ngo": "Organizacja",
    "leader_name": "Imię i nazwisko lidera grupy albo osoby do kontaktu",
    "leader_email": "E-mail lidera",
    "leader_phone": "Telefon lidera",
    "leader_address": "Adres zamieszkania lidera",
    "in_kind_description": "Na czym polega wkład rzeczowy",
}
HELP = {
    "place": "Adres albo opis miejsca, np. „podwórko przy ul. Granicznej 12”.",
    "group_name": "Pokażemy ją w rejestrze wniosków, np. „Sąsiedzi z ul. Granicznej”. "
    "Nie wpisuj imion i nazwisk.",
    "ngo": "Organizacja z rejestru organizacji w portalu.",
    "leader_email": "Wyślemy na niego potwierdzenie i prywatny link do wniosku.",
    "leader_address": "Wniosek mogą złożyć mieszkańcy miasta.",
}
WIDGETS = {
    "description": forms.Textarea(attrs={"rows": 8}),
    "schedule": forms.Textarea(attrs={"rows": 4}),
    "effects": forms.Textarea(attrs={"rows": 4}),
    "beneficiaries": forms.Textarea(attrs={"rows": 3}),
    "cost_description": forms.Textarea(attrs={"rows": 4}),
    "leader_name": forms.TextInput(attrs={"autocomplete": "name"}),
    "leader_email": forms.EmailInput(attrs={"autocomplete": "email"}),
    "leader_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
    # street-address is a multi-line field in HTML: a textarea, not an input.
    "leader_address": forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
}


def _polish_errors(form) -> None:
    for field in form.fields.values():
        field.error_messages["required"] = REQUIRED
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = "Wpisz poprawny adres e-mail, np. jan@example.pl."
        if isinstance(field, forms.ModelChoiceField):
            field.error_messages["invalid_choice"] = "Wybierz jedną z pozycji listy."
        if isinstance(field, forms.ChoiceField):
            field.error_messages["invalid_choice"] = "Wybierz jedną z pozycji listy."


def _money_field(label: str, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=20, help_text=help_text)


def parse_amount(raw: str, *, hours: bool = False) -> Decimal:
    try:
        value = Decimal(polish_decimal_text(raw or "0"))
    except InvalidOperation:
        value = None
    example = "np. 120 albo 12,5" if hours else "np. 1250,50"
    # Hours fit Initiative.work_hours (max_digits 8, one place), sums the money fields.
    limit = 10**7 if hours else 10**9
    if value is None or not value.is_finite() or value < 0 or value >= limit:
        raise forms.ValidationError(f"Wpisz liczbę nie mniejszą od zera, {example}.")
    step = Decimal("0.1") if hours else Decimal("0.01")
    if value != value.quantize(step):
        # Never rounded silently: the sums are checked exactly against what was typed.
        places = "jednym miejscem" if hours else "dwoma miejscami"
        raise forms.ValidationError(f"Wpisz liczbę z najwyżej {places} po przecinku, {example}.")
    return value.quantize(step)


def parse_members(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(members, errors) from one line per person: "Imię Nazwisko; adres"."""
    members, errors, seen = [], [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        if len(parts) != 2 or not all(parts):
            errors.append(f"wiersz {number}: wpisz „{MEMBER_FORMAT}”")
            continue
        key = (parts[0].casefold(), parts[1].casefold())
        if key in seen:
            errors.append(f"wiersz {number}: ta osoba jest już na liście")
            continue
        seen.add(key)
        members.append((parts[0][:200], parts[1][:300]))
    return members, errors


class BudgetFieldsMixin:
    """The budget's fields (Polish decimals) and their check against the year's rate."""

    def add_budget_fields(self, instance=None):
        def initial(name):
            return getattr(instance, name) if instance is not None and instance.pk else None

        self.fields["city_amount_text"] = _money_field(
            "Wnioskowany wkład miasta (zł)", help_text="np. 8000 albo 8 000,00"
        )
        self.fields["work_hours_text"] = _money_field(
            "Praca społeczna – liczba godzin", required=False, help_text="Razem wszystkich osób."
        )
        self.fields["in_kind_value_text"] = _money_field(
            "Wkład rzeczowy – wartość (zł)", required=False
        )
        self.fields["cash_contribution_text"] = _money_field("Wkład finansowy (zł)", required=False)
        self.fields["declared_own"] = _money_field(
            "Wkład własny razem (zł)", help_text="Praca (godziny × stawka) + rzeczowy + finansowy."
        )
        self.fields["declared_total"] = _money_field(
            "Koszt całkowity zadania (zł)", help_text="Wkład miasta + wkład własny."
        )
        for name in ("city_amount", "work_hours", "in_kind_value", "cash_contribution"):
            if (value := initial(name)) is not None:
                self.fields[f"{name}_text"].initial = str(value).replace(".", ",")
        if instance is not None and instance.pk:
            self.fields["declared_own"].initial = str(instance.own_contribution).replace(".", ",")
            self.fields["declared_total"].initial = str(instance.total_cost).replace(".", ",")

    def clean_budget(self, rules) -> Budget | None:
        values = {}
        for name in ("city_amount", "work_hours", "in_kind_value", "cash_contribution"):
            raw = self.cleaned_data.get(f"{name}_text")
            if raw is None:
                continue
            try:
                values[name] = parse_amount(raw, hours=name == "work_hours")
            except forms.ValidationError as error:
                self.add_error(f"{name}_text", error)
        declared = {}
        for name in ("declared_own", "declared_total"):
            raw = self.cleaned_data.get(name)
            if raw is None:
                continue
            try:
                declared[name] = parse_amount(raw)
            except forms.ValidationError as error:
                self.add_error(name, error)
        if len(values) < 4 or len(declared) < 2:
            return None
        if values["city_amount"] <= 0:
            self.add_error("city_amount_text", "Wpisz kwotę wkładu miasta większą od zera.")
            return None
        budget = Budget(work_rate=rules.work_hour_rate, **values)
        if (
            budget.in_kind_value > 0
            and not (self.cleaned_data.get("in_kind_description") or "").strip()
        ):
            self.add_error("in_kind_description", "Opisz wkład rzeczowy (np. sadzonki, narzędzia).")
        if budget.city_amount > rules.budget:
            self.add_error(
                "city_amount_text",
                "Wnioskowany wkład miasta przekracza środki na inicjatywy lokalne "
                f"w {rules.year} r.",
            )
        for field, message in problems(
            budget,
            declared["declared_own"],
            declared["declared_total"],
            rules.min_contribution_percent,
        ).items():
            self.add_error("work_hours_text" if field == "work_hours" else field, message)
        return budget


class ApplicationForm(BudgetFieldsMixin, PublicSubmissionForm):
    """A new application under RULES."""

    members = forms.CharField(
        label="Członkowie grupy – jedna osoba w wierszu (bez lidera)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Każdy wiersz: „{MEMBER_FORMAT}”. Dla wniosku organizacji nieobowiązkowe.",
    )
    attachment = forms.FileField(
        label="Załącznik (np. mapa, zgoda właściciela terenu, kosztorys)",
        required=False,
        help_text="PDF, DOCX, ODT, RTF, TXT, XLSX, ODS lub CSV, do 10 MB.",
    )
    consent_rules = forms.BooleanField(
        label="Znamy zasady inicjatywy lokalnej na ten rok i składamy wniosek zgodnie z nimi"
    )
    consent_members = forms.BooleanField(
        label="Osoby wpisane do wniosku zgodziły się na przekazanie ich danych"
    )

    class Meta:
        model = Initiative
        fields = [
            *CONTENT_FIELDS,
            "applicant_kind",
            "group_name",
            "ngo",
            "leader_name",
            "leader_email",
            "leader_phone",
            "leader_address",
            "in_kind_description",
        ]
        labels = LABELS
        help_texts = HELP
        # A select, not radios: the shared field include labels one control per field.
        widgets = WIDGETS

    def __init__(self, *args, rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
        if rules is not None:
            self.fields["area"].queryset = rules.areas.all()
        self.fields["area"].empty_label = "– wybierz zakres –"
        self.fields["district"].queryset = District.objects.filter(is_osiedle=True).order_by("name")
        self.fields["district"].empty_label = "– całe miasto albo kilka osiedli –"
        self.fields["ngo"].queryset = NGO.objects.published().order_by("name")
        self.fields["ngo"].empty_label = "– wybierz organizację –"
        self.fields["applicant_kind"].choices = [("", "– wybierz –"), *ApplicantKind.choices]
        for name in ("leader_name", "leader_email", "leader_address"):
            self.fields[name].required = True
        self.add_budget_fields()
        _polish_errors(self)
        self.fields["consent_rules"].error_messages["required"] = "Potwierdź, że znacie zasady."
        self.fields["consent_members"].error_messages["required"] = (
            "Potwierdź zgodę osób wpisanych do wniosku."
        )

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded:
            check_uploaded_document(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("applicant_kind")
        members, errors = parse_members(cleaned.get("members") or "")
        if errors:
            self.add_error("members", "Popraw listę członków: " + "; ".join(errors) + ".")
        if kind == ApplicantKind.GROUP:
            if not (cleaned.get("group_name") or "").strip():
                self.add_error("group_name", "Podaj nazwę grupy – pokażemy ją zamiast nazwisk.")
            if not errors and len(members) < MIN_GROUP_MEMBERS:
                self.add_error(
                    "members",
                    "Wniosek grupy mieszkańców składa lider z co najmniej jedną osobą – "
                    "wpisz członków grupy.",
                )
            cleaned["ngo"] = None
        elif kind == ApplicantKind.NGO and cleaned.get("ngo") is None:
            self.add_error("ngo", "Wybierz organizację z rejestru.")
        self.cleaned_members = members
        self.budget = self.clean_budget(self.rules) if self.rules is not None else None
        return cleaned


class CorrectionForm(BudgetFieldsMixin, forms.ModelForm):
    """The applicant's correction through the private link: the task and the budget (not
    who applies: a different applicant is a different application)."""

    class Meta:
        model = Initiative
        fields = [*CONTENT_FIELDS, "in_kind_description"]
        labels = LABELS
        help_texts = HELP
        widgets = WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = self.instance.rules.areas.all()
        self.fields["district"].queryset = District.objects.filter(is_osiedle=True).order_by("name")
        self.fields["district"].required = False
        self.add_budget_fields(self.instance)
        _polish_errors(self)

    def clean(self):
        cleaned = super().clean()
        self.budget = self.clean_budget(self.instance.rules)
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        if self.budget is not None:
            for name in ("city_amount", "work_hours", "in_kind_value", "cash_contribution"):
                setattr(instance, name, getattr(self.budget, name))
        if commit:
            instance.save()
        return instance
