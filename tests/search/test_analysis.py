"""Polish analysis: lemmas, folding and identifiers, the same at index and query time."""

import pytest

from search.analysis import analyse, fold, fold_same_length, to_term, tokenize
from search.query import normalise_query, parse_query


def terms(text: str) -> set[str]:
    return set(analyse(text).split())


def query_terms(text: str) -> list[set[str]]:
    return [group.terms for group in parse_query(text).groups]


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("konsultacjach", "konsultacja"),
        ("budżetu", "budzet"),
        ("obywatelskiego", "obywatelski"),
        ("organizacji", "organizacja"),
        ("pozarządowych", "pozarzadowy"),
        ("Dąbrowie", "dabrowa"),
        ("wkładu", "wklad"),
        ("napisałem", "napisac"),
    ],
)
def test_a_form_is_indexed_with_its_folded_lemma_and_itself(form, lemma):
    indexed = terms(form)
    assert lemma in indexed
    assert to_term(form) in indexed


def test_every_interpretation_of_an_ambiguous_form_is_kept():
    # "rady": a form of "rada" (council) and of "rad" (the element).
    assert {"rada", "rad"} <= terms("rady")


def test_agglutinate_is_not_a_lemma_of_the_verb():
    assert "byc" not in terms("napisałem")


def test_folding_includes_l_with_stroke():
    assert fold("Łódź wkładu") == "lodz wkladu"
    assert to_term("Wkład-u") == "wkladu"
    # Same length, so positions found in the folded text map back to the original.
    text = "Zażółć gęślą jaźń"
    assert len(fold_same_length(text)) == len(text)
    assert fold_same_length(text) == "zazolc gesla jazn"


def test_query_and_index_meet_on_lemmas():
    indexed = terms("Konsultacjach budżetu obywatelskiego")
    for group in query_terms("konsultacja budżet"):
        assert group & indexed


def test_stopwords_are_dropped_on_both_sides():
    assert "w" not in terms("konsultacje w sprawie budżetu")
    assert parse_query("w i na").groups == []
    assert len(parse_query("konsultacje w sprawie").groups) == 2


@pytest.mark.parametrize(
    ("written", "typed", "term"),
    [
        ("Uchwała nr XII/234/2026 Rady Miejskiej", "XII/234/2026", "xii2342026"),
        ("Zadanie BO27-047 w budżecie", "bo27-047", "bo27047"),
        ("KRS 0000743219", "0000743219", "0000743219"),
        ("tel. 12 446 83 19", "12 446 83 19", "124468319"),
        ("tel. 12-446-83-19", "124468319", "124468319"),
        ("tel. +48 602 502 478", "602502478", "602502478"),
        ("tel. (32) 295-67-00", "32 295 67 00", "322956700"),
        ("NIP 629-245-67-89", "6292456789", "6292456789"),
        ("kwota 1 250 000 zł", "1250000", "1250000"),
        ("pisz na cao@dg.pl", "cao@dg.pl", "caodgpl"),
        ("znak WOP.524.1.2026", "WOP.524.1.2026", "wop52412026"),
    ],
)
def test_identifiers_are_kept_whole_and_found_the_same_way(written, typed, term):
    assert term in terms(written)
    groups = query_terms(typed)
    assert groups == [{term}]


def test_parts_of_identifiers_and_krs_without_zeros_are_findable():
    indexed = terms("projekt BO27-047, KRS 0000743219, uchwała XII/234/2026")
    assert {"bo27", "047", "743219", "xii", "234", "2026"} <= indexed
    # ...but a query for the whole identifier asks for the whole term only.
    assert query_terms("BO27-047") == [{"bo27047"}]


def test_a_phone_number_is_not_four_numbers():
    kinds = [token.kind for token in tokenize("zadzwoń: 12 446 83 19")]
    assert kinds == ["word", "phone"]


def test_hyphenated_words_get_lemmas_of_each_part():
    indexed = terms("działalność społeczno-kulturalna")
    assert {"spoleczny", "kulturalny"} <= indexed
    assert "email" in terms("adres e-mail")


def test_query_normalisation_is_safe_with_odd_input():
    assert normalise_query("  a\x00b \t c\n") == "a b c"
    assert len(normalise_query("x" * 1000)) == 200
    assert parse_query("\x00\x01").groups == []
    assert parse_query("!!! ??? ---").groups == []


def test_duplicate_words_make_one_group():
    assert len(parse_query("konsultacje konsultacji KONSULTACJE").groups) == 1


def test_terms_are_plain_ascii_alphanumerics():
    for term in analyse("Żółć, „cytat” – e-mail: a@b.pl; 3½ km² № 5 Ǆ").split():
        assert term.isascii() and term.isalnum() and term == term.lower()


def test_garbage_words_are_not_indexed():
    assert analyse("x" * 60) == ""


def test_indexing_gives_the_terms_and_lemmas_of_every_token_in_order():
    # analyse() takes a cached shortcut per chunk; it must agree with tokenize().
    text = (
        "Stowarzyszenie społeczno-kulturalne, KRS 0000743219, NIP 629-245-67-89, "
        "tel. +48 12 446-83-19, kwota 1 250 000 zł, uchwała XII/234/2026, BO27-047, "
        "e-mail: biuro@ngo.dabrowa.pl; organizacje pozarządowe i konsultacje."
    )
    lemmas = set()
    expected = [term for token in tokenize(text) for term in (*token.terms, *token.extra_terms)]
    assert analyse(text, lemmas).split() == expected
    assert lemmas == {lemma for token in tokenize(text) for lemma in token.lemmas}
    assert {"organizacja", "pozarządowy", "konsultacja"} <= lemmas


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Uchwała nr XLII/567/2026 Rady Miejskiej", "567/2026"),
        ("Uchwała nr XLII/567/2026 Rady Miejskiej", "XLII/567/26"),
        ("Uchwała nr XLII/567/2026 Rady Miejskiej", "567/26"),
        ("Zarządzenie nr 1043/2026 Prezydenta Miasta", "1043/26"),
        ("NIP 645-223-11-90", "645 223 11 90"),
        ("NIP 6452231190", "645-22-31-190"),
        ("REGON 271 563 904", "271563904"),
        ("tel. 32 295\n67 00 (centrala)", "322956700"),
        ("rachunek 61 1090 1014 0000 0712 1981 2874", "61109010140000071219812874"),
        ("rachunek PL61109010140000071219812874", "61 1090 1014 0000 0712 1981 2874"),
    ],
)
def test_identifiers_are_found_by_their_common_shortenings_and_groupings(written, typed):
    indexed = terms(written)
    for group in query_terms(typed):
        assert group & indexed, (typed, group, indexed)


def test_an_abbreviation_in_capitals_is_not_a_stop_word():
    assert "bo" in terms("Regulamin BO 2027")
    assert "bo" not in terms("bo tak trzeba")


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Wystąpienie pana Brzęczykiewicza", "Brzęczykiewicz"),
        ("z panem Brzęczykiewiczem", "Brzęczykiewicza"),
        ("opinia pani Wrzosowskiej-Pąk", "Wrzosowska"),
        ("mieszkańcy Zalesiańskowic", "Zalesiańskowice"),
        ("spotkanie w Zalesiańskowicach", "Zalesiańskowic"),
    ],
)
def test_unknown_surnames_and_places_meet_across_cases_by_suffix_rules(written, typed):
    indexed = terms(written)
    for group in query_terms(typed):
        assert group & indexed, (typed, group, indexed)
