"""Writing to a path is atomic: a failed or cancelled export leaves the old file intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reports.csv_export import write_csv
from app.reports.output import binary_output


class Cancelled(Exception):
    pass


def test_a_cancelled_export_keeps_the_previous_file_and_leaves_no_temporary(
    tmp_path: Path,
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"previous")

    def cancel(done: int, total: int) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        write_csv(path, ["Name"], [["x"]] * 5000, progress=cancel)
    assert path.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["people.csv"]


def test_progress_is_reported_up_to_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_csv(tmp_path / "x.csv", ["Name"], [["x"]] * 4500, progress=lambda d, t: seen.append(
        (d, t)))
    assert seen == [(2000, 4500), (4000, 4500), (4500, 4500)]


def test_a_path_is_replaced_only_when_complete(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    with binary_output(path) as file:
        file.write(b"new")
        assert not path.exists()
    assert path.read_bytes() == b"new"
