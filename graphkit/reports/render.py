"""Render a :class:`~graphkit.reports.document.Report` as a self-contained HTML page, as
Markdown or as CSV, and write it whole (a temporary file renamed into place).

HTML: every string goes through :func:`html.escape`; images are ``data:`` URIs; a
Content-Security-Policy forbids loading anything; A4 print rules. Markdown: characters that
would make markup are backslash-escaped.

>>> from graphkit.reports.blocks import Paragraph, Section
>>> from graphkit.reports.document import Report
>>> page = to_html(Report("<b>", "fr", [Section("x", [Paragraph("a & b")])]))
>>> "&lt;b&gt;" in page and "a &amp; b" in page and "default-src 'none'" in page
True
>>> md_escape("- 0.5")
'\\\\- 0.5'
>>> md_escape("<img src=x> *a* |b|")
'\\\\<img src=x\\\\> \\\\*a\\\\* \\\\|b\\\\|'
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.files.atomic import write_atomic
from graphkit.files.spreadsheet import safe_row
from graphkit.reports.blocks import Cell, Figure, Items, Paragraph, Table
from graphkit.text.i18n import say

if TYPE_CHECKING:  # a report is rendered here, and a report shows itself with to_html
    from graphkit.reports.document import Report

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".csv": "csv"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9dee3; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 190mm; margin: 0 auto; padding: 12mm 8mm; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1.2em; }
h1 { font-size: 20pt; margin: 0 0 .2em; }
.subtitle { color: var(--muted); margin: 0 0 .8em; }
h2 { font-size: 14pt; margin: 1.4em 0 .5em; color: var(--accent); }
h3 { font-size: 12pt; margin: 1.1em 0 .4em; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p.muted { color: var(--muted); font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 9.5pt; }
th, td { border: 1px solid var(--line); padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td span.line { display: block; }
td span.line + span.line, li span.line + span.line { margin-top: 2px; }
li span.line + span.line { color: var(--muted); font-size: 9.5pt; }
ul { margin: .3em 0 1em; padding-left: 1.3em; }
figure { margin: .6em 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
figure svg, figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: 9pt; }
figure img { max-width: 125mm; }
footer { border-top: 1px solid var(--line); margin-top: 2em; color: var(--muted); font-size: 9pt; }
@page { size: A4; margin: 15mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  section.level2 { break-before: auto; }
}
"""


# --- HTML ---------------------------------------------------------------------------------
def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _cell_html(cell: Cell) -> str:
    if isinstance(cell, list):
        return "".join(f'<span class="line">{_e(x)}</span>' for x in cell if x != "")
    return _e(cell)


def _table_html(table: Table) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell_html(c)}</td>" for c in row) + "</tr>" for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figure_html(fig: Figure) -> str:
    if fig.svg is not None:
        inner = fig.svg  # drawn by figures.py, every text in it escaped there
    elif fig.png is not None:
        data = base64.b64encode(fig.png).decode("ascii")
        inner = f'<img alt="{_e(fig.caption)}" src="data:image/png;base64,{data}">'
    else:
        inner = ""
    return f"<figure>{inner}<figcaption>{_e(fig.caption)}</figcaption></figure>"


