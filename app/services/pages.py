"""Paging lists in SQL so that a 100,000-row table stays instant."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: Sequence[T]
    offset: int
    total: int


def fetch_page(
    session: Session,
    statement: Select[Any],
    to_row: Callable[[Any], T],
    offset: int = 0,
    limit: int = 200,
) -> Page[T]:
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    result = session.execute(statement.offset(offset).limit(limit))
    return Page(rows=[to_row(r) for r in result], offset=offset, total=total or 0)
