"""The partner matcher and its model: each term decides when it should, the reasons add up
to the score, fitted weights round-trip, and the evaluation cannot see what it hides."""

import json
import math
import os

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import SHARED
from scipy import sparse

import graphkit
from graphkit.cli.core import main
from graphkit.match import protocols
from graphkit.match.partner_model import (
    FEATURES,
    PartnerModel,
    Towns,
    features,
    fit,
    read_weights,
    write_weights,
)
from graphkit.match.partners import partners

SHIPPED = read_weights()["partners"]


def towns(lat, lon, pop, links=(), country=None):
    n = len(lat)
    i = [a for a, b in links] + [b for a, b in links]
    j = [b for a, b in links] + [a for a, b in links]
    return Towns(
        ids=[f"t{k}" for k in range(n)],
        country=np.array(country or ["FR"] + ["XX"] * (n - 1), dtype=object),
        lat=np.array(lat, dtype=float),
        lon=np.array(lon, dtype=float),
        population=np.array(pop, dtype=float),
        links=sparse.csr_matrix((np.ones(len(i)), (i, j)), shape=(n, n)),
    )


def best(model, t, i, cand):
    z = model.logit(features(t, i, np.array(cand)))
    return cand[int(np.argmax(z))]


def test_geography_decides_with_the_shipped_weights():
    # Paris; two candidates alike in every way but distance (Brussels, Lima).
    t = towns([48.86, 50.85, -12.05], [2.35, 4.35, -77.04], [2e6, 1e6, 1e6])
    assert SHIPPED.uses("near")
    assert best(SHIPPED, t, 0, [1, 2]) == 1
    assert best(SHIPPED, t, 0, [2, 1]) == 1


def test_size_decides_when_its_term_weighs():
    # Two candidates at the same distance, one of Lyon's size, one a village.
    t = towns([45.76, 46.0, 46.0], [4.84, 9.0, 9.0], [5e5, 6e5, 800])
    x = features(t, 0, np.array([1, 2]))
    assert x[0, FEATURES.index("size")] > 0.8 > 0.0 == x[1, FEATURES.index("size")]
    sized = PartnerModel({f: 1.0 for f in FEATURES})
    assert best(sized, t, 0, [1, 2]) == 1 and best(sized, t, 0, [2, 1]) == 1


def test_sizes_are_alike_only_within_three_times():
    # 43,838 (Chartres) and 99,066 are alike; 43,838 and 391,000 (nine times) are not.
    t = towns([48.45, 40.0, 40.0, 40.0], [1.49, 3.0, 3.0, 3.0], [43_838, 99_066, 391_000, 140_000])
    size = features(t, 0, np.array([1, 2, 3]))[:, FEATURES.index("size")]
    assert size[0] > 0.2 and size[1] == 0.0 and size[2] == 0.0  # 140,000: 3.2×
    kg = graphkit.from_tables("data")
    for row in partners(kg, "chartres", top=50).itertuples():
        for text in row.reasons:
            if text.startswith("tailles proches"):
                a, b = (
                    float(n.replace(" ", "").replace("\u202f", ""))
                    for n in text.split("(")[1].split(" habitants")[0].split(" et ")
                )
                assert max(a, b) / min(a, b) < 3


def test_shared_themes_decide_with_the_shipped_weights():
    # Two candidates at one place, of one size; only the second shares the town's themes.
    t = towns([48.86, 41.9, 41.9], [2.35, 12.5, 12.5], [2e6, 2e6, 2e6])
    t.shared = lambda i, cand: np.array([0.8 if c == 2 else 0.0 for c in cand])
    assert SHIPPED.weights["shared"] > 0
    assert best(SHIPPED, t, 0, [1, 2]) == 2 and best(SHIPPED, t, 0, [2, 1]) == 2


def test_a_shared_theme_is_a_reason_on_the_shipped_data():
    # Bordeaux and Belém both work on the environment: one term, one sentence.
    kg = graphkit.from_tables("data")
    found = partners(kg, "bordeaux", country="BR").set_index("id")
    reasons = found.loc["br-belem", "reasons"]
    assert reasons.count("les deux travaillent sur l'écologie et l'environnement") == 1
    assert "br-belem" in found.index and "it-viterbo" not in found.index


def test_contributions_add_up_to_the_score():
    kg = graphkit.from_tables("data")
    for name in ("bordeaux", "chartres", "moron"):
        for r in partners(kg, name, top=20).to_dict("records"):
            assert len(r["reasons"]) == len(r["contributions"]) > 0
            assert math.isclose(sum(r["contributions"]), r["score"], abs_tol=1e-4)
            assert 0 < r["score"] < 1


