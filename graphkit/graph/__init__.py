"""The built graph: tables to RDF, the store, names, caches, SHACL shapes and the
handle every layer above works on (:class:`~graphkit.graph.handle.Graph`).
"""
