"""Reason sentences and labels in French (default), English, Spanish and Portuguese.

Long because it is a table: every sentence in four languages, one concern.

>>> from graphkit.text.grammar import place, theme
>>> say("shared_theme", "fr", theme=theme("biodiversite", "Biodiversité", "fr"))
'les deux travaillent sur la biodiversité'
>>> say("shared_place", "fr", place=place("country-pe", "Pérou", "fr"))
'les deux coopèrent au Pérou'
>>> say("shared_place", "pt", place=place("country-pe", "Peru", "pt"))
'ambos cooperam no Peru'
"""

from __future__ import annotations

LANGS = ("fr", "en", "es", "pt")

# Placeholders are names as :class:`graphkit.text.grammar.Noun`: ``{x}`` with its article,
# ``{x:loc}`` after "in", ``{x:bare}`` without article, ``{x:à}`` contracted with a
# preposition ("aux rencontres…"). ``{who}``, ``{a}``, ``{b}`` are actors' own names.
SENTENCES: dict[str, dict[str, str]] = {
    "shared_theme": {
        "fr": "les deux travaillent sur {theme}",
        "en": "both work on {theme}",
        "es": "ambos trabajan {theme:en}",
        "pt": "ambos trabalham com {theme:bare}",
    },
    "broader_theme": {
        "fr": "les deux travaillent sur {theme} : {sides}",
        "en": "both work on {theme}: {sides}",
        "es": "ambos trabajan {theme:en}: {sides}",
        "pt": "ambos trabalham com {theme:bare}: {sides}",
    },
    "side_theme": {
        "fr": "{who} sur {themes}",
        "en": "{who} on {themes}",
        "es": "{who} en {themes}",
        "pt": "{who} com {themes}",
    },
    "side_general": {
        "fr": "{who} en général",
        "en": "{who} in general",
        "es": "{who} en general",
        "pt": "{who} em geral",
    },
    "shared_place": {
        "fr": "les deux coopèrent {place:loc}",
        "en": "both cooperate {place:loc}",
        "es": "ambos cooperan {place:loc}",
        "pt": "ambos cooperam {place:loc}",
    },
    "shared_group": {
        "fr": "les deux sont membres {name:de}",
        "en": "both are members of {name}",
        "es": "ambos son miembros {name:de}",
        "pt": "ambos são membros {name:de}",
    },
    "shared_network": {
        "fr": "les deux sont membres {name:de}",
        "en": "both are members of {name}",
        "es": "ambos son miembros {name:de}",
        "pt": "ambos são membros {name:de}",
    },
    "shared_event": {
        "fr": "les deux ont pris part {name:à}",
        "en": "both took part in {name}",
        "es": "ambos participaron {name:en}",
        "pt": "ambos participaram {name:de}",
    },
    "status_note": {
        "fr": "{text} (statut pour {who} : {status})",
        "en": "{text} (status for {who}: {status})",
        "es": "{text} (estado para {who}: {status})",
        "pt": "{text} (status para {who}: {status})",
    },
    "status_plain": {
        "fr": "{text} (statut : {status})",
        "en": "{text} (status: {status})",
        "es": "{text} (estado: {status})",
        "pt": "{text} (status: {status})",
    },
    "whose": {
        "fr": "{who} : {text}",
        "en": "{who}: {text}",
        "es": "{who}: {text}",
        "pt": "{who}: {text}",
    },
    "expertise": {
        "fr": "expertise déclarée en {theme:bare}",
        "en": "stated expertise in {theme:bare}",
        "es": "experiencia declarada en {theme:bare}",
        "pt": "experiência declarada em {theme:bare}",
    },
    "partnership_on": {
        "fr": "{partnership} porte sur {theme}",
        "en": "{partnership} is about {theme}",
        "es": "{partnership} trata {theme:de}",
        "pt": "{partnership} trata {theme:de}",
    },
    "partnership_on_pl": {
        "fr": "{partnership} portent sur {theme}",
        "en": "{partnership} are about {theme}",
        "es": "{partnership} tratan {theme:de}",
        "pt": "{partnership} tratam {theme:de}",
    },
    "interest_in": {
        "fr": "intérêt déclaré pour {theme}",
        "en": "stated interest in {theme:bare}",
        "es": "interés declarado {theme:en}",
        "pt": "interesse declarado {theme:em}",
    },
    "different_countries": {
        "fr": "{a} est {place_a:loc}, {b} {place_b:loc}",
        "en": "{a} is {place_a:loc}, {b} {place_b:loc}",
        "es": "{a} está {place_a:loc}, {b} {place_b:loc}",
        "pt": "{a} fica {place_a:loc}, {b} {place_b:loc}",
    },
    "french_peers": {
        "fr": "leurs partenaires français se ressemblent : {x} (partenaire {a:de}) et {y} (partenaire {b:de})",
        "en": "their French partners are alike: {x} (partner of {a}) and {y} (partner of {b})",
        "es": "sus socios franceses se parecen: {x} (socio {a:de}) y {y} (socio {b:de})",
        "pt": "seus parceiros franceses se parecem: {x} (parceiro {a:de}) e {y} (parceiro {b:de})",
    },
    "same_french_partner": {
        "fr": "les deux ont le même partenaire français : {name}",
        "en": "both have the same French partner: {name}",
        "es": "ambos tienen el mismo socio francés: {name}",
        "pt": "ambos têm o mesmo parceiro francês: {name}",
    },
    "wants_theme": {
        "fr": "{who} veut travailler sur {theme}",
        "en": "{who} wants to work on {theme}",
        "es": "{who} quiere trabajar {theme:en}",
        "pt": "{who} quer trabalhar com {theme:bare}",
    },
    "status": {
        "fr": "{value}",
        "en": "{value}",
        "es": "{value}",
        "pt": "{value}",
    },
}

