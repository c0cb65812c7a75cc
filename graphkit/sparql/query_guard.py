"""Refuse queries that would make the engine call other servers (``SERVICE``).

A ``SERVICE <URL>`` clause makes Oxigraph (the server of ``graphkit serve`` as well as the
embedded store of ``graphkit sparql``) send a request to any address it can reach and put
the answer, or the error with its body, in the results: a server-side request forgery.
:func:`check_query` finds ``SERVICE`` clauses with a real SPARQL parser (rdflib's grammar and
algebra, walked as a tree) and refuses those whose endpoint is not in ``allowed``.

Parsing costs 50–250 ms a query with rdflib, so the parser runs only on a query whose text
(after SPARQL's ``\\uXXXX`` escapes are expanded, the first thing both parsers do) holds the
letters ``service`` in any case: without them no ``SERVICE`` keyword can exist. Line
breaks are normalised (:func:`normalise`) before the check, and the caller sends the
normalised text on, because the two parsers end a comment differently at a lone carriage
return (rdflib reads ``# x\\rSERVICE <…>`` as one comment, Oxigraph as a comment and a
``SERVICE``).

>>> check_query("SELECT * WHERE { ?s ?p ?o }")
>>> check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
graphkit.sparql.query_guard.QueryRefused: SERVICE <http://127.0.0.1:9/sparql> is not allowed: queries here call no other server (allowed: none)
>>> check_query("SELECT * WHERE { SERVICE <http://x.org/q> { ?s ?p ?o } }", ["http://x.org/q"])
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class QueryRefused(ValueError):
    """The query asks for something this endpoint does not do; the message is one line."""


class UnparsableQuery(SyntaxError):
    """The query is not SPARQL 1.1 as rdflib's parser reads it; the message is one line."""


def normalise(text: str) -> str:
    """``text`` with CR LF and lone CR line breaks made LF, as both parsers then agree.

    >>> normalise("SELECT # a\\rb\\r\\n?x")
    'SELECT # a\\nb\\n?x'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _expanded(text: str) -> str:
    def one(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(one, text)


def may_call_out(text: str) -> bool:
    """Whether ``text`` could hold a ``SERVICE`` clause at all (the word, in any case and
    spelling of escapes); False is certain, True means the parser must look.

    >>> may_call_out("SELECT ?s WHERE { ?s ?p ?o }"), may_call_out("\\\\u0053ervice")
    (False, True)
    """
    return "service" in text.casefold() or "service" in _expanded(text).casefold()


def services(text: str, prefixes: dict[str, str] | None = None) -> list[str | None]:
    """The endpoint of every ``SERVICE`` clause of the query ``text`` (None for a variable).

    ``prefixes`` are predeclared, as graphkit's are for ``graphkit sparql``. Raises
    :class:`UnparsableQuery` if rdflib cannot read the query.

    >>> services("PREFIX e: <http://e.org/> ASK { SERVICE SILENT e:q { ?s ?p ?o } }")
    ['http://e.org/q']
    >>> services("SELECT * WHERE { FILTER EXISTS { SERVICE ?where { ?s ?p ?o } } }")
    [None]
    >>> services('SELECT ?x WHERE { ?x ?p "a service" }')
    []
    """
    if not may_call_out(text):
        return []
    from pyparsing import ParseException, ParseResults
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    try:
        algebra = translateQuery(parseQuery(text), initNs=prefixes or {}).algebra
    except ParseException as err:
        raise UnparsableQuery(
            f"not a SPARQL 1.1 query at line {err.lineno}, column {err.col}: {err.msg}"
        ) from None
    except Exception as err:  # rdflib raises plain exceptions for unknown prefixes and such
        raise UnparsableQuery(f"not a SPARQL 1.1 query: {str(err).splitlines()[0]}") from None
    found: list[str | None] = []
    todo: list = [algebra]
    seen: set[int] = set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                found.append(str(term) if isinstance(term, URIRef) else None)
            todo.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset | ParseResults):
            todo.extend(node)
        elif isinstance(node, dict):
            todo.extend(node.values())
    return found


def check_query(
    text: str, allowed: Iterable[str] = (), prefixes: dict[str, str] | None = None
) -> None:
    """Raise :class:`QueryRefused` if the query calls a ``SERVICE`` not in ``allowed``
    (a variable endpoint is never allowed), :class:`UnparsableQuery` if it cannot be read.

    Give it the :func:`normalise` d text that will be run.
    """
    allow = {a.strip() for a in allowed}
    for target in services(text, prefixes):
        if target is None:
            raise QueryRefused(
                "SERVICE with a variable endpoint is not allowed: name an allowed endpoint"
            )
        if target not in allow:
            allowed_ones = f"only {', '.join(sorted(allow))}" if allow else "none"
            raise QueryRefused(
                f"SERVICE <{target}> is not allowed: queries here call no other server "
                f"(allowed: {allowed_ones})"
            )
