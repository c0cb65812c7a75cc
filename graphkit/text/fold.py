"""Folding text for lookup: lower case, accents and punctuation away.

>>> normalise('Morón, Buenos Aires')
'moron buenos aires'
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower-case, accent-free, punctuation folded to single spaces."""
    if text.isascii():  # most labels: nothing to decompose
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NON_WORD.sub(" ", decomposed.translate(_NO_MARKS)).strip()


class _MarkStripper(dict):
    """A str.translate table deleting combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


# Letters that carry their "accent" in the letter itself, so that no decomposition strips it.
_NO_MARKS = _MarkStripper(
    {ord(k): v for k, v in zip("œæøłđðı", ["oe", "ae", "o", "l", "d", "d", "i"], strict=True)}
)


def slug(text: str) -> str:
    """A name as a part of an id: folded as :func:`normalise` does, words joined by hyphens.

    >>> slug("Ville de Saint-Étienne")
    'ville-de-saint-etienne'
    """
    return normalise(text).replace(" ", "-")
