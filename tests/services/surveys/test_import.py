"""Survey exports: layouts recognised, answer texts mapped, rows skipped with reasons,
one batch per import, the same file adds nothing twice, undo removes exactly it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import AuditAction, AuditEntry, SurveyKind, SurveyResponse
from app.services.surveys.definitions import (
    FactorInput,
    QuestionInput,
    SurveyInput,
    create_survey,
    survey_form,
)
from app.services.surveys.results import survey_results
from app.services.surveys.survey_import import (
    SurveyMapping,
    list_survey_imports,
    preview_survey_import,
    propose_mapping,
    run_survey_import,
    undo_survey_import,
)
from app.services.surveys.survey_layouts import (
    GOOGLE_FORMS,
    QUALTRICS,
    SPREADSHEET,
    SURVEYMONKEY,
    SurveyImportError,
    Unusable,
    answer_value,
    read_survey_file,
)
from app.services.workspace import Workspace

GOOGLE = (
    'Timestamp,Police treat people fairly.,"Rate [I feel safe after dark.]",Comments\n'
    "2025/05/02 10:01:00 AM EST,Strongly agree,4,great\n"
    "2025/05/03 11:00:00 AM EST,Disagree,Maybe,\n"
    "2025/05/04 09:00:00 AM EST,,N/A,no answers\n"
    "2025/05/05 09:00:00 AM EST,Neutral,7,\n"
    "2025/05/06 09:00:00 AM EST,Agree,2,\n"
)
QUALTRICS_TEXT = (
    "StartDate,EndDate,Status,ResponseId,Q1,Q2\n"
    "Start Date,End Date,Response Type,Response ID,Police treat people fairly.,"
    "I feel safe after dark.\n"
    '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}",'
    '"{""ImportId"":""status""}","{""ImportId"":""_recordId""}",'
    '"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\n'
    "2025-05-01 10:00:00,2025-05-01 10:05:00,IP Address,R_1,Somewhat agree,Strongly agree\n"
    "2025-05-01 11:00:00,2025-05-01 11:05:00,Survey Preview,R_2,Agree,Agree\n"
    "2025-05-02 10:00:00,2025-05-02 10:05:00,IP Address,R_1,Agree,Agree\n"
    "2025-05-03 10:00:00,2025-05-03 10:05:00,IP Address,R_3,Strongly disagree,\n"
)
MONKEY = (
    "Respondent ID,Collector ID,Start Date,End Date,Please rate:,,Anything else?\n"
    ",,,,Police treat people fairly.,I feel safe after dark.,Open-Ended Response\n"
    "1101,55,05/02/2025 10:00:00 AM,05/02/2025 10:04:00 AM,Very satisfied,Satisfied,\n"
    "1102,55,05/03/2025 10:00:00 AM,05/03/2025 10:04:00 AM,Very dissatisfied,"
    "Neither satisfied nor dissatisfied,ok\n"
)


def make(ws: Workspace) -> tuple[int, int, int]:
    survey_id = create_survey(ws, SurveyInput(
        name="Residents 2025", kind=SurveyKind.COMMUNITY_SATISFACTION, factors=(
            FactorInput("Trust", (QuestionInput("Police treat people fairly."),)),
            FactorInput("Safety", (QuestionInput("I feel safe after dark."),)),
        )))
    form = survey_form(ws, survey_id)
    return survey_id, form.data.factors[0].questions[0].id, form.data.factors[1].questions[0].id


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_answer_texts() -> None:
    assert [answer_value(t) for t in ("Strongly disagree", "disagree", "Neither agree nor "
            "disagree", "AGREE", "Strongly agree")] == [1, 2, 3, 4, 5]
    assert [answer_value(t) for t in ("Never", "Rarely", "Sometimes", "Often", "Always")] == [
        1, 2, 3, 4, 5]
    assert [answer_value(t) for t in ("Very dissatisfied", "Very satisfied", "3", "5.0",
                                      "5 - Strongly agree")] == [1, 5, 3, 5, 5]
    assert answer_value("") is None and answer_value("N/A") is None
    assert answer_value("Don't know") is None
    assert answer_value("Maybe", {"maybe": 3}) == 3
    assert answer_value("Don't know", {"don't know": 3}) == 3  # the user's mapping wins
    with pytest.raises(Unusable):
        answer_value("Maybe")
    with pytest.raises(Unusable):
        answer_value("0")


def test_google_forms_rows_are_skipped_with_reasons(ws: Workspace, tmp_path: Path) -> None:
    survey_id, fair, safe = make(ws)
    source = read_survey_file(write(tmp_path, "forms.csv", GOOGLE))
    assert source.layout == GOOGLE_FORMS and source.date_column == 0
    mapping = propose_mapping(ws, survey_id, source)
    assert mapping.columns == ((1, fair), (2, safe))
    preview = preview_survey_import(ws, survey_id, source, mapping)
    assert [r.row_number for r in preview.rows] == [2, 6]
    reasons = {s.row_number: s.reason for s in preview.skipped}
    assert "“Maybe” has no number" in reasons[3]
    assert "no answer" in reasons[4]
    assert "outside 1–5" in reasons[5]
    assert preview.unmapped == (("Maybe", 1),)
    assert preview.rows[0].responded_on == date(2025, 5, 2)
    # The user maps "Maybe" to 3: row 3 comes in.
    mapped = SurveyMapping(mapping.columns, (("maybe", 3),), mapping.date_column)
    preview = preview_survey_import(ws, survey_id, source, mapped)
    assert [r.row_number for r in preview.rows] == [2, 3, 6]
    result = run_survey_import(ws, preview)
    assert (result.responses_added, result.answers_added, result.rows_skipped) == (3, 6, 2)
    trust = survey_results(ws, survey_id).factors[0].score
    assert trust.mean == pytest.approx((5 + 2 + 4) / 3) and trust.respondents == 3


def test_qualtrics_three_header_rows_previews_and_repeats(ws: Workspace,
                                                         tmp_path: Path) -> None:
    survey_id, fair, safe = make(ws)
    source = read_survey_file(write(tmp_path, "q.csv", QUALTRICS_TEXT))
    assert source.layout == QUALTRICS and len(source.rows) == 4
    assert source.label(4) == "Q1 – Police treat people fairly."
    mapping = propose_mapping(ws, survey_id, source)
    assert mapping.columns == ((4, fair), (5, safe)) and mapping.date_column == 1
    preview = preview_survey_import(ws, survey_id, source, mapping)
    assert [r.respondent_ref for r in preview.rows] == ["R_1", "R_3"]
    reasons = [s.reason for s in preview.skipped]
    assert "preview" in reasons[0] and "same response id as line 4" in reasons[1]
    first = run_survey_import(ws, preview)
    assert first.batch_id is not None and first.responses_added == 2
    # The same file again adds nothing (and says so already in the preview).
    again = preview_survey_import(ws, survey_id, source, mapping)
    assert again.already_imported
    assert run_survey_import(ws, again).already_imported
    with ws.read() as session:
        assert session.scalar(select(func.count()).select_from(SurveyResponse)) == 2
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == AuditAction.IMPORT)) == 1
    [batch] = list_survey_imports(ws, survey_id)
    assert (batch.rows_read, batch.rows_added, batch.rows_skipped) == (4, 2, 2)
    assert undo_survey_import(ws, first.batch_id) == 2
    assert survey_results(ws, survey_id).responses == 0
    assert not list_survey_imports(ws, survey_id)[0].can_undo
    # After an undo the file may come in again.
    assert run_survey_import(ws, preview_survey_import(ws, survey_id, source, mapping)
                             ).responses_added == 2


def test_surveymonkey_two_header_rows(ws: Workspace, tmp_path: Path) -> None:
    survey_id, fair, safe = make(ws)
    source = read_survey_file(write(tmp_path, "sm.csv", MONKEY, "utf-8-sig"))
    assert source.layout == SURVEYMONKEY
    assert source.label(5) == "Please rate: – I feel safe after dark."
    mapping = propose_mapping(ws, survey_id, source)
    assert mapping.columns == ((4, fair), (5, safe))
    preview = preview_survey_import(ws, survey_id, source, mapping)
    assert [(r.respondent_ref, r.answers) for r in preview.rows] == [
        ("1101", ((fair, 5), (safe, 4))), ("1102", ((fair, 1), (safe, 3)))]
    assert preview.rows[1].responded_on == date(2025, 5, 3)


def test_a_plain_spreadsheet_and_bad_files(ws: Workspace, tmp_path: Path) -> None:
    source = read_survey_file(write(tmp_path, "s.csv", "Name;Q1\nAnn;4\n", "cp1252"))
    assert source.layout == SPREADSHEET and source.names == ("Name", "Q1")
    for name, data in (("empty.csv", b""), ("bin.csv", b"\x00\x01\x02" * 50),
                       ("only.csv", b"Timestamp,Q1\n"), ("book.csv", b"PK\x03\x04zzzz")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(SurveyImportError):
            read_survey_file(path)
    with pytest.raises(SurveyImportError):
        read_survey_file(tmp_path / "missing.csv")
