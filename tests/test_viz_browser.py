"""Generated pages in a real headless Chromium, with no network: they load without console
errors or requests, draw the expected nodes and edges, show a legend, are not blank, and
run nothing from the data."""

import io
import os

import pytest
from conftest import watched_page
from handmade import actor, make_data, partnership, statement

import graphkit
from graphkit.viz import TooLargeError, viz
from graphkit.viz.screenshot import chromium_path

IN_CI = os.environ.get("CI") == "true"


def open_page(browser, path):
    """Load a page; return it with the requests it made, console errors and dialogs."""
    page, seen = watched_page(browser, path, 1280, 800)
    page.wait_for_function("window.graphkit !== undefined")
    page.wait_for_timeout(300)
    return page, seen


def not_blank(png: bytes) -> bool:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    low, high = image.getextrema()
    colours = len(image.getcolors(maxcolors=1 << 16) or [])
    return high - low > 100 and colours > 20


VIEWS = {
    "whole": {},
    "ego": {"focus": "bouguenais", "depth": 2},
    "theme": {"theme": "environnement"},
    "country": {"country": "argentine"},
    "kind": {"kinds": ("authorities", "networks")},
    "peers": {"view": "peers", "focus": "bordeaux"},
    "meet": {"view": "meet"},
    "south-south": {"view": "south-south"},
    "clusters": {"view": "clusters"},
    "geo": {"layout": "geo"},
}


@pytest.mark.parametrize("name", VIEWS)
def test_page_loads_offline_and_draws_what_was_chosen(browser, kg, tmp_path, name):
    page_obj = viz(kg, **VIEWS[name])
    path = page_obj.save(tmp_path / f"{name}.html")
    page, seen = open_page(browser, path)
    assert seen["requests"] == [path.resolve().as_uri()], "the page loaded something else"
    assert seen["errors"] == []
    drawn = page.evaluate("[graphkit.nodes.length, graphkit.edges.length]")
    assert drawn == [len(page_obj.scene.nodes), len(page_obj.scene.edges)]
    assert drawn[0] > 0
    assert page.locator("#legend li").count() >= 1
    assert page.locator("#title").text_content() == page_obj.scene.title
    assert not_blank(page.screenshot())
    page.close()


def test_suggested_links_are_drawn_apart_with_score_and_reasons(kg, tmp_path):
    scene = viz(kg, view="peers", focus="bordeaux").scene
    suggested = [e for e in scene.edges if e.get("suggested")]
    assert suggested and all(e["dashes"] for e in suggested)
    assert all(
        e["title"].startswith("suggestion, score ") and "• " in e["title"] for e in suggested
    )
    assert {e["from"] for e in suggested} == {"fr-bordeaux"}


def test_stand_by_partnerships_are_dashed(kg):
    scene = viz(kg, focus="nanterre").scene
    edge = next(e for e in scene.edges if {e["from"], e["to"]} == {"fr-nanterre", "ar-moron"})
    assert edge.get("dashes")


def test_search_finds_moron_typed_without_accent(browser, kg, tmp_path):
    path = viz(kg, focus="nanterre").save(tmp_path / "search.html")
    page, _ = open_page(browser, path)
    page.fill("#search", "moron")
    assert page.evaluate("graphkit.network.getSelectedNodes()") == ["ar-moron"]
    page.close()


