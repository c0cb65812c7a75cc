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
from graphkit.match.topk import top_k, top_positions  # noqa: F401  (south_south uses it from here)
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
    p: Projection,
    rows: list[str],
    cols: list[str],
    k: int,
    block: int | None = None,
    method: str = "auto",
) -> list[list[tuple[int, float]]]:
    """For each actor of ``rows``, the ``k`` actors of ``cols`` with the best positive score,
    as (position in ``cols``, score), best first, ties by position; never itself nor an actor
    it is linked to.

    Exact, without every score in memory: see :func:`graphkit.match.topk.top_k` (each row's
    best few kept as the product goes, on every core; at world scale, the rarer features
    first).

    >>> import graphkit
    >>> p = projection(graphkit.from_tables("data"))
    >>> french = p.of_kind("FrenchAuthority")
    >>> [french[j] for j, _ in best_per_row(p, ["fr-bouguenais"], french, 2)[0]]
    ['fr-fougeres', 'fr-val-de-marne']
    """
    if not rows:
        return []
    left = (p.matrix[[p.row[a] for a in rows]] @ sparse.diags(p.column_weight)).tocsr()
    right = p.matrix[[p.row[b] for b in cols]].T.tocsr()
    where = {b: j for j, b in enumerate(cols)}
    # Each row's own excluded columns: itself and those it is linked to (for a few rows,
    # found by one pass over the links rather than an index of them all: 0.5 s at S2).
    if len(rows) <= 50 and "_linked_with" not in p.__dict__:
        near = {a: {x for pair in p.links if a in pair for x in pair if x != a} for a in rows}
    else:
        near = linked_with(p)
    left_out = [[where[b] for b in (a, *sorted(near.get(a, ()))) if b in where] for a in rows]
    return top_k(left, right, left_out, k, method=method, block=block)


