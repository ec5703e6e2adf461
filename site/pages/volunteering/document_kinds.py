"""The volunteer's agreement (art. 44) and certificate (art. 45), which editors may re-lay-out
(core.document_kinds; Ustawienia → Szablony dokumentów). Values come from
`pages.volunteering.documents.values_for`."""

from core.document_kinds import TemplateKind, register
from core.generated_documents import GeneratedDocument

AGREEMENT = "volunteering.agreement"
CERTIFICATE = "volunteering.certificate"

COMMON_FIELDS = {
    "organizacja": "nazwa organizacji",
    "adres_organizacji": "adres organizacji",
    "wolontariusz": "imię i nazwisko wolontariusza",
    "oferta": "tytuł oferty",
    "opis": "zakres świadczeń (opis oferty)",
    "miejsce": "gdzie (osiedle, adres albo zdalnie)",
    "okres": "okres wykonywania świadczeń",
    "data": "data wystawienia dokumentu",
}
COMMON_SAMPLE = {
    "organizacja": "Stowarzyszenie Przykładowe Sąsiedztwo",
    "adres_organizacji": "ul. Wzorcowa 1, 41-300 Dąbrowa Górnicza",
    "wolontariusz": "Wolontariusz Przykładowy",
    "oferta": "Pomoc w przykładowej świetlicy",
    "opis": "Przykładowe zajęcia z dziećmi w świetlicy osiedlowej",
    "miejsce": "Osiedle Przykładowe, ul. Próbna 2",
    "okres": "od 1 marca 2027 do 30 czerwca 2027",
    "data": "15 lutego 2027",
}


def _agreement(values: dict) -> GeneratedDocument:
    document = GeneratedDocument(title="Porozumienie o wykonywaniu świadczeń wolontariusza")
    return (
        document.heading("Porozumienie o wykonywaniu świadczeń wolontariusza")
        .paragraph(
            "zawarte na podstawie art. 44 ustawy z dnia 24 kwietnia 2003 r. o działalności "
            f"pożytku publicznego i o wolontariacie, dnia {values['data']}, między:"
        )
        .paragraph(f"{values['organizacja']}, {values['adres_organizacji']} – korzystającym,")
        .paragraph(f"a {values['wolontariusz']} – wolontariuszem.")
        .heading("§ 1. Zakres świadczeń", level=2)
        .paragraph(f"{values['oferta']}: {values['opis']}")
        .paragraph(f"Miejsce: {values['miejsce']}. Okres: {values['okres']}.")
        .heading("§ 2. Postanowienia", level=2)
        .paragraph(
            "Świadczenia są wykonywane nieodpłatnie. Korzystający informuje wolontariusza o "
            "ryzyku dla zdrowia i bezpieczeństwa oraz o zasadach ochrony przed zagrożeniami, "
            "pokrywa koszty podróży służbowych i diet na zasadach art. 45 ustawy, a na "
            "wniosek wolontariusza wydaje pisemne zaświadczenie o wykonaniu świadczeń."
        )
        .paragraph("Każda ze stron może rozwiązać porozumienie ze skutkiem natychmiastowym.")
        .table(["Korzystający", "Wolontariusz"], [["(podpis)", "(podpis)"]])
    )


def _certificate(values: dict) -> GeneratedDocument:
    document = GeneratedDocument(title="Zaświadczenie o wykonywaniu świadczeń wolontariusza")
    return (
        document.heading("Zaświadczenie")
        .paragraph(
            f"{values['organizacja']}, {values['adres_organizacji']}, zaświadcza, że "
            f"{values['wolontariusz']} wykonywał(a) świadczenia wolontariusza na podstawie "
            "art. 44 ust. 4 i 5 ustawy o działalności pożytku publicznego i o wolontariacie."
        )
        .paragraph(f"Zakres: {values['oferta']} – {values['opis']}.")
        .paragraph(f"Miejsce: {values['miejsce']}. Okres: {values['okres']}.")
        .paragraph(f"Łącznie przepracowano: {values['godziny']}.")
        .paragraph(f"Dąbrowa Górnicza, {values['data']}")
        .paragraph("(podpis osoby reprezentującej organizację)")
    )


register(
    TemplateKind(
        key=AGREEMENT,
        label="Porozumienie z wolontariuszem (art. 44)",
        fields=COMMON_FIELDS,
        default=_agreement,
        sample=COMMON_SAMPLE,
    )
)
register(
    TemplateKind(
        key=CERTIFICATE,
        label="Zaświadczenie o wykonywaniu świadczeń wolontariusza",
        fields={**COMMON_FIELDS, "godziny": "łączna liczba godzin"},
        default=_certificate,
        sample={**COMMON_SAMPLE, "godziny": "37,5 godziny"},
    )
)
