"""Render result rows as a text table, JSON or CSV — the same three formats on every command.

>>> print(render([{"id": "fr-a", "count": 2}], "csv").strip())
id,count
fr-a,2
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import shutil
import sys
import textwrap

import click

from graphkit.files.spreadsheet import safe_row

FORMATS = ("table", "json", "csv")
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)


TABLE_REASONS = 3  # a table shows the strongest reasons; JSON and CSV keep them all
DEFAULT_WIDTH = 100  # when standard output is not a terminal and COLUMNS is not set
FLOORS = {"reasons": 26, "label": 14, "source": 14, "target": 14}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        if all(type(v) is str for v in value):  # reasons: 50,000 rows of sentences
            return "; ".join(value)
        return "; ".join(_cell(v) for v in value)
    return str(value)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes, never sent raw to a terminal
    (an ESC in a label could recolour, retitle or clear it).

    >>> printable("Mor\\x1b[31món\\x07")
    'Mor\\\\x1b[31món\\\\x07'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def table_width() -> int:
    """The width a table must fit: ``COLUMNS``, else the terminal's, else 100.

    >>> table_width() > 0
    True
    """
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return DEFAULT_WIDTH


def _lines(value, column: str, width: int, wrapped: dict | None = None) -> list[str]:
    """A cell as the lines it takes in a column ``width`` wide: reasons wrap, one reason a
    line, the strongest three with a count of the others; other cells are cut with "…".
    ``wrapped`` keeps each reason's lines per width (a table of every authority's peers
    says the same sentences thousands of times)."""
    if column == "reasons" and isinstance(value, list | tuple):
        wrapped = {} if wrapped is None else wrapped
        lines = []
        for v in value[:TABLE_REASONS]:
            key = (str(v), width)
            found = wrapped.get(key)
            if found is None:
                found = wrapped[key] = textwrap.wrap(printable(key[0]), width) or [""]
            lines.extend(found)
        if len(value) > TABLE_REASONS:
            lines.extend(textwrap.wrap(f"(+{len(value) - TABLE_REASONS})", width) or [""])
        return lines or [""]
    # Tables are for reading in a terminal: control characters escaped (json, csv keep them).
    text = printable(" ".join(_cell(value).split()))
    return [text if len(text) <= width else text[: width - 1] + "…"]


def _fit(natural: list[int], floor: list[int], width: int) -> list[int]:
    """Column widths summing (with two spaces between) to at most ``width``: the widest
    column gives up a character at a time, none below its floor.

    >>> _fit([10, 50, 8], [4, 6, 4], 40)
    [10, 18, 8]
    """
    widths = list(natural)
    room = width - 2 * (len(widths) - 1)
    if sum(floor) > room:  # a narrow terminal: every floor gives way, none below 4
        floor = [max(4, f * room // sum(floor)) for f in floor]
    while sum(widths) > room:
        i = max(range(len(widths)), key=lambda k: (widths[k] - floor[k], widths[k]))
        if widths[i] <= floor[i]:
            break
        widths[i] -= 1
    return widths


def render(
    rows: list[dict], fmt: str, columns: list[str] | None = None, width: int | None = None
) -> str:
    """Rows (dicts sharing keys) as text in ``fmt`` (table, json or csv). A table fits
    ``width`` characters (default :func:`table_width`): long cells wrap or are cut, and
    columns of ids beside their label (``source_id`` beside ``source``) are left to JSON
    and CSV, which keep every character.

    >>> rows = [{"id": "fr-a", "label": "A", "reasons": ["x " * 20, "y", "z", "w"]}]
    >>> print(render(rows, "table", width=40), end="")
    id    label  reasons
    ----  -----  ---------------------------
    fr-a  A      x x x x x x x x x x x x x x
                 x x x x x x
                 y
                 z
                 (+1)
    >>> print(render([{"MRR": float("nan")}], "json"), end="")  # no NaN in JSON
    [
      {
        "MRR": null
      }
    ]
    """
    if fmt == "json":
        # NaN and infinity are not JSON: an unknown number is null
        clean = [
            {k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in r.items()}
            for r in rows
        ]
        return json.dumps(clean, ensure_ascii=False, indent=2) + "\n"
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(safe_row(columns))
        # Cells a spreadsheet would run (=, +, -, @ first) get a quote in front: spreadsheet.py.
        writer.writerows(safe_row([_cell(r.get(c)) for c in columns]) for r in rows)
        return buf.getvalue()
    if not rows:
        return ""
    width = width or table_width()
    columns = [c for c in columns if not (c.endswith("_id") and c.removesuffix("_id") in columns)]
    # Each cell's text once (a listing has thousands of rows, its cells often the same few
    # values: each distinct one is made once), then cut to its column's width below.
    bycol = []
    wrapped: dict[tuple[str, int], list[str]] = {}
    for c in columns:
        made: dict[tuple[type, object], list[str]] = {}
        column = []
        for r in rows:
            value = r.get(c)
            if isinstance(value, list | tuple):
                column.append(_lines(value, c, 10**6, wrapped))
                continue
            try:
                key = (type(value), value)
                found = made.get(key)
            except TypeError:  # not hashable (a dict): made each time
                key, found = None, None
            if found is None:
                found = _lines(value, c, 10**6)
                if key is not None:
                    made[key] = found
            column.append(found)
        bycol.append(column)
    natural = [
        max(len(c), *(max(map(len, cells)) for cells in column))
        for c, column in zip(columns, bycol, strict=True)
    ]
    # What a reader needs whole gives up width last: the reasons, then names.
    # Short cells (codes, scores, roles) are never cut.
    floor = [
        n if n <= 12 else min(n, FLOORS.get(c, 6)) for c, n in zip(columns, natural, strict=True)
    ]
    widths = _fit(natural, floor, width)
    heads = [_lines(c, c, w)[0].ljust(w) for c, w in zip(columns, widths, strict=True)]
    lines = ["  ".join(heads).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    # A list of reasons wraps to its column; any other cell is one line, cut as _lines cuts.
    wraps = [c == "reasons" for c in columns]
    if not any(wraps):  # every cell one line (a listing): each column's cells cut and padded
        padded = []
        for k, w in enumerate(widths):
            done: dict[str, str] = {}
            column = []
            for cells in bycol[k]:
                text = cells[0]
                cell = done.get(text)
                if cell is None:
                    cell = done[text] = (text if len(text) <= w else text[: w - 1] + "…").ljust(w)
                column.append(cell)
            padded.append(column)
        lines.extend("  ".join(parts).rstrip() for parts in zip(*padded, strict=True))
        return "\n".join(lines) + "\n"
    spec = list(zip(columns, widths, wraps, strict=True))
    for r, full in zip(rows, zip(*bycol, strict=True), strict=True):
        cells = [
            _lines(r.get(c), c, w, wrapped)
            if wrap and isinstance(r.get(c), list | tuple)
            else (f if len(f[0]) <= w else [f[0][: w - 1] + "…"])
            for (c, w, wrap), f in zip(spec, full, strict=True)
        ]
        height = max(map(len, cells))
        if height == 1:
            lines.append(
                "  ".join(cell[0].ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip()
            )
            continue
        for k in range(height):
            parts = [
                (cell[k] if k < len(cell) else "").ljust(w)
                for cell, w in zip(cells, widths, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def emit(rows: list[dict], fmt: str, empty: str, columns: list[str] | None = None) -> None:
    """Print rows; for an empty result print ``[]`` in JSON and say why on standard error."""
    if not rows:
        click.echo(empty, err=True)
    click.echo(render(rows, fmt, columns), nl=False)
