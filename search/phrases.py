"""Phrases in quotes: "budżet obywatelski" finds the words next to each other and in
this order, in any inflected form ("budżetu obywatelskiego"), on every backend alike.

The backend finds the entries with all the words (its ranking decides the order); the
best MAX_CANDIDATES of them are read and kept when a phrase occurs in their text. The
count and the facets are those of the kept entries, so a phrase of common words is
exact among the best-ranked candidates only (docs/search.md says so).
"""

import re
from dataclasses import dataclass, replace

from search.analysis import fold, fold_same_length, lemma_forms, tokenize
from search.backends.base import BackendResult, total_for
from search.morphology import word_lemmas

MAX_CANDIDATES = 300
_QUOTED = re.compile(r'"([^"]+)"|„([^”"]+)[”"]')
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Phrase:
    text: str
    words: tuple[frozenset[str], ...]  # the folded forms each word may take, in order


def quoted_phrases(raw: str) -> list[Phrase]:
    """The phrases of two or more words written in quotes in RAW."""
    phrases = []
    for match in _QUOTED.finditer(raw or ""):
        text = (match.group(1) or match.group(2)).strip()
        words = [_forms(word) for word in _WORD.findall(text)]
        if len(words) > 1:
            phrases.append(Phrase(text, tuple(words)))
    return phrases


def _forms(word: str) -> frozenset[str]:
    forms = {fold(word)}
    if any(token.kind == "word" for token in tokenize(word)):
        for lemma in word_lemmas(word):
            forms |= lemma_forms(lemma)
    return frozenset(forms)


def occurs(phrase: Phrase, text: str) -> bool:
    """Whether PHRASE's words follow each other in TEXT (punctuation aside)."""
    words = _WORD.findall(fold_same_length(text))
    first, rest = phrase.words[0], phrase.words[1:]
    for index, word in enumerate(words):
        if word in first and all(
            index + n < len(words) and words[index + n] in forms for n, forms in enumerate(rest, 1)
        ):
            return True
    return False


def entry_has_phrases(entry, phrases: list[Phrase]) -> bool:
    text = "\n".join((entry.title, entry.identifiers, entry.summary, entry.body))
    return all(occurs(phrase, text) for phrase in phrases)


def search_phrases(query, phrases: list[Phrase], run_backend, entries_for):
    """QUERY's results that contain every phrase: (BackendResult, backend name).
    RUN_BACKEND(query) searches; ENTRIES_FOR(ids) gives {id: SearchEntry}."""

    wide = replace(query, kind=None, kinds=(), state=None, offset=0, limit=MAX_CANDIDATES)
    result, name = run_backend(wide)
    entries = entries_for([pk for pk, _score in result.hits])
    kept = [
        (pk, score)
        for pk, score in result.hits
        if pk in entries and entry_has_phrases(entries[pk], phrases)
    ]
    kinds: dict[str, int] = {}
    states: dict[tuple[str, str], int] = {}
    for pk, _score in kept:
        entry = entries[pk]
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
        if entry.state:
            states[(entry.kind, entry.state)] = states.get((entry.kind, entry.state), 0) + 1
    wanted = [
        hit
        for hit in kept
        if query.admits(entries[hit[0]].kind)
        and (not query.state or entries[hit[0]].state == query.state)
    ]
    page = wanted[query.offset : query.offset + query.limit]
    return BackendResult(page, total_for(query, kinds, states), kinds, states), name
