"""Saved SPARQL queries shipped with graphkit (``graphkit/sparql/queries/*.rq``) and safe parameters.

Each file opens with a comment header: ``# title:``, ``# answers:`` and one
``# param NAME: meaning (kind: iri-or-name | literal | theme | country[, optional])`` line
per parameter. A parameter is a variable of the query (in its SELECT projection, used in
triple patterns). Values are bound as RDF terms, never spliced into the text: N-Triples
terms in ``VALUES`` blocks (:func:`with_values`), locally and for a remote endpoint
(:func:`run`), opening the WHERE clause and each sub-select that projects the parameter, so
that a parameter restricts the work before any aggregate. An optional parameter left out
leaves its variable free: every value. (Write a parameter into triple patterns of the outer
WHERE, and carry it through the sub-selects that should be restricted by it; the tests check
that the engine's substitutions give the same answers for every saved query.)

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> rows = select(kg, "partnerships-by-country", country="Nicaragua")
>>> sorted(r["partnership"].rsplit("/", 1)[1] for r in rows)
['pship-bouguenais-el-tuma-la-dalia', 'pship-fougeres-nicaragua']
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graphkit.graph.names import shown
from graphkit.model import vocab

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

KINDS = ("iri-or-name", "literal", "theme", "country")
Term = ox.NamedNode | ox.Literal

_PARAM = re.compile(
    r"#\s*param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<meaning>.*?)\s*"
    r"\(kind:\s*(?P<kind>[\w-]+)\s*(?:,\s*(?P<optional>optional|required))?\s*\)\s*$"
)
_FIELD = re.compile(r"#\s*(title|answers)\s*:\s*(.*?)\s*$")
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class UnknownQueryError(LookupError):
    """No saved query has this name."""


class ParamError(ValueError):
    """A parameter is unknown, missing, or its value names nothing of the right kind."""


@dataclasses.dataclass(frozen=True)
class Param:
    """One parameter of a saved query: a variable of the query, bound to one RDF term."""

    name: str
    meaning: str
    kind: str
    required: bool = True

    def __str__(self) -> str:
        return f"{self.name} ({self.kind}{'' if self.required else ', optional'})"


@dataclasses.dataclass(frozen=True)
class SavedQuery:
    """A query's text and what its header says about it."""

    name: str
    title: str
    answers: str
    params: tuple[Param, ...]
    text: str
    saved: bool = False  # one of graphkit's own (its keys query, if any, applies)


def parse(text: str, name: str = "query") -> SavedQuery:
    """Read the comment header of a query (a query with no header has no parameters).

    >>> q = parse("# title: T\\n# param x: a thing (kind: literal, optional)\\nSELECT ?x {}")
    >>> q.title, q.params
    ('T', (Param(name='x', meaning='a thing', kind='literal', required=False),))
    """
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            if line:
                break
            continue
        if re.match(r"#\s*param\b", line):
            m = _PARAM.match(line)
            if not m or m["kind"] not in KINDS:
                raise ValueError(f"{name}: bad parameter line {line!r}; expected {_PARAM_HELP}")
            params.append(Param(m["name"], m["meaning"], m["kind"], m["optional"] != "optional"))
        elif m := _FIELD.match(line):
            fields[m[1]] = m[2]
    return SavedQuery(
        name, fields.get("title", name), fields.get("answers", ""), tuple(params), text
    )


_PARAM_HELP = "'# param NAME: meaning (kind: iri-or-name | literal | theme | country[, optional])'"


def _folder():
    return resources.files("graphkit.sparql.queries")


def names() -> list[str]:
    """The names of the saved queries (file names without ``.rq``), sorted.

    >>> "sources" in names()
    True
    """
    return sorted(
        f.name[:-3]
        for f in _folder().iterdir()
        if f.name.endswith(".rq") and not f.name.endswith(KEYS_SUFFIX)
    )


KEYS_SUFFIX = ".keys.rq"  # a listing's sort keys, beside it: see graphkit.sparql.listing


def keys_text(name: str) -> str | None:
    """The text of the saved query ``name``'s keys query (``NAME.keys.rq``), if it has one.

    >>> keys_text("repertoire") is not None, keys_text("sources")
    (True, None)
    """
    path = _folder() / f"{name}{KEYS_SUFFIX}"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def load(name: str) -> SavedQuery:
    """One saved query by name; :class:`UnknownQueryError` lists the names if there is none.

    >>> load("authorities-by-theme").params[0].kind
    'theme'
    """
    if name not in names():
        raise UnknownQueryError(f"no saved query '{shown(name)}'; saved: {', '.join(names())}")
    query = parse((_folder() / f"{name}.rq").read_text(encoding="utf-8"), name)
    return dataclasses.replace(query, saved=True)


