"""Bad input stops the build with file:row: column: message, and nothing is written."""

import csv

import pytest
from click.testing import CliRunner

from graphkit.cli.core import main
from graphkit.tables import DataError, load_tables


def edit(folder, table, row, column, value):
    """Set one cell (row as a spreadsheet counts it, header = 1) of a CSV table."""
    path = folder / f"{table}.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(column)] = value
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def problems(folder):
    with pytest.raises(DataError) as err:
        load_tables(folder)
    return [str(p) for p in err.value.problems]


def test_the_hand_made_tables_load(mini):
    data = load_tables(mini)
    assert [r.get("id") for r in data.records["actors"]] == [
        "fr-nanterre",
        "ar-moron",
        "net-al-las",
        "emb-fr-santiago",
    ]
    assert data.records["partnerships"][0].items("parties") == ["fr-nanterre", "ar-moron"]


@pytest.mark.parametrize(
    "table, row, column, value, expected",
    [
        (
            "actors",
            3,
            "country",
            "XX",
            "actors.csv:3: country: unknown ISO 3166-1 alpha-2 country code 'XX'",
        ),
        (
            "places",
            4,
            "iso_code",
            "QQ",
            "places.csv:4: iso_code: unknown ISO 3166-1 alpha-2 code 'QQ'",
        ),
        (
            "partnerships",
            2,
            "parties",
            "fr-nanterre|ar-nowhere",
            "partnerships.csv:2: parties: no id 'ar-nowhere' in actors",
        ),
        (
            "actors",
            3,
            "id",
            "fr-nanterre",
            "actors.csv:3: id: duplicated id 'fr-nanterre' (see actors.csv:2)",
        ),
        (
            "partnerships",
            3,
            "start_year",
            "95",
            "partnerships.csv:3: start_year: '95' is not a year (4 digits, e.g. 1995)",
        ),
        (
            "partnerships",
            2,
            "status",
            "paused",
            "partnerships.csv:2: status: unknown value 'paused'; expected active | stand-by | ended",
        ),
        (
            "statements",
            2,
            "theme",
            "jardinage",
            "statements.csv:2: theme: unknown theme 'jardinage'",
        ),
    ],
)
def test_each_kind_of_bad_cell_is_named(mini, table, row, column, value, expected):
    edit(mini, table, row, column, value)
    assert expected in problems(mini)


def test_geonames_id_in_another_country_is_refused(mini):
    edit(mini, "places", 7, "geonames_id", "2990970")  # Nanterre's id given to Morón
    assert (
        "places.csv:7: geonames_id: GeoNames id 2990970 is Nanterre in FR, not in AR"
        in problems(mini)
    )


def test_missing_required_column(mini):
    path = mini / "partnerships.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines]
    drop = rows[0].index("status")
    path.write_text("\n".join(",".join(r[:drop] + r[drop + 1 :]) for r in rows) + "\n")
    assert "partnerships.csv:1: status: missing required column" in problems(mini)


def test_every_problem_is_listed_not_just_the_first(mini):
    edit(mini, "actors", 2, "country", "XX")
    edit(mini, "partnerships", 2, "status", "paused")
    found = problems(mini)
    assert any(p.startswith("actors.csv:2: country") for p in found)
    assert any(p.startswith("partnerships.csv:2: status") for p in found)


def test_unknown_table_and_unknown_column_are_errors(mini):
    (mini / "actor.csv").write_text("id\nx\n")
    found = problems(mini)
    assert any(p.startswith("actor.csv: unknown table") for p in found)


def test_semicolon_bom_and_windows_1252_load(mini):
    path = mini / "actors.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    out = "\r\n".join(";".join(r) for r in rows) + "\r\n"
    path.write_bytes(out.encode("cp1252"))
    data = load_tables(mini)
    assert data.records["actors"][1].get("label_fr") == "Morón"
    path.write_bytes(b"\xef\xbb\xbf" + out.encode("utf-8"))
    assert load_tables(mini).records["actors"][1].get("label_fr") == "Morón"


def test_xlsx_table_loads(mini):
    import openpyxl

    path = mini / "partnerships.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([int(v) if v.isdigit() else (v or None) for v in row])
    book.save(mini / "partnerships.xlsx")
    path.unlink()
    data = load_tables(mini)
    assert data.records["partnerships"][1].get("start_year") == "1995"


def test_build_with_bad_input_exits_1_and_writes_nothing(mini, tmp_path):
    edit(mini, "partnerships", 2, "status", "paused")
    out = tmp_path / "out" / "graph.ttl"
    result = CliRunner().invoke(main, ["build", "--data", str(mini), "--out", str(out)])
    assert result.exit_code == 1
    assert "partnerships.csv:2: status: unknown value 'paused'" in result.output
    assert not out.exists()
    assert not out.with_suffix(".oxigraph").exists()


def test_outcome_and_stance_rows_are_checked(tmp_path):
    from handmade import actor, make_data

    meeting = {"id": "evt-m", "kind": "meeting", "label_fr": "Réunion", "source": "src"}
    base = {"event": "evt-m", "label_fr": "x", "quote": "x", "source": "src"}
    data = make_data(
        tmp_path / "data",
        [actor("fr-a", label="Ville A")],
        events=[meeting],
        outcomes=[
            {**base, "id": "out-p", "kind": "proposal"},
            {**base, "id": "out-d", "kind": "decision", "answers": "out-p"},
            {**base, "id": "out-x", "kind": "wish", "quote": ""},
        ],
        stances=[
            {
                "actor": "fr-a",
                "outcome": "out-p",
                "position": "maybe",
                "quote": "q",
                "source": "src",
            },
            {
                "actor": "fr-a",
                "outcome": "out-p",
                "position": "supports",
                "quote": "q",
                "source": "src",
            },
            {
                "actor": "fr-a",
                "outcome": "out-nope",
                "position": "supports",
                "quote": "q",
                "source": "src",
            },
        ],
    )
    with pytest.raises(DataError) as err:
        load_tables(data)
    text = str(err.value)
    assert "outcomes.csv:3: answers: an answer answers a question" in text
    assert "outcomes.csv:4: kind: unknown value 'wish'" in text
    assert "outcomes.csv:4: quote: required value is empty" in text
    assert (
        "stances.csv:2: position: unknown value 'maybe'; expected supports | opposes | conditional"
        in text
    )
    assert "stances.csv:3: duplicate of row 2 (same actor, outcome)" in text
    assert "stances.csv:4: outcome: no id 'out-nope' in outcomes" in text
