"""The parts of a report as plain data: paragraphs, lists, tables, figures and sections.

Every string here is plain text (from the data or from :func:`graphkit.text.i18n.say`); the
renderers escape it. The only markup a block holds is a figure's SVG, drawn and escaped by
:mod:`graphkit.reports.figures`.

>>> Section("Eau", [Paragraph("Aude")]).blocks
[Paragraph(text='Aude', muted=False)]
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
