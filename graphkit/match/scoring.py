"""Pair scores and the reasons behind them, shared by every matcher.

The score of a pair is the sum, over the features both hold, of
``kind weight × rarity × strength(a) × strength(b)`` — one sparse product for all pairs.

>>> import graphkit
>>> p = projection(graphkit.from_tables("data"))
>>> pair_reasons(p, "fr-bouguenais", "fr-fougeres")
['les deux coopèrent au Nicaragua']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from graphkit.match.features import Projection, project
from graphkit.match.weights import Weights
from graphkit.text import grammar
from graphkit.text.i18n import say

if TYPE_CHECKING:
    from graphkit.graph.cache_rows import RowSource
    from graphkit.graph.handle import Graph as Graph

REASON_KEY = {
    "theme": "shared_theme",
    "country": "shared_place",
    "region": "shared_place",
    "group": "shared_group",
    "network": "shared_network",
    "event": "shared_event",
}


def projection(
    kg: Graph, weights: Weights | None = None, rows: RowSource | None = None
) -> Projection:
    """The projection of ``kg`` for ``weights``, computed once per graph and weights (from
    ``rows`` if given, see :func:`~graphkit.match.features.project`)."""
    from graphkit.graph.cache import cached

    weights = weights or Weights()
    p = cached(
        kg,
        f"projection {weights!r}",
        lambda: project(kg, weights, rows),
        Projection,
        built=weights == Weights(),  # the build caches the default weights' projection
    )
    if not p.labels:  # read from disk: the labels are the name index's, kept there
        p.labels = kg.names.by_lang
    return p


def pair_score(p: Projection, a: str, b: str) -> float:
    """The score of one pair (0 if either holds nothing).

    >>> import graphkit
    >>> p = projection(graphkit.from_tables("data"))
    >>> pair_score(p, "fr-bouguenais", "fr-fougeres") == pair_score(p, "fr-fougeres", "fr-bouguenais") > 0
    True
    """
    return sum(v for _, v in _shared(p, a, b))


def linked_with(p: Projection) -> dict[str, set[str]]:
    """Actor -> the actors a partnership or an introduction already links it to."""
    found = p.__dict__.get("_linked_with")
    if found is None:
        found = {}
        for pair in p.links:
            a, b = tuple(pair)
            found.setdefault(a, set()).add(b)
            found.setdefault(b, set()).add(a)
        p.__dict__["_linked_with"] = found
    return found


def best_per_row(
    p: Projection, rows: list[str], cols: list[str], k: int, block: int | None = None
) -> list[list[tuple[int, float]]]:
    """For each actor of ``rows``, the ``k`` actors of ``cols`` with the best positive score,
    as (position in ``cols``, score), best first, ties by position; never itself nor an actor
    it is linked to. Scores are computed a block of rows at a time, so memory stays about
    ``block × len(cols)`` floats whatever the number of rows.

    >>> import graphkit
    >>> p = projection(graphkit.from_tables("data"))
    >>> french = p.of_kind("FrenchAuthority")
    >>> [french[j] for j, _ in best_per_row(p, ["fr-bouguenais"], french, 2)[0]]
    ['fr-fougeres', 'fr-val-de-marne']
    """
    left = (p.matrix[[p.row[a] for a in rows]] @ sparse.diags(p.column_weight)).tocsr()
    right = p.matrix[[p.row[b] for b in cols]].T.tocsc()
    where = {b: j for j, b in enumerate(cols)}
    near = linked_with(p)
    block = block or max(1, 4_000_000 // max(1, len(cols)))
    out = []
    for start in range(0, len(rows), block):
        scores = (left[start : start + block] @ right).toarray()
        for i, row in enumerate(scores):
            a = rows[start + i]
            for b in (a, *near.get(a, ())):
                if b in where:
                    row[where[b]] = 0.0
            out.append(top_positions(row, k))
    return out


def top_positions(row: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The ``k`` best positive (position, value) of ``row``, best first, ties by position.

    >>> top_positions(np.array([0.5, 0.0, 2.0, 0.5]), 2)
    [(2, 2.0), (0, 0.5)]
    """
    positive = np.flatnonzero(row > 0)
    if len(positive) > k:
        kth = np.partition(row[positive], -k)[-k]
        positive = positive[row[positive] >= kth]
    order = sorted(positive.tolist(), key=lambda j: (-row[j], j))[:k]
    return [(j, float(row[j])) for j in order]


