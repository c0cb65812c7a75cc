"""Shared by the tests and the docstring examples (``--doctest-modules``).

What a test or an example writes to the system's temporary folder (``tempfile.mkdtemp()``
in a docstring, a notebook's kernel, a command run as a subprocess) goes to pytest's folder
for that test instead, which pytest removes once the test has passed
(``tmp_path_retention_policy`` in pyproject.toml): a run leaves nothing behind.
"""

import tempfile

import pytest


@pytest.fixture(autouse=True)
def _temporary_files_in_the_tests_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
