"""Reading and checking the editable tables of ``data/``.

>>> from graphkit.tables import TABLES
>>> "partnerships" in TABLES
True
"""

from graphkit.tables.check import Dataset, Record, load_tables
from graphkit.tables.problems import DataError, Problem
from graphkit.tables.read import read_table
from graphkit.tables.schema import STATEMENT_KEYS, TABLES

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
