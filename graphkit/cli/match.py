"""Matchmaking commands: each one calls a library matcher and renders its DataFrame."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from graphkit.cli.core import endpoint_option, fail, graph_option, lang_option, main, open_graph
from graphkit.cli.output import emit, format_option
from graphkit.text.i18n import say


def matcher_options(fn):
    """--top, --lang, --weights, --format, --graph and --endpoint, the same on every matcher."""

    @graph_option
    @endpoint_option
    @format_option
    @lang_option("labels and reasons")
    @click.option(
        "--weights",
        "weights_path",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="TOML file overriding scoring weights.",
    )
    @functools.wraps(fn)
    def wrapper(*args, graph_path, endpoint, fmt, lang, weights_path, **kwargs):
        from graphkit.graph.names import UnknownNameError
        from graphkit.match.weights import load_weights
        from graphkit.sparql.remote import EndpointError

        try:
            weights = load_weights(weights_path)
        except ValueError as err:
            fail(f"error: {err}")
        kg = open_graph(graph_path, endpoint)
        try:
            frame = fn(kg, *args, weights=weights, lang=lang, **kwargs)
        except (UnknownNameError, LookupError, EndpointError) as err:
            fail(f"error: {err}")
        rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        columns = list(frame.columns)
        if fmt == "table":  # lists of ids are for JSON and CSV; a table shows what one reads
            columns = frame.attrs.get("table_columns", columns)
        emit(rows, fmt, frame.attrs.get("empty") or say("empty.none", lang), columns)

    return wrapper


top_option = click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many suggestions."
)


@main.command()
@click.argument("name", required=False)
@click.option("--all", "every", is_flag=True, help="The peers of every French authority (no NAME).")
@top_option
@matcher_options
def peers(kg, name, every, top, weights, lang):
    """French authorities most like NAME, with the reasons (or, with --all, of every one)."""
    from graphkit.match.peers import peers as run
    from graphkit.match.peers import peers_all

    if every and name:
        raise click.UsageError("give the NAME of a French authority or --all, not both")
    if not every and name is None:
        raise click.UsageError(
            "give the NAME of a French authority (graphkit peers bordeaux), "
            "or --all for the peers of every one"
        )
    if every:
        return peers_all(kg, top=top, weights=weights, lang=lang)
    return run(kg, name, top=top, weights=weights, lang=lang)


@main.command()
@click.argument("theme")
@click.option("--for", "for_", metavar="NAME", help="The authority that wants to learn.")
@top_option
@matcher_options
def experts(kg, theme, for_, top, weights, lang):
    """Who has done THEME and can teach it (optionally for one authority)."""
    from graphkit.match.experts import experts as run

    return run(kg, theme, for_=for_, top=top, weights=weights, lang=lang)


@main.command()
@click.argument("name")
@click.option(
    "--country", metavar="C", help="Only candidates seated in this country or macro-region."
)
@click.option("--theme", metavar="T", help="Only candidates that hold this theme.")
@top_option
@matcher_options
def partners(kg, name, country, theme, top, weights, lang):
    """Authorities abroad NAME should partner with (or French ones, for a partner abroad)."""
    from graphkit.match.partners import partners as run

    return run(kg, name, country=country, theme=theme, top=top, weights=weights, lang=lang)


@main.command("south-south")
@click.option("--region", metavar="NAME", help="Only partners seated in this macro-region.")
@top_option
@matcher_options
def south_south(kg, region, top, weights, lang):
    """Pairs of partners abroad, in different countries, to put in touch."""
    from graphkit.match.south_south import south_south as run

    return run(kg, top=top, region=region, weights=weights, lang=lang)


@main.command()
@click.option(
    "--resolution",
    type=float,
    default=1.0,
    show_default=True,
    help="Louvain resolution: higher gives more, smaller clusters.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (deterministic).")
@matcher_options
def clusters(kg, resolution, seed, weights, lang):
    """Cross-country working groups found by community detection on actors and themes."""
    from graphkit.match.clusters import clusters as run

    return run(kg, resolution=resolution, seed=seed, weights=weights, lang=lang)


@main.command()
@matcher_options
def groups(kg, weights, lang):
    """Health of each country group: active members, status, recommendation."""
    from graphkit.match.groups import groups as run

    return run(kg, weights=weights, lang=lang)


@main.command()
@click.option("--theme", metavar="THEME", help="Theme of the meeting.")
@click.option("--country", metavar="COUNTRY", help="Country (or macro-region) of the meeting.")
@top_option
@matcher_options
def invite(kg, theme, country, top, weights, lang):
    """Networks and partners abroad to invite to a meeting on a theme or a country."""
    from graphkit.match.invite import invite as run

    return run(kg, theme=theme, country=country, top=top, weights=weights, lang=lang)


@main.command()
@click.argument("name")
@matcher_options
def embassy(kg, name, weights, lang):
    """Which embassy's regional support covers each cooperation of NAME."""
    from graphkit.match.embassy import embassy as run

    return run(kg, name, weights=weights, lang=lang)


@main.command()
@top_option
@matcher_options
def meet(kg, top, weights, lang):
    """The best introductions across the whole graph (pairs not already linked)."""
    from graphkit.match.meet import meet as run

    return run(kg, top=top, weights=weights, lang=lang)


@main.command()
@click.option(
    "--french-list",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Wikidata's French twinnings (TSV): protocol (a).",
)
@click.option(
    "--world-list",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Wikipedia's world twin-town list (CSV): protocols (b) and South-South.",
)
@click.option(
    "--seeds",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="How many random draws (seeds 0 … N-1).",
)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    help="At most this many test queries per seed and protocol (a quicker run).",
)
@click.option(
    "--fit",
    "fit_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also fit the partner model on the lists and write its weights file here.",
)
@graph_option
@format_option
def evaluate(french_list, world_list, seeds, sample, fit_out, graph_path, fmt):
    """Hide real links and measure how well graphkit finds them, against the baselines."""
    from graphkit.match.protocols import evaluate as run

    kg = open_graph(graph_path) if graph_path.exists() or not (french_list or world_list) else None
    try:
        frame = run(kg, french_list, world_list, range(seeds), sample, fit_out)
    except ValueError as err:
        fail(f"error: {err}")
    rows = [
        {k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]
    # a terminal's table keeps the MRR columns; JSON and CSV add graphkit's ratio to each
    shown = [c for c in frame.columns if fmt != "table" or not c.startswith("ratio")]
    emit(rows, fmt, "nothing to evaluate: no link could be hidden", shown)


@main.command()
@click.option(
    "--french-list",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Wikidata's French twinnings (TSV): fits [partners].",
)
@click.option(
    "--world-list",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Wikipedia's world twin-town list (CSV): fits [south_south].",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The weights file to write (TOML; use it with --weights).",
)
def fit(french_list, world_list, out):
    """Fit the partner model's weights on public twin-town lists and write them (TOML)."""
    from graphkit.match.protocols import fit_lists

    try:
        models = fit_lists(french_list, world_list, out)
    except ValueError as err:
        fail(f"error: {err}")
    for name, model in models.items():
        terms = ", ".join(f"{k}={v:g}" for k, v in model.weights.items() if v)
        click.echo(f"[{name}] {terms}")