def _shared(p: Projection, a: str, b: str) -> list[tuple[int, float]]:
    # Straight from the CSR arrays: a scipy row product costs more than the whole sentence.
    m, w = p.matrix, p.column_weight
    ia, ib = p.row[a], p.row[b]
    mine = dict(
        zip(
            m.indices[m.indptr[ia] : m.indptr[ia + 1]].tolist(),
            m.data[m.indptr[ia] : m.indptr[ia + 1]].tolist(),
            strict=True,
        )
    )
    return [
        (j, float(mine[j] * v * w[j]))
        for j, v in zip(
            m.indices[m.indptr[ib] : m.indptr[ib + 1]].tolist(),
            m.data[m.indptr[ib] : m.indptr[ib + 1]].tolist(),
            strict=True,
        )
        if j in mine
    ]


def contributions(p: Projection, a: str, b: str) -> list[tuple[str, float]]:
    """The features a and b share, with what each adds to their score, largest first."""
    out = [(p.features[j], v) for j, v in _shared(p, a, b)]
    return sorted(out, key=lambda x: (-x[1], x[0]))


def _best_status(p: Projection, actor: str, feature: str) -> str:
    evs = p.evidence.get((actor, feature), [])
    return evs[0].status if evs else "active"


def _via_narrower(p: Projection, actor: str, feature: str) -> list[str]:
    evs = p.evidence.get((actor, feature), [])
    if evs and all(e.kind == "broader" for e in evs):
        return sorted({e.via for e in evs})
    return []


def noun(p: Projection, feature: str, lang: str = "fr") -> grammar.Noun:
    """A feature's name as running text, with its article (``theme:eau`` -> *l'eau*)."""
    kind, name = feature.split(":", 1)
    label = p.label(name, lang)
    if kind == "theme":
        return grammar.theme(name, label, lang)
    if kind in ("country", "region"):
        return grammar.place(name, label, lang)
    if kind == "network":
        return grammar.network(label, lang)
    return named(p, name, lang)


def named(p: Projection, entity: str, lang: str = "fr") -> grammar.Noun:
    """An event, group or partnership with its article; a label only known in another
    language (a French partnership title in English) is quoted as it is."""
    label = p.label(entity, lang)
    if lang != "fr" and not p.labels.get(lang, {}).get(entity):
        return grammar.person(label, lang)
    return grammar.named(label, lang)


def common_features(p: Projection, share: float = 0.6) -> frozenset[str]:
    """Features held by at least ``share`` of the actors of some kind that hold anything
    (the meeting every French authority attended): true of nearly everyone, so no reason.

    >>> import graphkit
    >>> "event:evt-reunion-brainstorming-amerique-latine-2020-11-30" in common_features(
    ...     projection(graphkit.from_tables("data")))
    True
    """
    found = p.__dict__.get("_common")
    if found is None:
        held = (p.matrix > 0).tocsr()
        kinds = np.array([p.kind.get(a, "") for a in p.actors])
        active = np.asarray(held.sum(axis=1)).ravel() > 0
        common: set[str] = set()
        for kind in set(kinds.tolist()):
            rows = np.flatnonzero((kinds == kind) & active)
            if len(rows) < 5:  # too few to call anything common
                continue
            counts = np.asarray(held[rows].sum(axis=0)).ravel()
            common |= {p.features[j] for j in np.flatnonzero(counts >= share * len(rows))}
        # Themes are what a reason is about: a common theme still says what two share.
        found = frozenset(f for f in common if not f.startswith("theme:"))
        p.__dict__["_common"] = found
    return found


