"""`graphkit synth`: valid tables at the scale asked, real places, skewed themes, same seed same bytes."""

import csv
import os
import shutil
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from cache_compare import same_caches
from click.testing import CliRunner

import graphkit
from graphkit.cli.core import main
from graphkit.graph.shapes import validate, validate_tables
from graphkit.ingest.synth import S1, TINY, Scale, SynthError
from graphkit.ingest.synth_generator import source_id, synth
from graphkit.tables import load_tables
from graphkit.tables.gazetteer import city

SEED = 7


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "tiny"
    synth(out, TINY, SEED)
    return out


@pytest.fixture(scope="module")
def checked(tiny):
    return load_tables(tiny)


def test_tiny_passes_the_table_checks_and_builds_in_memory(tiny, checked):
    kg = graphkit.from_tables(tiny)
    count = kg.select("SELECT (COUNT(?p) AS ?n) WHERE { ?p a gk:Partnership }")[0]["n"]
    assert int(count) == TINY.partnerships


def test_rows_per_table_are_the_scales(checked):
    for table, expected in TINY.rows().items():
        assert len(checked.records.get(table, [])) == expected, table
    kinds = Counter(r.get("kind") for r in checked.records["actors"])
    assert kinds == {
        "french_authority": TINY.french_authorities,
        "foreign_authority": TINY.partners,
        "network": TINY.networks,
        "embassy": TINY.embassies,
    }
    places = Counter(r.get("kind") for r in checked.records["places"])
    assert places["country"] == TINY.countries + 1  # France too
    groups = Counter(r.get("kind") for r in checked.records["groups"])
    assert groups == {"country_group": TINY.country_groups, "thematic_group": TINY.thematic_groups}
    relations = Counter(r.get("relation") for r in checked.records["statements"])
    assert relations == {"interest": TINY.interests, "expertise": TINY.expertise}


def test_every_partner_country_has_its_country_row(checked):
    listed = {r.get("iso_code") for r in checked.records["places"] if r.get("kind") == "country"}
    partners = [r for r in checked.records["actors"] if r.get("kind") == "foreign_authority"]
    used = {r.get("country") for r in partners}
    assert len(used) == TINY.countries
    assert used | {"FR"} == listed
    for r in checked.records["partnerships"]:
        assert set(r.items("countries")) <= listed


def test_places_are_real_gazetteer_cities_in_their_country(checked):
    cities = [r for r in checked.records["places"] if r.get("kind") == "city"]
    assert cities
    for r in cities:
        found = city(int(r.get("geonames_id")))
        assert found["countrycode"] == r.get("country")
        assert r.get("label_fr") == found["name"]
    for r in checked.records["actors"]:
        if r.get("kind") in ("french_authority", "foreign_authority"):
            assert r.get("place"), r.get("id")


def test_every_row_cites_the_synthetic_source(tiny, checked):
    (source,) = checked.records["sources"]
    assert source.get("id") == source_id(TINY, SEED)
    assert source.get("kind") == "dataset"
    title = source.get("title")
    assert "synthétiques" in title and "TINY" in title and f"graine {SEED}" in title
    for table, records in checked.records.items():
        if table != "sources":
            assert {r.get("source") for r in records} <= {source.get("id")}, table


def test_theme_popularity_is_skewed(checked):
    mentions = Counter(t for r in checked.records["partnerships"] for t in r.items("themes"))
    mentions.update(r.get("theme") for r in checked.records["statements"] if r.get("theme"))
    counts = sorted(mentions.values(), reverse=True)
    assert counts[0] >= 5 * statistics.median(counts)


def test_statuses_and_years_are_plausible(checked):
    pships = checked.records["partnerships"]
    statuses = Counter(r.get("status") for r in pships)
    assert statuses["active"] > statuses["stand-by"] > 0 and statuses["ended"] > 0
    years = [int(r.get("start_year")) for r in pships]
    assert 1960 <= min(years) and max(years) <= 2024
    assert sum(y >= 2000 for y in years) > sum(y < 2000 for y in years)
    for r in pships:
        assert bool(r.get("end_year")) == (r.get("status") == "ended")


def test_every_authority_and_partner_is_in_a_partnership(checked):
    linked = {p for r in checked.records["partnerships"] for p in r.items("parties")}
    for r in checked.records["actors"]:
        if r.get("kind") in ("french_authority", "foreign_authority"):
            assert r.get("id") in linked


def test_same_seed_same_bytes(tiny, tmp_path):
    synth(tmp_path / "again", TINY, SEED)
    assert file_bytes(tmp_path / "again") == file_bytes(tiny)


def test_same_bytes_from_the_command_line_in_another_process(tiny, tmp_path):
    """Another process, another string-hash seed: nothing depends on set or dict hashing."""
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = tmp_path / "cli"
    code = "from graphkit.cli import main; main()"
    args = ["synth", "--scale", "tiny", "--out", str(out), "--seed", str(SEED)]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout
    assert file_bytes(out) == file_bytes(tiny)


def test_another_seed_gives_other_data(tiny, tmp_path):
    synth(tmp_path / "other", TINY, SEED + 1)
    other = file_bytes(tmp_path / "other")
    assert other["partnerships.csv"] != file_bytes(tiny)["partnerships.csv"]
    load_tables(tmp_path / "other")


def test_a_previous_synthetic_folder_is_replaced_whole(tiny, tmp_path):
    out = tmp_path / "data"
    synth(out, TINY, SEED + 1)
    (out / "stale.csv").write_text("x\n")
    synth(out, TINY, SEED)
    assert file_bytes(out) == file_bytes(tiny)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # nothing left beside it


def test_a_folder_of_real_data_is_never_replaced(tmp_path):
    real = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", real)
    before = file_bytes(real)
    with pytest.raises(SynthError, match="not a synthetic data folder"):
        synth(real, TINY, SEED)
    assert file_bytes(real) == before
    result = CliRunner().invoke(main, ["synth", "--scale", "TINY", "--out", str(real)])
    assert result.exit_code == 1
    assert "not a synthetic data folder" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_impossible_scales_are_refused(tmp_path):
    with pytest.raises(SynthError, match="fewer partners than countries"):
        Scale("x", "x", 10, 5, 6, 10, 1, 0, 0, 0, 0, 0, 0, 0, 0)
    too_many_groups = Scale("x", "x", 10, 6, 6, 10, 1, 0, 0, 0, 0, 99, 0, 0, 0)
    with pytest.raises(SynthError, match="more thematic groups than themes"):
        synth(tmp_path / "out", too_many_groups)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_national_scale_builds_end_to_end(tmp_path):
    counts = synth(tmp_path / "s1", S1, 0)
    for table, expected in S1.rows().items():
        assert counts[table] == expected, table
    kg = graphkit.build(tmp_path / "s1", tmp_path / "build" / "graph.ttl")
    same_caches(tmp_path / "build" / "graph.ttl")  # from the quads = by SPARQL
    found = kg.select(
        "SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class "
        "VALUES ?class { gk:FrenchAuthority gk:ForeignAuthority gk:Partnership } } GROUP BY ?class"
    )
    by_class = {r["class"].rsplit("#", 1)[1]: int(r["n"]) for r in found}
    assert by_class == {
        "FrenchAuthority": S1.french_authorities,
        "ForeignAuthority": S1.partners,
        "Partnership": S1.partnerships,
    }
    # SHACL in chunks (as `graphkit validate` runs a world-scale graph) = the whole graph's
    whole = validate(graphkit.from_tables(tmp_path / "s1"))
    assert validate_tables(load_tables(tmp_path / "s1"), chunk=200_000) == whole == []
