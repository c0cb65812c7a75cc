"""Matchers on small hand-made graphs whose right answer can be stated."""

from handmade import actor, make_data, partnership, statement

import graphkit
from graphkit.match import clusters, embassy, experts, groups, invite, meet, peers, south_south


def kg_of(tmp_path, *args, **kwargs):
    return graphkit.from_tables(make_data(tmp_path / "data", *args, **kwargs))


def test_a_rare_shared_theme_outranks_a_common_one(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-a"), actor("fr-b"), actor("fr-c"), actor("fr-d"), actor("fr-e")],
        statements=[
            statement("fr-a", "carnaval"),
            statement("fr-a", "climat"),
            statement("fr-b", "carnaval"),
            statement("fr-c", "climat"),
            statement("fr-d", "climat"),
            statement("fr-e", "climat"),
        ],
    )
    ranked = peers(kg, "fr-a")
    assert ranked["id"].tolist()[0] == "fr-b"
    assert ranked.iloc[0]["reasons"][0] == "les deux travaillent sur le carnaval"
    assert "fr-a" not in ranked["id"].tolist()


def test_stand_by_counts_less_than_active(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-a"), actor("fr-b"), actor("fr-c")],
        partnerships=[
            partnership("p-a", "fr-a", countries="AR"),
            partnership("p-b", "fr-b", countries="AR"),
            partnership("p-c", "fr-c", countries="AR", status="stand-by"),
        ],
    )
    ranked = peers(kg, "fr-a")
    assert ranked["id"].tolist() == ["fr-b", "fr-c"]
    assert ranked.iloc[0]["score"] > ranked.iloc[1]["score"] > 0
    assert ranked.iloc[1]["reasons"] == [
        "les deux coopèrent en Argentine (statut pour FR-C : en stand-by)"
    ]


def test_ties_are_broken_by_id_whatever_the_row_order(tmp_path):
    people = [actor("fr-a"), actor("fr-c"), actor("fr-b")]
    rows = [statement(x, "sante") for x in ("fr-a", "fr-c", "fr-b")]
    first = peers(kg_of(tmp_path / "1", people, statements=rows), "fr-a")
    second = peers(kg_of(tmp_path / "2", people[::-1], statements=rows[::-1]), "fr-a")
    assert first["id"].tolist() == second["id"].tolist() == ["fr-b", "fr-c"]
    assert first["score"].tolist() == second["score"].tolist()


def test_existing_partners_and_introductions_are_never_proposed(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-a"), actor("fr-b"), actor("fr-c"), actor("fr-d")],
        statements=[statement(x, "sante") for x in ("fr-a", "fr-b", "fr-c", "fr-d")],
        partnerships=[partnership("p-ab", "fr-a", "fr-b")],
        introductions=[{"actor": "fr-c", "other": "fr-a", "outcome": "declined"}],
    )
    assert peers(kg, "fr-a")["id"].tolist() == ["fr-d"]
    pairs = {frozenset((r.source_id, r.target_id)) for r in meet(kg, top=50).itertuples()}
    assert frozenset(("fr-a", "fr-b")) not in pairs
    assert frozenset(("fr-a", "fr-c")) not in pairs
    assert frozenset(("fr-a", "fr-d")) in pairs


def test_the_thesaurus_makes_forest_close_to_biodiversity(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-a"), actor("fr-b"), actor("fr-c")],
        statements=[
            statement("fr-a", "foret"),
            statement("fr-b", "biodiversite"),
            statement("fr-c", "carnaval"),
        ],
    )
    ranked = peers(kg, "fr-a")
    assert ranked["id"].tolist() == ["fr-b"]
    assert (
        ranked.iloc[0]["reasons"][0]
        == "les deux travaillent sur la biodiversité : FR-A sur les forêts, FR-B en général"
    )


def test_reasons_follow_the_language(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-a"), actor("fr-b")],
        statements=[statement("fr-a", "eau"), statement("fr-b", "eau")],
    )
    assert peers(kg, "fr-a", lang="en").iloc[0]["reasons"] == ["both work on water"]
    assert peers(kg, "fr-a", lang="es").iloc[0]["reasons"] == ["ambos trabajan en el agua"]


def test_an_authority_with_nothing_to_match_gets_an_empty_answer_that_says_why(tmp_path):
    kg = kg_of(tmp_path, [actor("fr-a"), actor("fr-b")], statements=[statement("fr-b", "eau")])
    ranked = peers(kg, "fr-a")
    assert ranked.empty
    assert "n'a rien sur quoi se rapprocher" in ranked.attrs["empty"]
    assert "nothing to match on" in peers(kg, "fr-a", lang="en").attrs["empty"]


def test_experts_rank_evidence_and_leave_out_the_asker_and_its_partners(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-x"), actor("fr-y"), actor("fr-z"), actor("fr-w"), actor("fr-v")],
        statements=[
            statement("fr-x", "eau-assainissement", "expertise"),
            statement("fr-z", "eau-assainissement"),
            statement("fr-v", "eau-assainissement", "expertise"),
        ],
        partnerships=[
            partnership("p-y", "fr-y", countries="NI", themes="eau-assainissement"),
            partnership("p-wv", "fr-w", "fr-v"),
        ],
    )
    assert experts(kg, "eau et assainissement")["id"].tolist() == ["fr-v", "fr-x", "fr-y"]
    # "eau" covers its narrower theme; an interest alone does not make an expert
    assert "fr-z" not in experts(kg, "eau")["id"].tolist()
    assert experts(kg, "eau-assainissement", for_="fr-w")["id"].tolist() == ["fr-x", "fr-y"]


