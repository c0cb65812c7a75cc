"""Colour, shape and legend name of each kind of node, and how each kind of edge is drawn.

>>> NODE_STYLE["FrenchAuthority"]["shape"]
'dot'
>>> kind_name("Embassy", "en")
'Embassy'
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

KIND_NAMES: dict[str, dict[str, str]] = {
    "FrenchAuthority": {
        "fr": "Collectivité française",
        "en": "French authority",
        "es": "Colectividad francesa",
        "pt": "Coletividade francesa",
    },
    "ForeignAuthority": {
        "fr": "Partenaire à l'étranger",
        "en": "Partner abroad",
        "es": "Socio en el extranjero",
        "pt": "Parceiro no exterior",
    },
    "Network": {"fr": "Réseau", "en": "Network", "es": "Red", "pt": "Rede"},
    "Embassy": {"fr": "Ambassade", "en": "Embassy", "es": "Embajada", "pt": "Embaixada"},
    "Organisation": {
        "fr": "Autre organisation",
        "en": "Other organisation",
        "es": "Otra organización",
        "pt": "Outra organização",
    },
    "Concept": {"fr": "Thème", "en": "Theme", "es": "Tema", "pt": "Tema"},
    "Country": {"fr": "Pays", "en": "Country", "es": "País", "pt": "País"},
    "MacroRegion": {
        "fr": "Macro-région",
        "en": "Macro-region",
        "es": "Macrorregión",
        "pt": "Macrorregião",
    },
    "Subdivision": {
        "fr": "Province / région",
        "en": "Province / state",
        "es": "Provincia / estado",
        "pt": "Província / estado",
    },
    "City": {"fr": "Ville", "en": "City", "es": "Ciudad", "pt": "Cidade"},
    "CountryGroup": {
        "fr": "Groupe-pays",
        "en": "Country group",
        "es": "Grupo país",
        "pt": "Grupo país",
    },
    "ThematicGroup": {
        "fr": "Groupe thématique",
        "en": "Thematic group",
        "es": "Grupo temático",
        "pt": "Grupo temático",
    },
    "Programme": {"fr": "Programme", "en": "Programme", "es": "Programa", "pt": "Programa"},
    "Event": {"fr": "Événement", "en": "Event", "es": "Evento", "pt": "Evento"},
}

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

SUGGESTED_EDGE = {"color": "#D55E00", "dashes": [8, 4], "width": 3}
WEAK_EDGE = {"color": "#888888", "dashes": [3, 5]}  # stand-by or ended only
EDGE = {"color": "#9aa5b1"}


def kind_name(kind: str, lang: str = "fr") -> str:
    """The legend name of a kind of node in ``lang``."""
    names = KIND_NAMES.get(kind, {})
    return names.get(lang) or names.get("fr") or kind
