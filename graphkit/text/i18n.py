"""Every sentence, word and label in French (default), English, Spanish and Portuguese,
looked up in one place: :func:`say` reads :data:`graphkit.text.catalogue.CATALOGUE`.

>>> from graphkit.text.grammar import place, theme
>>> say("shared_theme", "fr", theme=theme("biodiversite", "Biodiversité", "fr"))
'les deux travaillent sur la biodiversité'
>>> say("shared_place", "fr", place=place("country-pe", "Pérou", "fr"))
'les deux coopèrent au Pérou'
>>> say("shared_place", "pt", place=place("country-pe", "Peru", "pt"))
'ambos cooperam no Peru'
"""

from __future__ import annotations

from graphkit.text.catalogue import CATALOGUE

__all__ = ["CATALOGUE", "LANGS", "say"]

LANGS = ("fr", "en", "es", "pt")


def say(key: str, lang: str = "fr", /, *, otherwise: str | None = None, **values) -> str:
    """The text ``key`` in ``lang`` (French where that language has none), its
    placeholders filled with ``values``; a key the catalogue lacks gives ``otherwise``
    (a value shown as it is, such as a status no word is known for), else ``KeyError``.

    >>> say("group.do_fold", "en")
    'fold into the regional group'
    >>> say("viz.counts", "pt", nodes=3, edges=2)
    '3 nós, 2 vínculos'
    >>> say("status.stand-by", "en"), say("status.paused", "en", otherwise="paused")
    ('on stand-by', 'paused')
    >>> say("kind.Embassy", "xx")
    'Ambassade'
    """
    texts = CATALOGUE.get(key)
    if texts is None:
        if otherwise is None:
            raise KeyError(key)
        return otherwise
    return texts.get(lang, texts["fr"]).format(**values)
