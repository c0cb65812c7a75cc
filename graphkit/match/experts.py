"""Experts: who has done a theme and can teach it — the "resource centre" of the minutes.

Evidence, strongest first: a stated expertise, a partnership or project on the theme
(weighted by its status), a stated interest (little). A theme's narrower themes count for
it ("eau" includes "eau et assainissement"). With ``for_``, the asking authority itself and
those it already works with are left out, and experts near it (same countries or regions
of cooperation) or already connected to it (a shared network or group) come first.

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> experts(kg, "dechets").iloc[0]["id"]
'fr-val-de-marne'
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import pandas as pd

from graphkit.graph.names import AUTHORITY, NotAThemeError, resolve_theme
from graphkit.match.evidence import EvidenceTable
from graphkit.match.features import Projection
from graphkit.match.scale import unit
from graphkit.match.scoring import (
    common_features,
    contributions,
    feature_sentence,
    named,
    projection,
)
from graphkit.match.weights import Weights
from graphkit.text import grammar
from graphkit.text.i18n import say

__all__ = [
    "experts",
    "NotAThemeError",
    "resolve_theme",
    "narrower_or_same",
    "evidence_scores",
    "evidence_totals",
    "evidence_sentences",
    "attributed",
]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = ["id", "label", "score", "reasons"]


def narrower_or_same(p: Projection, theme: str) -> set[str]:
    """The theme and every theme under it in the thesaurus."""
    children = defaultdict(set)
    for child, parents in p.broader.items():
        for parent in parents:
            children[parent].add(child)
    out, todo = {theme}, [theme]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def _evidence(p: Projection, theme: str) -> dict[str, dict[str, tuple[float, str, str, str]]]:
    """Actor -> statement -> (weight, relation, theme, status): what counts for ``theme``
    (the last row of a statement wins, as its sentence did). Numbers only: the sentences
    are made for the few actors shown (:func:`evidence_sentences`). Kept per theme."""
    memo = p.__dict__.setdefault("_expert_evidence", {})
    if theme in memo:
        return memo[theme]
    w = p.weights
    themes = narrower_or_same(p, theme)
    by_theme, status_of = _statements_by_theme(p), _status_by_statement(p)
    found: dict[str, dict[str, tuple[float, str, str, str]]] = defaultdict(dict)
    # The rows of these themes, in the order of p.statement_actor_theme.
    for _, actor, t, relation, via in sorted(r for x in themes for r in by_theme.get(x, ())):
        if relation == "expertise":
            found[actor][via] = (w.expert_expertise, relation, t, "active")
        elif relation == "interest":
            found[actor][via] = (w.expert_interest, relation, t, "active")
        else:
            status = status_of.get((actor, t, via), "active")
            found[actor][via] = (
                w.expert_partnership * w.status.get(status, 1.0),
                relation,
                t,
                status,
            )
    memo[theme] = dict(found)
    return memo[theme]


def _statements_by_theme(p: Projection) -> dict[str, list[tuple[int, str, str, str, str]]]:
    """Theme -> its rows of ``p.statement_actor_theme``, each with its position first."""
    found = p.__dict__.get("_statements_by_theme")
    if found is None:
        found = defaultdict(list)
        for n, (actor, t, relation, via) in enumerate(p.statement_actor_theme):
            found[t].append((n, actor, t, relation, via))
        p.__dict__["_statements_by_theme"] = found = dict(found)
    return found


def _status_by_statement(p: Projection) -> dict[tuple[str, str, str], str]:
    """(actor, theme, statement) -> the status of the first evidence of the actor's theme
    cell that the statement gives: one pass over the evidence instead of a search per row."""
    found = p.__dict__.get("_status_by_statement")
    if found is None:
        found = {}
        ev = p.evidence
        if not isinstance(ev, EvidenceTable):  # a hand-made projection: a plain mapping
            for (actor, feature), evs in ev.items():
                if feature.startswith("theme:"):
                    for e in evs:
                        found.setdefault((actor, feature.split(":", 1)[1], e.via), e.status)
            p.__dict__["_status_by_statement"] = found
            return found
        width, words = len(ev.features), ev.words
        themes = {
            j: f.split(":", 1)[1] for j, f in enumerate(ev.features) if f.startswith("theme:")
        }
        offsets = ev.offsets.tolist()
        vias, statuses = ev.columns["via"].tolist(), ev.columns["status"].tolist()
        for at, key in enumerate(ev.keys.tolist()):
            t = themes.get(key % width)
            if t is None:
                continue
            actor = ev.actors[key // width]
            for n in range(offsets[at], offsets[at + 1]):
                found.setdefault((actor, t, words[vias[n]]), words[statuses[n]])
        p.__dict__["_status_by_statement"] = found
    return found


def evidence_totals(p: Projection, theme: str) -> dict[str, float]:
    """Actor -> its evidence score e(x) for having done ``theme`` (see :func:`experts`),
    without the sentences.

    >>> import graphkit
    >>> from graphkit.match.scoring import projection
    >>> totals = evidence_totals(projection(graphkit.from_tables("data")), "dechets")
    >>> max(totals, key=totals.get)
    'fr-val-de-marne'
    """
    # Summed strongest first, as the sentences are listed: the same float for every caller.
    return {
        actor: sum(sorted((x[0] for x in items.values()), reverse=True))
        for actor, items in _evidence(p, theme).items()
    }


def evidence_sentences(p: Projection, theme: str, actor: str, lang: str = "fr") -> list[str]:
    """The sentences that show ``actor`` has done ``theme``, strongest first; a stated
    interest only when it has nothing stronger to show.

    >>> import graphkit
    >>> from graphkit.match.scoring import projection
    >>> p = projection(graphkit.from_tables("data"))
    >>> evidence_sentences(p, "dechets", "fr-val-de-marne")[:1]
    ['expertise déclarée en déchets']
    """
    w = p.weights
    labels: dict[str, grammar.Noun] = {}
    # One noun per partnership and language, not per statement nor per theme asked.
    partnerships: dict[str, grammar.Noun] = p.__dict__.setdefault(f"_partnership_nouns {lang}", {})
    said = []
    for via, (weight, relation, t, status) in _evidence(p, theme).get(actor, {}).items():
        if t not in labels:
            labels[t] = grammar.theme(t, p.label(t, lang), lang)
        label = labels[t]
        if relation == "expertise":
            text = say("expertise", lang, theme=label)
        elif relation == "interest":
            text = say("interest_in", lang, theme=label)
        else:
            if via not in partnerships:
                partnerships[via] = named(p, via, lang)
            partnership = partnerships[via]
            key = "partnership_on_pl" if partnership.plural else "partnership_on"
            text = say(key, lang, partnership=partnership, theme=label)
            if status != "active":
                text = say(
                    "status_plain",
                    lang,
                    text=text,
                    status=say(f"status.{status}", lang, otherwise=status),
                )
        said.append((weight, text))
    ranked = sorted(said, key=lambda x: (-x[0], x[1]))
    return [t for s, t in ranked if s > w.expert_interest] or [t for _, t in ranked]


def evidence_scores(
    p: Projection, theme: str, lang: str = "fr"
) -> dict[str, tuple[float, list[str]]]:
    """Actor -> (evidence score, reason sentences) for having done ``theme``: every actor's
    sentences (:func:`evidence_totals` and :func:`evidence_sentences` for fewer)."""
    return {
        actor: (total, evidence_sentences(p, theme, actor, lang))
        for actor, total in evidence_totals(p, theme).items()
    }


def attributed(p: Projection, actor: str, sentences: list[str], lang: str = "fr") -> list[str]:
    """Each sentence preceded by whose fact it is: "Nice Côte d'Azur Métropole : …"."""
    who = p.label(actor, lang)
    return [say("whose", lang, who=who, text=s) for s in sentences]


def experts(
    kg: Graph,
    theme: str,
    for_: str | None = None,
    top: int = 10,
    weights: Weights | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """The actors who have done ``theme`` and can teach it, best first.

    For an actor x and the theme t with its narrower themes T::

        e(x) = Σ  expert_expertise              (each stated expertise on T)
             + Σ  expert_partnership · status    (each partnership or project on T)
             + Σ  expert_interest                (each stated interest in T)
        with ``for_`` = a:  e(x) · (1 + expert_near)       if x and a share a country or region
                                 · (1 + expert_connected)  if they share a network or group
        score = 1 − 2^(−e / scale_experts)                 (:mod:`.scale`)

    An actor whose evidence is below ``expert_partnership · expert_floor`` (an interest only)
    is not an expert; neither is ``for_`` itself nor those it already works with.

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    theme : str
        A theme of the thesaurus, by id or label in any language.
    for_ : str, optional
        The authority asking: left out with its partners, and experts near it come first.
    top : int
        How many rows.
    weights : Weights, optional
        Scoring weights (:mod:`graphkit.match.weights`); the defaults if None.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).

    Returns
    -------
    pandas.DataFrame
        ``id``, ``label``, ``score`` (0–1) and ``reasons`` (each saying whose fact it is).

    Examples
    --------
    >>> import graphkit
    >>> experts(graphkit.from_tables("data"), "dechets").iloc[0]["id"]
    'fr-val-de-marne'
    """
    p = projection(kg, weights)
    w = p.weights
    theme_id = resolve_theme(kg, theme)
    me = kg.resolve(for_, AUTHORITY) if for_ is not None else None
    floor = w.expert_partnership * w.expert_floor
    # Numbers first, sentences for the few shown: at world scale a common theme is held by
    # tens of thousands of actors. A boost can at most multiply a score by `most`, so past
    # the point where even that cannot reach the top-th score, nothing can enter.
    most = (1 + w.expert_near) * (1 + w.expert_connected) if me and me in p.row else 1.0
    ranked = sorted(
        ((total, actor) for actor, total in evidence_totals(p, theme_id).items()),
        key=lambda x: (-x[0], x[1]),
    )
    rows = []
    for score, actor in ranked:
        if len(rows) >= top:
            kth = sorted(r["score"] for r in rows)[-top]
            if round(unit(score * most, w.scale_experts), 4) < kth:
                break
        if actor == me or (me and p.linked(me, actor)) or score < floor:
            continue  # itself, an existing partner, or only an interest: not an expert
        if p.is_placeholder(actor):
            continue  # an actor the sources do not name cannot be introduced
        reasons = None
        if me and me in p.row:
            common = common_features(p)
            shared = [(f, c) for f, c in contributions(p, me, actor) if f not in common]
            near = [f for f, _ in shared if f.startswith(("country:", "region:"))]
            connected = [f for f, _ in shared if f.startswith(("network:", "group:"))]
            extra = []
            for found, boost in ((near, w.expert_near), (connected, w.expert_connected)):
                if found:
                    score *= 1 + boost
                    extra.append(found[0])
            reasons = extra
        rows.append(
            {
                "id": actor,
                "label": p.label(actor, lang),
                "score": round(unit(score, w.scale_experts), 4),
                "reasons": reasons,
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["id"]))
    rows = rows[:top]
    for row in rows:  # the sentences, for the rows shown only
        extra = row["reasons"] or []
        said = attributed(p, row["id"], evidence_sentences(p, theme_id, row["id"], lang), lang)
        row["reasons"] = said + [feature_sentence(p, f, me, row["id"], lang) for f in extra]
    return pd.DataFrame(rows, columns=COLUMNS)
