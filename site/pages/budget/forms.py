"""The resident's forms: a project's submission (no account), its edit and an appeal
through the private link. Polish messages; what was typed is kept on every error."""

from datetime import date
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone

from core.form_inputs import check_uploaded_document, polish_decimal_text
from core.forms import PublicSubmissionForm
from pages.budget.models import BudgetProject, Category

COST_LINES = 8
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = settings.WAGTAILDOCS_EXTENSIONS
SUPPORTER_FORMAT = "Imię Nazwisko; adres; RRRR-MM-DD"

CONTENT_FIELDS = [
    "title",
    "category",
    "address",
    "latitude",
    "longitude",
    "description",
    "justification",
    "beneficiaries",
]
LABELS = {
    "title": "Tytuł projektu",
    "category": "Kategoria",
    "pool": "Pula (ogólnomiejska lub osiedle)",
    "address": "Miejsce realizacji",
    "latitude": "Szerokość geograficzna punktu",
    "longitude": "Długość geograficzna punktu",
    "description": "Opis projektu",
    "justification": "Uzasadnienie – dlaczego warto go zrealizować",
    "beneficiaries": "Kto skorzysta z projektu",
    "author_name": "Twoje imię i nazwisko",
    "author_email": "Twój e-mail",
    "author_phone": "Twój telefon",
    "author_named": "Zgadzam się na podanie mojego imienia i nazwiska przy projekcie",
}
HELP = {
    "address": "Adres albo opis miejsca, np. „skwer przy ul. Kasprowicza 10”.",
    "latitude": "Nieobowiązkowe: np. 50.3218 (punkt pokaże projekt na mapie).",
    "longitude": "Nieobowiązkowe: np. 19.1872.",
    "author_email": "Wyślemy na niego link potwierdzający i prywatny link do edycji.",
    "author_named": "Bez tej zgody przy projekcie nie pokażemy Twoich danych.",
}
REQUIRED = "To pole jest wymagane."


def _polish_errors(form) -> None:
    for field in form.fields.values():
        field.error_messages.setdefault("required", REQUIRED)
        field.error_messages["required"] = REQUIRED
        if isinstance(field, forms.DecimalField):
            field.error_messages["invalid"] = "Wpisz liczbę, np. 1250,50."
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = "Wpisz poprawny adres e-mail, np. jan@example.pl."


_decimal_input = polish_decimal_text


class CostLinesMixin:
    """Fixed rows of (item, amount) – no JavaScript needed – whose total must fit the
    pool's limit."""

    def add_cost_fields(self, initial_lines=()):
        initial_lines = list(initial_lines)
        for number in range(1, COST_LINES + 1):
            line = initial_lines[number - 1] if number <= len(initial_lines) else None
            self.fields[f"cost_{number}_description"] = forms.CharField(
                label=f"Pozycja kosztorysu {number}",
                required=False,
                max_length=300,
                initial=line.description if line else None,
            )
            self.fields[f"cost_{number}_amount"] = forms.CharField(
                label=f"Kwota pozycji {number} (zł)",
                required=False,
                max_length=20,
                initial=line.amount if line else None,
            )

    def clean_cost_lines(self, pool) -> list[tuple[str, Decimal]]:
        lines = []
        for number in range(1, COST_LINES + 1):
            description = (self.cleaned_data.get(f"cost_{number}_description") or "").strip()
            raw = (self.cleaned_data.get(f"cost_{number}_amount") or "").strip()
            if not description and not raw:
                continue
            if not description:
                self.add_error(f"cost_{number}_description", "Opisz, za co jest ta kwota.")
                continue
            try:
                amount = Decimal(_decimal_input(raw))
            except ArithmeticError:
                amount = None
            if amount is None or not amount.is_finite() or amount <= 0 or amount >= 10**10:
                self.add_error(f"cost_{number}_amount", "Wpisz kwotę większą od zera, np. 1250,50.")
                continue
            lines.append((description, amount.quantize(Decimal("0.01"))))
        if not lines and not self.errors:
            self.add_error("cost_1_description", "Podaj co najmniej jedną pozycję kosztorysu.")
        total = sum((amount for _d, amount in lines), Decimal("0"))
        if pool is not None and total > pool.max_project_cost:
            self.add_error(
                None,
                f"Łączny koszt projektu ({total:.2f} zł) przekracza najwyższy koszt projektu "
                f"w puli „{pool.name}” ({pool.max_project_cost:.2f} zł). Zmniejsz kosztorys "
                "albo wybierz inną pulę.",
            )
        self.cleaned_cost_lines = lines
        return lines

    def clean_point(self):
        latitude = self.cleaned_data.get("latitude")
        longitude = self.cleaned_data.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error("longitude", "Podaj obie współrzędne punktu albo żadnej.")
        elif latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.add_error("latitude", "Współrzędne są poza zakresem (szerokość −90…90).")


