"""Every sentence, word and label graphkit shows, in French, English, Spanish and
Portuguese: one table, :data:`CATALOGUE`, read by :func:`graphkit.text.i18n.say`.

A key is a matcher's reason by its name alone (``shared_theme``), anything else
``family.name`` (``group.do_fold``, ``report.sources``, ``kind.Embassy``); each family
lives in one module:

- :mod:`.reasons`: the matchers' reasons (no prefix);
- :mod:`.matchers`: ``group``, ``invite``, ``embassy``, ``cluster``, ``empty``, ``status``;
- :mod:`.pages`: ``viz``, ``geo``, ``kind``, ``filter``;
- :mod:`.reports`: ``report``, ``month``;
- :mod:`.words`: ``term``, ``show``, ``dataset``, ``noun``.

>>> CATALOGUE["kind.Embassy"]["es"]
'Embajada'
"""

from __future__ import annotations

from graphkit.text.catalogue import matchers, pages, reasons, reports, words

FAMILIES: dict[str, dict[str, dict[str, str]]] = {
    "": reasons.REASONS,
    "group": matchers.GROUP,
    "invite": matchers.INVITE,
    "embassy": matchers.EMBASSY,
    "cluster": matchers.CLUSTER,
    "empty": matchers.EMPTY,
    "status": matchers.STATUS,
    "viz": pages.VIZ,
    "geo": pages.GEO,
    "kind": pages.KIND,
    "filter": pages.FILTER,
    "report": reports.REPORT,
    "month": reports.MONTH,
    "term": words.TERM,
    "show": words.SHOW,
    "dataset": words.DATASET,
    "noun": words.NOUN,
}

CATALOGUE: dict[str, dict[str, str]] = {
    f"{family}.{key}" if family else key: texts
    for family, table in FAMILIES.items()
    for key, texts in table.items()
}
