"""`graphkit viz`: an interactive page of the graph, offline, as a file (and a PNG of it)."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli.core import fail, graph_option, lang_option, main, open_graph

KINDS = (
    "authorities",
    "partners",
    "networks",
    "embassies",
    "organisations",
    "themes",
    "places",
    "groups",
    "events",
    "programmes",
)


def _html_only(ctx, param, value: Path) -> Path:
    # A page is HTML: written into x.pdf or x.png it would open as garbage.
    if value.suffix.lower() not in (".html", ".htm"):
        raise click.BadParameter(
            f"'{value}': a page is written as .html (for a PNG, add --screenshot FILE.png)",
            ctx=ctx,
            param=param,
        )
    return value


@main.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    callback=_html_only,
    help="HTML file to write (it opens offline, from the file).",
)
@click.option(
    "--theme", metavar="THEME", help="Only a theme (and its narrower themes) and who holds it."
)
@click.option("--country", metavar="COUNTRY", help="Only a country and what is linked to it.")
@click.option(
    "--kind", "kinds", type=click.Choice(KINDS), multiple=True, help="Only these kinds (repeat)."
)
@click.option(
    "--focus", metavar="NAME", help="An ego view around NAME (or the actor of --view peers)."
)
@click.option(
    "--depth", type=click.IntRange(min=1), default=1, show_default=True, help="Ego view radius."
)
@click.option(
    "--view",
    type=click.Choice(["peers", "meet", "south-south", "clusters"]),
    help="A recommendation view: suggested links drawn apart, with score and reasons.",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Suggestions in a recommendation view.",
)
@click.option(
    "--layout",
    type=click.Choice(["force", "geo"]),
    default="force",
    show_default=True,
    help="geo places nodes at their coordinates.",
)
@click.option(
    "--size",
    "size_by",
    type=click.Choice(["degree", "pagerank", "betweenness"]),
    default="degree",
    show_default=True,
    help="What node size shows.",
)
@lang_option("the page's words and labels")
@click.option(
    "--screenshot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also save a PNG of the page (needs Chromium).",
)
@graph_option
def viz(
    out,
    theme,
    country,
    kinds,
    focus,
    depth,
    view,
    top,
    layout,
    size_by,
    lang,
    screenshot,
    graph_path,
):
    """Write an interactive, self-contained HTML page of the graph."""
    from graphkit.graph.names import UnknownNameError
    from graphkit.viz import TooLargeError
    from graphkit.viz import viz as make_page

    kg = open_graph(graph_path)
    try:
        page = make_page(
            kg,
            theme=theme,
            country=country,
            kinds=kinds,
            focus=focus,
            depth=depth,
            view=view,
            top=top,
            layout=layout,
            size_by=size_by,
            lang=lang,
        )
    except (TooLargeError, UnknownNameError, LookupError, ValueError) as err:
        fail(f"error: {err}")
    page.save(out)
    click.echo(f"wrote {out}: {page.scene.caption}")
    if screenshot:
        from graphkit.viz.screenshot import screenshot as shoot

        try:
            shoot(out, screenshot)
        except FileNotFoundError as err:
            fail(f"error: {err}")
        click.echo(f"wrote {screenshot}")
