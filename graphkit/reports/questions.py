"""Open questions from the sources: the sentences ending with "?" in the notes the graph keeps
on its rows (``skos:editorialNote``), with who asked and what they are about.

>>> questions_in("« Un projet est en cours → Comment travailler avec vous ? » (lu ainsi)")
['Comment travailler avec vous ?']
>>> questions_in("« Exemple : les déchets : comment en Argentine ? Au Chili ? »")
['Exemple : les déchets : comment en Argentine ? Au Chili ?']
>>> import graphkit
>>> found = open_questions(graphkit.from_tables("data"), {"country-br"})
>>> [q["question"] for q in found]
['Sollicitation des maires français pour la crise : comment faire face à la Covid19 au niveau des collectivités ?']
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from .. import vocab
from ..names import normalise
from .document import Items, Paragraph, Section
from .texts import t

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph
    from .facts import Facts

_QUOTED = re.compile(r"«\s*([^»]*?)\s*»")
# A question runs from the start of its sentence (after ". ", "! " or "→") to its last "?"
# (several short questions in a row stay together).
_SENTENCE_START = re.compile(r"(?:^|[.!→]\s+)([^.!→]*?\?(?:[^.!→?]*\?)*)")


def questions_in(note: str) -> list[str]:
    """The questions in a note: inside its quotes if it has any, else in the note itself."""
    parts = _QUOTED.findall(note) or [note]
    found = []
    for part in parts:
        for m in _SENTENCE_START.finditer(part):
            text = " ".join(m.group(1).split())
            if text and text not in found:
                found.append(text)
    return found


def open_questions(kg: KnowledgeGraph, about: set[str] | None = None) -> list[dict]:
    """Questions from the notes of the nodes that are, or point to, one of ``about`` (entity
    ids); every question if ``about`` is None. Rows: question, node, speaker, row, about.
    A question noted on several rows is given once (the longest wording, the first row)."""
    rows = kg.select(
        """SELECT ?s ?note ?o ?who ?row WHERE {
             ?s skos:editorialNote ?note FILTER(CONTAINS(?note, "?"))
             OPTIONAL { ?s ?p ?o FILTER(isIRI(?o) && (STRSTARTS(STR(?o), STR(gkd:))
                                                    || STRSTARTS(STR(?o), STR(gkt:)))) }
             OPTIONAL { ?s prov:wasAttributedTo ?who }
             OPTIONAL { ?s gk:sourceRow ?row } } ORDER BY ?row ?s"""
    )
    nodes: dict[str, dict] = {}
    links: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        s = vocab.local_id(r["s"])
        nodes.setdefault(s, {"note": r["note"], "speaker": r["who"], "row": r["row"]})
        links[s].add(s)
        if r["o"]:
            links[s].add(vocab.local_id(r["o"]))
    out: list[dict] = []
    for s, node in nodes.items():
        if about is not None and not links[s] & about:
            continue
        for question in questions_in(node["note"]):
            key = normalise(question)
            same = next((q for q in out if key in q["key"] or q["key"] in key), None)
            if same is not None:
                if len(key) > len(same["key"]):
                    same.update(question=question, key=key)
                continue
            out.append(
                {
                    "question": question,
                    "node": s,
                    "speaker": vocab.local_id(node["speaker"]) if node["speaker"] else None,
                    "row": node["row"],
                    "about": sorted(links[s] - {s}),
                    "key": key,
                }
            )
    for q in out:
        del q["key"]
    return out


def questions_section(kg: KnowledgeGraph, f: Facts, about: set[str] | None) -> Section:
    """The section of a report that lists the open questions about ``about`` (all if None):
    each question, then who asked it, its row and what it is about."""
    items = []
    for q in open_questions(kg, about):
        who = f.label(q["speaker"]) if q["speaker"] else ""
        topics = [x for x in q["about"] if f.kind.get(x) or x in f.broader or x in f.themes]
        where = ""
        if topics:
            sep = " : " if f.lang == "fr" else ": "
            where = f", {t('about', f.lang)}{sep}{', '.join(f.labels_of(topics))}"
        items.append([q["question"], f"— {who} ({q['row']}){where}"])
    return Section(
        t("open_questions", f.lang),
        [Items(items)] if items else [Paragraph(t("no_questions", f.lang))],
    )