ROLE_WORDS = {
    "expert": {"fr": "expert", "en": "expert", "es": "experto", "pt": "especialista"},
    "learner": {"fr": "apprenant", "en": "learner", "es": "aprendiz", "pt": "aprendiz"},
    "peer": {"fr": "pair", "en": "peer", "es": "par", "pt": "par"},
    "partner": {"fr": "partenaire", "en": "partner", "es": "socio", "pt": "parceiro"},
}

STATUS_WORDS = {
    "active": {"fr": "actif", "en": "active", "es": "activo", "pt": "ativo"},
    "stand-by": {"fr": "en stand-by", "en": "on stand-by", "es": "en pausa", "pt": "em pausa"},
    "ended": {"fr": "terminé", "en": "ended", "es": "terminado", "pt": "encerrado"},
    "planned": {"fr": "prévu", "en": "planned", "es": "previsto", "pt": "previsto"},
    "at-risk": {"fr": "fragile", "en": "at risk", "es": "en riesgo", "pt": "em risco"},
    "dormant": {"fr": "en sommeil", "en": "dormant", "es": "inactivo", "pt": "inativo"},
    "proposed": {"fr": "proposé", "en": "proposed", "es": "propuesto", "pt": "proposto"},
}


def say(key: str, lang: str = "fr", **values) -> str:
    """The sentence ``key`` in ``lang`` (French if that language is missing); keys of a
    family of sentences are prefixed with it ("group.fold", "viz.counts").

    >>> say("group.do_fold", "en")
    'fold into the regional group'
    >>> say("viz.counts", "pt", nodes=3, edges=2)
    '3 nós, 2 vínculos'
    """
    if "." in key:
        family, key = key.split(".", 1)
        templates = FAMILIES[family][key]
    else:
        templates = SENTENCES[key]
    return templates.get(lang, templates["fr"]).format(**values)


def status_word(status: str, lang: str = "fr") -> str:
    """A status value in words.

    >>> status_word("stand-by", "en")
    'on stand-by'
    """
    words = STATUS_WORDS.get(status, {})
    return words.get(lang, words.get("fr", status))


