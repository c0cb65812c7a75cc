"""A fascicule — the booklet the minutes ask for, by theme or by country (or region): who
has done what, with whom and since when; the networks and embassies not to miss; the support
programmes the graph knows; the authorities interested but not yet active, with experts
suggested by :func:`graphkit.match.experts`; a small graph and a chart.

>>> import graphkit
>>> doc = fascicule(graphkit.from_tables("data"), theme="dechets")
>>> doc.title
'Fascicule thématique : Déchets'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphkit.match import experts
from graphkit.reports.blocks import Figure, Items, Paragraph, Section, Table
from graphkit.reports.document import Report
from graphkit.reports.fact_table import Sources, fact_table, what
from graphkit.reports.facts import ACTOR_KINDS as ACTORS
from graphkit.reports.facts import Facts, gather
from graphkit.reports.figures import bar_chart_png, graph_svg
from graphkit.reports.networks import rank_networks
from graphkit.reports.questions import proposals_section, questions_section
from graphkit.reports.subject import (
    Subject,
    active_on,
    facts_about,
    interest_touches,
    interested,
    resolve_subject,
    touches,
)
from graphkit.text.i18n import say

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

MAX_GRAPH_NODES = 40


def _networks(kg: Graph, f: Facts, s: Subject, involved: set[str]) -> dict[str, list]:
    """Network id -> its row (name, seat, reasons): those ranked for the subject itself and
    those taking part in its facts."""
    no_seat = say("report.no_seat", f.lang)
    return {
        r["id"]: [
            r["label"],
            f.label(r["seat"]) if r["seat"] else no_seat,
            [x for x in r["reasons"] if x != no_seat],
        ]
        for r in rank_networks(kg, f, theme=s.theme, country=s.place)
        if r["relevant"] or r["id"] in involved
    }


def _embassies(f: Facts, countries: set[str]) -> dict[str, list]:
    """Embassy id -> its row (name, the countries it is useful for, why)."""
    rows = {}
    found = f.embassies_for(countries)
    for embassy in sorted(found, key=f.sort_key):
        places = ", ".join(f.labels_of(sorted(found[embassy], key=f.sort_key)))
        why = []
        territories = sorted(f.coverage.get(embassy, set()), key=f.sort_key)
        if territories:
            why.append(
                say("report.covers_places", f.lang, places=", ".join(f.labels_of(territories)))
            )
        if f.represents.get(embassy) in countries:
            why.append(say("report.represents", f.lang, place=f.label(f.represents[embassy])))
        rows[embassy] = [f.label(embassy), places, why]
    return rows


def _programmes(f: Facts, s: Subject) -> list[str]:
    out = []
    for p in sorted(f.programmes, key=lambda p: f.sort_key(p["id"])):
        if p["themes"] and s.theme and not p["themes"] & s.themes:
            continue
        text = f.label(p["id"])
        if p["operator"]:
            text += f" ({say('report.run_by', f.lang, who=f.label(p['operator']))})"
        if p.get("description"):
            text = say("report.colon", f.lang, head=text, tail=p["description"])
        out.append(text)
    return out


def _suggested(kg: Graph, f: Facts, s: Subject, actor: str, busy: set[str]) -> list[str]:
    themes = [s.theme] if s.theme else []
    if not themes:  # a country: experts on what the authority wants to work on
        themes = sorted(
            {th for x in f.facts if x.kind == "interest" and actor in x.actors for th in x.themes}
        )
    found: dict[str, str] = {}
    for theme in themes:
        frame = experts(kg, theme, for_=actor, top=3, lang=f.lang)
        for row in frame.itertuples():
            found.setdefault(row.id, f"{row.label} — {'; '.join(row.reasons[:2])}")
    if s.place:
        for a in sorted(busy, key=f.sort_key):
            if f.kind.get(a) == "FrenchAuthority" and a != actor:
                found.setdefault(a, f"{f.label(a)} — {say('report.active_here', f.lang)}")
    return list(found.values())[:5]


def _graph(kg: Graph, f: Facts, s: Subject, nodes: set[str]) -> Figure:
    g = kg.simple_graph()
    keep = {n for n in nodes | s.ids if n in g}
    if s.place and s.place in g:
        keep |= {r for e in nodes if e in f.coverage for r in f.coverage[e] if r in g}
    sub = g.subgraph(sorted(keep)[: MAX_GRAPH_NODES * 3]).copy()
    if sub.number_of_nodes() > MAX_GRAPH_NODES:  # keep the best connected
        best = sorted(sub, key=lambda n: (-sub.degree(n), n))[:MAX_GRAPH_NODES]
        sub = sub.subgraph(best).copy()
    labels = {n: f.label(n) for n in sub}
    kinds = {n: d.get("kind", "") for n, d in sub.nodes(data=True)}
    edges = Table(
        [say("report.actor", f.lang), say("report.with", f.lang)],
        [[labels[u], labels[v]] for u, v in sorted(sub.edges())],
    )
    return Figure(
        say("report.graph_caption", f.lang), svg=graph_svg(sub, labels, kinds, f.lang), data=edges
    )


CATEGORIES = ("active", "stand-by", "ended", "expertise", "interest", "membership")


def _chart(f: Facts, s: Subject) -> Figure:
    """How many actors are involved in the subject, by kind of involvement."""
    groups: dict[str, set[str]] = {k: set() for k in CATEGORIES}
    for x in f.facts:
        if x.kind == "interest" and interest_touches(f, s, x):
            groups["interest"] |= set(x.actors)
        elif x.kind != "interest" and touches(f, s, x):
            key = x.status if x.kind == "partnership" else x.kind
            groups[key if key in groups else "membership"] |= set(x.actors)
    names = [say("report.cat_" + k.replace("-", ""), f.lang) for k in groups]
    values = [len(v) for v in groups.values()]
    data = Table(
        [say("report.involvement", f.lang), say("report.count", f.lang)],
        [[n, str(v)] for n, v in zip(names, values, strict=True)],
    )
    return Figure(say("report.chart_caption", f.lang), png=bar_chart_png(names, values), data=data)


def _events(f: Facts, s: Subject) -> list[str]:
    """Events on the theme or held in the place, by date."""
    out = []
    for e, info in sorted(f.events.items(), key=lambda x: (x[1]["date"] or "", x[0])):
        place = info["place"]
        held = (f.countries_in(place) | {f.seat.get(place)}) if place else set()
        if (s.theme and info["themes"] & s.themes) or (s.place and held & s.countries):
            out.append(f.label(e) + (f" ({info['date']})" if info["date"] else ""))
    return out


def _interested_section(kg: Graph, f: Facts, s: Subject, sources: Sources) -> Section:
    busy = active_on(f, s)
    rows = [
        [f.label(a), what(f, x), _suggested(kg, f, s, a, busy), sources.cite(x)]
        for a, x in interested(f, s)
    ]
    head = ["actor", "interested_in", "suggested_experts", "source"]
    table = Table([say(f"report.{h}", f.lang) for h in head], rows)
    return Section(
        say("report.interested", f.lang),
        [table] if rows else [Paragraph(say("report.nobody_interested", f.lang))],
    )


def fascicule(
    kg: Graph, theme: str | None = None, country: str | None = None, lang: str = "fr"
) -> Report:
    """The fascicule on ``theme`` or ``country`` (a country or a macro-region; ids or labels)."""
    if not theme and not country:
        raise ValueError("a fascicule is about a theme or a country")
    f = gather(kg, lang)
    s = resolve_subject(kg, f, theme, country)
    sources = Sources(f)
    done = facts_about(f, s, ("partnership", "expertise", "membership", "participation"))
    waiting = interested(f, s)
    involved = {a for x in done for a in x.actors} | {x.target for x in done if x.target}
    networks = _networks(kg, f, s, involved)
    embassies = _embassies(f, s.countries or {c for x in done for c in f.fact_countries(x)})
    actors = {a for a in involved if f.kind.get(a) in ACTORS} | {a for a, _ in waiting}
    drawn = actors | involved | set(networks) | set(embassies) | {x.territory for _, x in waiting}
    key = "fascicule_theme" if theme else "fascicule_country"
    if not theme and f.kind.get(s.place) == "MacroRegion":
        key = "fascicule_region"

    sections = [
        Section(say("report.at_a_glance", lang), [_graph(kg, f, s, drawn - {None}), _chart(f, s)]),
        Section(
            say("report.who_did_what", lang),
            [fact_table(f, done, sources)] if done else [Paragraph(say("report.none_known", lang))],
        ),
    ]
    events = _events(f, s)
    if events:
        sections.append(Section(say("report.events", lang), [Items(events)], level=3))
    around = [
        Table([say(f"report.{h}", lang) for h in heads], list(rows.values()))
        for heads, rows in (
            (("networks", "country", "why"), networks),
            (("embassies", "covers", "why"), embassies),
        )
        if rows
    ]
    sections.append(
        Section(
            say("report.not_to_miss", lang), around or [Paragraph(say("report.none_known", lang))]
        )
    )
    programmes = _programmes(f, s)
    sections.append(
        Section(
            say("report.programmes", lang),
            ([Items(programmes)] if programmes else [Paragraph(say("report.none_known", lang))])
            + [Paragraph(say("report.programmes_only", lang), muted=True)],
        )
    )
    sections.append(_interested_section(kg, f, s, sources))
    sections.append(proposals_section(kg, f, s.ids))
    sections.append(questions_section(kg, f, s.ids | actors))
    subtitle = say("report.fascicule_intro", lang, facts=len(done), actors=len(actors))
    return Report(
        say(f"report.{key}", lang, name=s.label(f)),
        lang,
        sections,
        subtitle=subtitle,
        sources=sources.listing(),
    )
