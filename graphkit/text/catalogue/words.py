"""Words of the graph's own terms and of its description: a reader's word for a standard
vocabulary's property or class (``term.…``: graphkit's own come from the ontology's labels),
the column heads of ``graphkit show`` (``show.…``), the phrases of running text that
:mod:`graphkit.text.grammar` builds (``noun.…``: a network, the end of a list) and the exported dataset's title
(``dataset.title``, in French and English only: the description carries those two).
"""

TERM: dict[str, dict[str, str]] = {
    "rdfs:label": {"fr": "nom", "en": "name", "es": "nombre", "pt": "nome"},
    "skos:prefLabel": {"fr": "nom", "en": "name", "es": "nombre", "pt": "nome"},
    "foaf:name": {"fr": "nom", "en": "name", "es": "nombre", "pt": "nome"},
    "skos:altLabel": {
        "fr": "autre nom",
        "en": "other name",
        "es": "otro nombre",
        "pt": "outro nome",
    },
    "owl:sameAs": {
        "fr": "même entité que",
        "en": "same as",
        "es": "misma entidad que",
        "pt": "mesma entidade que",
    },
    "geo:lat": {"fr": "latitude", "en": "latitude", "es": "latitud", "pt": "latitude"},
    "geo:long": {"fr": "longitude", "en": "longitude", "es": "longitud", "pt": "longitude"},
    "geo:asWKT": {"fr": "géométrie", "en": "geometry", "es": "geometría", "pt": "geometria"},
    "geo:hasGeometry": {"fr": "géométrie", "en": "geometry", "es": "geometría", "pt": "geometria"},
    "prov:wasAttributedTo": {"fr": "dit par", "en": "said by", "es": "dicho por", "pt": "dito por"},
    "prov:wasDerivedFrom": {"fr": "source", "en": "source", "es": "fuente", "pt": "fonte"},
    "schema:containedInPlace": {
        "fr": "situé dans",
        "en": "located in",
        "es": "situado en",
        "pt": "situado em",
    },
    "schema:location": {"fr": "lieu", "en": "location", "es": "lugar", "pt": "local"},
    "schema:jobTitle": {"fr": "fonction", "en": "role", "es": "cargo", "pt": "cargo"},
    "skos:editorialNote": {"fr": "note", "en": "note", "es": "nota", "pt": "nota"},
    "skos:note": {"fr": "note", "en": "note", "es": "nota", "pt": "nota"},
    "skos:definition": {
        "fr": "définition",
        "en": "definition",
        "es": "definición",
        "pt": "definição",
    },
    "skos:broader": {
        "fr": "thème plus large",
        "en": "broader theme",
        "es": "tema más amplio",
        "pt": "tema mais amplo",
    },
    "skos:narrower": {
        "fr": "thème plus précis",
        "en": "narrower theme",
        "es": "tema más preciso",
        "pt": "tema mais preciso",
    },
    "skos:exactMatch": {
        "fr": "équivaut à",
        "en": "same as",
        "es": "equivale a",
        "pt": "equivale a",
    },
    "skos:closeMatch": {"fr": "proche de", "en": "close to", "es": "cercano a", "pt": "próximo de"},
    "skos:relatedMatch": {
        "fr": "lié à",
        "en": "related to",
        "es": "relacionado con",
        "pt": "relacionado com",
    },
    "skos:inScheme": {
        "fr": "dans le thésaurus",
        "en": "in the thesaurus",
        "es": "en el tesauro",
        "pt": "no tesauro",
    },
    "skos:notation": {"fr": "code", "en": "code", "es": "código", "pt": "código"},
    "skos:Concept": {"fr": "thème", "en": "theme", "es": "tema", "pt": "tema"},
    "org:member": {"fr": "membre", "en": "member", "es": "miembro", "pt": "membro"},
    "org:memberOf": {"fr": "membre de", "en": "member of", "es": "miembro de", "pt": "membro de"},
    "org:organization": {
        "fr": "organisation",
        "en": "organisation",
        "es": "organización",
        "pt": "organização",
    },
    "org:role": {"fr": "rôle", "en": "role", "es": "papel", "pt": "papel"},
    "org:Membership": {"fr": "adhésion", "en": "membership", "es": "membresía", "pt": "filiação"},
    "foaf:Person": {"fr": "personne", "en": "person", "es": "persona", "pt": "pessoa"},
    "dcterms:title": {"fr": "titre", "en": "title", "es": "título", "pt": "título"},
    "dcterms:source": {"fr": "source", "en": "source", "es": "fuente", "pt": "fonte"},
    "dcterms:date": {"fr": "date", "en": "date", "es": "fecha", "pt": "data"},
    "rdfs:comment": {"fr": "commentaire", "en": "comment", "es": "comentario", "pt": "comentário"},
    "rdfs:seeAlso": {
        "fr": "voir aussi",
        "en": "see also",
        "es": "véase también",
        "pt": "ver também",
    },
}

SHOW: dict[str, dict[str, str]] = {
    "type": {"fr": "type", "en": "type", "es": "tipo", "pt": "tipo"},
    "source": {"fr": "source", "en": "source", "es": "fuente", "pt": "fonte"},
    "relation": {"fr": "relation", "en": "relation", "es": "relación", "pt": "relação"},
    "value": {"fr": "valeur", "en": "value", "es": "valor", "pt": "valor"},
    "status": {"fr": "statut", "en": "status", "es": "estado", "pt": "status"},
    "row": {
        "fr": "ligne source",
        "en": "source row",
        "es": "fila de origen",
        "pt": "linha de origem",
    },
}

DATASET: dict[str, dict[str, str]] = {
    "title": {
        "fr": "graphkit — répertoire des acteurs de la coopération décentralisée (Cités Unies France)",
        "en": "graphkit — directory of decentralised cooperation actors (Cités Unies France)",
    },
}

NOUN: dict[str, dict[str, str]] = {
    "network": {
        "fr": "le réseau {label}",
        "en": "the {label} network",
        "es": "la red {label}",
        "pt": "a rede {label}",
    },
    "list": {
        "fr": "{most} et {last}",
        "en": "{most} and {last}",
        "es": "{most} y {last}",
        "pt": "{most} e {last}",
    },
}