def parse_supporters(text: str, today: date) -> tuple[list[tuple[str, str, date]], list[str]]:
    """(supporters, errors) from one line per person: "Imię Nazwisko; adres; RRRR-MM-DD"."""
    supporters, errors, seen = [], [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        if len(parts) != 3 or not all(parts):
            errors.append(f"wiersz {number}: wpisz „{SUPPORTER_FORMAT}”")
            continue
        name, address, raw_date = parts
        try:
            signed_on = date.fromisoformat(raw_date)
        except ValueError:
            errors.append(f"wiersz {number}: data podpisu jak 2026-03-15")
            continue
        if signed_on > today:
            errors.append(f"wiersz {number}: data podpisu nie może być z przyszłości")
            continue
        key = (name.casefold(), address.casefold())
        if key in seen:
            errors.append(f"wiersz {number}: ta osoba jest już na liście")
            continue
        seen.add(key)
        supporters.append((name[:200], address[:300], signed_on))
    return supporters, errors


def check_attachment(uploaded) -> None:
    check_uploaded_document(uploaded, MAX_ATTACHMENT_BYTES)


class ProjectSubmissionForm(CostLinesMixin, PublicSubmissionForm):
    """A new project to EDITION. Supporters are typed one per line or sent as a scan."""

    supporters = forms.CharField(
        label="Lista poparcia – jedna osoba w wierszu",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"Każdy wiersz: „{SUPPORTER_FORMAT}”. Zamiast tego możesz dołączyć skan "
        "podpisanej listy poparcia.",
    )
    support_list_scan = forms.FileField(
        label="Skan podpisanej listy poparcia",
        required=False,
        help_text="PDF. Sprawdzimy go w ocenie formalnej.",
    )
    attachment = forms.FileField(
        label="Załącznik (mapa, zgoda właściciela terenu, szkic)",
        required=False,
        help_text="PDF, DOCX, ODT, RTF, TXT, XLSX, ODS lub CSV, do 10 MB.",
    )
    consent_rules = forms.BooleanField(
        label="Znam regulamin edycji i zgłaszam projekt zgodnie z nim", required=True
    )
    consent_supporters = forms.BooleanField(
        label="Osoby z listy poparcia zgodziły się na przekazanie ich danych", required=True
    )

    class Meta:
        model = BudgetProject
        fields = [
            "title",
            "category",
            "pool",
            "address",
            "latitude",
            "longitude",
            "description",
            "justification",
            "beneficiaries",
            "author_name",
            "author_email",
            "author_phone",
            "author_named",
        ]
        labels = LABELS
        help_texts = HELP
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "justification": forms.Textarea(attrs={"rows": 5}),
            "beneficiaries": forms.Textarea(attrs={"rows": 3}),
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "author_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
        }

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        if edition is not None:
            self.fields["pool"].queryset = edition.pools.select_related("district")
        self.fields["pool"].empty_label = "– wybierz pulę –"
        self.fields["category"].choices = [("", "– wybierz kategorię –"), *Category.choices]
        for name in ("author_name", "author_email"):
            self.fields[name].required = True
        self.add_cost_fields()
        _polish_errors(self)
        self.fields["consent_rules"].error_messages["required"] = "Potwierdź, że znasz regulamin."
        self.fields["consent_supporters"].error_messages["required"] = (
            "Potwierdź zgodę osób z listy poparcia."
        )

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded:
            check_attachment(uploaded)
        return uploaded

    def clean_support_list_scan(self):
        uploaded = self.cleaned_data.get("support_list_scan")
        if uploaded:
            check_attachment(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        self.clean_point()
        self.clean_cost_lines(cleaned.get("pool"))
        supporters, errors = parse_supporters(cleaned.get("supporters") or "", timezone.localdate())
        minimum = self.edition.min_supporters if self.edition else 0
        if errors:
            self.add_error("supporters", "Popraw listę poparcia: " + "; ".join(errors) + ".")
        elif len(supporters) < minimum and not cleaned.get("support_list_scan"):
            self.add_error(
                "supporters",
                f"Projekt musi poprzeć co najmniej {minimum} mieszkańców – na liście jest "
                f"{len(supporters)}. Dopisz brakujące osoby albo dołącz skan listy poparcia.",
            )
        self.cleaned_supporters = supporters
        return cleaned


class ProjectEditForm(CostLinesMixin, forms.ModelForm):
    """The author's edit through the private link (content and costs, not the pool)."""

    class Meta:
        model = BudgetProject
        fields = CONTENT_FIELDS
        labels = LABELS
        help_texts = HELP
        widgets = ProjectSubmissionForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_cost_fields(self.instance.cost_lines.all() if self.instance.pk else ())
        _polish_errors(self)

    def clean(self):
        cleaned = super().clean()
        self.clean_point()
        self.clean_cost_lines(self.instance.pool)
        return cleaned


class AppealForm(forms.Form):
    text = forms.CharField(
        label="Treść odwołania",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Napisz, z czym się nie zgadzasz i dlaczego. Do 4000 znaków.",
        error_messages={"required": "Wpisz treść odwołania."},
    )
