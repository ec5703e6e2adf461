"""The ballot: the voter's identity (PESEL checked, then kept only as a keyed hash), the
declarations, and the choices per pool by the pool's method. The same form takes a
paper ballot in the admin (no e-mail, no declarations ticked by the voter online)."""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone

from core.forms import PublicSubmissionForm
from core.text import pluralize_pl
from voting.booth import project_cost
from voting.models import Ballot, Channel, Method
from voting.pesel import InvalidPesel, parse
from voting.sms import sms_sender
from voting.voter_id import voter_hash

NO_CHOICE = ("", "— nie wybieram —")


def _money(value) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",") + " zł"


class BallotForm(PublicSubmissionForm):
    pesel = forms.CharField(
        label="Numer PESEL",
        max_length=20,
        help_text="11 cyfr. Nie zapisujemy go – przechowujemy tylko zaszyfrowany skrót, "
        "który pozwala sprawdzić, że każdy głosuje raz.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    residence = forms.BooleanField(
        label="Oświadczam, że mieszkam w Dąbrowie Górniczej.",
        error_messages={"required": "Głosować mogą tylko mieszkańcy – zaznacz oświadczenie."},
    )
    consent_rules = forms.BooleanField(
        label="Znam regulamin głosowania i głosuję tylko raz; podane dane są prawdziwe.",
        error_messages={"required": "Zaznacz, że znasz regulamin i głosujesz tylko raz."},
    )

    class Meta:
        model = Ballot
        fields = ["first_name", "last_name", "email", "phone", "address"]

    def __init__(self, *args, booth, channel=Channel.ONLINE, **kwargs):
        super().__init__(*args, **kwargs)
        self.booth = booth
        self.channel = channel
        self.voter_hash = ""
        self.cleaned_choices: list[tuple] = []  # (pool, project, points)
        self.fields["email"].required = channel == Channel.ONLINE
        self.fields["email"].help_text = "Wyślemy na niego link – głos liczy się po potwierdzeniu."
        if channel == Channel.ONLINE and sms_sender() is not None:
            self.fields["phone"].label = "Telefon komórkowy"
            self.fields["phone"].help_text = "Jeśli chcesz, wyślemy link także SMS-em."
        else:
            del self.fields["phone"]
        self._own_osiedle_fields(booth)
        self.sections = []
        self.projects = {}
        for on_ballot in booth.pools():
            self._add_pool(on_ballot)

    def _own_osiedle_fields(self, booth) -> None:
        """Where the edition allows one's own osiedle only: the address (for staff to check
        against the register) and a declaration naming the chosen osiedle."""
        pool = booth.osiedle_pool
        if pool is None or not booth.rules.own_osiedle_only:
            del self.fields["address"]
            return
        name = pool.district.display_name if pool.district_id else pool.name
        self.fields["address"].required = True
        self.fields["address"].label = "Adres zamieszkania (ulica, numer domu i mieszkania)"
        self.fields[
            "address"
        ].help_text = (
            "Tylko do sprawdzenia, że mieszkasz na wybranym osiedlu; nie jest publikowany."
        )
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["osiedle_residence"] = forms.BooleanField(
            label=f"Oświadczam, że mieszkam na osiedlu: {name}.",
            error_messages={
                "required": "W tej edycji głosuje się tylko w puli osiedla, na którym się "
                "mieszka – zaznacz oświadczenie albo wybierz swoje osiedle."
            },
        )

    def _add_pool(self, on_ballot) -> None:
        pool, rules = on_ballot.pool, on_ballot.rules
        choices = []
        for project in on_ballot.projects:
            self.projects[str(project.pk)] = project
            choices.append((str(project.pk), f"{project.title} – {_money(project_cost(project))}"))
        names = []
        if rules.method == Method.POINTS:
            for n, points in enumerate(rules.point_values()):
                name = f"pula_{pool.pk}_{n}"
                self.fields[name] = forms.ChoiceField(
                    label=f"{pluralize_pl(points, 'punkt', 'punkty', 'punktów')} – {pool.name}",
                    choices=[NO_CHOICE, *choices],
                    required=False,
                )
                names.append((name, points))
        else:
            name = f"pula_{pool.pk}"
            self.fields[name] = forms.MultipleChoiceField(
                label=f"Projekty – {pool.name}",
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            names.append((name, 1))
        self.sections.append({"on_ballot": on_ballot, "names": names})

    def pool_sections(self):
        """For the template: each pool with its rule and its bound fields."""
        for section in self.sections:
            yield {
                "pool": section["on_ballot"].pool,
                "rules": section["on_ballot"].rules,
                "amount": section["on_ballot"].amount,
                "empty": not section["on_ballot"].projects,
                "fields": [self[name] for name, _points in section["names"]],
            }

    def clean_pesel(self):
        try:
            pesel = parse(self.cleaned_data["pesel"])
        except InvalidPesel as error:
            raise forms.ValidationError(str(error)) from None
        min_age = self.booth.rules.min_age
        if pesel.age_on(self._vote_day()) < min_age:
            raise forms.ValidationError(
                f"Głosować mogą osoby, które ukończyły {min_age} lat "
                "(według daty urodzenia w numerze PESEL)."
            )
        self.voter_hash = voter_hash(pesel.number)
        return ""  # the number goes no further than this form

    def _vote_day(self):
        """The Warsaw day the vote is cast: today, or for a paper ballot typed in after
        voting closed, its last day (nobody may come of age between the vote and its entry)."""
        today = timezone.localdate()
        end = self.booth.edition.results_from
        if end is None:
            return today
        return min(today, timezone.localdate(end - timedelta(microseconds=1)))

    def clean(self):
        cleaned = super().clean()
        total = 0
        for section in self.sections:
            total += self._clean_pool(section, cleaned)
        if total == 0 and not self.errors:
            raise forms.ValidationError("Karta jest pusta – wybierz co najmniej jeden projekt.")
        # Only staff entering a paper ballot are told here that the PESEL has voted. The
        # public page answers every PESEL alike, so it cannot be used to find out who voted:
        # a second online ballot is stored pending, and its e-mailed link (the voter's own
        # mailbox) says it will not count; the unique index decides (voting.ballots.confirm).
        if self.channel == Channel.PAPER and self.voter_hash and self._already_voted():
            self.add_error("pesel", "Z tym numerem PESEL oddano już głos w tej edycji.")
        return cleaned

    def _already_voted(self) -> bool:
        return (
            Ballot.objects.confirmed()
            .filter(edition=self.booth.edition, voter_hash=self.voter_hash, channel=self.channel)
            .exists()
        )

    def _clean_pool(self, section, cleaned) -> int:
        on_ballot = section["on_ballot"]
        pool, rules = on_ballot.pool, on_ballot.rules
        picked = []  # (project, points)
        for name, points in section["names"]:
            value = cleaned.get(name)
            if isinstance(value, list):
                picked.extend((self.projects[v], points) for v in value)
            elif value:
                picked.append((self.projects[value], points))
        first = section["names"][0][0]
        ids = [project.pk for project, _points in picked]
        if len(ids) != len(set(ids)):
            self.add_error(first, "Każdy projekt może dostać punkty tylko raz.")
            return 0
        if rules.method == Method.APPROVAL and rules.max_choices and len(ids) > rules.max_choices:
            limit = pluralize_pl(rules.max_choices, "projekt", "projekty", "projektów")
            self.add_error(first, f"W puli „{pool.name}” możesz wybrać najwyżej {limit}.")
            return 0
        if rules.method == Method.BASKET:
            spent = sum((project_cost(p) for p, _points in picked), Decimal("0"))
            if on_ballot.amount is not None and spent > on_ballot.amount:
                self.add_error(
                    first,
                    f"Wybrane projekty kosztują razem {_money(spent)}, a pula „{pool.name}” "
                    f"ma {_money(on_ballot.amount)}.",
                )
                return 0
        self.cleaned_choices.extend((pool, project, points) for project, points in picked)
        return len(picked)