def test_existing_partners_are_never_proposed():
    kg = graphkit.from_tables("data")
    found = set(partners(kg, "nanterre", top=50)["id"])
    assert "ar-moron" not in found  # Nanterre's partner


def test_a_country_is_not_an_authority(tmp_path):
    out = tmp_path / "g.ttl"
    assert CliRunner().invoke(main, ["build", "--out", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["partners", "Brésil", "--graph", str(out)])
    assert result.exit_code == 1 and "not a local authority" in result.stderr
    result = CliRunner().invoke(
        main, ["partners", "chartres", "--country", "AR", "--format", "json", "--graph", str(out)]
    )
    rows = json.loads(result.stdout)
    assert rows and {r["country"] for r in rows} == {"Argentine"}


def test_fitted_weights_round_trip(tmp_path):
    rng = np.random.default_rng(3)
    x = rng.random((300, len(FEATURES)))
    y = (rng.random(300) < -np.expm1(-1.5 * x[:, 1])).astype(float)
    model = fit(x, y, fixed={"shared": 0.25}, about={"links": 300, "list": "hand-made"})
    stepped = fit(x, y, fixed={"shared": 0.25}, steps=4)
    assert stepped.steps and "shared" not in stepped.steps
    path = tmp_path / "w.toml"
    write_weights(path, {"partners": model, "south_south": stepped})
    back = read_weights(path)
    assert back["partners"].weights == model.weights and back["partners"].about == model.about
    assert back["partners"].weights["shared"] == 0.25
    assert max(model.weights, key=model.weights.get) == "size"
    assert back["south_south"].steps == stepped.steps
    assert np.allclose(back["south_south"].logit(x), stepped.logit(x))
    # and a weights file is accepted by --weights
    from graphkit.match.partners import partner_model
    from graphkit.match.weights import load_weights

    assert partner_model(load_weights(path)).weights == model.weights


def test_bad_weights_file_is_refused(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text("[partners]\nnear = -1.0\n")
    with pytest.raises(ValueError, match="≥ 0"):
        read_weights(path)
    path.write_text("[partners.steps]\nnear = { above = [0.5, 0.1], rise = [1.0, 1.0] }\n")
    with pytest.raises(ValueError, match="near: 'above' must be increasing"):
        read_weights(path)
    path.write_text("[partners.steps]\nnearr = { above = [0.5], rise = [1.0] }\n")
    with pytest.raises(ValueError, match="unknown term"):
        read_weights(path)


def test_a_step_makes_the_part_of_a_term_rise_and_the_reasons_still_add_up():
    t = towns([45.76, 46.0, 46.0], [4.84, 9.0, 9.0], [5e5, 6e5, 800])
    x = features(t, 0, np.array([1, 2]))
    k = FEATURES.index("size")
    plain = PartnerModel({"size": 1.0, "near": 1.0})
    stepped = PartnerModel({"size": 1.0, "near": 1.0}, steps={"size": ((0.5,), (2.0,))})
    # Lyon-sized candidate is above the step, the village is not
    assert np.allclose(stepped.logit(x) - plain.logit(x), [2.0, 0.0])
    assert np.allclose(stepped.terms(x)[:, k], x[:, k] + [2.0, 0.0])
    assert np.allclose(stepped.contributions(x).sum(axis=1), stepped.score(x))


def test_the_evaluation_never_shows_a_hidden_link(monkeypatch):
    # A chain of towns in two countries, every one with several partners.
    rng = np.random.default_rng(0)
    n = 60
    links = {(a, b) for a in range(0, n, 2) for b in rng.choice(np.arange(1, n, 2), 3)}
    t = towns(
        rng.uniform(40, 50, n),
        rng.uniform(0, 10, n),
        rng.uniform(1e3, 1e5, n),
        sorted(links),
        country=["FR" if k % 2 == 0 else "DE" for k in range(n)],
    )
    proto = protocols.french(t, country="FR")
    hidden_all: list = []
    real_hide, real_features, real_baselines = (
        protocols._hide,
        protocols.features,
        protocols.baseline_scores,
    )

    def hide(p, rng):
        found = real_hide(p, rng)
        hidden_all[:] = found
        return found

    seen_checks = []

    def check(links):
        for i, j in hidden_all:
            assert links[i, j] == 0 and links[j, i] == 0, f"hidden link {i}-{j} visible"
        seen_checks.append(1)

    def spy_features(towns, i, cand):
        check(towns.links)
        return real_features(towns, i, cand)

    def spy_baselines(links, queries, cand):
        check(links)
        return real_baselines(links, queries, cand)

    real_node2vec = protocols.node2vec

    def spy_node2vec(links, seed):
        check(links)
        return real_node2vec(links, seed, walks=2, length=5)

    monkeypatch.setattr(protocols, "_hide", hide)
    monkeypatch.setattr(protocols, "node2vec", spy_node2vec)
    monkeypatch.setattr(protocols, "features", spy_features)
    monkeypatch.setattr(protocols, "baseline_scores", spy_baselines)
    monkeypatch.setattr("graphkit.match.partner_model.features", spy_features)
    frame, _ = protocols.run(proto, seeds=[0, 1])
    assert hidden_all and seen_checks and frame["n_queries"].iloc[0] > 0
    assert "node2vec" in set(frame["method"])  # the embedding baseline saw only the rest too
    # and the check can fail: the full graph does show them
    with pytest.raises(AssertionError, match="visible"):
        check(t.links)


TWINS = SHARED / "external"
needs_lists = pytest.mark.skipif(
    not (TWINS / "wikidata-twinnings-france.tsv").exists() and os.environ.get("CI") != "true",
    reason="the twin-town lists are not here",
)


@needs_lists
def test_fit_and_evaluate_on_slices_of_the_real_lists(tmp_path):
    import pandas as pd

    french = pd.read_csv(TWINS / "wikidata-twinnings-france.tsv", sep="\t", dtype=str)
    german = french[french.destination_countryLabel.isin(["Germany", "Italy"])]
    french_path = tmp_path / "fr.tsv"
    german.to_csv(french_path, sep="\t", index=False)
    world = pd.read_csv(TWINS / "wikipedia-twin-cities-world.csv", dtype=str)
    south = world[world.country1.isin(["Brazil", "Argentina", "Mexico", "Peru", "Chile"])]
    world_path = tmp_path / "world.csv"
    south.to_csv(world_path, index=False)
    out = tmp_path / "fitted.toml"
    done = CliRunner().invoke(
        main,
        [
            "fit",
            "--french-list",
            str(french_path),
            "--world-list",
            str(world_path),
            "--out",
            str(out),
        ],
    )
    assert done.exit_code == 0, done.output
    fitted = read_weights(out)
    assert set(fitted) == {"partners", "south_south"}
    assert fitted["partners"].about["list"] == "fr.tsv" and fitted["partners"].about["links"] > 0
    assert all(v >= 0 for v in fitted["partners"].weights.values())
    result = CliRunner().invoke(
        main,
        [
            "evaluate",
            "--french-list",
            str(french_path),
            "--world-list",
            str(world_path),
            "--seeds",
            "2",
            "--sample",
            "20",
            "--format",
            "json",
            "--graph",
            str(tmp_path / "none.ttl"),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["protocol"] for r in rows} == {"a-french", "b-world", "b-south-south"}
    assert len(rows) == 3 * 9  # graphkit, seven baselines, node2vec
    for r in rows:
        assert 0 <= r["MRR_low"] <= r["MRR"] <= r["MRR_high"] <= 1
        assert r["n_queries"] > 0 and r["hits@10"] >= r["hits@1"]


def test_filters_and_the_other_direction():
    kg = graphkit.from_tables("data")
    themed = partners(kg, "bordeaux", theme="environnement")
    assert themed["id"].tolist() == ["br-belem"]  # the only partner abroad on the theme
    assert partners(kg, "bordeaux", theme="eau").empty
    back = partners(kg, "moron", top=50)
    assert len(back) > 0 and all(i.startswith("fr-") for i in back["id"])
    assert "fr-nanterre" not in set(back["id"])  # Morón's partner


def test_one_scale_for_every_matcher():
    from graphkit.match import experts, meet, peers, peers_all, south_south
    from graphkit.match.scale import unit

    kg = graphkit.from_tables("data")
    frames = {
        "peers": peers(kg, "bordeaux"),
        "experts": experts(kg, "dechets"),
        "south-south": south_south(kg),
        "partners": partners(kg, "bordeaux"),
        "meet": meet(kg),
    }
    for name, frame in frames.items():
        assert len(frame) and frame["score"].between(0, 1).all(), name
    # The anchor: a typical good suggestion (the median of the ten best per authority on
    # the shipped data) scores one half, for peers as for partners.
    assert abs(float(np.median(peers_all(kg, top=10, reasons=False)["score"])) - 0.5) < 0.05
    best = [partners(kg, a, top=10)["score"] for a in ("bordeaux", "chartres", "nanterre")]
    assert 0.2 < float(np.median(np.concatenate(best))) < 0.8
    assert unit(2.0, 2.0) == 0.5 and unit(0.0, 1.0) == 0.0


def test_a_list_of_another_shape_is_one_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("town,partner\nLyon,Frankfurt\n")
    result = CliRunner().invoke(
        main,
        [
            "fit",
            "--french-list",
            str(bad),
            "--world-list",
            str(bad),
            "--out",
            str(tmp_path / "w.toml"),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {bad}:1: expected Wikidata's columns (origincityLabel, …) or city1, country1, "
        "lat1, lng1, city2, country2, lat2, lng2; missing city1, country1, lat1, lng1, city2, "
        "country2, lat2, lng2"
    )
    assert not (tmp_path / "w.toml").exists()


def test_a_new_process_reads_the_partner_towns_from_the_build(built, monkeypatch):
    from graphkit.match import partners as module

    first = partners(graphkit.load(built), "chartres", top=3)

    def recompute(kg):
        raise AssertionError("the partner towns were recomputed, not read from the build")

    monkeypatch.setattr(module, "_places", recompute)
    again = partners(graphkit.load(built), "chartres", top=3)
    assert again["id"].tolist() == first["id"].tolist()
    assert again["score"].tolist() == first["score"].tolist()


def test_the_bulk_pair_terms_are_the_terms_one_by_one():
    # South–South ranks every pair with pair_logits; it must give what features() gives.
    from graphkit.match.partner_model import SOUTH_TERMS, pair_logits
    from graphkit.match.partners import towns_of

    t = towns_of(graphkit.from_tables("data"))
    rows = np.arange(len(t.ids))
    rng = np.random.default_rng(3)
    for w in (read_weights()["south_south"].vector(), rng.random(len(FEATURES))):
        w = np.where([f in SOUTH_TERMS for f in FEATURES], w, 0.0)
        bulk = pair_logits(t, rows, rows, w)
        one = np.vstack([features(t, i, rows) @ w for i in rows])
        assert np.allclose(bulk, one) and one.max() > 0
    with pytest.raises(ValueError, match="network"):
        pair_logits(t, rows, rows, np.array([f == "network" for f in FEATURES], dtype=float))


def test_south_south_is_the_fitted_south_model_and_its_reasons_add_up():
    from graphkit.match.partners import towns_of
    from graphkit.match.south_south import south_south
    from graphkit.match.weights import Weights

    kg = graphkit.from_tables("data")
    model = read_weights()["south_south"]
    t = towns_of(kg)
    found = south_south(kg, top=5)
    assert len(found)
    for row in found.itertuples():
        z = model.logit(features(t, t.row[row.source_id], np.array([t.row[row.target_id]])))[0]
        assert row.score == round(1 - 2 ** (-z / Weights().scale_south), 4)
        assert abs(sum(row.contributions) - row.score) < 1e-3
        assert len(row.contributions) == len(row.reasons)
    # Europe and North America are not the South: Viterbo (Italy) is never paired.
    assert "it-viterbe" not in set(found.source_id) | set(found.target_id)


def test_peers_partners_decide_a_south_south_pair():
    # AR-x and PE-q share a French partner (FR-a): they are peers; PE-q is twinned with
    # BR-y. For AR-x, BR-y is a partner of its peers; BR-z, in the same country, is not.
    from graphkit.match.partner_model import SOUTH_TERMS, pair_logits

    #        0 FR-a   1 FR-b   2 AR-x   3 BR-y   4 BR-z   5 PE-q
    t = towns(
        [45.0, 45.1, -30.0, -20.0, -20.0, -10.0],
        [1.0, 1.1, -60.0, -45.0, -45.0, -75.0],
        [np.nan] * 6,
        links=[(0, 2), (0, 5), (5, 3), (1, 4)],
        country=["FR", "FR", "AR", "BR", "BR", "PE"],
    )
    w = np.array([1.0 if f == "peer_partners" else 0.0 for f in FEATURES])
    assert "peer_partners" in SOUTH_TERMS
    z = pair_logits(t, np.array([2]), np.array([3, 4]), w)[0]
    assert z[0] > 0 == z[1]


def test_the_shipped_data_terms_each_decide_their_case():
    # Actors 0–5, three networks. Actor 0's partners (1, 2) are members of network 0;
    # actors 3, 4, 5 of network 1; nobody holds network 2 but actor 5.
    holds = np.zeros((6, 3))
    holds[[1, 2], 0] = 1
    holds[[3, 4, 5], 1] = 1
    holds[5, 2] = 1
    binary = sparse.csr_matrix(holds)
    partners_0 = sparse.csr_matrix(np.array([[0, 1, 1, 0, 0, 0]], dtype=float))
    cand = np.array([0, 1, 2])
    degree = holds.sum(axis=0)
    x = protocols.shipped_terms(
        sparse.csr_matrix((1, 6)), np.zeros(6), partners_0, binary, binary, degree, cand, "network"
    )
    col = {t: k for k, t in enumerate(protocols.SHIPPED_TERMS)}
    assert x[:, col["partners"]].tolist() == [1.0, 0.0, 0.0]  # the partners' network
    assert int(np.argmax(x[:, col["holders_network"]])) == 1  # the most held one
    assert not x[:, col["holders_theme"]].any()  # a count of holders for its own kind only
    # Fitted on queries whose answer is the partners' network, the partners' term leads.
    queries = [(0, x, 0, {}, np.array([[0.1, 0.2, 0.3]]), True)] * 3
    w = protocols._fit_terms(queries)
    assert (x @ w).argmax() == 0 and w[col["partners"]] > 0
    # … and on queries whose answer is the most held network, its count of holders does.
    queries = [(0, x, 1, {}, np.array([[0.1, 0.2, 0.3]]), True)] * 3
    w = protocols._fit_terms(queries)
    assert (x @ w).argmax() == 1 and w[col["holders_network"]] > 0


def test_the_walk_through_neighbours_finds_the_partner_of_a_town_next_door():
    # t0 has no partner; t1, 50 km away, is twinned with t2; t3 is like t2 in every way
    # (same point, size, country) but its partner is in Spain, 900 km from t0.
    t = towns(
        [48.0, 48.4, 52.0, 52.0, 40.0],
        [1.0, 1.3, 10.0, 10.0, -3.0],
        [5e4, 5e4, 5e4, 5e4, 5e4],
        links=[(1, 2), (3, 4)],
        country=["FR", "FR", "DE", "DE", "ES"],
    )
    x = features(t, 0, np.array([2, 3]))
    k = FEATURES.index("network_area")
    # t3 is reached only through t2, its neighbour: less often
    assert x[0, k] > x[1, k] > 0
    walk = PartnerModel({"network_area": 1.0})
    assert best(walk, t, 0, [2, 3]) == 2 and best(walk, t, 0, [3, 2]) == 2


def test_a_chain_through_one_named_town_is_one_reason():
    # Chartres → Nanterre (its neighbour) → Morón: said once, as the neighbour's partner.
    kg = graphkit.from_tables("data")
    found = partners(kg, "chartres", country="AR").set_index("id")
    reasons = found.loc["ar-moron", "reasons"]
    assert sum("Ville de Nanterre" in r for r in reasons) == 1
    # the other way: Morón → Nanterre (its partner) → Chartres, 72 km from Nanterre
    back = partners(kg, "moron").set_index("id")
    reasons = back.loc["fr-chartres", "reasons"]
    assert reasons[0] == "à 72 km d'un partenaire actuel : Ville de Nanterre"
    assert sum("Ville de Nanterre" in r for r in reasons) == 1
    assert sum(back.loc["fr-chartres", "contributions"]) == pytest.approx(
        back.loc["fr-chartres", "score"], abs=1e-6
    )


def test_a_far_distance_is_said_as_the_weak_reason_it_is():
    # Closeness adds little beyond a few thousand km: the sentence says so, a near one not.
    found = partners(graphkit.from_tables("data"), "chartres", top=10)
    said = {}
    for reasons in found["reasons"]:
        for r in reasons:
            if "km l'une de l'autre" in r:
                km = int(r.split(" km")[0].removeprefix("à ").replace(" ", ""))
                said[km] = "une distance encore courante entre partenaires" in r
    assert any(km > 3000 for km in said) and any(km <= 3000 for km in said)
    assert all(weak == (km > 3000) for km, weak in said.items())


def test_a_far_partner_of_the_asker_is_said_as_a_common_distance_only():
    # Grand Poitiers's partner Santa Fe is 5,650 km from El Tuma: no "near" wording.
    found = partners(graphkit.from_tables("data"), "Grand Poitiers", top=10).set_index("id")
    reasons = found.loc["ni-el-tuma-la-dalia", "reasons"]
    far = [r for r in reasons if "d'un partenaire actuel" in r]
    assert far == [
        "à 5 650 km d'un partenaire actuel, Santa Fe (Argentine) : une distance encore "
        "courante entre les partenaires d'une même collectivité"
    ]
    near = found.loc["ar-moron", "reasons"]
    assert "à 386 km d'un partenaire actuel : Santa Fe (Argentine)" in near
