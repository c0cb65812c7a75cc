"""Facts as rows a reader can act on: who, what, with whom, where, since when, status, source.

The same columns serve the répertoire (HTML, Markdown, CSV) and the fascicules.

>>> import graphkit
>>> from graphkit.reports.facts import gather
>>> f = gather(graphkit.from_tables("data"))
>>> fact = next(x for x in f.facts if x.id == "pship-nanterre-moron")
>>> row = fact_row(f, fact, Sources(f))
>>> row["actor"], row["with"], row["status"]
(['Ville de Nanterre'], ['Ville de Morón'], 'en stand-by')
"""

from __future__ import annotations

from graphkit.reports.blocks import Table
from graphkit.reports.facts import Fact, Facts
from graphkit.text.i18n import say

COLUMNS = ["actor", "what", "with", "where", "since", "status", "source"]
KIND_ORDER = {"partnership": 0, "expertise": 1, "membership": 2, "participation": 3, "interest": 4}
STATUS_ORDER = {"active": 0, "planned": 1, "proposed": 2, "stand-by": 3, "ended": 4, "": 5}


class Sources:
    """Numbers the source documents as they are cited, for a report's list of sources."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.order: list[str] = []

    def cite(self, fact: Fact) -> str:
        """'[1] partnerships.csv:3 · Djamel Sandid · lecture'."""
        parts = []
        if fact.source:
            if fact.source not in self.order:
                self.order.append(fact.source)
            parts.append(f"[{self.order.index(fact.source) + 1}]")
        if fact.row:
            parts.append(fact.row)
        text = " ".join(parts)
        extra = [self.facts.people.get(fact.speaker, "")] if fact.speaker else []
        if fact.reading:
            extra.append(say("report.reading", self.facts.lang))
        return " · ".join([text, *[e for e in extra if e]]) if text else " · ".join(extra)

    def listing(self) -> list[str]:
        """The cited documents, in citation order: title (date)."""
        out = []
        for s in self.order:
            doc = self.facts.sources.get(s, {})
            title = doc.get("title") or s
            out.append(f"{title} ({doc['date']})" if doc.get("date") else title)
        return out


def what(f: Facts, fact: Fact) -> list[str]:
    """What the fact says was done: its kind (and themes or place), then its own label.

    >>> from graphkit.reports.facts import Fact
    >>> f = Facts("fr", [], {"eau": {"fr": "Eau"}}, {}, {}, {}, {}, {}, {}, [], [], {}, {}, {}, {})
    >>> what(f, Fact("x", "interest", ("fr-a",), themes=("eau",)))
    ['Intérêt — Eau']
    """
    themes = ", ".join(f.labels_of(fact.themes))
    if fact.kind in ("interest", "expertise"):
        about = ", ".join(x for x in (themes, f.label(fact.territory)) if x)
        return [f"{say(f'report.{fact.kind}', f.lang)} — {about}"]
    head = f.label(fact.detail) if fact.detail else ""
    head = head[:1].upper() + head[1:]
    if fact.kind == "partnership":
        lines = [f"{head} — {themes}" if themes else head]
        label = f.label(fact.id)
        return lines + ([label] if label and label != fact.id else [])
    return [f"{head} — {f.label(fact.target)}"]


def since(fact: Fact) -> str:
    """The years of a fact: '1995', '2012–2020', or ''.

    >>> since(Fact("x", "partnership", (), start="2012", end="2020"))
    '2012–2020'
    """
    if fact.start and fact.end:
        return f"{fact.start}–{fact.end}"
    return fact.start or (f"–{fact.end}" if fact.end else "")


def fact_row(f: Facts, fact: Fact, sources: Sources) -> dict:
    """One fact as a dict of the :data:`COLUMNS` (lists for several values)."""
    lead, others = f.parties(fact)
    return {
        "actor": f.labels_of(lead),
        "what": what(f, fact),
        "with": f.labels_of(others),
        "where": f.labels_of(sorted(f.fact_places(fact), key=f.sort_key)),
        "since": since(fact),
        "status": f.status(fact.status),
        "source": sources.cite(fact),
    }


def sort_facts(f: Facts, facts: list[Fact]) -> list[Fact]:
    """French authorities' facts first, then by kind, status and label."""

    def key(fact: Fact):
        lead, _ = f.parties(fact)
        french = any(f.kind.get(a) == "FrenchAuthority" for a in lead)
        return (
            not french,
            KIND_ORDER.get(fact.kind, 9),
            STATUS_ORDER.get(fact.status, 9),
            [f.sort_key(a) for a in lead],
            fact.id,
        )

    return sorted(facts, key=key)


def fact_table(f: Facts, facts: list[Fact], sources: Sources) -> Table:
    """A table of ``facts`` (sorted) with translated headings."""
    rows = [fact_row(f, fact, sources) for fact in sort_facts(f, facts)]
    return Table(
        [say(f"report.{c}", f.lang) for c in COLUMNS],
        [[r[c] if isinstance(r[c], str) else list(r[c]) for c in COLUMNS] for r in rows],
    )
