"""Typos: a query word that nothing in the index matches is replaced by the nearest word
form of an indexed lemma, in the inflection the resident typed ("konsultajcach" →
"konsultacjach"), within 1 edit for words of 4–7 letters and 2 for longer ones
(insertions, deletions, substitutions, swaps of neighbours; Polish letters folded).

Candidates are the lemmas of public content (`IndexedLemma`) that start with the
word's first or second letter and whose stem is within reach; their forms come from
Morfeusz. Runs only for words unknown to the vocabulary that match nothing, so a
correct query costs one lookup.
"""

import re

from django.db.models import Q
from django.db.models.functions import Length

from search.analysis import fold, to_term
from search.models import IndexedLemma
from search.morphology import morfeusz
from search.query import parse_query

MAX_CANDIDATE_LEMMAS = 20_000


def max_distance(word: str) -> int:
    """How many edits a word of this length may be corrected by (0: not at all)."""
    if len(word) < 4:
        return 0
    return 1 if len(word) <= 7 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with swaps of neighbours (optimal string alignment); any value
    above LIMIT is reported as LIMIT + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _stem_close(word: str, lemma: str, limit: int) -> bool:
    """Whether LEMMA's stem (all but its last two letters) is within LIMIT of WORD's."""
    length = max(2, min(len(word), len(lemma)) - 2)
    return distance(word[:length], lemma[:length], limit) <= limit


def correct_word(text: str) -> str | None:
    """The indexed word form nearest to TEXT (with its Polish letters), or None."""
    word = to_term(text)
    limit = max_distance(word)
    if not limit or not word.isalpha():
        return None
    prefixes = Q(term__startswith=word[0]) | Q(term__startswith=word[1])
    lemmas = (
        IndexedLemma.objects.annotate(length=Length("term"))
        .filter(prefixes, length__gte=len(word) - limit - 4, length__lte=len(word) + limit + 2)
        .values_list("term", "lemma")[:MAX_CANDIDATE_LEMMAS]
    )
    best: tuple[int, int, str] | None = None
    for term, lemma in lemmas:
        if not _stem_close(word, term, limit):
            continue
        for form in {entry[0] for entry in morfeusz.generate(lemma)} | {lemma}:
            folded = fold(form)
            if folded == word:
                return None  # a form of an indexed word already: nothing to correct
            found = distance(word, folded, limit)
            if found <= limit:
                # Nearest first; of equals, the one of the same length (a typed letter
                # more likely wrong than missing), then alphabetical for stable answers.
                key = (found, abs(len(folded) - len(word)), form.lower())
                if best is None or key < best:
                    best = key
    return best[2] if best else None


def correct_query(parsed, any_match, known: set[str]) -> tuple[str, bool]:
    """Correct PARSED's words that match nothing, in place: (the query as searched, or ""
    when nothing was corrected; whether a word matching nothing is left).

    KNOWN: the terms of PARSED the vocabulary holds; ANY_MATCH(groups) asks the backend
    (a word the dictionary does not know, such as a surname, may still be indexed)."""

    text, changed, unmatched = parsed.text, False, False
    for index, group in enumerate(parsed.groups):
        if group.kind != "word" or group.alternatives or group.terms & known:
            continue
        if any_match([group.backend_terms()]):
            continue
        replacement = correct_word(group.text)
        if replacement is None:
            unmatched = True
            continue
        new = parse_query(replacement).groups
        if len(new) != 1:
            unmatched = True
            continue
        parsed.groups[index] = new[0]
        text = re.sub(rf"(?<!\w){re.escape(group.text)}(?!\w)", replacement, text, count=1)
        changed = True
    return (text if changed else ""), unmatched
