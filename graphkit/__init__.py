"""graphkit — a knowledge-graph toolkit for decentralised cooperation.

The public API is small:

>>> import graphkit
>>> kg = graphkit.build("data", "build/graph.ttl")
>>> kg = graphkit.load("build/graph.ttl")
>>> kg.resolve("moron")
'ar-moron'
>>> kg.networkx()
<networkx.classes.multidigraph.MultiDiGraph object at ...>
"""

from graphkit.facade import KnowledgeGraph, build, from_tables, load
from graphkit.graph.names import UnknownNameError
from graphkit.tables import DataError, Problem

__all__ = [
    "DataError",
    "KnowledgeGraph",
    "Problem",
    "UnknownNameError",
    "build",
    "from_tables",
    "load",
]
__version__ = "0.1.0"
