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

# The words of the --kind values in a caption, by language (plural, lower case).
FILTER_NAMES: dict[str, dict[str, str]] = {
    "authorities": {
        "fr": "collectivités françaises",
        "en": "French authorities",
        "es": "colectividades francesas",
        "pt": "coletividades francesas",
    },
    "partners": {
        "fr": "partenaires à l'étranger",
        "en": "partners abroad",
        "es": "socios en el extranjero",
        "pt": "parceiros no exterior",
    },
    "networks": {"fr": "réseaux", "en": "networks", "es": "redes", "pt": "redes"},
    "embassies": {"fr": "ambassades", "en": "embassies", "es": "embajadas", "pt": "embaixadas"},
    "organisations": {
        "fr": "autres organisations",
        "en": "other organisations",
        "es": "otras organizaciones",
        "pt": "outras organizações",
    },
    "themes": {"fr": "thèmes", "en": "themes", "es": "temas", "pt": "temas"},
    "places": {"fr": "lieux", "en": "places", "es": "lugares", "pt": "lugares"},
    "groups": {"fr": "groupes", "en": "groups", "es": "grupos", "pt": "grupos"},
    "events": {"fr": "événements", "en": "events", "es": "eventos", "pt": "eventos"},
    "programmes": {"fr": "programmes", "en": "programmes", "es": "programas", "pt": "programas"},
}

# The geographic page's own words.
GEO_TEXTS: dict[str, dict[str, str]] = {
    "caption": {
        "fr": "fond de carte : frontières Natural Earth 1:110m (domaine public) ; un acteur "
        "dont seul le pays est connu est placé à sa capitale",
        "en": "base map: Natural Earth 1:110m borders (public domain); an actor whose country "
        "alone is known is placed at its capital",
        "es": "mapa base: fronteras Natural Earth 1:110m (dominio público); un actor del que "
        "solo se conoce el país se sitúa en su capital",
        "pt": "mapa de fundo: fronteiras Natural Earth 1:110m (domínio público); um ator do qual "
        "só se conhece o país é colocado na sua capital",
    },
    "group_legend": {
        "fr": "nœuds proches dans un même pays (cliquer ou zoomer pour les voir)",
        "en": "nodes close together in one country (click or zoom in to see them)",
        "es": "nodos cercanos en un mismo país (hacer clic o acercar para verlos)",
        "pt": "nós próximos num mesmo país (clicar ou aproximar para vê-los)",
    },
    "group_title": {
        "fr": "{place} : {n} nœuds proches",
        "en": "{place}: {n} nodes close together",
        "es": "{place}: {n} nodos cercanos",
        "pt": "{place}: {n} nós próximos",
    },
    "group_hint": {
        "fr": "(cliquer ou zoomer pour les voir)",
        "en": "(click or zoom in to see them)",
        "es": "(hacer clic o acercar para verlos)",
        "pt": "(clicar ou aproximar para vê-los)",
    },
}
GROUP_STYLE = {"color": "#52606d", "shape": "dot"}

SUGGESTED_EDGE = {"color": "#D55E00", "dashes": [8, 4], "width": 3}
WEAK_EDGE = {"color": "#888888", "dashes": [3, 5]}  # stand-by or ended only
EDGE = {"color": "#9aa5b1"}


def kind_name(kind: str, lang: str = "fr") -> str:
    """The legend name of a kind of node in ``lang``."""
    names = KIND_NAMES.get(kind, {})
    return names.get(lang) or names.get("fr") or kind


def filter_names(kinds, lang: str = "fr") -> str:
    """The --kind values of a caption in ``lang``.

    >>> filter_names(("authorities", "embassies"), "fr")
    'collectivités françaises, ambassades'
    """
    return ", ".join(FILTER_NAMES.get(k, {}).get(lang) or k for k in kinds)


def geo_text(key: str, lang: str = "fr", **values) -> str:
    """A sentence of the geographic page in ``lang`` (French if missing).

    >>> geo_text("group_title", "en", n=3, place="France")
    'France: 3 nodes close together'
    """
    texts = GEO_TEXTS[key]
    return (texts.get(lang) or texts["fr"]).format(**values)
