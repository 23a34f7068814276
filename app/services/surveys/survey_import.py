"""Import a survey export's responses into a survey: preview, import, undo.

    source = read_survey_file(path)                   # layout recognised
    mapping = propose_mapping(ws, survey_id, source)  # columns -> questions (editable)
    preview = preview_survey_import(ws, survey_id, source, mapping)
    result = run_survey_import(ws, preview)           # one transaction, one ImportBatch
    undo_survey_import(ws, result.batch_id)           # removes exactly what it added

A row is imported whole or skipped with its reason: no answer to any chosen question, an
answer text with no number (map it, or mark it as no answer), a number off the 1-5
scale, a Qualtrics preview/test/spam response, or a response id seen earlier in the
file. The same file imported again into the same survey adds nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    ImportBatch,
    ImportKind,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from app.models.base import fold
from app.services.errors import ValidationError
from app.services.import_batches import (
    ImportBatchRow,
    batch_row,
    batch_to_undo,
    batches_of_kind,
    mark_undone,
)
from app.services.permissions import Permission
from app.services.records import load
from app.services.surveys.survey_layouts import (
    SurveyFile,
    Unusable,
    answer_value,
    day_first,
    parse_day,
)
from app.services.workspace import Workspace

CHUNK = 500
REPORT_LINES = 2000
REF_LENGTH = 100
SKIPPED_STATUS = {"1", "2", "8", "9", "12", "17", "survey preview", "survey test", "spam",
                  "preview spam", "imported spam", "offline survey preview"}
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SurveyMapping:
    """Which column answers which question, and the user's own answer texts."""

    columns: tuple[tuple[int, int], ...]  # (column index, question id)
    answers: tuple[tuple[str, int | None], ...] = ()  # (answer text, 1-5 or None: no answer)
    date_column: int | None = None

    def answer_map(self) -> dict[str, int | None]:
        return {fold(text): value for text, value in self.answers}


@dataclass(frozen=True)
class ResponseRow:
    row_number: int
    responded_on: date | None
    respondent_ref: str
    answers: tuple[tuple[int, int], ...]  # (question id, 1-5 as given)


@dataclass(frozen=True)
class SkippedRow:
    row_number: int
    reason: str


@dataclass(frozen=True)
class SurveyImportPreview:
    survey_id: int
    survey_name: str
    source_name: str
    sha256: str
    layout: str
    encoding: str
    mapping: SurveyMapping
    rows: tuple[ResponseRow, ...]
    skipped: tuple[SkippedRow, ...]
    unmapped: tuple[tuple[str, int], ...]  # answer texts with no number, and how often
    already_imported_on: date | None = None

    @property
    def rows_read(self) -> int:
        return len(self.rows) + len(self.skipped)

    @property
    def already_imported(self) -> bool:
        return self.already_imported_on is not None


@dataclass(frozen=True)
class SurveyImportResult:
    batch_id: int | None  # None: nothing added (no batch recorded)
    rows_read: int
    responses_added: int
    answers_added: int
    rows_skipped: int
    already_imported: bool = False


@dataclass
class _Reasons:
    unmapped: Counter[str] = field(default_factory=Counter)


def propose_mapping(ws: Workspace, survey_id: int, source: SurveyFile) -> SurveyMapping:
    """Columns whose name or question text is a question's text (or contains it, as
    Google Forms grids do: "Rate these [Police respond quickly.]"), each used once."""
    with ws.read() as session:
        questions = session.execute(
            select(SurveyQuestion.id, SurveyQuestion.text)
            .where(SurveyQuestion.survey_id == survey_id).order_by(SurveyQuestion.position)
        ).all()
    taken: set[int] = set()
    columns: list[tuple[int, int]] = []
    for column in range(len(source.names)):
        labels = [fold(source.names[column]), fold(source.texts[column])]
        for question_id, text in questions:
            wanted = fold(text).rstrip(".?")
            if question_id in taken or not wanted:
                continue
            if any(label.rstrip(".?") == wanted or (len(wanted) > 12 and wanted in label)
                   for label in labels if label):
                columns.append((column, question_id))
                taken.add(question_id)
                break
    return SurveyMapping(tuple(columns), (), source.date_column)


