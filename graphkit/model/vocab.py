"""Namespaces, IRI minting and the controlled values of the tables.

Every entity in ``data/`` has a stable slug (``fr-bordeaux``) minted under one base IRI;
nothing is derived from row order.

>>> iri("fr-bordeaux")
'https://w3id.org/graphkit/id/fr-bordeaux'
>>> theme_iri("biodiversite")
'https://w3id.org/graphkit/theme/biodiversite'
"""

from __future__ import annotations

from functools import lru_cache

from graphkit.text.i18n import LANGS as LANGS  # the languages of labels, defined with the sentences

GK = "https://w3id.org/graphkit/ontology#"
ID = "https://w3id.org/graphkit/id/"
THEME = "https://w3id.org/graphkit/theme/"
SDG = "http://metadata.un.org/sdg/"
GEONAMES = "https://sws.geonames.org/"

PREFIXES: dict[str, str] = {
    "gk": GK,
    "gkd": ID,
    "gkt": THEME,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sdg": SDG,
}

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
SKOS_PREF = PREFIXES["skos"] + "prefLabel"
SKOS_ALT = PREFIXES["skos"] + "altLabel"
FOAF_NAME = PREFIXES["foaf"] + "name"


# The kinds of actor (local names of gk: classes), authorities first.
AUTHORITY_KINDS = ("FrenchAuthority", "ForeignAuthority")
ACTOR_KINDS = (*AUTHORITY_KINDS, "Network", "Embassy", "Organisation")

# The named graphs of a build (the default graph holds the data; see docs/model.md).
DATA_GRAPH = "https://w3id.org/graphkit/graph/data"
ONTOLOGY_GRAPH = "https://w3id.org/graphkit/graph/ontology"
THEMES_GRAPH = "https://w3id.org/graphkit/graph/themes"

# Table value -> local name in the gk: namespace. The ontology declares each as a skos:Concept
# whose skos:notation is the table value, so the two cannot drift apart unnoticed (tested).
STATUS = {
    "active": "Active",
    "stand-by": "StandBy",
    "ended": "Ended",
    "proposed": "Proposed",
    "planned": "Planned",
}
PARTNERSHIP_KIND = {
    "twinning": "Twinning",
    "cooperation_agreement": "CooperationAgreement",
    "cooperation": "Cooperation",
    "exchange": "Exchange",
    "project": "Project",
}
ROLE = {
    "member": "MemberRole",
    "chair": "ChairRole",
    "participant": "ParticipantRole",
    "host": "HostRole",
    "organiser": "OrganiserRole",
    "speaker": "SpeakerRole",
}
ACTOR_TYPE = {
    "commune": "Commune",
    "departement": "Departement",
    "region": "Region",
    "metropole": "Metropole",
    "intercommunalite": "Intercommunalite",
    "municipio": "Municipality",
    "provincia": "Province",
    "estado": "State",
    "collectivite": "LocalGovernment",
    "city_network": "CityNetwork",
    "national_association": "NationalAssociation",
    "embassy": "EmbassyType",
    "university": "University",
    "hospital": "Hospital",
    "institute": "Institute",
    "association": "Association",
    "school": "School",
}
EVENT_KIND = {
    "meeting": "Meeting",
    "conference": "Conference",
    "week": "Week",
    "seminar": "Seminar",
}
ACTOR_CLASS = {
    "french_authority": "FrenchAuthority",
    "foreign_authority": "ForeignAuthority",
    "network": "Network",
    "embassy": "Embassy",
    "organisation": "Organisation",
}
PLACE_CLASS = {
    "country": "Country",
    "subdivision": "Subdivision",
    "city": "City",
    "macro_region": "MacroRegion",
}


def _table_values() -> dict[str, str]:
    tables = (STATUS, PARTNERSHIP_KIND, ROLE, ACTOR_TYPE, EVENT_KIND, POSITION)
    return {f"gk:{local}": value for table in tables for value, local in table.items()}


GROUP_CLASS = {"country_group": "CountryGroup", "thematic_group": "ThematicGroup"}
STATEMENT_CLASS = {"interest": "Interest", "expertise": "Expertise"}
# What a meeting produces (outcomes.csv `kind`) and who stands where on it (stances.csv).
OUTCOME_CLASS = {
    "proposal": "Proposal",
    "decision": "Decision",
    "question": "Question",
    "deliverable": "Deliverable",
    "observation": "Observation",
}
POSITION = {"supports": "Supports", "opposes": "Opposes", "conditional": "Conditional"}


# "gk:StandBy" -> "stand-by": results speak the tables' vocabulary.
TABLE_VALUE = _table_values()


def iri(slug: str) -> str:
    """The IRI of an entity from its table id.

    >>> iri("net-al-las")
    'https://w3id.org/graphkit/id/net-al-las'
    """
    return ID + slug


def theme_iri(slug: str) -> str:
    """The IRI of a thesaurus concept from its id.

    >>> theme_iri("eau")
    'https://w3id.org/graphkit/theme/eau'
    """
    return THEME + slug


def gk(local: str) -> str:
    """An IRI in the ontology namespace.

    >>> gk("Partnership")
    'https://w3id.org/graphkit/ontology#Partnership'
    """
    return GK + local


@lru_cache(maxsize=4096)  # called per query row, with few distinct IRIs
def curie(value: str) -> str:
    """Shorten an IRI with the standard prefixes, leaving unknown IRIs whole.

    >>> curie("https://w3id.org/graphkit/ontology#party")
    'gk:party'
    >>> curie("http://example.org/x")
    'http://example.org/x'
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{value[len(PREFIXES[best]) :]}" if best else value


def local_id(value: str) -> str:
    """The table id of an entity IRI, or the CURIE of any other IRI.

    >>> local_id("https://w3id.org/graphkit/id/fr-nanterre")
    'fr-nanterre'
    >>> local_id("https://w3id.org/graphkit/theme/eau")
    'eau'
    """
    for ns in (ID, THEME):
        if value.startswith(ns):
            return value[len(ns) :]
    return curie(value)
