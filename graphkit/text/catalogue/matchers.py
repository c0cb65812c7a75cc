"""What the matchers say besides their reasons: the health of country groups
(``group.…``), why a guest is invited (``invite.…``), embassies (``embassy.…``), clusters
(``cluster.…``), why an answer is empty (``empty.…``, said on standard error), and the
words of a status (``status.…``).
"""

GROUP: dict[str, dict[str, str]] = {
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


INVITE: dict[str, dict[str, str]] = {
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


EMBASSY: dict[str, dict[str, str]] = {
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


CLUSTER: dict[str, dict[str, str]] = {
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


EMPTY: dict[str, dict[str, str]] = {
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


# A status value of the data or of a group's health, in words.
STATUS: dict[str, dict[str, str]] = {
    "active": {"fr": "actif", "en": "active", "es": "activo", "pt": "ativo"},
    "stand-by": {"fr": "en stand-by", "en": "on stand-by", "es": "en pausa", "pt": "em pausa"},
    "ended": {"fr": "terminé", "en": "ended", "es": "terminado", "pt": "encerrado"},
    "planned": {"fr": "prévu", "en": "planned", "es": "previsto", "pt": "previsto"},
    "at-risk": {"fr": "fragile", "en": "at risk", "es": "en riesgo", "pt": "em risco"},
    "dormant": {"fr": "en sommeil", "en": "dormant", "es": "inactivo", "pt": "inativo"},
    "proposed": {"fr": "proposé", "en": "proposed", "es": "propuesto", "pt": "proposto"},
}
