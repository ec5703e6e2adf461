"""Polish text analysis shared by every backend: tokens, lemmas and folded terms.

Index and query go through the same tokeniser, so identifiers and words end up as the
same terms on both sides. A term is always `[a-z0-9]+`: lower-cased, diacritics folded
(ł → l too), separators dropped. Every backend (SQLite FTS5, PostgreSQL `simple`,
Elasticsearch `whitespace`) then splits the analysed text on spaces only, so they all
see exactly the same terms.

- Words get every lemma Morfeusz 2 gives them (all interpretations of an ambiguous
  form) plus their own folded form, so an exact form also ranks a little higher.
- Identifiers are kept whole: "XII/234/2026" → `xii2342026`, "BO27-047" → `bo27047`,
  phone numbers in any spacing "12 446 83 19" / "+48 12 446-83-19" → `124468319`,
  NIP "629-245-67-89" → `6292456789`, amounts "1 250 000" → `1250000`. At index time
  their parts are indexed too (so "BO27" or "234" still find them) and zero-padded
  numbers such as a KRS "0000743219" also without the zeros.

Morfeusz itself is behind `search.morphology`; a query's words become groups of terms
in `search.query`.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from search.morphology import morfeusz, word_lemmas

MAX_WORD_LENGTH = 40  # longer "words" are noise (hashes, base64 inside extracted text)

# Function words carry no meaning on their own; dropping them at both ends keeps
# "konsultacje w sprawie budżetu" from requiring "w" and shrinks the index by a third.
STOPWORDS = frozenset(
    [
        "a",
        "aby",
        "albo",
        "ale",
        "ani",
        "az",
        "b",
        "bo",
        "by",
        "byc",
        "byl",
        "byla",
        "byli",
        "bylo",
        "bedzie",
        "beda",
        "czy",
        "dla",
        "do",
        "gdy",
        "gdyz",
        "gdzie",
        "go",
        "i",
        "ich",
        "iz",
        "ja",
        "jak",
        "jaki",
        "jako",
        "je",
        "jego",
        "jej",
        "jest",
        "jesli",
        "jezeli",
        "juz",
        "ku",
        "lub",
        "ma",
        "mi",
        "mu",
        "na",
        "nad",
        "nam",
        "nas",
        "nie",
        "niz",
        "o",
        "od",
        "oraz",
        "po",
        "pod",
        "przed",
        "przez",
        "przy",
        "sa",
        "sie",
        "so",
        "sobie",
        "ta",
        "tak",
        "takze",
        "te",
        "tego",
        "tej",
        "ten",
        "to",
        "tu",
        "tym",
        "u",
        "w",
        "we",
        "wiec",
        "z",
        "za",
        "ze",
        "zas",
    ]
)

# Length-preserving folding for the highlighter (positions must map back to the text).
_FOLD_LETTERS = dict(zip("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ", strict=True))
_NON_TERM = re.compile(r"[^a-z0-9]+")
_SEPARATORS = re.compile(r"[/.\-–_]")
_DIGIT = re.compile(r"\d")
_POLISH_LETTERS = re.compile(r"[ąćęłńóśźż]", re.IGNORECASE)

_SP = r"[ \u00a0]"  # a space or a non-breaking space
# Phone, NIP, REGON and account digit groups are separated by spaces or hyphens, and a
# PDF's text may break the line between two groups.
_PSEP = r"(?:[ \u00a0\-]|\r?\n)"
TOKEN_RE = re.compile(
    rf"""
    (?P<email>[^\W_][\w.+\-]*@[^\W_][\w\-]*(?:\.[^\W_][\w\-]*)+)
    | (?P<account>(?<![\w+/.\-])(?:PL{_SP}?)?\d{{2}}(?:{_PSEP}?\d{{4}}){{6}}(?![\w/\-]))
    | (?P<phone>(?<![\w+/.\-])
        (?:\+?48{_PSEP}?)?
        (?:\(\d{{2}}\){_PSEP}?\d{{3}}{_PSEP}\d{{2}}{_PSEP}\d{{2}}
          | \d{{2}}{_PSEP}\d{{3}}{_PSEP}\d{{2}}{_PSEP}\d{{2}}
          | \d{{3}}{_PSEP}\d{{3}}{_PSEP}\d{{2}}{_PSEP}\d{{2}}
          | \d{{3}}{_PSEP}\d{{2}}{_PSEP}\d{{2}}{_PSEP}\d{{3}}
          | \d{{3}}{_PSEP}\d{{3}}{_PSEP}\d{{3}})
        (?![\w/\-]))
    | (?P<amount>(?<![\w/.\-])\d{{1,3}}(?:{_SP}\d{{3}})+(?![\w/\-]))
    | (?P<chunk>[^\W_]+(?:[/.\-–_][^\W_]+)*)
    """,
    re.VERBOSE,
)


def fold(text: str) -> str:
    """Lower-case ASCII transliteration: 'Łódź' → 'lodz'."""
    return anyascii(text).lower()


def to_term(text: str) -> str:
    """The index term for TEXT: folded, separators and punctuation dropped."""
    return _NON_TERM.sub("", fold(text))


def fold_same_length(text: str) -> str:
    """Fold Polish letters and lower-case without changing any position in TEXT."""
    lowered = text.lower()
    # lower() can lengthen a few non-Polish characters (e.g. 'İ'); keep offsets exact.
    if len(lowered) != len(text):
        lowered = text
    # A substitution of the few Polish letters is three times faster than str.translate,
    # which looks every character up.
    return _POLISH_LETTERS.sub(_fold_letter, lowered)


def _fold_letter(match: re.Match) -> str:
    return _FOLD_LETTERS[match.group()]


def has_polish_letters(word: str) -> bool:
    return bool(_POLISH_LETTERS.search(word))


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, ...]:
    """Terms of one word: its lemmas' terms, then its own folded form; deduplicated."""
    terms = []
    for lemma in word_lemmas(word):
        term = to_term(lemma)
        if term and term not in terms:
            terms.append(term)
    surface = to_term(word)
    if surface and surface not in terms:
        terms.append(surface)
    if not terms[:-1] and len(surface) > MIN_STEM:
        # Unknown to the dictionary: its stem by the suffix rules, so that other cases
        # of the same surname or place name meet it.
        stem = suffix_stem(surface)
        if stem and stem not in terms:
            terms.append(stem)
    return tuple(terms)


