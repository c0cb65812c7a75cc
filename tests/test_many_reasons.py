"""Reasons for many pairs at once (graphkit.match.many_reasons) say what the one-pair path
says, word for word and in the same order: on a hand-made graph whose sentences are stated
here, on the shipped data and the mini fixture in every language, and where the quick path
cannot read the projection's arrays (it then explains one pair at a time)."""

import dataclasses
import importlib

import pytest
from handmade import actor, make_data, partnership, statement

import graphkit
from graphkit.match.many_reasons import many_reasons, read_cells
from graphkit.match.peers import peers, peers_all
from graphkit.match.scoring import pair_reasons, projection

peers_module = importlib.import_module("graphkit.match.peers")
EVERYONE = ["fr-a", "fr-b", "fr-c", "fr-d", "fr-e", "fr-f"]


@pytest.fixture(scope="module")
def handmade(tmp_path_factory):
    """Ville A and B share water directly, Argentina (B's partnership there is on stand-by:
    South America, around it, is not said again) and ecology through narrower themes;
    C shares water (as an expertise) and South America (in Brazil); D only the meeting
    everyone attended."""
    folder = tmp_path_factory.mktemp("many") / "data"
    make_data(
        folder,
        [
            actor("fr-a", label="Ville A"),
            actor("fr-b", label="Ville B"),
            actor("fr-c", label="Ville C"),
            *(actor(a) for a in EVERYONE[3:]),
            actor("ar-x", kind="foreign_authority", country="AR", label="Rosario"),
            actor("br-y", kind="foreign_authority", country="BR", label="Recife"),
        ],
        regions={"amerique-du-sud": ["AR", "BR", "CL"]},
        events=[{"id": "evt-all", "kind": "meeting", "label_fr": "Réunion plénière"}],
        participations=[
            {"event": "evt-all", "actor": a, "role": "participant", "status": "active"}
            for a in EVERYONE
        ],
        partnerships=[
            partnership("p-ax", "fr-a", "ar-x", countries="AR"),
            partnership("p-bx", "fr-b", "ar-x", status="stand-by", countries="AR"),
            partnership("p-cy", "fr-c", "br-y", countries="BR"),
        ],
        statements=[
            statement("fr-a", "foret"),
            statement("fr-b", "climat"),
            statement("fr-a", "eau"),
            statement("fr-b", "eau"),
            statement("fr-c", "eau", relation="expertise"),
        ],
    )
    return graphkit.from_tables(folder)


def test_the_sentences_of_a_hand_made_graph(handmade):
    p = projection(handmade)
    pairs = [
        ("fr-a", "fr-b"),
        ("fr-b", "fr-a"),
        ("fr-a", "fr-c"),
        ("fr-b", "fr-c"),
        ("fr-a", "fr-d"),
    ]
    assert many_reasons(p, pairs) == [
        [
            "les deux travaillent sur l'eau",
            "les deux coopèrent en Argentine (statut pour Ville B : en stand-by)",
            "les deux travaillent sur l'écologie et l'environnement : "
            "Ville A sur les forêts, Ville B sur le climat",
        ],
        [
            "les deux travaillent sur l'eau",
            "les deux coopèrent en Argentine (statut pour Ville B : en stand-by)",
            "les deux travaillent sur l'écologie et l'environnement : "
            "Ville B sur le climat, Ville A sur les forêts",
        ],
        ["les deux travaillent sur l'eau", "les deux coopèrent dans amerique-du-sud"],
        [
            "les deux travaillent sur l'eau",
            "les deux coopèrent dans amerique-du-sud (statut pour Ville B : en stand-by)",
        ],
        [],  # only the meeting everyone attended
    ]
    assert many_reasons(p, [("fr-b", "fr-c")], "en") == [
        [
            "both work on water",
            "both cooperate in amerique-du-sud (status for Ville B: on stand-by)",
        ]
    ]


def _pairs(p):
    """Every ordered pair of French authorities, and foreign actors with French ones."""
    french = p.of_kind("FrenchAuthority")
    others = [a for a in p.actors if a not in set(french)][:15]
    return [(a, b) for a in french for b in french if a != b] + [
        (x, b) for x in others for b in french[:10]
    ]


@pytest.mark.parametrize("source", ["data", "tests/fixtures/mini"])
@pytest.mark.parametrize("lang", ["fr", "en", "es", "pt"])
def test_many_pairs_say_what_each_pair_says_on_the_shipped_data(source, lang):
    p = projection(graphkit.from_tables(source))
    pairs = _pairs(p)
    got = many_reasons(p, pairs, lang)
    assert read_cells(p) is not None  # the quick path was taken
    assert got == [pair_reasons(p, a, b, lang) for a, b in pairs]
    assert sum(map(len, got)) > (100 if source == "data" else 0)


def test_skipped_features_are_left_out_as_one_pair_at_a_time(kg):
    p = projection(kg)
    pairs = _pairs(p)[:300]
    skip = frozenset(f for f in p.features if f.startswith("country:"))
    assert many_reasons(p, pairs, skip=skip) == [pair_reasons(p, a, b, skip=skip) for a, b in pairs]
    assert many_reasons(p, pairs, skip=skip) != many_reasons(p, pairs)


def test_a_projection_it_cannot_read_is_explained_one_pair_at_a_time(kg):
    p = projection(kg)
    # evidence as a plain dict (as an older cache held it): no arrays to read
    q = dataclasses.replace(p, evidence=dict(p.evidence.items()))
    q.labels = p.labels
    pairs = _pairs(p)[:200]
    assert read_cells(q) is None
    assert many_reasons(q, pairs) == many_reasons(p, pairs)


def test_peers_all_rows_are_those_peers_gives_each_authority(kg, monkeypatch):
    monkeypatch.setattr(peers_module, "spread", lambda job, items, **_: job(items))
    frame = peers_all(kg, top=5)
    assert list(frame.columns) == peers_module.ALL_COLUMNS
    assert frame["rank"].dtype.kind == "i" and frame["score"].dtype.kind == "f"
    for source, rows in frame.groupby("source_id", sort=False):
        alone = peers(kg, source, top=5)
        assert rows["target_id"].tolist() == alone["id"].tolist()[: len(rows)]
        assert rows["reasons"].tolist() == alone["reasons"].tolist()[: len(rows)]
    # each row its own list, as before (a caller may extend one)
    assert len({id(r) for r in frame["reasons"]}) == len(frame)
