"""Every scoring weight of the matchers, in one place, with its meaning.

Override any of them with a TOML file (``graphkit peers … --weights my.toml``) or, from
Python, ``Weights(theme=2.0)`` / ``load_weights(path)``. Results are deterministic for a
given graph and weights.

>>> Weights().status["stand-by"] < Weights().status["active"]
True
>>> Weights(theme=2.0).theme
2.0
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


def _status() -> dict[str, float]:
    return {"active": 1.0, "stand-by": 0.5, "planned": 0.5, "proposed": 0.3, "ended": 0.25}


@dataclass(frozen=True)
class Weights:
    """Scoring weights. Feature kinds weigh a shared feature; status scales the evidence."""

    # How much one shared feature of each kind counts (before its rarity, see `idf`).
    theme: float = 1.0
    country: float = 0.8
    region: float = 0.4
    group: float = 0.6
    network: float = 0.6
    event: float = 0.3
    # How strongly an actor holds a feature, by the status of the fact that gives it:
    # an active partnership counts fully, stand-by half, an ended one a quarter.
    status: dict[str, float] = field(default_factory=_status)
    interest: float = 1.0  # an authority says it wants to work on a theme
    expertise: float = 1.0  # an authority says it has done it and can teach it
    # A theme also counts, decayed, for each broader theme ("forêt" -> "biodiversité").
    hierarchy_decay: float = 0.5
    # Rarer features weigh more: idf = log(1 + actors / actors holding it), if True.
    idf: bool = True
    # A fact held by this share of the actors of one kind (or more) is no reason: nearly
    # everyone holds it (the meeting every French authority attended); a kind with fewer
    # than common_min_actors actors holding anything has no such fact.
    common_share: float = 0.6
    common_min_actors: int = 5
    # experts: evidence of having done a theme
    expert_expertise: float = 1.0
    expert_partnership: float = 0.8
    expert_interest: float = 0.1
    # the least evidence that makes an expert, as a share of one partnership on the theme:
    # below it an actor has only stated an interest, and is not shown as an expert
    expert_floor: float = 0.2
    # experts --for: preference for experts close to the asker
    expert_near: float = 0.5  # same country or macro-region of cooperation
    expert_connected: float = 0.5  # a shared network or group
    # south-south: French partners that are peers count this much of their peer score
    south_peer: float = 0.5
    # meet: how each matcher's normalised scores count in the whole picture
    meet_peers: float = 1.0
    meet_experts: float = 1.0
    meet_south: float = 0.8
    # embassy: how surely an embassy covers a cooperation in a country: its recorded coverage
    # holds the country, or a macro-region the country is in, or it is that country's
    # embassy in France
    embassy_country: float = 1.0
    embassy_region: float = 0.8
    embassy_represents: float = 0.5
    # groups: fewer active French members than this puts a country group at risk
    group_min_members: int = 3
    # One 0–1 scale (graphkit.match.scale): score = 1 − 2^(−raw / m), m the median raw score
    # of the matcher's ten best suggestions on the shipped data (measured 2026-11-30).
    scale_peers: float = 1.03
    scale_experts: float = 0.8
    scale_south: float = 0.0284
    scale_partners: float = 0.0237
    # partners: a weights file written by `graphkit fit` (None: the one shipped with graphkit)
    partner_weights: str | None = None


def load_weights(path: str | Path | None) -> Weights:
    """Weights from a TOML file of overrides (keys as in :class:`Weights`); defaults if None.

    >>> load_weights(None) == Weights()
    True
    """
    if path is None:
        return Weights()
    with open(path, "rb") as f:
        overrides = tomllib.load(f)
    if "partners" in overrides or "south_south" in overrides:  # a file written by `graphkit fit`
        return Weights(partner_weights=str(path))
    known = {f.name for f in dataclasses.fields(Weights)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise ValueError(
            f"{path}: unknown weight(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    if "status" in overrides:
        overrides["status"] = {**_status(), **overrides["status"]}
    return Weights(**overrides)
