"""Proposal commands: facts read from meeting minutes, reviewed, then added to ``data/``."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli.core import data_option, main, report_problems


@main.command("propose")
@click.argument("minutes", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default="proposals.csv",
    show_default=True,
    help="CSV of proposals to review (fill its `accept` column with yes).",
)
def propose_cmd(minutes: Path, data_dir: Path, out: Path) -> None:
    """Read meeting minutes and propose rows for the tables, each with its sentence.

    Speakers ("Name, Role à la ville de X :"), sentences and "→" conclusions are read;
    known actors, groups, events, themes and countries are found by their labels in every
    language (case, accents and small spelling differences ignored). Each proposal says
    whether the tables already hold it (known), lack it (new) or say otherwise
    (contradicts). Nothing in the tables changes: review the file, write yes in the
    `accept` column of the rows to keep, then run `graphkit accept`.
    """
    from graphkit.ingest.propose import propose, write_proposals
    from graphkit.tables import DataError, load_tables

    try:
        data = load_tables(data_dir)
    except DataError as err:
        report_problems(err.problems, str(data_dir))
    proposals = propose(minutes, data)
    write_proposals(proposals, out)
    counts: dict[str, int] = {}
    for p in proposals:
        counts[p.status] = counts.get(p.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    click.echo(f"wrote {out}: {len(proposals)} proposals ({summary or 'none'})", err=True)


@main.command("accept")
@click.argument("proposals", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_option
@click.option(
    "--minutes",
    help="Path of the minutes for the sources.csv row (relative to the shared folder).",
)
def accept_cmd(proposals: Path, data_dir: Path, minutes: str | None) -> None:
    """Add the proposals whose `accept` column is yes to the tables, all or nothing.

    The rows keep their provenance (source = the minutes, speaker); a sources.csv row is
    added for minutes not yet listed. The tables are checked with the new rows before
    anything is written: if any row would make them invalid, or contradicts them, the
    whole batch is refused and the problems are listed.
    """
    from graphkit.ingest.propose_accept import accept
    from graphkit.tables import DataError

    try:
        added = accept(proposals, data_dir, minutes)
    except DataError as err:
        report_problems(err.problems, f"{data_dir} with the accepted rows")
    summary = ", ".join(f"{t}.csv +{len(rows)}" for t, rows in added.items())
    click.echo(f"wrote {data_dir}: {summary or 'nothing accepted'}", err=True)