def saved_or_given(query_or_file: str) -> SavedQuery:
    """A saved query by name, else a ``.rq`` file, else the query text itself (each with its
    header read). Raises ``LookupError`` for a bare word that names no saved query,
    ``ValueError`` for a query it cannot read, ``OSError`` for a file it cannot open.

    >>> saved_or_given("sources").name
    'sources'
    >>> saved_or_given("SELECT ?s WHERE { ?s ?p ?o }").name
    'query'
    """
    from pathlib import Path

    if query_or_file in names():
        return load(query_or_file)
    path = Path(query_or_file)
    try:
        is_file = path.suffix == ".rq" or path.is_file()
    except OSError:  # query text too long to be a file name
        is_file = False
    if is_file:
        return parse(path.read_text(encoding="utf-8"), path.stem)
    if re.fullmatch(r"[\w-]+", query_or_file):  # a bare name is never a query
        load(query_or_file)
    return parse(query_or_file)


def list_queries() -> list[SavedQuery]:
    """Every saved query, sorted by name.

    >>> [q.name for q in list_queries()][:2]
    ['authorities-by-theme', 'embassy-coverage']
    """
    return [load(n) for n in names()]


def _iri(value: str) -> ox.NamedNode | None:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif not text.startswith(("http://", "https://", "urn:")):
        return None
    try:
        return ox.NamedNode(text)
    except ValueError as err:
        raise ParamError(f"invalid IRI {value!r}: {err}") from None


def to_term(kind: str, value: str, kg: Graph | None = None) -> Term:
    """The RDF term for a parameter value of ``kind`` (names are resolved with ``kg``).

    An IRI (``https://…`` or ``<…>``) is taken as it is; a ``literal`` is always a string
    literal, whatever it contains.

    >>> to_term("literal", 'x" } ; DROP ALL ; #')
    <Literal value=x" } ; DROP ALL ; # datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> to_term("theme", "eau").value
    'https://w3id.org/graphkit/theme/eau'
    >>> to_term("country", "ni").value
    'https://w3id.org/graphkit/id/country-ni'
    """
    if kind == "literal":
        return ox.Literal(value)
    if kind not in KINDS:
        raise ParamError(f"unknown parameter kind {kind!r}; expected {' | '.join(KINDS)}")
    iri = _iri(value)
    if iri is not None:
        return iri
    if kind == "country" and re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        iri = ox.NamedNode(vocab.iri(f"country-{value.strip().lower()}"))
        if kg is None or _is_country(kg, iri):
            return iri
    if kg is None:
        if kind == "theme":
            from graphkit.model.ontology_files import theme_ids

            if value in theme_ids():
                return ox.NamedNode(vocab.theme_iri(value))
        raise ParamError(f"cannot resolve the name {value!r} without a graph; give an IRI")
    return _resolve(kind, value, kg)


def _resolve(kind: str, value: str, kg: Graph) -> ox.NamedNode:
    from graphkit.graph.names import COUNTRY, UnknownNameError

    try:
        if kind == "theme":
            return ox.NamedNode(vocab.theme_iri(_theme(kg, value)))
        found = kg.resolve(value, COUNTRY if kind == "country" else None)
    except UnknownNameError as err:
        raise ParamError(str(err)) from None
    iri = ox.NamedNode(kg.iri(found))
    if kind == "country" and not _is_country(kg, iri):
        raise ParamError(f"'{value}' is {kg.label(found)} ({found}), not a country")
    return iri


def _theme(kg: Graph, value: str) -> str:
    """The thesaurus id of a theme by id or label (:func:`graphkit.graph.names.resolve_theme`,
    in the graph layer so that a saved query does not import the matchers)."""
    from graphkit.graph.names import NotAThemeError, resolve_theme

    try:
        return resolve_theme(kg, value)
    except NotAThemeError as err:
        raise ParamError(str(err)) from None


def _is_country(kg: Graph, iri: ox.NamedNode) -> bool:
    return bool(kg.query("ASK { ?c a gk:Country }", {"c": iri}))


