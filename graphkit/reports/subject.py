"""What a fascicule, a meeting or a month of the roadmap is about — a theme, a country or a
region — and which facts of the graph touch it.

A theme stands for itself and its narrower themes (a fact on forests is about biodiversity);
a region for the countries in it. A fact touches a subject through its themes, the countries
it takes place in, the group it is a membership of, or the event it is a participation in.

>>> import graphkit
>>> from graphkit.reports.facts import gather
>>> kg = graphkit.from_tables("data")
>>> f = gather(kg)
>>> s = resolve_subject(kg, f, country="Argentine")
>>> sorted({a for x in facts_about(f, s) for a in x.actors if a.startswith("fr-")})
['fr-grand-poitiers', 'fr-nanterre', 'fr-nice-cote-d-azur', 'fr-vienne']
>>> [a for a, _ in interested(f, s)]
['fr-occitanie', 'fr-chartres']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graphkit.graph.names import TERRITORY
from graphkit.match.experts import resolve_theme
from graphkit.reports.facts import AUTHORITIES, Fact, Facts

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph


class NotAPlaceError(LookupError):
    """The name given as a country resolves to something that is not a country or region."""


@dataclass
class Subject:
    theme: str | None = None
    place: str | None = None  # a country or a macro-region
    themes: set[str] = field(default_factory=set)  # the theme and its narrower themes
    countries: set[str] = field(default_factory=set)  # the place's countries

    def label(self, f: Facts) -> str:
        return " — ".join(f.label(x) for x in (self.theme, self.place) if x)

    @property
    def ids(self) -> set[str]:
        """Every entity id the subject stands for."""
        return self.themes | self.countries | ({self.place} if self.place else set())


def resolve_subject(
    kg: Graph, f: Facts, theme: str | None = None, country: str | None = None
) -> Subject:
    """The subject named by a theme and/or a country or region (ids or labels)."""
    s = Subject()
    if theme is not None:  # an empty name is refused, not ignored
        s.theme = resolve_theme(kg, theme)
        s.themes = f.narrower_or_same(s.theme)
    if country is not None:
        place = kg.resolve(country, TERRITORY)
        if f.kind.get(place) not in ("Country", "MacroRegion"):
            raise NotAPlaceError(
                f"'{country}' is {f.label(place)} ({place}), not a country or a region"
            )
        s.place, s.countries = place, f.countries_in(place)
    return s


def touches(f: Facts, s: Subject, fact: Fact) -> bool:
    """True if ``fact`` is about the subject (on its theme and in its place, when both)."""
    themes, places = set(fact.themes), set(f.fact_countries(fact))
    if fact.kind == "membership" and fact.target in f.groups:
        group = f.groups[fact.target]
        themes |= group["themes"]
        for territory in group["territories"]:
            places |= f.countries_in(territory) if territory in f.kind else set()
    if fact.kind == "participation" and fact.target in f.events:
        event = f.events[fact.target]
        themes |= event["themes"]
        if event["place"]:
            places |= f.countries_in(event["place"]) | (
                {f.seat[event["place"]]} if event["place"] in f.seat else set()
            )
    on_theme = not s.theme or bool(themes & s.themes)
    in_place = not s.place or bool(places & s.countries)
    return on_theme and in_place


def facts_about(
    f: Facts, s: Subject, kinds=("partnership", "expertise", "membership")
) -> list[Fact]:
    """The facts of the given kinds that touch the subject."""
    return [x for x in f.facts if x.kind in kinds and touches(f, s, x)]


def active_on(f: Facts, s: Subject) -> set[str]:
    """Actors already working on the subject: an active or stand-by partnership, or a stated
    expertise, that touches it."""
    found = set()
    for x in facts_about(f, s, ("partnership", "expertise")):
        if x.kind == "expertise" or x.status in ("active", "stand-by"):
            found |= set(f.parties(x)[0]) if x.kind == "partnership" else set(x.actors)
            found |= {a for a in x.actors if f.kind.get(a) in AUTHORITIES}
    return found


def interest_touches(f: Facts, s: Subject, fact: Fact) -> bool:
    """An interest statement on the subject's theme, or on its place, a place in it, or a
    region containing it (an authority attentive to the whole continent counts), or made by
    an authority seated in the place (Belém wants to cooperate with France: it counts for
    Brazil)."""
    if fact.kind != "interest":
        return False
    on_theme = bool(set(fact.themes) & s.themes) if s.theme else True
    if not s.place:
        return on_theme and bool(fact.themes)
    if any(f.seat.get(a) in s.countries for a in fact.actors):
        return on_theme
    territory = fact.territory
    if not territory:
        return False
    inside = f.countries_in(territory) & s.countries or territory == s.place
    around = s.place in f.within and territory in f.within[s.place]
    around = around or any(territory in f.within.get(c, set()) for c in s.countries)
    return on_theme and bool(inside or around)


def interested(f: Facts, s: Subject) -> list[tuple[str, Fact]]:
    """Authorities (French or abroad) that stated an interest in the subject and are not yet
    active on it, with the interest, sorted by label."""
    busy = active_on(f, s)
    found = {}
    for x in f.facts:
        if interest_touches(f, s, x):
            for a in x.actors:
                if f.kind.get(a) in AUTHORITIES and a not in busy:
                    found.setdefault(a, x)
    return sorted(found.items(), key=lambda item: f.sort_key(item[0]))
