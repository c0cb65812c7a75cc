"""The draft feuille de route the minutes call for: one meeting a month with Latin American
partners, each on a theme or a region, two networks from two different countries to invite,
the authorities to bring together and the fascicule to prepare.

Subjects are the themes and macro-regions that authorities stated an interest in (a theme
counts its narrower themes, a region its countries; the region that holds all the others is
the whole programme, not a subject), ranked by how many authorities are interested, then by
how many already work on them.

Rotation rule (tested): no theme or network comes back before all the others have had their
turn. Subjects are taken in rank order, one a month, and the list starts again only when
every subject has had its meeting. Networks are invited in rounds: within a round each
network is invited once (the most relevant to the month's subject first, one not invited the
month before preferred); a new round starts only when every network has been invited. Two
networks of the same month never share a known seat country; if the round holds no network
that can go with the first one, that month invites one network only, and says so.

>>> import graphkit
>>> months = plan(graphkit.from_tables("data"), months=2)
>>> [(m.month, m.subject) for m in months]
[('2021-01', 'environnement'), ('2021-02', 'mr-amerique-du-sud')]
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graphkit.reports.blocks import Paragraph, Section, Table
from graphkit.reports.document import Report
from graphkit.reports.facts import AUTHORITIES, Facts, gather
from graphkit.reports.networks import compatible, rank_networks
from graphkit.reports.subject import Subject, active_on, interest_touches
from graphkit.text.i18n import say

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph


@dataclass
class Month:
    month: str  # YYYY-MM
    subject: str  # a theme id or a macro-region id
    kind: str  # "theme" or "region"
    interested: list[str]  # authorities that stated an interest in the subject
    active: list[str]  # authorities already working on it
    networks: list[dict] = field(default_factory=list)  # rows of rank_networks
    note: str = ""

    @property
    def together(self) -> list[str]:
        """The authorities to bring together: the interested and those already active."""
        return list(dict.fromkeys(self.interested + self.active))


def _subject(f: Facts, kind: str, ident: str) -> Subject:
    if kind == "theme":
        return Subject(theme=ident, themes=f.narrower_or_same(ident))
    return Subject(place=ident, countries=f.countries_in(ident))


def _interested(f: Facts, s: Subject) -> list[str]:
    found: set[str] = set()
    for x in f.facts:
        if interest_touches(f, s, x):
            found |= {a for a in x.actors if f.kind.get(a) in AUTHORITIES}
    return sorted(found, key=f.sort_key)


def subjects(f: Facts) -> list[tuple[str, str, list[str], list[str]]]:
    """Every subject with at least one interested authority, best first:
    (id, "theme" | "region", interested authorities, active authorities)."""
    named = {th for x in f.facts if x.kind == "interest" for th in x.themes}
    regions = f.of_kind("MacroRegion")
    whole = {r for r in regions if all(r in f.within.get(o, set()) for o in regions if o != r)}
    found = []
    for kind, ids in (("theme", [th for th in f.themes if th in named]), ("region", regions)):
        for ident in ids:
            if ident in whole:
                continue
            s = _subject(f, kind, ident)
            interested = _interested(f, s)
            if interested:
                active = [a for a in active_on(f, s) if f.kind.get(a) in AUTHORITIES]
                found.append((ident, kind, interested, sorted(active, key=f.sort_key)))
    return sorted(found, key=lambda x: (-len(x[2]), -len(x[3]), x[1] != "theme", f.sort_key(x[0])))


def first_month(f: Facts) -> str:
    """The month of the first meeting the graph plans after its newest source, else the
    month after that source (else this month).

    >>> import graphkit
    >>> first_month(gather(graphkit.from_tables("data")))  # the January 2021 meeting
    '2021-01'
    """
    newest = max((d["date"] for d in f.sources.values() if d.get("date")), default=None)
    if newest:
        later = sorted(
            e["date"][:7] for e in f.events.values() if e["date"] and e["date"][:7] > newest[:7]
        )
        if later:
            return later[0]
        year, month = int(newest[:4]), int(newest[5:7])
        return f"{year + month // 12}-{month % 12 + 1:02d}"
    return datetime.date.today().strftime("%Y-%m")


def _add_months(start: str, n: int) -> str:
    year, month = int(start[:4]), int(start[5:7]) - 1 + n
    return f"{year + month // 12}-{month % 12 + 1:02d}"


class NetworkRotation:
    """Invitations in rounds: every network once per round, two per month when possible.

    >>> nets = [{"id": n, "seat": s} for n, s in [("a", "x"), ("b", "x"), ("c", "y")]]
    >>> r = NetworkRotation()
    >>> [[n["id"] for n in r.invite(nets)] for _ in range(3)]
    [['a', 'c'], ['b', 'c'], ['a']]
    """

    def __init__(self) -> None:
        self.invited_in_round: set[str] = set()
        self.last_month: set[str] = set()

    def invite(self, ranked: list[dict], per_month: int = 2) -> list[dict]:
        """The networks of one month, from ``ranked`` (every network, best first)."""
        chosen: list[dict] = []
        for _ in range(per_month):
            taken = {r["id"] for r in chosen}
            remaining = [r for r in ranked if r["id"] not in self.invited_in_round | taken]
            if not remaining:  # everyone has had a turn: a new round
                self.invited_in_round = set()
                remaining = [r for r in ranked if r["id"] not in taken]
            if chosen:
                remaining = [r for r in remaining if compatible(chosen[0], r)]
                known = [r for r in remaining if r["seat"] and chosen[0]["seat"]]
                remaining = known or remaining
            remaining.sort(key=lambda r: r["id"] in self.last_month)  # stable: keeps the rank
            if not remaining:
                break
            chosen.append(remaining[0])
            self.invited_in_round.add(remaining[0]["id"])
        self.last_month = {r["id"] for r in chosen}
        return chosen


def plan(
    kg: Graph, months: int = 6, start: str | None = None, f: Facts | None = None
) -> list[Month]:
    """The meetings of ``months`` months from ``start`` (YYYY-MM; default :func:`first_month`)."""
    f = f or gather(kg)
    ranked_subjects = subjects(f)
    if not ranked_subjects:
        return []
    start = start or first_month(f)
    rotation = NetworkRotation()
    out = []
    for i in range(months):
        ident, kind, interested, active = ranked_subjects[i % len(ranked_subjects)]
        ranked = rank_networks(
            kg,
            f,
            theme=ident if kind == "theme" else None,
            country=ident if kind == "region" else None,
        )
        chosen = rotation.invite(ranked)
        note = (
            say("report.one_network_only", f.lang) if len(chosen) == 1 and len(ranked) > 1 else ""
        )
        out.append(Month(_add_months(start, i), ident, kind, interested, active, chosen, note))
    return out


def _fascicule(f: Facts, m: Month) -> list[str]:
    key = "fascicule_theme" if m.kind == "theme" else "fascicule_region"
    command = "theme" if m.kind == "theme" else "country"
    return [
        say(f"report.{key}", f.lang, name=f.label(m.subject)),
        f"graphkit report {command} {m.subject} --out fascicule-{m.subject}.html",
    ]


def roadmap(kg: Graph, months: int = 6, start: str | None = None, lang: str = "fr") -> Report:
    """The roadmap report (also as spreadsheet rows) for ``months`` months."""
    f = gather(kg, lang)
    meetings = plan(kg, months, start, f)
    no_seat = say("report.no_seat_short", lang)
    rows, csv_rows = [], []
    for m in meetings:
        subject = f"{f.label(m.subject)} ({say('report.' + m.kind + '_word', lang)})"
        interested = ", ".join(f.labels_of(m.interested))
        networks = [
            f"{r['label']} — {f.label(r['seat']) if r['seat'] else no_seat}" for r in m.networks
        ] + ([m.note] if m.note else [])
        rows.append(
            [
                month_name(m.month, lang),
                subject,
                say("report.colon", lang, head=len(m.interested), tail=interested),
                networks,
                ", ".join(f.labels_of(m.together)),
                _fascicule(f, m),
            ]
        )
        csv_rows.append(
            {
                "month": m.month,
                "subject_kind": m.kind,
                "subject_id": m.subject,
                "subject": f.label(m.subject),
                "interested": len(m.interested),
                "interested_authorities": f.labels_of(m.interested),
                "networks": [r["label"] for r in m.networks],
                "network_countries": [f.label(r["seat"]) if r["seat"] else "" for r in m.networks],
                "bring_together": f.labels_of(m.together),
                "fascicule": _fascicule(f, m)[1],
            }
        )
    head = [
        "month",
        "subject",
        "n_interested",
        "networks_to_invite",
        "bring_together",
        "fascicule_to_prepare",
    ]
    first = month_name(meetings[0].month, lang) if meetings else ""
    last = month_name(meetings[-1].month, lang) if meetings else ""
    sections = [
        Section(
            say("report.meetings", lang),
            [Table([say(f"report.{h}", lang) for h in head], rows)]
            if rows
            else [Paragraph(say("report.no_subject", lang))],
        ),
        Section(
            say("report.rotation_rule", lang),
            [
                Paragraph(say("report.rotation_text", lang)),
                Paragraph(say("report.interested_rule", lang), muted=True),
            ],
        ),
    ]
    return Report(
        say("report.roadmap", lang),
        lang,
        sections,
        subtitle=say("report.roadmap_intro", lang, first=first, last=last) if meetings else "",
        csv_rows=csv_rows,
    )


def month_name(month: str, lang: str = "fr") -> str:
    """'2021-03' in words.

    >>> month_name("2021-01", "fr"), month_name("2021-01", "es")
    ('janvier 2021', 'enero de 2021')
    """
    year, number = month.split("-")
    return say("report.month_year", lang, month=say(f"month.{int(number)}", lang), year=year)
