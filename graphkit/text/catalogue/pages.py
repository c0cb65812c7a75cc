"""The words of the interactive pages (``viz.…``), of the geographic layout (``geo.…``),
the legend name of each kind of node (``kind.…``, also used by the reports) and the
``--kind`` values in a caption (``filter.…``, plural, lower case).
"""

VIZ: dict[str, dict[str, str]] = {
    "title_graph": {
        "fr": "La coopération décentralisée",
        "en": "Decentralised cooperation",
        "es": "La cooperación descentralizada",
        "pt": "A cooperação descentralizada",
    },
    "title_peers": {
        "fr": "Pairs suggérés",
        "en": "Suggested peers",
        "es": "Pares sugeridos",
        "pt": "Pares sugeridos",
    },
    "title_meet": {
        "fr": "Qui devrait rencontrer qui",
        "en": "Who should meet whom",
        "es": "Quién debería conocer a quién",
        "pt": "Quem deveria conhecer quem",
    },
    "title_south-south": {
        "fr": "Liens Sud-Sud suggérés",
        "en": "Suggested South-South links",
        "es": "Vínculos Sur-Sur sugeridos",
        "pt": "Vínculos Sul-Sul sugeridos",
    },
    "title_clusters": {
        "fr": "Groupes de travail thématiques",
        "en": "Thematic working groups",
        "es": "Grupos de trabajo temáticos",
        "pt": "Grupos de trabalho temáticos",
    },
    "counts": {
        "fr": "{nodes} nœuds, {edges} liens",
        "en": "{nodes} nodes, {edges} links",
        "es": "{nodes} nodos, {edges} vínculos",
        "pt": "{nodes} nós, {edges} vínculos",
    },
    "filter_theme": {
        "fr": "thème : {value}",
        "en": "theme: {value}",
        "es": "tema: {value}",
        "pt": "tema: {value}",
    },
    "filter_country": {
        "fr": "pays : {value}",
        "en": "country: {value}",
        "es": "país: {value}",
        "pt": "país: {value}",
    },
    "filter_kind": {
        "fr": "types : {value}",
        "en": "kinds: {value}",
        "es": "tipos: {value}",
        "pt": "tipos: {value}",
    },
    "focus": {
        "fr": "autour de {value} (profondeur {depth})",
        "en": "around {value} (depth {depth})",
        "es": "alrededor de {value} (profundidad {depth})",
        "pt": "em torno de {value} (profundidade {depth})",
    },
    "left_out": {
        "fr": "{n} nœuds sans position non dessinés",
        "en": "{n} nodes without a position left out",
        "es": "{n} nodos sin posición omitidos",
        "pt": "{n} nós sem posição omitidos",
    },
    "country": {
        "fr": "pays : {value}",
        "en": "country: {value}",
        "es": "país: {value}",
        "pt": "país: {value}",
    },
    "themes": {
        "fr": "thèmes : {value}",
        "en": "themes: {value}",
        "es": "temas: {value}",
        "pt": "temas: {value}",
    },
    "cluster": {
        "fr": "groupe : {value}",
        "en": "cluster: {value}",
        "es": "grupo: {value}",
        "pt": "grupo: {value}",
    },
    "source": {
        "fr": "source : {value}",
        "en": "source: {value}",
        "es": "fuente: {value}",
        "pt": "fonte: {value}",
    },
    "suggested": {
        "fr": "suggestion, score {value}",
        "en": "suggestion, score {value}",
        "es": "sugerencia, puntuación {value}",
        "pt": "sugestão, pontuação {value}",
    },
    "suggested_legend": {
        "fr": "lien suggéré",
        "en": "suggested link",
        "es": "vínculo sugerido",
        "pt": "vínculo sugerido",
    },
    "weak": {
        "fr": "partenariat en stand-by ou terminé",
        "en": "partnership on stand-by or ended",
        "es": "asociación en pausa o terminada",
        "pt": "parceria em pausa ou encerrada",
    },
    "search": {
        "fr": "Chercher un nom…",
        "en": "Find a name…",
        "es": "Buscar un nombre…",
        "pt": "Procurar um nome…",
    },
    "not_found": {
        "fr": "aucun nœud ne correspond",
        "en": "no node matches",
        "es": "ningún nodo coincide",
        "pt": "nenhum nó corresponde",
    },
}


GEO: dict[str, dict[str, str]] = {
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


KIND: dict[str, dict[str, str]] = {
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


FILTER: dict[str, dict[str, str]] = {
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
