"""One colour and shape per kind of node, the same on the interactive pages and in the
reports' figures.

>>> NODE_STYLE["FrenchAuthority"]["shape"]
'dot'
"""

from __future__ import annotations

# Colour-blind-safe palette (Okabe–Ito), one shape per family of kinds.
NODE_STYLE: dict[str, dict[str, str]] = {
    "FrenchAuthority": {"color": "#0072B2", "shape": "dot"},
    "ForeignAuthority": {"color": "#E69F00", "shape": "dot"},
    "Network": {"color": "#009E73", "shape": "diamond"},
    "Embassy": {"color": "#CC79A7", "shape": "triangle"},
    "Organisation": {"color": "#56B4E9", "shape": "square"},
    "Concept": {"color": "#F0E442", "shape": "hexagon"},
    "Country": {"color": "#999999", "shape": "box"},
    "MacroRegion": {"color": "#BBBBBB", "shape": "box"},
    "Subdivision": {"color": "#AAAAAA", "shape": "box"},
    "City": {"color": "#CCCCCC", "shape": "box"},
    "CountryGroup": {"color": "#D55E00", "shape": "star"},
    "ThematicGroup": {"color": "#D55E00", "shape": "star"},
    "Programme": {"color": "#882255", "shape": "square"},
    "Event": {"color": "#44AA99", "shape": "ellipse"},
}
DEFAULT_STYLE = {"color": "#777777", "shape": "dot"}
