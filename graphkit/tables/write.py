"""Add rows to the tables of a data folder, all or nothing.

The changed tables are written to a temporary folder beside the others, checked there
with :func:`load_tables` together with the unchanged ones, and only then moved into place
(one atomic rename per file); if the check fails nothing in the folder changes. Rows are
appended in the column order of :mod:`.schema` (UTF-8, comma, ``|`` between list items),
so the rows already there keep their bytes; a table saved otherwise (semicolons, BOM,
Windows-1252, other column order) is rewritten whole in that form.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "sources.csv").write_text("id,title,date,kind,path_or_url,licence\\n"
...     "cr,Minutes,,minutes,cr.md,\\n")
>>> _ = append_rows(d, {"sources": [{"id": "web", "title": "A, page", "kind": "web",
...     "path_or_url": "https://example.org"}]})
>>> print((d / "sources.csv").read_text(), end="")
id,title,date,kind,path_or_url,licence
cr,Minutes,,minutes,cr.md,
web,"A, page",,web,https://example.org,
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from graphkit.files.atomic import write_atomic
from graphkit.tables.check import Dataset, load_tables
from graphkit.tables.problems import DataError, Problem
from graphkit.tables.read import EXTENSIONS, read_table
from graphkit.tables.schema import TABLES


def _lines(rows: list[dict[str, str]], columns: list[str], newline: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    writer.writerows([row.get(c, "") for c in columns] for row in rows)
    return buf.getvalue()


def _table_text(path: Path | None, name: str, rows: list[dict[str, str]]) -> str:
    """The new text of table ``name`` (currently ``path``, or none) with ``rows`` added."""
    columns = [c.name for c in TABLES[name].all_columns]
    header = ",".join(columns)
    if path is not None:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        newline = "\r\n" if "\r\n" in text else "\n"
        if text.split(newline, 1)[0] == header:  # the usual case: append, keep the bytes
            if text and not text.endswith(newline):
                text += newline
            return text + _lines(rows, columns, newline)
        rows = [values for _, values in read_table(path).rows] + rows
    return header + "\n" + _lines(rows, columns, "\n")


def append_rows(folder: str | Path, additions: dict[str, list[dict[str, str]]]) -> Dataset:
    """Append ``additions`` (table name -> rows as column -> value) to the tables in
    ``folder``, all or nothing; return the checked tables.

    Raises :class:`DataError` (and changes nothing) when the tables with the new rows do
    not pass :func:`load_tables`, or when a table to change is a workbook (``.xlsx``).
    """
    folder, additions = Path(folder), {t: rows for t, rows in additions.items() if rows}
    files = {
        p.stem: p
        for p in sorted(folder.iterdir())
        if p.suffix.lower() in EXTENSIONS and not p.name.startswith(("~$", "."))
    }
    workbooks = [files[n] for n in additions if n in files and files[n].suffix.lower() != ".csv"]
    if workbooks:
        raise DataError(
            [
                Problem(p.name, None, None, "a workbook: save it as CSV to add rows")
                for p in workbooks
            ]
        )
    scratch = Path(tempfile.mkdtemp(prefix=".graphkit-write-", dir=folder))
    try:
        for name, path in files.items():
            if name not in additions:
                shutil.copy2(path, scratch / path.name)
        targets = {name: files[name].name if name in files else f"{name}.csv" for name in additions}
        for name, rows in additions.items():
            text = _table_text(files.get(name), name, rows)
            (scratch / targets[name]).write_bytes(text.encode("utf-8"))
        data = load_tables(scratch)  # raises DataError: nothing moved
        for target in targets.values():
            write_atomic(folder / target, (scratch / target).read_bytes())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    data.folder = folder
    return data
