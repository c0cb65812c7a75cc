"""Group health: for each country group, its active French members, the authorities active
in its countries, a status, and a recommendation with its reasons, all in ``lang``.

The members of a group are those whose membership of it is active; the French authorities
with an active partnership in its countries are listed apart (``active_in_countries``):
they are involved, and could join, but are not members. A status the sources record is
never contradicted: an ``ended`` group is reported ended (advice: fold into a wider group
that still runs, else revive it if authorities are active in its countries), a
``proposed`` one proposed (advice: create it). A running group is ``active`` with at least
``group_min_members`` (3) authorities involved (members and active in its countries, as
the minutes count "CTF impliquées"), ``at-risk`` with fewer (``dormant`` with none); an
at-risk group is advised to fold into a wider group, or to open a thematic group if its
authorities share a theme.

>>> import graphkit
>>> health = groups(graphkit.from_tables("data"), lang="en").set_index("id")
>>> health.loc["gp-amerique-centrale", ["status", "recommendation"]].tolist()
['ended', 'revive']
>>> health.loc["gp-nicaragua", ["status", "recommendation"]].tolist()
['at risk', 'fold into the regional group']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import pandas as pd

from graphkit.match.scoring import named, projection
from graphkit.match.weights import Weights
from graphkit.model import vocab
from graphkit.text import grammar
from graphkit.text.i18n import say

__all__ = ["groups"]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = [
    "id",
    "label",
    "status",
    "recommendation",
    "score",
    "active_members",
    "active_in_countries",
    "active_partnerships",
    "recorded_status",
    "reasons",
]


def _countries(p, territories: set[str]) -> set[str]:
    countries = {t for t in territories if t.startswith("country-") or t not in p.regions_of}
    countries |= {c for c, regions in p.regions_of.items() if regions & territories}
    return {c for c in countries if c not in {r for rs in p.regions_of.values() for r in rs}}


def groups(kg: Graph, weights: Weights | None = None, lang: str = "fr") -> pd.DataFrame:
    """The health of each country group: status, advice and the reasons, in ``lang``.

    No score: a status. A recorded ``ended`` or ``proposed`` status is kept; a running group
    with n authorities involved (active members plus those active in its countries) is::

        active    if n ≥ group_min_members
        at risk   if 0 < n < group_min_members
        dormant   if n = 0

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    weights : Weights, optional
        Scoring weights (:mod:`graphkit.match.weights`); the defaults if None.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).

    Returns
    -------
    pandas.DataFrame
        One row per country group: ``id``, ``label``, ``status``, ``recommendation``, its
        members, the authorities active in its countries, and ``reasons``.

    Examples
    --------
    >>> import graphkit
    >>> health = groups(graphkit.from_tables("data"), lang="en").set_index("id")
    >>> health.loc["gp-amerique-centrale", ["status", "recommendation"]].tolist()
    ['ended', 'revive']
    """
    p = projection(kg, weights)
    w = p.weights
    rows = kg.select(
        """SELECT ?g ?t ?status WHERE { ?g a gk:CountryGroup .
             OPTIONAL { ?g gk:territory ?t } OPTIONAL { ?g gk:status ?status } }"""
    )
    territories: dict[str, set[str]] = defaultdict(set)
    recorded: dict[str, str] = {}
    for r in rows:
        g = vocab.local_id(r["g"])
        if r["t"]:
            territories[g].add(vocab.local_id(r["t"]))
        recorded[g] = vocab.TABLE_VALUE.get(vocab.curie(r["status"] or ""), "")
    members = defaultdict(set)
    for r in kg.select(
        """SELECT ?g ?a WHERE { ?m org:organization ?g ; org:member ?a ; gk:status gk:Active .
             ?g a gk:CountryGroup . ?a a gk:FrenchAuthority }"""
    ):
        members[vocab.local_id(r["g"])].add(vocab.local_id(r["a"]))
    active_in: dict[str, set[tuple[str, str]]] = defaultdict(
        set
    )  # country -> (authority, partnership)
    for r in kg.select(
        """SELECT DISTINCT ?a ?p ?c WHERE { ?p a gk:Partnership ; gk:status gk:Active ; gk:party ?a .
             ?a a gk:FrenchAuthority .
             { ?p gk:country ?c } UNION { ?p gk:party ?o . ?o a gk:ForeignAuthority ; gk:country ?c } }"""
    ):
        active_in[vocab.local_id(r["c"])].add((vocab.local_id(r["a"]), vocab.local_id(r["p"])))

    countries = {g: _countries(p, territories[g]) for g in recorded}
    out = []
    for g in sorted(recorded):
        in_group = (
            set().union(*(active_in.get(c, set()) for c in countries[g])) if countries[g] else set()
        )
        authorities = sorted(members[g])
        working = sorted(
            a for a in {a for a, _ in in_group} - members[g] if not p.is_placeholder(a)
        )
        partnerships = sorted({x for _, x in in_group})
        # Health counts every French authority involved, members or active in its countries
        # (the minutes: "seulement 2 CTF impliquées"); only members are listed as members.
        n = len(authorities) + len(working)
        facts = [
            say("group.members", lang, names=", ".join(p.label(a, lang) for a in authorities))
            if authorities
            else say("group.no_members", lang)
        ]
        if working:
            names = ", ".join(p.label(a, lang) for a in working)
            facts.append(say("group.working", lang, names=names))
        facts.append(say("group.partnerships", lang, n=len(partnerships)))
        reasons: list[str] = []  # why this advice first, then the counts behind it
        theme = _shared_theme(p, authorities + working)
        wider = _wider_group(g, countries, recorded)
        if recorded[g] == "ended":
            status = "ended"
            reasons.append(say("group.ended", lang))
            recommendation = "fold" if wider else ("revive" if in_group else "watch")
        elif recorded[g] == "proposed":
            status, recommendation = "proposed", "create"
            reasons.append(say("group.proposed", lang))
        else:
            if n >= w.group_min_members:
                status, recommendation = "active", "keep"
            else:  # running, as the sources say, but with too few authorities to last
                status = "at-risk" if n else "dormant"
                recommendation = "fold" if wider else ("thematic" if theme else "watch")
            if recorded[g]:
                word = say(f"status.{recorded[g]}", lang, otherwise=recorded[g])
                reasons.append(say("group.recorded", lang, status=word))
        if recommendation == "fold":
            reasons.append(say("group.fold", lang, group=named(p, wider, lang)))
        if theme and recommendation in ("thematic", "keep", "create", "revive"):
            reasons.append(say("group.theme", lang, theme=_theme(p, theme, lang)))
        out.append(
            {
                "id": g,
                "label": p.label(g, lang),
                "status": say(f"status.{status}", lang, otherwise=status),
                "recommendation": say(f"group.do_{recommendation}", lang),
                "score": float(n),
                "active_members": authorities,
                "active_in_countries": working,
                "active_partnerships": partnerships,
                "recorded_status": say(f"status.{recorded[g]}", lang, otherwise=recorded[g])
                if recorded[g]
                else "",
                "reasons": reasons + facts,
            }
        )
    out.sort(key=lambda r: (-r["score"], r["id"]))
    frame = pd.DataFrame(out, columns=COLUMNS)
    frame.attrs["table_columns"] = ["id", "label", "status", "recommendation", "score", "reasons"]
    return frame


def _theme(p, theme: str, lang: str):
    return grammar.theme(theme, p.label(theme, lang), lang)


def _wider_group(g: str, countries: dict[str, set[str]], recorded: dict[str, str]) -> str | None:
    """Another country group whose countries strictly contain this one's."""
    mine = countries[g]
    wider = [
        (len(c), other)
        for other, c in countries.items()
        if other != g and mine and mine < c and recorded.get(other) != "ended"
    ]
    wider = wider or [(len(c), o) for o, c in countries.items() if o != g and mine and mine < c]
    return min(wider)[1] if wider else None


def _shared_theme(p, authorities: list[str]) -> str | None:
    """The most common direct theme among the members, if at least two hold it."""
    counts = Counter()
    for a in authorities:
        for f in p.features:
            if f.startswith("theme:") and any(
                e.kind != "broader" for e in p.evidence.get((a, f), [])
            ):
                counts[f.split(":", 1)[1]] += 1
    best = sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    return best[0][0] if best and best[0][1] >= 2 else None