_ROMAN = re.compile(r"^[ivxlcdm]+$")
_YEAR = re.compile(r"^(19|20)\d\d$")


def _shortenings(parts: list[str]) -> list[str]:
    """How a resolution or order number is also cited: "XLII/567/2026" as "567/2026",
    "XLII/567/26" or "567/26" (their terms: `5672026`, `xlii56726`, `56726`)."""
    if len(parts) < 2 or not _YEAR.match(parts[-1]):
        return []
    years = [parts[-1], parts[-1][2:]]
    numbers = parts[:-1]
    prefixes = [numbers]
    if len(numbers) > 1 and _ROMAN.match(numbers[0]):
        prefixes.append(numbers[1:])  # without the session's roman number
    return ["".join(prefix) + year for prefix in prefixes for year in years if any(prefix)]


def _is_abbreviation(word: str) -> bool:
    """A stop word written in capitals is an abbreviation ("BO": budżet obywatelski)."""
    return len(word) >= 2 and word.isupper()


# Case endings tried on words the dictionary does not know (surnames, place names),
# longest first and folded: "Kowalczykiewicza", "-owi", "-em" → "kowalczykiewicz";
# "Ząbkowicach" → "zabkowic"; "-ska", "-skiej", "-ską" → "-sk".
_SUFFIXES = (
    "iego", "iemu", "owie", "ami", "ach", "owi", "iej", "iem",
    "om", "em", "ej", "im", "ym", "ie", "a", "e", "i", "y", "u", "o",
)  # fmt: skip
MIN_STEM = 4


