"""The layout holds: no import cycle among graphkit's modules (imports made only for type
checking aside), besides the layers that `lint-imports` checks in CI."""

import grimp
import networkx as nx


def _imports() -> nx.DiGraph:
    graph = grimp.build_graph("graphkit", exclude_type_checking_imports=True)
    imports = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            imports.add_edge(module, imported)
    return imports


def test_the_import_graph_is_read_whole():
    imports = _imports()
    # an import inside a function counts: the old report ↔ render cycle was one
    assert ("graphkit.reports.document", "graphkit.reports.render") in imports.edges
    assert ("graphkit.cli.core", "graphkit.facade") in imports.edges


def test_no_import_cycle_among_library_modules():
    cycles = [sorted(c) for c in nx.strongly_connected_components(_imports()) if len(c) > 1]
    assert not cycles, cycles
