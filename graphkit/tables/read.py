"""Read one table as a spreadsheet writes it: CSV (comma or semicolon; UTF-8 with or without
BOM, UTF-16 with its BOM, or Windows-1252 as French Excel saves it) or the first sheet of an
``.xlsx`` workbook (dates and numbers as the cells show them).

Strictly: a quote left open, a stray quote, a quoted cell that swallowed the rows after it,
a control character in a cell (ESC, BEL, NUL… anything but tab and line breaks), a corrupt
workbook or an unknown encoding are each one problem naming file, row and column; nothing
is guessed or silently pasted together.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = p.write_bytes("id;label_fr\\r\\nfr-moron;Mor\\xf3n\\r\\n".encode("cp1252"))
>>> read_table(p).rows
[(2, {'id': 'fr-moron', 'label_fr': 'Morón'})]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.tables.problems import DataError, Problem

EXTENSIONS = (".csv", ".xlsx")


@dataclass
class Table:
    """A table's header and its non-blank rows, each with its spreadsheet row number."""

    name: str
    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


# C0 controls but tab, line feed and carriage return; DEL; C1 controls (a terminal obeys
# ESC and CSI: a label must never carry them).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_problem(file: str, row: int | None, column: str | None, text: str) -> Problem | None:
    """A problem if ``text`` holds a control character, naming the first one.

    >>> print(control_problem("a.csv", 3, "label_fr", "Mor\\x1b[31món"))
    a.csv:3: label_fr: control character U+001B in the cell: remove it
    """
    found = CONTROL.search(text)
    if not found:
        return None
    return Problem(
        file, row, column, f"control character U+{ord(found[0]):04X} in the cell: remove it"
    )


def _decode(raw: bytes, path: Path) -> str:
    def refuse(why: str) -> DataError:
        return DataError([Problem(path.name, None, None, why)])

    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise refuse("UTF-32 text: save it as UTF-8 CSV")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some spreadsheets save "Unicode"
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise refuse("not valid UTF-16 text despite its byte-order mark") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8")
        except UnicodeDecodeError as err:
            raise refuse(f"not valid UTF-8 despite its byte-order mark ({err.reason})") from None
    if b"\x00" in raw[:65536]:
        raise refuse(
            "NUL bytes: not a text table (UTF-16 without its byte-order mark?); "
            "save it as UTF-8 CSV"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: French Excel's "CSV (séparateur: point-virgule)" is Windows-1252.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as err:
            raise refuse("not UTF-8 nor Windows-1252 text") from err


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _record_pattern(delimiter: str) -> re.Pattern:
    # One record as strict CSV writes it: quoted cells (quotes doubled inside) or cells
    # without any quote, then the line break.
    d = re.escape(delimiter)
    field = rf'(?:"(?:[^"]|"")*"|[^"{d}\r\n]*)'
    return re.compile(rf"{field}(?:{d}{field})*(?:\r\n|\r|\n)?")


def _csv_cells(path: Path) -> list[list[str]]:
    text = _decode(path.read_bytes(), path)
    first = text.split("\n", 1)[0]
    delimiter = _delimiter(first)
    lines = io.StringIO(text, newline="").readlines()  # as the reader splits them
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    record = _record_pattern(delimiter)
    cells: list[list[str]] = []
    problems: list[Problem] = []
    start = 0  # the first physical line of the next record
    while True:
        row = len(cells) + 1  # spreadsheet numbering: the header is row 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            why = (
                "a quote opened in this row is never closed: add the closing quote"
                if "end of data" in str(err)
                else 'a quote in the middle of a cell: double it ("") inside a quoted cell, '
                "or remove it"
            )
            problems.append(Problem(path.name, row, None, why))
            break  # the rest of the file cannot be told apart reliably
        raw = "".join(lines[start : reader.line_num])
        start = reader.line_num
        cells.append(values)
        if '"' in raw and not record.fullmatch(raw):
            problems.append(
                Problem(
                    path.name,
                    row,
                    None,
                    "a quote inside a cell that does not start with one: remove it, or "
                    'quote the whole cell and double the quote ("")',
                )
            )
        for i, value in enumerate(values):
            if "\n" in value or "\r" in value:
                pasted = [ln for ln in value.splitlines()[1:] if ln.count(delimiter) >= 2]
                if pasted:
                    column = cells[0][i].strip() if row > 1 and i < len(cells[0]) else None
                    problems.append(
                        Problem(
                            path.name,
                            row,
                            column,
                            f"a quoted cell runs over {len(value.splitlines())} lines that "
                            "look like rows of this table: a closing quote is probably missing",
                        )
                    )
    if problems:
        raise DataError(problems)
    return cells


def _shown(value: object) -> str:
    """A workbook value as the spreadsheet shows it by default.

    >>> _shown(dt.datetime(2020, 11, 30)), _shown(2020.0), _shown(0.1 + 0.2), _shown(True)
    ('2020-11-30', '2020', '0.3', 'TRUE')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()  # a date cell: what it shows, not its midnight
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    return str(value)


def _xlsx_cells(path: Path) -> list[list[str]]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            cells = [[_shown(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        OSError,
        IndexError,
        TypeError,
        EOFError,
    ) as err:
        reason = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        raise DataError(
            [
                Problem(
                    path.name,
                    None,
                    None,
                    f"not a readable .xlsx workbook ({reason}): save it again from the "
                    "spreadsheet, or as CSV",
                )
            ]
        ) from None
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
    name = path.name
    problems = [p for c in header if (p := control_problem(name, 1, None, c))]
    for number, raw in enumerate(cells[1:], start=2):
        values = [c.strip() for c in raw]
        if not any(values):
            continue
        # one search per row (tab is no control here), each cell only when the row has one
        if CONTROL.search("\t".join(values)):
            for column, value in zip(header, values, strict=False):
                found = control_problem(name, number, column or None, value)
                if found:
                    problems.append(found)
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
