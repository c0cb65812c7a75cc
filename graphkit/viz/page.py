"""A self-contained, offline HTML page for a :class:`~graphkit.viz.scene.Scene`.

vis-network's script and styles (shipped inside the pyvis package) are inlined, so the page
loads nothing from anywhere — its Content-Security-Policy forbids it. All text from the
data travels as JSON and is put on the page with ``textContent``; tooltips are plain
strings, which vis-network shows as text. Nothing from the data is ever parsed as HTML.

>>> import graphkit
>>> page = viz(graphkit.from_tables("data"), focus="bouguenais")
>>> "default-src 'none'" in page.html and "<link" not in page.html
True
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from graphkit.text.i18n import say
from graphkit.viz.scene import Scene, scene

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph


@cache
def _vis() -> tuple[str, str]:
    """vis-network's script and styles from the pyvis package (no CDN, no download)."""
    folder = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return (folder / "vis-network.min.js").read_text("utf-8"), (
        folder / "vis-network.css"
    ).read_text("utf-8")


def _json_for_script(value) -> str:
    # "</script>" or "<!--" inside data must not end the script element.
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _options(geo: bool) -> dict:
    return {
        "nodes": {"font": {"size": 14, "face": "system-ui"}, "borderWidth": 1},
        "edges": {"smooth": False, "color": {"inherit": False}},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "physics": (
            {"enabled": False}
            if geo
            else {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300}}
        ),
    }


class Page:
    """An interactive page: ``.html`` (the whole file), ``.save(path)``, and shown inline in Jupyter."""

    def __init__(self, scene_: Scene):
        self.scene = scene_
        vis_js, vis_css = _vis()
        payload = {
            "title": scene_.title,
            "caption": scene_.caption,
            "nodes": scene_.nodes,
            "edges": scene_.edges,
            "legend": scene_.legend,
            "options": _options(scene_.geo),
            "geo": {"outlines": scene_.outlines, "groups": scene_.groups} if scene_.geo else None,
            "texts": {
                "search": say("viz.search", scene_.lang),
                "not_found": say("viz.not_found", scene_.lang),
            },
        }
        template = Template((resources.files("graphkit.viz") / "template.html").read_text("utf-8"))
        # One pass over the template only: what is put in (the data, vis-network's code with
        # its "$" signs) is never scanned for placeholders, so no label can be taken for one.
        self.html = template.safe_substitute(
            lang=html.escape(scene_.lang),
            title=html.escape(scene_.title),
            data=_json_for_script(payload),
            vis_css=vis_css,
            vis_js=vis_js.replace("</script", "<\\/script"),
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (through a temporary file: never half written)."""
        from graphkit.files.atomic import write_atomic

        return write_atomic(path, self.html)

    def _repr_html_(self) -> str:
        # An iframe keeps the page's script and styles apart from the notebook's.
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'style="width:100%;height:620px;border:1px solid #d9dee3"></iframe>'
        )


def viz(kg: Graph, **options) -> Page:
    """A :class:`Page` of the graph; ``options`` are those of :func:`graphkit.viz.scene.scene`."""
    return Page(scene(kg, **options))
