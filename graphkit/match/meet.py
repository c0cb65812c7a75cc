"""The whole picture: the best introductions across the graph, for an officer to act on.

Three kinds of introduction, each matcher's score on the common 0–1 scale
(:mod:`.scale`), then weighted (``meet_peers``, ``meet_experts``, ``meet_south``):
French peers; an authority that wants to work on a theme and an expert on it; two partners
abroad (South-South). Pairs already linked are never proposed; a pair found by several
matchers keeps its best score and all its reasons.

>>> import graphkit
>>> meet(graphkit.from_tables("data"), top=3)[["source_id", "target_id", "kind"]]
  source_id            target_id    kind
0   fr-aude  fr-nice-cote-d-azur   peers
1   fr-aude          fr-bordeaux  expert
2   fr-aude          fr-chartres   peers
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import say
from .experts import evidence_scores
from .scale import unit
from .scoring import best_per_row, pair_reasons, pair_score, projection
from .south_south import south_south
from .weights import Weights

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

MAX_REASONS = 6
COLUMNS = ["source_id", "source", "target_id", "target", "kind", "score", "reasons"]


def _peer_pairs(p, top: int, also: list[tuple[str, str]]):
    """The ``top`` best pairs of French peers, and the pairs of ``also`` that are peers too
    (so that a pair found by two matchers keeps both sets of reasons)."""
    french = p.of_kind("FrenchAuthority")
    pairs: dict[tuple[str, str], float] = {}
    for i, found in enumerate(best_per_row(p, french, french, top)):
        for j, score in found:
            pairs[tuple(sorted((french[i], french[j])))] = score
    best = sorted(pairs.items(), key=lambda x: (-x[1], x[0]))[:top]
    kept = {key for key, _ in best}
    for a, b in also:
        key = tuple(sorted((a, b)))
        if p.kind.get(b) == "FrenchAuthority" and key not in kept:
            score = pair_score(p, a, b)
            if score > 0 and not p.linked(a, b):
                best.append((key, score))
                kept.add(key)
    for (a, b), score in best:
        yield a, b, score, "peers", None


def _expert_pairs(p, lang):
    wanted = sorted({(a, t) for a, t, rel, _ in p.statement_actor_theme if rel == "interest"})
    ranked: dict[str, tuple[dict, list]] = {}  # theme -> (evidence scores, experts best first)
    for actor, theme in wanted:
        if p.kind.get(actor) != "FrenchAuthority":
            continue
        if theme not in ranked:
            found = evidence_scores(p, theme, lang)
            floor = p.weights.expert_partnership * 0.2
            ranked[theme] = (
                found,
                sorted(
                    ((s, e) for e, (s, _) in found.items() if s >= floor),
                    key=lambda x: (-x[0], x[1]),
                ),
            )
        found, experts = ranked[theme]
        if found.get(actor, (0, []))[0] >= p.weights.expert_expertise:
            continue  # it has the expertise itself
        best = next(((s, e) for s, e in experts if e != actor and not p.linked(actor, e)), None)
        if best:
            score, expert = best
            first = say("wants_theme", lang, who=p.label(actor, lang), theme=p.label(theme, lang))
            yield actor, expert, score, "expert", [first, *found[expert][1][:2]]


def meet(
    kg: KnowledgeGraph, top: int = 10, weights: Weights | None = None, lang: str = "fr"
) -> pd.DataFrame:
    """The ``top`` introductions to make across the whole graph, best first."""
    p = projection(kg, weights)
    w = p.weights
    found: dict[frozenset, dict] = {}

    def offer(a, b, score, kind, reasons):
        key = frozenset((a, b))
        row = found.get(key)
        if row is None:
            found[key] = {
                "source_id": a,
                "source": p.label(a, lang),
                "target_id": b,
                "target": p.label(b, lang),
                "kind": kind,
                "score": score,
                "reasons": list(reasons),
            }
            return
        fresh = [r for r in reasons if r not in row["reasons"]]
        if score > row["score"]:  # the stronger introduction leads, with its reasons first
            row.update(score=score, kind=kind, reasons=fresh + row["reasons"])
        else:
            row["reasons"] += fresh

    experts = list(_expert_pairs(p, lang))
    peers = list(_peer_pairs(p, top, [(a, b) for a, b, *_ in experts]))
    # Every matcher's score is on the common 0–1 scale (graphkit.match.scale), weighted.
    for pairs, weight, median in (
        (peers, w.meet_peers, w.scale_peers),
        (experts, w.meet_experts, w.scale_experts),
    ):
        for a, b, s, kind, reasons in pairs:
            offer(a, b, weight * unit(s, median), kind, reasons or pair_reasons(p, a, b, lang))
    south = south_south(kg, top=top, weights=weights, lang=lang)
    for r in south.itertuples():
        offer(r.source_id, r.target_id, w.meet_south * r.score, "south-south", r.reasons)
    rows = sorted(found.values(), key=lambda r: (-r["score"], r["source_id"], r["target_id"]))
    for row in rows:
        row["score"] = round(row["score"], 4)
        row["reasons"] = row["reasons"][:MAX_REASONS]
    frame = pd.DataFrame(rows[:top], columns=COLUMNS)
    if frame.empty:
        frame.attrs["empty"] = "the graph holds nothing to match on"
    return frame
