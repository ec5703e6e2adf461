"""The documents the CAO writes (core.document_kinds, found at start-up): the certificate
of attendance at a training, with its verification code. Values come from
`pages.cao.certificates.values_for`."""

from core.document_kinds import TemplateKind, register
from core.generated_documents import GeneratedDocument

TRAINING_CERTIFICATE = "cao.training_certificate"


def _certificate(values: dict) -> GeneratedDocument:
    document = GeneratedDocument(title="Zaświadczenie o udziale w szkoleniu")
    return (
        document.heading("Zaświadczenie")
        .paragraph(
            f"Zaświadcza się, że {values['uczestnik']} wziął(-ęła) udział "
            f"w wydarzeniu „{values['szkolenie']}” ({values['rodzaj']}), "
            f"które odbyło się {values['data_szkolenia']} w {values['miejsce']}, "
            "zorganizowanym przez Centrum Aktywności Obywatelskiej w Dąbrowie Górniczej."
        )
        .paragraph(f"Dąbrowa Górnicza, {values['data']}")
        .paragraph(
            f"Kod weryfikacyjny: {values['kod']}. Autentyczność zaświadczenia można sprawdzić "
            f"na stronie {values['adres_sprawdzenia']}."
        )
    )


register(
    TemplateKind(
        key=TRAINING_CERTIFICATE,
        label="Zaświadczenie o udziale w szkoleniu CAO",
        fields={
            "uczestnik": "imię i nazwisko uczestnika",
            "szkolenie": "tytuł szkolenia",
            "rodzaj": "rodzaj wydarzenia (szkolenie, warsztaty)",
            "data_szkolenia": "dzień szkolenia",
            "miejsce": "miejsce szkolenia",
            "kod": "kod weryfikacyjny",
            "adres_sprawdzenia": "adres strony, na której sprawdza się kod",
            "data": "data wystawienia zaświadczenia",
        },
        default=_certificate,
        sample={
            "uczestnik": "Uczestnik Przykładowy",
            "szkolenie": "Przykładowe szkolenie z rozliczania dotacji",
            "rodzaj": "szkolenie",
            "data_szkolenia": "12 marca 2027",
            "miejsce": "Centrum Aktywności Obywatelskiej",
            "kod": "ACDE-FGHJ-KMNP",
            "adres_sprawdzenia": "https://portal.example/zaswiadczenia/sprawdz/",
            "data": "15 marca 2027",
        },
    )
)
