"""The ``graphkit`` command line: a thin layer of parsing and rendering over the library.

Heavy libraries (pyoxigraph, rdflib, pandas, networkx) are imported inside the commands so
that ``graphkit --help`` starts at once.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from graphkit.cli.output import emit, format_option, printable, render
from graphkit.text.i18n import LANGS, say

DEFAULT_GRAPH = "build/graph.ttl"

graph_option = click.option(
    "--graph",
    "graph_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_GRAPH,
    show_default=True,
    help="The build to open: the path given to `graphkit build --out`.",
)

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="data",
    show_default=True,
    help="Folder of the tables.",
)

endpoint_option = click.option(
    "--endpoint",
    metavar="URL",
    help="Query this SPARQL endpoint instead of the build (after `graphkit push`, or "
    "`graphkit serve`'s http://127.0.0.1:7878/query); add ?default-graph-uri=IRI for a "
    "graph pushed with --graph-iri.",
)


no_personal_data_option = click.option(
    "--no-personal-data",
    is_flag=True,
    help="Leave out people's names and roles (and the notes that name them).",
)


def lang_option(what: str):
    """``--lang``, French by default, for a command whose ``what`` it chooses the language of."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default="fr",
        show_default=True,
        help=f"Language of {what}.",
    )


def fail(message: str) -> None:
    """Print one clear line (or several problem lines) on stderr and exit 1."""
    click.echo(printable(message), err=True)
    sys.exit(1)


def open_graph(path: Path, endpoint: str | None = None):
    from graphkit.facade import load
    from graphkit.graph.store import BuildError, NoBuildError

    if endpoint:
        from graphkit.sparql.remote import EndpointError, RemoteGraph

        remote = RemoteGraph(endpoint)
        try:
            remote.check()
        except (EndpointError, SyntaxError) as err:
            fail(f"error: {err}")
        return remote
    try:
        return load(path)
    except (NoBuildError, BuildError) as err:
        fail(f"error: {err}")


def resolve(kg, name: str, expect=None) -> str:
    from graphkit.graph.names import UnknownNameError

    try:
        return kg.resolve(name, expect)
    except UnknownNameError as err:
        fail(f"error: {err}")


