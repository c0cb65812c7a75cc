"""How each kind of edge and each group of nodes is drawn, and the ``--kind`` values of the
pages (colours and shapes of nodes: :mod:`graphkit.model.palette`; words:
:func:`graphkit.text.i18n.say`).

>>> KIND_FILTERS["places"]
('Country', 'MacroRegion', 'Subdivision', 'City')
"""

from __future__ import annotations

# --kind values a user types, and the node kinds each stands for.
KIND_FILTERS: dict[str, tuple[str, ...]] = {
    "authorities": ("FrenchAuthority",),
    "partners": ("ForeignAuthority",),
    "networks": ("Network",),
    "embassies": ("Embassy",),
    "organisations": ("Organisation",),
    "themes": ("Concept",),
    "places": ("Country", "MacroRegion", "Subdivision", "City"),
    "groups": ("CountryGroup", "ThematicGroup"),
    "events": ("Event",),
    "programmes": ("Programme",),
}

GROUP_STYLE = {"color": "#52606d", "shape": "dot"}

SUGGESTED_EDGE = {"color": "#D55E00", "dashes": [8, 4], "width": 3}
WEAK_EDGE = {"color": "#888888", "dashes": [3, 5]}  # stand-by or ended only
EDGE = {"color": "#9aa5b1"}