def feature_sentence(
    p: Projection, feature: str, a: str, b: str, lang: str = "fr", named: frozenset = frozenset()
) -> str:
    """The reason sentence for a feature shared by a and b; a broader theme says which
    theme each side has (leaving out the themes in ``named``, already said), a weaker
    status says whose it is.

    >>> import graphkit
    >>> p = projection(graphkit.from_tables("data"))
    >>> feature_sentence(p, "country:country-pe", "fr-aude", "fr-nice-cote-d-azur")
    'les deux coopèrent au Pérou'
    """
    kind = feature.split(":", 1)[0]
    name = noun(p, feature, lang)
    if kind == "theme" and (_via_narrower(p, a, feature) or _via_narrower(p, b, feature)):
        sides = _sides(p, feature, a, b, lang, named)
        text = say("broader_theme", lang, theme=name, sides=sides)
    elif kind == "theme":
        text = say("shared_theme", lang, theme=name)
    elif kind in ("country", "region"):
        text = say("shared_place", lang, place=name)
    else:
        text = say(REASON_KEY[kind], lang, name=name)
    weakest = min((a, b), key=lambda x: p.weights.status.get(_best_status(p, x, feature), 1.0))
    status = _best_status(p, weakest, feature)
    if status != "active":
        text = say(
            "status_note",
            lang,
            text=text,
            who=p.label(weakest, lang),
            status=say(f"status.{status}", lang, otherwise=status),
        )
    return text


def _sides(p: Projection, feature: str, a: str, b: str, lang: str, named=frozenset()) -> str:
    """Which theme under ``feature`` each side holds: "Aude sur le climat, Nice sur l'eau"."""
    parts = []
    for x in (a, b):
        via = [t for t in _via_narrower(p, x, feature) if t not in named]
        who = p.label(x, lang)
        if via:
            # Portuguese lists themes bare after "com" ("com clima e água").
            form = "bare" if lang == "pt" else ""
            names = [format(grammar.theme(t, p.label(t, lang), lang), form) for t in via]
            themes = grammar.join(names, lang)
            parts.append(say("side_theme", lang, who=who, themes=themes))
        else:
            parts.append(say("side_general", lang, who=who))
    return ", ".join(parts)


def pair_reasons(
    p: Projection,
    a: str,
    b: str,
    lang: str = "fr",
    limit: int | None = None,
    skip: frozenset = frozenset(),
) -> list[str]:
    """Sentences for what a and b share, largest contribution first, each naming whose
    fact it is. No sentence repeats another: a broader theme held only through themes
    already named is left out, and each side's list leaves out what is already named; a
    region is left out when a country inside it is named; a fact nearly every actor holds
    (:func:`common_features`) and the features in ``skip`` are not named.

    >>> import graphkit
    >>> p = projection(graphkit.from_tables("data"))
    >>> pair_reasons(p, "fr-aude", "fr-nice-cote-d-azur")[:2]
    ['les deux travaillent sur la gestion des risques', 'les deux coopèrent au Pérou']
    """
    return [text for text, _ in weighed_reasons(p, a, b, lang, limit, skip)]


def weighed_reasons(
    p: Projection,
    a: str,
    b: str,
    lang: str = "fr",
    limit: int | None = None,
    skip: frozenset = frozenset(),
) -> list[tuple[str, float]]:
    """:func:`pair_reasons` with what each sentence's features add to the score, so that a
    matcher adding reasons of its own can rank them all."""
    skip = skip | common_features(p)
    shared = [(f, c) for f, c in contributions(p, a, b) if f not in skip]
    direct = {
        f.split(":", 1)[1]
        for f, _ in shared
        if f.startswith("theme:") and _direct(p, a, f) and _direct(p, b, f)
    }
    places = {f.split(":", 1)[1] for f, _ in shared if f.startswith(("country:", "region:"))}
    # A shared region is not worth a sentence when a shared place inside it is named.
    covered = set().union(*(p.regions_of.get(x, set()) for x in places))
    reasons: dict[str, float] = {}
    for feature, c in shared:
        if feature.startswith("region:") and feature.split(":", 1)[1] in covered:
            continue
        if feature.startswith("theme:") and feature.split(":", 1)[1] not in direct:
            new = [
                set(_via_narrower(p, x, feature)) - direct
                for x in (a, b)
                if not _direct(p, x, feature)
            ]
            if any(not n for n in new):
                continue  # one side holds it only through a theme both are said to share
        sentence = feature_sentence(p, feature, a, b, lang, frozenset(direct))
        if sentence not in reasons and limit is not None and len(reasons) == limit:
            break
        reasons[sentence] = reasons.get(sentence, 0.0) + c
    return list(reasons.items())


def _direct(p: Projection, actor: str, feature: str) -> bool:
    return any(e.kind != "broader" for e in p.evidence.get((actor, feature), []))
