"""The whole picture: the best introductions across the graph, for an officer to act on.

Three kinds of introduction, each matcher's score on the common 0–1 scale
(:mod:`.scale`), then weighted (``meet_peers``, ``meet_experts``, ``meet_south``):
French peers; an authority that wants to work on a theme and an expert on it; two partners
abroad (South-South). Each row says its ``kind`` and each side's role (``peer``;
``learner`` and ``expert``; ``partner``). Pairs already linked are never proposed; a pair
found by several matchers keeps its best score, the roles and reasons of the matcher that
gave it, and the other's reasons that say something new.

>>> import graphkit
>>> meet(graphkit.from_tables("data"), top=3)[["source_id", "source_role", "target_role"]]
     source_id source_role target_role
0      fr-aude        peer        peer
1  fr-bordeaux     learner      expert
2      fr-aude        peer        peer
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from graphkit.match.experts import attributed, evidence_sentences, evidence_totals
from graphkit.match.scale import unit
from graphkit.match.scoring import best_per_row, pair_reasons, pair_score, projection
from graphkit.match.south_south import south_south
from graphkit.match.weights import Weights
from graphkit.text import grammar
from graphkit.text.i18n import say

__all__ = ["meet"]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = [
    "source_id",
    "source",
    "source_role",
    "target_id",
    "target",
    "target_role",
    "kind",
    "score",
    "reasons",
]
# Each side's role in each kind of introduction (the expert pair is learner -> expert).
ROLES = {
    "peers": ("peer", "peer"),
    "expert": ("learner", "expert"),
    "south-south": ("partner", "partner"),
}


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
        if p.kind.get(actor) != "FrenchAuthority" or p.is_placeholder(actor):
            continue
        if theme not in ranked:  # numbers for all, sentences for the expert chosen
            found = evidence_totals(p, theme)
            floor = p.weights.expert_partnership * p.weights.expert_floor
            ranked[theme] = (
                found,
                sorted(
                    ((s, e) for e, s in found.items() if s >= floor),
                    key=lambda x: (-x[0], x[1]),
                ),
            )
        found, experts = ranked[theme]
        if found.get(actor, 0) >= p.weights.expert_expertise:
            continue  # it has the expertise itself
        best = next(
            (
                (s, e)
                for s, e in experts
                if e != actor and not p.linked(actor, e) and not p.is_placeholder(e)
            ),
            None,
        )
        if best:
            score, expert = best
            name = grammar.theme(theme, p.label(theme, lang), lang)
            first = say("wants_theme", lang, who=p.label(actor, lang), theme=name)
            shown = attributed(p, expert, evidence_sentences(p, theme, expert, lang)[:2], lang)
            yield actor, expert, score, "expert", [first, *shown]


def meet(
    kg: Graph, top: int = 10, weights: Weights | None = None, lang: str = "fr"
) -> pd.DataFrame:
    """The best introductions across the whole graph, for an officer to act on.

    Each candidate pair keeps the best of its weighted scores, each on the 0–1 scale::

        score = max( meet_peers   · score_peers(a, b),
                     meet_experts · score_experts(b | a wants the theme),
                     meet_south   · score_south(a, b) )

    Pairs already linked are never proposed.

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    top : int
        How many rows.
    weights : Weights, optional
        Scoring weights (:mod:`graphkit.match.weights`); the defaults if None.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).

    Returns
    -------
    pandas.DataFrame
        ``source_id``, ``source``, ``source_role``, ``target_id``, ``target``,
        ``target_role``, ``kind``, ``score``, ``reasons``, best first.

    Examples
    --------
    >>> import graphkit
    >>> meet(graphkit.from_tables("data"), top=1)[["source_id", "source_role"]].values.tolist()
    [['fr-aude', 'peer']]
    """
    p = projection(kg, weights)
    w = p.weights
    found: dict[frozenset, dict] = {}

    themes = {
        t: re.compile(r"\b" + re.escape(grammar.theme(t, p.label(t, lang), lang).bare) + r"\b")
        for t in {f.split(":", 1)[1] for f in p.features if f.startswith("theme:")}
    }
    seen: dict[str, frozenset[str]] = {}

    def mentioned(text: str) -> frozenset[str]:
        if text not in seen:
            seen[text] = frozenset(t for t, pattern in themes.items() if pattern.search(text))
        return seen[text]

    def sides(a, b, kind):
        first, second = ROLES[kind]
        return {
            "source_id": a,
            "source": p.label(a, lang),
            "source_role": first,
            "target_id": b,
            "target": p.label(b, lang),
            "target_role": second,
            "kind": kind,
        }

    def offer(a, b, score, kind, reasons):
        """Record an introduction; its reasons (None: the pair's shared features) are only
        worded for the pairs that can make the list."""
        found.setdefault(frozenset((a, b)), []).append((score, kind, a, b, reasons))

    def reasons_of(a, b, reasons):
        return list(reasons) if reasons is not None else pair_reasons(p, a, b, lang)

    experts = list(_expert_pairs(p, lang))
    peers = list(_peer_pairs(p, top, [(a, b) for a, b, *_ in experts]))
    # Every matcher's score is on the common 0–1 scale (graphkit.match.scale), weighted.
    for pairs, weight, median in (
        (peers, w.meet_peers, w.scale_peers),
        (experts, w.meet_experts, w.scale_experts),
    ):
        for a, b, s, kind, reasons in pairs:
            offer(a, b, weight * unit(s, median), kind, reasons)
    # South-South scores are on the common scale already.
    south = south_south(kg, top=top, weights=weights, lang=lang)
    for r in south.itertuples():
        offer(r.source_id, r.target_id, w.meet_south * r.score, "south-south", r.reasons)
    # The strongest introduction of a pair leads (the first offered, on a tie), with its
    # roles and reasons; the others add only what it did not say: nothing twice, no theme
    # named again. A pair with no reason at all (only what nearly everyone shares) is left out.
    offers = [sorted(o, key=lambda x: -x[0]) for o in found.values()]
    offers.sort(key=lambda o: (-o[0][0], o[0][2], o[0][3]))
    rows: list[dict] = []
    for pair in offers:
        # A row's score is at most its first offer's: past the top-th, nothing can enter.
        if len(rows) >= top and pair[0][0] < sorted(r["score"] for r in rows)[-top]:
            break
        lead, merged, said = None, [], set()
        for score, kind, x, y, reasons in pair:
            fresh = [r for r in reasons_of(x, y, reasons) if r not in merged]
            if lead is None:
                if not fresh:
                    continue  # an offer with nothing to say does not lead
                lead = sides(x, y, kind) | {"score": score}
            else:
                fresh = [r for r in fresh if not mentioned(r) & said]
            merged += fresh
            said |= set().union(*(mentioned(r) for r in fresh))
        if lead:
            rows.append(lead | {"reasons": merged})
    rows.sort(key=lambda r: (-r["score"], r["source_id"], r["target_id"]))
    for row in rows:
        row["score"] = round(row["score"], 4)
    frame = pd.DataFrame(rows[:top], columns=COLUMNS)
    if frame.empty:
        frame.attrs["empty"] = say("empty.graph_nothing", lang)
    return frame
