"""What the officer reads: reasons that say whose fact they are, none twice, the strongest
first; meet rows with each side's role; groups that follow the recorded status; no
placeholder suggested; tables that fit the terminal; show in words."""

import json
import os

import pytest
from click.testing import CliRunner
from handmade import actor, make_data, partnership, statement

import graphkit
from graphkit.cli.core import main
from graphkit.match import experts, groups, meet, peers
from graphkit.match.meet import ROLES

PLACEHOLDER = "fr-cap-nord-commune-membre-non-nommee"


def run(graph, *args, env=None):
    return CliRunner().invoke(main, [*map(str, args), "--graph", str(graph)], env=env)


def kg_of(tmp_path, *args, **kwargs):
    return graphkit.from_tables(make_data(tmp_path / "data", *args, **kwargs))


# --- reasons -------------------------------------------------------------------------------


def test_a_meeting_everyone_attended_is_no_reason(tmp_path):
    everyone = [f"fr-{x}" for x in "abcdef"]
    kg = kg_of(
        tmp_path,
        [actor(a) for a in everyone],
        events=[{"id": "evt-all", "kind": "meeting", "label_fr": "Réunion plénière"}],
        participations=[
            {"event": "evt-all", "actor": a, "role": "participant", "status": "active"}
            for a in everyone
        ],
        statements=[statement("fr-a", "carnaval"), statement("fr-b", "carnaval")],
    )
    found = peers(kg, "fr-a")
    assert found["id"].tolist() == ["fr-b"]  # the others share only the meeting
    assert found.iloc[0]["reasons"] == ["les deux travaillent sur le carnaval"]


def test_a_broader_theme_says_which_theme_each_side_has(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-a", label="Ville A"), actor("fr-b", label="Ville B")],
        statements=[statement("fr-a", "foret"), statement("fr-b", "climat")],
    )
    (reason,) = peers(kg, "fr-a").iloc[0]["reasons"]
    assert reason == (
        "les deux travaillent sur l'écologie et l'environnement : "
        "Ville A sur les forêts, Ville B sur le climat"
    )


def test_a_theme_both_share_is_not_repeated_in_the_broader_one(kg):
    reasons = peers(kg, "aude").set_index("id").loc["fr-nice-cote-d-azur", "reasons"]
    assert reasons[0] == "les deux travaillent sur la gestion des risques"
    assert reasons[1] == "les deux coopèrent au Pérou"
    assert not any("écologie" in r for r in reasons)  # Nice's only link to it is said above


def test_expert_reasons_say_whose_expertise(kg):
    row = experts(kg, "climat").iloc[0]
    assert all(r.startswith(f"{row['label']} : ") for r in row["reasons"])


@pytest.mark.parametrize("lang", ["fr", "en", "es", "pt"])
def test_no_reason_is_repeated_and_reasons_follow_their_contribution(kg, lang):
    from graphkit.match.scoring import contributions, projection

    p = projection(kg)
    for row in peers(kg, "aude", lang=lang).itertuples():
        assert len(set(row.reasons)) == len(row.reasons)
    # The strongest contribution is the first reason.
    best = contributions(p, "fr-aude", "fr-nice-cote-d-azur")[0][0]
    assert best == "theme:gestion-risques"


def test_meet_rows_carry_kind_and_roles(kg):
    rows = meet(kg, top=20)
    assert {"kind", "source_role", "target_role"} <= set(rows.columns)
    for r in rows.itertuples():
        assert (r.source_role, r.target_role) == ROLES[r.kind]
        assert len(set(r.reasons)) == len(r.reasons)
    expert = rows[rows.kind == "expert"].iloc[0]
    # The learner's wish and the expert's expertise, each with its owner's name.
    assert expert.reasons[0].startswith(expert.source + " veut travailler sur ")
    assert any(r.startswith(expert.target + " : ") for r in expert.reasons)


def test_meet_table_shows_roles_and_three_reasons(built):
    result = run(built, "meet", "--top", "5")
    assert result.exit_code == 0, result.stderr
    assert "learner" in result.stdout and "expert" in result.stdout
    rows = json.loads(run(built, "meet", "--top", "5", "--format", "json").stdout)
    more = [r for r in rows if len(r["reasons"]) > 3]
    assert more, "a row with more than three reasons"
    assert f"(+{len(more[0]['reasons']) - 3})" in result.stdout


