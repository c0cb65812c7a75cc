"""What the quick build does differently gives the same results as the plain definitions:
the word and name indexes, the loader fed through a pipe, the counts it reports, the
garbage collector put back."""

from __future__ import annotations

import gc
import os

import numpy as np
import pytest

import graphkit
import graphkit.tables
from graphkit.graph import store
from graphkit.graph.names import NameIndex, WordIndex
from graphkit.graph.store import store_dir, write_build
from graphkit.graph.summary import build_counts, stats
from graphkit.model import vocab

# --- the word index ----------------------------------------------------------------------


def word_index_by_definition(index: NameIndex) -> dict:
    """WordIndex's docstring, literally: name i is the i-th key of the sorted name map, its
    mask a bit per kind of each id it names, each word the names holding it."""
    keys = [k for k, _ in index._by_key.items()]
    ids = [v.split("|") for _, v in index._by_key.items()]
    kinds = {e: index.kinds.get(e, "") for eids in ids for e in eids}
    bits = sorted(set(kinds.values()))
    mask = [sum({1 << bits.index(kinds[e]) for e in eids}) for eids in ids]
    holding: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        for w in sorted(set(k.split())):
            holding.setdefault(w, []).append(i)
    words = sorted(holding)
    postings = [holding[w] for w in words]
    word_mask = [int(np.bitwise_or.reduce([mask[i] for i in p])) for p in postings]
    flat = [i for p in postings for i in p]
    offsets = np.cumsum([0] + [len(p) for p in postings]).tolist()
    return {
        "bits": bits,
        "mask": mask,
        "words": words,
        "keys": flat,
        "offsets": offsets,
        "word_mask": word_mask,
    }


def word_index_as_made(words: WordIndex) -> dict:
    return {
        "bits": words.bits,
        "mask": words.mask.tolist(),
        "words": [w for w, _ in words.words.items()],
        "keys": words.word_keys.tolist(),
        "offsets": words.offsets.tolist(),
        "word_mask": words.word_mask.tolist(),
    }


HANDMADE = NameIndex(
    {
        "fr-nice": ["Ville de Nice", "Nice Côte d'Azur"],
        "city-fr-nice": ["Nice"],
        "nice": ["NICE"],  # an id that is its own label, with no kind
        "fr-a": ["Saint-Denis"],
        "fr-b": ["Saint Denis"],
    },
    kinds={"fr-nice": "FrenchAuthority", "city-fr-nice": "City", "fr-a": "FrenchAuthority"},
)


@pytest.mark.parametrize("which", ["handmade", "empty", "shipped"])
def test_the_word_index_is_that_of_its_definition(which, kg):
    index = {"handmade": HANDMADE, "empty": NameIndex({}), "shipped": kg.names}[which]
    made = word_index_as_made(index.word_index())
    assert made == word_index_by_definition(index)
    if which == "handmade":
        assert made["bits"] == ["", "City", "FrenchAuthority"]
        nice = made["words"].index("nice")
        start, end = made["offsets"][nice], made["offsets"][nice + 1]
        keys = [k for k, _ in HANDMADE._by_key.items()]
        assert [keys[i] for i in made["keys"][start:end]] == [
            "city fr nice",
            "fr nice",
            "nice",
            "nice cote d azur",
            "ville de nice",
        ]
        assert made["word_mask"][nice] == 0b111  # no kind, a city, an authority


def test_a_key_naming_several_ids_lists_each_once_sorted():
    keys = dict(HANDMADE._by_key.items())
    assert keys["nice"] == "city-fr-nice|nice"  # "Nice", "NICE" and the id "nice"
    assert keys["saint denis"] == "fr-a|fr-b"
    assert keys["fr nice"] == "fr-nice"


# --- the name index from rows ------------------------------------------------------------


class Rows:
    """A hand-made row source (the queries of graphkit.graph.cache_rows)."""

    def __init__(self, labels, types=(), seated=()):
        self.answers = {"labels": labels, "types": list(types), "seated": list(seated)}

    def rows(self, name):
        return self.answers[name]


def label(s, p, text, lang=""):
    return {"s": s, "p": p, "label": text, "lang": lang}


