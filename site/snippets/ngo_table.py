"""The NGO registry as a table: the columns of the open data, the admin export and the import.

One definition, so that a file exported anywhere can be imported back unchanged.
"""

from snippets.models import NGO, LegalForm

# (column, what it holds): the order of the files.
COLUMNS: list[tuple[str, str]] = [
    ("nazwa", "pełna nazwa organizacji"),
    ("nazwa_skrocona", "nazwa skrócona"),
    ("forma_prawna", "forma prawna: " + ", ".join(label for _, label in LegalForm.choices)),
    ("krs", "numer KRS (10 cyfr)"),
    ("nip", "NIP (10 cyfr)"),
    ("regon", "REGON (9 albo 14 cyfr)"),
    ("opp", "status organizacji pożytku publicznego: tak/nie"),
    ("obszary", "punkty art. 4 ust. 1 ustawy o pożytku, rozdzielone średnikiem, np. 1;16;32a"),
    ("dzielnica", "nazwa dzielnicy"),
    ("ulica", "ulica i numer siedziby"),
    ("kod_pocztowy", "kod pocztowy"),
    ("miejscowosc", "miejscowość"),
    ("email", "adres e-mail organizacji"),
    ("telefon", "telefon organizacji"),
    ("strona_www", "strona internetowa"),
    ("opis", "czym się zajmuje"),
    ("dzialajaca", "tak – działa, nie – rozwiązana"),
    ("data_weryfikacji", "kiedy wydział sprawdził dane (RRRR-MM-DD)"),
]
COLUMN_NAMES = [name for name, _ in COLUMNS]
AREA_SEPARATOR = ";"
YES, NO = "tak", "nie"


def yes_no(value: bool) -> str:
    return YES if value else NO


def ngo_row(ngo: NGO) -> dict[str, str]:
    """The record as text cells; expects `areas` prefetched and `district` selected."""
    return {
        "nazwa": ngo.name,
        "nazwa_skrocona": ngo.short_name,
        "forma_prawna": ngo.get_legal_form_display(),
        "krs": ngo.krs or "",
        "nip": ngo.nip or "",
        "regon": ngo.regon or "",
        "opp": yes_no(ngo.is_public_benefit),
        "obszary": AREA_SEPARATOR.join(area.number for area in ngo.areas.all()),
        "dzielnica": ngo.district.name if ngo.district else "",
        "ulica": ngo.street_address,
        "kod_pocztowy": ngo.postal_code,
        "miejscowosc": ngo.city,
        "email": ngo.email,
        "telefon": ngo.phone,
        "strona_www": ngo.website,
        "opis": ngo.description,
        "dzialajaca": yes_no(ngo.is_active),
        "data_weryfikacji": ngo.verified_on.isoformat() if ngo.verified_on else "",
    }
