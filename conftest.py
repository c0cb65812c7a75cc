"""Shared by the tests and the docstring examples (``--doctest-modules``).

What a test or an example writes to the system's temporary folder (``tempfile.mkdtemp()``
in a docstring, a notebook's kernel, a command run as a subprocess) goes to a folder of its
own, removed when the test ends; what a fixture shared by a module or the session writes (a
server started once for a file's tests, and its private copy) goes to the run's own folder,
removed when the run ends: a run leaves nothing behind. Both sit directly in the system's
temporary folder, not deep in pytest's: Chromium's profile, made there, holds a socket whose
path must stay under 108 characters.
"""

import shutil
import tempfile

import pytest

SYSTEM_TMP = tempfile.gettempdir()


def _own_folder(prefix: str) -> str:
    return tempfile.mkdtemp(prefix=prefix, dir=SYSTEM_TMP)


@pytest.fixture(autouse=True, scope="session")
def _temporary_files_of_the_run_removed_at_its_end(tmp_path_factory):
    tmp_path_factory.getbasetemp()  # pytest's own folder stays where pytest puts it
    folder = _own_folder("graphkit-run-")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", folder)
        patch.setenv("TMPDIR", folder)
        yield
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _temporary_files_removed_after_the_test(monkeypatch):
    folder = _own_folder("graphkit-test-")
    monkeypatch.setattr(tempfile, "tempdir", folder)
    monkeypatch.setenv("TMPDIR", folder)
    yield
    shutil.rmtree(folder, ignore_errors=True)
