"""Names in running text carry their article and preposition, in every language, for every
ISO country and every theme, region, event, group and network of the data."""

import csv
import re
import string

import pycountry
import pytest
from conftest import DATA

from graphkit.model.ontology_files import theme_ids
from graphkit.text import grammar
from graphkit.text.i18n import LANGS, say

ISO = sorted(c.alpha_2 for c in pycountry.countries)


def _rows(table):
    with open(DATA / f"{table}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _placeholders(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize(
    "iso, def_, loc",
    [
        ("BR", "le Brésil", "au Brésil"),
        ("PE", "le Pérou", "au Pérou"),
        ("AR", "l'Argentine", "en Argentine"),
        ("NL", "les Pays-Bas", "aux Pays-Bas"),
        ("EC", "l'Équateur", "en Équateur"),
        ("CU", "Cuba", "à Cuba"),
        ("HT", "Haïti", "en Haïti"),
        ("HN", "le Honduras", "au Honduras"),
        ("HU", "la Hongrie", "en Hongrie"),
        ("MX", "le Mexique", "au Mexique"),
        ("US", "les États-Unis", "aux États-Unis"),
        ("BB", "la Barbade", "à la Barbade"),
        ("IL", "Israël", "en Israël"),
        ("UY", "l'Uruguay", "en Uruguay"),
        ("SV", "le Salvador", "au Salvador"),
        ("YE", "le Yémen", "au Yémen"),
    ],
)
def test_french_country_names_take_their_article_and_preposition(iso, def_, loc):
    noun = grammar.country(iso, "fr")
    assert (noun.def_, noun.loc) == (def_, loc)


@pytest.mark.parametrize(
    "iso, lang, loc",
    [
        ("NL", "en", "in the Netherlands"),
        ("PE", "en", "in Peru"),
        ("NL", "es", "en los Países Bajos"),
        ("PE", "es", "en Perú"),
        ("BR", "pt", "no Brasil"),
        ("AR", "pt", "na Argentina"),
        ("CU", "pt", "em Cuba"),
        ("US", "pt", "nos Estados Unidos"),
    ],
)
def test_other_languages_too(iso, lang, loc):
    assert grammar.country(iso, lang).loc == loc


def test_the_lexicon_covers_every_iso_country_in_every_language():
    assert sorted(grammar.countries()) == ISO
    for iso in ISO:
        for lang in LANGS:
            assert grammar.country(iso, lang).def_.strip(), (iso, lang)


@pytest.mark.parametrize("iso", ISO)
def test_every_country_phrase_is_well_formed(iso):
    fr = grammar.country(iso, "fr")
    vowel = re.compile(r"^(le|la) [aeiouyàâéèêîïôûœAEIOUÉÈÊÎÔÛŒ]")
    assert not vowel.match(fr.def_), fr.def_
    assert re.match(r"^(au|aux|en|à) ", fr.loc), fr.loc
    for word in ("à", "de"):
        phrase = grammar.prep(word, fr.def_, "fr")
        assert not re.match(r"^(à|de) (le|les) ", phrase), phrase
    es = grammar.country(iso, "es")
    assert not re.match(r"^(a|de) el ", grammar.prep("de", es.def_, "es"))
    pt = grammar.country(iso, "pt")
    assert not re.match(r"^(em|de) (o|a|os|as) ", pt.loc), pt.loc
    en = grammar.country(iso, "en")
    assert en.loc.startswith("in "), en.loc


def test_the_data_names_countries_as_the_lexicon_does():
    for row in _rows("places"):
        if row["kind"] != "country":
            continue
        lexicon = grammar.countries()[row["iso_code"]]
        for lang in LANGS:
            if row[f"label_{lang}"]:
                assert row[f"label_{lang}"].lower() == lexicon[lang].lower(), (row["id"], lang)


@pytest.mark.parametrize("theme", sorted(theme_ids()))
def test_every_theme_has_its_article_in_every_language(theme):
    for lang in LANGS:
        noun = grammar.theme(theme, "?", lang)
        assert noun.def_ != "?" and noun.bare != "?", (theme, lang)
    fr = grammar.theme(theme, "?", "fr")
    assert re.match(r"^(le |la |les |l')", fr.def_), fr.def_
    assert not re.match(r"^(le |la |les |l')", fr.bare), fr.bare


def test_every_macro_region_of_the_data_has_its_phrases():
    regions = [r["id"] for r in _rows("places") if r["kind"] == "macro_region"]
    for region in regions:
        for lang in LANGS:
            noun = grammar.region(region, "?", lang)
            assert noun.def_ != "?" and noun.loc != "in ?", (region, lang)


def _render_all(template, lang, value):
    values = {name: value for name in _placeholders(template)}
    return template.format(**values)