def test_experts_prefer_one_near_the_asker(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-x"), actor("fr-y"), actor("fr-w")],
        statements=[
            statement("fr-x", "dechets", "expertise"),
            statement("fr-y", "dechets", "expertise"),
        ],
        partnerships=[
            partnership("p-y", "fr-y", countries="NI"),
            partnership("p-w", "fr-w", countries="NI"),
        ],
    )
    ranked = experts(kg, "dechets", for_="fr-w")
    assert ranked["id"].tolist() == ["fr-y", "fr-x"]
    assert ranked.iloc[0]["reasons"][-1] == "les deux coopèrent au Nicaragua"


def test_south_south_pairs_partners_in_different_countries_only(tmp_path):
    kg = kg_of(
        tmp_path,
        [
            actor("ar-p", "foreign_authority", "AR"),
            actor("ar-r", "foreign_authority", "AR"),
            actor("br-q", "foreign_authority", "BR"),
            actor("net-x", "network", ""),
        ],
        regions={"mr-latam": ["AR", "BR", "NI", "CL"]},
        memberships=[
            {"member": m, "organisation": "net-x", "role": "member", "status": "active"}
            for m in ("ar-p", "ar-r", "br-q")
        ],
    )
    pairs = south_south(kg)
    assert sorted(zip(pairs["source_id"], pairs["target_id"], strict=True)) == [
        ("ar-p", "br-q"),
        ("ar-r", "br-q"),
    ]
    assert pairs.iloc[0]["reasons"][0] == "les deux sont membres du réseau NET-X"


def test_group_with_too_few_active_members_folds_into_the_regional_group(tmp_path):
    def member(a, g):
        return {"member": a, "organisation": g, "role": "member", "status": "active"}

    kg = kg_of(
        tmp_path,
        [actor(f"fr-{i}") for i in "abcd"],
        regions={"mr-ca": ["NI", "CL"]},
        groups=[
            {
                "id": "gp-ni",
                "kind": "country_group",
                "label_fr": "GP Nicaragua",
                "territories": "country-ni",
                "status": "stand-by",
            },
            {
                "id": "gp-ca",
                "kind": "country_group",
                "label_fr": "GP Amérique centrale",
                "territories": "mr-ca",
                "status": "active",
            },
        ],
        memberships=[member("fr-a", "gp-ni")]
        + [member(a, "gp-ca") for a in ("fr-a", "fr-b", "fr-c")],
        partnerships=[
            partnership("p-a", "fr-a", countries="NI"),
            partnership("p-d", "fr-d", countries="NI"),
        ],
    )
    health = groups(kg).set_index("id")
    assert health.loc["gp-ni", "status"] == "fragile"
    assert health.loc["gp-ni", "active_members"] == ["fr-a"]
    assert health.loc["gp-ni", "active_in_countries"] == ["fr-d"]
    assert health.loc["gp-ni", "recommendation"] == "fusionner dans le groupe régional"
    assert "ses pays sont couverts par le GP Amérique centrale" in health.loc["gp-ni", "reasons"]
    assert health.loc["gp-ca", "status"] == "actif"
    assert health.loc["gp-ca", "recommendation"] == "maintenir"


def test_embassy_coverage_through_a_macro_region(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor("fr-a"), actor("emb-cl", "embassy", "CL", represents="FR")],
        regions={"mr-sud": ["AR", "CL"]},
        partnerships=[
            partnership("p-a", "fr-a", countries="AR"),
            partnership("p-b", "fr-a", countries="NI"),
        ],
        coverage=[{"embassy": "emb-cl", "territory": "mr-sud"}],
    )
    rows = embassy(kg, "fr-a")
    rows = rows.astype(object).where(rows.notna(), None)
    assert rows.iloc[1]["label"] == "(aucune ambassade connue)"
    assert rows[["partnership_id", "embassy_id", "score"]].values.tolist() == [
        ["p-a", "emb-cl", 0.8],
        ["p-b", None, 0.0],
    ]


def test_invite_networks_whose_members_work_on_the_theme(tmp_path):
    kg = kg_of(
        tmp_path,
        [
            actor("fr-a"),
            actor("net-x", "network", "AR"),
            actor("net-y", "network", "BR"),
            actor("net-fr", "network", "FR"),
        ],
        statements=[statement("fr-a", "sante"), statement("net-fr", "sante")],
        memberships=[
            {"member": "fr-a", "organisation": "net-x", "role": "member", "status": "active"}
        ],
    )
    rows = invite(kg, theme="santé")
    assert rows["id"].tolist() == ["net-x"]  # net-y has no link to it; net-fr is a host in France
    assert rows.iloc[0]["country"] == "Argentine"


def test_clusters_are_deterministic_for_a_seed(tmp_path):
    kg = kg_of(
        tmp_path,
        [actor(f"fr-{i}") for i in "abcdef"],
        statements=[
            statement(a, t)
            for a, t in [
                ("fr-a", "eau"),
                ("fr-b", "eau"),
                ("fr-c", "eau"),
                ("fr-d", "carnaval"),
                ("fr-e", "carnaval"),
                ("fr-f", "carnaval"),
            ]
        ],
    )
    found = clusters(kg, seed=3)
    assert sorted(map(tuple, found["member_ids"])) == [
        ("fr-a", "fr-b", "fr-c"),
        ("fr-d", "fr-e", "fr-f"),
    ]
    assert found.equals(clusters(kg, seed=3))
