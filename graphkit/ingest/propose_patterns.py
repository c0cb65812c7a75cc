"""The patterns that read French minutes: how an authority, a group, a network, a
speaker, a cooperation or an interest is said, and which sentences are proposals,
decisions, deliverables or observations, and who supports them.
"""

from __future__ import annotations

import re

GENERIC = set(
    "ville villes commune municipalite conseil departemental departement regional region "
    "province city of the de du des les la le l d en au".split()
)


_AUTH_WORDS = (
    r"villes?|commune|municipalit[ée]|province|d[ée]partement|conseil d[ée]partemental|"
    r"conseil r[ée]gional|r[ée]gion|city|county|maire"
)


_NAME = r"[A-ZÉÈÎÔ][\w'’\-]*(?:[ \-](?:de |du |la |le |d'|d’)?[A-ZÉÈÎÔ][\w'’\-]*)*"


AUTH_RE = re.compile(
    rf"\b(?i:(?:la |le |l'|l’)?({_AUTH_WORDS}))\s+(?:de la |de l'|de l’|du |des |de |d'|d’)"
    rf"({_NAME})"
)


_PNAME = r"[A-ZÉÈÎÔ][\w'’\-]*(?: (?:d'|d’)?[A-ZÉÈÎÔ][\w'’\-]*)*"


METRO_RE = re.compile(rf"\b({_PNAME} (?:Métropole|Metropole|Agglomération))\b")


GRAND_RE = re.compile(r"\b(Grand [A-ZÉ][\w\-]+)")


WITH_RE = re.compile(
    r"\bavec (?!la ville|la province|le département|les |des |une |un )(" + _NAME + ")"
)


GROUP_RE = re.compile(
    r"\b(GP|groupe-pays|groupe pays) ([A-ZÉ][\w\-]+(?: (?:centrale|latine|andine|du Sud|du Nord|"
    r"[A-ZÉ][\w\-]+))*)"
)


PRESIDE_RE = re.compile(
    r"pr[ée]side (?:un |une |le |la )([A-ZÉ][\w'’\- ]+?)(?= autour| sur| qui|[,.;(]|$)"
)


NETWORK_RE = re.compile(r"\bréseaux? (" + _NAME + r"(?:(?:, | et )" + _NAME + r")*)")


SPEAKER_RE = re.compile(
    r"^(?:#+\s*)?\**\s*([A-ZÉÈ][\w’'\-]+(?: [A-ZÉÈ][\w’'\-]+){1,3})\s*,\s*(.{2,160}?)\s*\**\s*:\s*\**$"
)


HOST_RE = re.compile(r"(?i)^(?:co-?animation|animation|animé par|présidence)\b(.*)$")


SENT_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÉÈÀ→(«])|\s*→\s*")


COOP = re.compile(
    r"(?i)coop[éeè]r|jumel|partenari|partenaire|engag[ée]+s? (?:\w+ment )?(?:en|au|aux|à)|projet (?:avec|sur)|"
    r"d[ée]l[ée]gations?"
)


MEMBER = re.compile(
    r"(?i)membre|adh[ée]r|collabor|particip|pr[ée]sid|b[ée]n[ée]fici|satisfait|rejoint"
)


UNNAMED_MEMBER = re.compile(r"(?i)\b(?:ses membres|une commune|un de ses membres)\b")


PLURAL = re.compile(
    r"(?i)\b(?:\d+|plusieurs|des|les|deux|trois) (?:CTF|CT|collectivit[ée]s|villes)\b"
)


HYPOTHESIS = re.compile(r"(?i)potentiel|pourrai|devrai|futur|peut-[êe]tre")


INTENT = re.compile(r"(?i)d[ée]velopper|souhait|int[ée]ress")


EXAMPLE = re.compile(r"(?i)^(?:ex|exemple|e\.g)\b")


SELF_WORDS = {"territoire", "territoires"}  # "le territoire" is the authority itself


EXPERTISE = re.compile(
    r"(?i)expertise|\bexperte?s?\b|exp[ée]riences?\b|savoir-faire|\ba men[ée]|\ba d[ée]velopp[ée]|"
    r"attire (?:\w+ )?l['’]int[ée]r[êe]t|\b(?:re[çc]oi\w*|recev\w*|re[çc]ue?s?) (?:\w+ ){0,3}d[ée]l[ée]gations|centres? de ressources"
)


