"""Do the matchers find hidden links better than chance, popularity and plain Jaccard?

Two offline protocols of :mod:`graphkit.match.evaluate`, graphkit and its baselines measured
in the same run on the same hidden links: (1) the shipped data — a share of the memberships,
partnerships' countries and themes, interests is hidden from the matchers' projection;
(2) Wikipedia's twin-town lists — each French town with two partners or more loses one.
Prints one table each (means over every query of every seed), the spread of the MRR over
seeds, and the time taken. Run: python benchmarks/evaluate_matchers.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

import graphkit
from graphkit.match.evaluate import METHODS, link_prediction, twinning_prediction
from graphkit.match.scoring import projection

ROOT = Path(__file__).resolve().parent.parent
TWINNINGS = ROOT.parent / "shared" / "external" / "wikipedia-twin-cities-world.csv"


def table(result: pd.DataFrame, per_seed: list[pd.DataFrame]) -> str:
    """Methods as rows; P@k and R@k for each k, MRR and its spread over seeds as columns."""
    wide = result.pivot(index="method", columns="k", values=["precision@k", "recall@k"])
    wide.columns = [f"{'P' if m.startswith('p') else 'R'}@{k}" for m, k in wide.columns]
    wide = wide[sorted(wide.columns, key=lambda c: (int(c[2:]), c[0]))]
    first = result.drop_duplicates("method").set_index("method")
    wide["MRR"] = first["MRR"]
    seeds = pd.DataFrame(
        {i: r.drop_duplicates("method").set_index("method")["MRR"] for i, r in enumerate(per_seed)}
    )
    wide["MRR sd/seed"] = seeds.std(axis=1, ddof=1)
    above = (seeds.loc["graphkit"] > seeds).sum(axis=1)
    wide["gk above (seeds)"] = [
        f"{above[m]}/{seeds.shape[1]}" if m != "graphkit" else "" for m in wide.index
    ]
    lines = wide.loc[list(METHODS)].to_string(float_format=lambda v: f"{v:.3f}")
    n, attrs = int(first["n_queries"].iloc[0]), result.attrs
    return f"{lines}\n{n} queries; {attrs['hidden']} links hidden, {attrs['cold']} cold (nobody else holds them: not asked)"


def run(name: str, evaluate, seeds: list[int]) -> None:
    start = time.perf_counter()
    result = evaluate(seeds)
    elapsed = time.perf_counter() - start
    per_seed = [evaluate([s]) for s in seeds]
    print(f"\n{name} — {len(seeds)} seeds, {elapsed:.2f} s")
    print(table(result, per_seed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds 0 … N-1 (default 20)")
    parser.add_argument(
        "--share", type=float, default=0.2, help="share of links hidden (shipped data)"
    )
    parser.add_argument("--k", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument(
        "--twinnings", default=str(TWINNINGS), help="Wikipedia twin-town pairs (CSV)"
    )
    args = parser.parse_args()
    seeds = list(range(args.seeds))

    start = time.perf_counter()
    p = projection(graphkit.from_tables(args.data))
    print(
        f"shipped data: {len(p.actors)} actors × {len(p.features)} features, {p.matrix.nnz} cells; built in {time.perf_counter() - start:.2f} s"
    )
    run(
        f"Shipped data: {args.share:.0%} of the theme/network/group/country links hidden",
        lambda s: link_prediction(p, args.share, s, args.k),
        seeds,
    )
    run(
        "Twin towns (Wikipedia): one partner hidden per French town with ≥ 2",
        lambda s: twinning_prediction(args.twinnings, s, args.k, p.weights),
        seeds,
    )


if __name__ == "__main__":
    main()
