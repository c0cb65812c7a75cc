"""`graphkit report …`: the répertoire, fascicules, meeting briefs and the roadmap, written
as self-contained HTML, Markdown or CSV according to the extension of ``--out``."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli.core import fail, graph_option, lang_option, main, open_graph


def _out_option(csv: bool):
    allowed = ".html, .md or .csv" if csv else ".html or .md"

    def check(ctx, param, value: Path) -> Path:
        suffixes = {".html", ".htm", ".md"} | ({".csv"} if csv else set())
        if value.suffix.lower() not in suffixes:
            raise click.BadParameter(f"'{value}': write {allowed}", ctx=ctx, param=param)
        return value

    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        required=True,
        callback=check,
        help=f"File to write: {allowed} (by its extension).",
    )


def report_options(csv: bool = False):
    """--out, --lang and --graph, the same on every report."""

    def wrap(fn):
        fn = graph_option(fn)
        fn = lang_option("headings and labels")(fn)
        return _out_option(csv)(fn)

    return wrap


def _write(make, graph_path: Path, out: Path) -> None:
    """Build the report with ``make(kg)`` and write it; a bad name exits 1."""
    from graphkit.graph.names import UnknownNameError
    from graphkit.reports import write

    kg = open_graph(graph_path)
    try:
        doc = make(kg)
    except (UnknownNameError, LookupError, ValueError) as err:
        fail(f"error: {err}")
    write(doc, out)
    click.echo(f"wrote {out}: {doc.title}")


@main.group()
def report() -> None:
    """CUF deliverables: répertoire, fascicules, meeting briefs, roadmap (HTML, Markdown, CSV).

    HTML pages are self-contained (they load nothing and print on A4).
    """


@report.command()
@report_options(csv=True)
def repertoire(out: Path, lang: str, graph_path: Path) -> None:
    """The répertoire d'acteurs by theme and by country, with sources (also as .csv)."""
    from graphkit.reports import repertoire as make

    _write(lambda kg: make(kg, lang=lang), graph_path, out)


@report.command()
@click.argument("theme")
@report_options()
def theme(theme: str, out: Path, lang: str, graph_path: Path) -> None:
    """The fascicule on THEME: who has done what, partners, programmes, who wants to start."""
    from graphkit.reports import fascicule

    _write(lambda kg: fascicule(kg, theme=theme, lang=lang), graph_path, out)


@report.command()
@click.argument("country")
@report_options()
def country(country: str, out: Path, lang: str, graph_path: Path) -> None:
    """The fascicule on COUNTRY (or a region such as 'cône Sud')."""
    from graphkit.reports import fascicule

    _write(lambda kg: fascicule(kg, country=country, lang=lang), graph_path, out)


@report.command()
@click.option("--theme", metavar="THEME", help="Theme of the meeting.")
@click.option("--country", metavar="COUNTRY", help="Country or region of the meeting.")
@click.option(
    "--participants",
    multiple=True,
    metavar="NAME",
    help="A participant; the names that follow it are participants too.",
)
@click.argument("names", nargs=-1, metavar="[NAME]...")
@report_options()
def meeting(theme, country, participants, names, out, lang, graph_path) -> None:
    """A meeting brief: who should meet whom, networks to invite, open questions.

    Participants are given after --participants (`--participants bordeaux nanterre`); without
    any, the authorities the graph ties to the theme or country are proposed.
    """
    from graphkit.reports import meeting_brief

    people = [*participants, *names]
    _write(
        lambda kg: meeting_brief(kg, theme=theme, country=country, participants=people, lang=lang),
        graph_path,
        out,
    )


@report.command()
@click.option(
    "--months",
    type=click.IntRange(min=1, max=60),
    default=6,
    show_default=True,
    help="How many monthly meetings.",
)
@click.option("--start", metavar="YYYY-MM", help="First month (default: from the graph).")
@report_options(csv=True)
def roadmap(months: int, start: str | None, out: Path, lang: str, graph_path: Path) -> None:
    """The draft roadmap: one meeting a month, subjects and networks in rotation (also .csv)."""
    import re

    from graphkit.reports import roadmap as make

    if start and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", start):
        raise click.BadParameter(f"'{start}': expected YYYY-MM", param_hint="--start")
    _write(lambda kg: make(kg, months=months, start=start, lang=lang), graph_path, out)
