"""Theme clusters: cross-country working groups found by community detection.

Louvain communities (networkx) on the bipartite actor–theme graph: an authority or partner
is linked to each theme it holds directly (interest, expertise, partnership), the edge
weighted by how strongly it holds it times the theme's rarity. Each cluster is named by its
dominant themes and lists its members and the countries it spans. Deterministic for a seed.

>>> import graphkit
>>> clusters(graphkit.from_tables("data"), seed=1).iloc[0]["label"]
'Gestion des risques, Carnaval'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from graphkit.match.evidence import EvidenceTable
from graphkit.match.scoring import projection
from graphkit.match.weights import Weights
from graphkit.text.i18n import say

__all__ = ["clusters", "theme_graph"]

if TYPE_CHECKING:
    import networkx as nx

    from graphkit.graph.handle import Graph as Graph

COLUMNS = ["cluster", "label", "score", "themes", "members", "member_ids", "countries", "reasons"]
KINDS = ("FrenchAuthority", "ForeignAuthority", "Organisation", "Network")


def theme_graph(p) -> nx.Graph:
    """The weighted bipartite graph of actors and the themes they hold directly."""
    import networkx as nx  # here, not at the top: only this matcher needs it

    g = nx.Graph()
    for actor, feature, strength in _direct_themes(p):
        weight = strength * p.column_weight[p.col[feature]]
        g.add_node(actor, bipartite="actor")
        g.add_node(feature, bipartite="theme")
        g.add_edge(actor, feature, weight=float(weight))
    return g


def _direct_themes(p) -> list[tuple[str, str, float]]:
    """(actor, theme feature, strength of its strongest direct fact), in (actor, feature)
    order, for the actors of KINDS the sources name: from the evidence arrays when there
    are (a national graph's 90,000 cells took 3 s to read as objects)."""
    ev = p.evidence
    if not isinstance(ev, EvidenceTable):
        out = []
        for (actor, feature), evs in sorted(ev.items()):
            direct = [e.strength for e in evs if e.kind != "broader"]
            if feature.startswith("theme:") and direct and _gathered(p, actor):
                out.append((actor, feature, max(direct)))
        return out
    width = len(ev.features)
    themes = {j for j, f in enumerate(ev.features) if f.startswith("theme:")}
    broader = ev.words.index("broader") if "broader" in ev.words else -1
    offsets = ev.offsets.tolist()
    kinds, strengths = ev.columns["kind"].tolist(), ev.columns["strength"].tolist()
    out = []
    for at, key in enumerate(ev.keys.tolist()):
        if key % width not in themes:
            continue
        actor = ev.actors[key // width]
        direct = [strengths[n] for n in range(offsets[at], offsets[at + 1]) if kinds[n] != broader]
        if direct and _gathered(p, actor):
            out.append((actor, ev.features[key % width], max(direct)))
    out.sort(key=lambda x: (x[0], x[1]))
    return out


def _gathered(p, actor: str) -> bool:
    # An actor the sources do not name is no one to gather.
    return p.kind.get(actor) in KINDS and not p.is_placeholder(actor)


def clusters(
    kg: Graph,
    resolution: float = 1.0,
    seed: int = 0,
    weights: Weights | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """Cross-country working groups: Louvain communities of the actor–theme graph.

    Each actor is linked to each theme it holds directly, with weight
    ``s_x(t) · idf(t)`` (strength of the fact times the theme's rarity, as in
    :func:`~graphkit.match.peers.peers`); a cluster's ``score`` is the total weight of its
    members' edges to its themes, Σ_(x, t) s_x(t) · idf(t). It is not on the 0–1 scale of the
    other matchers: it ranks clusters against each other only.

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    resolution : float
        Louvain's resolution: above 1, more and smaller clusters.
    seed : int
        The random seed (the result is deterministic for a seed).
    weights : Weights, optional
        Scoring weights (:mod:`graphkit.match.weights`); the defaults if None.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).

    Returns
    -------
    pandas.DataFrame
        One row per cluster of at least two actors, strongest first: ``cluster``, ``label``
        (its dominant themes), ``score``, ``themes``, ``members``, ``member_ids``,
        ``countries``, ``reasons``.

    Examples
    --------
    >>> import graphkit
    >>> clusters(graphkit.from_tables("data"), seed=1).iloc[0]["label"]
    'Gestion des risques, Carnaval'
    """
    p = projection(kg, weights)
    g = theme_graph(p)
    if g.number_of_edges() == 0:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = say("empty.no_theme_held", lang)
        return frame
    import networkx as nx

    communities = nx.community.louvain_communities(
        g, weight="weight", resolution=resolution, seed=seed
    )
    countries_of: dict[str, set[str]] = {}
    for actor, feature in p.evidence:
        if feature.startswith("country:"):
            countries_of.setdefault(actor, set()).add(feature.split(":", 1)[1])
    rows = []
    for nodes in communities:
        actors = sorted(n for n in nodes if not n.startswith("theme:"))
        if len(actors) < 2:
            continue
        strength = {
            t: sum(g.edges[a, t]["weight"] for a in actors if g.has_edge(a, t))
            for t in nodes
            if t.startswith("theme:")
        }
        themes = sorted(strength, key=lambda t: (-strength[t], t))
        names = [p.label(t.split(":", 1)[1], lang) for t in themes]
        countries = sorted(
            set().union(*(countries_of.get(a, ()) for a in actors))
            | {
                p.seat_country[a]
                for a in actors
                if p.kind[a] == "ForeignAuthority" and a in p.seat_country
            }
        )
        reasons = [
            say(
                "cluster.theme",
                lang,
                theme=names[i],
                members=", ".join(p.label(a, lang) for a in actors if g.has_edge(a, t)),
            )
            for i, t in enumerate(themes[:3])
        ]
        if countries:
            reasons.append(say("cluster.countries", lang, n=len(countries)))
        rows.append(
            {
                "label": ", ".join(names[:2]),
                "score": round(sum(strength.values()), 4),
                "themes": names,
                "members": [p.label(a, lang) for a in actors],
                "member_ids": actors,
                "countries": [p.label(c, lang) for c in countries],
                "reasons": reasons,
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["member_ids"]))
    for i, row in enumerate(rows, start=1):
        row["cluster"] = i
    return pd.DataFrame(rows, columns=COLUMNS)