def bind(query: SavedQuery, values: Mapping[str, str], kg: Graph | None = None) -> dict[str, Term]:
    """Check ``values`` against the query's parameters and turn each into an RDF term.

    >>> bind(load("sources"), {})
    Traceback (most recent call last):
    ...
    graphkit.sparql.saved_queries.ParamError: sources: missing parameter entity (iri-or-name)
    """
    declared = {p.name: p for p in query.params}
    for name in values:
        if name not in declared:
            takes = ", ".join(str(p) for p in query.params) or "none"
            raise ParamError(f"{query.name}: unknown parameter '{name}'; it takes: {takes}")
    for p in query.params:
        if p.required and not values.get(p.name):
            raise ParamError(f"{query.name}: missing parameter {p}")
    bound = {}
    for name, value in values.items():
        if not value.strip():
            raise ParamError(
                f"{query.name}: parameter {name}: empty value; expected {declared[name]}"
            )
        try:
            bound[name] = to_term(declared[name].kind, value, kg)
        except ParamError as err:
            raise ParamError(f"{query.name}: parameter {name}: {err}") from None
    return bound


def run(kg: Graph, query: SavedQuery | str, values: Mapping[str, str] | None = None):
    """Run a saved query (or its name) on ``kg``, parameters bound as ``VALUES`` blocks (see
    :func:`with_values`, ``deep``).

    Oxigraph plans a query before its substitutions apply: a substituted ``?actor`` still
    drew a scan of every label (5 s a list at national scale), a ``VALUES`` block in the text
    makes the plan start from it (a few ms)."""
    query = load(query) if isinstance(query, str) else query
    bound = bind(query, values or {}, kg)
    return kg.query(with_values(query.text, bound, deep=True))


def select(kg: Graph, name: str, **values: str) -> list[dict[str, Any]]:
    """Rows of a saved SELECT query as dicts of plain strings (None when unbound).

    >>> import graphkit
    >>> rows = select(graphkit.from_tables("data"), "embassy-coverage", country="Argentine")
    >>> [r["embassyLabel"] for r in rows]
    ['Ambassade de France à Santiago']
    """
    from graphkit.graph.handle import term_value

    results = run(kg, load(name), values)
    columns = [v.value for v in results.variables]
    return [{c: term_value(row[c]) for c in columns} for row in results]


def with_values(query: str, bindings: Mapping[str, Term], deep: bool = False) -> str:
    """The query with ``bindings`` as a ``VALUES`` block opening its WHERE clause.

    Each term is written in N-Triples syntax by pyoxigraph (``str(term)``: quotes,
    backslashes and line breaks escaped), so a value can only ever be one RDF term. With
    ``deep``, each sub-select that projects a bound variable (through every sub-select around
    it) gets the block too, so that it aggregates that value's rows only: the same answers,
    since the outer block joins them with that value anyway.

    >>> print(with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal('a" } #')}))
    SELECT ?s WHERE { VALUES (?o) { ("a\\" } #") }
     ?s ?p ?o }
    >>> q = "SELECT ?a ?n { ?a a ?c { SELECT ?a (COUNT(*) AS ?n) { ?a ?p ?o } GROUP BY ?a } }"
    >>> print(with_values(q, {"a": ox.NamedNode("http://x/a")}, deep=True))
    SELECT ?a ?n { VALUES (?a) { (<http://x/a>) }
     ?a a ?c { SELECT ?a (COUNT(*) AS ?n) { VALUES (?a) { (<http://x/a>) }
     ?a ?p ?o } GROUP BY ?a } }
    """
    if not bindings:
        return query
    return with_rows(query, list(bindings), [list(bindings.values())], deep)


def with_rows(
    query: str, variables: Sequence[str], rows: Sequence[Sequence[Term]], deep: bool = False
) -> str:
    """The query with a ``VALUES`` block of several ``rows`` opening its WHERE clause (and,
    with ``deep``, each sub-select that projects some of ``variables``, with those columns):
    :func:`with_values` for a page of values at once. No rows: the query matches nothing.

    >>> a, b = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b")
    >>> print(with_rows("SELECT ?s WHERE { ?s ?p ?o }", ["s"], [[a], [b]]))
    SELECT ?s WHERE { VALUES (?s) { (<http://x/a>) (<http://x/b>) }
     ?s ?p ?o }
    """
    for name in variables:
        if not _VARNAME.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    for row in rows:
        if len(row) != len(variables):
            raise ValueError(f"a row of {len(row)} terms for {len(variables)} variables")
        for name, term in zip(variables, row, strict=True):
            if not isinstance(term, ox.NamedNode | ox.Literal):
                raise TypeError(f"{name}: only IRIs and literals can be bound, not {term!r}")

    def block(names: list[str]) -> str:
        columns = [variables.index(name) for name in names]
        written = dict.fromkeys(  # each distinct row once, in order
            "(" + " ".join(str(row[i]) for i in columns) + ")" for row in rows
        )
        return f" VALUES ({' '.join(f'?{name}' for name in names)}) {{ {' '.join(written)} }}\n"

    inserts = [(_where_brace(query) + 1, list(variables))]
    if deep:
        for at, projected in _subselect_wheres(query):
            names = [n for n in variables if projected is None or n in projected]
            # "{ SELECT … }" is a sub-select alone, no room for a block: the inner one gets it
            if names and not _ALONE.match(query, at + 1):
                inserts.append((at + 1, names))
    for at, names in sorted(inserts, reverse=True):
        query = query[:at] + block(names) + query[at:]
    return query


