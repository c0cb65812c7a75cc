"""Import commands: outside lists into the tables of ``data/``, checked, all or nothing."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli.core import data_option, fail, main, report_problems
from graphkit.cli.output import emit, format_option


@main.command("import-twinnings")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_option
@click.option(
    "--all",
    "all_pairs",
    is_flag=True,
    help="Add every resolvable pair with a French town, not only pairs with an actor already "
    "in the tables.",
)
@click.option("--dry-run", is_flag=True, help="Report what would be added; write nothing.")
@format_option
def import_twinnings(file: Path, data_dir: Path, all_pairs: bool, dry_run: bool, fmt: str) -> None:
    """Add the twinnings of a twin-town list (Wikidata TSV or Wikipedia world CSV) to the tables.

    Each town is resolved against the actors of the tables (communes, municipios) and the
    GeoNames gazetteer; a pair already linked is not added again, and what cannot be
    resolved is listed with the reason. One line per pair in scope on standard output,
    the counts on standard error. The tables are checked with the new rows before anything
    is written; if the check fails nothing changes.
    """
    from graphkit.ingest.twinnings import RESULT_COLUMNS, plan_import
    from graphkit.tables import DataError, load_tables
    from graphkit.tables.write import append_rows

    try:
        data = load_tables(data_dir)
    except DataError as err:
        report_problems(err.problems, str(data_dir))
    try:
        plan = plan_import(file, data, all_pairs=all_pairs)
    except (ValueError, UnicodeDecodeError) as err:
        fail(f"error: {err}")
    emit(plan.results, fmt, "no pair in scope", RESULT_COLUMNS)
    click.echo(f"{file.name}: {plan.summary()}", err=True)
    if dry_run or not plan.additions:
        click.echo("nothing written" + (" (dry run)" if dry_run else ""), err=True)
        return
    try:
        append_rows(data_dir, plan.additions)
    except DataError as err:
        report_problems(err.problems, f"{data_dir} with the imported rows")
    added = ", ".join(f"{table}.csv +{len(rows)}" for table, rows in plan.additions.items())
    click.echo(f"wrote {data_dir}: {added} rows", err=True)