# Every sentence family whose placeholder is a country, a theme or a named thing.
PLACE_SENTENCES = [
    ("shared_place", "place"),
    ("embassy.covers", "place"),
    ("embassy.none", "place"),
    ("embassy.represents", "place"),
    ("invite.works_in", "place"),
    ("invite.seated", "place"),
]
THEME_SENTENCES = [
    ("shared_theme", "theme"),
    ("expertise", "theme"),
    ("interest_in", "theme"),
    ("wants_theme", "theme"),
    ("group.theme", "theme"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key, slot", PLACE_SENTENCES)
def test_every_place_sentence_on_every_iso_country(key, slot, lang):
    for iso in ISO:
        noun = grammar.country(iso, lang)
        text = say(key, lang, who="X", **{slot: noun})
        assert noun.def_ in text or noun.loc in text or grammar.prep("a", noun.def_, lang) in text
        if lang == "fr":
            assert not re.search(r"\b(avec|à|de|dans) (Pérou|Brésil|Argentine)\b", text), text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key, slot", THEME_SENTENCES)
def test_every_theme_sentence_on_every_theme(key, slot, lang):
    for theme in sorted(theme_ids()):
        noun = grammar.theme(theme, "?", lang)
        text = say(key, lang, who="X", **{slot: noun})
        assert "?" not in text and (noun.bare in text or noun.def_ in text), text
        if lang == "fr":
            assert not re.search(r"\b(sur|pour) [A-ZÉ]", text), text  # "sur Eau"
            assert noun.def_ in text or f"en {noun.bare}" in text, text


@pytest.mark.parametrize("lang", LANGS)
def test_every_event_group_and_network_sentence_of_the_data(lang):
    events = [r[f"label_{lang}"] or r["label_fr"] for r in _rows("events")]
    groups = [r[f"label_{lang}"] or r["label_fr"] for r in _rows("groups")]
    for label in events:
        text = say("shared_event", lang, name=grammar.named(label, lang))
        if lang == "fr":
            # "à la réunion…", "aux rencontres…": never "à Réunion" nor "à Rencontres".
            assert re.search(r"pris part (à la|à l'|au|aux) ", text) or "SALC" in text, text
    for label in groups:
        text = say("shared_group", lang, name=grammar.named(label, lang))
        if lang == "fr":
            assert re.search(r"membres (du |de la |de l'|des )", text + " "), text
    water = grammar.theme("eau", "Eau", lang)
    for row in _rows("partnerships"):
        noun = grammar.named(row.get(f"label_{lang}") or row["label_fr"], lang)
        key = "partnership_on_pl" if noun.plural else "partnership_on"
        text = say(key, lang, partnership=noun, theme=water)
        if lang == "fr":
            assert re.match(r"^(la |le |les |l')", text), text
            assert (" portent " in text) == text.startswith("les "), text
    for row in _rows("actors"):
        if row["kind"] == "network":
            text = say("shared_network", lang, name=grammar.network(row["label_fr"], lang))
            assert row["label_fr"] in text


def test_french_sentences_on_the_issue_examples():
    pe = grammar.country("PE", "fr")
    it = grammar.country("IT", "fr")
    water = grammar.theme("eau", "Eau", "fr")
    assert say("shared_place", "fr", place=pe) == "les deux coopèrent au Pérou"
    assert say("embassy.none", "fr", place=it) == "aucune ambassade connue ne couvre l'Italie"
    meeting = grammar.named("Réunion Brainstorming Amérique latine", "fr")
    assert say("shared_event", "fr", name=meeting) == (
        "les deux ont pris part à la réunion Brainstorming Amérique latine"
    )
    coop = grammar.named("Coopération Nanterre – Morón", "fr")
    assert say("partnership_on", "fr", partnership=coop, theme=water) == (
        "la coopération Nanterre – Morón porte sur l'eau"
    )
    exchanges = grammar.named("Échanges culturels de Nice avec le Brésil", "fr")
    assert exchanges.plural and exchanges.def_.startswith("les échanges")


@pytest.mark.parametrize("lang", LANGS)
def test_two_place_sentences_on_every_country_and_region(lang):
    br = grammar.country("BR", lang)
    regions = [r["id"] for r in _rows("places") if r["kind"] == "macro_region"]
    for iso in ISO:
        noun = grammar.country(iso, lang)
        text = say("different_countries", lang, a="A", b="B", place_a=noun, place_b=br)
        assert noun.loc in text and br.loc in text, text
        for region in regions:
            area = grammar.region(region, "?", lang)
            text = say("embassy.covers_region", lang, region=area, place=noun)
            assert area.def_ in text and noun.def_ in text, text


@pytest.mark.parametrize("lang", LANGS)
def test_broader_theme_sentences_on_every_theme(lang):
    themes = sorted(theme_ids())
    for broad in themes:
        for narrow in themes:
            noun = grammar.theme(narrow, "?", lang)
            side = say(
                "side_theme", lang, who="A", themes=format(noun, "bare" if lang == "pt" else "")
            )
            text = say("broader_theme", lang, theme=grammar.theme(broad, "?", lang), sides=side)
            assert "?" not in text, text
            if lang == "fr":
                assert f"A sur {noun.def_}" in text, text