def suffix_stem(term: str) -> str:
    """The stem of an unknown word by the suffix rules: the same for its cases."""
    if not term.isalpha():
        return ""
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= MIN_STEM:
            return term[: -len(suffix)]
    return term if len(term) >= MIN_STEM else ""


@lru_cache(maxsize=20_000)
def lemma_forms(lemma: str) -> frozenset[str]:
    """Every inflected form of LEMMA, folded: what the highlighter looks for in a text."""
    forms = {fold(entry[0]) for entry in morfeusz.generate(lemma)}
    forms.add(fold(lemma))
    return frozenset(forms)


@dataclass(frozen=True)
class Token:
    """One searchable unit of a text: a word, a number or an identifier."""

    text: str
    start: int
    end: int
    kind: str  # word | number | ident | phone | amount | email
    terms: tuple[str, ...]  # what a query for this token looks for
    extra_terms: tuple[str, ...] = ()  # indexed as well (parts, variants), never queried
    lemmas: tuple[str, ...] = ()  # Morfeusz lemmas with diacritics, words only


def tokenize(text: str, keep: frozenset[str] = frozenset()):
    """Yield the Tokens of TEXT in order; stopwords (but those in KEEP, folded) and noise
    are left out."""
    for match in TOKEN_RE.finditer(text or ""):
        yield from _match_tokens(match.lastgroup, match.group(), *match.span(), keep)


def _match_tokens(kind: str, value: str, start: int, end: int, keep=frozenset()):
    if kind == "chunk":
        yield from _chunk_tokens(value, start, keep)
    elif kind == "account":
        yield Token(value, start, end, "phone", (re.sub(r"\D", "", value),))
    elif kind == "phone":
        digits = re.sub(r"\D", "", value)
        if len(digits) == 11 and digits.startswith("48"):
            digits = digits[2:]
        yield Token(value, start, end, "phone", (digits,))
    elif kind == "amount":
        parts = tuple(dict.fromkeys(re.split(rf"{_SP}", value)))
        yield Token(value, start, end, "amount", (re.sub(r"\D", "", value),), parts)
    elif kind == "email":
        term = to_term(value)
        parts = tuple(
            dict.fromkeys(p for p in (to_term(x) for x in re.split(r"[@.\-+_]", value)) if p)
        )
        yield Token(value, start, end, "email", (term,), parts)


def _chunk_tokens(chunk: str, offset: int, keep: frozenset[str] = frozenset()):
    parts = _SEPARATORS.split(chunk)
    has_digit = bool(_DIGIT.search(chunk))
    if len(parts) > 1 and has_digit:
        term = to_term(chunk)[:64]
        folded = [p for p in (to_term(x) for x in parts) if p]
        extras = tuple(
            dict.fromkeys(p for p in [*folded, *_shortenings(folded)] if p and p != term)
        )
        yield Token(chunk, offset, offset + len(chunk), "ident", (term,), extras)
        return
    if len(parts) > 1:
        if "-" in chunk or "–" in chunk:
            yield from _compound_tokens(chunk, parts, offset)
            return
        position = offset
        for part in parts:
            yield from _chunk_tokens(part, position, keep)
            position += len(part) + 1
        return
    if has_digit:
        term = to_term(chunk)[:64]
        extras = ()
        stripped = term.lstrip("0")
        if term.isdigit() and len(term) >= 8 and len(term) - len(stripped) >= 2 and stripped:
            extras = (stripped,)  # a KRS is often quoted without its leading zeros
        if term:
            yield Token(chunk, offset, offset + len(chunk), "number", (term,), extras)
        return
    if len(chunk) > MAX_WORD_LENGTH:
        return
    if to_term(chunk) in STOPWORDS and not _is_abbreviation(chunk) and to_term(chunk) not in keep:
        return
    terms = _word_terms(chunk)
    if terms:
        yield Token(chunk, offset, offset + len(chunk), "word", terms, (), word_lemmas(chunk))


