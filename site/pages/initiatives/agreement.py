"""The values the agreement („umowa o wykonanie inicjatywy lokalnej”, art. 19e) is filled
with, from the application and the decision: placeholders' names → text.

Staff only: it names the leader (a party to the agreement). The DOCX/PDF is to be
generated from an editors' template by the shared document generator once it exists
(docs/initiatives.md); this module only says what goes into it.
"""

from django.utils import timezone
from django.utils.formats import date_format

from pages.initiatives.choices import ApplicantKind
from pages.initiatives.contribution import zl


def _date(value) -> str:
    return date_format(timezone.localtime(value), "j E Y") if value else ""


def values(initiative) -> dict[str, str]:
    rules = initiative.rules
    ngo = initiative.ngo if initiative.applicant_kind == ApplicantKind.NGO else None
    return {
        "numer_wniosku": initiative.receipt_number,
        "data_wniosku": _date(initiative.submitted_at),
        "data_decyzji": _date(initiative.decided_at),
        "uchwala": rules.resolution,
        "rok": str(rules.year),
        "nazwa_zadania": initiative.title,
        "zakres": str(initiative.area),
        "miejsce": initiative.place,
        "osiedle": initiative.district.display_name if initiative.district_id else "",
        "opis_zadania": initiative.description,
        "harmonogram": initiative.schedule,
        "efekty": initiative.effects,
        "wnioskodawca": initiative.applicant_public_name,
        "organizacja_krs": (ngo.krs or "") if ngo else "",
        "lider_imie_nazwisko": initiative.leader_name,
        "lider_adres": initiative.leader_address,
        "lider_email": initiative.leader_email,
        "lider_telefon": initiative.leader_phone,
        "czlonkowie_grupy": "; ".join(
            f"{m.full_name}, {m.address}" for m in initiative.members.all()
        ),
        "wklad_miasta": zl(initiative.granted_amount or 0),
        "wklad_miasta_wnioskowany": zl(initiative.city_amount),
        "praca_godziny": f"{initiative.work_hours}".replace(".", ","),
        "praca_stawka": zl(initiative.work_rate),
        "praca_wartosc": zl(initiative.work_value),
        "wklad_rzeczowy": zl(initiative.in_kind_value),
        "wklad_rzeczowy_opis": initiative.in_kind_description,
        "wklad_finansowy": zl(initiative.cash_contribution),
        "wklad_wlasny": zl(initiative.own_contribution),
        "koszt_calkowity": zl((initiative.granted_amount or 0) + initiative.own_contribution),
        "udzial_wkladu": f"{initiative.contribution_percent} %".replace(".", ","),
    }
