"""Accepting proposals into the tables, and scoring a proposer's output against the
tables a person wrote from the same minutes.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from graphkit.ingest.propose import Proposal
from graphkit.ingest.propose_lexicon import authority_core
from graphkit.tables.check import Dataset, load_tables
from graphkit.tables.problems import DataError, Problem
from graphkit.text.fold import normalise


def accept(
    proposals_csv: str | Path, data: str | Path, minutes: str | Path | None = None
) -> dict[str, list[dict[str, str]]]:
    """Add the rows marked ``accept = yes`` to the tables of ``data``, all or nothing.

    A sources.csv row for the minutes is added when missing. Raises :class:`DataError`
    (nothing written) when a row contradicts the tables or the result does not validate.
    """
    from graphkit.tables.write import append_rows

    data = Path(data)
    additions: dict[str, list[dict[str, str]]] = {}
    problems: list[Problem] = []
    with open(proposals_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for n, row in enumerate(rows, start=2):
        if normalise(row.get("accept") or "") not in ("yes", "oui", "y", "x", "1"):
            continue
        if row.get("status") == "known":
            continue
        if row.get("status") == "contradicts":
            problems.append(
                Problem(
                    Path(proposals_csv).name,
                    n,
                    "status",
                    f"contradicts the tables ({row.get('entity')}): edit the existing "
                    f"{row['table']} row instead",
                )
            )
            continue
        try:
            values = json.loads(row["values"])
        except (KeyError, json.JSONDecodeError) as err:
            problems.append(Problem(Path(proposals_csv).name, n, "values", f"not JSON: {err}"))
            continue
        additions.setdefault(row["table"], []).append(values)
    if problems:
        raise DataError(problems)
    sources = {v.get("source") for rs in additions.values() for v in rs} - {None, ""}
    current = load_tables(data)
    known = {r.get("id") for r in current.records.get("sources", [])}
    for sid in sorted(sources - known):
        path = str(minutes) if minutes else f"sources/{sid}.md"
        additions.setdefault("sources", []).append(
            {"id": sid, "title": f"Compte-rendu {sid}", "kind": "minutes", "path_or_url": path}
        )
    append_rows(data, additions)
    return additions


FACT_TABLES = ("statements", "partnerships", "memberships")


def _same(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    a, b = (authority_core(re.sub(r"\(.*?\)", "", x)) for x in (a, b))
    return bool(a) and (a == b or fuzz.ratio(a, b) >= 90)


def _labels(data: Dataset) -> dict[str, str]:
    return {
        r.get("id"): r.get("label_fr") or r.get("name")
        for t in ("actors", "groups", "programmes", "places")
        for r in data.records.get(t, [])
    }


def _facts(rows, label) -> list[tuple]:
    """(table, subject label, object labels) of the fact rows, one per distinct fact."""
    out: dict[tuple, None] = {}
    for table, v in rows:
        if table == "statements":
            obj = v.get("theme") or v.get("territory", "")
            out[(table, label(v["actor"]), (obj,))] = None
        elif table == "memberships":
            out[(table, label(v["member"]), (label(v["organisation"]),))] = None
        elif table == "partnerships":
            parties = [label(p) for p in v["parties"].split("|")]
            others = tuple(parties[1:]) + tuple(c for c in v.get("countries", "").split("|") if c)
            out[(table, parties[0], others)] = None
    return list(out)


def _matches(p: tuple, c: tuple) -> bool:
    if p[0] != c[0] or not _same(p[1], c[1]):
        return False
    if p[0] == "partnerships":
        return any(_same(a, b) or a == b for a in p[2] for b in c[2])
    return p[2][0] == c[2][0] or _same(p[2][0], c[2][0])


def score(
    proposals: list[Proposal], start: Dataset, curated: Dataset, min_confidence: float = 0.5
) -> dict[str, float]:
    """Recall and precision of the interest / cooperation / membership proposals against
    curated tables; an entity is the same when its label matches (see :func:`_same`)."""
    mine = _labels(start)
    for p in proposals:
        if p.values.get("id"):
            mine[p.values["id"]] = p.values.get("label_fr") or p.values.get("name", "")
    theirs = _labels(curated)
    prop = _facts(
        [
            (p.table, p.values)
            for p in proposals
            if p.table in FACT_TABLES and p.confidence >= min_confidence
        ],
        lambda i: mine.get(i, i),
    )
    gold = _facts(
        [
            (t, {c: r.get(c) for c in r.values})
            for t in FACT_TABLES
            for r in curated.records.get(t, [])
        ],
        lambda i: theirs.get(i, i),
    )
    found = [g for g in gold if any(_matches(p, g) for p in prop)]
    right = [p for p in prop if any(_matches(p, g) for g in gold)]
    return {
        "recall": len(found) / len(gold) if gold else 0.0,
        "precision": len(right) / len(prop) if prop else 0.0,
        "curated": len(gold),
        "proposed": len(prop),
        "missed": [g for g in gold if g not in found],
        "wrong": [p for p in prop if p not in right],
    }
