"""The word filter of citizens' comments: does a comment hold an insult, a slur or an obscenity
(domain/moderation_words.py), however it is dressed up? Pure; tested in tests/unit/domain/test_word_filter.py.

What it undoes before comparing whole words: compatibility forms (NFKC: full-width letters, 𝐦𝐚𝐭𝐡 letters,
ligatures), capitals, accents, invisible characters, Cyrillic and Greek letters that look Latin, digits and
signs for letters (``4nj1ng``, ``b@b!``), repeated letters (``anjiiiing``), letters spaced or dotted apart
(``a n j i n g``, ``b.a.n.g.s.a.t``) and a word cut by signs (``anj-ing``). It does not read meaning: a
comment that insults in polite words passes, which is why every comment waits for a person anyway.
"""

from __future__ import annotations

import re
import unicodedata

from domain.moderation_words import PHRASES, SUFFIXES, WORDS

PREFIXES = ("", "di", "ke", "ng", "nge", "se")
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t", "8": "b", "9": "g",
                      "@": "a", "$": "s", "!": "i", "|": "i", "€": "e"})  # fmt: skip
# Cyrillic and Greek letters drawn like Latin ones (after casefolding).
LOOKALIKES = str.maketrans({"а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
                            "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
                            "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
                            "τ": "t", "υ": "u", "χ": "x"})  # fmt: skip
REPEATS = re.compile(r"(.)\1+")
LETTERS = re.compile(r"[a-z]+")


def normalise(text: str) -> str:
    """Lower-case Latin letters as they would be read, repeats collapsed; everything else kept as a separator."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")  # zero-width and the like
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")  # accents
    text = text.translate(LOOKALIKES).translate(LEET)
    return REPEATS.sub(r"\1", text)


_WORDS = frozenset(normalise(word) for word in WORDS)
_PHRASES = frozenset(" ".join(LETTERS.findall(normalise(phrase))) for phrase in PHRASES)


def flagged_words(text: str) -> list[str]:
    """The listed words and phrases found in ``text``, as normalised; empty when none."""
    normal = normalise(text)
    found = [word for word in _candidates(normal) if _is_listed(word)]
    words = " ".join(LETTERS.findall(normal))
    found += [phrase for phrase in _PHRASES if f" {phrase} " in f" {words} "]
    return sorted(set(found))


def is_flagged(text: str) -> bool:
    return bool(text) and bool(flagged_words(text))


def _candidates(normal: str) -> list[str]:
    """Every word, every whitespace-separated chunk with its signs removed (``anj-ing``), and every run of
    single letters joined (``a n j i n g``)."""
    candidates: list[str] = []
    run: list[str] = []
    for chunk in normal.split():
        parts = LETTERS.findall(chunk)
        candidates += parts
        squashed = REPEATS.sub(r"\1", "".join(parts))
        candidates.append(squashed)
        if len(parts) > 1 and all(len(part) == 1 for part in parts):
            run += parts  # b.a.n.g.s.a.t
        elif len(squashed) == 1:
            run.append(squashed)
        else:
            candidates.append(REPEATS.sub(r"\1", "".join(run)))
            run = []
    candidates.append(REPEATS.sub(r"\1", "".join(run)))
    return [word for word in candidates if word]


def _is_listed(word: str) -> bool:
    for prefix in PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        for suffix in SUFFIXES:
            if rest.endswith(suffix) and rest[: len(rest) - len(suffix)] in _WORDS:
                return True
    return False
