"""CUF's deliverables, built from the graph: the répertoire d'acteurs, fascicules by theme
or country, meeting briefs and the roadmap of monthly meetings.

Each function returns a :class:`~graphkit.reports.document.Report`; :func:`write` saves it as
a self-contained HTML page, Markdown or CSV according to the file's extension.

>>> import graphkit
>>> from graphkit import reports
>>> kg = graphkit.from_tables("data")
>>> reports.fascicule(kg, country="argentine", lang="en").title
'Country booklet: Argentina'
>>> reports.roadmap(kg, months=3).csv_rows[0]["month"]
'2021-01'
"""

from graphkit.reports.document import Report
from graphkit.reports.fascicule import fascicule
from graphkit.reports.meeting import meeting_brief
from graphkit.reports.render import format_of, render, to_csv, to_html, to_markdown, write
from graphkit.reports.repertoire import repertoire
from graphkit.reports.roadmap import plan, roadmap

__all__ = [
    "Report",
    "fascicule",
    "format_of",
    "meeting_brief",
    "plan",
    "render",
    "repertoire",
    "roadmap",
    "to_csv",
    "to_html",
    "to_markdown",
    "write",
]
