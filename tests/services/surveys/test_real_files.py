"""The shared real exports (read from real-data/survey, never copied here): imported with
chosen columns and answer texts, then every factor mean and n compared with a
computation made here from the raw rows with the csv module."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.models import SurveyKind
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
    preview_survey_import,
    propose_mapping,
    run_survey_import,
)
from app.services.surveys.survey_layouts import GOOGLE_FORMS, QUALTRICS, read_survey_file
from app.services.workspace import Workspace

OSMI = "osmi_mental_health_in_tech_2014_survey.csv"
# Factor -> [(column, reversed)]; the answer texts each column uses are mapped below.
FACTORS = {
    "Interference": [("work_interfere", True)],  # Never/Rarely/Sometimes/Often (built in)
    "Openness": [("coworkers", False), ("supervisor", False)],
    "Support": [("leave", False), ("benefits", False), ("seek_help", False)],
}
TEXTS: dict[str, int | None] = {
    "Yes": 5, "Some of them": 3, "No": 1,
    "Very easy": 5, "Somewhat easy": 4, "Somewhat difficult": 2, "Very difficult": 1,
    "Don't know": None, "NA": None,
}
BUILT_IN = {"Never": 1, "Rarely": 2, "Sometimes": 3, "Often": 4}


def expected(path: Path) -> dict[str, tuple[float, int, int]]:
    """Factor -> (mean over respondents, respondents, answers), straight from the file."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1259
    out = {}
    for factor, columns in FACTORS.items():
        scores, answers = [], 0
        for row in rows:
            values = []
            for column, reverse in columns:
                text = row[column].strip()
                value = TEXTS[text] if text in TEXTS else BUILT_IN[text]
                if value is not None:
                    values.append(6 - value if reverse else value)
            if values:
                scores.append(sum(values) / len(values))
                answers += len(values)
        out[factor] = (sum(scores) / len(scores), len(scores), answers)
    return out


def test_osmi_factor_means_equal_a_recomputation(ws: Workspace, survey_data: Path) -> None:
    path = survey_data / OSMI
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    survey_id = create_survey(ws, SurveyInput(
        name="OSMI 2014", kind=SurveyKind.CUSTOM, factors=tuple(
            FactorInput(f, tuple(QuestionInput(c, r) for c, r in columns))
            for f, columns in FACTORS.items())))
    ids = {q.text: q.id for f in survey_form(ws, survey_id).data.factors for q in f.questions}
    source = read_survey_file(path)
    assert source.layout == GOOGLE_FORMS and len(source.rows) == 1259
    proposed = propose_mapping(ws, survey_id, source)
    assert {source.names[c] for c, _q in proposed.columns} == set(ids)
    # Without the answer texts mapped, rows are skipped with reasons, not zeroed.
    bare = preview_survey_import(ws, survey_id, source, proposed)
    assert bare.skipped and dict(bare.unmapped)["Yes"] > 0
    mapping = SurveyMapping(proposed.columns, tuple(TEXTS.items()), proposed.date_column)
    preview = preview_survey_import(ws, survey_id, source, mapping)
    assert not preview.unmapped
    assert len(preview.rows) + len(preview.skipped) == 1259
    result = run_survey_import(ws, preview)
    results = survey_results(ws, survey_id)
    assert results.responses == result.responses_added == len(preview.rows)
    want = expected(path)
    for factor in results.factors:
        mean, respondents, answers = want[factor.name]
        assert factor.score.mean == pytest.approx(mean, abs=1e-12)
        assert (factor.score.respondents, factor.score.answers) == (respondents, answers)
        assert sum(factor.score.distribution) == answers
    # Per question: mean and n of one column, from the raw rows again.
    with path.open(encoding="utf-8", newline="") as handle:
        raw = [row["coworkers"] for row in csv.DictReader(handle)]
    values = [TEXTS[t] for t in raw if TEXTS.get(t) is not None]
    coworkers = next(q for q in results.questions if q.text == "coworkers").score
    assert coworkers.mean == pytest.approx(sum(values) / len(values))
    assert coworkers.respondents == len(values)


def test_qualtrics_sample_with_three_header_rows(ws: Workspace, survey_data: Path) -> None:
    path = survey_data / "qualtrics_sample.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    survey_id = create_survey(ws, SurveyInput(
        name="Sample", kind=SurveyKind.CUSTOM, factors=(FactorInput("Choice", (
            QuestionInput("This is a multiple choice question."),)),)))
    source = read_survey_file(path)
    assert source.layout == QUALTRICS
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    data = rows[3:]
    column = rows[0].index("Q1")
    values = [int(r[column]) for r in data if r[column].strip()]
    mapping = propose_mapping(ws, survey_id, source)
    assert [source.names[c] for c, _q in mapping.columns] == ["Q1"]
    preview = preview_survey_import(ws, survey_id, source, mapping)
    assert [r.respondent_ref for r in preview.rows] == [r[rows[0].index("ResponseId")]
                                                       for r in data]
    run_survey_import(ws, preview)
    score = survey_results(ws, survey_id).factors[0].score
    assert score.mean == pytest.approx(sum(values) / len(values))
    assert score.respondents == len(values)
