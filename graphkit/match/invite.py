"""Invitations: which networks and partners abroad to invite to a meeting on a theme and/or
a country (the minutes plan two networks from two countries each month).

A network scores by its own stated themes and seat, and by its members' work on the theme
or in the country; a partner abroad by its own work on the theme and whether it is in the
country. Networks seated in France (CUF itself…) are hosts, not guests. Rows carry the
candidate's ``country`` so that a caller can pick networks from two
different countries.

>>> import graphkit
>>> "net-al-las" in invite(graphkit.from_tables("data"), country="Argentine")["id"].tolist()
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from graphkit.graph.names import TERRITORY
from graphkit.match.experts import narrower_or_same, resolve_theme
from graphkit.match.scoring import projection
from graphkit.match.weights import Weights
from graphkit.text import grammar
from graphkit.text.i18n import say

__all__ = ["invite"]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = ["id", "label", "kind", "country", "score", "reasons"]


def invite(
    kg: Graph,
    theme: str | None = None,
    country: str | None = None,
    top: int = 10,
    weights: Weights | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """The networks and partners abroad to invite to a meeting on a theme and/or a country.

    With S the subject's features (the theme and its narrower themes, the country), s_x(f)
    the strength with which x holds f and w(f) its column weight (kind weight × rarity)::

        r(x) = Σ_(f in S) s_x(f) · w(f)  +  country · [x is seated in the country]
        for a network: r(x) + Σ over its members m of r(m)

    With no subject, r(x) is how active x is at all (the sum of its row). Networks seated in
    France are hosts, not guests. The score is r itself, not on the 0–1 scale.

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    theme : str, optional
        A theme, by id or label.
    country : str, optional
        A country, by ISO code or name.
    top : int
        How many rows.
    weights : Weights, optional
        Scoring weights (:mod:`graphkit.match.weights`); the defaults if None.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).

    Returns
    -------
    pandas.DataFrame
        ``id``, ``label``, ``kind``, ``country``, ``score``, ``reasons``, best first.

    Examples
    --------
    >>> import graphkit
    >>> "net-al-las" in invite(graphkit.from_tables("data"), country="Argentine")["id"].tolist()
    True
    """
    p = projection(kg, weights)
    # An empty name is refused by resolve, not taken for no name.
    theme_ids = narrower_or_same(p, resolve_theme(kg, theme)) if theme is not None else set()
    place = kg.resolve(country, TERRITORY) if country is not None else None
    wanted = {f"theme:{t}" for t in theme_ids} | (
        {f"country:{place}", f"region:{place}"} if place else set()
    )
    members: dict[str, list[str]] = {}
    for actor, feature in p.evidence:
        if feature.startswith("network:"):
            members.setdefault(feature.split(":", 1)[1], []).append(actor)

    def relevance(actor: str) -> tuple[float, list[str]]:
        """The actor's own score for the subject, and the sentences that say why."""
        if not wanted:  # no subject given: how active the actor is at all
            total = float(p.matrix[p.row[actor]].sum()) if actor in p.row else 0.0
            return total, [say("invite.active", lang)] if total else []
        score, themes, places = 0.0, [], []
        for f in sorted(wanted):
            s = p.strength(actor, f)
            if s > 0:
                score += s * p.column_weight[p.col[f]]
                (themes if f.startswith("theme:") else places).append(f.split(":", 1)[1])
        found = []
        if themes:
            names = [str(grammar.theme(t, p.label(t, lang), lang)) for t in themes]
            found.append(say("invite.works_on", lang, themes=grammar.join(names, lang)))
        for x in places:
            found.append(
                say("invite.works_in", lang, place=grammar.place(x, p.label(x, lang), lang))
            )
        if place and p.seat_country.get(actor) == place:
            score += p.weights.country
            found.append(
                say("invite.seated", lang, place=grammar.place(place, p.label(place, lang), lang))
            )
        return score, found

    home = {p.seat_country.get(a) for a in p.of_kind("FrenchAuthority")} - {None}
    rows = []
    for actor in p.of_kind("Network", "ForeignAuthority"):
        if p.seat_country.get(actor) in home:
            continue  # the guests are networks and partners abroad, not French ones
        score, reasons = relevance(actor)
        if p.kind[actor] == "Network":
            via = []
            for m in sorted(members.get(actor, [])):
                s, f = relevance(m)
                if s > 0:
                    score += s
                    via.append(p.label(m, lang))
            if via:
                key = "invite.members" if wanted else "invite.members_active"
                reasons.append(say(key, lang, names=", ".join(via)))
        if score > 0:
            seat = p.seat_country.get(actor)
            rows.append(
                {
                    "id": actor,
                    "label": p.label(actor, lang),
                    "kind": p.kind[actor],
                    "country": p.label(seat, lang) if seat else None,
                    "score": round(score, 4),
                    "reasons": reasons,
                }
            )
    rows.sort(key=lambda r: (-r["score"], r["id"]))
    frame = pd.DataFrame(rows[:top], columns=COLUMNS)
    if frame.empty:
        frame.attrs["empty"] = say("empty.no_invitee", lang)
    return frame
