"""The ``graphkit`` command: :data:`main`, the click group (in :mod:`.core`, with the
core commands and the helpers every command uses), and the modules that add their
commands to it."""

# Commands defined in their own modules register themselves on `main`.
from graphkit.cli import export, imports, match, propose, report, serve, synth, viz  # noqa: F401
from graphkit.cli.core import main

__all__ = ["main"]
