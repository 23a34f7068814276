"""``main.py report evaluation|partnership``: the PDF written, exit codes for bad ids,
dates and quarters, nothing written on refusal."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.models.database import open_database
from app.services.demo_data import load_demo_data
from app.services.initiatives import initiative_choices
from app.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
BURGLARY = "Eastside Burglary Reduction Project"


def run_main(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("cli-report") / "demo.sqlite"
    db = open_database(path)
    try:
        load_demo_data(db, today=date(2026, 3, 18))
        iid = next(i for i, n in initiative_choices(Workspace(db)) if n == BURGLARY)
    finally:
        db.close()
    return path, iid


def text_of(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_evaluation_report(demo: tuple[Path, int], tmp_path: Path) -> None:
    db, iid = demo
    out = tmp_path / "evaluation.pdf"
    result = run_main("-d", db, "report", "evaluation", "--initiative", iid,
                      "--from", "2025-04-01", "--to", "2026-03-31", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Wrote the evaluation report" in result.stdout
    text = text_of(out)
    assert BURGLARY in text and "Goals and targets" in text


def test_partnership_report_by_quarter_and_year(demo: tuple[Path, int],
                                                tmp_path: Path) -> None:
    db, _iid = demo
    for option, value in (("--quarter", "2025Q4"), ("--year", "2025")):
        out = tmp_path / f"partnership{value}.pdf"
        result = run_main("-d", db, "report", "partnership", option, value, "-o", out)
        assert result.returncode == 0, result.stderr
        text = text_of(out)
        assert "Initiatives side by side" in text and BURGLARY in text.replace("\n", " ")


@pytest.mark.parametrize(("args", "code", "message"), [
    (("evaluation", "--initiative", "9999", "--year", "2025"), 10,
     "there is no initiative with id 9999"),
    (("evaluation", "--initiative", "1", "--from", "2025-02-30", "--to", "2025-03-01"), 2,
     "is not a date"),
    (("evaluation", "--year", "2025"), 2, "choose the initiative with --initiative"),
    (("partnership", "--quarter", "2026Q5"), 2, "there is no quarter Q5"),
    (("partnership", "--from", "2026-03-01", "--to", "2026-01-01"), 2, "is before --from"),
])
def test_refusals_write_nothing(demo: tuple[Path, int], tmp_path: Path,
                                args: tuple[str, ...], code: int, message: str) -> None:
    db, _iid = demo
    out = tmp_path / "refused.pdf"
    result = run_main("-d", db, "report", *args, "-o", out)
    assert result.returncode == code
    assert message in result.stderr
    assert not out.exists()
