"""The projection's evidence table behaves as the dict of cells it packs, before and after its cache round trip."""

import pytest

from graphkit.match.evidence import Evidence, EvidenceTable

CELLS = {
    ("fr-b", "theme:eau"): [Evidence("partnership", "p-1", "stand-by", 0.5)],
    ("fr-a", "theme:eau"): [
        Evidence("expertise", "fr-a-eau", "active", 1.0),
        Evidence("interest", "fr-a-eau-2", "active", 0.6),
    ],
    ("fr-a", "country:country-ar"): [Evidence("partnership", "p-1", "active", 1.0)],
}
ACTORS = ["fr-a", "fr-b", "fr-c"]
FEATURES = ["country:country-ar", "theme:dechets", "theme:eau"]


@pytest.fixture(params=["packed", "read back"])
def table(request):
    packed = EvidenceTable.from_cells(CELLS, ACTORS, FEATURES)
    if request.param == "packed":
        return packed
    return EvidenceTable.from_plain(packed.to_plain(), ACTORS, FEATURES)


def test_it_holds_the_same_cells_as_the_dict(table):
    assert dict(table.items()) == CELLS
    assert len(table) == 3
    assert set(table) == set(CELLS)


def test_missing_cells_and_unknown_names(table):
    assert ("fr-c", "theme:eau") not in table
    assert ("nobody", "theme:eau") not in table
    assert table.get(("fr-a", "theme:dechets"), []) == []
    with pytest.raises(KeyError):
        table[("fr-b", "theme:nothing")]


def test_order_within_a_cell_is_kept(table):
    assert [e.via for e in table[("fr-a", "theme:eau")]] == ["fr-a-eau", "fr-a-eau-2"]
