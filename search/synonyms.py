"""Synonyms and abbreviations, applied to queries (never to the index): editors keep them
as `SearchSynonym` rows; a query word or run of words that matches one expression of a
row (in any inflected form) also matches the row's other expressions.

"regulamin BO" → regulamin AND (bo OR (budżet AND obywatelski)); "organizacje
pozarządowe" → ((organizacja AND pozarządowy) OR ngo OR (organizacja AND społeczny)).
Every backend receives the same groups (see QueryGroup.backend_terms()).
"""

from dataclasses import dataclass
from functools import lru_cache

from search.analysis import STOPWORDS, fold, to_term, tokenize
from search.models import SearchSynonym
from search.query import ParsedQuery, QueryGroup

Words = tuple[frozenset[str], ...]  # one set of terms per word of an expression


@dataclass(frozen=True)
class Expression:
    text: str
    words: Words
    lemmas: frozenset[str]
    forms: frozenset[str]


@dataclass(frozen=True)
class Rule:
    expressions: tuple[Expression, ...]
    one_way: bool  # only the first expression expands to the others


@lru_cache(maxsize=2_000)
def expression(text: str) -> Expression:
    tokens = list(tokenize(text, keep=frozenset([to_term(text)])))
    return Expression(
        text,
        tuple(frozenset(token.terms) for token in tokens),
        frozenset(lemma for token in tokens for lemma in token.lemmas),
        frozenset(fold(token.text) for token in tokens),
    )


CACHE_KEY = "search-synonym-rules"


def load_rules() -> list[Rule]:
    """The editors' rules, from the shared cache (emptied whenever a rule is saved or
    deleted: search.signal_handlers), else from the table."""
    from django.core.cache import cache

    rules = cache.get(CACHE_KEY)
    if rules is None:
        rules = _read_rules()
        cache.set(CACHE_KEY, rules, 3600)
    return rules


def forget_rules(**kwargs) -> None:
    from django.core.cache import cache

    cache.delete(CACHE_KEY)


def _read_rules() -> list[Rule]:

    rules = []
    for terms, one_way in SearchSynonym.objects.values_list("terms", "one_way"):
        expressions = tuple(
            e for e in (expression(t.strip()) for t in terms.split(",") if t.strip()) if e.words
        )
        if len(expressions) > 1:
            rules.append(Rule(expressions, one_way))
    return rules


def kept_stopwords(rules: list[Rule]) -> frozenset[str]:
    """Stop words that are an expression of their own ("BO"): a query keeps them."""
    return frozenset(
        term
        for rule in rules
        for e in rule.expressions
        if len(e.words) == 1
        for term in e.words[0]
        if term in STOPWORDS
    )


def _matches(groups: list[QueryGroup], start: int, words: Words) -> bool:
    if start + len(words) > len(groups):
        return False
    return all(
        groups[start + n].kind == "word" and groups[start + n].terms & word
        for n, word in enumerate(words)
    )


def expand(parsed: ParsedQuery, rules: list[Rule]) -> None:
    """Give PARSED's groups the alternatives of every rule they match (longest runs
    first; a run of several words becomes one group)."""
    position = 0
    while position < len(parsed.groups):
        best = None
        for rule in rules:
            sources = rule.expressions[:1] if rule.one_way else rule.expressions
            for source in sources:
                if _matches(parsed.groups, position, source.words) and (
                    best is None or len(source.words) > len(best[1].words)
                ):
                    best = (rule, source)
        if best is None:
            position += 1
            continue
        rule, source = best
        run = parsed.groups[position : position + len(source.words)]
        group = run[0] if len(run) == 1 else _merged(run)
        for other in rule.expressions:
            if other is not source and other.words not in group.alternatives:
                group.alternatives.append(other.words)
                group.lemmas |= other.lemmas
                group.forms |= other.forms
        parsed.groups[position : position + len(run)] = [group]
        position += 1


def _merged(run: list[QueryGroup]) -> QueryGroup:
    """One group for a run of words: all of them, or an alternative."""
    group = QueryGroup(" ".join(g.text for g in run), "word", set())
    group.alternatives.append(tuple(frozenset(g.terms) for g in run))
    for member in run:
        group.lemmas |= member.lemmas
        group.forms |= member.forms | {fold(member.text)}
    return group
