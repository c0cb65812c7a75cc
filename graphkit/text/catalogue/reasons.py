"""The matchers' reasons, one sentence per term of a score, keyed by name alone
(``say("shared_theme", lang, theme=…)``).

Placeholders are names as :class:`graphkit.text.grammar.Noun`: ``{x}`` with its article,
``{x:loc}`` after "in", ``{x:bare}`` without article, ``{x:à}`` contracted with a
preposition ("aux rencontres…"). ``{who}``, ``{a}``, ``{b}`` are actors' own names.
"""

REASONS: dict[str, dict[str, str]] = {
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
    # The partner matcher's reasons (graphkit.match.partners), one per term of its score.
    # Country names stand after a colon or in brackets, so no article is needed.
    "partner_distance": {
        "fr": "à {km} km l'une de l'autre",
        "en": "{km} km apart",
        "es": "a {km} km una de otra",
        "pt": "a {km} km uma da outra",
    },
    # Beyond FAR_KM (partners.py) closeness adds little: still a distance common between
    # partners, which the furthest pairs are not.
    "partner_distance_far": {
        "fr": "à {km} km l'une de l'autre, une distance encore courante entre partenaires",
        "en": "{km} km apart, a distance still common between partners",
        "es": "a {km} km una de otra, una distancia aún corriente entre socios",
        "pt": "a {km} km uma da outra, uma distância ainda comum entre parceiros",
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
    "partner_area_partner_one": {
        "fr": "déjà partenaire d'une collectivité voisine : {names}",
        "en": "already a partner of a neighbouring authority: {names}",
        "es": "ya es socio de una autoridad vecina: {names}",
        "pt": "já é parceiro de uma autoridade vizinha: {names}",
    },
    "partner_near_partner": {
        "fr": "à {km} km d'un partenaire actuel : {name}",
        "en": "{km} km from a current partner: {name}",
        "es": "a {km} km de un socio actual: {name}",
        "pt": "a {km} km de um parceiro atual: {name}",
    },
    "partner_near_partner_far": {
        "fr": "à {km} km d'un partenaire actuel, {name} : une distance encore courante entre "
        "les partenaires d'une même collectivité",
        "en": "{km} km from a current partner, {name}: a distance still common between the "
        "partners of one authority",
        "es": "a {km} km de un socio actual, {name}: una distancia aún corriente entre los "
        "socios de una misma autoridad",
        "pt": "a {km} km de um parceiro atual, {name}: uma distância ainda comum entre os "
        "parceiros de uma mesma autoridade",
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
    "partner_network_area": {
        "fr": "relié par une chaîne de partenariats et de collectivités voisines (par {path})",
        "en": "joined by a chain of partnerships and neighbouring authorities (through {path})",
        "es": "unido por una cadena de asociaciones y autoridades vecinas (a través de {path})",
        "pt": "ligado por uma cadeia de parcerias e autoridades vizinhas (através de {path})",
    },
    "partner_network_area_next": {
        "fr": "parmi les collectivités les plus proches de la vôtre, de l'autre côté de la frontière",
        "en": "among the authorities nearest to yours, across the border",
        "es": "entre las autoridades más cercanas a la suya, al otro lado de la frontera",
        "pt": "entre as autoridades mais próximas da sua, do outro lado da fronteira",
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
        "fr": "déjà {count}",
        "en": "already {count}",
        "es": "ya {count}",
        "pt": "já {count}",
    },
    # A number of partnerships, singular or plural (grammar.counted).
    "count.partnerships.one": {
        "fr": "un partenariat",
        "en": "one partnership",
        "es": "una asociación",
        "pt": "uma parceria",
    },
    "count.partnerships.many": {
        "fr": "{n} partenariats",
        "en": "{n} partnerships",
        "es": "{n} asociaciones",
        "pt": "{n} parcerias",
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
        "fr": "{who} a déjà {count}",
        "en": "{who} already has {count}",
        "es": "{who} ya tiene {count}",
        "pt": "{who} já tem {count}",
    },
    "partner_shared": {
        "fr": "centres d'intérêt communs",
        "en": "shared interests",
        "es": "intereses comunes",
        "pt": "interesses comuns",
    },
}
