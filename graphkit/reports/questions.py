"""What earlier meetings produced on a subject: their open questions (``gk:Question`` rows
that no row answers) and their proposals, decisions, expected deliverables and observations,
with who supports them — all from ``data/outcomes.csv`` and ``data/stances.csv`` as the graph
holds them.

An outcome is on a subject when one of the things it names is: its themes, its territories
(and the countries in them), the entities it is about (and a group's territories), or, for
questions, who asked it.

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> [q["node"] for q in open_questions(kg, {"covid-19"})]
['out-q-covid-collectivites']
>>> len(open_questions(kg, {"country-br"}))  # also two on South America as a whole
3
>>> "out-q-accompagnement" in [q["node"] for q in open_questions(kg)]  # answered: not open
False
>>> [o["node"] for o in meeting_outcomes(kg, {"dechets"})]
['out-fascicule-dechets']
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from graphkit.model import vocab
from graphkit.reports.blocks import Items, Paragraph, Section
from graphkit.text.i18n import say

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph
    from graphkit.reports.facts import Facts

KINDS = ("Proposal", "Decision", "Deliverable", "Observation", "Question")


def _outcomes(kg: Graph) -> dict[str, dict]:
    """Every meeting outcome of the graph: kind, label, quote, meeting, speaker, row, due,
    the ids it names (``refs``, authors apart), its authors, answers and stances."""
    ids = vocab.local_id
    found: dict[str, dict] = {}
    for r in kg.select(
        """SELECT ?o ?kind ?label ?quote ?meeting ?who ?row ?due WHERE {
             ?o a gk:MeetingOutcome ; a ?kind ; rdfs:label ?label ; schema:text ?quote ;
                prov:wasGeneratedBy ?meeting .
             VALUES ?kind { gk:Proposal gk:Decision gk:Question gk:Deliverable gk:Observation }
             OPTIONAL { ?o prov:wasAttributedTo ?who }
             OPTIONAL { ?o gk:sourceRow ?row }
             OPTIONAL { ?o gk:due ?due } } ORDER BY ?row"""
    ):
        found.setdefault(
            ids(r["o"]),
            {
                "node": ids(r["o"]),
                "kind": vocab.curie(r["kind"]).split(":")[1],
                "label": r["label"],
                "quote": r["quote"],
                "meeting": ids(r["meeting"]),
                "speaker": ids(r["who"]) if r["who"] else None,
                "row": r["row"],
                "due": r["due"],
                "refs": set(),  # what it names, then widened to the countries they hold
                "names": set(),  # what it names
                "authors": set(),
                "answers": [],
                "stances": defaultdict(list),
            },
        )
    for r in kg.select(
        """SELECT ?o ?p ?x WHERE { ?o a gk:MeetingOutcome ; ?p ?x .
             VALUES ?p { gk:theme gk:territory schema:about schema:author schema:suggestedAnswer } }"""
    ):
        o, p, x = ids(r["o"]), vocab.curie(r["p"]), ids(r["x"])
        if o not in found:
            continue
        key = {"schema:author": "authors", "schema:suggestedAnswer": "answers"}.get(p, "refs")
        getattr(found[o][key], "append" if key == "answers" else "add")(x)
    # A region or a country group stands for its countries too.
    inside = defaultdict(set)
    for r in kg.select(
        """SELECT ?c ?t WHERE { { ?c a gk:Country ; schema:containedInPlace ?t }
                                UNION { ?t a ?k ; gk:territory ?c
                                        VALUES ?k { gk:CountryGroup gk:ThematicGroup } } }"""
    ):
        inside[ids(r["t"])].add(ids(r["c"]))
    for o in found.values():
        o["names"] = set(o["refs"])
        for x in list(o["refs"]):
            for c in inside.get(x, ()):
                o["refs"].add(c)
                o["refs"] |= inside.get(c, set())
    for r in kg.select(
        """SELECT ?o ?a ?pos WHERE { ?s a gk:Stance ; schema:about ?o ; gk:actor ?a ;
                                       gk:position ?pos } ORDER BY ?a"""
    ):
        if ids(r["o"]) in found:
            position = vocab.TABLE_VALUE.get(vocab.curie(r["pos"]), "")
            found[ids(r["o"])]["stances"][position].append(ids(r["a"]))
    return found


def open_questions(kg: Graph, about: set[str] | None = None) -> list[dict]:
    """The questions of earlier meetings that no row answers, on ``about`` (entity ids: a
    question asked by one of them counts too); every open question if ``about`` is None.
    Rows: question (the quote), node, label, speaker, row, meeting, about (the ids it names)."""
    out = []
    for o in _outcomes(kg).values():
        if o["kind"] != "Question" or o["answers"]:
            continue
        if about is not None and not (o["refs"] | o["authors"]) & about:
            continue
        out.append(
            {
                "question": o["quote"],
                "node": o["node"],
                "label": o["label"],
                "speaker": o["speaker"],
                "row": o["row"],
                "meeting": o["meeting"],
                "about": sorted(o["names"] | o["authors"]),
            }
        )
    return out


def meeting_outcomes(kg: Graph, about: set[str] | None = None) -> list[dict]:
    """The proposals, decisions, expected deliverables and observations of meetings whose
    themes, territories or subjects are among ``about`` (all if None), in table order, each
    with its stances (``{"supports": [actor ids], …}``)."""
    return [
        o
        for o in _outcomes(kg).values()
        if o["kind"] != "Question" and (about is None or o["refs"] & about)
    ]


def _meeting(f: Facts, meeting: str) -> str:
    event = f.events.get(meeting, {})
    date = event.get("date") if isinstance(event, dict) else None
    return f"{f.label(meeting)} ({date})" if date else f.label(meeting)


def questions_section(kg: Graph, f: Facts, about: set[str] | None) -> Section:
    """The section of a report that lists the open questions of earlier meetings on ``about``
    (all if None): each question, then who asked it, its row, the meeting, what it is about."""
    items = []
    for q in open_questions(kg, about):
        who = f.label(q["speaker"]) if q["speaker"] else ""
        topics = [x for x in q["about"] if f.kind.get(x) or x in f.broader or x in f.themes]
        about_word = say("report.about", f.lang)
        labels = ", ".join(f.labels_of(topics))
        where = ", " + say("report.colon", f.lang, head=about_word, tail=labels) if topics else ""
        meeting = say("report.asked_at", f.lang, meeting=_meeting(f, q["meeting"]))
        items.append([q["question"], f"— {who} ({q['row']}), {meeting}{where}"])
    blocks = (
        [Items(items), Paragraph(say("report.quotes_in_french", f.lang), muted=True)]
        if items
        else []
    )
    return Section(
        say("report.open_questions", f.lang),
        blocks or [Paragraph(say("report.no_questions", f.lang))],
    )


def proposals_section(kg: Graph, f: Facts, about: set[str] | None) -> Section:
    """The section of a fascicule that lists what earlier meetings proposed, decided or
    expect on ``about``, each with its quote, who put it forward and who supports it."""
    items = []
    for o in meeting_outcomes(kg, about):
        head = f"{say('report.outcome_' + o['kind'].lower(), f.lang)} — {o['label']}"
        if o["due"]:
            head += f" ({say('report.due', f.lang, date=o['due'])})"
        lines = [f"« {o['quote']} » — {', '.join(f.labels_of(sorted(o['authors'])))}".rstrip(" —")]
        lines[0] += f" ({o['row']})"
        for position in ("supports", "conditional", "opposes"):
            if o["stances"].get(position):
                who = ", ".join(f.labels_of(o["stances"][position]))
                lines.append(say(f"report.position_{position}", f.lang, who=who))
        items.append([head, *lines])
    blocks = (
        [Items(items), Paragraph(say("report.quotes_in_french", f.lang), muted=True)]
        if items
        else []
    )
    return Section(
        say("report.proposals", f.lang), blocks or [Paragraph(say("report.no_proposals", f.lang))]
    )
