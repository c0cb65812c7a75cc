"""A report as plain data: a title, sections of paragraphs, lists, tables and figures.

Every string here is plain text (from the data or from :func:`graphkit.text.i18n.say`); the
renderers escape it. The only markup a document holds is a figure's SVG, drawn and escaped by
:mod:`graphkit.reports.figures`.

>>> doc = Report("Répertoire", "fr", [Section("Eau", [Paragraph("Aude")])])
>>> [s.heading for s in doc.sections]
['Eau']
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | list[str]  # a list is shown as one line per item


@dataclass
class Paragraph:
    text: str
    muted: bool = False


@dataclass
class Items:
    items: list[Cell]


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]]


@dataclass
class Figure:
    """A small graph (``svg``) or a chart (``png``), with the data behind it for Markdown."""

    caption: str
    svg: str | None = None
    png: bytes | None = None
    data: Table | None = None


Block = Paragraph | Items | Table | Figure


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 2


@dataclass
class Report:
    """A whole report. ``csv_rows`` (one dict per row) when it also exists as a spreadsheet."""

    title: str
    lang: str
    sections: list[Section]
    subtitle: str = ""
    sources: list[str] = field(default_factory=list)
    csv_rows: list[dict] | None = None

    def _repr_html_(self) -> str:
        """Shown inline in Jupyter, in an iframe that keeps its styles apart."""
        import html

        from graphkit.reports.render import to_html

        return (
            f'<iframe srcdoc="{html.escape(to_html(self), quote=True)}" '
            'style="width:100%;height:640px;border:1px solid #d9dee3"></iframe>'
        )
