"""Where a report goes: a path (written atomically) or an open binary file object."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

Target = str | os.PathLike[str] | BinaryIO
# progress(done, total): called now and then while writing; raising from it cancels the
# export, and a file being written to a path is then removed, never left half-written.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 2000
# cancelled(): asked now and then while writing; True gives up the export (ExportCancelled).
Cancelled = Callable[[], bool]


class ExportCancelled(Exception):
    """The user cancelled an export; nothing was written (an earlier file is intact)."""


def no_progress(done: int, total: int) -> None:
    """The default progress callback: does nothing."""


@contextmanager
def binary_output(target: Target) -> Iterator[BinaryIO]:
    """Yield a binary file to write to.

    A path is written to a temporary file beside it that replaces the target only once
    everything is written, so a failed or cancelled export leaves any earlier file intact.
    A file object is written to as it is and left open.
    """
    if not isinstance(target, str | os.PathLike):
        yield target
        return
    path = Path(target)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            yield file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