def test_an_actor_named_like_html_is_shown_as_text_and_runs_nothing(browser, tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    data = make_data(
        tmp_path / "data",
        [actor("fr-a", label=evil), actor("fr-b", label="</script><script>alert(2)</script>")],
        statements=[statement("fr-a", "eau"), statement("fr-b", "eau")],
        partnerships=[partnership("p-ab", "fr-a", "fr-b", status="stand-by")],
    )
    kg = graphkit.from_tables(data)
    path = viz(kg).save(tmp_path / "evil.html")
    page, seen = open_page(browser, path)
    # hover the node so that its tooltip is shown
    point = page.evaluate(
        "(() => { const p = graphkit.network.getPosition('fr-a'); return graphkit.network.canvasToDOM(p); })()"
    )
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_timeout(600)
    assert seen["dialogs"] == []
    assert seen["errors"] == []
    assert page.locator("img").count() == 0
    tooltip = page.locator(".vis-tooltip")
    assert evil in tooltip.text_content()
    page.close()


def test_too_many_nodes_is_refused_with_a_way_out(kg):
    with pytest.raises(TooLargeError, match="narrow it with --theme, --country, --kind or --focus"):
        viz(kg, budget=20)


def test_the_page_is_self_contained(kg):
    import re

    html = viz(kg).html
    # vis-network's licence comment names its authors' sites; nothing may load from one
    assert re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html) is None
    assert "<link" not in html and "@import" not in html
    assert "default-src 'none'" in html


def test_page_shows_inline_in_jupyter_as_an_escaped_iframe(kg):
    page = viz(kg, focus="bouguenais")
    inline = page._repr_html_()
    assert inline.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "<script" not in inline  # all of the page is inside the escaped attribute


def test_viz_command_writes_the_page_and_a_screenshot(built, tmp_path):
    from click.testing import CliRunner

    from graphkit.cli.core import main

    if chromium_path() is None and not IN_CI:
        pytest.skip("Chromium is not installed (CI installs it)")
    out, png = tmp_path / "p.html", tmp_path / "p.png"
    args = ["viz", "--out", out, "--view", "meet", "--screenshot", png, "--graph", built]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: ")
    assert not_blank(png.read_bytes())
    refused = CliRunner().invoke(
        main,
        ["viz", "--out", str(tmp_path / "x.html"), "--focus", "nowhere", "--graph", str(built)],
    )
    assert refused.exit_code == 1 and not (tmp_path / "x.html").exists()


# --- the map (--layout geo) ------------------------------------------------------------------
MAP_KINDS = ("authorities", "partners", "embassies")
LAND_ON, SEA = (0xEF, 0xE6, 0xCF), (0xDC, 0xEB, 0xF5)  # template.html's fill colours


def pixel_at(page, png: bytes, lon: float, lat: float) -> tuple[int, int, int]:
    """The colour of the screenshot where the map draws a longitude and latitude."""
    from PIL import Image

    from graphkit.viz.basemap import project

    x, y = project(lon, lat)
    point = page.evaluate(f"graphkit.network.canvasToDOM({{x: {x}, y: {y}}})")
    box = page.locator("#network").bounding_box()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.getpixel((round(box["x"] + point["x"]), round(box["y"] + point["y"])))


def near(colour, expected, tolerance=8) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_the_map_draws_country_outlines_from_the_package(kg):
    scene = viz(kg, layout="geo", kinds=MAP_KINDS).scene
    drawn = {o["id"] for o in scene.outlines}
    assert {"FR", "AR", "BR", "NI", "PE", "CL", "IT", "MX"} <= drawn
    assert "AU" not in drawn and "JP" not in drawn  # only around the data
    # the countries the nodes are in are the highlighted ones
    assert {o["id"] for o in scene.outlines if o["on"]} == {
        "AR",
        "BR",
        "CL",
        "FR",
        "IT",
        "NI",
        "PE",
    }
    assert all(len(ring) >= 8 and len(ring) % 2 == 0 for o in scene.outlines for ring in o["rings"])


def test_the_map_caption_and_legend_are_in_the_language_asked(kg):
    for lang, words, foreign in (
        ("fr", "collectivités françaises, partenaires à l'étranger, ambassades", "authorities"),
        ("en", "French authorities, partners abroad, embassies", "collectivités"),
        ("pt", "coletividades francesas, parceiros no exterior, embaixadas", "authorities"),
    ):
        scene = viz(kg, layout="geo", kinds=MAP_KINDS, lang=lang).scene
        assert words in scene.caption and foreign not in scene.caption
        assert "Natural Earth" in scene.caption
        assert all(g["title"].count("\n") >= 3 for g in scene.groups)
    legend = [x["label"] for x in viz(kg, layout="geo", kinds=MAP_KINDS, lang="en").scene.legend]
    assert "nodes close together in one country (click or zoom in to see them)" in legend


