"""Reading and checking the editable tables of ``data/``.

>>> from graphkit.tables import TABLES
>>> "partnerships" in TABLES
True
"""

from .check import Dataset, Record, load_tables
from .problems import DataError, Problem
from .read import read_table
from .schema import STATEMENT_KEYS, TABLES

__all__ = [
    "TABLES",
    "STATEMENT_KEYS",
    "DataError",
    "Dataset",
    "Problem",
    "Record",
    "load_tables",
    "read_table",
]
