"""The packed map answers as the dict it was made from, before and after its cache round trip."""

import pytest

from graphkit.graph.packed import PackedMap

ITEMS = {"ar-moron": "Morón", "fr-nanterre": "Nanterre", "": "empty key", "z": "", "é": "accent"}


@pytest.fixture(params=["fresh", "read back"])
def packed(request):
    m = PackedMap(ITEMS.items())
    return m if request.param == "fresh" else PackedMap.from_arrays(m.to_arrays("m"), "m")


def test_same_answers_as_the_dict(packed):
    assert dict(packed.items()) == ITEMS
    assert list(packed) == sorted(ITEMS)
    assert len(packed) == len(ITEMS)
    for key, value in ITEMS.items():
        assert packed[key] == value and key in packed


def test_misses(packed):
    assert packed.get("fr-nanterr") is None
    assert packed.get("fr-nanterre-x", "default") == "default"
    assert "zz" not in packed and 3 not in packed
    with pytest.raises(KeyError):
        packed["a"]


def test_an_empty_value_is_a_value():
    # An empty label is a value, not a miss.
    m = PackedMap(ITEMS.items())
    assert "z" in m and m.get("z", "default") == ""


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError, match="duplicate key 'a'"):
        PackedMap([("a", "1"), ("b", "2"), ("a", "3")])


def test_an_empty_map():
    m = PackedMap([])
    assert len(m) == 0 and m.get("x") is None and list(m) == []


def test_many_lookups_unpack_the_map_and_still_answer_the_same(monkeypatch):
    import graphkit.graph.packed

    monkeypatch.setattr(graphkit.graph.packed, "UNPACK_AFTER", 2)
    m = PackedMap(ITEMS.items())
    answers = [m.get(k) for k in ["nope", *ITEMS, "still-nope"]]
    assert m._whole
    assert answers == [None, *ITEMS.values(), None]
