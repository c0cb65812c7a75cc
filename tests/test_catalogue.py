"""One catalogue holds every sentence, word and label, in every language, and one function,
``say``, reads it."""

import re
import string
from pathlib import Path

import pytest

import graphkit
from graphkit.text.i18n import CATALOGUE, LANGS, say

PACKAGE = Path(graphkit.__file__).parent
# Entries that exist in fewer languages on purpose: the dataset's title is published in two.
PARTIAL = {"dataset.title": ("fr", "en")}
# Grammar, not text: the prepositions and articles that text.grammar's contraction rules take.
GRAMMAR = {"text/grammar.py": ("_IN = ",)}


def _placeholders(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_entry_is_in_every_language_with_the_same_placeholders():
    for key, texts in CATALOGUE.items():
        assert tuple(texts) == PARTIAL.get(key, LANGS), key
        assert all(text.strip() for text in texts.values()), key
        assert len({frozenset(_placeholders(t)) for t in texts.values()}) == 1, key


def test_say_falls_back_to_french_and_refuses_an_unknown_key():
    assert say("kind.Embassy", "es") == "Embajada"
    assert say("kind.Embassy", "de") == "Ambassade"
    assert say("dataset.title", "pt") == say("dataset.title", "fr")
    assert say("status.paused", "en", otherwise="paused") == "paused"
    with pytest.raises(KeyError):
        say("status.paused", "en")
    assert say("report.colon", "fr", head="Réseaux", tail="AL-LAs") == "Réseaux : AL-LAs"
    assert say("report.colon", "en", head="Networks", tail="AL-LAs") == "Networks: AL-LAs"


def test_no_module_outside_the_catalogue_holds_words_by_language():
    # a dict keyed by language code with text in it, or a tuple of the four languages
    by_language = re.compile(r"""["'](?:fr|en|es|pt)["']\s*:\s*[f]?["']""")
    languages = re.compile(
        r"""\(\s*["']fr["']\s*,\s*["']en["']\s*,\s*["']es["']\s*,\s*["']pt["']"""
    )
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "catalogue" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if line.startswith(GRAMMAR.get(path.relative_to(PACKAGE).as_posix(), ())):
                continue
            if by_language.search(line) and ">>>" not in line:
                found.append(f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}")
            if languages.search(line) and not path.name == "i18n.py":
                found.append(f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)
