"""Read every table of a data folder and check it, collecting every problem before failing.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "sources.csv").write_text("id,title,kind,path_or_url\\ncr,Minutes,minutes,cr.md\\n")
>>> data = load_tables(d)
>>> data.records["sources"][0].get("title")
'Minutes'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.files.collector import paused_gc
from graphkit.model.ontology_files import theme_ids
from graphkit.tables import gazetteer
from graphkit.tables.problems import DataError, Problem
from graphkit.tables.read import EXTENSIONS, Table, read_table
from graphkit.tables.schema import STATEMENT_KEYS, TABLES, TableSpec

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
YEAR = re.compile(r"^\d{4}$")
DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
AUTHORITIES = ("french_authority", "foreign_authority")


@dataclass
class Record:
    """One checked row: its table, spreadsheet row number and values (lists already split)."""

    table: str
    row: int
    values: dict[str, str | list[str]]

    def get(self, column: str) -> str:
        value = self.values.get(column, "")
        return value if isinstance(value, str) else "|".join(value)

    def items(self, column: str) -> list[str]:
        value = self.values.get(column, "")
        return value if isinstance(value, list) else ([value] if value else [])

    @property
    def where(self) -> str:
        return f"{self.table}.csv:{self.row}"


@dataclass
class Dataset:
    """The checked tables of a data folder, keyed by table name."""

    folder: Path
    records: dict[str, list[Record]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # table -> file name read

    def kind_of(self, entity_id: str) -> str | None:
        """The table an id belongs to."""
        for name, records in self.records.items():
            if any(r.get("id") == entity_id for r in records):
                return name
        return None


class _Checker:
    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []
        self.data = Dataset(folder)
        self.ids: dict[str, tuple[str, Record]] = {}  # id -> (table, record)

    def problem(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(file, row, column, message))

    def run(self) -> Dataset:
        if not self.folder.is_dir():
            raise DataError([Problem(str(self.folder), None, None, "no such data folder")])
        tables = self._read_files()
        for name, table in tables.items():
            self._check_table(TABLES[name], table)
        self._check_references()
        self._check_rules()
        if self.problems:
            raise DataError(self.problems)
        return self.data

    def _read_files(self) -> dict[str, Table]:
        found: dict[str, Table] = {}
        for path in sorted(self.folder.iterdir()):
            if path.suffix.lower() not in EXTENSIONS or path.name.startswith(("~$", ".")):
                continue
            if path.stem not in TABLES:
                expected = ", ".join(sorted(TABLES))
                self.problem(path.name, None, None, f"unknown table; expected one of {expected}")
            elif path.stem in found:
                self.problem(path.name, None, None, f"table {path.stem} given twice")
            else:
                try:
                    found[path.stem] = read_table(path)
                except DataError as err:
                    self.problems.extend(err.problems)
        if "sources" not in found:
            self.problem("sources.csv", None, None, "missing table: every fact needs a source")
        return found

    def _check_table(self, spec: TableSpec, table: Table) -> None:
        file = table.path.name
        self.data.files[spec.name] = file
        known = {c.name for c in spec.all_columns}
        for col in spec.all_columns:
            if col.required and col.name not in table.header:
                self.problem(file, 1, col.name, "missing required column")
        for name in table.header:
            if name not in known:
                expected = ", ".join(c.name for c in spec.all_columns)
                self.problem(file, 1, name or "(blank)", f"unknown column; expected {expected}")
        records = self.data.records.setdefault(spec.name, [])
        keys: dict[tuple, int] = {}
        for number, raw in table.rows:
            values: dict[str, str | list[str]] = {}
            for col in spec.all_columns:
                cell = raw.get(col.name, "")
                if not cell:
                    if col.required and col.name in table.header:
                        self.problem(file, number, col.name, "required value is empty")
                    continue
                items = [v.strip() for v in cell.split("|")] if col.many else [cell]
                for item in items:
                    self._check_cell(file, number, col, item)
                values[col.name] = [i for i in items if i] if col.many else cell
            record = Record(spec.name, number, values)
            records.append(record)
            if "id" in values:
                self._register_id(file, record)
            if spec.name in STATEMENT_KEYS:
                key = tuple(record.get(c) for c in STATEMENT_KEYS[spec.name])
                if key in keys:
                    cols = ", ".join(STATEMENT_KEYS[spec.name])
                    self.problem(file, number, None, f"duplicate of row {keys[key]} (same {cols})")
                keys.setdefault(key, number)

    def _register_id(self, file: str, record: Record) -> None:
        entity_id = record.get("id")
        if entity_id in self.ids:
            other = self.ids[entity_id][1]
            self.problem(file, record.row, "id", f"duplicated id '{entity_id}' (see {other.where})")
        else:
            self.ids[entity_id] = (record.table, record)

    def _check_cell(self, file: str, row: int, col, value: str) -> None:
        kind = col.kind
        if kind == "id" and not SLUG.match(value):
            self.problem(file, row, col.name, f"'{value}' is not a slug (a-z, 0-9 and '-')")
        elif kind == "enum" and value not in col.values:
            self.problem(
                file, row, col.name, f"unknown value '{value}'; expected {' | '.join(col.values)}"
            )
        elif kind == "year" and not YEAR.match(value):
            self.problem(file, row, col.name, f"'{value}' is not a year (4 digits, e.g. 1995)")
        elif kind == "date" and not DATE.match(value):
            self.problem(
                file, row, col.name, f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            )
        elif kind == "iso2" and not (len(value) == 2 and gazetteer.country_name(value)):
            self.problem(file, row, col.name, f"unknown ISO 3166-1 alpha-2 country code '{value}'")
        elif kind == "int" and not value.isdigit():
            self.problem(file, row, col.name, f"'{value}' is not a whole number")
        elif kind == "yes" and value != "yes":
            self.problem(file, row, col.name, f"'{value}' is not allowed; expected 'yes' or empty")

    def _check_references(self) -> None:
        themes = theme_ids()
        for name, records in self.data.records.items():
            file = self.data.files[name]
            for record in records:
                for col in TABLES[name].all_columns:
                    if col.kind != "ref":
                        continue
                    for target in record.items(col.name):
                        if "themes" in col.refs:
                            if target not in themes:
                                self.problem(
                                    file, record.row, col.name, f"unknown theme '{target}'"
                                )
                            continue
                        table = self.ids.get(target, (None,))[0]
                        if table not in col.refs:
                            where = " or ".join(col.refs)
                            found = f" (it is in {table})" if table else ""
                            self.problem(
                                file, record.row, col.name, f"no id '{target}' in {where}{found}"
                            )

    def _check_rules(self) -> None:
        recs = self.data.records
        for name, records in recs.items():
            file = self.data.files[name]
            for r in records:
                if TABLES[name].provenance and r.get("interpretation") and not r.get("note"):
                    self.problem(file, r.row, "note", "an interpretation needs a note saying why")
                if (
                    r.get("start_year")
                    and r.get("end_year")
                    and r.get("end_year") < r.get("start_year")
                ):
                    self.problem(file, r.row, "end_year", "ends before it starts")
        for r in recs.get("places", []):
            self._check_place(r)
        self._check_countries_listed()
        for r in recs.get("actors", []):
            self._check_actor(r)
        for r in recs.get("partnerships", []):
            if len(r.items("parties")) < 2 and not r.items("countries"):
                self.problem(
                    self.data.files["partnerships"],
                    r.row,
                    "parties",
                    "a partnership needs two parties, or one party and the partner's country",
                )
        for r in recs.get("statements", []):
            if not r.get("theme") and not r.get("territory"):
                self.problem(
                    self.data.files["statements"], r.row, "theme", "give a theme or a territory"
                )
        for r in recs.get("introductions", []):
            if r.get("actor") == r.get("other"):
                self.problem(
                    self.data.files["introductions"],
                    r.row,
                    "other",
                    "an actor is not introduced to itself",
                )
        for r in recs.get("coverage", []):
            if self._actor_kind(r.get("embassy")) != "embassy":
                self.problem(self.data.files["coverage"], r.row, "embassy", "not an embassy")
        kinds = {r.get("id"): r.get("kind") for r in recs.get("outcomes", [])}
        for r in recs.get("outcomes", []):
            if r.get("answers") and kinds.get(r.get("answers"), "question") != "question":
                self.problem(
                    self.data.files["outcomes"], r.row, "answers", "an answer answers a question"
                )

    def _check_countries_listed(self) -> None:
        """Every country code used must have its row in places.csv, which gives its labels."""
        listed = {
            r.get("iso_code").upper()
            for r in self.data.records.get("places", [])
            if r.get("kind") == "country"
        }
        for name, records in self.data.records.items():
            for col in TABLES[name].all_columns:
                if col.kind != "iso2":
                    continue
                for r in records:
                    for code in r.items(col.name):
                        if gazetteer.country_name(code) and code.upper() not in listed:
                            self.problem(
                                self.data.files[name],
                                r.row,
                                col.name,
                                f"country '{code}' has no row in places.csv (kind country)",
                            )

    def _actor_kind(self, actor_id: str) -> str | None:
        entry = self.ids.get(actor_id)
        return entry[1].get("kind") if entry and entry[0] == "actors" else None

    def _check_place(self, r: Record) -> None:
        file, kind, code = self.data.files["places"], r.get("kind"), r.get("iso_code")
        if kind == "country":
            if not code:
                self.problem(file, r.row, "iso_code", "a country needs its ISO 3166-1 code")
            elif not (len(code) == 2 and gazetteer.country_name(code)):
                self.problem(file, r.row, "iso_code", f"unknown ISO 3166-1 alpha-2 code '{code}'")
        elif kind == "subdivision" and code and not gazetteer.subdivision_name(code):
            self.problem(file, r.row, "iso_code", f"unknown ISO 3166-2 code '{code}'")
        elif kind in ("city", "macro_region") and code:
            self.problem(file, r.row, "iso_code", f"a {kind} has no ISO 3166 code")
        if kind in ("city", "subdivision") and not r.get("country"):
            self.problem(file, r.row, "country", f"a {kind} needs the ISO code of its country")
        if kind == "subdivision" and code and r.get("country"):
            if not code.upper().startswith(r.get("country").upper() + "-"):
                self.problem(file, r.row, "iso_code", f"'{code}' is not in {r.get('country')}")
        geonames = r.get("geonames_id")
        if geonames and kind != "city":
            self.problem(file, r.row, "geonames_id", "only cities take a geonames_id")
        elif geonames.isdigit():
            found = gazetteer.city(int(geonames))
            if found is None:
                self.problem(file, r.row, "geonames_id", f"GeoNames id {geonames} not in gazetteer")
            elif r.get("country") and found["countrycode"] != r.get("country").upper():
                self.problem(
                    file,
                    r.row,
                    "geonames_id",
                    f"GeoNames id {geonames} is {found['name']} in {found['countrycode']}, "
                    f"not in {r.get('country')}",
                )

    def _check_actor(self, r: Record) -> None:
        file, kind = self.data.files["actors"], r.get("kind")
        if kind in (*AUTHORITIES, "embassy", "organisation") and not r.get("country"):
            self.problem(file, r.row, "country", f"a {kind} needs the ISO code of its country")
        if kind == "embassy" and not r.get("represents"):
            self.problem(file, r.row, "represents", "an embassy needs the country it represents")
        if kind != "embassy" and r.get("represents"):
            self.problem(file, r.row, "represents", "only embassies represent a country")
        if kind == "french_authority" and r.get("country") and r.get("country").upper() != "FR":
            self.problem(file, r.row, "country", "a French authority is in FR")


def load_tables(folder: str | Path) -> Dataset:
    """Read and check every table in ``folder``; raise :class:`DataError` listing all problems."""
    with paused_gc():  # a record per row, a dict per record: nothing to collect meanwhile
        return _Checker(Path(folder)).run()
