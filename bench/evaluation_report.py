"""Evaluation report time: from build_evaluation_report to a written PDF with its charts
(goal: 3 s or less for a report with 10 charts).

    python -m bench.evaluation_report [--runs 5] [--paper Letter|A4] [--keep FILE.pdf]

Loads the Riverton demo data into a temporary SQLite database and writes the evaluation
report of the Eastside Burglary Reduction Project over the year before the demo's "today"
(three goals, resources, crime trend and displacement, engagement, network: 8 charts)
with the demo's surveys linked to it (their factor charts make 10 or more), several pages
with a table of contents. The first run also pays for importing matplotlib; the median
is over all runs. Prints each run, the chart and page counts, and the median.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import update

from app.models import Survey
from app.models.database import open_database
from app.reports.pdf import report_layout
from app.reports.pdf.evaluation_report import write_evaluation_report
from app.services.demo_data import load_demo_data
from app.services.evaluation_scope import Period
from app.services.initiatives import initiative_choices
from app.services.report_options import ReportOptions
from app.services.workspace import Workspace

TODAY = date(2026, 3, 18)
PERIOD = Period(date(2025, 4, 1), date(2026, 3, 31))
INITIATIVE = "Eastside Burglary Reduction Project"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paper", choices=("Letter", "A4"), default="Letter")
    parser.add_argument("--keep", type=Path, help="also write the last report here")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-evaluation-"))
    charts = _count_charts()
    try:
        db = open_database(folder / "demo.sqlite")
        load_demo_data(db, today=TODAY)
        ws = Workspace(db)
        iid = next(i for i, name in initiative_choices(ws) if name == INITIATIVE)
        with db.write() as session:  # the surveys' charts belong in the report too
            session.execute(update(Survey).values(initiative_id=iid))
        options = ReportOptions(PERIOD, initiative_ids=(iid,), paper_size=args.paper,
                                agency_name="Riverton Police Department", as_of=TODAY)
        times = []
        data = b""
        for run in range(1, args.runs + 1):
            charts.clear()
            buffer = io.BytesIO()
            start = time.perf_counter()
            write_evaluation_report(ws, options, buffer)
            elapsed = time.perf_counter() - start
            times.append(elapsed)
            data = buffer.getvalue()
            print(f"run {run}: {elapsed:.2f} s")
        pages = len(PdfReader(io.BytesIO(data)).pages)
        print(f"{len(charts)} charts, {pages} pages, {len(data) / 1024:,.0f} KB")
        print(f"median: {statistics.median(times):.2f} s (goal: 3 s or less)")
        if args.keep:
            args.keep.write_bytes(data)
        db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _count_charts() -> list[object]:
    """Note every chart the report draws (by wrapping the layout's chart method)."""
    drawn: list[object] = []
    original = report_layout.Layout.chart

    def chart(self: report_layout.Layout, spec: object, *args: object,
              **kwargs: object) -> list[object]:
        result = original(self, spec, *args, **kwargs)  # type: ignore[arg-type]
        if result:
            drawn.append(spec)
        return result  # type: ignore[return-value]

    report_layout.Layout.chart = chart  # type: ignore[method-assign]
    return drawn


if __name__ == "__main__":
    main()
