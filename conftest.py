"""Shared by the tests and the docstring examples (``--doctest-modules``).

What a test or an example writes to the system's temporary folder (``tempfile.mkdtemp()``
in a docstring, a notebook's kernel, a command run as a subprocess) goes to a folder of its
own, removed when the test ends: a run leaves nothing behind. The folder sits directly in
the system's temporary folder, not deep in pytest's: Chromium's profile, made there, holds a
socket whose path must stay under 108 characters.
"""

import shutil
import tempfile

import pytest


@pytest.fixture(autouse=True)
def _temporary_files_removed_after_the_test(monkeypatch, tmp_path_factory):
    tmp_path_factory.getbasetemp()  # pytest's own folder stays where pytest puts it
    folder = tempfile.mkdtemp(prefix="graphkit-test-")
    monkeypatch.setattr(tempfile, "tempdir", folder)
    monkeypatch.setenv("TMPDIR", folder)
    yield
    shutil.rmtree(folder, ignore_errors=True)
