"""Group health: for each country group, its active French members and partnerships, a
status, and a recommendation with its reasons.

A French authority counts as an active member of a group if it is an active member, or
if it has an active partnership in one of the group's countries. With fewer than
``group_min_members`` (3) active members a group is ``at-risk`` (``dormant`` with none).
An at-risk group is advised to fold into a group covering a wider region that holds its
countries (Nicaragua → Central America); a group whose members share a theme is advised to
open a thematic group; a healthy group to keep going.

>>> import graphkit
>>> health = groups(graphkit.from_tables("data"))
>>> health.set_index("id").loc["gp-nicaragua", "status"]
'at-risk'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import pandas as pd

from .. import vocab
from ..i18n import say, status_word
from .scoring import projection
from .weights import Weights

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

COLUMNS = [
    "id",
    "label",
    "status",
    "recommendation",
    "score",
    "active_members",
    "active_partnerships",
    "recorded_status",
    "reasons",
]


def _countries(p, territories: set[str]) -> set[str]:
    countries = {t for t in territories if t.startswith("country-") or t not in p.regions_of}
    countries |= {c for c, regions in p.regions_of.items() if regions & territories}
    return {c for c in countries if c not in {r for rs in p.regions_of.values() for r in rs}}


def groups(kg: KnowledgeGraph, weights: Weights | None = None, lang: str = "fr") -> pd.DataFrame:
    """One row per country group: status (active / at-risk / dormant), recommendation, reasons."""
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
        authorities = sorted(members[g] | {a for a, _ in in_group})
        partnerships = sorted({x for _, x in in_group})
        n = len(authorities)
        status = "active" if n >= w.group_min_members else ("at-risk" if n else "dormant")
        names = ", ".join(p.label(a, lang) for a in authorities) or "—"
        reasons = [
            say("group.members", lang, n=n, names=names),
            say("group.partnerships", lang, n=len(partnerships)),
        ]
        if recorded[g]:
            reasons.append(say("group.recorded", lang, status=status_word(recorded[g], lang)))
        recommendation = "keep"
        if status != "active":
            wider = _wider_group(g, countries, recorded)
            if wider:
                recommendation = "fold"
                reasons.append(say("group.fold", lang, group=p.label(wider, lang)))
        theme = _shared_theme(p, authorities)
        if theme and recommendation != "keep":
            reasons.append(say("group.theme", lang, theme=p.label(theme, lang)))
        elif theme and status == "active":
            reasons.append(say("group.theme", lang, theme=p.label(theme, lang)))
        if status != "active" and recommendation == "keep":
            recommendation = "thematic" if theme else "watch"
        out.append(
            {
                "id": g,
                "label": p.label(g, lang),
                "status": status,
                "recommendation": say(f"group.do_{recommendation}", lang),
                "score": float(n),
                "active_members": authorities,
                "active_partnerships": partnerships,
                "recorded_status": recorded[g],
                "reasons": reasons,
            }
        )
    out.sort(key=lambda r: (-r["score"], r["id"]))
    return pd.DataFrame(out, columns=COLUMNS)


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