GROUP_SENTENCES: dict[str, dict[str, str]] = {
    "members": {
        "fr": "membres actifs : {names}",
        "en": "active members: {names}",
        "es": "miembros activos: {names}",
        "pt": "membros ativos: {names}",
    },
    "no_members": {
        "fr": "aucune collectivité française n'en est membre active",
        "en": "no French authority is an active member",
        "es": "ninguna colectividad francesa es miembro activo",
        "pt": "nenhuma coletividade francesa é membro ativo",
    },
    "working": {
        "fr": "actives dans ses pays sans en être membres : {names}",
        "en": "active in its countries without being members: {names}",
        "es": "activas en sus países sin ser miembros: {names}",
        "pt": "ativas em seus países sem serem membros: {names}",
    },
    "partnerships": {
        "fr": "partenariats actifs dans ses pays : {n}",
        "en": "active partnerships in its countries: {n}",
        "es": "asociaciones activas en sus países: {n}",
        "pt": "parcerias ativas em seus países: {n}",
    },
    "recorded": {
        "fr": "statut noté dans les sources : {status}",
        "en": "status recorded in the sources: {status}",
        "es": "estado registrado en las fuentes: {status}",
        "pt": "status registrado nas fontes: {status}",
    },
    "fold": {
        "fr": "ses pays sont couverts par {group}",
        "en": "its countries are covered by {group}",
        "es": "sus países están cubiertos por {group}",
        "pt": "seus países são cobertos {group:por}",
    },
    "theme": {
        "fr": "plusieurs de ses collectivités travaillent sur {theme}",
        "en": "several of its authorities work on {theme}",
        "es": "varias de sus colectividades trabajan {theme:en}",
        "pt": "várias de suas coletividades trabalham com {theme:bare}",
    },
    "ended": {
        "fr": "le groupe est noté comme terminé dans les sources",
        "en": "the group is recorded as ended in the sources",
        "es": "el grupo figura como terminado en las fuentes",
        "pt": "o grupo consta como encerrado nas fontes",
    },
    "proposed": {
        "fr": "le groupe est seulement proposé dans les sources : il reste à créer",
        "en": "the group is only proposed in the sources: it is yet to be created",
        "es": "el grupo solo está propuesto en las fuentes: queda por crear",
        "pt": "o grupo está apenas proposto nas fontes: ainda deve ser criado",
    },
    "do_revive": {"fr": "relancer", "en": "revive", "es": "reactivar", "pt": "reativar"},
    "do_create": {"fr": "créer", "en": "create", "es": "crear", "pt": "criar"},
    "do_keep": {"fr": "maintenir", "en": "keep", "es": "mantener", "pt": "manter"},
    "do_fold": {
        "fr": "fusionner dans le groupe régional",
        "en": "fold into the regional group",
        "es": "fusionar en el grupo regional",
        "pt": "fundir no grupo regional",
    },
    "do_thematic": {
        "fr": "ouvrir un groupe thématique",
        "en": "open a thematic group",
        "es": "abrir un grupo temático",
        "pt": "abrir um grupo temático",
    },
    "do_watch": {
        "fr": "à suivre",
        "en": "watch",
        "es": "a seguir",
        "pt": "acompanhar",
    },
}


INVITE_SENTENCES: dict[str, dict[str, str]] = {
    "works_on": {
        "fr": "travaille sur {themes}",
        "en": "works on {themes}",
        "es": "trabaja en {themes}",
        "pt": "trabalha com {themes}",
    },
    "works_in": {
        "fr": "travaille {place:loc}",
        "en": "works {place:loc}",
        "es": "trabaja {place:loc}",
        "pt": "trabalha {place:loc}",
    },
    "seated": {
        "fr": "a son siège {place:loc}",
        "en": "is seated {place:loc}",
        "es": "tiene su sede {place:loc}",
        "pt": "tem sua sede {place:loc}",
    },
    "members": {
        "fr": "ses membres y travaillent : {names}",
        "en": "its members work on it: {names}",
        "es": "sus miembros trabajan en ello: {names}",
        "pt": "seus membros trabalham nisso: {names}",
    },
    "members_active": {
        "fr": "ses membres sont actifs : {names}",
        "en": "its members are active: {names}",
        "es": "sus miembros son activos: {names}",
        "pt": "seus membros são ativos: {names}",
    },
    "active": {
        "fr": "acteur actif dans le graphe",
        "en": "active in the graph",
        "es": "actor activo en el grafo",
        "pt": "ator ativo no grafo",
    },
}


