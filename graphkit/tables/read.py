"""Read one table as a spreadsheet writes it: CSV (comma or semicolon; UTF-8 with or without
BOM, or Windows-1252 as French Excel saves it) or the first sheet of an ``.xlsx`` workbook.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = p.write_bytes("id;label_fr\\r\\nfr-moron;Mor\\xf3n\\r\\n".encode("cp1252"))
>>> read_table(p).rows
[(2, {'id': 'fr-moron', 'label_fr': 'Morón'})]
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .problems import DataError, Problem

EXTENSIONS = (".csv", ".xlsx")


@dataclass
class Table:
    """A table's header and its non-blank rows, each with its spreadsheet row number."""

    name: str
    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: French Excel's "CSV (séparateur: point-virgule)" is Windows-1252.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as err:
            raise DataError(
                [Problem(path.name, None, None, "not UTF-8 nor Windows-1252 text")]
            ) from err


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _csv_cells(path: Path) -> list[list[str]]:
    text = _decode(path.read_bytes(), path)
    first = text.split("\n", 1)[0]
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first)))


def _xlsx_cells(path: Path) -> list[list[str]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    cells = []
    for row in sheet.iter_rows(values_only=True):
        out = []
        for value in row:
            if value is None:
                out.append("")
            elif isinstance(value, float) and value.is_integer():
                out.append(str(int(value)))  # Excel turns 1995 into 1995.0
            else:
                out.append(str(value))
        cells.append(out)
    book.close()
    return cells


def read_table(path: Path) -> Table:
    """Read a table file into a :class:`Table`; cells are stripped, blank rows skipped.

    Raises :class:`DataError` for an empty file or a row longer than the header.
    """
    path = Path(path)
    cells = _xlsx_cells(path) if path.suffix.lower() == ".xlsx" else _csv_cells(path)
    if not cells or not any(c.strip() for c in cells[0]):
        raise DataError([Problem(path.name, 1, None, "empty file: expected a header row")])
    header = [c.strip() for c in cells[0]]
    while header and not header[-1]:
        header.pop()
    table = Table(path.stem, path, header)
    problems = []
    for number, raw in enumerate(cells[1:], start=2):
        values = [c.strip() for c in raw]
        if not any(values):
            continue
        if any(values[len(header) :]):
            problems.append(
                Problem(path.name, number, None, f"{len(values)} cells for {len(header)} columns")
            )
            continue
        values += [""] * (len(header) - len(values))
        table.rows.append((number, dict(zip(header, values, strict=False))))
    if problems:
        raise DataError(problems)
    return table
