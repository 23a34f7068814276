"""Crime statistics: the agency's own areas, offense categories and monthly counts."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, Name, enum_type


class AreaKind(enum.Enum):
    BEAT = "beat"
    DISTRICT = "district"
    WARD = "ward"
    NEIGHBORHOOD = "neighborhood"
    LSOA = "lsoa"
    CITY = "city"
    OTHER = "other"


class Area(IdMixin, Base):
    __tablename__ = "areas"

    name: Mapped[str] = mapped_column(Name, unique=True)
    kind: Mapped[AreaKind] = mapped_column(enum_type(AreaKind), default=AreaKind.OTHER)
    population: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("trim(name) <> ''", name="name_required"),
        CheckConstraint("population IS NULL OR population >= 0", name="population_positive"),
    )


class AreaNeighbor(Base):
    """Two areas that share a border, stored once (lower id first): where displaced crime
    would show up when an initiative's target area improves."""

    __tablename__ = "area_neighbors"

    area_id: Mapped[int] = mapped_column(
        ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True
    )
    neighbor_id: Mapped[int] = mapped_column(
        ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    __table_args__ = (CheckConstraint("area_id < neighbor_id", name="stored_once"),)


class OffenseCategory(IdMixin, Base):
    __tablename__ = "offense_categories"

    name: Mapped[str] = mapped_column(Name, unique=True)

    __table_args__ = (CheckConstraint("trim(name) <> ''", name="name_required"),)


class CrimeCount(IdMixin, Base):
    """Incidents of one category in one area in one calendar month (``month`` is its 1st)."""

    __tablename__ = "crime_counts"

    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(
        ForeignKey("offense_categories.id", ondelete="CASCADE"), index=True
    )
    month: Mapped[date]
    count: Mapped[int] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )

    area: Mapped[Area] = relationship()
    category: Mapped[OffenseCategory] = relationship()

    __table_args__ = (
        UniqueConstraint("area_id", "category_id", "month", "import_batch_id"),
        # Counts entered by hand (no batch): one per cell, which NULLs above cannot enforce.
        Index(
            "uq_crime_counts_manual_cell",
            "area_id",
            "category_id",
            "month",
            unique=True,
            sqlite_where=text("import_batch_id IS NULL"),
            postgresql_where=text("import_batch_id IS NULL"),
        ),
        CheckConstraint("count >= 0", name="count_positive"),
        Index("ix_crime_counts_area_month", "area_id", "month"),
    )
