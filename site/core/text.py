"""Polish language helpers: plural forms as Poles write them (how long remains of a term:
core.deadlines.remaining_text, in calendar days), phone links."""

import re


def plural_form(count: int, one: str, few: str, many: str) -> str:
    """Return the Polish plural form for COUNT: 1 godzina, 3 godziny, 5 godzin.

    Polish takes `few` for 2-4 except 12-14 (in any tens), `many` otherwise.
    """
    count = abs(int(count))
    if count == 1:
        return one
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return few
    return many


def pluralize_pl(count: int, one: str, few: str, many: str) -> str:
    """Return 'COUNT form', e.g. '3 dni', '22 godziny'."""
    return f"{count} {plural_form(count, one, few, many)}"


def remaining_verb(count: int, feminine: bool = False) -> str:
    """The verb agrees: został 1 dzień, została 1 godzina, zostały 2 dni, zostało 5 dni."""
    form = plural_form(count, "one", "few", "many")
    if form == "one":
        return "została" if feminine else "został"
    return "zostały" if form == "few" else "zostało"


def tel_href(number: str) -> str:
    """'518 270 597' -> 'tel:+48518270597'; numbers already international keep their code."""
    digits = re.sub(r"[^\d+]", "", number or "")
    if not digits:
        return ""
    if not digits.startswith("+"):
        digits = "+48" + digits.lstrip("0") if len(digits) == 9 else digits
    return f"tel:{digits}"
