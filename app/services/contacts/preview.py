"""Read a contact file and show what importing it would do, changing nothing."""

from __future__ import annotations

from pathlib import Path

from app.services.contacts.classify import classify, directory_state, previous_batch
from app.services.contacts.mapping import ColumnMapping
from app.services.contacts.results import ImportPreview
from app.services.contacts.rows import check_row
from app.services.contacts.saved import load_mapping
from app.services.contacts.source import read_source
from app.services.workspace import Workspace

SAMPLE_ROWS = 1000  # columns empty in all of these show no sample


def preview_import(
    ws: Workspace, path: str | Path, mapping: ColumnMapping | None = None
) -> ImportPreview:
    """Every row of ``path`` as new, duplicate or error, with the layout and mapping used.

    ``mapping`` (for CSV and workbooks) overrides the proposed one; without it a mapping
    saved by an earlier import of the same header row is used, else the layout's own.
    Raises ``ContactImportError`` for a file that cannot be imported at all, and
    ``ValidationError`` (field "mapping") for a mapping that cannot work.
    """
    path = Path(path)
    source = read_source(path)
    with ws.read() as session:
        saved = None
        if source.is_table and mapping is None:
            saved = load_mapping(session, source.headers)
        use = mapping or saved or source.proposed
        if use is not None:
            use.check(len(source.headers))
        checked = [check_row(raw) for raw in source.contacts(use)]
        batch = previous_batch(session, source.sha256)
        imported_on = batch.imported_at if batch else None
        classified = classify(session, checked, imported_on)
        state = directory_state(session)
    return ImportPreview(
        path=path,
        source_name=path.name,
        sha256=source.sha256,
        format=source.format,
        encoding=source.encoding,
        layout=source.layout,
        headers=source.headers,
        proposed_mapping=source.proposed,
        mapping=use,
        mapping_saved=saved is not None,
        rows=classified.rows,
        already_imported=batch is not None,
        already_imported_on=imported_on,
        new_organizations=classified.new_organizations,
        directory_state=state,
        samples=_samples(source.headers, source.rows),
    )


def _samples(
    headers: tuple[str, ...], rows: tuple[tuple[int, tuple[str, ...]], ...]
) -> tuple[str, ...]:
    """The first non-blank value of each column (within the first rows), for a mapping
    editor to show."""
    found = [""] * len(headers)
    missing = set(range(len(headers)))
    for _number, cells in rows[:SAMPLE_ROWS]:
        for column in [c for c in missing if c < len(cells) and cells[c].strip()]:
            found[column] = cells[column].strip()
            missing.discard(column)
        if not missing:
            break
    return tuple(found)