class _ToStderr(logging.Handler):
    """Notes of the library ("Nice → Nice Côte d'Azur Métropole") on the current stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(record.getMessage(), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphkit")
def main() -> None:
    """graphkit — the knowledge graph of decentralised cooperation (Cités Unies France).

    Build the graph from the tables in data/, then query it.
    """
    names_log = logging.getLogger("graphkit.graph.names")
    names_log.setLevel(logging.INFO)
    if not any(isinstance(h, _ToStderr) for h in names_log.handlers):
        names_log.addHandler(_ToStderr())


def report_problems(problems, what: str) -> None:
    from graphkit.tables.problems import listed

    for line in listed(list(problems)):
        click.echo(line, err=True)
    fail(f"{len(problems)} problem(s) in {what}; nothing written")


@main.command()
@data_option
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
    from graphkit.facade import build as run
    from graphkit.graph.store import BuildError
    from graphkit.graph.summary import build_counts
    from graphkit.tables import DataError, load_tables

    try:
        data = load_tables(data_dir)
    except DataError as err:
        report_problems(err.problems, str(data_dir))
    try:
        kg = run(data, out, shacl=shacl)
    except DataError as err:  # the tables were fine: the graph they make breaks a shape
        report_problems(err.problems, "the built graph (SHACL)")
    except BuildError as err:
        fail(f"error: {err}")
    n = build_counts(kg)
    click.echo(
        f"built {out}: {n['triples']} triples, {n['actors']} actors, "
        f"{n['partnerships']} partnerships, {n['themes']} themes"
        + (", SHACL valid" if shacl else "")
    )


def _stats(kg):
    from graphkit.graph.summary import stats

    return stats(kg)


@main.command()
@click.argument(
    "data_dir", type=click.Path(file_okay=False, path_type=Path), default="data", required=False
)
def validate(data_dir: Path) -> None:
    """Check the tables in DATA_DIR and validate the graph they make against the SHACL shapes."""
    from graphkit.graph.shapes import validate_tables
    from graphkit.tables import DataError, load_tables

    try:
        data = load_tables(data_dir)
    except DataError as err:
        report_problems(err.problems, str(data_dir))
    problems = validate_tables(data)  # in chunks: a world-scale graph in bounded memory
    if problems:
        report_problems(problems, "the graph (SHACL)")
    rows = sum(len(records) for records in data.records.values())
    click.echo(f"{data_dir}: valid ({rows} rows, SHACL shapes met)")


@main.command()
@graph_option
@endpoint_option
@format_option
def stats(graph_path: Path, endpoint: str | None, fmt: str) -> None:
    """Count instances per class and triples per relation."""
    kg = open_graph(graph_path, endpoint)
    emit(_stats(kg), fmt, "the graph is empty")


@main.command()
@click.argument("name")
@click.option("--raw", is_flag=True, help="RDF terms (CURIEs) instead of words.")
@lang_option("the words for relations and types")
@graph_option
@endpoint_option
@format_option
def show(name: str, raw: bool, lang: str, graph_path: Path, endpoint: str | None, fmt: str) -> None:
    """Show one entity: type, labels in all languages, every relation in and out, sources.

    Relations and types are in words ("situé à", "ville"); --raw prints the RDF terms.
    """
    from graphkit.graph.summary import describe, term_words

    kg = open_graph(graph_path, endpoint)
    info = describe(kg, resolve(kg, name))
    if fmt == "json":
        import json

        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    columns = ["direction", "predicate", "value", "value_id", "status", "source", "source_row"]
    if fmt == "csv":
        click.echo(render(info["relations"], "csv", columns), nl=False)
        return
    if raw:
        click.echo(printable(f"{info['id']}  <{info['iri']}>"))
        click.echo("type: " + ", ".join(info["types"]))
        if info["source"]:
            click.echo(printable(f"source: {info['source']} ({info['source_row']})"))
        for label in info["labels"]:
            lang_tag = f"@{label['lang']}" if label["lang"] else ""
            click.echo(printable(f"{label['property']}: {label['label']}{lang_tag}"))
        click.echo()
        click.echo(render(info["relations"], "table", columns[:5] + ["source_row"]), nl=False)
        return
    terms = [r["predicate"] for r in info["relations"]] + info["types"]
    terms += [label["property"] for label in info["labels"]]
    words = term_words(kg, terms, lang)
    heads = {
        k: say(f"show.{k}", lang) for k in ("type", "source", "relation", "value", "status", "row")
    }
    names = [label for label in info["labels"] if label["property"] != "skos:altLabel"]
    title = next((x["label"] for x in names if x["lang"] == lang), None) or kg.label(info["id"])
    click.echo(printable(f"{title} ({info['id']})"))
    click.echo(printable(f"{heads['type']}: " + ", ".join(words[t] for t in info["types"])))
    if info["source"]:
        click.echo(printable(f"{heads['source']}: {info['source']} ({info['source_row']})"))
    for prop in dict.fromkeys(label["property"] for label in info["labels"]):
        found = [x for x in info["labels"] if x["property"] == prop]
        shown = ", ".join(f"{x['label']} ({x['lang']})" if x["lang"] else x["label"] for x in found)
        click.echo(printable(f"{words[prop]}: {shown}"))
    click.echo()
    rows = [
        {
            heads["relation"]: ("→ " if r["direction"] == "out" else "← ") + words[r["predicate"]],
            heads["value"]: r["value"],
            heads["status"]: say(f"status.{r['status']}", lang, otherwise=r["status"])
            if r["status"]
            else "",
            heads["row"]: r["source_row"],
        }
        for r in info["relations"]
    ]
    click.echo(render(rows, "table"), nl=False)


def _saved_or_given(query_or_file: str):
    from graphkit.sparql.saved_queries import saved_or_given

    try:
        return saved_or_given(query_or_file)
    except (OSError, ValueError, LookupError) as err:
        fail(f"error: {err}")


def _checked_locally(query):
    """The query with its line breaks normalised, or exit 1 if it calls a SERVICE: the
    embedded engine would call any address it names (graphkit.sparql.query_guard)."""
    import dataclasses

    from graphkit.model.vocab import PREFIXES
    from graphkit.sparql.query_guard import QueryRefused, UnparsableQuery, check_query, normalise

    text = normalise(query.text)
    try:
        check_query(text, (), PREFIXES)
    except QueryRefused as err:
        fail(f"error: {err}")
    except UnparsableQuery as err:
        fail(f"error: invalid SPARQL: {err}")
    return dataclasses.replace(query, text=text)


def _param_values(params: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for given in params:
        name, eq, value = given.partition("=")
        if not eq or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {given!r}", param_hint="--param")
        if name.strip() in values:
            raise click.BadParameter(f"{name.strip()} given twice", param_hint="--param")
        values[name.strip()] = value
    return values


@main.command()
@click.argument("query_or_file", required=False)
@click.option(
    "--list", "list_saved", is_flag=True, help="List the saved queries and their parameters."
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter of the query, bound as an RDF term (repeatable).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=60,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this long (exit 1); 0 for no limit. Ctrl-C stops it too.",
)
@click.option(
    "--limit", type=click.IntRange(min=0), help="At most this many rows (a page of a listing)."
)
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first.")
@graph_option
@endpoint_option
@format_option
def sparql(
    query_or_file: str | None,
    list_saved: bool,
    params: tuple[str, ...],
    timeout: float,
    limit: int | None,
    offset: int,
    graph_path: Path,
    endpoint: str | None,
    fmt: str,
) -> None:
    """Run a SPARQL SELECT or ASK query: a saved query's NAME, a .rq file or the query text.

    Standard prefixes are declared. `--list` shows the saved queries and their parameters;
    `--param theme=eau` binds one (names are resolved to their IRI, never spliced into the
    text). JSON output is the standard SPARQL 1.1 query results document. A query stops
    after --timeout seconds, or at Ctrl-C, with one line on stderr. `--limit N` and
    `--offset M` print one page of a long listing.
    """
    from graphkit.sparql import saved_queries as sq

    if list_saved:
        rows = [
            {"name": q.name, "params": [str(p) for p in q.params], "title": q.title}
            | ({"answers": q.answers} if fmt != "table" else {})
            for q in sq.list_queries()
        ]
        emit(rows, fmt, "no saved queries")
        return
    if not query_or_file:
        raise click.UsageError("give a saved query NAME, a .rq file or a query (or --list)")
    query = _saved_or_given(query_or_file)
    values = _param_values(params)
    kg = open_graph(graph_path, endpoint)
    if endpoint is None:
        query = _checked_locally(query)
    from graphkit.graph.deadline import TimeLimit, within

    def write(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()  # a page at a time: a reader has the first rows at once

    try:
        empty = within(timeout, lambda: _answer(kg, query, values, fmt, write, limit, offset))
    except TimeLimit:
        _exit_now(
            f"error: the query ran for more than {timeout:g} s and was stopped: narrow it, "
            "or give a longer --timeout (0 for none)",
            1,
        )
    except KeyboardInterrupt:
        _exit_now("interrupted: the query was stopped", 130)
    if empty:
        click.echo(empty, err=True)


def _exit_now(message: str, code: int) -> None:
    # The query cannot be cancelled inside Oxigraph: end the process, worker thread and all.
    import os

    sys.stdout.flush()
    click.echo(message, err=True)
    sys.stderr.flush()
    os._exit(code)


def _answer(
    kg, query, values: dict[str, str], fmt: str, write, limit: int | None = None, offset: int = 0
) -> str | None:
    """Run the query and write its answer with ``write``; return the empty-result sentence.

    CSV and JSON are written as the rows come (a listing with a keys query comes a page at
    a time: graphkit.sparql.listing); a table waits for every row to size its columns."""
    import pyoxigraph as ox

    from graphkit.sparql import saved_queries as sq
    from graphkit.sparql.listing import solutions

    errors: tuple[type[Exception], ...] = (sq.ParamError,)
    if kg.meta.get("endpoint"):  # a remote store (urllib's import is 0.1 s of a local query)
        from graphkit.sparql.remote import EndpointError

        errors += (EndpointError,)
    try:
        if query.saved and sq.keys_text(query.name) is not None:
            names, rows = solutions(kg, query, values, limit, offset)
            return _write_rows(names, rows, fmt, write)
        results = sq.run(kg, query, values)
    except errors as err:
        fail(f"error: {err}")
    except SyntaxError as err:
        fail(f"error: invalid SPARQL: {err}")
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            write(("true" if bool(results) else "false") + "\n")
            return None
        form = ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.CSV
        write(results.serialize(format=form).decode("utf-8") + "\n")
        return None
    if not isinstance(results, ox.QuerySolutions):
        fail("error: only SELECT and ASK queries are answered here")
    if fmt == "json" and limit is None and not offset:
        write(results.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n")
        return None
    import itertools

    names = [v.value for v in results.variables]
    stop = None if limit is None else offset + limit
    return _write_rows(names, itertools.islice(results, offset, stop), fmt, write)


def _write_rows(names: list[str], solutions, fmt: str, write) -> str | None:
    from graphkit.sparql.query_page import json_stream

    def plain(s) -> dict:  # a solution iterates its terms in order: quicker than s[name]
        return {n: None if t is None else t.value for n, t in zip(names, s, strict=True)}

    if fmt == "json":
        for text in json_stream(names, solutions):
            write(text)
        return None
    if fmt == "csv":
        write(render([], "csv", names))  # the header, then each row as it comes
        seen = False
        for s in solutions:
            seen = True
            write(render([plain(s)], "csv", names).split("\n", 1)[1])
        return None if seen else "no results"
    rows = [plain(s) for s in solutions]
    write(render(rows, fmt, names))
    return None if rows else "no results"
