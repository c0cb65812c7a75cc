"""graphkit import-twinnings: the real lists of ../shared/external on a copy of data/.

The minutes name two twinnings the lists also hold: Montpellier – Rio de Janeiro and
Dunkerque – Vitória (Wikidata writes "Dunkirk"). They must land on the town actors
(fr-montpellier, not the métropole; fr-dunkerque), be found again rather than doubled,
and every town that does not resolve must be reported with its reason.
"""

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli.core import main
from graphkit.ingest.twin_formats import read_list
from graphkit.ingest.twinnings import plan_import
from graphkit.tables import TABLES, DataError, load_tables
from graphkit.tables.write import append_rows

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "external"
WIKIDATA = EXTERNAL / "wikidata-twinnings-france.tsv"
WORLD = EXTERNAL / "wikipedia-twin-cities-world.csv"
needs_lists = pytest.mark.skipif(
    not (WIKIDATA.exists() and WORLD.exists()) and os.environ.get("CI") != "true",
    reason=f"{EXTERNAL} absent (under CI=true the test runs and must find it)",
)
WIKIDATA_COUNTS = (
    "3869 rows read, 3743 pairs (deduplicated), 3686 out of scope, "
    "57 resolved (55 added, 2 already known), 0 unresolved"
)
WORLD_COUNTS = (
    "25917 rows read, 24780 pairs (deduplicated), 24722 out of scope, "
    "57 resolved (56 added, 1 already known), 1 unresolved"
)
MINUTES_PAIRS = {
    frozenset(("fr-montpellier", "br-rio-de-janeiro")),
    frozenset(("fr-dunkerque", "br-vitoria")),
}


def run(*args):
    return CliRunner().invoke(main, ["import-twinnings", *map(str, args)])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def data(tmp_path) -> Path:
    """A writable copy of the shipped tables (data/ itself is never touched)."""
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def pairs(rows: list[dict]) -> dict[frozenset, dict]:
    return {frozenset((r["party_1"], r["party_2"])): r for r in rows if r["party_2"]}


def partnerships(folder: Path) -> dict[str, dict]:
    with open(folder / "partnerships.csv", encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


@needs_lists
def test_wikidata_finds_the_minutes_twinnings_on_the_towns(data):
    result = run(WIKIDATA, "--data", data, "--format", "json")
    assert result.exit_code == 0, result.output
    assert f"wikidata-twinnings-france.tsv: {WIKIDATA_COUNTS}; new: 53 actors" in result.stderr
    rows = json.loads(result.stdout)
    found = pairs(rows)
    rio = found[frozenset(("fr-montpellier", "br-rio-de-janeiro"))]
    assert (rio["town_1"], rio["town_2"]) == ("Montpellier (France)", "Rio de Janeiro (Brazil)")
    assert (rio["outcome"], rio["partnership"]) == (
        "already known",
        "pship-montpellier-rio-jumelage",
    )
    vitoria = found[frozenset(("fr-dunkerque", "br-vitoria"))]
    assert vitoria["town_1"] == "Dunkirk (France)"
    assert vitoria["outcome"] == "already known"
    assert vitoria["partnership"] == "pship-dunkerque-vitoria-carnaval"
    everyone = {r["party_1"] for r in rows} | {r["party_2"] for r in rows}
    assert "fr-montpellier-mediterranee-metropole" not in everyone
    # Montpellier's other twins are the city's, and were added with their source.
    barcelona = found[frozenset(("fr-montpellier", "es-barcelona"))]
    assert barcelona["outcome"] == "added"
    written = partnerships(data)[barcelona["partnership"]]
    assert written["parties"] == "fr-montpellier|es-barcelona"
    assert (written["kind"], written["status"], written["interpretation"]) == (
        "twinning",
        "active",
        "yes",
    )
    assert "ne donne pas de statut" in written["note"]
    assert written["source"] == "dataset-wikidata-jumelages-france"
    tables = load_tables(data)
    source = next(r for r in tables.records["sources"] if r.get("id") == written["source"])
    assert source.get("kind") == "dataset"
    assert "rogorido/sistercities" in source.get("path_or_url")
    assert len(tables.records["partnerships"]) == 21 + 55


@needs_lists
def test_the_minutes_twinnings_are_added_when_the_tables_lack_them(data):
    path = data / "partnerships.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "rio" not in line.split(",")[0]]
    kept = [line for line in kept if not line.startswith("pship-dunkerque-vitoria")]
    path.write_text("".join(kept), encoding="utf-8")
    result = run(WIKIDATA, "--data", data, "--format", "json")
    assert result.exit_code == 0, result.output
    found = pairs(json.loads(result.stdout))
    written = partnerships(data)
    for pair in MINUTES_PAIRS:
        assert found[pair]["outcome"] == "added"
        row = written[found[pair]["partnership"]]
        assert set(row["parties"].split("|")) == pair
        assert row["kind"] == "twinning"
    assert "57 resolved (57 added, 0 already known)" in result.stderr


@needs_lists
def test_world_list_has_montpellier_rio_but_not_dunkirk_vitoria(data):
    listed = read_list(WORLD)
    assert listed.format.name == "world"
    names = [{a.name, b.name} for _, a, b in listed.pairs]
    assert {"Rio de Janeiro", "Montpellier"} in names
    assert {"Dunkirk", "Vitória"} not in names and {"Dunkerque", "Vitória"} not in names
    result = run(WORLD, "--data", data, "--format", "json")
    assert result.exit_code == 0, result.output
    assert WORLD_COUNTS in result.stderr
    rows = json.loads(result.stdout)
    rio = pairs(rows)[frozenset(("fr-montpellier", "br-rio-de-janeiro"))]
    # Listed from Rio's side (row 2981); the French town comes first.
    assert (rio["row"], rio["town_1"], rio["outcome"]) == (
        2981,
        "Montpellier (France)",
        "already known",
    )
    assert frozenset(("fr-dunkerque", "br-vitoria")) not in pairs(rows)
    [unresolved] = [r for r in rows if r["outcome"] == "unresolved"]
    assert unresolved["reasons"] == ["León (Peru): not in gazetteer: no town called 'León' in PE"]
    load_tables(data)


@needs_lists
def test_importing_again_adds_nothing(data):
    assert run(WIKIDATA, "--data", data).exit_code == 0
    assert run(WORLD, "--data", data).exit_code == 0
    before = snapshot(data)
    again = run(WIKIDATA, "--data", data, "--format", "json")
    assert again.exit_code == 0, again.output
    assert "57 resolved (0 added, 57 already known), 0 unresolved" in again.stderr
    assert {r["outcome"] for r in json.loads(again.stdout)} == {"already known"}
    assert "nothing written" in again.stderr
    world = run(WORLD, "--data", data)
    assert "57 resolved (0 added, 57 already known), 1 unresolved" in world.stderr
    assert snapshot(data) == before


HANDMADE = """city1,country1,lat1,lng1,city2,country2,lat2,lng2
Montpellier,France,,,Springfield,United States,,
Dunkirk,France,51.04,2.38,Atlantis Submersa,Brazil,,
Nanterre,France,,,Königsberg,Prussia,,
Lyon,France,45.76,4.83,Turin,Italy,45.07,7.69
Springfield,United States,,,Montpellier,France,,
"""


def test_unknown_ambiguous_and_countryless_towns_are_reported_not_guessed(data, tmp_path):
    listing = tmp_path / "twins.csv"
    listing.write_text(HANDMADE, encoding="utf-8")
    before = snapshot(data)
    result = run(listing, "--data", data, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["row"], r["outcome"], r["party_1"]) for r in rows] == [
        (2, "unresolved", "fr-montpellier"),
        (3, "unresolved", "fr-dunkerque"),
        (4, "unresolved", "fr-nanterre"),
    ]
    [ambiguous], [unknown], [countryless] = (r["reasons"] for r in rows)
    assert ambiguous.startswith("Springfield (United States): ambiguous: 31 towns called")
    assert unknown == (
        "Atlantis Submersa (Brazil): not in gazetteer: no town called 'Atlantis Submersa' in BR"
    )
    assert countryless == "Königsberg (Prussia): country unknown: 'Prussia'"
    assert (
        "5 rows read, 4 pairs (deduplicated), 1 out of scope, "
        "0 resolved (0 added, 0 already known), 3 unresolved"
    ) in result.stderr
    assert snapshot(data) == before
    # --all also takes Lyon – Turin, where neither town is an actor yet.
    every = run(listing, "--data", data, "--all", "--format", "json")
    lyon = json.loads(every.stdout)[-1]
    assert (lyon["outcome"], lyon["party_1"], lyon["party_2"]) == ("added", "fr-lyon", "it-turin")
    tables = load_tables(data)
    city = next(r for r in tables.records["places"] if r.get("id") == "city-fr-lyon")
    assert city.get("geonames_id") == "2996944"
    actor = next(r for r in tables.records["actors"] if r.get("id") == "fr-lyon")
    assert (actor.get("type"), actor.get("place")) == ("commune", "city-fr-lyon")