def test_the_brazil_brief_proposes_only_pairs_about_brazil(built, tmp_path):
    out = tmp_path / "br.md"
    assert run(built, "report", "meeting", "--country", "BR", "--out", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Département de l'Aude | Nice Côte d'Azur Métropole" not in text
    assert "au Pérou" not in text


# --- groups --------------------------------------------------------------------------------


def test_groups_follow_the_recorded_status(kg):
    health = groups(kg).set_index("id")
    ended = health.loc["gp-amerique-centrale"]
    assert ended["status"] == "terminé" and ended["recommendation"] != "maintenir"
    proposed = health.loc["grp-espace-amerique-latine"]
    assert proposed["status"] == "proposé" and proposed["recommendation"] == "créer"
    assert health.loc["gp-argentine", "status"] == "actif"
    english = groups(kg, lang="en").set_index("id")
    assert english.loc["gp-amerique-centrale", "status"] == "ended"
    assert english.loc["grp-espace-amerique-latine", "recommendation"] == "create"


def test_active_members_are_the_groups_members(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-a"), actor("fr-b")],
        groups=[
            {
                "id": "gp-ni",
                "kind": "country_group",
                "label_fr": "GP",
                "territories": "country-ni",
                "status": "stand-by",
            }
        ],
        memberships=[
            {"member": "fr-a", "organisation": "gp-ni", "role": "member", "status": "active"}
        ],
        partnerships=[partnership("p-b", "fr-b", countries="NI")],
    )
    row = groups(kg).set_index("id").loc["gp-ni"]
    assert row["active_members"] == ["fr-a"]
    assert row["active_in_countries"] == ["fr-b"]
    assert row["status"] == "fragile"


# --- placeholders --------------------------------------------------------------------------


def test_a_placeholder_is_never_suggested(tmp_path):
    kg = kg_of(
        tmp_path,
        [
            actor("fr-a"),
            actor("fr-x", label="Commune membre de A (non nommée)"),
            actor("fr-b"),
        ],
        statements=[
            statement("fr-a", "carnaval"),
            statement("fr-x", "carnaval"),
            statement("fr-x", "carnaval", "expertise"),
            statement("fr-b", "carnaval"),
        ],
    )
    assert "fr-x" not in peers(kg, "fr-a")["id"].tolist()
    assert "fr-x" not in experts(kg, "carnaval")["id"].tolist()
    pairs = meet(kg, top=50)
    assert "fr-x" not in set(pairs.source_id) | set(pairs.target_id)


def test_the_unnamed_commune_of_cap_nord_is_never_suggested(built):
    for args in (["meet", "--top", "200"], ["peers", "--all"], ["south-south", "--top", "50"]):
        assert PLACEHOLDER not in run(built, *args, "--format", "json").stdout
    assert (
        PLACEHOLDER
        not in run(built, "groups", "--format", "json")
        .stdout.replace("Commune membre", "")
        .split('"active_in_countries"')[-1]
    )


# --- tables --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["meet"], ["groups"], ["peers", "nice"], ["south-south"], ["embassy", "aude"]]
)
@pytest.mark.parametrize("width", [None, 80])
def test_tables_fit_the_terminal(built, args, width):
    env = {"COLUMNS": str(width)} if width else {"COLUMNS": ""}
    result = run(built, *args, env=env)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and max(map(len, lines)) <= (width or 100)
    # JSON keeps every character and every reason.
    rows = json.loads(run(built, *args, "--format", "json", env=env).stdout)
    longest = max(len(r) for row in rows for r in row["reasons"])
    assert longest > 0


def test_json_keeps_every_reason_the_table_cuts(built):
    rows = json.loads(run(built, "meet", "--format", "json").stdout)
    assert max(len(r["reasons"]) for r in rows) > 3


# --- show ----------------------------------------------------------------------------------


def test_show_prints_words_and_raw_prints_terms(built):
    human = run(built, "show", "GP Nicaragua").stdout
    for term in ("prov:wasAttributedTo", "skos:editorialNote", "rdfs:label", "@pt"):
        assert term not in human
    assert "dit par" in human and "GP Nicaragua (gp-nicaragua)" in human
    raw = run(built, "show", "GP Nicaragua", "--raw").stdout
    assert "prov:wasAttributedTo" in raw and "rdfs:label" in raw


# --- files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["x.pdf", "x.png", "x"])
def test_viz_refuses_an_extension_it_cannot_write(built, tmp_path, name):
    out = tmp_path / name
    result = run(built, "viz", "--out", out)
    assert result.exit_code == 2 and ".html" in result.stderr
    assert not out.exists() and not os.listdir(tmp_path)


def test_reasons_come_strongest_first_and_where_each_is_last(kg):
    from graphkit.match import south_south
    from graphkit.match.scoring import projection, weighed_reasons

    p = projection(kg)
    for other in peers(kg, "aude", top=20)["id"]:
        weights = [c for _, c in weighed_reasons(p, "fr-aude", other)]
        assert weights == sorted(weights, reverse=True)
    for row in south_south(kg, top=10).itertuples():
        assert row.contributions == sorted(row.contributions, reverse=True)
        # the distance says where each is, naming the source first
        assert any(r.startswith(row.source) and " est " in r for r in row.reasons)
