"""Every UI test ends with no background job still running: its jobs finish before the
test's database is closed and its widgets deleted, as the main window's closing does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    assert QThreadPool.globalInstance().waitForDone(30_000), "a background job still runs"
