"""The répertoire d'acteurs the minutes ask for ("savoir qui fait quoi et où"): for each theme
and each country (and each region a fact names), the French authorities and what they do,
their partners, the networks and embassies involved, every row with its source. Also one
flat table for a spreadsheet (``Report.csv_rows``).

>>> import graphkit
>>> doc = repertoire(graphkit.from_tables("data"))
>>> [s.heading for s in doc.sections][:2]
['Par thème', 'Culture et patrimoine › Carnaval']
>>> {r["section"] for r in doc.csv_rows if "Ville de Morón" in r["with"]}
{'Argentine'}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphkit.reports.blocks import Items, Paragraph, Section
from graphkit.reports.document import Report
from graphkit.reports.fact_table import COLUMNS, Sources, fact_row, fact_table, sort_facts
from graphkit.reports.facts import Fact, Facts, gather
from graphkit.text.i18n import say

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

KINDS = ("partnership", "expertise", "interest", "membership")


def _by_theme(f: Facts) -> list[tuple[str, list[Fact]]]:
    out = []
    for theme in f.themes:
        facts = [x for x in f.facts if x.kind in KINDS and theme in x.themes]
        if facts:
            out.append((theme, facts))
    return out


def _by_place(f: Facts, kind: str) -> list[tuple[str, list[Fact]]]:
    found: dict[str, list[Fact]] = {}
    for x in f.facts:
        if x.kind in KINDS:
            for place in f.fact_places(x):
                if f.kind.get(place) == kind:
                    found.setdefault(place, []).append(x)
    return [(p, found[p]) for p in sorted(found, key=f.sort_key)]


def _networks(f: Facts, facts: list[Fact], place: str | None) -> list[str]:
    actors = {a for x in facts for a in x.actors}
    found = {a for a in actors if f.kind.get(a) == "Network"}
    for x in f.facts:  # networks the section's actors belong to or take part in
        if x.kind == "membership" and f.kind.get(x.target) == "Network" and set(x.actors) & actors:
            found.add(x.target)
    if place:
        found |= {n for n in f.of_kind("Network") if f.seat.get(n) in f.countries_in(place)}
    return f.labels_of(sorted(found, key=f.sort_key))


def _embassies(f: Facts, facts: list[Fact], place: str | None) -> list[str]:
    countries = f.countries_in(place) if place else {c for x in facts for c in f.fact_countries(x)}
    return f.labels_of(sorted(f.embassies_for(countries), key=f.sort_key))


def _section(f: Facts, heading: str, facts: list[Fact], place: str | None, sources: Sources):
    networks, embassies = _networks(f, facts, place), _embassies(f, facts, place)
    blocks = [fact_table(f, facts, sources)]
    around = []
    if networks:
        head = say("report.networks", f.lang)
        around.append(say("report.colon", f.lang, head=head, tail=", ".join(networks)))
    if embassies:
        head = say("report.embassies", f.lang)
        around.append(say("report.colon", f.lang, head=head, tail=", ".join(embassies)))
    if around:
        blocks.append(Items(around))
    return Section(heading, blocks, level=3), networks, embassies


def repertoire(kg: Graph, lang: str = "fr") -> Report:
    """The répertoire by theme, by country and by region, in ``lang``."""
    f = gather(kg, lang)
    sources = Sources(f)
    sections: list[Section] = []
    rows: list[dict] = []
    parts = [
        ("by_theme", "theme", [(th, f.theme_path(th), fs, None) for th, fs in _by_theme(f)]),
        ("by_country", "country", [(p, f.label(p), fs, p) for p, fs in _by_place(f, "Country")]),
        ("by_region", "region", [(p, f.label(p), fs, p) for p, fs in _by_place(f, "MacroRegion")]),
    ]
    for heading, kind, groups in parts:
        if not groups:
            continue
        sections.append(Section(say(f"report.{heading}", lang)))
        for section_id, name, facts, place in groups:
            section, networks, embassies = _section(f, name, facts, place, sources)
            sections.append(section)
            for fact in sort_facts(f, facts):
                row = fact_row(f, fact, sources)
                rows.append(
                    {
                        "section_kind": kind,
                        "section_id": section_id,
                        "section": f.label(section_id) if kind == "theme" else name,
                        **{c: row[c] for c in COLUMNS},
                        "networks": networks,
                        "embassies": embassies,
                        "fact_id": fact.id,
                        "note": fact.note or "",
                    }
                )
    counts = {
        k: len(f.of_kind(c))
        for k, c in (
            ("french", "FrenchAuthority"),
            ("partners", "ForeignAuthority"),
            ("networks", "Network"),
            ("embassies", "Embassy"),
        )
    }
    intro = Paragraph(say("report.repertoire_intro", lang, **counts))
    if sections:
        sections[0].blocks.insert(0, intro)
    else:
        sections.append(
            Section(
                say("report.repertoire", lang), [intro, Paragraph(say("report.none_known", lang))]
            )
        )
    return Report(
        say("report.repertoire", lang),
        lang,
        sections,
        subtitle=say("report.made_from", lang),
        sources=sources.listing(),
        csv_rows=rows,
    )
