"""Tables are laid out as they were before the quicker layout (each distinct cell made once,
columns cut and padded at once): the same characters as the straightforward layout kept
here, on hand-made rows meant to catch each shortcut and on the shipped data's listings."""

import random

import pytest

from graphkit.cli.output import FLOORS, _fit, _lines, render
from graphkit.sparql import saved_queries as sq


def _reference(rows: list[dict], columns: list[str], width: int) -> str:
    """The table as render made it before: every cell's lines made for every row."""
    columns = [c for c in columns if not (c.endswith("_id") and c.removesuffix("_id") in columns)]
    whole = [[_lines(r.get(c), c, 10**6) for c in columns] for r in rows]
    natural = [
        max(len(c), *(max(map(len, cells[k])) for cells in whole)) for k, c in enumerate(columns)
    ]
    floor = [
        n if n <= 12 else min(n, FLOORS.get(c, 6)) for c, n in zip(columns, natural, strict=True)
    ]
    widths = _fit(natural, floor, width)
    heads = [_lines(c, c, w)[0].ljust(w) for c, w in zip(columns, widths, strict=True)]
    lines = ["  ".join(heads).rstrip(), "  ".join("-" * w for w in widths)]
    for r, full in zip(rows, whole, strict=True):
        cells = [
            _lines(r.get(c), c, w) if c == "reasons" or len(f[0]) > w else f
            for c, w, f in zip(columns, widths, full, strict=True)
        ]
        for k in range(max(map(len, cells))):
            parts = [
                (cell[k] if k < len(cell) else "").ljust(w)
                for cell, w in zip(cells, widths, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


# Values that look alike but print differently (1, 1.0, True; "" and None), control
# characters, runs of spaces, long names, lists, a dict (not hashable).
VALUES = [
    1,
    1.0,
    True,
    0,
    False,
    None,
    "",
    "Mor\x1b[31món",
    "a  b\tc",
    "Communauté d'agglomération du Grand Besançon Métropole",
    "x",
    ["eau", "climat"],
    ("a",),
    {"k": 1},
    float("nan"),
]


def _rows(seed: int, reasons: bool) -> tuple[list[dict], list[str]]:
    rng = random.Random(seed)
    columns = ["id", "label", "source_id", "source", "score", "kind"]
    if reasons:
        columns.append("reasons")
    rows = []
    for _ in range(rng.randint(1, 40)):
        row = {c: rng.choice(VALUES) for c in columns}
        if reasons and rng.random() < 0.7:
            row["reasons"] = [
                "les deux travaillent sur " + "l'eau " * rng.randint(1, 12)
                for _ in range(rng.randint(0, 5))
            ]
        if rng.random() < 0.2:
            del row[rng.choice(columns)]  # a missing key reads as None
        rows.append(row)
    return rows, columns


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("reasons", [False, True])
@pytest.mark.parametrize("width", [20, 60, 100, 200])
def test_a_table_is_laid_out_as_before(seed, reasons, width):
    rows, columns = _rows(seed, reasons)
    assert render(rows, "table", columns, width=width) == _reference(rows, columns, width)


@pytest.mark.parametrize("name", ["authorities-by-theme", "repertoire", "partnerships-by-country"])
def test_the_shipped_listings_are_laid_out_as_before(kg, name):
    values = {"theme": "environnement"} if name == "authorities-by-theme" else {}
    rows = sq.select(kg, name, **values)
    assert len(rows) > 5
    columns = list(rows[0])
    for width in (40, 100, 180):
        assert render(rows, "table", columns, width=width) == _reference(rows, columns, width)
