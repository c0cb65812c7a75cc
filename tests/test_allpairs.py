"""All pairs at scale: every top-k method gives the reference's answer, ties included; the
quicker experts and names answer as before."""

import numpy as np
import pytest
from scipy import sparse

import graphkit
from graphkit.graph.names import ACTOR, FRENCH_AUTHORITY, THEME, NameIndex, UnknownNameError
from graphkit.match.experts import evidence_scores, evidence_sentences, evidence_totals, experts
from graphkit.match.peers import peers, peers_all
from graphkit.match.scoring import best_per_row, projection
from graphkit.match.topk import exact_pair_scores, top_k

METHODS = ["blocked", "topn", "pruned"]


def _reference(left, right, left_out, k):
    """Every score, then each row sorted by (-score, column): the definition."""
    full = (left @ right).toarray()
    out = []
    for i, row in enumerate(full):
        row[left_out[i]] = 0.0
        order = sorted((j for j in range(len(row)) if row[j] > 0), key=lambda j: (-row[j], j))
        out.append([(j, float(row[j])) for j in order[:k]])
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("popular", [1, 3, 10, None])
def test_every_method_gives_the_reference_top_k_with_ties_and_exclusions(seed, popular):
    rng = np.random.default_rng(seed)
    n, f = 120, 15
    # Few distinct strengths and a few very popular features: many exact ties, as in the data.
    dense = rng.choice([0.0, 0.0, 0.0, 0.25, 0.5, 1.0], size=(n, f))
    dense[:, :3] = rng.choice([0.0, 1.0], size=(n, 3), p=[0.2, 0.8])
    dense[: n // 4] = dense[0]  # a quarter of the rows alike: a tie group larger than k
    m = sparse.csr_matrix(dense)
    weights = rng.choice([0.7, 1.3, 2.9], size=f)
    left = (m @ sparse.diags(weights)).tocsr()
    right = m.T.tocsr()
    left_out = [[i, (i * 7) % n] for i in range(n)]
    expected = _reference(left, right, left_out, 5)
    for method in METHODS:
        got = top_k(left, right, left_out, 5, method=method, popular=popular)
        assert got == expected, method


def test_exact_pair_scores_are_the_products_bits():
    rng = np.random.default_rng(3)
    m = sparse.random(60, 40, density=0.3, random_state=4, format="csr")
    left, right = (m @ sparse.diags(rng.random(40))).tocsr(), m.T.tocsr()
    full = (left @ right).toarray()
    rows = np.repeat(np.arange(60), 5)
    cols = rng.integers(0, 60, size=len(rows))
    assert (exact_pair_scores(left, right, rows, cols) == full[rows, cols]).all()


@pytest.mark.parametrize("source", ["data", "tests/fixtures/mini"])
def test_best_per_row_is_the_same_whatever_the_method_on_the_shipped_data(source):
    p = projection(graphkit.from_tables(source))
    found = []
    for kinds in (["FrenchAuthority"], ["FrenchAuthority", "ForeignAuthority"]):
        actors = p.of_kind(*kinds)
        answers = [best_per_row(p, actors, actors, 4, method=m) for m in METHODS]
        assert answers[0] == answers[1] == answers[2]
        found += answers[0]
    assert any(found) or source != "data"


def test_peers_all_gives_each_authority_its_peers(kg):
    frame = peers_all(kg, top=3)
    for source in ["fr-bordeaux", "fr-aude", "fr-nanterre"]:
        mine = frame[frame["source_id"] == source]
        alone = peers(kg, source, top=3)
        assert mine["target_id"].tolist() == alone["id"].tolist()
        assert mine["score"].tolist() == alone["score"].tolist()
        assert mine["reasons"].tolist() == alone["reasons"].tolist()


@pytest.mark.parametrize("theme", ["dechets", "eau", "climat", "biodiversite", "sante"])
@pytest.mark.parametrize("asker", [None, "bordeaux", "nice", "nanterre"])
def test_experts_top_k_is_the_head_of_the_whole_list(kg, theme, asker):
    whole = experts(kg, theme, for_=asker, top=1000)
    for top in (1, 2, 3):
        head = experts(kg, theme, for_=asker, top=top)
        assert head.to_dict(orient="records") == whole.head(top).to_dict(orient="records")


def test_evidence_totals_and_sentences_are_evidence_scores(kg):
    p = projection(kg)
    scores = evidence_scores(p, "eau", "en")
    assert scores
    assert {a: s for a, (s, _) in scores.items()} == evidence_totals(p, "eau")
    for actor, (_, said) in scores.items():
        assert said == evidence_sentences(p, "eau", actor, "en")


def _scan(index: NameIndex, key: str, expect) -> set[str]:
    """The fallback as it was: every name read, its words compared."""
    words = set(key.split())
    return {
        eid
        for k, eids in index._by_key.items()
        if words <= set(k.split()) or (len(key) >= 4 and k.startswith(key))
        for eid in eids.split("|")
        if index._fits(eid, expect)
    }


@pytest.mark.parametrize(
    "key", ["bord", "ville", "ville de", "de", "santa fe", "nanterre", "zzz", "reseau", "gp"]
)
def test_the_word_index_finds_what_reading_every_name_found(kg, key):
    index = kg.names
    words = index._words()
    for expect in (None, FRENCH_AUTHORITY, ACTOR, THEME):
        hits = words.with_all_words(key.split())
        if len(key) >= 4:
            hits |= words.starting_with(key)
        found = {e for i in hits for e in words.eids(i).split("|") if index._fits(e, expect)}
        assert found == _scan(index, key, expect)


def test_the_word_index_survives_the_cache_and_says_did_you_mean(kg):
    from graphkit.graph.names import WordIndex

    index = kg.names
    again = WordIndex.from_plain(*index.word_index().to_plain()).attach(index._by_key)
    assert again.keys_of(FRENCH_AUTHORITY) == index.word_index().keys_of(FRENCH_AUTHORITY)
    with pytest.raises(UnknownNameError, match="closest: Ville de Nanterre"):
        kg.resolve("nantere", FRENCH_AUTHORITY)
    with pytest.raises(ValueError):
        again.attach(NameIndex({"x": ["y"]})._by_key)
