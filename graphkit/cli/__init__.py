"""The ``graphkit`` command line: a thin layer of parsing and rendering over the library.

Heavy libraries (pyoxigraph, rdflib, pandas, networkx) are imported inside the commands so
that ``graphkit --help`` starts at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .output import emit, format_option, render

DEFAULT_GRAPH = "build/graph.ttl"

graph_option = click.option(
    "--graph",
    "graph_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_GRAPH,
    show_default=True,
    help="The build to open: the path given to `graphkit build --out`.",
)


def fail(message: str) -> None:
    """Print one clear line (or several problem lines) on stderr and exit 1."""
    click.echo(message, err=True)
    sys.exit(1)


def open_graph(path: Path):
    from ..graph import load
    from ..store import NoBuildError

    try:
        return load(path)
    except NoBuildError as err:
        fail(f"error: {err}")


def resolve(kg, name: str) -> str:
    from ..names import UnknownNameError

    try:
        return kg.resolve(name)
    except UnknownNameError as err:
        fail(f"error: {err}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphkit")
def main() -> None:
    """graphkit — the knowledge graph of decentralised cooperation (Cités Unies France).

    Build the graph from the tables in data/, then query it.
    """


def _report_problems(problems, what: str) -> None:
    for p in problems:
        click.echo(str(p), err=True)
    fail(f"{len(problems)} problem(s) in {what}; nothing written")


@main.command()
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="data",
    show_default=True,
    help="Folder of the tables.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_GRAPH,
    show_default=True,
    help="Turtle file to write; the store is kept beside it.",
)
@click.option("--shacl", is_flag=True, help="Also validate the built graph with the SHACL shapes.")
def build(data_dir: Path, out: Path, shacl: bool) -> None:
    """Check the tables, build the graph, write Turtle and the store."""
    import itertools

    from ..graph import KnowledgeGraph, load
    from ..ontology_files import theme_ids
    from ..shapes import validate
    from ..store import write_build
    from ..tables import DataError, load_tables
    from ..to_rdf import data_quads, ontology_quads

    try:
        data = load_tables(data_dir)
    except DataError as err:
        _report_problems(err.problems, str(data_dir))
    if shacl:
        import pyoxigraph as ox

        scratch = ox.Store()
        scratch.extend(itertools.chain(data_quads(data), ontology_quads()))
        problems = validate(KnowledgeGraph(scratch))
        if problems:
            _report_problems(problems, "the built graph (SHACL)")
    meta = write_build(itertools.chain(data_quads(data), ontology_quads()), out)
    kg = load(out)
    counts = {r["name"]: r["count"] for r in _stats(kg) if r["what"] == "class"}
    actors = sum(
        counts.get(f"gk:{k}", 0)
        for k in ("FrenchAuthority", "ForeignAuthority", "Network", "Embassy", "Organisation")
    )
    click.echo(
        f"built {out}: {meta['triples']} triples, {actors} actors, "
        f"{counts.get('gk:Partnership', 0)} partnerships, "
        f"{len(theme_ids())} themes" + (", SHACL valid" if shacl else "")
    )


def _stats(kg):
    from ..summary import stats

    return stats(kg)


@main.command()
@click.argument(
    "data_dir", type=click.Path(file_okay=False, path_type=Path), default="data", required=False
)
def validate(data_dir: Path) -> None:
    """Check the tables in DATA_DIR and validate the graph they make against the SHACL shapes."""
    from ..graph import from_tables
    from ..shapes import validate as shacl_validate
    from ..tables import DataError

    try:
        kg = from_tables(data_dir)
    except DataError as err:
        _report_problems(err.problems, str(data_dir))
    problems = shacl_validate(kg)
    if problems:
        _report_problems(problems, "the graph (SHACL)")
    click.echo(f"{data_dir}: valid ({len(kg.store)} quads)")


@main.command()
@graph_option
@format_option
def stats(graph_path: Path, fmt: str) -> None:
    """Count instances per class and triples per relation."""
    kg = open_graph(graph_path)
    emit(_stats(kg), fmt, "the graph is empty")


@main.command()
@click.argument("name")
@graph_option
@format_option
def show(name: str, graph_path: Path, fmt: str) -> None:
    """Show one entity: type, labels in all languages, every relation in and out, sources."""
    from ..summary import describe

    kg = open_graph(graph_path)
    info = describe(kg, resolve(kg, name))
    if fmt == "json":
        import json

        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    columns = ["direction", "predicate", "value", "value_id", "status", "source", "source_row"]
    if fmt == "csv":
        click.echo(render(info["relations"], "csv", columns), nl=False)
        return
    click.echo(f"{info['id']}  <{info['iri']}>")
    click.echo("type: " + ", ".join(info["types"]))
    if info["source"]:
        click.echo(f"source: {info['source']} ({info['source_row']})")
    for label in info["labels"]:
        lang = f"@{label['lang']}" if label["lang"] else ""
        click.echo(f"{label['property']}: {label['label']}{lang}")
    click.echo()
    click.echo(render(info["relations"], "table", columns[:5] + ["source_row"]), nl=False)


@main.command()
@click.argument("query_or_file")
@graph_option
@format_option
def sparql(query_or_file: str, graph_path: Path, fmt: str) -> None:
    """Run a SPARQL SELECT or ASK query (text or .rq file); standard prefixes are declared.

    JSON output is the standard SPARQL 1.1 query results document.
    """
    import pyoxigraph as ox

    path = Path(query_or_file)
    text = (
        path.read_text(encoding="utf-8")
        if path.suffix == ".rq" or path.is_file()
        else query_or_file
    )
    kg = open_graph(graph_path)
    try:
        results = kg.query(text)
    except SyntaxError as err:
        fail(f"error: invalid SPARQL: {err}")
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            click.echo("true" if bool(results) else "false")
        else:
            form = ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.CSV
            click.echo(results.serialize(format=form).decode("utf-8"))
        return
    if not isinstance(results, ox.QuerySolutions):
        fail("error: only SELECT and ASK queries are answered here")
    if fmt == "json":
        click.echo(results.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8"))
        return
    from ..graph import term_value

    names = [v.value for v in results.variables]
    rows = [{n: term_value(s[n]) for n in names} for s in results]
    emit(rows, fmt, "no results", names)


# Commands defined in their own modules register themselves on `main`.
from . import match, viz  # noqa: E402, F401
