"""The two pictures of a fascicule: a small graph drawn as inline SVG from the simple
projection, and a bar chart drawn by matplotlib as a PNG. Neither needs a script.

Every label in the SVG is escaped here (the renderers put the SVG in the page as it is).

>>> import networkx as nx
>>> g = nx.Graph([("a", "b")])
>>> svg = graph_svg(g, {"a": "<A>", "b": "B"}, {"a": "FrenchAuthority", "b": "Network"}, "fr")
>>> svg.startswith("<svg") and "&lt;A&gt;" in svg and "<A>" not in svg
True
>>> bar_chart_png(["x", "y"], [1, 2])[:4] == b"\\x89PNG"
True
"""

from __future__ import annotations

import html
import io

import networkx as nx

from graphkit.model.palette import DEFAULT_STYLE, NODE_STYLE
from graphkit.text.i18n import say

WEAK = {"stand-by", "ended"}


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _short(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Kamada–Kawai positions (deterministic); other components are tied to the largest by
    invisible edges so that they sit near it rather than far away.

    >>> sorted(layout(nx.Graph([("a", "b")])))
    ['a', 'b']
    """
    if g.number_of_nodes() <= 1:
        return {n: (0.0, 0.0) for n in g}
    # nodes and edges in one order whatever the graph's (set-made) insertion order, since
    # Kamada–Kawai starts from a circle in node order
    h = nx.Graph()
    h.add_nodes_from(sorted(g))
    h.add_edges_from(sorted(tuple(sorted(e)) for e in g.edges()))
    parts = sorted(nx.connected_components(h), key=lambda c: (-len(c), sorted(c)))
    hub = max(sorted(parts[0]), key=h.degree)
    for part in parts[1:]:
        h.add_edge(hub, sorted(part)[0])
    return {n: (float(x), float(y)) for n, (x, y) in nx.kamada_kawai_layout(h).items()}


def graph_svg(
    g: nx.Graph,
    labels: dict[str, str],
    kinds: dict[str, str],
    lang: str = "fr",
    width: int = 720,
    height: int = 440,
) -> str:
    """An SVG drawing of ``g`` (node ids; ``labels`` and ``kinds`` by id), with a legend.

    An edge whose every relation is on stand-by or ended is dashed.
    """
    legend_h = 18 * ((len(set(kinds.get(n, "") for n in g)) + 2) // 3) + 8
    top, bottom = 24, height - legend_h - 10
    pos = layout(g)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def at(n: str) -> tuple[float, float]:
        x, y = pos[n]
        return (
            80 + (x - min(xs)) / span_x * (width - 160) if len(pos) > 1 else width / 2,
            top + (y - min(ys)) / span_y * (bottom - top) if len(pos) > 1 else (top + bottom) / 2,
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="system-ui, sans-serif">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for u, v, data in sorted(
        ((*sorted((u, v)), data) for u, v, data in g.edges(data=True)), key=lambda e: e[:2]
    ):
        (x1, y1), (x2, y2) = at(u), at(v)
        statuses = {r.get("status") for r in data.get("relations", []) if r.get("status")}
        dashed = ' stroke-dasharray="5 4"' if statuses and statuses <= WEAK else ""
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#8a949e" stroke-width="1.4"{dashed}/>'
        )
    for n in sorted(g):
        x, y = at(n)
        style = NODE_STYLE.get(kinds.get(n, ""), DEFAULT_STYLE)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{style["color"]}" '
            'stroke="#1f2933" stroke-width="0.6"/>'
        )
        anchor = "end" if x > width * 0.8 else "start" if x < width * 0.2 else "middle"
        shift = {"end": 6, "start": -6, "middle": 0}[anchor]
        parts.append(
            f'<text x="{x + shift:.1f}" y="{y - 10:.1f}" font-size="11" text-anchor="{anchor}" '
            f'fill="#1f2933">{_e(_short(labels.get(n, n)))}</text>'
        )
    present = sorted({kinds.get(n, "") for n in g} - {""})
    for i, kind in enumerate(present):
        x = 12 + (i % 3) * (width // 3)
        y = height - legend_h + 6 + (i // 3) * 18
        colour = NODE_STYLE.get(kind, DEFAULT_STYLE)["color"]
        parts.append(f'<circle cx="{x + 5}" cy="{y + 5}" r="5" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + 15}" y="{y + 9}" font-size="10" fill="#52606d">'
            f"{_e(say(f'kind.{kind}', lang, otherwise=kind))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_png(labels: list[str], values: list[int], title: str = "") -> bytes:
    """A horizontal bar chart as PNG bytes (matplotlib's Agg canvas; no pyplot, no window)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.2, 0.36 * max(3, len(labels)) + 0.8), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color="#0072B2")
    ax.set_yticks(positions, labels)
    for y, v in zip(positions, values, strict=True):
        ax.text(v, y, f" {v}", va="center", fontsize=9)
    ax.set_xlim(0, max([1, *values]) * 1.15)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
