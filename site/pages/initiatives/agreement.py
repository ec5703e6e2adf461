"""The agreement („umowa o wykonanie inicjatywy lokalnej”, art. 19e), filled from the
application and the decision: its placeholders (what editors' DOCX templates may use),
their values, and the built-in layout used until editors upload a template
(core.document_kinds, declared in document_kinds.py).

Staff only: it names the leader (a party to the agreement).
"""

from django.utils import timezone
from django.utils.formats import date_format

from core.generated_documents import GeneratedDocument
from pages.initiatives.choices import ApplicantKind
from pages.initiatives.contribution import zl

KEY = "initiatives.agreement"
LABEL = "Umowa o wykonanie inicjatywy lokalnej"
FIELDS = {
    "numer_wniosku": "numer wniosku (np. IL-2027-ABCD-EFGH)",
    "data_wniosku": "data złożenia wniosku",
    "data_decyzji": "data decyzji o przyjęciu",
    "uchwala": "uchwała rady miasta o trybie i kryteriach",
    "rok": "rok",
    "nazwa_zadania": "nazwa zadania",
    "zakres": "zakres z art. 19b ust. 1",
    "miejsce": "miejsce realizacji",
    "osiedle": "osiedle",
    "opis_zadania": "opis zadania",
    "harmonogram": "harmonogram",
    "efekty": "spodziewane efekty",
    "wnioskodawca": "nazwa grupy mieszkańców albo organizacji",
    "organizacja_krs": "KRS organizacji (puste dla grupy)",
    "lider_imie_nazwisko": "imię i nazwisko lidera / osoby reprezentującej",
    "lider_adres": "adres lidera",
    "lider_email": "e-mail lidera",
    "lider_telefon": "telefon lidera",
    "czlonkowie_grupy": "członkowie grupy (imię i nazwisko, adres)",
    "wklad_miasta": "wkład miasta przyznany w decyzji",
    "wklad_miasta_wnioskowany": "wkład miasta wnioskowany",
    "praca_godziny": "godziny pracy społecznej",
    "praca_stawka": "stawka godziny pracy społecznej",
    "praca_wartosc": "wartość pracy społecznej",
    "wklad_rzeczowy": "wartość wkładu rzeczowego",
    "wklad_rzeczowy_opis": "na czym polega wkład rzeczowy",
    "wklad_finansowy": "wkład finansowy",
    "wklad_wlasny": "wkład własny razem",
    "koszt_calkowity": "koszt całkowity (wkład miasta przyznany + wkład własny)",
    "udzial_wkladu": "udział wkładu własnego w koszcie",
}
SAMPLE = {
    **{name: f"[{label}]" for name, label in FIELDS.items()},
    "numer_wniosku": "IL-2027-ABCD-EFGH",
    "wnioskodawca": "Grupa mieszkańców „Zielone podwórko”",
    "wklad_miasta": "8 000,00 zł",
}


def _date(value) -> str:
    return date_format(timezone.localtime(value), "j E Y") if value else ""


def values(initiative) -> dict[str, str]:
    rules = initiative.rules
    ngo = initiative.ngo if initiative.applicant_kind == ApplicantKind.NGO else None
    granted = initiative.granted_amount or 0
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
        "wklad_miasta": zl(granted),
        "wklad_miasta_wnioskowany": zl(initiative.city_amount),
        "praca_godziny": f"{initiative.work_hours}".replace(".", ","),
        "praca_stawka": zl(initiative.work_rate),
        "praca_wartosc": zl(initiative.work_value),
        "wklad_rzeczowy": zl(initiative.in_kind_value),
        "wklad_rzeczowy_opis": initiative.in_kind_description,
        "wklad_finansowy": zl(initiative.cash_contribution),
        "wklad_wlasny": zl(initiative.own_contribution),
        "koszt_calkowity": zl(granted + initiative.own_contribution),
        "udzial_wkladu": f"{initiative.contribution_percent} %".replace(".", ","),
    }


def default_layout(v: dict) -> GeneratedDocument:
    """The built-in agreement: the parties, the task, the contributions, the terms."""
    document = GeneratedDocument(
        title=f"Umowa o wykonanie inicjatywy lokalnej nr {v['numer_wniosku']}",
        subject=v["nazwa_zadania"],
    )
    document.paragraph(
        "zawarta na podstawie art. 19e ustawy z dnia 24 kwietnia 2003 r. o działalności "
        f"pożytku publicznego i o wolontariacie oraz {v['uchwala']}, między Gminą Dąbrowa "
        f"Górnicza a: {v['wnioskodawca']}"
        + (f" (KRS {v['organizacja_krs']})" if v["organizacja_krs"] else "")
        + f", reprezentowanym przez: {v['lider_imie_nazwisko']}, {v['lider_adres']}."
    )
    document.heading("§ 1. Zadanie")
    document.paragraph(f"{v['nazwa_zadania']} – zakres: {v['zakres']}.")
    document.paragraph(
        f"Miejsce: {v['miejsce']}" + (f", {v['osiedle']}" if v["osiedle"] else "") + "."
    )
    document.paragraph(v["opis_zadania"])
    document.heading("§ 2. Harmonogram i efekty")
    document.paragraph(v["harmonogram"])
    document.paragraph(v["efekty"])
    document.heading("§ 3. Wkład stron")
    document.table(
        ("Wkład", "Wartość"),
        [
            ("Wkład miasta", v["wklad_miasta"]),
            (
                f"Praca społeczna ({v['praca_godziny']} godz. × {v['praca_stawka']})",
                v["praca_wartosc"],
            ),
            (f"Wkład rzeczowy: {v['wklad_rzeczowy_opis'] or '–'}", v["wklad_rzeczowy"]),
            ("Wkład finansowy", v["wklad_finansowy"]),
            ("Wkład własny razem", v["wklad_wlasny"]),
            ("Koszt całkowity", v["koszt_calkowity"]),
        ],
        caption=f"Udział wkładu własnego: {v['udzial_wkladu']}",
    )
    document.heading("§ 4. Sprawozdanie")
    document.paragraph(
        "Wnioskodawca przedstawi sprawozdanie z wykonania zadania, w tym z wniesionego wkładu "
        "własnego, w terminie 30 dni od jego zakończenia."
    )
    if v["czlonkowie_grupy"]:
        document.heading("Członkowie grupy", level=2)
        document.paragraph(v["czlonkowie_grupy"])
    document.paragraph("Za Gminę: ……………………      Za wnioskodawcę: ……………………")
    return document
