"""The reports' own words (headings, column names, sentences) in fr, en, es and pt.

Long because it is a table: the reports' words in four languages, one concern.

Labels of things (actors, themes, places, kinds of partnership) come from the graph in the
report's language; these are only the words around them.

>>> t("who_did_what", "en")
'Who has done what, with whom and since when'
>>> month_name("2021-01", "fr")
'janvier 2021'
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # shared
    "sources": {"fr": "Sources", "en": "Sources", "es": "Fuentes", "pt": "Fontes"},
    "made_from": {
        "fr": "Établi à partir du graphe de connaissances ; chaque ligne renvoie à sa source.",
        "en": "Made from the knowledge graph; every row points to its source.",
        "es": "Elaborado a partir del grafo de conocimiento; cada fila remite a su fuente.",
        "pt": "Elaborado a partir do grafo de conhecimento; cada linha remete à sua fonte.",
    },
    "reading": {"fr": "lecture", "en": "reading", "es": "lectura", "pt": "leitura"},
    "reading_note": {
        "fr": "« lecture » : ligne qui interprète des mots vagues de la source (voir sa note).",
        "en": "“reading”: a row that interprets vague words of the source (see its note).",
        "es": "«lectura»: fila que interpreta palabras vagas de la fuente (ver su nota).",
        "pt": "“leitura”: linha que interpreta palavras vagas da fonte (ver sua nota).",
    },
    "actor": {"fr": "Acteur", "en": "Actor", "es": "Actor", "pt": "Ator"},
    "what": {"fr": "Ce qui est fait", "en": "What", "es": "Qué", "pt": "O quê"},
    "with": {"fr": "Avec qui", "en": "With whom", "es": "Con quién", "pt": "Com quem"},
    "where": {"fr": "Où", "en": "Where", "es": "Dónde", "pt": "Onde"},
    "since": {"fr": "Depuis", "en": "Since", "es": "Desde", "pt": "Desde"},
    "status": {"fr": "Statut", "en": "Status", "es": "Estado", "pt": "Status"},
    "source": {"fr": "Source", "en": "Source", "es": "Fuente", "pt": "Fonte"},
    "country": {"fr": "Pays", "en": "Country", "es": "País", "pt": "País"},
    "why": {"fr": "Pourquoi", "en": "Why", "es": "Por qué", "pt": "Por quê"},
    "score": {"fr": "Score", "en": "Score", "es": "Puntuación", "pt": "Pontuação"},
    "covers": {"fr": "Pour", "en": "For", "es": "Para", "pt": "Para"},
    "networks": {"fr": "Réseaux", "en": "Networks", "es": "Redes", "pt": "Redes"},
    "embassies": {"fr": "Ambassades", "en": "Embassies", "es": "Embajadas", "pt": "Embaixadas"},
    "interest": {"fr": "Intérêt", "en": "Interest", "es": "Interés", "pt": "Interesse"},
    "expertise": {"fr": "Expertise", "en": "Expertise", "es": "Experiencia", "pt": "Experiência"},
    "none_known": {
        "fr": "Aucun dans le graphe.",
        "en": "None in the graph.",
        "es": "Ninguno en el grafo.",
        "pt": "Nenhum no grafo.",
    },
    "no_seat": {
        "fr": "pays du siège non renseigné dans le graphe",
        "en": "seat country not recorded in the graph",
        "es": "país de la sede no registrado en el grafo",
        "pt": "país da sede não registrado no grafo",
    },
    "member_of": {
        "fr": "{who} en est membre ou y participe",
        "en": "{who} is a member or takes part",
        "es": "{who} es miembro o participa",
        "pt": "{who} é membro ou participa",
    },
    "seated_in": {
        "fr": "siège : {place}",
        "en": "seat: {place}",
        "es": "sede: {place}",
        "pt": "sede: {place}",
    },
    "represents": {
        "fr": "représente {place} en France",
        "en": "represents {place} in France",
        "es": "representa a {place} en Francia",
        "pt": "representa {place} na França",
    },
    "covers_places": {
        "fr": "appui régional : {places}",
        "en": "regional support: {places}",
        "es": "apoyo regional: {places}",
        "pt": "apoio regional: {places}",
    },
    "run_by": {
        "fr": "opéré par {who}",
        "en": "run by {who}",
        "es": "operado por {who}",
        "pt": "operado por {who}",
    },
    # répertoire
    "repertoire": {
        "fr": "Répertoire d'acteurs",
        "en": "Directory of actors",
        "es": "Directorio de actores",
        "pt": "Diretório de atores",
    },
    "repertoire_intro": {
        "fr": "Qui fait quoi, où et avec qui : {french} collectivités françaises, {partners} partenaires à l'étranger, {networks} réseaux et {embassies} ambassades.",
        "en": "Who does what, where and with whom: {french} French authorities, {partners} partners abroad, {networks} networks and {embassies} embassies.",
        "es": "Quién hace qué, dónde y con quién: {french} colectividades francesas, {partners} socios en el extranjero, {networks} redes y {embassies} embajadas.",
        "pt": "Quem faz o quê, onde e com quem: {french} coletividades francesas, {partners} parceiros no exterior, {networks} redes e {embassies} embaixadas.",
    },
    "by_theme": {"fr": "Par thème", "en": "By theme", "es": "Por tema", "pt": "Por tema"},
    "by_country": {"fr": "Par pays", "en": "By country", "es": "Por país", "pt": "Por país"},
    "by_region": {
        "fr": "Par région",
        "en": "By region",
        "es": "Por región",
        "pt": "Por região",
    },
    # fascicules
    "fascicule_theme": {
        "fr": "Fascicule thématique : {name}",
        "en": "Thematic booklet: {name}",
        "es": "Fascículo temático: {name}",
        "pt": "Fascículo temático: {name}",
    },
    "fascicule_country": {
        "fr": "Fascicule pays : {name}",
        "en": "Country booklet: {name}",
        "es": "Fascículo país: {name}",
        "pt": "Fascículo país: {name}",
    },
    "fascicule_region": {
        "fr": "Fascicule région : {name}",
        "en": "Regional booklet: {name}",
        "es": "Fascículo regional: {name}",
        "pt": "Fascículo regional: {name}",
    },
    "fascicule_intro": {
        "fr": "Ce qui a marché, avec qui, et les partenaires à ne pas manquer : {facts} fait(s) du graphe, {actors} acteur(s).",
        "en": "What has worked, with whom, and the partners not to miss: {facts} fact(s) of the graph, {actors} actor(s).",
        "es": "Lo que ha funcionado, con quién, y los socios que no hay que perder: {facts} hecho(s) del grafo, {actors} actor(es).",
        "pt": "O que funcionou, com quem, e os parceiros a não perder: {facts} fato(s) do grafo, {actors} ator(es).",
    },
    "at_a_glance": {"fr": "En bref", "en": "At a glance", "es": "En resumen", "pt": "Em resumo"},
    "who_did_what": {
        "fr": "Qui a fait quoi, avec qui et depuis quand",
        "en": "Who has done what, with whom and since when",
        "es": "Quién ha hecho qué, con quién y desde cuándo",
        "pt": "Quem fez o quê, com quem e desde quando",
    },
    "events": {"fr": "Événements", "en": "Events", "es": "Eventos", "pt": "Eventos"},
    "not_to_miss": {
        "fr": "Réseaux et ambassades à ne pas manquer",
        "en": "Networks and embassies not to miss",
        "es": "Redes y embajadas que no hay que perder",
        "pt": "Redes e embaixadas a não perder",
    },
    "programmes": {
        "fr": "Programmes d'appui et de financement connus",
        "en": "Known support and funding programmes",
        "es": "Programas de apoyo y financiación conocidos",
        "pt": "Programas de apoio e financiamento conhecidos",
    },
    "programmes_only": {
        "fr": "Seuls les programmes présents dans le graphe sont cités ; aucun autre n'y est documenté.",
        "en": "Only the programmes recorded in the graph are listed; no other is documented there.",
        "es": "Solo se citan los programas registrados en el grafo; ningún otro está documentado allí.",
        "pt": "Só são citados os programas registrados no grafo; nenhum outro está documentado nele.",
    },
    "interested": {
        "fr": "Intéressées mais pas encore actives",
        "en": "Interested but not yet active",
        "es": "Interesadas pero aún no activas",
        "pt": "Interessadas mas ainda não ativas",
    },
    "interested_in": {
        "fr": "Intérêt déclaré",
        "en": "Stated interest",
        "es": "Interés declarado",
        "pt": "Interesse declarado",
    },
    "suggested_experts": {
        "fr": "Experts suggérés",
        "en": "Suggested experts",
        "es": "Expertos sugeridos",
        "pt": "Especialistas sugeridos",
    },
    "active_here": {
        "fr": "déjà actif ici",
        "en": "already active here",
        "es": "ya activo aquí",
        "pt": "já ativo aqui",
    },
    "nobody_interested": {
        "fr": "Le graphe ne connaît aucune collectivité intéressée qui ne soit pas déjà active.",
        "en": "The graph knows no interested authority that is not already active.",
        "es": "El grafo no conoce ninguna colectividad interesada que no esté ya activa.",
        "pt": "O grafo não conhece nenhuma coletividade interessada que não esteja já ativa.",
    },
    "graph_caption": {
        "fr": "Le sujet et ses acteurs (projection simple du graphe ; pointillés : en stand-by ou terminé).",
        "en": "The subject and its actors (simple projection of the graph; dashed: on stand-by or ended).",
        "es": "El tema y sus actores (proyección simple del grafo; punteado: en pausa o terminado).",
        "pt": "O tema e seus atores (projeção simples do grafo; tracejado: em pausa ou encerrado).",
    },
    "chart_caption": {
        "fr": "Acteurs par type d'engagement",
        "en": "Actors by kind of involvement",
        "es": "Actores por tipo de compromiso",
        "pt": "Atores por tipo de envolvimento",
    },
    "count": {"fr": "Nombre", "en": "Count", "es": "Número", "pt": "Número"},
    "involvement": {
        "fr": "Engagement",
        "en": "Involvement",
        "es": "Compromiso",
        "pt": "Envolvimento",
    },
    "cat_active": {
        "fr": "Partenariats actifs",
        "en": "Active partnerships",
        "es": "Asociaciones activas",
        "pt": "Parcerias ativas",
    },
    "cat_standby": {
        "fr": "Partenariats en stand-by",
        "en": "Partnerships on stand-by",
        "es": "Asociaciones en pausa",
        "pt": "Parcerias em pausa",
    },
    "cat_ended": {
        "fr": "Partenariats terminés",
        "en": "Ended partnerships",
        "es": "Asociaciones terminadas",
        "pt": "Parcerias encerradas",
    },
    "cat_expertise": {
        "fr": "Expertises déclarées",
        "en": "Stated expertise",
        "es": "Experiencias declaradas",
        "pt": "Experiências declaradas",
    },
    "cat_interest": {
        "fr": "Intérêts déclarés",
        "en": "Stated interests",
        "es": "Intereses declarados",
        "pt": "Interesses declarados",
    },
    "cat_membership": {
        "fr": "Adhésions et participations",
        "en": "Memberships and participations",
        "es": "Membresías y participaciones",
        "pt": "Adesões e participações",
    },
    # meeting brief
    "meeting": {
        "fr": "Note de réunion",
        "en": "Meeting brief",
        "es": "Nota de reunión",
        "pt": "Nota de reunião",
    },
    "subject_theme": {
        "fr": "thème : {x}",
        "en": "theme: {x}",
        "es": "tema: {x}",
        "pt": "tema: {x}",
    },
    "subject_country": {
        "fr": "pays ou région : {x}",
        "en": "country or region: {x}",
        "es": "país o región: {x}",
        "pt": "país ou região: {x}",
    },
    "subject_all": {
        "fr": "tous sujets",
        "en": "all subjects",
        "es": "todos los temas",
        "pt": "todos os temas",
    },
    "participants": {
        "fr": "Participants",
        "en": "Participants",
        "es": "Participantes",
        "pt": "Participantes",
    },
    "participants_guessed": {
        "fr": "Aucun participant donné : voici les acteurs que le graphe rattache au sujet.",
        "en": "No participants given: these are the actors the graph ties to the subject.",
        "es": "Ningún participante indicado: estos son los actores que el grafo vincula al tema.",
        "pt": "Nenhum participante indicado: estes são os atores que o grafo liga ao tema.",
    },
    "who_meets": {
        "fr": "Qui devrait rencontrer qui",
        "en": "Who should meet whom",
        "es": "Quién debería conocer a quién",
        "pt": "Quem deveria conhecer quem",
    },
    "among": {
        "fr": "Entre participants",
        "en": "Among the participants",
        "es": "Entre los participantes",
        "pt": "Entre os participantes",
    },
    "beyond": {
        "fr": "Au-delà des participants",
        "en": "Beyond the participants",
        "es": "Más allá de los participantes",
        "pt": "Além dos participantes",
    },
    "kind": {"fr": "Type", "en": "Kind", "es": "Tipo", "pt": "Tipo"},
    "on_subject": {
        "fr": "Sur le sujet",
        "en": "On the subject",
        "es": "Sobre el tema",
        "pt": "Sobre o tema",
    },
    "beyond_order": {
        "fr": "D'abord les rencontres avec un acteur du sujet, puis les autres ; chacune par score.",
        "en": "Introductions to an actor of the subject first, then the others; each by score.",
        "es": "Primero los encuentros con un actor del tema, luego los demás; cada uno por puntuación.",
        "pt": "Primeiro os encontros com um ator do tema, depois os outros; cada um por pontuação.",
    },
    "who": {"fr": "Qui", "en": "Who", "es": "Quién", "pt": "Quem"},
    "nobody_to_meet": {
        "fr": "Le graphe ne propose aucune rencontre ici.",
        "en": "The graph suggests no introduction here.",
        "es": "El grafo no propone ningún encuentro aquí.",
        "pt": "O grafo não propõe nenhum encontro aqui.",
    },
    "networks_to_invite": {
        "fr": "Réseaux à inviter",
        "en": "Networks to invite",
        "es": "Redes a invitar",
        "pt": "Redes a convidar",
    },
    "two_networks": {
        "fr": "Deux réseaux de deux pays différents, comme le propose le compte-rendu :",
        "en": "Two networks from two different countries, as the minutes propose:",
        "es": "Dos redes de dos países diferentes, como propone el acta:",
        "pt": "Duas redes de dois países diferentes, como propõe a ata:",
    },
    "other_guests": {
        "fr": "Autres invités possibles",
        "en": "Other possible guests",
        "es": "Otros invitados posibles",
        "pt": "Outros convidados possíveis",
    },
    "fallback_reason": {
        "fr": "rien sur le sujet lui-même ; retenu pour : {where}",
        "en": "nothing on the subject itself; chosen for: {where}",
        "es": "nada sobre el tema mismo; elegido por: {where}",
        "pt": "nada sobre o tema em si; escolhido por: {where}",
    },
    "general_activity": {
        "fr": "son activité dans le graphe",
        "en": "its activity in the graph",
        "es": "su actividad en el grafo",
        "pt": "sua atividade no grafo",
    },
    "open_questions": {
        "fr": "Questions ouvertes (d'après les sources)",
        "en": "Open questions (from the sources)",
        "es": "Preguntas abiertas (según las fuentes)",
        "pt": "Perguntas em aberto (segundo as fontes)",
    },
    "no_questions": {
        "fr": "Les sources ne posent aucune question sur ce sujet.",
        "en": "The sources ask no question on this subject.",
        "es": "Las fuentes no plantean ninguna pregunta sobre este tema.",
        "pt": "As fontes não fazem nenhuma pergunta sobre este tema.",
    },
    "about": {"fr": "à propos de", "en": "about", "es": "sobre", "pt": "sobre"},
    "asked_at": {
        "fr": "posée à : {meeting}",
        "en": "asked at: {meeting}",
        "es": "planteada en: {meeting}",
        "pt": "feita em: {meeting}",
    },
    "proposals": {
        "fr": "Propositions, décisions et livrables des réunions sur ce sujet",
        "en": "Proposals, decisions and deliverables of meetings on this subject",
        "es": "Propuestas, decisiones y entregables de las reuniones sobre este tema",
        "pt": "Propostas, decisões e entregáveis das reuniões sobre este tema",
    },
    "no_proposals": {
        "fr": "Aucune réunion du graphe n'a fait de proposition sur ce sujet.",
        "en": "No meeting in the graph made a proposal on this subject.",
        "es": "Ninguna reunión del grafo hizo propuestas sobre este tema.",
        "pt": "Nenhuma reunião do grafo fez propostas sobre este tema.",
    },
    "quotes_in_french": {
        "fr": "Citations telles que le compte-rendu les écrit.",
        "en": "Quotes as the minutes write them (in French).",
        "es": "Citas tal como las escribe el acta (en francés).",
        "pt": "Citações tal como a ata as escreve (em francês).",
    },
    "outcome_proposal": {
        "fr": "Proposition",
        "en": "Proposal",
        "es": "Propuesta",
        "pt": "Proposta",
    },
    "outcome_decision": {"fr": "Décision", "en": "Decision", "es": "Decisión", "pt": "Decisão"},
    "outcome_deliverable": {
        "fr": "Livrable attendu",
        "en": "Expected deliverable",
        "es": "Entregable previsto",
        "pt": "Entregável previsto",
    },
    "outcome_observation": {
        "fr": "Constat",
        "en": "Observation",
        "es": "Constatación",
        "pt": "Constatação",
    },
    "due": {
        "fr": "échéance {date}",
        "en": "due {date}",
        "es": "plazo {date}",
        "pt": "prazo {date}",
    },
    "position_supports": {
        "fr": "soutien : {who}",
        "en": "supported by: {who}",
        "es": "apoyo: {who}",
        "pt": "apoio: {who}",
    },
    "position_opposes": {
        "fr": "opposition : {who}",
        "en": "opposed by: {who}",
        "es": "oposición: {who}",
        "pt": "oposição: {who}",
    },
    "position_conditional": {
        "fr": "sous condition : {who}",
        "en": "under a condition: {who}",
        "es": "con condiciones: {who}",
        "pt": "com condições: {who}",
    },
    # roadmap
    "roadmap": {
        "fr": "Feuille de route (projet)",
        "en": "Roadmap (draft)",
        "es": "Hoja de ruta (borrador)",
        "pt": "Roteiro (rascunho)",
    },
    "roadmap_intro": {
        "fr": "Une réunion par mois avec des partenaires latino-américains, de {first} à {last} : chacune sur un thème ou une région choisis selon le nombre de collectivités intéressées, avec deux réseaux de deux pays différents à inviter, les collectivités à réunir et le fascicule à préparer.",
        "en": "One meeting a month with Latin American partners, from {first} to {last}: each on a theme or a region chosen for the number of interested authorities, with two networks from two different countries to invite, the authorities to bring together and the booklet to prepare.",
        "es": "Una reunión al mes con socios latinoamericanos, de {first} a {last}: cada una sobre un tema o una región elegidos según el número de colectividades interesadas, con dos redes de dos países diferentes a invitar, las colectividades a reunir y el fascículo a preparar.",
        "pt": "Uma reunião por mês com parceiros latino-americanos, de {first} a {last}: cada uma sobre um tema ou uma região escolhidos pelo número de coletividades interessadas, com duas redes de dois países diferentes a convidar, as coletividades a reunir e o fascículo a preparar.",
    },
    "rotation_rule": {
        "fr": "Règle de rotation",
        "en": "Rotation rule",
        "es": "Regla de rotación",
        "pt": "Regra de rotação",
    },
    "rotation_text": {
        "fr": "Aucun thème ni réseau ne revient avant que tous les autres aient eu leur tour. Les sujets (thèmes et régions) sont classés par nombre de collectivités intéressées et pris un par mois dans cet ordre ; la liste ne reprend au début qu'une fois tous les sujets traités. Les réseaux sont invités par tours : dans un tour, chacun est invité une fois, le plus pertinent pour le sujet du mois d'abord, un réseau invité le mois précédent n'étant repris qu'à défaut ; un nouveau tour ne commence que lorsque tous l'ont été. Deux réseaux invités le même mois n'ont jamais le même pays de siège connu.",
        "en": "No theme or network comes back before all the others have had their turn. Subjects (themes and regions) are ranked by the number of interested authorities and taken one a month in that order; the list starts again only once every subject has had its meeting. Networks are invited in rounds: within a round each is invited once, the most relevant to the month's subject first, one invited the month before only failing any other; a new round starts only when all have been invited. Two networks invited in the same month never share a known seat country.",
        "es": "Ningún tema ni red vuelve antes de que todos los demás hayan tenido su turno. Los temas y regiones se ordenan por número de colectividades interesadas y se toman uno por mes en ese orden; la lista vuelve a empezar solo cuando todos han tenido su reunión. Las redes se invitan por rondas: en cada ronda cada una es invitada una vez, la más pertinente para el tema del mes primero, y una red invitada el mes anterior solo a falta de otra; una nueva ronda empieza solo cuando todas lo han sido. Dos redes invitadas el mismo mes nunca comparten un país de sede conocido.",
        "pt": "Nenhum tema ou rede volta antes que todos os outros tenham tido sua vez. Os temas e regiões são ordenados pelo número de coletividades interessadas e tomados um por mês nessa ordem; a lista só recomeça quando todos tiveram sua reunião. As redes são convidadas por rodadas: em cada rodada cada uma é convidada uma vez, a mais pertinente para o tema do mês primeiro, e uma rede convidada no mês anterior só na falta de outra; uma nova rodada só começa quando todas foram convidadas. Duas redes convidadas no mesmo mês nunca têm o mesmo país de sede conhecido.",
    },
    "interested_rule": {
        "fr": "Une collectivité compte pour un sujet si elle a déclaré un intérêt pour ce thème (ou un thème plus précis), ou pour cette région (un pays de la région, ou une région plus large qui la contient), ou si elle siège dans la région et veut coopérer. Les collectivités à réunir sont ces intéressées et celles qui travaillent déjà sur le sujet.",
        "en": "An authority counts for a subject if it stated an interest in that theme (or a narrower one), or in that region (a country in it, or a wider region that holds it), or if it sits in the region and wants to cooperate. The authorities to bring together are these and those already working on the subject.",
        "es": "Una colectividad cuenta para un tema si declaró un interés por ese tema (o uno más preciso), o por esa región (un país de la región, o una región más amplia que la contiene), o si tiene su sede en la región y quiere cooperar. Las colectividades a reunir son estas y las que ya trabajan en el tema.",
        "pt": "Uma coletividade conta para um tema se declarou interesse por esse tema (ou um mais preciso), ou por essa região (um país da região, ou uma região mais ampla que a contém), ou se tem sede na região e quer cooperar. As coletividades a reunir são estas e as que já trabalham no tema.",
    },
    "meetings": {"fr": "Réunions", "en": "Meetings", "es": "Reuniones", "pt": "Reuniões"},
    "no_seat_short": {
        "fr": "pays non renseigné",
        "en": "country not recorded",
        "es": "país no registrado",
        "pt": "país não registrado",
    },
    "month": {"fr": "Mois", "en": "Month", "es": "Mes", "pt": "Mês"},
    "subject": {"fr": "Sujet", "en": "Subject", "es": "Tema", "pt": "Tema"},
    "n_interested": {
        "fr": "Collectivités intéressées",
        "en": "Interested authorities",
        "es": "Colectividades interesadas",
        "pt": "Coletividades interessadas",
    },
    "bring_together": {
        "fr": "Collectivités à réunir",
        "en": "Authorities to bring together",
        "es": "Colectividades a reunir",
        "pt": "Coletividades a reunir",
    },
    "fascicule_to_prepare": {
        "fr": "Fascicule à préparer",
        "en": "Booklet to prepare",
        "es": "Fascículo a preparar",
        "pt": "Fascículo a preparar",
    },
    "theme_word": {"fr": "thème", "en": "theme", "es": "tema", "pt": "tema"},
    "region_word": {"fr": "région", "en": "region", "es": "región", "pt": "região"},
    "no_subject": {
        "fr": "Aucune collectivité n'a déclaré d'intérêt : pas de sujet à proposer.",
        "en": "No authority stated an interest: no subject to propose.",
        "es": "Ninguna colectividad declaró interés: no hay tema que proponer.",
        "pt": "Nenhuma coletividade declarou interesse: nenhum tema a propor.",
    },
    "one_network_only": {
        "fr": "un seul réseau possible ce mois-ci dans le tour en cours",
        "en": "only one network possible this month in the current round",
        "es": "solo una red posible este mes en la ronda actual",
        "pt": "só uma rede possível este mês na rodada atual",
    },
}

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
}


def t(key: str, lang: str = "fr", **values) -> str:
    """The report text ``key`` in ``lang`` (French when that language is missing)."""
    texts = TEXTS[key]
    return texts.get(lang, texts["fr"]).format(**values)


def month_name(month: str, lang: str = "fr") -> str:
    """'2021-03' in words."""
    year, number = month.split("-")
    name = MONTHS.get(lang, MONTHS["fr"]).split()[int(number) - 1]
    return f"{name} de {year}" if lang in ("es", "pt") else f"{name} {year}"
