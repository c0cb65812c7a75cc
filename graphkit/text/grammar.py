"""Names in running text with their article and preposition, in French, English, Spanish
and Portuguese: *le* Brésil, *au* Pérou, *en* Argentine, *aux* Pays-Bas, *l'*Équateur,
*à* Cuba, *en* Haïti; *la* gestion des risques, *l'*eau.

What each name takes is data, shipped in ``graphkit/text/lexicon/``: ``countries.csv`` (every
ISO 3166-1 country: its name in each language and a code for its article — French ``m``,
``f``, ``mp``, ``fp``, ``fa`` for *à la* islands, ``0`` for no article with *à*, ``0e`` for
no article with *en*; English ``the``; Spanish and Portuguese ``m``/``f``/``mp``/``fp`` or
none), ``regions.csv`` and ``themes.csv`` (each phrase written out), and ``heads.csv`` (the
gender of the first word of event, group and partnership names: *réunion* f, *rencontres*
fp). French elides before a vowel, never before *h* (all the country names in *h* are
aspirated: *le Honduras*, *la Hongrie*).

>>> country("PE", "fr").loc, country("AR", "fr").loc, country("NL", "fr").loc
('au Pérou', 'en Argentine', 'aux Pays-Bas')
>>> country("EC", "fr").def_, country("CU", "fr").loc, country("HT", "fr").loc
("l'Équateur", 'à Cuba', 'en Haïti')
>>> prep("de", country("BR", "fr").def_, "fr"), prep("em", country("BR", "pt").def_, "pt")
('du Brésil', 'no Brasil')
>>> theme("gestion-risques", "Gestion des risques", "fr").def_
'la gestion des risques'
>>> named("Rencontres de Santa Fe 2019", "fr").def_
'les rencontres de Santa Fe 2019'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphkit.text.i18n import LANGS, say

LEXICON = Path(__file__).resolve().parent / "lexicon"
_VOWEL = re.compile(r"^[aeiouàâäéèêëîïôöûüœæ]", re.IGNORECASE)


@dataclass(frozen=True)
class Noun:
    """A name as running text: with its article (``def_``), after *in* (``loc``), bare.

    In a sentence template, ``{x}`` is the name with its article, ``{x:loc}`` after *in*,
    ``{x:bare}`` without article, and ``{x:de}`` (any preposition) contracted with it.

    >>> "les deux ont pris part {e:à}".format(e=named("Rencontres de Santa Fe", "fr"))
    'les deux ont pris part aux rencontres de Santa Fe'
    """

    def_: str
    loc: str
    bare: str
    lang: str = "fr"
    plural: bool = False  # for the verb: "les échanges … portent sur"

    def __str__(self) -> str:
        return self.def_

    def __format__(self, spec: str) -> str:
        if not spec:
            return self.def_
        if spec in ("loc", "bare"):
            return getattr(self, spec)
        return prep(spec, self.def_, self.lang)


def counted(noun: str, n: int, lang: str = "fr") -> str:
    """``n`` of a countable noun of the catalogue (``count.NOUN.one`` / ``.many``), so that
    no sentence says "1 partenariat(s)".

    >>> counted("partnerships", 1), counted("partnerships", 3), counted("partnerships", 2, "es")
    ('un partenariat', '3 partenariats', '2 asociaciones')
    """
    return say(f"count.{noun}.{'one' if n == 1 else 'many'}", lang, n=n)


def _rows(name: str) -> list[dict[str, str]]:
    with open(LEXICON / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def countries() -> dict[str, dict[str, str]]:
    """ISO code -> the row of ``countries.csv`` (names and article codes per language)."""
    return {r["iso"]: r for r in _rows("countries.csv")}


@cache
def _by_name() -> dict[str, str]:
    from graphkit.text.fold import normalise

    return {normalise(r[lang]): iso for iso, r in countries().items() for lang in LANGS}


@cache
def _phrases(name: str, second: str) -> dict[tuple[str, str], tuple[str, str]]:
    return {(r["id"], r["lang"]): (r["def"], r[second]) for r in _rows(name)}


@cache
def _heads() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for r in _rows("heads.csv"):
        out.setdefault(r["lang"], []).append((r["head"], r["gender"]))
    for heads in out.values():
        heads.sort(key=lambda h: -len(h[0]))  # "prochaine réunion" before "réunion"
    return out


_ARTICLES = {
    "fr": {"m": "le ", "f": "la ", "mp": "les ", "fp": "les ", "fa": "la "},
    "es": {"m": "el ", "f": "la ", "mp": "los ", "fp": "las "},
    "pt": {"m": "o ", "f": "a ", "mp": "os ", "fp": "as "},
    "en": {"the": "the "},
}
# "in", as the contraction rules of :func:`prep` take it (French has its own rules below)
_IN = {"fr": "dans", "en": "in", "es": "en", "pt": "em"}


def _article(name: str, code: str, lang: str) -> str:
    article = _ARTICLES.get(lang, {}).get(code, "")
    if lang == "fr" and article in ("le ", "la ") and _VOWEL.match(name):
        return "l'" + name
    return article + name


def country(iso: str, lang: str = "fr") -> Noun:
    """A country by ISO code, with its article and its *in*.

    >>> [country(c, "fr").loc for c in ("MX", "GD", "IL", "US")]
    ['au Mexique', 'à la Grenade', 'en Israël', 'aux États-Unis']
    >>> country("NL", "en").loc, country("NL", "es").loc, country("PE", "pt").loc
    ('in the Netherlands', 'en los Países Bajos', 'no Peru')
    """
    row = countries()[iso.upper()]
    name, code = row[lang], row[f"{lang}_g"]
    def_ = _article(name, code, lang)
    if lang != "fr":
        return Noun(def_, prep(_IN[lang], def_, lang), name, lang)
    if code in ("mp", "fp"):
        loc = "aux " + name
    elif code == "m":
        loc = "en " + name if _VOWEL.match(name) else "au " + name
    elif code in ("f", "0e"):
        loc = "en " + name
    elif code == "fa":
        loc = "à " + def_
    else:
        loc = "à " + name
    return Noun(def_, loc, name, lang)


def iso_of(entity_id: str, label: str = "") -> str | None:
    """The ISO code of a country id (``country-br``) or name, if the lexicon knows it.

    >>> iso_of("country-br"), iso_of("x", "Pérou"), iso_of("city-fr-nice", "Nice")
    ('BR', 'PE', None)
    """
    from graphkit.text.fold import normalise

    if entity_id.startswith("country-") and entity_id[8:].upper() in countries():
        return entity_id[8:].upper()
    return _by_name().get(normalise(label)) if label else None


def region(region_id: str, label: str, lang: str = "fr") -> Noun:
    """A macro-region: its phrases from ``regions.csv``, else its label as it is."""
    found = _phrases("regions.csv", "in").get((region_id, lang))
    if found:
        return Noun(found[0], found[1], label, lang)
    return Noun(label, f"{_IN.get(lang, 'dans')} {label}", label, lang)


def network(label: str, lang: str = "fr") -> Noun:
    """A network of cities: *le réseau AL-LAs*, *the AL-LAs network*.

    >>> format(network("AL-LAs", "fr"), "de"), format(network("AL-LAs", "pt"), "de")
    ('du réseau AL-LAs', 'da rede AL-LAs')
    """
    text = say("noun.network", lang, label=label)
    return Noun(text, text, label, lang)


def person(label: str, lang: str = "fr") -> Noun:
    """An actor's own name: no article, contracted as a proper name (*d'Aude* never)."""
    return Noun(label, label, label, lang)


def place(place_id: str, label: str, lang: str = "fr") -> Noun:
    """A country or a macro-region, whichever ``place_id`` is."""
    iso = iso_of(place_id, label) if place_id.startswith("country-") else None
    return country(iso, lang) if iso else region(place_id, label, lang)


def theme(theme_id: str, label: str, lang: str = "fr") -> Noun:
    """A theme: *la gestion des risques* (``def_``), *gestion des risques* (``bare``)."""
    found = _phrases("themes.csv", "bare").get((theme_id, lang))
    if found:
        return Noun(found[0], found[0], found[1], lang)
    bare = label[:1].lower() + label[1:] if label[1:2].islower() else label
    return Noun(bare, bare, bare, lang)


def named(label: str, lang: str = "fr") -> Noun:
    """An event, a group or a partnership by its label, with the article of its first
    word (``heads.csv``); a label that starts with no known word keeps no article
    (a proper name) except in English, where such names take *the*.

    >>> named("GP Argentine", "fr").def_, named("Espace d'échanges Amérique latine", "fr").def_
    ('le GP Argentine', "l'espace d'échanges Amérique latine")
    >>> named("Argentina country group", "en").def_
    'the Argentina country group'
    """
    if lang == "en":
        return Noun("the " + label, "the " + label, label, lang)
    low = label.lower()
    for head, gender in _heads().get(lang, []):
        if low == head or low.startswith(head + " "):
            # A common noun in running text; an acronym (GP) keeps its capitals.
            word = label[: len(head)]
            word = word if word.isupper() else word[:1].lower() + word[1:]
            text = word + label[len(head) :]
            def_ = _article(text, gender, lang)
            return Noun(def_, def_, text, lang, gender.endswith("p"))
    return Noun(label, label, label, lang)


_CONTRACT = {
    "fr": {
        ("à", "le "): "au ",
        ("à", "les "): "aux ",
        ("de", "le "): "du ",
        ("de", "les "): "des ",
    },
    "es": {("a", "el "): "al ", ("de", "el "): "del "},
    "pt": {
        (p, a): c
        for p, forms in {
            "em": ("no ", "na ", "nos ", "nas "),
            "de": ("do ", "da ", "dos ", "das "),
            "a": ("ao ", "à ", "aos ", "às "),
            "por": ("pelo ", "pela ", "pelos ", "pelas "),
        }.items()
        for a, c in zip(("o ", "a ", "os ", "as "), forms, strict=True)
    },
}


def prep(word: str, phrase: str, lang: str = "fr") -> str:
    """``word`` before ``phrase``, contracted as the language wants.

    >>> prep("à", "les rencontres de Santa Fe", "fr"), prep("de", "Israël", "fr")
    ('aux rencontres de Santa Fe', "d'Israël")
    >>> prep("de", "el clima", "es"), prep("de", "El Salvador", "es"), prep("em", "a água", "pt")
    ('del clima', 'de El Salvador', 'na água')
    """
    for (p, article), joined in _CONTRACT.get(lang, {}).items():
        if p == word and phrase.startswith(article):
            return joined + phrase[len(article) :]
    if lang == "fr" and word == "de" and _VOWEL.match(phrase):
        return "d'" + phrase
    return f"{word} {phrase}"


def join(items: list[str], lang: str = "fr") -> str:
    """A list in words: *le climat et l'eau*.

    >>> join(["le climat", "l'eau", "la santé"], "fr"), join(["water"], "en")
    ("le climat, l'eau et la santé", 'water')
    """
    if len(items) < 2:
        return "".join(items)
    return say("noun.list", lang, most=", ".join(items[:-1]), last=items[-1])
