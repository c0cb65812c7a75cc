"""The evaluation's baselines give networkx's own figures."""

import networkx as nx
import numpy as np
import pytest
from scipy import sparse

from graphkit.match.linkpred import baseline_scores, personalised_pagerank

FUNCTIONS = {
    "jaccard": nx.jaccard_coefficient,
    "adamic_adar": nx.adamic_adar_index,
    "resource_allocation": nx.resource_allocation_index,
    "preferential_attachment": nx.preferential_attachment,
}


@pytest.fixture(scope="module")
def graph():
    g = nx.gnm_random_graph(40, 90, seed=7)
    return g, sparse.csr_matrix(nx.to_scipy_sparse_array(g, nodelist=range(40), dtype=float))


@pytest.mark.parametrize("method", sorted(FUNCTIONS))
def test_same_scores_as_networkx(graph, method):
    g, links = graph
    queries = [0, 5, 17]
    cand = np.array([c for c in range(40) if c not in queries])
    mine = baseline_scores(links, queries, cand)[method]
    for row, q in enumerate(queries):
        expected = {v: s for _, v, s in FUNCTIONS[method](g, [(q, int(c)) for c in cand])}
        assert np.allclose(mine[row], [expected[int(c)] for c in cand])


def test_personalised_pagerank_is_networkx_pagerank(graph):
    g, links = graph
    ours = personalised_pagerank(links, [3], steps=200)[0]
    theirs = nx.pagerank(g, alpha=0.85, personalization={3: 1.0}, tol=1e-12, max_iter=500)
    assert np.allclose(ours, [theirs[n] for n in range(40)], atol=1e-6)


def test_popularity_is_the_candidates_degree(graph):
    g, links = graph
    cand = np.arange(1, 40)
    assert baseline_scores(links, [0], cand)["popularity"][0].tolist() == [
        g.degree(int(c)) for c in cand
    ]
