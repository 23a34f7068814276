"""Results: means over respondents, n of answered only, reversal, bands, periods, scope."""

from __future__ import annotations

from datetime import date

import pytest

from app.models import Initiative, InitiativeKind, SurveyKind
from app.services.errors import ValidationError
from app.services.evaluation_scope import EvaluationScope, Period
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
    delete_response,
    list_responses,
    response_form,
    update_response,
)
from app.services.surveys.results import (
    BORDERLINE_FROM,
    STRENGTH_FROM,
    Band,
    band_for,
    survey_results,
    surveys_for_scope,
)
from app.services.workspace import Workspace


def make(ws: Workspace, initiative_id: int | None = None) -> tuple[int, list[int]]:
    survey_id = create_survey(ws, SurveyInput(
        name="Watch survey", kind=SurveyKind.CUSTOM, initiative_id=initiative_id,
        factors=(
            FactorInput("Safety", (QuestionInput("Safe at night."),
                                   QuestionInput("I avoid streets.", True),
                                   QuestionInput("Safer than last year."))),
            FactorInput("Trust", (QuestionInput("Police are fair."),)),
            FactorInput("Unasked", (QuestionInput("Never answered."),)),
        )))
    form = survey_form(ws, survey_id)
    return survey_id, [q.id for f in form.data.factors for q in f.questions]


def test_factor_mean_is_over_respondents_and_blanks_are_not_zero(ws: Workspace) -> None:
    survey_id, (safe, avoid, safer, fair, _never) = make(ws)
    # Respondent A answers all three safety questions; B only one (the reversed one).
    create_response(ws, survey_id, ResponseInput({safe: 5, avoid: 1, safer: 3, fair: 4},
                                                 date(2025, 3, 2), "A"))
    create_response(ws, survey_id, ResponseInput({avoid: 4}, date(2025, 6, 9), "B"))
    create_response(ws, survey_id, ResponseInput({fair: 2}, date(2025, 6, 10), "C"))
    results = survey_results(ws, survey_id)
    safety, trust, unasked = results.factors
    # A: (5 + (6-1) + 3) / 3 = 4.333...; B: 6-4 = 2 -> factor mean (4.333 + 2) / 2.
    assert safety.score.mean == pytest.approx((13 / 3 + 2) / 2)
    assert (safety.score.respondents, safety.score.answers) == (2, 4)
    assert safety.score.distribution == (0, 1, 1, 0, 2)
    assert safety.score.band is Band.BORDERLINE
    # Per question: the reversed one's mean is over 6 - answer.
    by_text = {q.text: q.score for q in results.questions}
    assert by_text["I avoid streets."].mean == pytest.approx((5 + 2) / 2)
    assert by_text["Safe at night."].respondents == 1
    assert trust.score.mean == pytest.approx(3.0) and trust.score.respondents == 2
    assert unasked.score.mean is None and unasked.score.band is Band.NO_DATA
    assert unasked.score.mean_text == "no data" and unasked.score.respondents == 0
    assert results.responses == 3
    # A period keeps only the responses given in it.
    june = survey_results(ws, survey_id, Period(date(2025, 6, 1), date(2025, 6, 30)))
    assert june.responses == 2
    assert june.factors[0].score.mean == pytest.approx(2.0)
    assert june.factors[1].score.mean == pytest.approx(2.0)
    assert june.factors[0].score.band is Band.CONCERN


def test_bands_use_the_mean_as_shown() -> None:
    assert (STRENGTH_FROM, BORDERLINE_FROM) == (4.0, 3.0)
    assert band_for(4.0) is Band.STRENGTH
    assert band_for(3.996) is Band.STRENGTH  # shown as 4.00
    assert band_for(3.99) is Band.BORDERLINE
    assert band_for(3.0) is Band.BORDERLINE
    assert band_for(2.99) is Band.CONCERN
    assert band_for(None) is Band.NO_DATA


def test_responses_are_edited_and_deleted(ws: Workspace) -> None:
    survey_id, (safe, avoid, _safer, fair, _never) = make(ws)
    response_id = create_response(ws, survey_id, ResponseInput({safe: 2, fair: 3}))
    opened = response_form(ws, response_id)
    assert opened.version == 1
    update_response(ws, response_id, ResponseInput({safe: 4, avoid: 5}, date(2025, 1, 3),
                                                   " R-7 "), opened.version)
    form = response_form(ws, response_id)
    assert dict(form.data.answers) == {safe: 4, avoid: 5}
    assert form.data.respondent_ref == "R-7" and not form.imported
    [row] = list_responses(ws, survey_id)
    assert (row.answers, row.responded_on) == (2, date(2025, 1, 3))
    with pytest.raises(ValidationError) as caught:
        update_response(ws, response_id, ResponseInput({safe: 6}), form.version)
    assert f"answer_{safe}" in caught.value.errors
    with pytest.raises(ValidationError):
        create_response(ws, survey_id, ResponseInput({}))
    delete_response(ws, response_id)
    assert list_responses(ws, survey_id) == []
    assert survey_results(ws, survey_id).factors[0].score.mean is None


def test_surveys_for_scope(ws: Workspace) -> None:
    with ws.write() as action:
        initiative = Initiative(name="Eastside watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        action.session.add(initiative)
        action.session.flush()
        initiative_id = initiative.id
    mine, (safe, *_rest) = make(ws, initiative_id)
    other, _ = make(ws)
    create_response(ws, mine, ResponseInput({safe: 3}, date(2025, 2, 1)))
    create_response(ws, mine, ResponseInput({safe: 3}, date(2024, 2, 1)))
    year = Period.year(2025)
    rows = surveys_for_scope(ws, EvaluationScope(year, initiative_id))
    assert [(r.id, r.initiative, r.responses, r.responses_in_period) for r in rows] == [
        (mine, "Eastside watch", 2, 1)]
    assert {r.id for r in surveys_for_scope(ws, EvaluationScope(year))} == {mine, other}