def _compound_tokens(chunk: str, parts: list[str], offset: int):
    """Words joined by hyphens: "e-mail" is one word, "społeczno-kulturalny" two.

    Morfeusz knows the first part of such a compound ("społeczno") only inside it, so
    the lemmas come from analysing the whole chunk, segment by segment.
    """
    whole = word_lemmas(chunk)
    segments: dict[tuple[int, int], list[str]] = {}
    for start, end, (_form, lemma, tag, *_rest) in morfeusz.analyse(chunk):
        if tag.split(":", 1)[0] in ("interp", "ign", "aglt"):
            continue
        segments.setdefault((start, end), [])
        base = lemma.split(":", 1)[0]
        if base not in segments[(start, end)]:
            segments[(start, end)].append(base)
    if whole and len(segments) == 1:
        terms = tuple(dict.fromkeys([*(to_term(lemma) for lemma in whole), to_term(chunk)]))
        yield Token(chunk, offset, offset + len(chunk), "word", terms, (), whole)
        return
    per_part = [segments[key] for key in sorted(segments)]
    if len(per_part) != len(parts):
        per_part = [None] * len(parts)
    position = offset
    for part, lemmas in zip(parts, per_part, strict=True):
        start = position
        position += len(part) + 1
        if not part or len(part) > MAX_WORD_LENGTH or to_term(part) in STOPWORDS:
            continue
        if lemmas is None or _DIGIT.search(part):
            yield from _chunk_tokens(part, start)
            continue
        lemmas = tuple(dict.fromkeys([*lemmas, *word_lemmas(part)]))
        terms = tuple(dict.fromkeys([*(to_term(lemma) for lemma in lemmas), to_term(part)]))
        yield Token(part, start, start + len(part), "word", terms, (), lemmas)


@lru_cache(maxsize=200_000)
def _chunk_analysis(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The index terms and the lemmas of one chunk of text.

    Texts repeat their words, so indexing looks each chunk up once (the tokens
    themselves, with their positions, are not needed there).
    """
    terms, lemmas = [], []
    for token in _chunk_tokens(chunk, 0):
        terms.extend(token.terms)
        terms.extend(token.extra_terms)
        lemmas.extend(token.lemmas)
    return tuple(terms), tuple(lemmas)


def analyse(text: str, lemmas: set[str] | None = None) -> str:
    """The analysed form of TEXT for an index: its terms joined by spaces, in order.

    When LEMMAS is given, the Morfeusz lemmas met on the way are added to it (the
    vocabulary behind diacritic restoration and "did you mean").
    """
    terms = []
    chunks = set()
    # findall gives (email, account, phone, amount, chunk) per match, cheaper than match objects.
    for email, account, phone, amount, chunk in TOKEN_RE.findall(text or ""):
        if chunk:
            terms.extend(_chunk_analysis(chunk)[0])
            chunks.add(chunk)
            continue
        kind, value = (
            next(
                (name, value)
                for name, value in (("email", email), ("account", account), ("phone", phone))
                if value
            )
            if email or account or phone
            else ("amount", amount)
        )
        for token in _match_tokens(kind, value, 0, len(value)):
            terms.extend(token.terms)
            terms.extend(token.extra_terms)
    if lemmas is not None:
        for chunk in chunks:
            lemmas.update(_chunk_analysis(chunk)[1])
    return " ".join(terms)


def identifiers_in(text: str) -> list[str]:
    """The identifiers written in TEXT (numbers of resolutions, KRS, phones...), as written."""
    return [
        token.text
        for token in tokenize(text)
        if token.kind in ("ident", "phone", "email")
        or (token.kind == "number" and len(token.text) >= 5)
    ]
