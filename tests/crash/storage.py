"""Test helpers: a Workspace whose writes translate storage errors (see write_errors)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from app.services.workspace import Action, Workspace
from app.services.write_errors import translated_write_errors


def translate_in_workspace(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrap Workspace.write as the two lines proposed for workspace.py would."""
    original = Workspace.write

    @contextmanager
    def write(self: Workspace) -> Iterator[Action]:
        with translated_write_errors(), original(self) as action:
            yield action

    monkeypatch.setattr(Workspace, "write", write)