def preview_survey_import(ws: Workspace, survey_id: int, source: SurveyFile,
                          mapping: SurveyMapping) -> SurveyImportPreview:
    with ws.read() as session:
        survey = load(session, Survey, survey_id, "survey")
        questions = set(session.scalars(
            select(SurveyQuestion.id).where(SurveyQuestion.survey_id == survey_id)))
        unknown = [q for _c, q in mapping.columns if q not in questions]
        if unknown:
            raise ValidationError.single(
                "columns", "A chosen question is no longer in this survey; reload it.")
        earlier = _previous(session, survey_id, source.sha256)
        name = survey.name
    if not mapping.columns:
        raise ValidationError.single("columns", "Choose at least one column to import as "
                                                "a question's answers.")
    rows, skipped, reasons = _read_rows(source, mapping)
    return SurveyImportPreview(
        survey_id, name, source.source_name, source.sha256, source.layout, source.encoding,
        mapping, tuple(rows), tuple(skipped), tuple(reasons.unmapped.most_common()),
        earlier.imported_at.date() if earlier is not None else None,
    )


def _read_rows(source: SurveyFile, mapping: SurveyMapping
               ) -> tuple[list[ResponseRow], list[SkippedRow], _Reasons]:
    texts = mapping.answer_map()
    reasons = _Reasons()
    dates = [source.cell(cells, mapping.date_column) for _n, cells in source.rows]
    dmy = day_first(dates)
    seen: dict[str, int] = {}
    rows: list[ResponseRow] = []
    skipped: list[SkippedRow] = []
    for (number, cells), when in zip(source.rows, dates, strict=True):
        status = fold(source.cell(cells, source.status_column))
        if status in SKIPPED_STATUS:
            skipped.append(SkippedRow(number, f"a {source.layout} preview, test or spam "
                                              f"response (status {status})"))
            continue
        ref = source.cell(cells, source.id_column)[:REF_LENGTH]
        if ref and ref in seen:
            skipped.append(SkippedRow(number, f"the same response id as line {seen[ref]} "
                                              f"({ref})"))
            continue
        answers: list[tuple[int, int]] = []
        problems: list[str] = []
        for column, question_id in mapping.columns:
            text = source.cell(cells, column)
            try:
                value = answer_value(text, texts)
            except Unusable as error:
                problems.append(f"{error} in {source.label(column)[:60]}")
                if "no number" in str(error):
                    reasons.unmapped[text] += 1
                continue
            if value is not None:
                answers.append((question_id, value))
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            skipped.append(SkippedRow(number, problems[0] + more))
            continue
        if not answers:
            skipped.append(SkippedRow(number, "no answer to any of the chosen questions"))
            continue
        if ref:
            seen[ref] = number
        rows.append(ResponseRow(number, parse_day(when, dmy), ref or f"line {number}",
                                tuple(answers)))
    return rows, skipped, reasons


def run_survey_import(ws: Workspace, preview: SurveyImportPreview,
                      progress: Progress | None = None) -> SurveyImportResult:
    """Add the preview's rows as one batch, in one transaction (all or nothing)."""
    ws.require(Permission.IMPORT, "survey import")
    total = len(preview.rows)
    with ws.write() as action:
        session = action.session
        load(session, Survey, preview.survey_id, "survey")
        if _previous(session, preview.survey_id, preview.sha256) is not None:
            return SurveyImportResult(None, preview.rows_read, 0, 0, preview.rows_read, True)
        if not preview.rows:
            return SurveyImportResult(None, preview.rows_read, 0, 0, preview.rows_read)
        batch = ImportBatch(
            kind=ImportKind.SURVEY, source_name=preview.source_name[:500],
            source_sha256=preview.sha256, layout=preview.layout[:100],
            imported_by=ws.user_name, rows_read=preview.rows_read, rows_added=total,
            rows_skipped=len(preview.skipped), report=_report(preview),
        )
        session.add(batch)
        session.flush()
        answers = 0
        for start in range(0, total, CHUNK):
            if progress is not None:
                progress(start, total)
            answers += _insert_chunk(session, preview, batch.id,
                                     preview.rows[start:start + CHUNK])
        if progress is not None:
            progress(total, total)
        action.audit(
            AuditAction.IMPORT, "import_batches", batch.id,
            {"file": preview.source_name, "layout": preview.layout, "survey": preview.survey_name,
             "survey_id": preview.survey_id, "rows_read": preview.rows_read,
             "responses_added": total, "answers_added": answers,
             "rows_skipped": len(preview.skipped)},
            f"Imported {total} survey responses from {preview.source_name}",
        )
        action.announce("survey_responses", set())
        action.announce("surveys", {preview.survey_id})
        return SurveyImportResult(batch.id, preview.rows_read, total, answers,
                                  len(preview.skipped))


