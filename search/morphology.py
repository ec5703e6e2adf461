"""Morfeusz 2, the Polish morphological dictionary: the lemmas of a word, the forms of a
lemma. One analyser and one generator per process, loaded on first use."""

import threading
from functools import lru_cache


class _Morfeusz:
    """One analyser per process (building it loads the dictionary); calls are serialised."""

    def __init__(self):
        self._lock = threading.Lock()
        self._analyser = None
        self._generator = None

    def analyse(self, word: str):
        with self._lock:
            if self._analyser is None:
                import morfeusz2

                self._analyser = morfeusz2.Morfeusz(generate=False)
            return self._analyser.analyse(word)

    def generate(self, lemma: str):
        with self._lock:
            if self._generator is None:
                import morfeusz2

                self._generator = morfeusz2.Morfeusz(analyse=False)
            try:
                return self._generator.generate(lemma)
            except RuntimeError:  # a lemma the generator does not know
                return []


morfeusz = _Morfeusz()


@lru_cache(maxsize=200_000)
def word_lemmas(word: str) -> tuple[str, ...]:
    """Every lemma Morfeusz gives WORD (diacritics kept, sense suffix dropped); () if unknown.

    Only interpretations of the word's first segment count: "napisałem" is napisać, not
    also the agglutinate "być".
    """
    lemmas = []
    for start, _end, (_form, lemma, tag, *_rest) in morfeusz.analyse(word):
        if start != 0:
            continue
        pos = tag.split(":", 1)[0]
        if pos in ("ign", "interp", "aglt"):
            continue
        base = lemma.split(":", 1)[0]
        if base and base not in lemmas:
            lemmas.append(base)
    return tuple(lemmas)
