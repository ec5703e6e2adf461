"""The query vocabulary of the consultation and announcement lists.

The states' and audiences' values in the database are English; their addresses are
Polish, like every list's (docs/conventions.md): a state's slug is its lifecycle's
(pages.consultations.state). The old English parameters of /konsultacje/ and /ogloszenia/ are
answered with a redirect to the Polish ones.
"""

from core.listing import PAGE_PARAM, ChoiceFilter, Renamed
from pages.consultations.state import CONSULTATION

STATES_BY_SLUG = {state.slug: state for state in CONSULTATION}
# By the values of `models.consultation.Audience` (not imported: that package imports this).
AUDIENCE_SLUGS = {"residents": "mieszkancy", "ngos": "organizacje", "all": "wszyscy"}
AUDIENCES_BY_SLUG = {slug: value for value, slug in AUDIENCE_SLUGS.items()}

STATE_FILTER = ChoiceFilter.of(
    "stan", "Stan", [(state.slug, state.label) for state in CONSULTATION]
)


def district_filter(districts) -> ChoiceFilter:
    return ChoiceFilter.of(
        "dzielnica",
        "Dzielnica (z konsultacjami dla całego miasta)",
        [(district.slug, district.name) for district in districts],
    )


def audience_filter(audiences) -> ChoiceFilter:
    """The filter over AUDIENCES, a `TextChoices` with the values of AUDIENCE_SLUGS."""
    return ChoiceFilter.of(
        "dla", "Adresaci", [(AUDIENCE_SLUGS[value], label) for value, label in audiences.choices]
    )


def tag_filter(tags) -> ChoiceFilter:
    return ChoiceFilter.of("tag", "Temat", [(tag.slug, tag.name) for tag in tags])


# What each list reads (the page cache keys on these), as its URLs write them.
CONSULTATION_PARAMS = ("stan", "dzielnica", "dla", PAGE_PARAM)
ANNOUNCEMENT_PARAMS = ("tag", PAGE_PARAM)

# Addresses of /konsultacje/ and /ogloszenia/ from before the Polish vocabulary.
CONSULTATION_RENAMED = (
    Renamed("state", "stan", {state.value: state.slug for state in CONSULTATION}),
    Renamed("district", "dzielnica"),
    Renamed("audience", "dla", AUDIENCE_SLUGS),
    Renamed("page", PAGE_PARAM),
)
ANNOUNCEMENT_RENAMED = (Renamed("page", PAGE_PARAM),)
