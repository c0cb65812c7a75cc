"""A meeting brief: who should meet whom among the participants and beyond (from
:func:`graphkit.match.meet`), two networks from two different countries to invite and other
possible guests (from :func:`graphkit.match.invite`), and the open questions the sources ask.

>>> import graphkit
>>> doc = meeting_brief(graphkit.from_tables("data"), country="brésil")
>>> invited = next(s for s in doc.sections if s.heading == "Réseaux à inviter")
>>> invited.blocks[1].rows[0][0]
'FNP (association des maires brésiliens)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphkit.graph.names import ACTOR
from graphkit.match import invite, meet
from graphkit.reports.blocks import Paragraph, Section, Table
from graphkit.reports.document import Report
from graphkit.reports.fact_table import what
from graphkit.reports.facts import AUTHORITIES, Facts, gather
from graphkit.reports.networks import pick_two, rank_networks
from graphkit.reports.questions import questions_section
from graphkit.reports.subject import (
    Subject,
    active_on,
    facts_about,
    interest_touches,
    interested,
    resolve_subject,
)
from graphkit.text.i18n import say

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph


def _subject_actors(f: Facts, s: Subject) -> set[str]:
    """Authorities the graph ties to the subject: active on it or interested in it."""
    found = active_on(f, s) | {a for a, _ in interested(f, s)}
    return {a for a in found if f.kind.get(a) in AUTHORITIES}


def _about_place(f: Facts, s: Subject, pairs):
    """Which pairs are about the subject's place: one side is seated there, or both sides
    are tied to it (active or interested there) — not two who met elsewhere."""
    tied = _subject_actors(f, Subject(place=s.place, countries=s.countries)) | {
        a for x in facts_about(f, Subject(place=s.place, countries=s.countries)) for a in x.actors
    }
    seated = {
        a for a, c in f.seat.items() if c in s.countries and f.kind.get(a) != "FrenchAuthority"
    }
    if pairs.empty:
        return pairs.index == pairs.index
    return pairs.apply(
        lambda r: (
            r.source_id in seated
            or r.target_id in seated
            or (r.source_id in tied and r.target_id in tied)
        ),
        axis=1,
    ).astype(bool)


def _on_subject(f: Facts, s: Subject, actor: str) -> list[str]:
    facts = [x for x in facts_about(f, s) if actor in x.actors]
    facts += [x for x in f.facts if actor in x.actors and interest_touches(f, s, x)]
    if not (s.theme or s.place):
        facts = [x for x in f.facts if actor in x.actors]
    return [" ".join(what(f, x)[:1]) for x in facts[:4]]


def _pairs(f: Facts, rows) -> Table:
    return Table(
        [
            say("report.who", f.lang),
            say("report.with", f.lang),
            say("report.score", f.lang),
            say("report.why", f.lang),
        ],
        [[r.source, r.target, f"{r.score:.2f}", list(r.reasons)] for r in rows],
    )


def meeting_brief(
    kg: Graph,
    theme: str | None = None,
    country: str | None = None,
    participants: list[str] | tuple[str, ...] = (),
    lang: str = "fr",
    top: int = 8,
) -> Report:
    """The brief of a meeting on ``theme`` and/or ``country`` with ``participants`` (names)."""
    f = gather(kg, lang)
    s = resolve_subject(kg, f, theme, country)
    people = list(dict.fromkeys(kg.resolve(p, ACTOR) for p in participants))
    guessed = not people and bool(theme or country)
    if guessed:
        people = sorted(_subject_actors(f, s), key=f.sort_key)
    subject = [say("report.subject_theme", lang, x=f.label(s.theme))] if s.theme else []
    subject += [say("report.subject_country", lang, x=f.label(s.place))] if s.place else []
    sections = []

    rows = [
        [
            f.label(p),
            say(f"kind.{f.kind.get(p)}", lang, otherwise=f.kind.get(p, "")),
            f.label(f.seat.get(p)),
            _on_subject(f, s, p),
        ]
        for p in people
    ]
    blocks = [Paragraph(say("report.participants_guessed", lang), muted=True)] if guessed else []
    if rows:
        head = [
            say("report.participants", lang),
            say("report.kind", lang),
            say("report.country", lang),
            say("report.on_subject", lang),
        ]
        blocks.append(Table(head, rows))
    if blocks:
        sections.append(Section(say("report.participants", lang), blocks))

    pairs = meet(kg, top=len(f.kind) ** 2, lang=lang)
    if s.place:  # a brief on a country proposes only introductions about that country
        pairs = pairs[_about_place(f, s, pairs)]
    inside = set(people)
    both = pairs[pairs.source_id.isin(inside) & pairs.target_id.isin(inside)]
    one = pairs[pairs.source_id.isin(inside) ^ pairs.target_id.isin(inside)]
    if not people:
        one = pairs
    if s.theme or s.place:  # introductions that bring in someone on the subject first
        near = _subject_actors(f, s) | {a for x in facts_about(f, s) for a in x.actors}
        others = one.apply(lambda r: r.target_id if r.source_id in inside else r.source_id, axis=1)
        one = one.assign(_near=others.isin(near) if len(one) else []).sort_values(
            ["_near", "score"], ascending=[False, False], kind="stable"
        )
    meet_blocks = []
    if people:
        meet_blocks.append(Paragraph(say("report.among", lang)))
        meet_blocks.append(
            _pairs(f, both.head(top).itertuples())
            if len(both)
            else Paragraph(say("report.nobody_to_meet", lang), muted=True)
        )
        meet_blocks.append(Paragraph(say("report.beyond", lang)))
    if s.theme or s.place:
        meet_blocks.append(Paragraph(say("report.beyond_order", lang), muted=True))
    meet_blocks.append(
        _pairs(f, one.head(top).itertuples())
        if len(one)
        else Paragraph(say("report.nobody_to_meet", lang), muted=True)
    )
    sections.append(Section(say("report.who_meets", lang), meet_blocks))

    ranked = rank_networks(kg, f, theme=s.theme, country=s.place)
    chosen = pick_two(ranked)
    no_seat = say("report.no_seat", lang)
    net_rows = [
        [
            r["label"],
            f.label(r["seat"]) if r["seat"] else no_seat,
            [x for x in r["reasons"] if x != no_seat],
        ]
        for r in chosen
    ]
    invite_blocks = [Paragraph(say("report.two_networks", lang))]
    invite_blocks.append(
        Table(
            [say("report.networks", lang), say("report.country", lang), say("report.why", lang)],
            net_rows,
        )
        if net_rows
        else Paragraph(say("report.none_known", lang))
    )
    guests = invite(kg, theme=s.theme, country=s.place, top=top, lang=lang)
    picked = {r["id"] for r in chosen}
    guest_rows = [
        [g.label, g.country if isinstance(g.country, str) else no_seat, list(g.reasons)]
        for g in guests.itertuples()
        if g.id not in picked and g.id not in inside
    ]
    if guest_rows:
        invite_blocks.append(Paragraph(say("report.other_guests", lang)))
        invite_blocks.append(
            Table(
                [say("report.actor", lang), say("report.country", lang), say("report.why", lang)],
                guest_rows,
            )
        )
    sections.append(Section(say("report.networks_to_invite", lang), invite_blocks))

    about = None
    if s.theme or s.place or people:
        about = s.ids | inside | {a for a, c in f.seat.items() if c in s.countries}
    sections.append(questions_section(kg, f, about))
    subtitle = " · ".join(subject or [say("report.subject_all", lang)])
    return Report(say("report.meeting", lang), lang, sections, subtitle=subtitle)
