"""Counts per class and per relation, and the description of one entity.

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> [r for r in stats(kg) if r["name"] == "gk:FrenchAuthority"][0]["count"] > 10
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphkit.model import vocab
from graphkit.text.i18n import say

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph


def stats(kg: Graph) -> list[dict]:
    """One row per class (instances) and per predicate (triples) in the data and thesaurus.

    Rows: ``{"what": "class" | "relation", "name": CURIE, "count": int}``.
    """
    themes = f"<{vocab.THEMES_GRAPH}>"
    classes = _rows(
        kg,
        "SELECT ?name (COUNT(DISTINCT ?s) AS ?count) WHERE { "
        f"{{ ?s a ?name }} UNION {{ GRAPH {themes} {{ ?s a ?name }} }} "
        "} GROUP BY ?name ORDER BY DESC(?count) ?name",
    )
    relations = _rows(
        kg,
        "SELECT ?name (COUNT(*) AS ?count) WHERE { "
        f"{{ ?s ?name ?o }} UNION {{ GRAPH {themes} {{ ?s ?name ?o }} }} "
        "} GROUP BY ?name ORDER BY DESC(?count) ?name",
    )
    return [
        {"what": what, "name": vocab.curie(r["name"]), "count": int(r["count"])}
        for what, rows in (("class", classes), ("relation", relations))
        for r in rows
    ]


def build_counts(kg: Graph) -> dict[str, int]:
    """What ``graphkit build`` reports of a graph: triples, actors (every kind of
    :data:`graphkit.model.vocab.ACTOR_KINDS`), partnerships and themes.

    >>> import graphkit
    >>> build_counts(graphkit.from_tables("tests/fixtures/mini"))["actors"]
    4
    """
    from graphkit.model.ontology_files import theme_ids

    # Only the classes it reports, each read from the type index: the whole of stats()
    # counts every predicate too, a scan of the store (0.7 s of a national build).
    classes = [f"gk:{k}" for k in (*vocab.ACTOR_KINDS, "Partnership")]
    found = _rows(
        kg,
        f"SELECT ?name (COUNT(DISTINCT ?s) AS ?count) WHERE {{ VALUES ?name {{ {' '.join(classes)} }} "
        f"{{ ?s a ?name }} UNION {{ GRAPH <{vocab.THEMES_GRAPH}> {{ ?s a ?name }} }} }} GROUP BY ?name",
    )
    counts = {vocab.curie(r["name"]): int(r["count"]) for r in found}
    return {
        "triples": kg.meta.get("triples", len(kg.store)),
        "actors": sum(counts.get(f"gk:{k}", 0) for k in vocab.ACTOR_KINDS),
        "partnerships": counts.get("gk:Partnership", 0),
        "themes": len(theme_ids()),
    }


def describe(kg: Graph, entity_id: str) -> dict:
    """An entity's type, labels in every language and every relation in and out, with sources.

    Relations are rows ``{direction, predicate, value, value_id, status, source, source_row}``:
    ``out`` for what the entity states, ``in`` for what points at it (a partnership that
    lists it as a party, a membership…), each with the document it comes from.
    """
    iri = kg.iri(entity_id)
    # The IRI is written as an N-Triples term (escaped by pyoxigraph), not spliced as text.
    this = f"VALUES ?s {{ {_node(iri)} }}"
    types = kg.select(f"SELECT ?t WHERE {{ {this} ?s a ?t }}")
    labels = kg.select(
        "SELECT ?p ?l (LANG(?l) AS ?lang) WHERE { " + this + " "
        "VALUES ?p { rdfs:label skos:prefLabel skos:altLabel foaf:name } ?s ?p ?l } "
        "ORDER BY ?p ?lang ?l"
    )
    out = kg.select(
        """SELECT ?p ?o ?olabel WHERE { """
        + this
        + """
             ?s ?p ?o . FILTER(?p NOT IN (rdf:type, rdfs:label, skos:prefLabel, skos:altLabel,
                                          foaf:name, prov:wasDerivedFrom, gk:sourceRow))
             OPTIONAL { ?o rdfs:label|skos:prefLabel ?olabel FILTER(LANG(?olabel) = "fr") }
           } ORDER BY ?p ?o"""
    )
    incoming = kg.select(
        """SELECT ?p ?x ?xlabel ?status ?src ?row WHERE { """
        + this
        + """
             ?x ?p ?s . FILTER(?p NOT IN (prov:wasAttributedTo, prov:wasDerivedFrom))
             OPTIONAL { ?x rdfs:label|skos:prefLabel ?xlabel FILTER(LANG(?xlabel) = "fr") }
             OPTIONAL { ?x gk:status ?status }
             OPTIONAL { ?x prov:wasDerivedFrom ?src } OPTIONAL { ?x gk:sourceRow ?row }
           } ORDER BY ?p ?x"""
    )
    own = kg.select(
        "SELECT ?src ?row WHERE { " + this + " OPTIONAL { ?s prov:wasDerivedFrom ?src } "
        "OPTIONAL { ?s gk:sourceRow ?row } }"
    )
    relations = []
    for direction, rows, key in (("out", out, "o"), ("in", incoming, "x")):
        seen = set()
        for r in rows:
            value = r[key]
            if (r["p"], value) in seen:  # several labels or sources
                continue
            seen.add((r["p"], value))
            is_iri = value.startswith(("http://", "https://"))
            source = own[0] if direction == "out" else r
            relations.append(
                {
                    "direction": direction,
                    "predicate": vocab.curie(r["p"]),
                    "value": r.get(f"{key}label") or (vocab.local_id(value) if is_iri else value),
                    "value_id": vocab.local_id(value) if is_iri else None,
                    "status": _table_value(r.get("status")),
                    "source": vocab.local_id(source["src"]) if source["src"] else None,
                    "source_row": source["row"],
                }
            )
    return {
        "id": entity_id,
        "iri": iri,
        "types": [vocab.curie(t["t"]) for t in types],
        "source": vocab.local_id(own[0]["src"]) if own and own[0]["src"] else None,
        "source_row": own[0]["row"] if own else None,
        "labels": [
            {"property": vocab.curie(r["p"]), "lang": r["lang"], "label": r["l"]} for r in labels
        ],
        "relations": relations,
    }


def term_words(kg: Graph, curies: list[str], lang: str = "fr") -> dict[str, str]:
    """A reader's word for each property or class (``gk:locatedIn`` -> "situé à"): the
    ontology's label in ``lang``, a standard term's from :func:`say` (``term.…``), else its name.

    >>> import graphkit
    >>> term_words(graphkit.from_tables("data"), ["gk:locatedIn", "owl:sameAs", "gk:nothing"])
    {'gk:locatedIn': 'situé à', 'owl:sameAs': 'même entité que', 'gk:nothing': 'nothing'}
    """
    out = {}
    for c in dict.fromkeys(curies):
        word = say(f"term.{c}", lang, otherwise="")
        if word:
            out[c] = word
            continue
        found = None
        if c.startswith("gk:"):
            rows = kg.select(
                "SELECT ?t ?lang ?l WHERE { ?t rdfs:label ?l FILTER(LANG(?l) = ?lang) }",
                t=_node(vocab.GK + c[3:]),
                lang=_literal(lang),
            )
            found = rows[0]["l"] if rows else None
        out[c] = found or c.split(":", 1)[-1]
    return out


def _literal(text: str):
    import pyoxigraph as ox

    return ox.Literal(text)


def _table_value(iri: str | None) -> str | None:
    return vocab.TABLE_VALUE.get(vocab.curie(iri), vocab.curie(iri)) if iri else None


def _rows(kg: Graph, sparql: str) -> list[dict]:
    from graphkit.graph.handle import term_value

    results = kg.query(sparql, union=False)
    return [{"name": term_value(r["name"]), "count": term_value(r["count"])} for r in results]


def _node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)