EMBASSY_SENTENCES: dict[str, dict[str, str]] = {
    "no_embassy": {
        "fr": "(aucune ambassade connue)",
        "en": "(no known embassy)",
        "es": "(ninguna embajada conocida)",
        "pt": "(nenhuma embaixada conhecida)",
    },
    "covers": {
        "fr": "son appui régional couvre {place}",
        "en": "its regional support covers {place}",
        "es": "su apoyo regional cubre {place}",
        "pt": "seu apoio regional cobre {place}",
    },
    "covers_region": {
        "fr": "son appui régional couvre {region}, dont {place}",
        "en": "its regional support covers {region}, which includes {place}",
        "es": "su apoyo regional cubre {region}, que incluye {place}",
        "pt": "seu apoio regional cobre {region}, que inclui {place}",
    },
    "represents": {
        "fr": "représente {place} en France",
        "en": "represents {place} in France",
        "es": "representa {place:a} en Francia",
        "pt": "representa {place} na França",
    },
    "none": {
        "fr": "aucune ambassade connue ne couvre {place}",
        "en": "no known embassy covers {place}",
        "es": "ninguna embajada conocida cubre {place}",
        "pt": "nenhuma embaixada conhecida cobre {place}",
    },
    "status": {
        "fr": "coopération {status}",
        "en": "cooperation {status}",
        "es": "cooperación {status}",
        "pt": "cooperação {status}",
    },
}


CLUSTER_SENTENCES: dict[str, dict[str, str]] = {
    "theme": {
        "fr": "{theme} : {members}",
        "en": "{theme}: {members}",
        "es": "{theme}: {members}",
        "pt": "{theme}: {members}",
    },
    "countries": {
        "fr": "couvre {n} pays",
        "en": "spans {n} countries",
        "es": "abarca {n} países",
        "pt": "abrange {n} países",
    },
}


