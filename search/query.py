"""A query as typed → the groups of terms the backends look for (search.analysis's
tokens, so a query word and an indexed word become the same terms)."""

import re
from dataclasses import dataclass, field

from search.analysis import has_polish_letters, suffix_stem, to_term, tokenize

MAX_QUERY_GROUPS = 12
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class QueryGroup:
    """One word or identifier of a query: any of its terms may match."""

    text: str
    kind: str
    terms: set[str]
    lemmas: set[str] = field(default_factory=set)
    # Synonyms: other ways to match, each a conjunction of words (a set of terms each).
    alternatives: list[tuple[frozenset[str], ...]] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)  # folded words to highlight as well
    stems: set[str] = field(default_factory=set)  # suffix-rule stems (unknown words)

    def backend_terms(self) -> set:
        """What a backend looks for: terms, and conjunctions (tuples of term sets)."""
        terms: set = set(self.terms)
        for alternative in self.alternatives:
            if len(alternative) == 1:
                terms |= alternative[0]
            else:
                terms.add(alternative)
        return terms

    @property
    def restorable(self) -> bool:
        """Typed without Polish letters, so the vocabulary may know its real lemmas."""
        return self.kind == "word" and not has_polish_letters(self.text)


@dataclass
class ParsedQuery:
    text: str
    groups: list[QueryGroup]

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def all_terms(self) -> set[str]:
        return set().union(*(group.terms for group in self.groups)) if self.groups else set()


def normalise_query(raw: str, max_length: int = 200) -> str:
    """A query as typed, trimmed to MAX_LENGTH with whitespace collapsed."""
    # Control characters (a NUL breaks PostgreSQL text) are never part of a query.
    text = _CONTROL.sub(" ", raw or "")
    return " ".join(text.split())[:max_length].strip()


def parse_query(raw: str, keep: frozenset[str] = frozenset()) -> ParsedQuery:
    """The groups of a query (one per word or identifier, duplicates merged). Stop words
    in KEEP (folded: known abbreviations such as "bo") stay."""
    text = normalise_query(raw)
    groups: list[QueryGroup] = []
    seen: dict[frozenset[str], QueryGroup] = {}
    for token in tokenize(text, keep):
        # Two forms of one word ("konsultacje konsultacji") are one group.
        key = frozenset(to_term(lemma) for lemma in token.lemmas) or frozenset(token.terms)
        if key in seen:
            seen[key].terms.update(token.terms)
            continue
        if len(groups) >= MAX_QUERY_GROUPS:
            continue
        group = QueryGroup(token.text, token.kind, set(token.terms), set(token.lemmas))
        if token.kind == "word" and not token.lemmas:
            group.stems = {suffix_stem(to_term(token.text))} - {""}
        seen[key] = group
        groups.append(group)
    return ParsedQuery(text, groups)
