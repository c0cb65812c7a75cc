"""Does graphkit find real links better than the classic link predictors?

Runs the protocols of :mod:`graphkit.match.protocols` — (a) Wikidata's French twinnings,
(b) Wikipedia's world list and its South–South pairs, (c) the shipped data's informative
links — graphkit and every baseline on the same hidden links in the same run, and prints
one Markdown table (test split, means over seeds, 95 % bootstrap interval of the MRR),
the time taken, and whether the targets are met (graphkit's MRR ≥ 1.5 × the best
baseline's with its interval above every baseline's on (a) and (b); above every baseline
on (c)). Run: python benchmarks/evaluate_matchers.py [--seeds 5] [--sample N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

import graphkit
from graphkit.match.protocols import evaluate

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "external"


def markdown(frame: pd.DataFrame) -> str:
    """The table as Markdown rows (no extra dependency)."""
    cells = [
        [f"{v:.3f}" if isinstance(v, float) else str(v) for v in row]
        for row in frame.itertuples(index=False)
    ]
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    return "\n".join(lines + ["| " + " | ".join(c) + " |" for c in cells])


def verdict(frame: pd.DataFrame) -> list[str]:
    out = []
    for protocol, rows in frame.groupby("protocol", sort=False):
        rows = rows.set_index("method")
        gk, others = rows.loc["graphkit"], rows.drop(index="graphkit")
        best = others["MRR"].idxmax()
        ratio = gk["MRR"] / others["MRR"].max() if others["MRR"].max() > 0 else float("inf")
        above = bool((gk["MRR_low"] > others["MRR_high"]).all())
        if protocol.startswith("c"):
            met = bool((gk["MRR"] > others["MRR"]).all())
        else:
            met = ratio >= 1.5 and above
        low, high = others.loc[best, ["ratio_low", "ratio_high"]]
        out.append(
            f"{protocol}: graphkit {gk['MRR']:.3f} vs best baseline {best} "
            f"{others['MRR'].max():.3f} ({ratio:.2f}×, paired 95 % interval {low:.2f}–"
            f"{high:.2f}×); interval above every baseline's: "
            f"{'yes' if above else 'no'}; target met: {'yes' if met else 'NO'}"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="seeds 0 … N-1 (default 5)")
    parser.add_argument(
        "--sample", type=int, default=0, help="test queries per seed (default 0: all)"
    )
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--french-list", default=str(EXTERNAL / "wikidata-twinnings-france.tsv"))
    parser.add_argument("--world-list", default=str(EXTERNAL / "wikipedia-twin-cities-world.csv"))
    args = parser.parse_args()
    start = time.perf_counter()
    frame = evaluate(
        graphkit.from_tables(args.data),
        args.french_list,
        args.world_list,
        range(args.seeds),
        args.sample or None,
    )
    print(markdown(frame))
    print(
        f"\n{args.seeds} seeds, ≤ {args.sample or 'all'} test queries per seed and protocol, "
        f"{time.perf_counter() - start:.0f} s"
    )
    print("\n".join(verdict(frame)))


if __name__ == "__main__":
    main()