@needs_lists
def test_dry_run_writes_nothing(data):
    before = snapshot(data)
    result = run(WIKIDATA, "--data", data, "--dry-run", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("row,outcome,town_1,town_2,party_1,party_2,partnership")
    assert "nothing written (dry run)" in result.stderr
    assert snapshot(data) == before


@needs_lists
def test_written_tables_keep_the_conventions_and_the_old_bytes(data):
    before = snapshot(data)
    assert run(WIKIDATA, "--data", data).exit_code == 0
    after = snapshot(data)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"actors.csv", "places.csv", "partnerships.csv", "sources.csv"}
    for name in changed:
        assert after[name].startswith(before[name])  # rows appended, old ones untouched
        text = after[name].decode("utf-8")
        header = text.split("\n", 1)[0]
        assert header == ",".join(c.name for c in TABLES[name[:-4]].all_columns)
    tables = load_tables(data)
    overseas = next(r for r in tables.records["actors"] if r.get("id") == "fr-fort-de-france")
    assert overseas.get("place") == "sub-fr-972" and overseas.get("country") == "FR"


@needs_lists
def test_a_failed_check_leaves_the_tables_byte_for_byte(data, monkeypatch):
    before = snapshot(data)
    plan = plan_import(WIKIDATA, load_tables(data))
    plan.additions["partnerships"][0]["status"] = "paused"
    with pytest.raises(DataError) as err:
        append_rows(data, plan.additions)
    assert "partnerships.csv:23: status: unknown value 'paused'" in str(err.value)
    assert snapshot(data) == before

    import graphkit.ingest.twinnings

    def broken(*args, **kwargs):
        plan = plan_import(*args, **kwargs)
        plan.additions["actors"][0]["country"] = "XX"
        return plan

    monkeypatch.setattr(graphkit.ingest.twinnings, "plan_import", broken)
    result = run(WIKIDATA, "--data", data)
    assert result.exit_code == 1
    assert "actors.csv:43: country: unknown ISO 3166-1 alpha-2 country code 'XX'" in result.stderr
    assert "nothing written" in result.stderr
    assert snapshot(data) == before


def test_a_list_of_another_shape_is_refused(data, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("town,partner\nMontpellier,Rio de Janeiro\n", encoding="utf-8")
    result = run(other, "--data", data)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: other.csv: unknown list; expected a header with")