def _blocks_html(blocks) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Figure):
            out.append(_figure_html(block))
        elif isinstance(block, Paragraph):
            out.append(
                f'<p class="muted">{_e(block.text)}</p>'
                if block.muted
                else f"<p>{_e(block.text)}</p>"
            )
        elif isinstance(block, Items):
            out.append("<ul>" + "".join(f"<li>{_cell_html(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            out.append(_table_html(block))
    return "".join(out)


def to_html(report: Report) -> str:
    """The report as one HTML page that loads nothing (CSP), prints on A4."""
    sections = "".join(
        f'<section class="level{s.level}"><h{s.level}>{_e(s.heading)}</h{s.level}>'
        f"{_blocks_html(s.blocks)}</section>"
        for s in report.sections
    )
    sources = "".join(f"<li>{_e(s)}</li>" for s in report.sources)
    footer = (
        f"<footer><h2>{_e(say('report.sources', report.lang))}</h2><ol>{sources}</ol>"
        f"<p>{_e(say('report.made_from', report.lang))} {_e(say('report.reading_note', report.lang))}</p></footer>"
        if report.sources
        else ""
    )
    subtitle = f'<p class="subtitle">{_e(report.subtitle)}</p>' if report.subtitle else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(report.lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(report.title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{_e(report.title)}</h1>{subtitle}</header>"
        f"<main>{sections}</main>{footer}</body></html>\n"
    )


# --- Markdown -----------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#])")


def md_escape(text) -> str:
    """Text safe to put in Markdown: markup characters escaped, on one line."""
    text = " ".join(str(text).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^([-+])(\s)", r"\\\1\2", text)  # not a list item
    return re.sub(r"^(\d+)([.)]\s)", r"\1\\\2", text)  # not a numbered item


def _cell_md(cell: Cell) -> str:
    if isinstance(cell, list):
        return "<br>".join(md_escape(x) for x in cell if x != "")
    return md_escape(cell)


def _table_md(table: Table) -> list[str]:
    lines = ["| " + " | ".join(md_escape(c) for c in table.columns) + " |"]
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    lines += ["| " + " | ".join(_cell_md(c) for c in row) + " |" for row in table.rows]
    return lines + [""]


def to_markdown(report: Report) -> str:
    """The report as Markdown; a figure becomes the table of its data."""
    lines = [f"# {md_escape(report.title)}", ""]
    if report.subtitle:
        lines += [f"*{md_escape(report.subtitle)}*", ""]
    for s in report.sections:
        lines += [f"{'#' * s.level} {md_escape(s.heading)}", ""]
        for block in s.blocks:
            if isinstance(block, Paragraph):
                lines += [
                    (f"*{md_escape(block.text)}*" if block.muted else md_escape(block.text)),
                    "",
                ]
            elif isinstance(block, Items):
                lines += [f"- {_cell_md(i)}" for i in block.items] + [""]
            elif isinstance(block, Table):
                lines += _table_md(block)
            elif isinstance(block, Figure):
                lines += [f"*{md_escape(block.caption)}*", ""]
                if block.data is not None:
                    lines += _table_md(block.data)
    if report.sources:
        lines += [f"## {md_escape(say('report.sources', report.lang))}", ""]
        lines += [f"{i}. {md_escape(s)}" for i, s in enumerate(report.sources, start=1)]
        lines += [
            "",
            md_escape(
                say("report.made_from", report.lang) + " " + say("report.reading_note", report.lang)
            ),
        ]
    return "\n".join(lines).rstrip() + "\n"


# --- CSV ----------------------------------------------------------------------------------
def to_csv(report: Report) -> str:
    """The report's spreadsheet rows as CSV (UTF-8; lists joined with ' | ').

    >>> from graphkit.reports.document import Report
    >>> print(to_csv(Report("T", "fr", [], csv_rows=[{"a": ["x", "y"], "b": None}])), end="")
    a,b
    x | y,
    """
    if report.csv_rows is None:
        raise ValueError(f"'{report.title}' has no spreadsheet form: write .html or .md")
    columns = list(report.csv_rows[0]) if report.csv_rows else []
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(safe_row(columns))
    for row in report.csv_rows:  # cells a spreadsheet would run are neutralised
        writer.writerow(
            safe_row(
                [
                    " | ".join(v) if isinstance(v, list | tuple) else ("" if v is None else v)
                    for v in row.values()
                ]
            )
        )
    return buf.getvalue()


# --- files --------------------------------------------------------------------------------
def format_of(path: str | Path) -> str:
    """'html', 'markdown' or 'csv' from a file's extension (ValueError for another one).

    >>> format_of("out/fascicule.MD")
    'markdown'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: unknown report format '{suffix}'; use .html, .md or .csv")
    return FORMATS[suffix]


def render(report: Report, fmt: str) -> str:
    """The report as text in ``fmt`` (html, markdown or csv)."""
    return {"html": to_html, "markdown": to_markdown, "csv": to_csv}[fmt](report)


def write(report: Report, path: str | Path) -> Path:
    """Write the report to ``path`` in the format its extension names, whole or not at all.

    >>> import tempfile
    >>> from graphkit.reports.blocks import Section
    >>> from graphkit.reports.document import Report
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write(Report("T", "fr", [Section("S")]), folder + "/t.md").read_text()
    '# T\\n\\n## S\\n'
    """
    path = Path(path)
    text = render(report, format_of(path))  # fails before anything is written
    return write_atomic(path, text)
