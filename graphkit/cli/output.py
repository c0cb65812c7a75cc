"""Render result rows as a text table, JSON or CSV — the same three formats on every command.

>>> print(render([{"id": "fr-a", "count": 2}], "csv").strip())
id,count
fr-a,2
"""

from __future__ import annotations

import csv
import io
import json
import re

import click

from ..spreadsheet import safe_row

FORMATS = ("table", "json", "csv")
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
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


def _short(text: str, width: int = 60) -> str:
    # Tables are for reading in a terminal; json and csv keep every character.
    text = printable(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def render(rows: list[dict], fmt: str, columns: list[str] | None = None) -> str:
    """Rows (dicts sharing keys) as text in ``fmt`` (table, json or csv)."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(safe_row(columns))
        # Cells a spreadsheet would run (=, +, -, @ first) get a quote in front: see spreadsheet.py.
        writer.writerows(safe_row([_cell(r.get(c)) for c in columns]) for r in rows)
        return buf.getvalue()
    if not rows:
        return ""
    # Reasons are what an officer defends in a meeting: never cut them.
    cells = [
        [printable(_cell(r.get(c))) if c == "reasons" else _short(_cell(r.get(c))) for c in columns]
        for r in rows
    ]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines) + "\n"


def emit(rows: list[dict], fmt: str, empty: str, columns: list[str] | None = None) -> None:
    """Print rows; for an empty result print ``[]`` in JSON and say why on standard error."""
    if not rows:
        click.echo(empty, err=True)
    click.echo(render(rows, fmt, columns), nl=False)