def _subselect_wheres(query: str) -> list[tuple[int, set[str] | None]]:
    """Where each sub-select's WHERE opens, with the variables that reach it from the top
    (projected by it and by every sub-select around it; None for all, ``SELECT *``).

    >>> q = "SELECT ?a { { SELECT ?a (SUM(?x) AS ?s) WHERE { ?a ?p ?x } GROUP BY ?a } }"
    >>> [(q[i:i + 8], sorted(v)) for i, v in _subselect_wheres(q)]
    [('{ ?a ?p ', ['a', 's'])]
    """
    found: list[tuple[int, set[str] | None]] = []
    frames: list[set[str] | None | bool] = []  # per open brace: a select's vars, else False
    selects = 0  # SELECT keywords met, the top one included
    pending: set[str] | None | bool = False  # the projection being read, until its "{"
    parens, after_as = 0, False
    i = 0
    while i < len(query):
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            i = len(query) if end < 0 else end
            continue
        if c in "\"'":
            i = _string_end(query, i)
            continue
        if c == "<" and (m := _IRIREF.match(query, i)):
            i = m.end()
            continue
        if m := _WORD.match(query, i):
            word = m[0]
            if word.upper() == "SELECT":
                selects += 1
                pending = set()
            elif pending is not False and pending is not None and word[0] in "?$":
                if parens == 0 or after_as:
                    pending.add(word[1:])
            after_as = word.upper() == "AS"
            i = m.end()
            continue
        if c == "*" and pending is not False and parens == 0:
            pending = None
        elif c == "(":
            parens += 1
        elif c == ")":
            parens -= 1
        elif c == "{" and parens == 0:
            if pending is not False:
                outer = [f for f in frames if f is not False]
                reach = pending
                for f in outer[1:]:  # the top query's projection does not scope its WHERE
                    if f is not None:
                        reach = set(f) if reach is None else reach & f
                if selects > 1:
                    found.append((i, reach))
                frames.append(reach if selects > 1 else None)
                pending = False
            else:
                frames.append(False)
        elif c == "{":
            frames.append(False)
        elif c == "}" and frames:
            frames.pop()
        if not c.isspace():
            after_as = False
        i += 1
    return found


_ALONE = re.compile(r"\s*SELECT\b", re.IGNORECASE)
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[?$]?[A-Za-z_][\w.-]*(?::(?:[\w.%-]|\\.)*)?")


def _where_brace(query: str) -> int:
    """The index of the ``{`` that opens the query's WHERE clause (comments, strings and
    IRIs skipped; a CONSTRUCT template is not it).

    >>> q = 'PREFIX a: <http://x/#> SELECT ("{" AS ?b) # {\\nWHERE { ?b a:x "}" }'
    >>> q[_where_brace(q) :]
    '{ ?b a:x "}" }'
    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[_where_brace(q) :]
    '{ ?s ?p ?o }'
    """
    i, parens, braces = 0, 0, 0
    construct = where = False
    while i < len(query):
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            i = len(query) if end < 0 else end
        elif c in "\"'":
            i = _string_end(query, i)
        elif c == "<" and (m := _IRIREF.match(query, i)):
            i = m.end()
        elif m := _WORD.match(query, i):
            word = m[0].upper()
            if braces == 0 and word in ("CONSTRUCT", "WHERE"):
                construct |= word == "CONSTRUCT"
                where |= word == "WHERE"
            i = m.end()
        else:
            if c == "\\":
                i += 1
            elif c == "(":
                parens += 1
            elif c == ")":
                parens -= 1
            elif c == "{" and parens == 0 and braces == 0 and (where or not construct):
                return i
            elif c == "{":
                braces += 1
            elif c == "}":
                braces -= 1
            i += 1
    raise ValueError("no WHERE clause { … } in the query")


def _string_end(query: str, i: int) -> int:
    quote = query[i] * 3 if query.startswith(query[i] * 3, i) else query[i]
    j = i + len(quote)
    while j < len(query):
        if query[j] == "\\":
            j += 2
        elif query.startswith(quote, j):
            return j + len(quote)
        else:
            j += 1
    raise ValueError("unterminated string in the query")
