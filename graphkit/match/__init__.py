"""Matchers: plain functions over the graph, each returning a pandas DataFrame with scores and reasons.

>>> from graphkit.match import peers, experts, south_south, clusters, groups, invite, embassy, meet
"""

from .clusters import clusters
from .embassy import embassy
from .experts import experts
from .groups import groups
from .invite import invite
from .meet import meet
from .peers import peers, peers_all
from .south_south import south_south
from .weights import Weights, load_weights

__all__ = [
    "Weights",
    "clusters",
    "embassy",
    "experts",
    "groups",
    "invite",
    "load_weights",
    "meet",
    "peers",
    "peers_all",
    "south_south",
]
