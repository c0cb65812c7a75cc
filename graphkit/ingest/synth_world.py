"""The world a synthetic dataset is drawn from: which countries partner with French
authorities and how much, their macro-regions, the French regions, the themes in
order of use, and the gazetteer's cities sampled by country.
"""

from __future__ import annotations

import re
from functools import cache

from graphkit.ingest.synth import SynthError, slug

# Partner countries of French decentralised cooperation, most frequent first (order of the
# national atlas, roughly); other countries follow by the number of their gazetteer cities.
PRIORITY = (
    "DE IT GB ES SN BF BE PL MA ML RO MG CA US TN BJ CM VN CN JP HT NE PT CH TG LB PS BR AR "
    "MX CL MR CI IE NL HU CZ DZ GR IL RU UA AM GE IN KH LA CO PE NI UY BO EC GT CD CG GA GN "
    "TD CF DJ KM MU CV GH NG KE ZA MZ ET RW BI AO LU AT SE FI DK NO SK SI HR BG RS BA MK AL "
    "MD LT LV EE TR EG JO KR TH ID PH MY AU NZ BD LK NP MN UZ KZ CU DO SV HN CR PA VE PY"
).split()


# France itself and the French overseas territories that have their own ISO 3166-1 code.
NOT_PARTNERS = frozenset("FR GP MQ GF RE YT PM BL MF NC PF WF TF".split())


MIN_CITIES = 60  # a partner country needs at least this many gazetteer cities


MACRO_REGIONS: dict[str, tuple[tuple[str, str, str, str], str]] = {
    # id: ((fr, en, es, pt), parent id or "")
    "mr-europe": (("Europe", "Europe", "Europa", "Europa"), ""),
    "mr-afrique": (("Afrique", "Africa", "África", "África"), ""),
    "mr-afrique-de-l-ouest": (
        ("Afrique de l'Ouest", "West Africa", "África Occidental", "África Ocidental"),
        "mr-afrique",
    ),
    "mr-maghreb": (("Maghreb", "Maghreb", "Magreb", "Magrebe"), "mr-afrique"),
    "mr-asie": (("Asie", "Asia", "Asia", "Ásia"), ""),
    "mr-amerique-du-nord": (
        (
            "Amérique du Nord, centrale et Caraïbes",
            "North and Central America, Caribbean",
            "América del Norte y Central, Caribe",
            "América do Norte e Central, Caribe",
        ),
        "",
    ),
    "mr-amerique-du-sud": (
        ("Amérique du Sud", "South America", "América del Sur", "América do Sul"),
        "",
    ),
    "mr-amerique-latine-caraibes": (
        (
            "Amérique latine et Caraïbes",
            "Latin America and the Caribbean",
            "América Latina y el Caribe",
            "América Latina e Caribe",
        ),
        "",
    ),
    "mr-oceanie": (("Océanie", "Oceania", "Oceanía", "Oceania"), ""),
}


CONTINENT = {
    "EU": "mr-europe",
    "AF": "mr-afrique",
    "AS": "mr-asie",
    "OC": "mr-oceanie",
    "NA": "mr-amerique-du-nord",
    "SA": "mr-amerique-du-sud",
}


WEST_AFRICA = frozenset("BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG".split())


MAGHREB = frozenset("DZ LY MA MR TN".split())


NOT_LATIN = frozenset("US CA GL BM PM AI AG BS BB VG KY DM GD JM KN LC VC TT TC MS".split())


# French regions: GeoNames admin1 code of French cities -> ISO 3166-2 code.
FR_REGIONS = {
    "84": "FR-ARA",
    "27": "FR-BFC",
    "53": "FR-BRE",
    "24": "FR-CVL",
    "94": "FR-20R",
    "44": "FR-GES",
    "32": "FR-HDF",
    "11": "FR-IDF",
    "28": "FR-NOR",
    "75": "FR-NAQ",
    "76": "FR-OCC",
    "52": "FR-PDL",
    "93": "FR-PAC",
}


# Foreign subdivisions that partner as authorities: pycountry type -> actor type, labels.
SUBDIVISION_PARTNERS = {
    "Province": ("provincia", "Province {de}", "{} Province", "Provincia de {}", "Província de {}"),
    "State": ("estado", "État {de}", "{} State", "Estado de {}", "Estado de {}"),
    "Land": ("estado", "Land {de}", "State of {}", "Estado de {}", "Estado de {}"),
    "Region": ("collectivite", "Région {}", "{} Region", "Región de {}", "Região de {}"),
    "Governorate": (
        "collectivite",
        "Gouvernorat {de}",
        "{} Governorate",
        "Gobernación de {}",
        "Governadoria de {}",
    ),
    "Voivodship": (
        "collectivite",
        "Voïvodie {de}",
        "{} Voivodeship",
        "Voivodato de {}",
        "Voivodia de {}",
    ),
}


SUBDIVISION_SHARE = 0.04  # of a country's partners, where it has such subdivisions


# Theme popularity, most common first; themes of the thesaurus not listed here come last.
THEME_ORDER = (
    "education culture echanges-culturels eau-assainissement sante environnement gouvernance "
    "eau climat dechets territoire social urbanisme energie pauvrete participation-citoyenne "
    "transition-energetique energies-renouvelables biodiversite localisation-odd "
    "gestion-risques gouvernance-metropolitaine ville-intelligente foret covid-19 carnaval"
).split()