VIZ_SENTENCES: dict[str, dict[str, str]] = {
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


# Why a matcher's answer is empty, said on standard error in --lang.
EMPTY_SENTENCES = {
    "none": {
        "fr": "aucune suggestion",
        "en": "no suggestion",
        "es": "ninguna sugerencia",
        "pt": "nenhuma sugestão",
    },
    "placeholder": {
        "fr": "{who} désigne un acteur que les sources ne nomment pas : personne à présenter",
        "en": "{who} stands for an actor the sources do not name: no one to introduce",
        "es": "{who} designa un actor que las fuentes no nombran: nadie a quien presentar",
        "pt": "{who} designa um ator que as fontes não nomeiam: ninguém a apresentar",
    },
    "nothing_to_match": {
        "fr": "{who} n'a rien sur quoi se rapprocher (ni thème, ni pays, ni groupe, ni réseau, ni événement)",
        "en": "{who} has nothing to match on (no theme, country, group, network or event)",
        "es": "{who} no tiene nada en común que buscar (ni tema, ni país, ni grupo, ni red, ni evento)",
        "pt": "{who} não tem nada em que se basear (nem tema, nem país, nem grupo, nem rede, nem evento)",
    },
    "no_peer": {
        "fr": "aucune autre collectivité française ne partage quoi que ce soit avec {who}",
        "en": "no other French authority shares anything with {who}",
        "es": "ninguna otra colectividad francesa comparte nada con {who}",
        "pt": "nenhuma outra coletividade francesa compartilha nada com {who}",
    },
    "only_common": {
        "fr": "{who} ne partage avec les autres collectivités françaises que ce que presque toutes partagent",
        "en": "{who} shares nothing with another French authority but what nearly all of them share",
        "es": "{who} no comparte con otra colectividad francesa más que lo que casi todas comparten",
        "pt": "{who} não compartilha com outra coletividade francesa senão o que quase todas compartilham",
    },
    "graph_nothing": {
        "fr": "le graphe ne contient rien sur quoi rapprocher des acteurs",
        "en": "the graph holds nothing to match on",
        "es": "el grafo no contiene nada con que relacionar actores",
        "pt": "o grafo não contém nada com que aproximar atores",
    },
    "no_theme_held": {
        "fr": "aucun acteur ne porte de thème : rien à regrouper",
        "en": "no actor holds a theme: nothing to cluster",
        "es": "ningún actor tiene un tema: nada que agrupar",
        "pt": "nenhum ator tem um tema: nada a agrupar",
    },
    "no_cooperation": {
        "fr": "aucune coopération à l'étranger n'est connue pour {who}",
        "en": "{who} has no recorded cooperation abroad",
        "es": "no se conoce ninguna cooperación en el extranjero de {who}",
        "pt": "nenhuma cooperação no exterior é conhecida para {who}",
    },
    "no_invitee": {
        "fr": "aucun réseau ni partenaire à l'étranger n'est connu pour ce thème ou ce pays",
        "en": "no network or partner abroad is known for that theme or country",
        "es": "no se conoce ninguna red ni socio en el extranjero para ese tema o país",
        "pt": "nenhuma rede ou parceiro no exterior é conhecido para esse tema ou país",
    },
    "no_candidate": {
        "fr": "aucun partenaire possible pour {who} avec ces filtres",
        "en": "no candidate partner for {who} with these filters",
        "es": "ningún socio posible para {who} con estos filtros",
        "pt": "nenhum parceiro possível para {who} com esses filtros",
    },
    "no_partner_reason": {
        "fr": "rien ne plaide pour un partenaire de {who}",
        "en": "nothing speaks for any partner of {who}",
        "es": "nada aboga por un socio de {who}",
        "pt": "nada fala a favor de um parceiro de {who}",
    },
    "few_partners": {
        "fr": "moins de deux partenaires à l'étranger dans cette région",
        "en": "fewer than two partners abroad in that region",
        "es": "menos de dos socios en el extranjero en esa región",
        "pt": "menos de dois parceiros no exterior nessa região",
    },
}

FAMILIES: dict[str, dict[str, dict[str, str]]] = {
    "empty": EMPTY_SENTENCES,
    "group": GROUP_SENTENCES,
    "invite": INVITE_SENTENCES,
    "embassy": EMBASSY_SENTENCES,
    "cluster": CLUSTER_SENTENCES,
    "viz": VIZ_SENTENCES,
}

# The partner matcher's reasons (graphkit.match.partners), one per term of its score.
# Country names stand after a colon or in brackets, so no article is needed.
PARTNER_SENTENCES = {
    "partner_distance": {
        "fr": "à {km} km l'une de l'autre",
        "en": "{km} km apart",
        "es": "a {km} km una de otra",
        "pt": "a {km} km uma da outra",
    },
    "partner_size": {
        "fr": "tailles proches ({a} et {b} habitants)",
        "en": "similar sizes ({a} and {b} inhabitants)",
        "es": "tamaños parecidos ({a} y {b} habitantes)",
        "pt": "tamanhos próximos ({a} e {b} habitantes)",
    },
    "partner_own_country": {
        "fr": "a déjà des partenaires dans ce pays ({place} : {names})",
        "en": "already has partners in this country ({place}: {names})",
        "es": "ya tiene socios en este país ({place}: {names})",
        "pt": "já tem parceiros neste país ({place}: {names})",
    },
    "partner_area_country": {
        "fr": "les collectivités voisines ont des partenaires dans ce pays ({place})",
        "en": "neighbouring authorities have partners in this country ({place})",
        "es": "las autoridades vecinas tienen socios en este país ({place})",
        "pt": "as autoridades vizinhas têm parceiros neste país ({place})",
    },
    "partner_area_partner": {
        "fr": "déjà partenaire de collectivités voisines : {names}",
        "en": "already a partner of neighbouring authorities: {names}",
        "es": "ya es socio de autoridades vecinas: {names}",
        "pt": "já é parceiro de autoridades vizinhas: {names}",
    },
    "partner_near_partner": {
        "fr": "à {km} km d'un partenaire actuel : {name}",
        "en": "{km} km from a current partner: {name}",
        "es": "a {km} km de un socio actual: {name}",
        "pt": "a {km} km de um parceiro atual: {name}",
    },
    "partner_their_country": {
        "fr": "a déjà des partenaires dans votre pays ({place} : {names})",
        "en": "already has partners in your country ({place}: {names})",
        "es": "ya tiene socios en su país ({place}: {names})",
        "pt": "já tem parceiros no seu país ({place}: {names})",
    },
    "partner_country_pair": {
        "fr": "{share} % des partenariats connus de votre pays vont vers ce pays ({place})",
        "en": "{share}% of your country's known partnerships go to this country ({place})",
        "es": "el {share} % de las asociaciones conocidas de su país van a este país ({place})",
        "pt": "{share}% das parcerias conhecidas do seu país vão para este país ({place})",
    },
    "partner_near_their_partner": {
        "fr": "déjà partenaire d'une collectivité à {km} km de vous : {name}",
        "en": "already a partner of an authority {km} km from you: {name}",
        "es": "ya es socio de una autoridad a {km} km de usted: {name}",
        "pt": "já é parceiro de uma autoridade a {km} km de si: {name}",
    },
    "partner_near_area_partner": {
        "fr": "à {km} km de {name}, partenaire de {neighbour}, collectivité voisine",
        "en": "{km} km from {name}, partner of {neighbour}, a neighbouring authority",
        "es": "a {km} km de {name}, socio de {neighbour}, autoridad vecina",
        "pt": "a {km} km de {name}, parceiro de {neighbour}, autoridade vizinha",
    },
    "partner_network": {
        "fr": "proche dans le réseau des partenariats (par {path})",
        "en": "close in the network of partnerships (through {path})",
        "es": "cercano en la red de asociaciones (a través de {path})",
        "pt": "próximo na rede de parcerias (através de {path})",
    },
    "partner_common": {
        "fr": "partenaires communs : {names}",
        "en": "partners in common: {names}",
        "es": "socios en común: {names}",
        "pt": "parceiros em comum: {names}",
    },
    "partner_of_peers": {
        "fr": "partenaire de vos pairs (qui partagent un partenaire avec vous) : {names}",
        "en": "a partner of your peers (who share a partner with you): {names}",
        "es": "socio de sus pares (que comparten un socio con usted): {names}",
        "pt": "parceiro dos seus pares (que partilham um parceiro consigo): {names}",
    },
    "partner_links": {
        "fr": "déjà {n} partenariat(s)",
        "en": "already {n} partnership(s)",
        "es": "ya {n} asociación(es)",
        "pt": "já {n} parceria(s)",
    },
    # South-South pairs (graphkit.match.south_south): the same terms, naming each side.
    "pair_distance": {
        "fr": "{a} est {place_a:loc}, {b} {place_b:loc}, à {km} km l'une de l'autre",
        "en": "{a} is {place_a:loc}, {b} {place_b:loc}, {km} km apart",
        "es": "{a} está {place_a:loc}, {b} {place_b:loc}, a {km} km una de otra",
        "pt": "{a} fica {place_a:loc}, {b} {place_b:loc}, a {km} km uma da outra",
    },
    "pair_has_partners_in": {
        "fr": "{who} a déjà des partenaires {place:loc} : {names}",
        "en": "{who} already has partners {place:loc}: {names}",
        "es": "{who} ya tiene socios {place:loc}: {names}",
        "pt": "{who} já tem parceiros {place:loc}: {names}",
    },
    "pair_country_pair": {
        "fr": "{share} % des partenariats connus {place_a:de} vont {place_b:loc}",
        "en": "{share}% of the known partnerships of {place_a} go to {place_b}",
        "es": "el {share} % de las asociaciones conocidas {place_a:de} van {place_b:a}",
        "pt": "{share}% das parcerias conhecidas {place_a:de} vão para {place_b}",
    },
    "pair_area_country": {
        "fr": "les collectivités voisines {a:de} ont des partenaires {place:loc}",
        "en": "authorities near {a} have partners {place:loc}",
        "es": "las autoridades vecinas {a:de} tienen socios {place:loc}",
        "pt": "as autoridades vizinhas {a:de} têm parceiros {place:loc}",
    },
    "pair_area_partner": {
        "fr": "{b} est déjà partenaire de collectivités voisines {a:de} : {names}",
        "en": "{b} is already a partner of authorities near {a}: {names}",
        "es": "{b} ya es socio de autoridades vecinas {a:de}: {names}",
        "pt": "{b} já é parceiro de autoridades vizinhas {a:de}: {names}",
    },
    "pair_of_peers": {
        "fr": "{b} est partenaire de pairs {a:de} (qui partagent un partenaire avec elle) : {names}",
        "en": "{b} is a partner of peers of {a} (who share a partner with it): {names}",
        "es": "{b} es socio de pares {a:de} (que comparten un socio con ella): {names}",
        "pt": "{b} é parceiro de pares {a:de} (que partilham um parceiro com ela): {names}",
    },
    "pair_links": {
        "fr": "{who} a déjà {n} partenariat(s)",
        "en": "{who} already has {n} partnership(s)",
        "es": "{who} ya tiene {n} asociación(es)",
        "pt": "{who} já tem {n} parceria(s)",
    },
    "partner_shared": {
        "fr": "centres d'intérêt communs",
        "en": "shared interests",
        "es": "intereses comunes",
        "pt": "interesses comuns",
    },
}
SENTENCES.update(PARTNER_SENTENCES)
