"""The error type of the table checks: every problem names file, row and column.

>>> p = Problem("actors.csv", 4, "country", "unknown ISO 3166-1 code 'XX'")
>>> str(p)
"actors.csv:4: country: unknown ISO 3166-1 code 'XX'"
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the input, located as a spreadsheet shows it (header = row 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        return (
            f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


SHOWN = 20  # problems listed before "… and N more": a junk file must not flood the terminal


def listed(problems: list[Problem], limit: int = SHOWN) -> list[str]:
    """The first ``limit`` problems as lines, then one line counting the rest.

    >>> listed([Problem("a.csv", r, None, "bad") for r in range(2, 6)], limit=2)
    ['a.csv:2: bad', 'a.csv:3: bad', '… and 2 more problem(s)']
    """
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit} more problem(s)")
    return lines


class DataError(Exception):
    """Raised when the tables (or the built graph) are invalid; holds every problem found.

    >>> e = DataError([Problem("a.csv", 2, "id", "duplicated id 'x'")])
    >>> print(e)
    a.csv:2: id: duplicated id 'x'
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
        super().__init__("\n".join(listed(self.problems)))
