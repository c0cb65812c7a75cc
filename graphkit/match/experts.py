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

from graphkit.graph.names import AUTHORITY
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
    "attributed",
]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = ["id", "label", "score", "reasons"]


class NotAThemeError(LookupError):
    """The name given as a theme resolves to something else."""


def resolve_theme(kg: Graph, name: str) -> str:
    """The thesaurus id of a theme given by id or label (any language, no accents needed).

    Raises :class:`NotAThemeError` if ``name`` names something that is not a theme.
    """
    from graphkit.graph.names import THEME, WrongKindError
    from graphkit.model.ontology_files import theme_ids

    try:
        found = kg.resolve(name, THEME)
    except WrongKindError as err:
        raise NotAThemeError(str(err)) from None
    if found not in theme_ids():
        raise NotAThemeError(f"'{name}' is {kg.label(found)} ({found}), not a theme")
    return found


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


def evidence_scores(
    p: Projection, theme: str, lang: str = "fr"
) -> dict[str, tuple[float, list[str]]]:
    """Actor -> (evidence score, reason sentences) for having done ``theme``."""
    w = p.weights
    themes = narrower_or_same(p, theme)
    found: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)
    labels = {t: grammar.theme(t, p.label(t, lang), lang) for t in themes}
    # One sentence per theme, shared by the thousands of statements that make it.
    stated = {
        (relation, t): say(key, lang, theme=labels[t])
        for t in themes
        for relation, key in (("expertise", "expertise"), ("interest", "interest_in"))
    }
    # One noun per partnership and language, not per statement nor per theme asked.
    partnerships: dict[str, grammar.Noun] = p.__dict__.setdefault(f"_partnership_nouns {lang}", {})
    for actor, t, relation, via in p.statement_actor_theme:
        if t not in themes:
            continue
        label = labels[t]
        if relation == "expertise":
            found[actor][via] = (w.expert_expertise, stated[relation, t])
        elif relation == "interest":
            found[actor][via] = (w.expert_interest, stated[relation, t])
        else:
            status = next(
                (e.status for e in p.evidence.get((actor, f"theme:{t}"), []) if e.via == via),
                "active",
            )
            if via not in partnerships:  # one noun per partnership, not per statement
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
            found[actor][via] = (w.expert_partnership * w.status.get(status, 1.0), text)
    out = {}
    for actor, items in found.items():
        ranked = sorted(items.values(), key=lambda x: (-x[0], x[1]))
        # A stated interest only speaks for an actor that has nothing stronger to show.
        shown = [t for s, t in ranked if s > w.expert_interest] or [t for _, t in ranked]
        out[actor] = (sum(s for s, _ in ranked), shown)
    return out


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
    rows = []
    for actor, (score, reasons) in evidence_scores(p, theme_id, lang).items():
        if (
            actor == me
            or (me and p.linked(me, actor))
            or score < w.expert_partnership * w.expert_floor
        ):
            continue  # itself, an existing partner, or only an interest: not an expert
        if p.is_placeholder(actor):
            continue  # an actor the sources do not name cannot be introduced
        reasons = attributed(p, actor, reasons, lang)
        if me and me in p.row:
            common = common_features(p)
            shared = [(f, c) for f, c in contributions(p, me, actor) if f not in common]
            near = [f for f, _ in shared if f.startswith(("country:", "region:"))]
            connected = [f for f, _ in shared if f.startswith(("network:", "group:"))]
            for found, boost in ((near, w.expert_near), (connected, w.expert_connected)):
                if found:
                    score *= 1 + boost
                    reasons.append(feature_sentence(p, found[0], me, actor, lang))
        rows.append(
            {
                "id": actor,
                "label": p.label(actor, lang),
                "score": round(unit(score, w.scale_experts), 4),
                "reasons": reasons,
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["id"]))
    return pd.DataFrame(rows[:top], columns=COLUMNS)