KIND_FR = {
    "twinning": "Jumelage",
    "cooperation_agreement": "Accord de coopération",
    "cooperation": "Coopération",
    "exchange": "Échanges",
    "project": "Projet",
}


def ordered_themes() -> list[str]:
    """The thesaurus's theme ids, most popular first (``THEME_ORDER``, then the rest sorted).

    >>> ordered_themes()[0]
    'education'
    """
    from graphkit.model.ontology_files import theme_ids

    known = theme_ids()
    return [t for t in THEME_ORDER if t in known] + sorted(known - set(THEME_ORDER))


def pycountry_translations() -> dict[str, object]:
    import gettext

    import pycountry

    return {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("fr", "es", "pt")
    }


def country_labels(code: str, translations: dict | None = None) -> tuple[str, str, str, str]:
    """French, English, Spanish and Portuguese names of a country (pycountry's translations).

    >>> country_labels("DE")
    ('Allemagne', 'Germany', 'Alemania', 'Alemanha')
    """
    import pycountry

    tr = translations or pycountry_translations()
    country = pycountry.countries.get(alpha_2=code)
    common = getattr(country, "common_name", None)

    def said(lang: str) -> str:
        translated = tr[lang].gettext(common) if common else None
        return translated if translated and translated != common else tr[lang].gettext(country.name)

    return said("fr"), common or country.name, said("es"), said("pt")


def with_slug(record: tuple) -> tuple:
    """A gazetteer record (geonames id, name, population, admin1) with its name's slug."""
    return (*record, slug(record[1]) or f"g{record[0]}")


def sample_cities(rng, records: list[tuple], power: float, n: int) -> list[tuple]:
    """Up to ``n`` records in a weighted random order (weight population^power), one per slug.

    ``rng`` is a numpy Generator (Efraimidis–Spirakis keys, drawn for all records at once).

    >>> import numpy as np
    >>> cities = [(1, "Big", 10**6, ""), (2, "Small", 10, ""), (3, "Big", 5, "")]
    >>> [c[1] for c in sample_cities(np.random.default_rng(0), cities, 1.0, 5)]
    ['Big', 'Small']
    """
    import numpy as np

    population = np.fromiter((r[2] for r in records), dtype=float, count=len(records))
    keys = np.log1p(-rng.random(len(records))) / (population + 1.0) ** power
    return _first_by_slug((records[i] for i in np.argsort(-keys, kind="stable").tolist()), n)


def largest_cities(records: list[tuple], n: int) -> list[tuple]:
    """The ``n`` most populous records, one per slug (with it).

    >>> largest_cities([(1, "A", 5, ""), (2, "B", 50, ""), (3, "B", 7, "")], 2)
    [(2, 'B', 50, '', 'b'), (1, 'A', 5, '', 'a')]
    """
    return _first_by_slug(sorted(records, key=lambda r: (-r[2], r[0])), n)


def _first_by_slug(records, n: int) -> list[tuple]:
    """The first ``n`` records (with their slug) of distinct slugs, in the order given."""
    seen: set[str] = set()
    ordered: list[tuple] = []
    for record in map(with_slug, records):
        if record[4] not in seen:
            seen.add(record[4])
            ordered.append(record)
            if len(ordered) == n:
                break
    return ordered


_DIGIT = re.compile(r"\d")


@cache
def gazetteer_by_country() -> dict[str, list[tuple]]:
    """Gazetteer cities per country: (geonames id, name, population, admin1), by id."""
    from graphkit.tables.gazetteer import gazetteer_cities

    by_country: dict[str, list[tuple]] = {}
    for gid, rec in gazetteer_cities().items():
        by_country.setdefault(rec["countrycode"], []).append(
            (int(gid), rec["name"], rec["population"] or 0, rec["admin1code"])
        )
    return by_country


def named_cities(records: list[tuple]) -> list[tuple]:
    """Cities by geonames id, without names holding digits (Paris 15 Vaugirard…)."""
    return sorted(r for r in records if not _DIGIT.search(r[1]))


def choose_countries(n: int, city_counts: dict[str, int]) -> list[str]:
    """``n`` partner countries: ``PRIORITY`` first, then by number of gazetteer cities.

    Only ISO 3166-1 countries with ``MIN_CITIES`` cities or more, France and its overseas
    territories left out.

    >>> choose_countries(3, {"DE": 100, "IT": 100, "GB": 100, "XX": 1000})
    ['DE', 'IT', 'GB']
    """
    from graphkit.tables.gazetteer import country_name

    by_size = sorted(city_counts, key=lambda c: (-city_counts[c], c))
    chosen: list[str] = []
    for code in [*PRIORITY, *by_size]:
        if (
            code not in chosen
            and code not in NOT_PARTNERS
            and city_counts.get(code, 0) >= MIN_CITIES
            and country_name(code)
        ):
            chosen.append(code)
        if len(chosen) == n:
            return chosen
    raise SynthError(f"only {len(chosen)} countries have {MIN_CITIES} gazetteer cities or more")
