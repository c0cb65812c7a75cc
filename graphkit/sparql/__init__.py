"""SPARQL outward: saved queries, remote endpoints, ``serve``, ``push`` and
exports.
"""
