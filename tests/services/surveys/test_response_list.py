"""The responses list: SQL paging with a total, search by respondent reference (LIKE
wildcards taken literally), sorting with undated last, and where each response came from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.models import Organization, OrganizationKind, SurveyKind
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
    response_page,
)
from app.services.surveys.survey_import import (
    preview_survey_import,
    propose_mapping,
    run_survey_import,
)
from app.services.surveys.survey_layouts import read_survey_file
from app.services.workspace import Workspace


def make(ws: Workspace) -> tuple[int, int]:
    survey_id = create_survey(ws, SurveyInput(
        name="Residents", kind=SurveyKind.COMMUNITY_SATISFACTION,
        factors=(FactorInput("Trust", (QuestionInput("Police treat people fairly."),)),)))
    return survey_id, survey_form(ws, survey_id).data.factors[0].questions[0].id or 0


def test_pages_count_every_match_and_search_the_reference(ws: Workspace) -> None:
    survey_id, fair = make(ws)
    other, other_q = make(ws)
    create_response(ws, other, ResponseInput({other_q: 1}, date(2025, 1, 1), "R-001"))
    for n in range(1, 26):
        create_response(ws, survey_id, ResponseInput({fair: 1 + n % 5}, date(2025, 1, n),
                                                     f"R-{n:03}"))
    create_response(ws, survey_id, ResponseInput({fair: 3}, None, "100%_sure"))
    first = response_page(ws, survey_id, offset=0, limit=10)
    assert first.total == 26 and len(first.rows) == 10
    assert [r.respondent_ref for r in first.rows[:2]] == ["R-025", "R-024"]  # newest first
    last = response_page(ws, survey_id, offset=20, limit=10)
    assert [r.respondent_ref for r in last.rows] == [
        "R-005", "R-004", "R-003", "R-002", "R-001", "100%_sure"]  # undated last
    assert [r.respondent_ref for r in list_responses(ws, survey_id)] == [
        r.respondent_ref for r in (*first.rows, *response_page(ws, survey_id, "", 10, 10).rows,
                                   *last.rows)]
    found = response_page(ws, survey_id, "r-01")
    assert found.total == 10 and {r.respondent_ref for r in found.rows} == {
        f"R-{n:03}" for n in range(10, 20)}
    # % and _ are searched for themselves, not as wildcards.
    assert [r.respondent_ref for r in response_page(ws, survey_id, "0%_").rows] == [
        "100%_sure"]
    assert response_page(ws, survey_id, "%").total == 1
    assert response_page(ws, survey_id, "  R-02  ").total == 6  # R-020 … R-025
    oldest = response_page(ws, survey_id, sort="date", descending=False, limit=2)
    assert [r.respondent_ref for r in oldest.rows] == ["R-001", "R-002"]
    by_ref = response_page(ws, survey_id, sort="ref", descending=False, limit=2)
    assert [r.respondent_ref for r in by_ref.rows] == ["100%_sure", "R-001"]
    assert response_page(ws, survey_id, "nobody").rows == []


def test_rows_say_organization_answers_and_source(ws: Workspace, tmp_path: Path) -> None:
    survey_id, fair = make(ws)
    with ws.write() as action:
        org = Organization(name="Eastside Block Club", kind=OrganizationKind.RESIDENT_GROUP)
        action.session.add(org)
        action.session.flush()
        org_id = org.id
    create_response(ws, survey_id, ResponseInput({fair: 4}, date(2025, 6, 1), "paper-1",
                                                 org_id))
    path = tmp_path / "forms.csv"
    path.write_text("Timestamp,Police treat people fairly.\n2025/05/02 10:00:00,Agree\n",
                    encoding="utf-8")
    source = read_survey_file(path)
    preview = preview_survey_import(ws, survey_id, source,
                                    propose_mapping(ws, survey_id, source))
    run_survey_import(ws, preview)
    entered, imported = response_page(ws, survey_id).rows
    assert (entered.organization, entered.answers, entered.imported, entered.source) == (
        "Eastside Block Club", 1, False, "")
    assert imported.imported and imported.import_batch_id is not None
    assert imported.source == "forms.csv" and imported.organization == ""
    by_source = response_page(ws, survey_id, sort="source", descending=False)
    assert [r.respondent_ref for r in by_source.rows] == [imported.respondent_ref,
                                                         "paper-1"]
