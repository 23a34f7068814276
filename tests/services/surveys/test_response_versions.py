"""Two people edit one survey response: the second save over the version it opened is
refused naming who saved first and when, and changes nothing (on SQLite and PostgreSQL).
A change of the answers alone moves the version on too."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.models import AuditAction, AuditEntry, SurveyKind, utcnow
from app.services.errors import ConflictError
from app.services.surveys.definitions import (
    FactorInput,
    QuestionInput,
    SurveyInput,
    create_survey,
    survey_form,
)
from app.services.surveys.responses import (
    ResponseInput,
    create_response,
    list_responses,
    response_form,
    update_response,
)
from app.services.workspace import Workspace


def make(ws: Workspace) -> tuple[int, list[int]]:
    survey_id = create_survey(ws, SurveyInput(
        name="Watch survey", kind=SurveyKind.CUSTOM,
        factors=(FactorInput("Safety", (QuestionInput("Safe at night."),
                                        QuestionInput("I avoid streets.", True),
                                        QuestionInput("Police are fair."))),)))
    form = survey_form(ws, survey_id)
    return survey_id, [q.id or 0 for f in form.data.factors for q in f.questions]


def audited(ws: Workspace, response_id: int) -> list[tuple[str, AuditAction, dict]]:
    with ws.read() as session:
        return [(r.user_name, r.action, r.changes) for r in session.execute(
            select(AuditEntry.user_name, AuditEntry.action, AuditEntry.changes)
            .where(AuditEntry.entity == "survey_responses",
                   AuditEntry.entity_id == response_id)
            .order_by(AuditEntry.id))]


def test_a_save_over_a_stale_version_is_refused_naming_who_and_when(ws: Workspace) -> None:
    maria = Workspace(ws.db, user_name="maria")
    jon = Workspace(ws.db, user_name="jon")
    survey_id, (safe, avoid, fair) = make(jon)
    response_id = create_response(jon, survey_id, ResponseInput(
        {safe: 2, fair: 3}, date(2025, 3, 1), "R-7"))
    maria_form = response_form(maria, response_id)
    jon_form = response_form(jon, response_id)
    assert maria_form.version == jon_form.version == 1

    # Maria corrects an answer, adds one and removes one: only answers, yet a new version.
    before = utcnow() - timedelta(minutes=1)
    update_response(maria, response_id, ResponseInput(
        {safe: 4, avoid: 5}, date(2025, 3, 1), "R-7"), maria_form.version)
    kept = response_form(jon, response_id)
    assert kept.version == 2
    with pytest.raises(ConflictError) as raised:
        update_response(jon, response_id, ResponseInput(
            {safe: 1, fair: 1}, date(2025, 3, 2), "R-7b"), jon_form.version)
    error = raised.value
    assert error.changed_by == "maria" and error.reload
    assert error.changed_at is not None and before <= error.changed_at <= utcnow()
    assert re.search(r"^This survey response was changed by maria at \d{4}-\d\d-\d\d "
                     r"\d\d:\d\d \(UTC\) since you opened it\. Reload it", str(error))
    # Nothing of jon's save was kept: maria's answers and fields stand.
    assert response_form(jon, response_id) == kept
    assert dict(kept.data.answers) == {safe: 4, avoid: 5}
    assert (kept.data.responded_on, kept.data.respondent_ref) == (date(2025, 3, 1), "R-7")
    [row] = list_responses(jon, survey_id)
    assert (row.answers, row.respondent_ref) == (2, "R-7")
    assert audited(jon, response_id) == [
        ("jon", AuditAction.CREATE, {"survey_id": survey_id, "responded_on": "2025-03-01",
                                     "respondent_ref": "R-7", "organization_id": None,
                                     "import_batch_id": None, "id": response_id}),
        ("maria", AuditAction.UPDATE, {"answers": {str(safe): [2, 4], str(fair): [3, None],
                                                   str(avoid): [None, 5]}}),
    ]
    # After reloading, jon's save goes through.
    update_response(jon, response_id, ResponseInput(
        {safe: 1, fair: 1}, date(2025, 3, 2), "R-7b"), kept.version)
    again = response_form(maria, response_id)
    assert again.version == 3
    assert (dict(again.data.answers), again.data.respondent_ref) == ({safe: 1, fair: 1},
                                                                     "R-7b")


def test_saving_the_same_values_moves_the_version_on(ws: Workspace) -> None:
    survey_id, (safe, *_rest) = make(ws)
    response_id = create_response(ws, survey_id, ResponseInput({safe: 3}))
    form = response_form(ws, response_id)
    update_response(ws, response_id, form.data, form.version)
    assert response_form(ws, response_id).version == form.version + 1
    with pytest.raises(ConflictError):
        update_response(ws, response_id, form.data, form.version)