def _insert_chunk(session: Session, preview: SurveyImportPreview, batch_id: int,
                  rows: tuple[ResponseRow, ...]) -> int:
    table: Any = SurveyResponse.__table__
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = list(session.execute(statement, [
        {"survey_id": preview.survey_id, "responded_on": r.responded_on,
         "respondent_ref": r.respondent_ref, "import_batch_id": batch_id}
        for r in rows
    ]).scalars())
    answers = [{"response_id": rid, "question_id": q, "value": v}
               for rid, row in zip(ids, rows, strict=True) for q, v in row.answers]
    if answers:
        session.execute(insert(SurveyAnswer.__table__), answers)
    return len(answers)


def undo_survey_import(ws: Workspace, batch_id: int) -> int:
    """Remove the responses (and their answers) the batch added; how many."""
    ws.require(Permission.IMPORT, "survey import")
    with ws.write() as action:
        session = action.session
        batch = batch_to_undo(session, batch_id, ImportKind.SURVEY,
                              "This import no longer exists.")
        added = select(SurveyResponse.id).where(SurveyResponse.import_batch_id == batch_id)
        removed = len(session.scalars(added).all())
        session.execute(delete(SurveyAnswer).where(SurveyAnswer.response_id.in_(added)))
        session.execute(delete(SurveyResponse).where(SurveyResponse.import_batch_id == batch_id))
        mark_undone(session, ws, batch)
        action.audit(AuditAction.UNDO_IMPORT, "import_batches", batch_id,
                     {"responses_removed": removed},
                     f"Undid the survey import of {batch.source_name}")
        action.announce("survey_responses", set())
        survey_id = _report_survey(batch)
        action.announce("surveys", {survey_id} if survey_id is not None else set())
        return removed


def list_survey_imports(ws: Workspace, survey_id: int | None = None) -> list[ImportBatchRow]:
    """Survey imports, newest first; only those into ``survey_id`` when given."""
    with ws.read() as session:
        return [batch_row(b) for b in batches_of_kind(session, ImportKind.SURVEY)
                if survey_id is None or _report_survey(b) == survey_id]


def _previous(session: Session, survey_id: int, sha256: str) -> ImportBatch | None:
    """The earlier import (not undone) of the same file into this survey."""
    for batch in session.scalars(select(ImportBatch).where(
        ImportBatch.kind == ImportKind.SURVEY, ImportBatch.source_sha256 == sha256,
        ImportBatch.undone_at.is_(None),
    )):
        if _report_survey(batch) == survey_id:
            return batch
    return None


def _report(preview: SurveyImportPreview) -> str:
    """Which survey the batch went into, and what was left out and why."""
    lines = [f"line {s.row_number}: {s.reason}" for s in preview.skipped]
    if len(lines) > REPORT_LINES:
        lines = [*lines[:REPORT_LINES], f"... and {len(lines) - REPORT_LINES} more"]
    return json.dumps({"survey_id": preview.survey_id, "survey": preview.survey_name,
                       "skipped": lines}, ensure_ascii=False)


def _report_survey(batch: ImportBatch) -> int | None:
    try:
        value = json.loads(batch.report or "{}").get("survey_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None
