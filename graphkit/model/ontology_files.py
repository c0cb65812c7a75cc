"""Where the shipped ontology, thesaurus and shapes are, and the thesaurus's theme ids.

>>> sorted(ONTOLOGY_FILES)
['coop', 'shapes', 'themes']
>>> "biodiversite" in theme_ids()
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from graphkit.model import vocab

ONTOLOGY_FILES = {"coop": "coop.ttl", "themes": "themes.ttl", "shapes": "shapes.ttl"}


def ontology_path(name: str) -> Path:
    """The path of a shipped Turtle file: ``coop``, ``themes`` or ``shapes``.

    >>> ontology_path("themes").name
    'themes.ttl'
    """
    return Path(str(resources.files("graphkit.ontology") / ONTOLOGY_FILES[name]))


@cache
def theme_triples() -> tuple:
    import pyoxigraph as ox

    with open(ontology_path("themes"), "rb") as f:
        return tuple(
            t
            for t in ox.parse(f, format=ox.RdfFormat.TURTLE)
            if t.subject.value.startswith(vocab.THEME)
        )


def theme_ids() -> frozenset[str]:
    """The ids of the concepts of the theme thesaurus (``ontology/themes.ttl``)."""
    concept = vocab.PREFIXES["skos"] + "Concept"
    return frozenset(
        t.subject.value[len(vocab.THEME) :]
        for t in theme_triples()
        if t.predicate.value == vocab.RDF_TYPE and t.object.value == concept
    )


def theme_labels(lang: str = "fr") -> dict[str, str]:
    """Theme id -> preferred label in ``lang``.

    >>> theme_labels()["eau-assainissement"]
    'Eau et assainissement'
    """
    return {
        t.subject.value[len(vocab.THEME) :]: t.object.value
        for t in theme_triples()
        if t.predicate.value == vocab.SKOS_PREF and getattr(t.object, "language", None) == lang
    }
