"""Interactive, offline pages of the graph (vis-network, as pyvis ships it).

>>> import graphkit
>>> page = graphkit.viz.viz(graphkit.from_tables("data"), view="clusters")
>>> page.scene.title
'Groupes de travail thématiques'
"""

from graphkit.viz.page import Page, viz
from graphkit.viz.scene import NODE_BUDGET, VIEWS, Scene, TooLargeError, scene

__all__ = ["NODE_BUDGET", "VIEWS", "Page", "Scene", "TooLargeError", "scene", "viz"]
