"""Which networks to invite: every network abroad ranked for a subject by
:func:`graphkit.match.invite`, and the choice of two networks from two different countries.

Networks seated where the French authorities are (CUF itself) host the meetings; they are
not guests. A network whose seat country the graph does not record can still be invited,
with that said, since nobody can tell whether it shares a country with the other one.

>>> import graphkit
>>> from graphkit.reports.facts import gather
>>> kg = graphkit.from_tables("data")
>>> ranked = rank_networks(kg, gather(kg), country="country-br")
>>> [r["id"] for r in pick_two(ranked)]
['net-fnp', 'net-al-las']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphkit.match import invite
from graphkit.reports.facts import Facts
from graphkit.text.i18n import say

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph


def _regions_around(f: Facts, place: str) -> list[str]:
    """Macro-regions containing ``place``, the smallest first."""
    regions = [r for r in f.within.get(place, set()) if f.kind.get(r) == "MacroRegion"]
    return sorted(regions, key=lambda r: (len(f.countries_in(r)), r))


def rank_networks(
    kg: Graph,
    f: Facts,
    theme: str | None = None,
    country: str | None = None,
) -> list[dict]:
    """Every guest network, best first: those ``invite`` finds for the subject, then for the
    regions around the country, then for their activity in the graph, then the others.

    Rows: ``id``, ``label``, ``seat`` (country id or None), ``reasons`` (list of str) and
    ``relevant`` (True when found for the subject itself).
    """
    guests = [n for n in f.of_kind("Network") if f.seat.get(n) not in f.home]
    ranked: dict[str, dict] = {}

    def take(frame, fallback: str | None) -> None:
        for row in frame.itertuples():
            if row.kind == "Network" and row.id in guests and row.id not in ranked:
                reasons = list(row.reasons)
                if fallback:
                    reasons = [say("report.fallback_reason", f.lang, where=fallback), *reasons]
                ranked[row.id] = {"id": row.id, "reasons": reasons, "relevant": not fallback}

    top = len(f.kind) + 1
    if theme or country:
        take(invite(kg, theme=theme, country=country, top=top, lang=f.lang), None)
        for region in _regions_around(f, country) if country else []:
            take(invite(kg, country=region, top=top, lang=f.lang), f.label(region))
    take(
        invite(kg, top=top, lang=f.lang),
        say("report.general_activity", f.lang) if (theme or country) else None,
    )
    for n in guests:
        ranked.setdefault(n, {"id": n, "reasons": [], "relevant": False})
    for row in ranked.values():
        row["label"] = f.label(row["id"])
        row["seat"] = f.seat.get(row["id"])
        if row["seat"] is None:
            row["reasons"].append(say("report.no_seat", f.lang))
    return list(ranked.values())


def compatible(a: dict, b: dict) -> bool:
    """Two networks may go together unless the graph seats them in the same country.

    >>> compatible({"id": "a", "seat": "country-br"}, {"id": "b", "seat": None})
    True
    >>> compatible({"id": "a", "seat": "country-br"}, {"id": "b", "seat": "country-br"})
    False
    """
    return a["id"] != b["id"] and not (a["seat"] and a["seat"] == b["seat"])


def pick_two(ranked: list[dict], first: dict | None = None) -> list[dict]:
    """The best network and the best one from another country (a known different seat
    preferred over an unknown one). ``first`` fixes the first choice.

    >>> rows = [{"id": "a", "seat": "x"}, {"id": "b", "seat": "x"}, {"id": "c", "seat": None},
    ...         {"id": "d", "seat": "y"}]
    >>> [r["id"] for r in pick_two(rows)]
    ['a', 'd']
    """
    if not ranked and first is None:
        return []
    first = first or ranked[0]
    others = [r for r in ranked if compatible(first, r)]
    known = [r for r in others if r["seat"] and first["seat"]]
    second = (known or others)[:1]
    return [first, *second]