def test_the_map_groups_nearby_nodes_of_one_country(kg):
    scene = viz(kg, layout="geo", kinds=MAP_KINDS).scene
    groups = {g["label"]: set(g["members"]) for g in scene.groups}
    # the French authorities sit in France (most at Paris, the capital, when only the country
    # is known): one group; Bouguenais and the embassy in Managua (Nicaragua), Rio and
    # Vitória (Brazil), Santa Fe, Morón and Jujuy (Argentina) likewise
    assert set(groups) == {"France · 19", "Nicaragua · 2", "Brésil · 2", "Argentine · 3"}
    assert {"fr-bordeaux", "fr-dunkerque", "fr-nice-cote-d-azur", "emb-ar-france"} <= groups[
        "France · 19"
    ]
    assert groups["Brésil · 2"] == {"br-rio-de-janeiro", "br-vitoria"}
    # nodes at exactly one point are spread around it, so that they can be told apart
    places = [(n["x"], n["y"]) for n in scene.nodes]
    assert len(set(places)) == len(places)


def test_the_map_in_a_browser_reads_as_a_map(browser, kg, tmp_path):
    path = viz(kg, layout="geo", kinds=MAP_KINDS).save(tmp_path / "map.html")
    page, seen = open_page(browser, path)
    assert seen["requests"] == [path.resolve().as_uri()], "the map loaded something else"
    assert seen["errors"] == []
    png = page.screenshot()
    # outlines are drawn under the nodes: north-west Argentina is land of a highlighted
    # country, the South Atlantic is sea
    assert near(pixel_at(page, png, -66.0, -27.0), LAND_ON)
    assert near(pixel_at(page, png, -25.0, -20.0), SEA)
    # the default view is the data's extent: every group and marker is inside the page
    inside = page.evaluate(
        """(() => { const el = document.getElementById('network');
             const pos = graphkit.network.getPositions();
             return Object.keys(pos).every(id => { const p = graphkit.network.canvasToDOM(pos[id]);
               return p.x >= 0 && p.y >= 0 && p.x <= el.clientWidth && p.y <= el.clientHeight; }); })()"""
    )
    assert inside
    # at the default zoom the groups are closed, and no two labels overlap
    assert len(page.evaluate("graphkit.map.groups()")) == 4
    boxes = page.evaluate("graphkit.map.labelBoxes()")
    assert len(boxes) >= 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, f"labels of {a['id']} and {b['id']} overlap"
    assert {"group:g3", "br-belem", "emb-fr-lima"} <= {b["id"] for b in boxes}
    # a click on France opens its group: its 19 nodes are drawn one by one
    france = page.evaluate("graphkit.network.canvasToDOM(graphkit.network.getPosition('group:g3'))")
    net = page.locator("#network").bounding_box()
    page.mouse.click(net["x"] + france["x"], net["y"] + france["y"])
    page.wait_for_timeout(200)
    assert "group:g3" not in page.evaluate("graphkit.map.groups()")
    assert page.evaluate("graphkit.network.clustering.findNode('fr-bordeaux')") == ["fr-bordeaux"]
    page.close()


def test_zooming_in_opens_the_groups_and_shows_more_labels(browser, kg, tmp_path):
    path = viz(kg, layout="geo", kinds=MAP_KINDS).save(tmp_path / "map.html")
    page, seen = open_page(browser, path)
    before = len(page.evaluate("graphkit.map.labelled()"))
    france = page.evaluate("graphkit.network.canvasToDOM(graphkit.network.getPosition('group:g3'))")
    net = page.locator("#network").bounding_box()
    page.mouse.move(net["x"] + france["x"], net["y"] + france["y"])
    for _ in range(14):
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(60)
    page.wait_for_timeout(400)
    assert page.evaluate("graphkit.map.groups()") == []
    labelled = page.evaluate("graphkit.map.labelled()")
    assert len(labelled) > before and any(i.startswith("fr-") for i in labelled)
    assert seen["errors"] == []
    page.close()
