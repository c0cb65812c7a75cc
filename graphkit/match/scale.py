"""One 0–1 scale for every matcher's score, so that suggestions of different matchers
(an expert pair, a South–South pair, a partner abroad) can be ranked against each other.

Each matcher adds up its terms into a raw score r ≥ 0 (its own units: shared features ×
rarity for peers, evidence for experts, the fitted terms for partners). The score shown is

    score = 1 − 2^(−r / m)

where m is the median raw score of the matcher's ten best suggestions per authority (per
theme for experts, overall for South–South) on the shipped data, kept in
:class:`.weights.Weights` (``scale_peers``, ``scale_experts``, ``scale_south``,
``scale_partners``): a typical good suggestion of any matcher scores 0.5, one twice as
strong 0.75, nothing shared 0. It is an anchoring, not a probability. A reason's
contribution is its share of r times the score, so the contributions add up to the score.

>>> unit(1.0, 1.0)
0.5
>>> split(0.75, [3.0, 1.0])
[0.5625, 0.1875]
"""

from __future__ import annotations

import math


def unit(raw: float, median: float) -> float:
    """The 0–1 score of a raw score, given the matcher's median good raw score.

    >>> unit(0.0, 2.0), unit(4.0, 2.0)
    (0.0, 0.75)
    """
    if raw <= 0 or median <= 0:
        return 0.0
    return -math.expm1(-math.log(2) * raw / median)


def split(score: float, terms: list[float]) -> list[float]:
    """Each term's part of ``score``, in proportion to the raw terms (they add up to it)."""
    total = sum(terms)
    return [score * t / total if total > 0 else 0.0 for t in terms]