def _shared(p: Projection, a: str, b: str) -> list[tuple[int, float]]:
    # Straight from the CSR arrays: a scipy row product costs more than the whole sentence.
    m, w = p.matrix, p.column_weight
    ia, ib = p.row[a], p.row[b]
    rows = p.__dict__.setdefault("_row_dicts", {})  # an actor is explained with ten others
    mine = rows.get(ia)
    if mine is None:
        mine = rows[ia] = dict(
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


def _cell(p: Projection, actor: str, feature: str) -> tuple[bool, str, tuple[str, ...]]:
    """What the sentences ask of a cell, read once: whether the actor holds the feature
    directly (not only through a narrower theme), its best status, and the narrower themes
    it holds it through when only those."""
    cells = p.__dict__.setdefault("_cells", {})
    found = cells.get((actor, feature))
    if found is None:
        evs = p.evidence.get((actor, feature), [])
        direct = any(e.kind != "broader" for e in evs)
        via = tuple(sorted({e.via for e in evs})) if evs and not direct else ()
        found = cells[(actor, feature)] = (direct, evs[0].status if evs else "active", via)
    return found


def _best_status(p: Projection, actor: str, feature: str) -> str:
    return _cell(p, actor, feature)[1]


def _via_narrower(p: Projection, actor: str, feature: str) -> list[str]:
    return list(_cell(p, actor, feature)[2])


def noun(p: Projection, feature: str, lang: str = "fr") -> grammar.Noun:
    """A feature's name as running text, with its article (``theme:eau`` -> *l'eau*)."""
    nouns = p.__dict__.setdefault("_nouns", {})  # the same few hundred features, all pairs
    found = nouns.get((feature, lang))
    if found is None:
        found = nouns[(feature, lang)] = _noun(p, feature, lang)
    return found


def _noun(p: Projection, feature: str, lang: str) -> grammar.Noun:
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


def common_features(p: Projection) -> frozenset[str]:
    """Features held by at least ``Weights.common_share`` of the actors of some kind that hold
    anything (the meeting every French authority attended): true of nearly everyone, so no
    reason. A kind with fewer than ``Weights.common_min_actors`` such actors has none.

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
            if len(rows) < p.weights.common_min_actors:  # too few to call anything common
                continue
            counts = np.asarray(held[rows].sum(axis=0)).ravel()
            least = p.weights.common_share * len(rows)
            common |= {p.features[j] for j in np.flatnonzero(counts >= least)}
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
    _, status_a, via_a = _cell(p, a, feature)
    _, status_b, via_b = _cell(p, b, feature)
    if kind == "theme" and (via_a or via_b):
        sides = _sides(p, feature, a, b, lang, named)
        text = say("broader_theme", lang, theme=noun(p, feature, lang), sides=sides)
    else:
        text = _plain_sentence(p, feature, lang)
    return _with_status(p, text, (a, status_a), (b, status_b), lang)


def _with_status(p: Projection, text: str, side_a: tuple, side_b: tuple, lang: str) -> str:
    # The weaker side's status (the first, on a tie), said when not active.
    weight = p.weights.status
    weakest, status = side_b if weight.get(side_b[1], 1.0) < weight.get(side_a[1], 1.0) else side_a
    if status == "active":
        return text
    # The same note recurs across an actor's pairs: each made once.
    notes = p.__dict__.setdefault("_status_notes", {})
    key = (text, weakest, status, lang)
    found = notes.get(key)
    if found is None:
        found = notes[key] = say(
            "status_note",
            lang,
            text=text,
            who=p.label(weakest, lang),
            status=say(f"status.{status}", lang, otherwise=status),
        )
    return found


def _plain_sentence(p: Projection, feature: str, lang: str) -> str:
    """The sentence for a feature both hold directly: one per feature and language."""
    said = p.__dict__.setdefault("_plain_sentences", {})
    found = said.get((feature, lang))
    if found is None:
        kind, name = feature.split(":", 1)[0], noun(p, feature, lang)
        if kind == "theme":
            found = say("shared_theme", lang, theme=name)
        elif kind in ("country", "region"):
            found = say("shared_place", lang, place=name)
        else:
            found = say(REASON_KEY[kind], lang, name=name)
        said[(feature, lang)] = found
    return found


def _sides(p: Projection, feature: str, a: str, b: str, lang: str, named=frozenset()) -> str:
    """Which theme under ``feature`` each side holds: "Aude sur le climat, Nice sur l'eau"."""
    return ", ".join(
        _side(p, x, tuple(t for t in _via_narrower(p, x, feature) if t not in named), lang)
        for x in (a, b)
    )


def _side(p: Projection, who: str, via: tuple[str, ...], lang: str) -> str:
    """One side of :func:`_sides`: an actor with the narrower themes it holds (an actor's
    side recurs across its pairs: each made once)."""
    sides = p.__dict__.setdefault("_side_texts", {})
    key = (who, via, lang)
    found = sides.get(key)
    if found is None:
        label = p.label(who, lang)
        if via:
            # Portuguese lists themes bare after "com" ("com clima e água").
            form = "bare" if lang == "pt" else ""
            names = [format(grammar.theme(t, p.label(t, lang), lang), form) for t in via]
            themes = grammar.join(names, lang)
            found = say("side_theme", lang, who=label, themes=themes)
        else:
            found = say("side_general", lang, who=label)
        sides[key] = found
    return found


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
    # Explaining every authority's peers words some 50,000 pairs: each actor's cells are read
    # once (_profile), each feature's plain sentence is made once (_plain_sentence).
    left_out = _skipped(p, skip)
    mine, theirs = _profile(p, a), _profile(p, b)
    features, w = p.features, _weights_list(p)
    shared = sorted(
        (-float(mine[j][0] * cell[0] * w[j]), features[j], j)
        for j, cell in theirs.items()
        if j in mine and j not in left_out
    )
    return said_of_shared(
        p, a, b, [(c, f, j, mine[j], theirs[j]) for c, f, j in shared], lang, limit
    )


Cell = tuple[float, bool, str, tuple[str, ...]]  # strength, held directly, best status, via


def said_of_shared(
    p: Projection,
    a: str,
    b: str,
    shared: list[tuple[float, str, int, Cell, Cell]],
    lang: str = "fr",
    limit: int | None = None,
) -> list[tuple[str, float]]:
    """The sentences of :func:`weighed_reasons` from what a and b share, already found and
    sorted: (minus the feature's contribution, feature, column, a's cell, b's cell), largest
    contribution first, then by feature. Both the one-pair path and the many-pairs path
    (:mod:`graphkit.match.many_reasons`) end here, so that they say the same.

    >>> import graphkit
    >>> p = projection(graphkit.from_tables("data"))
    >>> f = "country:country-ni"
    >>> held, on_hold = (1.0, True, "active", ()), (1.0, True, "stand-by", ())
    >>> said_of_shared(p, "fr-bouguenais", "fr-fougeres", [(-1.5, f, p.col[f], held, on_hold)])
    [('les deux coopèrent au Nicaragua (statut pour Ville de Fougères : en stand-by)', 1.5)]
    """
    kinds, names = _feature_parts(p)
    direct = {names[j] for _, _, j, x, y in shared if kinds[j] == "theme" and x[1] and y[1]}
    places = {names[j] for _, _, j, _, _ in shared if kinds[j] in ("country", "region")}
    # A shared region is not worth a sentence when a shared place inside it is named.
    covered = set().union(*(p.regions_of.get(x, set()) for x in places))
    named = frozenset(direct)
    # Read straight from their memo: this loop runs for every feature of every pair.
    plain = p.__dict__.setdefault("_plain_sentences", {})
    reasons: dict[str, float] = {}
    for minus_c, feature, j, mine, theirs in shared:
        kind = kinds[j]
        if kind == "region" and names[j] in covered:
            continue
        if kind == "theme":
            if names[j] not in direct:
                new = [set(cell[3]) - direct for cell in (mine, theirs) if not cell[1]]
                if any(not n for n in new):
                    continue  # one side holds it only through a theme both are said to share
            if mine[3] or theirs[3]:
                sides = ", ".join(
                    _side(p, x, tuple(t for t in cell[3] if t not in named), lang)
                    for x, cell in ((a, mine), (b, theirs))
                )
                sentence = say("broader_theme", lang, theme=noun(p, feature, lang), sides=sides)
            else:
                sentence = plain.get((feature, lang)) or _plain_sentence(p, feature, lang)
        else:
            sentence = plain.get((feature, lang)) or _plain_sentence(p, feature, lang)
        if mine[2] != "active" or theirs[2] != "active":  # both active: said as it is
            sentence = _with_status(p, sentence, (a, mine[2]), (b, theirs[2]), lang)
        if limit is not None and len(reasons) == limit and sentence not in reasons:
            break
        reasons[sentence] = reasons.get(sentence, 0.0) - minus_c
    return list(reasons.items())


def _profile(p: Projection, actor: str) -> dict[int, tuple[float, bool, str, tuple[str, ...]]]:
    """An actor's cells: feature column -> (strength, held directly, best status, the
    narrower themes it is held through when only those)."""
    profiles = p.__dict__.setdefault("_profiles", {})
    found = profiles.get(actor)
    if found is None:
        m, i = p.matrix, p.row[actor]
        span = slice(m.indptr[i], m.indptr[i + 1])
        found = profiles[actor] = {
            j: (v, *_cell(p, actor, p.features[j]))
            for j, v in zip(m.indices[span].tolist(), m.data[span].tolist(), strict=True)
        }
    return found


def _weights_list(p: Projection) -> list:
    found = p.__dict__.get("_weights_list")
    if found is None:
        # numpy scalars, as the sparse product uses: the same floats, the same ties
        found = p.__dict__["_weights_list"] = list(p.column_weight)
    return found


def _feature_parts(p: Projection) -> tuple[list[str], list[str]]:
    found = p.__dict__.get("_feature_parts")
    if found is None:
        parts = [f.split(":", 1) for f in p.features]
        found = p.__dict__["_feature_parts"] = ([k for k, _ in parts], [n for _, n in parts])
    return found


def _skipped(p: Projection, skip: frozenset) -> frozenset[int]:
    """The columns of ``skip`` and of the features nearly everyone holds."""
    memo = p.__dict__.setdefault("_skipped", {})
    found = memo.get(skip)
    if found is None:
        found = memo[skip] = frozenset(p.col[f] for f in skip | common_features(p) if f in p.col)
    return found


def _direct(p: Projection, actor: str, feature: str) -> bool:
    return _cell(p, actor, feature)[0]