def test_the_name_index_ranks_labels_and_keeps_the_best_per_language():
    from graphkit.graph.handle import NAME_PRIORITY, name_index

    a, theme = vocab.iri("fr-a"), vocab.theme_iri("eau")
    pref, name, alt = vocab.SKOS_PREF, vocab.FOAF_NAME, vocab.PREFIXES["skos"] + "altLabel"
    index = name_index(
        Rows(
            [
                label(a, alt, "Alias"),
                label(a, vocab.RDFS_LABEL, "Zèbre", "en"),
                label(a, vocab.RDFS_LABEL, "Ville A", "fr"),
                label(a, vocab.RDFS_LABEL, "Commune A"),  # untagged: French, after a tagged one
                label(a, name, "Nom A"),
                label(a, vocab.RDFS_LABEL, "Ville A"),  # the same text again, untagged
                label(theme, pref, "Eau", "fr"),
                label("http://example.org/x", vocab.RDFS_LABEL, "Ailleurs", "fr"),  # not ours
            ],
            types=[{"s": a, "type": vocab.gk("FrenchAuthority")}],
        )
    )
    assert index.labels["fr-a"] == "Ville A"
    assert index.by_lang["fr"]["fr-a"] == "Ville A" and index.by_lang["en"]["fr-a"] == "Zèbre"
    assert index.labels["eau"] == "Eau" and "eau" not in index.by_lang["fr"]  # no rdfs:label
    assert "x" not in index.labels and len(index.labels) == 2
    assert index.kind("fr-a") == "FrenchAuthority" and index.priority["fr-a"] == "0"
    assert index.priority["eau"] == str(len(NAME_PRIORITY))  # no type row: last
    assert index.resolve("commune a") == index.resolve("nom a") == index.resolve("alias") == "fr-a"
    # Every label of fr-a, each once: French rdfs:label, untagged ones, then the others.
    keys = sorted(k for k, v in index._by_key.items() if v == "fr-a")
    assert keys == ["alias", "commune a", "fr a", "nom a", "ville a", "zebre"]


# --- the loader fed through a pipe -------------------------------------------------------


def triples(n: int, then: BaseException | None = None):
    for i in range(n):
        yield vocab.iri(f"x{i}"), vocab.RDFS_LABEL, (f"X {i}", "@fr")
    if then is not None:
        raise then


@pytest.mark.parametrize("reads", ["by path", "as a file object"])
def test_a_build_through_the_pipe_holds_every_triple_and_the_named_graphs(
    reads, tmp_path, monkeypatch
):
    import pyoxigraph as ox

    monkeypatch.setattr(store, "TURTLE_CHUNK", 7)  # many writes into the pipe
    if reads == "as a file object":  # a system without /dev/fd
        monkeypatch.setattr(store, "_fd_path", lambda fd: None)
    g = ox.NamedNode("https://example.org/g")
    quad = ox.Quad(ox.BlankNode(), ox.NamedNode(vocab.RDFS_LABEL), ox.Literal("b"), g)
    meta = write_build(triples(100), tmp_path / "graph.ttl", quads=[quad])
    assert meta["triples"] == 101
    kg = graphkit.load(tmp_path / "graph.ttl")
    assert len(list(kg.store.quads_for_pattern(None, None, None, g))) == 1
    assert kg.select("SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?l }")[0]["n"] == "101"


def test_an_error_making_the_triples_is_the_one_raised_and_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "TURTLE_CHUNK", 7)
    out = tmp_path / "graph.ttl"
    write_build(triples(3), out)
    first = graphkit.load(out).meta["id"]
    with pytest.raises(ValueError, match="row 12"):
        write_build(triples(30, then=ValueError("row 12")), out)
    assert graphkit.load(out).meta["id"] == first
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == sorted(
        [os.readlink(store_dir(out)), ".graph.ttl.lock"]
    )


def test_a_loader_error_stops_the_build_whole(tmp_path, monkeypatch):
    out = tmp_path / "graph.ttl"
    write_build(triples(3), out)
    first = graphkit.load(out).meta["id"]
    real = store._turtle_text
    monkeypatch.setattr(store, "TURTLE_CHUNK", 5)
    monkeypatch.setattr(store, "_turtle_text", lambda chunk, terms: real(chunk, terms) + "<a> <b")
    with pytest.raises(SyntaxError):
        write_build(triples(5000), out)
    assert graphkit.load(out).meta["id"] == first
    assert len(list(tmp_path.iterdir())) == 4  # graph.ttl, graph.oxigraph, its version, lock


# --- counts and the collector ------------------------------------------------------------


@pytest.mark.parametrize("which", ["mini", "shipped"])
def test_build_counts_are_those_of_the_class_statistics(which, kg, mini_kg):
    graph = {"mini": mini_kg, "shipped": kg}[which]
    classes = {r["name"]: r["count"] for r in stats(graph) if r["what"] == "class"}
    counts = build_counts(graph)
    assert counts["actors"] == sum(classes.get(f"gk:{k}", 0) for k in vocab.ACTOR_KINDS) > 0
    assert counts["partnerships"] == classes["gk:Partnership"] > 0


def test_a_build_puts_the_garbage_collector_back(mini, tmp_path):
    from graphkit.graph.store import BuildError

    assert gc.isenabled()
    graphkit.build(mini, tmp_path / "graph.ttl")
    assert gc.isenabled()
    with pytest.raises(BuildError):  # raised inside the build: an --out that is a folder
        graphkit.build(mini, tmp_path)
    assert gc.isenabled()
    (mini / "sources.csv").write_text("id,title,kind,path_or_url\ncr,Minutes,nope,cr.md\n")
    with pytest.raises(graphkit.tables.DataError):  # raised while the tables are checked
        graphkit.build(mini, tmp_path / "graph.ttl")
    assert gc.isenabled()
