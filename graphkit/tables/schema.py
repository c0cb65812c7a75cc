"""What each table in ``data/`` holds: its columns, which are required, and what each accepts.

``data/README.md`` documents the same tables for the officers who edit them.

>>> TABLES["partnerships"].column("status").values[:3]
('active', 'stand-by', 'ended')
"""

from __future__ import annotations

from dataclasses import dataclass

from graphkit.model import vocab

# Column kinds: text, id, enum, year, date, iso2, iso (checked by place kind), int, yes, ref.
# A ref names the tables whose ids it may point to ("themes" = the thesaurus).


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"
    required: bool = False
    many: bool = False  # a `|`-separated list
    values: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    provenance: bool = True

    def column(self, name: str) -> Column:
        return next(c for c in self.all_columns if c.name == name)

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return self.columns + (PROVENANCE if self.provenance else ())

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


PROVENANCE = (
    Column("source", "ref", required=True, refs=("sources",)),
    Column("speaker", "ref", refs=("people",)),
    Column("interpretation", "yes"),
    Column("note"),
)

LABELS = tuple(Column(f"label_{lang}", required=lang == "fr") for lang in vocab.LANGS)
ACTORS = ("actors",)
PLACES = ("places",)
THEMES = ("themes",)
# What a meeting outcome may be about: any entity of the tables but people and sources.
OUTCOME_ABOUT = ("actors", "groups", "programmes", "partnerships", "events", "places", "outcomes")


def _enum(name: str, values, required: bool = True, many: bool = False) -> Column:
    return Column(name, "enum", required=required, many=many, values=tuple(values))


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "sources",
            (
                Column("id", "id", required=True),
                Column("title", required=True),
                Column("date", "date"),
                _enum("kind", ("minutes", "web", "dataset", "standard")),
                Column("path_or_url", required=True),
                Column("licence"),
            ),
            provenance=False,
        ),
        TableSpec(
            "people",
            (
                Column("id", "id", required=True),
                Column("name", required=True),
                Column("aliases", many=True),
                Column("role_fr"),
                Column("affiliation", "ref", refs=ACTORS),
            ),
        ),
        TableSpec(
            "places",
            (
                Column("id", "id", required=True),
                _enum("kind", vocab.PLACE_CLASS),
                *LABELS,
                Column("iso_code", "iso"),
                Column("country", "iso2"),
                Column("within", "ref", many=True, refs=PLACES),
                Column("geonames_id", "int"),
            ),
        ),
        TableSpec(
            "actors",
            (
                Column("id", "id", required=True),
                _enum("kind", vocab.ACTOR_CLASS),
                *LABELS,
                Column("aliases", many=True),
                _enum("type", vocab.ACTOR_TYPE, required=False),
                Column("place", "ref", refs=PLACES),
                Column("country", "iso2"),
                Column("represents", "iso2"),
            ),
        ),
        TableSpec(
            "groups",
            (
                Column("id", "id", required=True),
                _enum("kind", vocab.GROUP_CLASS),
                *LABELS,
                Column("territories", "ref", many=True, refs=PLACES),
                Column("themes", "ref", many=True, refs=THEMES),
                _enum("status", ("active", "stand-by", "ended", "proposed")),
            ),
        ),
        TableSpec(
            "programmes",
            (
                Column("id", "id", required=True),
                *LABELS,
                Column("operator", "ref", required=True, refs=ACTORS),
                Column("themes", "ref", many=True, refs=THEMES),
                Column("description_fr"),
            ),
        ),
        TableSpec(
            "partnerships",
            (
                Column("id", "id", required=True),
                _enum("kind", vocab.PARTNERSHIP_KIND),
                Column("parties", "ref", required=True, many=True, refs=ACTORS),
                Column("countries", "iso2", many=True),
                Column("start_year", "year"),
                Column("end_year", "year"),
                _enum("status", ("active", "stand-by", "ended")),
                Column("themes", "ref", many=True, refs=THEMES),
                Column("label_fr"),
            ),
        ),
        TableSpec(
            "memberships",
            (
                Column("member", "ref", required=True, refs=ACTORS),
                Column(
                    "organisation", "ref", required=True, refs=("actors", "groups", "programmes")
                ),
                _enum("role", ("member", "chair", "participant")),
                _enum("status", ("active", "stand-by", "ended")),
                Column("start_year", "year"),
                Column("end_year", "year"),
            ),
        ),
        TableSpec(
            "statements",
            (
                Column("actor", "ref", required=True, refs=ACTORS),
                _enum("relation", vocab.STATEMENT_CLASS),
                Column("theme", "ref", refs=THEMES),
                Column("territory", "ref", refs=PLACES),
            ),
        ),
        TableSpec(
            "coverage",
            (
                Column("embassy", "ref", required=True, refs=ACTORS),
                Column("territory", "ref", required=True, refs=PLACES),
            ),
        ),
        TableSpec(
            "introductions",
            (
                Column("actor", "ref", required=True, refs=ACTORS),
                Column("other", "ref", required=True, refs=ACTORS),
                Column("date", "date"),
                _enum("outcome", ("made", "declined")),
            ),
        ),
        TableSpec(
            "events",
            (
                Column("id", "id", required=True),
                _enum("kind", vocab.EVENT_KIND),
                *LABELS,
                Column("date", "date"),
                Column("place", "ref", refs=PLACES),
                Column("organiser", "ref", many=True, refs=ACTORS),
                _enum("recurrence", ("yearly",), required=False),
                Column("themes", "ref", many=True, refs=THEMES),
            ),
        ),
        TableSpec(
            "outcomes",
            (
                Column("id", "id", required=True),
                _enum("kind", vocab.OUTCOME_CLASS),
                Column("event", "ref", required=True, refs=("events",)),
                Column("label_fr", required=True),
                Column("quote", required=True),
                Column("by", "ref", many=True, refs=ACTORS),
                Column("themes", "ref", many=True, refs=THEMES),
                Column("territories", "ref", many=True, refs=PLACES),
                Column("about", "ref", many=True, refs=OUTCOME_ABOUT),
                Column("answers", "ref", refs=("outcomes",)),
                Column("due", "date"),
                _enum("recurrence", ("monthly", "yearly"), required=False),
            ),
        ),
        TableSpec(
            "stances",
            (
                Column("actor", "ref", required=True, refs=ACTORS),
                Column("outcome", "ref", required=True, refs=("outcomes",)),
                _enum("position", vocab.POSITION),
                Column("quote", required=True),
            ),
        ),
        TableSpec(
            "participations",
            (
                Column("event", "ref", required=True, refs=("events",)),
                Column("actor", "ref", required=True, refs=ACTORS),
                _enum("role", ("participant", "host", "organiser", "speaker")),
                Column("year", "year"),
                _enum("status", ("active", "planned", "ended")),
            ),
        ),
    )
}

# Tables whose rows are statements about other entities: their IRI is minted from these
# columns (never from row order), and two rows with the same key are a duplicate.
STATEMENT_KEYS: dict[str, tuple[str, ...]] = {
    "memberships": ("member", "organisation", "role"),
    "statements": ("relation", "actor", "theme", "territory"),
    "coverage": ("embassy", "territory"),
    "participations": ("event", "actor", "role"),
    "introductions": ("actor", "other"),
    "stances": ("actor", "outcome"),
}
