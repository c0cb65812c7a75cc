"""What a page shows: the nodes and edges chosen by the filters or a recommendation view,
with their styles, tooltips (plain text) and positions. No HTML here: see ``page.py``.

>>> import graphkit
>>> s = scene(graphkit.from_tables("data"), focus="bouguenais", depth=1)
>>> "fr-bouguenais" in [n["id"] for n in s.nodes]
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from graphkit.graph.names import FRENCH_AUTHORITY, TERRITORY
from graphkit.model import vocab
from graphkit.model.palette import DEFAULT_STYLE, NODE_STYLE
from graphkit.text.i18n import say
from graphkit.viz import basemap
from graphkit.viz.style import EDGE, GROUP_STYLE, KIND_FILTERS, SUGGESTED_EDGE, WEAK_EDGE

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

NODE_BUDGET = 1500
VIEWS = ("peers", "meet", "south-south", "clusters")
CLUSTER_COLOURS = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
]
WEAK = {"stand-by", "ended"}


class TooLargeError(ValueError):
    """The page would draw more nodes than a browser can show comfortably."""


@dataclass
class Scene:
    title: str
    caption: str
    nodes: list[dict]
    edges: list[dict]
    legend: list[dict]
    geo: bool = False
    lang: str = "fr"
    left_out: list[str] = field(default_factory=list)
    outlines: list[dict] = field(default_factory=list)  # country outlines (geo only)
    groups: list[dict] = field(default_factory=list)  # co-located nodes drawn as one (geo)


def _labels(kg: Graph, lang: str) -> dict[str, str]:
    rows = kg.select(
        "SELECT ?s ?l (LANG(?l) AS ?lang) WHERE { ?s rdfs:label ?l "
        "FILTER(STRSTARTS(STR(?s), STR(gkd:)) || STRSTARTS(STR(?s), STR(gkt:))) }"
    )
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        found[vocab.local_id(r["s"])].setdefault(r["lang"], r["l"])
    return {k: v.get(lang) or v.get("fr") or next(iter(v.values())) for k, v in found.items()}


def _facts(kg: Graph) -> tuple[dict, dict, dict, dict]:
    """Per entity: its country, its sources, its position (own, its place's, its country's)
    and the place that position is of."""
    ids = vocab.local_id
    country = {
        ids(r["s"]): ids(r["c"]) for r in kg.select("SELECT ?s ?c WHERE { ?s gk:country ?c }")
    }
    sources: dict[str, set[str]] = defaultdict(set)
    for r in kg.select(
        "SELECT ?s ?t ?row WHERE { ?s prov:wasDerivedFrom ?d ; gk:sourceRow ?row . ?d dcterms:title ?t }"
    ):
        sources[ids(r["s"])].add(f"{r['t']} ({r['row']})")
    point, at = {}, {}
    for r in kg.select("SELECT ?s ?lat ?long WHERE { ?s geo:lat ?lat ; geo:long ?long }"):
        point[ids(r["s"])] = (float(r["lat"]), float(r["long"]))
        at[ids(r["s"])] = ids(r["s"])
    for r in kg.select("SELECT ?s ?p WHERE { ?s gk:locatedIn ?p }"):
        if ids(r["s"]) not in point and ids(r["p"]) in point:
            point[ids(r["s"])] = point[ids(r["p"])]
            at[ids(r["s"])] = ids(r["p"])
    for s, c in country.items():
        if s not in point and c in point:
            point[s] = point[c]
            at[s] = c
    return country, sources, point, at


def _select(g: nx.Graph, kg, theme, country, kinds, focus, depth) -> set[str]:
    keep = set(g)
    if kinds:
        allowed = {k for name in kinds for k in KIND_FILTERS[name]}
        keep = {n for n in keep if g.nodes[n]["kind"] in allowed}
    if theme is not None:  # an empty name is refused, not ignored
        from graphkit.match.experts import narrower_or_same, resolve_theme
        from graphkit.match.scoring import projection

        themes = narrower_or_same(projection(kg), resolve_theme(kg, theme)) & set(g)
        around = {m for t in themes for m in g[t] if g.nodes[m]["kind"] != "Concept"}
        keep &= themes | around
    if country is not None:
        place = kg.resolve(country, TERRITORY)
        places = {place} | {
            c for c in g if g.nodes[c]["kind"] == "Country" and g.has_edge(c, place)
        }
        around = {m for p in places if p in g for m in g[p]}
        keep &= places | around
    if focus is not None:
        me = kg.resolve(focus)
        keep = set(nx.ego_graph(g.subgraph(keep | {me}), me, radius=depth))
    return keep


def _suggestions(
    kg, view, focus, top, lang
) -> tuple[list[tuple[str, str, float, list[str]]], dict]:
    from graphkit import match

    if view == "peers":
        if not focus:
            raise ValueError("--view peers needs --focus NAME")
        me = kg.resolve(focus, FRENCH_AUTHORITY)
        frame = match.peers(kg, me, top=top, lang=lang)
        return [(me, r.id, r.score, r.reasons) for r in frame.itertuples()], {}
    if view in ("meet", "south-south"):
        run = match.meet if view == "meet" else match.south_south
        frame = run(kg, top=top, lang=lang)
        return [(r.source_id, r.target_id, r.score, r.reasons) for r in frame.itertuples()], {}
    frame = match.clusters(kg, lang=lang)
    colour = {}
    for r in frame.itertuples():
        for member in r.member_ids:
            colour[member] = (r.cluster, r.label)
    return [], colour


# Kinds of node the whole-graph page draws, as classes: counted before anything is laid out.
_NODE_CLASSES = {
    kind: ("skos:Concept" if kind == "Concept" else f"gk:{kind}")
    for kind in (
        "Concept Country City FrenchAuthority Subdivision Event ForeignAuthority MacroRegion "
        "CountryGroup Network ThematicGroup Organisation Embassy Programme"
    ).split()
}


def _at_least(kg: Graph, kinds: tuple[str, ...]) -> int:
    """How many nodes a page of the whole graph (of ``kinds``) draws at least: one COUNT
    query instead of building the graph view, which took 20 s on a national graph."""
    wanted = {k for name in kinds for k in KIND_FILTERS[name]} if kinds else set(_NODE_CLASSES)
    classes = " ".join(_NODE_CLASSES[k] for k in sorted(wanted) if k in _NODE_CLASSES)
    if not classes:
        return 0
    rows = kg.select(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?t {{ {classes} }} ?s a ?t "
        "FILTER(STRSTARTS(STR(?s), STR(gkd:)) || STRSTARTS(STR(?s), STR(gkt:))) }"
    )
    return int(rows[0]["n"] or 0)


def _too_large(count: int, budget: int) -> TooLargeError:
    return TooLargeError(
        f"the page would draw {count:,} nodes (limit {budget:,}): narrow it with "
        "--theme, --country, --kind or --focus NAME --depth 1"
    )


def scene(
    kg: Graph,
    theme: str | None = None,
    country: str | None = None,
    kinds: tuple[str, ...] = (),
    focus: str | None = None,
    depth: int = 1,
    view: str | None = None,
    top: int = 10,
    layout: str = "force",
    size_by: str = "degree",
    lang: str = "fr",
    budget: int = NODE_BUDGET,
) -> Scene:
    """Choose and style what a page draws; raise :class:`TooLargeError` above ``budget`` nodes."""
    if not (view or theme or country or focus):  # the whole graph: refuse before any work
        count = _at_least(kg, kinds)
        if count > budget:
            raise _too_large(count, budget)
    g = kg.simple_graph()
    labels = _labels(kg, lang)
    country_of, sources, point, at = _facts(kg)
    suggested, cluster_of = ([], {})
    if view:
        if view not in VIEWS:
            raise ValueError(f"unknown view '{view}'; expected one of {', '.join(VIEWS)}")
        suggested, cluster_of = _suggestions(kg, view, focus, top, lang)
        keep = {n for a, b, _, _ in suggested for n in (a, b)} | set(cluster_of)
        if view == "clusters":
            keep |= {t for m in cluster_of for t in g[m] if g.nodes[t]["kind"] == "Concept"}
    else:
        keep = _select(g, kg, theme, country, kinds, focus, depth)
    if len(keep) > budget:
        raise _too_large(len(keep), budget)
    sub = g.subgraph(keep)
    importance = _importance(g, size_by)
    geo = layout == "geo"
    left_out = sorted(n for n in sub if geo and n not in point)
    shown = [n for n in sorted(sub) if n not in left_out]
    top_importance = max((importance[n] for n in shown), default=1) or 1
    nodes = []
    for n in shown:
        kind = g.nodes[n]["kind"]
        style = NODE_STYLE.get(kind, DEFAULT_STYLE)
        colour = style["color"]
        if n in cluster_of:
            colour = CLUSTER_COLOURS[(cluster_of[n][0] - 1) % len(CLUSTER_COLOURS)]
        themes = sorted(labels.get(t, t) for t in g[n] if g.nodes[t]["kind"] == "Concept")
        tooltip = [labels.get(n, n), say(f"kind.{kind}", lang, otherwise=kind)]
        if country_of.get(n):
            tooltip.append(say("viz.country", lang, value=labels.get(country_of[n], country_of[n])))
        if themes and kind != "Concept":
            tooltip.append(say("viz.themes", lang, value=", ".join(themes)))
        if n in cluster_of:
            tooltip.append(
                say("viz.cluster", lang, value=f"{cluster_of[n][0]} — {cluster_of[n][1]}")
            )
        tooltip += [say("viz.source", lang, value=s) for s in sorted(sources.get(n, ()))[:3]]
        node = {
            "id": n,
            "label": labels.get(n, n),
            "kind": kind,
            "title": "\n".join(tooltip),
            "color": colour,
            "shape": style["shape"],
            "size": round(10 + 30 * importance[n] / top_importance, 1),
        }
        if geo:  # markers keep one size on screen (px), like a map's: the page scales them
            x, y = basemap.project(point[n][1], point[n][0])
            px = round(4 + 5 * importance[n] / top_importance, 1)
            node.update(x=x, y=y, size=px, px=px, fixed=True, physics=False, at=at.get(n, ""))
            node["shape"] = GEO_SHAPE.get(node["shape"], node["shape"])
        node["name"] = node["label"]  # what search looks in (a geo page may hide labels)
        nodes.append(node)
    groups, outlines = [], []
    if geo and nodes:
        groups = _group_colocated(nodes, labels, lang, country_of)
        outlines = _outlines(nodes, point, country_of)
    on_page = {n["id"] for n in nodes}
    edges = [e for e in _edges(sub, labels, lang) if e["from"] in on_page and e["to"] in on_page]
    for a, b, score, reasons in suggested:
        if a in on_page and b in on_page:
            title = "\n".join(
                [say("viz.suggested", lang, value=f"{score:g}"), *(f"• {r}" for r in reasons)]
            )
            edges.append({"from": a, "to": b, "title": title, "suggested": True, **SUGGESTED_EDGE})
    return Scene(
        title=say(f"viz.title_{view or 'graph'}", lang),
        caption=_caption(
            lang,
            len(nodes),
            len(edges),
            {
                "theme": theme,
                "kinds": ", ".join(say(f"filter.{k}", lang, otherwise=k) for k in kinds),
            },
            {"country": country, "focus": focus},
            depth,
            labels,
            kg,
            left_out,
            geo,
        ),
        nodes=nodes,
        edges=edges,
        legend=_legend(nodes, edges, cluster_of, lang, bool(groups)),
        geo=geo,
        lang=lang,
        left_out=left_out,
        outlines=outlines,
        groups=groups,
    )


def _group_colocated(
    nodes: list[dict], labels: dict[str, str], lang: str, country_of: dict[str, str]
) -> list[dict]:
    """Group the nodes that crowd one place, for a readable map at the default zoom.

    Nodes at exactly the same point (an actor placed at its town, or at its country's capital
    when nothing finer is known) are spread on a small circle around it; then the nodes of one
    country that lie within :data:`NEAR` of each other (single linkage) form a group, drawn
    as one dot at their centre labelled with the country and the count. The page opens a
    group on a click or when the reader zooms in (``template.html``).
    """
    import math

    at_point: dict[tuple, list[dict]] = defaultdict(list)
    for n in nodes:
        at_point[(n["x"], n["y"])].append(n)
    for (x, y), members in at_point.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda n: (-n["size"], n["label"]))
        radius = 4 + 1.5 * len(members)
        for i, n in enumerate(members):
            angle = 2 * math.pi * i / len(members) - math.pi / 2
            n.update(
                x=round(x + radius * math.cos(angle), 1), y=round(y + radius * math.sin(angle), 1)
            )
    by_country: dict[str, list[dict]] = defaultdict(list)
    for n in nodes:  # a country node is in its own country
        own = n["id"] if n["kind"] == "Country" else ""
        by_country[country_of.get(n["id"], own)].append(n)
    groups = []
    for country, members in sorted(by_country.items()):
        for part in _near_parts(members):
            if len(part) < 2:
                continue
            part.sort(key=lambda n: (-n["size"], n["label"]))
            gid = f"g{len(groups) + 1}"
            for n in part:
                n["group_of"] = gid
            place = labels.get(country, "")
            groups.append(
                {
                    "id": gid,
                    "label": f"{place} · {len(part)}" if place else f"· {len(part)}",
                    "title": "\n".join(
                        [say("geo.group_title", lang, n=len(part), place=place)]
                        + [f"• {n['label']}" for n in part]
                        + [say("geo.group_hint", lang)]
                    ),
                    "x": round(sum(n["x"] for n in part) / len(part), 1),
                    "y": round(sum(n["y"] for n in part) / len(part), 1),
                    "members": [n["id"] for n in part],
                    "px": round(7 + 2 * math.sqrt(len(part)), 1),
                    **GROUP_STYLE,
                }
            )
    return groups


NEAR = 6 * basemap.SCALE  # canvas units: nodes of one country closer than 6° are grouped


def _near_parts(members: list[dict]) -> list[list[dict]]:
    """The members split into parts where each is within NEAR of another of its part."""
    parts: list[list[dict]] = []
    for n in sorted(members, key=lambda n: n["id"]):
        touching = [p for p in parts if any(_distance(n, m) <= NEAR for m in p)]
        merged = [n] + [m for p in touching for m in p]
        parts = [p for p in parts if p not in touching] + [merged]
    return parts


def _distance(a: dict, b: dict) -> float:
    return ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5


def _outlines(nodes: list[dict], point: dict, country_of: dict) -> list[dict]:
    """The country outlines around the nodes' extent, the nodes' countries highlighted."""
    lats = [point[n["id"]][0] for n in nodes]
    lons = [point[n["id"]][1] for n in nodes]
    pad_lon = max(8.0, (max(lons) - min(lons)) * 0.25)
    pad_lat = max(6.0, (max(lats) - min(lats)) * 0.25)
    box = (min(lons) - pad_lon, min(lats) - pad_lat, max(lons) + pad_lon, max(lats) + pad_lat)
    highlight = {
        vocab.local_id(country_of[n["id"]]).removeprefix("country-").upper()
        for n in nodes
        if country_of.get(n["id"])
    }
    return basemap.outlines(box, highlight)


def _importance(g: nx.Graph, size_by: str) -> dict[str, float]:
    if size_by == "pagerank":
        return nx.pagerank(g)
    if size_by == "betweenness":
        return nx.betweenness_centrality(g)
    if size_by != "degree":
        raise ValueError(f"unknown measure '{size_by}'; expected degree, pagerank or betweenness")
    return dict(g.degree())


def _edges(sub: nx.Graph, labels: dict[str, str], lang: str) -> list[dict]:
    out = []
    for a, b, data in sorted(sub.edges(data=True)):
        relations = data["relations"]
        lines = []
        for r in relations:
            text = labels.get(r["via"], r["relation"]) if "via" in r else vocab.curie(r["relation"])
            if r.get("status"):
                status = r["status"]
                text += f" ({say('status.' + status, lang, otherwise=status)})"
            if text not in lines:
                lines.append(text)
        # Dashed when every relation behind the edge is on stand-by or ended.
        weak = bool(relations) and all(r.get("status") in WEAK for r in relations)
        out.append({"from": a, "to": b, "title": "\n".join(lines), **(WEAK_EDGE if weak else EDGE)})
    return out


# On a map every node is a marker with its label under it: shapes that hold their label
# inside (box, ellipse) become the nearest marker shape.
GEO_SHAPE = {"box": "square", "ellipse": "dot"}


def _legend(nodes, edges, cluster_of, lang, grouped=False) -> list[dict]:
    kinds = sorted(
        {n["kind"] for n in nodes},
        key=lambda k: list(NODE_STYLE).index(k) if k in NODE_STYLE else 99,
    )
    shape_of = {n["kind"]: n["shape"] for n in nodes}
    legend = [
        {
            "label": say(f"kind.{k}", lang, otherwise=k),
            "color": NODE_STYLE.get(k, DEFAULT_STYLE)["color"],
            "shape": shape_of.get(k) or NODE_STYLE.get(k, DEFAULT_STYLE)["shape"],
        }
        for k in kinds
    ]
    for number, name in sorted(set(cluster_of.values())):
        legend.append(
            {
                "label": f"{number}. {name}",
                "color": CLUSTER_COLOURS[(number - 1) % len(CLUSTER_COLOURS)],
                "shape": "dot",
            }
        )
    if grouped:
        legend.append(
            {"label": say("geo.group_legend", lang), "color": GROUP_STYLE["color"], "shape": "dot"}
        )
    if any(e.get("dashes") and not e.get("suggested") for e in edges):
        legend.append(
            {"label": say("viz.weak", lang), "color": WEAK_EDGE["color"], "shape": "dashed"}
        )
    if any(e.get("suggested") for e in edges):
        legend.append(
            {
                "label": say("viz.suggested_legend", lang),
                "color": SUGGESTED_EDGE["color"],
                "shape": "dashed",
            }
        )
    return legend


def _caption(lang, n_nodes, n_edges, words, names, depth, labels, kg, left_out, geo=False) -> str:
    """One line of what is shown: counts, then each filter given (names as labels)."""
    parts = [say("viz.counts", lang, nodes=n_nodes, edges=n_edges)]
    if words["theme"]:
        parts.append(say("viz.filter_theme", lang, value=words["theme"]))
    if names["country"]:
        label = labels.get(kg.resolve(names["country"], TERRITORY), names["country"])
        parts.append(say("viz.filter_country", lang, value=label))
    if words["kinds"]:
        parts.append(say("viz.filter_kind", lang, value=words["kinds"]))
    if names["focus"]:
        label = labels.get(kg.resolve(names["focus"]), names["focus"])
        parts.append(say("viz.focus", lang, value=label, depth=depth))
    if left_out:
        parts.append(say("viz.left_out", lang, n=len(left_out)))
    if geo:
        parts.append(say("geo.caption", lang))
    return " — ".join(parts)
