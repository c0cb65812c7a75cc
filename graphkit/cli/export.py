"""`graphkit export`: the graph as one RDF file, with its VoID/DCAT description."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli.core import fail, graph_option, main, no_personal_data_option, open_graph
from graphkit.sparql.export import FORMATS


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="turtle",
    show_default=True,
    help="nquads and trig keep the ontology and the thesaurus in named graphs; the others merge.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (through a temporary file: never half-written).",
)
@no_personal_data_option
@graph_option
def export(fmt: str, out: Path, no_personal_data: bool, graph_path: Path) -> None:
    """Export the graph, its ontology, thesaurus and a VoID/DCAT description to one file."""
    from graphkit.sparql.export import export as write_export

    kg = open_graph(graph_path)
    try:
        counts = write_export(kg, out, fmt, personal_data=not no_personal_data)
    except OSError as err:
        fail(f"error: cannot write {out}: {err.strerror or err}")
    parts = counts["graphs"]
    line = (
        f"wrote {out} ({fmt}): {counts['statements']} statements — data {parts['data']}, "
        f"ontology {parts['ontology']}, thesaurus {parts['themes']}, "
        f"description {parts['description']}"
    )
    if no_personal_data:
        line += (
            f"; personal data left out ({counts['people_removed']} people, "
            f"{counts['notes_removed']} notes naming them)"
        )
    click.echo(line)
