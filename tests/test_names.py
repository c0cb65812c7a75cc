"""Names resolve by id or label, ignoring case and accents; unknown names list the closest."""

import pytest

from graphkit.graph.names import NameIndex, UnknownNameError
from graphkit.text.fold import normalise


@pytest.mark.parametrize(
    "typed", ["moron", "MORON", "Morón", "morón ", "ar-moron", "Municipio de Morón"]
)
def test_moron_is_found_however_it_is_typed(mini_kg, typed):
    assert mini_kg.resolve(typed) == "ar-moron"


def test_the_shipped_graph_finds_authorities_without_accents(kg):
    assert kg.resolve("moron") == "ar-moron"
    assert kg.resolve("fougeres") == "fr-fougeres"
    assert kg.resolve("el tuma la dalia") == "ni-el-tuma-la-dalia"
    assert kg.resolve("geroudet") == kg.resolve("Géroutet")


def test_unknown_name_lists_the_closest(mini_kg):
    with pytest.raises(UnknownNameError) as err:
        mini_kg.resolve("nantere")
    assert err.value.candidates[0][0] in {"fr-nanterre", "city-fr-nanterre"}
    assert "closest" in str(err.value)


def test_ambiguous_name_of_one_kind_is_an_error():
    index = NameIndex({"fr-a": ["Saint-Denis"], "fr-b": ["Saint Denis"]})
    with pytest.raises(UnknownNameError, match="ambiguous"):
        index.resolve("saint denis")


def test_normalise_folds_accents_case_and_punctuation():
    assert (
        normalise("Conseil départemental du Val-de-Marne")
        == "conseil departemental du val de marne"
    )
