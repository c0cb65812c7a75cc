"""A whole report: its title, language, sections (:mod:`graphkit.reports.blocks`) and sources,
shown inline in Jupyter.

>>> from graphkit.reports.blocks import Paragraph, Section
>>> doc = Report("Répertoire", "fr", [Section("Eau", [Paragraph("Aude")])])
>>> [s.heading for s in doc.sections]
['Eau']
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from graphkit.reports.blocks import Section
from graphkit.reports.render import to_html


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
        return (
            f'<iframe srcdoc="{html.escape(to_html(self), quote=True)}" '
            'style="width:100%;height:640px;border:1px solid #d9dee3"></iframe>'
        )
