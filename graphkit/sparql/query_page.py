"""A page of a SELECT query's solutions (``graphkit sparql --limit/--offset``).

The engine yields solutions lazily, so a page is cut from the stream: a query with no
ORDER BY or aggregate gives its first rows without computing the rest. (Another SPARQL tool
can add ``LIMIT n OFFSET m`` after the query's last line for the same effect.)

>>> import graphkit, json
>>> kg = graphkit.from_tables("tests/fixtures/mini")
>>> names, rows = page(kg.query("SELECT ?x WHERE { ?x a gk:Partnership } ORDER BY ?x"), 1, 1)
>>> names, [r["x"].value.rsplit("/", 1)[1] for r in rows]
(['x'], ['p-nanterre-uruguay'])
>>> json.loads(to_json(names, rows))["results"]["bindings"][0]["x"]["type"]
'uri'
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox


def page(
    results: ox.QuerySolutions, limit: int | None = None, offset: int = 0
) -> tuple[list[str], list[ox.QuerySolution]]:
    """The variable names and the solutions ``offset`` to ``offset + limit`` (all if None)."""
    if limit is not None and limit < 0 or offset < 0:
        raise ValueError("limit and offset must be positive")
    names = [v.value for v in results.variables]
    stop = None if limit is None else offset + limit
    return names, list(itertools.islice(results, offset, stop))


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def to_json(names: list[str], solutions: list[ox.QuerySolution]) -> str:
    """The SPARQL 1.1 query results JSON document of ``solutions``."""
    bindings = [{n: _term(s[n]) for n in names if s[n] is not None} for s in solutions]
    return json.dumps(
        {"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False
    )


def json_stream(names: list[str], solutions: Iterable[ox.QuerySolution]) -> Iterator[str]:
    """:func:`to_json`'s document and a line break, in pieces: one per solution, as they come.

    >>> q = "SELECT ?x WHERE { VALUES ?x { 1 2 } }"
    >>> whole = to_json(["x"], list(ox.Store().query(q)))
    >>> "".join(json_stream(["x"], ox.Store().query(q))).rstrip() == whole
    True
    """
    head = json.dumps({"head": {"vars": names}, "results": {"bindings": []}}, ensure_ascii=False)
    yield head[: -len("]}}")]
    sep = ""
    for s in solutions:
        yield sep + json.dumps(
            {n: _term(s[n]) for n in names if s[n] is not None}, ensure_ascii=False
        )
        sep = ", "
    yield "]}}" + "\n"
