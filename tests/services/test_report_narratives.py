"""The narrative typed for a report is kept per initiative and period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from app.models.database import Database
from app.services.evaluation_scope import Period
from app.services.report_narratives import load_narrative, save_narrative
from app.services.report_options import Narrative
from app.services.workspace import Workspace


@pytest.fixture
def ws(any_db: Database) -> Iterator[Workspace]:
    yield Workspace(any_db)


def test_a_narrative_is_kept_per_initiative_and_period(ws: Workspace) -> None:
    q3 = Period.quarter(2026, 3)
    assert load_narrative(ws, 1, q3) == Narrative()
    written = Narrative(accomplishments="Forty homes got new locks.",
                        problems="Two block captains moved away.")
    save_narrative(ws, 1, q3, written)
    assert load_narrative(ws, 1, q3) == written
    assert load_narrative(ws, 2, q3).is_empty
    assert load_narrative(ws, 1, Period(date(2026, 7, 1), date(2026, 9, 29))).is_empty
