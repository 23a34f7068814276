"""Every UI test ends with no background job still running: its jobs finish before the
test's database is closed and its widgets deleted, as the main window's closing does.
What a main window froze out of the garbage collector (its built pages) is handed back."""

from __future__ import annotations

import gc

import pytest

from app.ui.workers import wait_for_background_work


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    gc.unfreeze()
    assert wait_for_background_work(30_000), "a background job still runs"
