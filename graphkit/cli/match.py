"""Matchmaking commands: each one calls a library matcher and renders its DataFrame."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from . import endpoint_option, fail, graph_option, main, open_graph
from .output import emit, format_option

LANGS = ("fr", "en", "es", "pt")


def matcher_options(fn):
    """--top, --lang, --weights, --format, --graph and --endpoint, the same on every matcher."""

    @graph_option
    @endpoint_option
    @format_option
    @click.option(
        "--lang",
        type=click.Choice(LANGS),
        default="fr",
        show_default=True,
        help="Language of labels and reasons.",
    )
    @click.option(
        "--weights",
        "weights_path",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="TOML file overriding scoring weights.",
    )
    @functools.wraps(fn)
    def wrapper(*args, graph_path, endpoint, fmt, lang, weights_path, **kwargs):
        from ..match.weights import load_weights
        from ..names import UnknownNameError
        from ..remote import EndpointError

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
        emit(rows, fmt, frame.attrs.get("empty", "no suggestion"), columns)

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
    from ..match.peers import peers as run
    from ..match.peers import peers_all

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
    from ..match.experts import experts as run

    return run(kg, theme, for_=for_, top=top, weights=weights, lang=lang)


@main.command("south-south")
@click.option("--region", metavar="NAME", help="Only partners seated in this macro-region.")
@top_option
@matcher_options
def south_south(kg, region, top, weights, lang):
    """Pairs of partners abroad, in different countries, to put in touch."""
    from ..match.south_south import south_south as run

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
    from ..match.clusters import clusters as run

    return run(kg, resolution=resolution, seed=seed, weights=weights, lang=lang)


@main.command()
@matcher_options
def groups(kg, weights, lang):
    """Health of each country group: active members, status, recommendation."""
    from ..match.groups import groups as run

    return run(kg, weights=weights, lang=lang)


@main.command()
@click.option("--theme", metavar="THEME", help="Theme of the meeting.")
@click.option("--country", metavar="COUNTRY", help="Country (or macro-region) of the meeting.")
@top_option
@matcher_options
def invite(kg, theme, country, top, weights, lang):
    """Networks and partners abroad to invite to a meeting on a theme or a country."""
    from ..match.invite import invite as run

    return run(kg, theme=theme, country=country, top=top, weights=weights, lang=lang)


@main.command()
@click.argument("name")
@matcher_options
def embassy(kg, name, weights, lang):
    """Which embassy's regional support covers each cooperation of NAME."""
    from ..match.embassy import embassy as run

    return run(kg, name, weights=weights, lang=lang)


@main.command()
@top_option
@matcher_options
def meet(kg, top, weights, lang):
    """The best introductions across the whole graph (pairs not already linked)."""
    from ..match.meet import meet as run

    return run(kg, top=top, weights=weights, lang=lang)


@main.command()
@click.option(
    "--share",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.2,
    show_default=True,
    help="Share of the links hidden for each seed.",
)
@click.option(
    "--seeds",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="How many random draws to average over.",
)
@click.option(
    "--k",
    "ks",
    type=click.IntRange(min=1),
    multiple=True,
    default=(1, 5, 10),
    show_default=True,
    help="Cut-offs for precision@k and recall@k (repeat).",
)
@click.option(
    "--twinnings",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Also evaluate on a twin-town list (city1,country1,…,city2,country2 CSV).",
)
@graph_option
@format_option
def evaluate(share, seeds, ks, twinnings, graph_path, fmt):
    """Hide known links and measure how well the matchers find them, against baselines."""
    from ..match.evaluate import link_prediction, twinning_prediction
    from ..match.scoring import projection

    kg = open_graph(graph_path)
    frames = [link_prediction(projection(kg), share, range(seeds), ks).assign(data="graph")]
    if twinnings:
        frames.append(twinning_prediction(twinnings, range(seeds), ks).assign(data=twinnings.name))
    rows = [
        {**row, **{k: round(v, 4) for k, v in row.items() if isinstance(v, float)}}
        for frame in frames
        for row in frame.to_dict(orient="records")
    ]
    columns = ["data", "method", "k", "precision@k", "recall@k", "MRR", "n_queries"]
    emit(rows, fmt, "nothing to evaluate: no link could be hidden", columns)
