"""``graphkit serve`` (a read-only SPARQL endpoint) and ``graphkit push`` (to a triple store)."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli.core import fail, graph_option, main, no_personal_data_option, open_graph
from graphkit.model.vocab import DATA_GRAPH  # vocab is light: no store, no rdflib


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (loopback: this machine only).",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="TCP port."
)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Cancel any query running longer than this many seconds.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=64),
    default=2048,
    show_default=True,
    metavar="MB",
    help="Stop the query whose engine takes the engines' memory past this many megabytes.",
)
@click.option(
    "--max-response",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    metavar="MB",
    help="Cut any answer longer than this many megabytes.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Queries answered at once (each in its own engine process).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests whose Host header is NAME (default: the address served, "
    "localhost, 127.0.0.1, [::1]); repeat for several.",
)
@click.option(
    "--allow-service",
    "allow_services",
    multiple=True,
    metavar="URL",
    help="Let queries call this endpoint with SERVICE <URL> (none by default); repeat for several.",
)
@no_personal_data_option
@graph_option
def serve(
    host: str,
    port: int,
    timeout: int,
    max_memory: int,
    max_response: int,
    workers: int,
    allow_hosts: tuple[str, ...],
    allow_services: tuple[str, ...],
    no_personal_data: bool,
    graph_path: Path,
) -> None:
    """Serve the build as a read-only SPARQL 1.1 endpoint (Oxigraph server) until Ctrl-C.

    Queries at http://HOST:PORT/query (GET or POST; JSON, XML, CSV, TSV results, Turtle or
    N-Triples graphs); the default graph merges every graph, as `graphkit sparql` does.
    Updates are refused, and so is SERVICE unless --allow-service names the endpoint. Every
    query is stopped at --timeout and when it takes the memory past --max-memory (an error
    status, 503, unless its answer had begun). The build is copied on start, so rebuilding
    does not disturb it.
    """
    import signal

    from graphkit.sparql.remote import DATA_GRAPH as data_graph
    from graphkit.sparql.serve import ServeError, is_loopback, serving

    kg = open_graph(graph_path)
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: other machines can query this graph", err=True)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` cleans up as Ctrl-C does
    limits = {
        "allow_hosts": allow_hosts,
        "allow_services": allow_services,
        "max_memory_mb": max_memory,
        "max_response_mb": max_response,
        "workers": workers,
    }
    try:
        with serving(kg, host, port, timeout, personal_data=not no_personal_data, **limits) as ep:
            click.echo(
                f"serving {graph_path} read-only at {ep.query_url} (SPARQL 1.1 Protocol; "
                f"data in <{data_graph}>{', without personal data' if no_personal_data else ''}; "
                f"queries stopped after {timeout} s or past {max_memory} MB); Ctrl-C stops",
                err=True,
            )
            code = ep.wait()
        if code:
            fail(f"error: {ep.pool.failed}")
    except ServeError as err:
        fail(f"error: {err}")
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


@main.command()
@click.argument("url")
@click.option(
    "--graph-iri",
    default=DATA_GRAPH,
    show_default=True,
    help="Named graph that receives the data (the ontology and thesaurus keep their own).",
)
@no_personal_data_option
@graph_option
def push(url: str, graph_iri: str, no_personal_data: bool, graph_path: Path) -> None:
    """Load the build into the triple store whose Graph Store endpoint is URL.

    One PUT per graph (SPARQL 1.1 Graph Store HTTP Protocol), each replacing that graph:
    e.g. http://localhost:7878/store (Oxigraph), http://localhost:3030/DATASET/data
    (Fuseki), http://localhost:8890/sparql-graph-crud-auth (Virtuoso). Credentials come
    from GRAPHKIT_PUSH_USER and GRAPHKIT_PUSH_PASSWORD, or ~/.netrc (a password in URL is
    accepted with a warning). Query it then with --endpoint QUERY_URL on the query commands.
    """
    import pyoxigraph as ox

    from graphkit.sparql.push import push as run
    from graphkit.sparql.remote import EndpointError, public_url

    try:
        ox.NamedNode(graph_iri)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--graph-iri") from None
    kg = open_graph(graph_path)
    try:
        sent = run(kg, url, graph_iri, personal_data=not no_personal_data)
    except EndpointError as err:
        fail(f"error: {err}")
    graphs = ", ".join(f"<{g}> {n}" for g, n in sent.items())
    without = " (personal data left out)" if no_personal_data else ""
    click.echo(f"pushed {sum(sent.values())} triples to {public_url(url)}{without}: {graphs}")