# organisations that may be a sentence's subject, with their actors.csv kind and type
ORG_KINDS = {
    "universite": ("organisation", "university"),
    "chu": ("organisation", "hospital"),
    "centre hospitalier": ("organisation", "hospital"),
    "hopital": ("organisation", "hospital"),
    "institut": ("organisation", "institute"),
    "ecole": ("organisation", "school"),
    "fondation": ("organisation", "association"),
    "association": ("network", "national_association"),
    "federation": ("network", "national_association"),
    "ambassade": ("embassy", "embassy"),
}


_ORG_WORD = r"universit[ée]|CHU|centre hospitalier|h[ôo]pital|institut|[ée]cole|fondation|association|f[ée]d[ée]ration|ambassade"


_PREP = r"(?:de la |de l'|de l’|des |du |de |d'|d’|et de la |et des |et du |et de |et d'|et d’)"


# a lower-case word read as an adjective only by its ending (never a verb: "attire")
_ADJ = (
    r"[a-zà-ÿ\-]+(?:al|aux|ale|ales|ien|iens|ienne|iennes|éen|éens|éenne|éennes|able|ables|"
    r"ible|ibles|ique|iques|aire|aires|if|ifs|ive|ives|ais|aise|ain|aine|ains|aines|el|elle|els)"
)


ORG_RE = re.compile(
    rf"(?:\b(?i:l['’]|le |la )?\b(?i:({_ORG_WORD}))\b"
    rf"((?: {_ADJ})?(?: {_PREP}(?:{_NAME}|[a-zà-ÿ\-]+(?: {_ADJ})?))+)"
    rf"(?: (?i:en|à) ({_NAME}))?|\b([A-Z]{{2,6}}) \(((?i:{_ORG_WORD})[^)]*)\))"
)


INTEREST = re.compile(
    r"(?i)int[ée]r[eê]t|int[ée]ress|th[ée]mati|favorable|souhait|pr[ée]occupation|"
    r"projet|travailler sur|important"
)


_DELIVERABLE = re.compile(
    r"(?i)livrables?|feuille de route|fascicules?|r[ée]pertoires? d['’]acteurs|\bdoc(?:ument)? [àa] vous soumettre|"
    r"capitalisation|tribune|plaidoyer"
)


_DECISION = re.compile(
    r"(?i)\bnous allons\b|\bon le maintient\b|\bne renouvellera pas\b|\benvoi de ce (?:cr|compte-rendu)\b|"
    r"\bsera (?:envoy|organis|soumis)"
)


_OBSERVATION = re.compile(
    r"(?i)point de vigilance|n['’]est pas forc[ée]ment|ne peut pas perdurer|phase de prospection|"
    r"pourrait de nouveau exister|base int[ée]ressante"
)


_PROPOSAL = re.compile(
    r"(?i)^(?:int[ée]r[êe]t (?:à|de)|avoir |faire |privil[ée]gier|proposition|utile |"
    r"les gp pourraient|il peut y avoir|on pourrait|ex ?: formation)|pourrait [êe]tre (?:int[ée]ressant|utile)|"
    r"\bpourraient [êe]tre\b|lieux [àa] investir|int[ée]ressant d['’][ée]changer"
)


_SUPPORT = re.compile(r"(?i)^(?:(?:est )?d['’]accord avec|favorable [àa]|la ct est convaincue)")


_CONDITIONAL = re.compile(r"(?i)\bsauf si\b|\bà condition\b|\bsous r[ée]serve\b")


_OPPOSE = re.compile(r"(?i)^(?:pas d['’]int[ée]r[êe]t|opposée?s? [àa]|contre )")


def outcome_kind(sentence: str) -> str | None:
    """What a sentence of minutes is as an outcome of the meeting, if it is one:
    question, deliverable, decision, observation or proposal."""
    text = sentence.strip()
    if text.endswith("?"):
        return "question"
    for kind, regex in (
        ("deliverable", _DELIVERABLE),
        ("decision", _DECISION),
        ("observation", _OBSERVATION),
        ("proposal", _PROPOSAL),
    ):
        if regex.search(text):
            return kind
    return None


def stance_of(sentence: str) -> str | None:
    """The position a sentence takes on something said before: supports, conditional,
    opposes, or None."""
    text = sentence.strip()
    if _OPPOSE.search(text) or _CONDITIONAL.search(text):
        return "conditional" if _CONDITIONAL.search(text) else "opposes"
    return "supports" if _SUPPORT.search(text) else None
