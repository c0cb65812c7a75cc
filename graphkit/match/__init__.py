"""Matchers: plain functions over the graph, each returning a pandas DataFrame with scores and reasons.

>>> from graphkit.match import peers, experts, south_south, clusters, groups, invite, embassy, meet
"""

from graphkit.match.clusters import clusters
from graphkit.match.embassy import embassy
from graphkit.match.experts import experts
from graphkit.match.groups import groups
from graphkit.match.invite import invite
from graphkit.match.meet import meet
from graphkit.match.peers import peers, peers_all
from graphkit.match.south_south import south_south
from graphkit.match.weights import Weights, load_weights

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
