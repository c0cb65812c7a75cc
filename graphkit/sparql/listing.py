"""A saved query's rows page by page, so that a long listing's first rows come at once.

A listing sorted with ``ORDER BY`` over lists made by ``GROUP_CONCAT`` gives no row before
it has made every list (the whole répertoire at national scale: minutes). A listing that has
a keys query beside it (``NAME.keys.rq``: its sort keys, in its order, and a ``# page: VAR``
line naming the variable a page binds) is run in two steps instead:

1. the keys query, a cheap sort over the keys alone;
2. for each page of keys, the query itself with a ``VALUES`` block of that page's values
   of ``VAR`` (:func:`~graphkit.sparql.saved_queries.with_rows`, down into the sub-selects,
   so that only that page's lists are made); of its rows, those whose keys are on the page
   are kept, in the query's own order.

The rows are the same, in the same order, as the whole query's, provided the query sorts
by the keys first (with the same expressions) and then by enough columns to leave no two
different rows tied: tested for every saved query with keys, on the shipped data and on the
national-scale data (``tests/test_listing.py``).

>>> import graphkit
>>> kg = graphkit.from_tables("tests/fixtures/mini")
>>> names, rows = solutions(kg, "repertoire", limit=2, offset=1)
>>> names[:3], [r["actor"].value.rsplit("/", 1)[1] for r in rows]
(['actor', 'label', 'kind'], ['fr-nanterre', 'ar-moron'])
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphkit.sparql import saved_queries as sq

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph

FIRST_PAGE = 4  # keys in the first page: its rows come at once
PAGE = 400  # then pages double up to this many keys

_PAGE_LINE = re.compile(r"#\s*page\s*:\s*\??([A-Za-z_]\w*)\s*$", re.MULTILINE)


def page_variable(keys: str) -> str:
    """The variable a page binds, from a keys query's ``# page: VAR`` line.

    >>> page_variable("# page: actor\\nSELECT ?actor {}")
    'actor'
    """
    m = _PAGE_LINE.search(keys)
    if not m:
        raise ValueError("a keys query needs a '# page: VARIABLE' line")
    return m[1]


def _key(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    return None if term is None else str(term)


def _term(written: str) -> ox.NamedNode:
    return ox.NamedNode(written[1:-1])  # "<iri>": a page variable's value is an IRI


@dataclasses.dataclass(frozen=True)
class KeyRows:
    """A listing's keys, in its order: each as its N-Triples text (what a page matches).

    >>> KeyRows.from_plain(*KeyRows(["a"], [["<http://x/a>"]]).to_plain()).rows
    [['<http://x/a>']]
    """

    names: list[str]
    rows: list[list[str]]

    def to_plain(self) -> tuple[dict, dict]:
        return {"names": self.names, "rows": self.rows}, {}

    @classmethod
    def from_plain(cls, doc: dict, arrays: Mapping) -> KeyRows:
        return cls(list(doc["names"]), [list(r) for r in doc["rows"]])


def key_rows(kg: Graph, name: str, keys: str) -> KeyRows:
    """The keys of listing ``name`` (its keys query ``keys`` run on ``kg``), cached beside a
    local build and keyed to it like the name index (graphkit.graph.cache): the sort over
    every actor's label was most of a first page's time (1.6 s of 1.7 s at S1, loaded).
    """

    def compute() -> KeyRows:
        results = kg.query(keys)
        names = [v.value for v in results.variables]
        rows = [[_key(t) for t in row] for row in results]
        if any(r[names.index(page_variable(keys))][:1] != "<" for r in rows):
            raise ValueError(f"{name}.keys.rq: its page variable must be an IRI")
        return KeyRows(names, rows)

    if kg.meta.get("endpoint"):  # a remote store (RemoteGraph): nothing to keep it beside
        return compute()
    from graphkit.graph.cache import cached

    digest = hashlib.sha256(keys.encode()).hexdigest()[:16]
    return cached(kg, f"listing-keys {name} {digest}", compute, KeyRows)


def solutions(
    kg: Graph,
    query: sq.SavedQuery | str,
    values: Mapping[str, str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    first: int | None = None,
    size: int = PAGE,
) -> tuple[list[str], Iterator[ox.QuerySolution]]:
    """The variables of a saved query (or of its name) and an iterator over its solutions
    ``offset`` to ``offset + limit`` (all if None), made page by page when the query has
    a keys query, no parameter is given and ``kg`` is a local build, else in one run (with
    a page of keys bound beside a parameter, the engine started from the parameter for
    every page).
    """
    if limit is not None and limit < 0 or offset < 0:
        raise ValueError("limit and offset must be positive")
    query = sq.load(query) if isinstance(query, str) else query
    keys = sq.keys_text(query.name) if query.saved else None
    bound = sq.bind(query, values or {}, kg)
    stop = None if limit is None else offset + limit
    # A parameter restricts the work already: one run is quicker. A remote store runs the
    # query whole too: Virtuoso refuses a page of countries (a property path whose end is
    # bound by a VALUES block of several rows), and the server bounds each query anyway.
    if keys is None or bound or kg.meta.get("endpoint"):
        results = sq.run(kg, query, values)
        if not isinstance(results, ox.QuerySolutions):
            raise TypeError(f"{query.name}: not a SELECT query")
        names = [v.value for v in results.variables]
        return names, itertools.islice(results, offset, stop)
    by = page_variable(keys)
    found = key_rows(kg, query.name, keys)
    if by not in found.names:
        raise ValueError(f"{query.name}.keys.rq does not project its page variable ?{by}")
    at = found.names.index(by)
    pending = iter(found.rows)

    def page_of(n: int) -> tuple[list[list[str]], ox.QuerySolutions]:
        page = list(itertools.islice(pending, n))
        terms = [[_term(k[at])] for k in page]
        return page, kg.query(sq.with_rows(query.text, [by], terms, deep=True))

    if first is None:  # few keys first: one group's members may already fill a page
        first = FIRST_PAGE
    page, results = page_of(first)
    names = [v.value for v in results.variables]
    key_names = found.names
    missing = [k for k in key_names if k not in names]
    if missing:
        raise ValueError(f"{query.name} does not project its keys {', '.join(missing)}")

    def rows() -> Iterator[ox.QuerySolution]:
        nonlocal page, results
        n = first
        while page:
            wanted = {tuple(k) for k in page}
            for row in results:
                if tuple(_key(row[k]) for k in key_names) in wanted:
                    yield row
            n = min(2 * n, size)
            page, results = page_of(n)

    return names, itertools.islice(rows(), offset, stop)
