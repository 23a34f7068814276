"""The partner directory: organizations, people, their affiliations and tags."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    event,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.models.base import ArchivableMixin, Base, IdMixin, Name, Record, enum_type, fold


class OrganizationKind(enum.Enum):
    LAW_ENFORCEMENT = "law_enforcement"
    NONPROFIT = "nonprofit"
    SCHOOL = "school"
    BUSINESS = "business"
    FAITH_BASED = "faith_based"
    GOVERNMENT = "government"
    HEALTH = "health"
    RESIDENT_GROUP = "resident_group"
    OTHER = "other"

    @property
    def label(self) -> str:
        return ORGANIZATION_KIND_LABELS[self]


ORGANIZATION_KIND_LABELS = {
    OrganizationKind.LAW_ENFORCEMENT: "Law enforcement",
    OrganizationKind.NONPROFIT: "Nonprofit",
    OrganizationKind.SCHOOL: "School",
    OrganizationKind.BUSINESS: "Business",
    OrganizationKind.FAITH_BASED: "Faith-based",
    OrganizationKind.GOVERNMENT: "Government",
    OrganizationKind.HEALTH: "Health / mental health",
    OrganizationKind.RESIDENT_GROUP: "Resident group",
    OrganizationKind.OTHER: "Other",
}


class ContactMethod(enum.Enum):
    EMAIL = "email"
    PHONE = "phone"
    MOBILE = "mobile"
    TEXT = "text"
    MAIL = "mail"
    IN_PERSON = "in_person"


person_tags = Table(
    "person_tags",
    Base.metadata,
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Organization(Record, ArchivableMixin, Base):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(Name)
    kind: Mapped[OrganizationKind] = mapped_column(enum_type(OrganizationKind))
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    sort_name: Mapped[str] = mapped_column(String(200), default="")
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL"), index=True
    )

    affiliations: Mapped[list[Affiliation]] = relationship(back_populates="organization")

    __table_args__ = (
        CheckConstraint("trim(name) <> ''", name="name_required"),
        Index("ix_organizations_name", "name"),
        Index("ix_organizations_sort_name", "sort_name"),
        Index("ix_organizations_kind_archived", "kind", "archived_at"),
    )


class Person(Record, ArchivableMixin, Base):
    __tablename__ = "people"

    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(150), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    mobile: Mapped[str] = mapped_column(String(40), default="")
    preferred_contact: Mapped[ContactMethod | None] = mapped_column(enum_type(ContactMethod))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Visible only to users allowed to see sensitive notes; left out of exports by default.
    sensitive_notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Kept by reindex_people: the primary organization's name, and sort keys that order
    # names as people expect (case and accents folded; SQLite sorts raw bytes otherwise).
    organization_name: Mapped[str] = mapped_column(String(200), default="")
    organization_sort: Mapped[str] = mapped_column(String(200), default="")
    sort_name: Mapped[str] = mapped_column(String(250), default="")
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL"), index=True
    )

    affiliations: Mapped[list[Affiliation]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=person_tags, back_populates="people")

    __table_args__ = (
        CheckConstraint("trim(first_name) <> '' OR trim(last_name) <> ''", name="name_required"),
        Index("ix_people_sort_name", "sort_name"),
        Index("ix_people_email", "email"),
        Index("ix_people_organization_sort", "organization_sort", "sort_name"),
    )

    @property
    def full_name(self) -> str:
        return person_name(self.first_name, self.last_name)


class Affiliation(IdMixin, Base):
    __tablename__ = "affiliations"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[str] = mapped_column(String(150), default="")
    since: Mapped[date | None]
    until: Mapped[date | None]
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship(back_populates="affiliations")
    organization: Mapped[Organization] = relationship(back_populates="affiliations")

    __table_args__ = (
        CheckConstraint("until IS NULL OR since IS NULL OR until >= since", name="dates_ordered"),
        UniqueConstraint("person_id", "organization_id", "role"),
        # Covers matching people to their organizations on a date (evaluation).
        Index("ix_affiliations_person_org_dates", "person_id", "organization_id", "since",
              "until"),
    )


class Tag(IdMixin, Base):
    __tablename__ = "tags"

    name: Mapped[str] = mapped_column(String(80), unique=True)

    people: Mapped[list[Person]] = relationship(secondary=person_tags, back_populates="tags")

    __table_args__ = (CheckConstraint("trim(name) <> ''", name="name_required"),)


def person_name(first_name: str | None, last_name: str | None) -> str:
    """How a person is named in lists: given name(s), then family name."""
    return " ".join(p for p in (first_name, last_name) if p)


def _digits(text: str | None) -> str:
    return "".join(c for c in text or "" if c.isdigit())


def _joined(parts: list[str | None]) -> str:
    return " ".join(p for p in parts if p)


PERSON_TEXT_FIELDS = ("first_name", "last_name", "title", "email", "notes")
PERSON_PHONE_FIELDS = ("phone", "mobile")
ORGANIZATION_TEXT_FIELDS = ("name", "email", "website", "city", "notes")
ORGANIZATION_PHONE_FIELDS = ("phone",)
Fields = Mapping[str, Any] | object


def _search_text(record: Fields, text_fields: tuple[str, ...], phones: tuple[str, ...]) -> str:
    if isinstance(record, Mapping):
        values = [record.get(f) for f in (*text_fields, *phones)]
    else:
        values = [getattr(record, f) for f in (*text_fields, *phones)]
    words = fold(_joined(values[: len(text_fields)]))
    return _joined([words, *(_digits(v) for v in values[len(text_fields) :])])


def person_search_text(person: Fields, organization_names: Iterable[str] = ()) -> str:
    """``people.search_text`` for a Person or a row dict (bulk inserts use the latter).

    It carries the names of the person's organizations too, so that one scan of one
    column answers a search for "harbor" with everyone at the Harbor Youth Center.
    """
    own = _search_text(person, PERSON_TEXT_FIELDS, PERSON_PHONE_FIELDS)
    return _joined([own, fold(_joined(list(organization_names)))])


def _value(record: Fields, field: str) -> Any:
    return record.get(field) if isinstance(record, Mapping) else getattr(record, field)


def person_sort_name(record: Fields) -> str:
    """Family name, then given name, folded: "núñez jose" sorts beside "nunez ana"."""
    return f"{fold(_value(record, 'last_name'))} {fold(_value(record, 'first_name'))}".strip()


def person_index(
    person: Fields, organization_names: Iterable[str] = (), primary: str = ""
) -> dict[str, str]:
    """Every derived column of a person row (bulk inserts use this with row dicts)."""
    names = list(organization_names)
    return {
        "search_text": person_search_text(person, names),
        "sort_name": person_sort_name(person),
        "organization_name": primary,
        "organization_sort": fold(primary),
    }


def organization_index(org: Fields) -> dict[str, str]:
    """Every derived column of an organization row."""
    return {"search_text": organization_search_text(org), "sort_name": fold(_value(org, "name"))}


def organization_search_text(org: Fields) -> str:
    """``organizations.search_text`` for an Organization or a row dict."""
    return _search_text(org, ORGANIZATION_TEXT_FIELDS, ORGANIZATION_PHONE_FIELDS)


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _index_person(mapper: object, connection: object, target: Person) -> None:
    # Organization names and sort keys follow in _reindex_people, after the flush.
    target.search_text = person_search_text(target)
    target.sort_name = person_sort_name(target)


@event.listens_for(Session, "after_flush")
def _reindex_people(session: Session, context: object) -> None:
    """Add organization names to the search text of everyone whose links just changed."""
    people: set[int] = set()
    renamed: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Affiliation) and obj.person_id is not None:
            people.add(obj.person_id)
        elif isinstance(obj, Person) and obj not in session.deleted and obj.id is not None:
            people.add(obj.id)
        elif (
            isinstance(obj, Organization)
            and obj in session.dirty
            and inspect(obj).attrs.name.history.has_changes()
        ):
            renamed.add(obj.id)
    connection = session.connection()
    if renamed:
        members = select(Affiliation.person_id).where(Affiliation.organization_id.in_(renamed))
        people.update(connection.scalars(members))
    if people:
        reindex_people(connection, people)


def reindex_people(connection: Connection, person_ids: Iterable[int]) -> None:
    """Recompute the derived columns (see person_index) of these people in SQL."""
    ids = sorted(person_ids)
    table = Person.__table__
    fields = [table.c[f] for f in (*PERSON_TEXT_FIELDS, *PERSON_PHONE_FIELDS)]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        names: dict[int, list[str]] = {}
        primary: dict[int, str] = {}
        memberships = (
            select(Affiliation.person_id, Organization.name, Affiliation.is_primary)
            .join(Organization, Organization.id == Affiliation.organization_id)
            .where(Affiliation.person_id.in_(chunk))
            .order_by(Affiliation.id)
            # PostgreSQL: wait for a concurrent rename of these organizations to commit,
            # so the names copied into the search text are never the old ones.
            .with_for_update(read=True, of=Organization)
        )
        for person_id, name, is_primary in connection.execute(memberships):
            names.setdefault(person_id, []).append(name)
            if is_primary or person_id not in primary:
                primary[person_id] = name
        rows = connection.execute(select(table.c.id, *fields).where(table.c.id.in_(chunk)))
        updates = [
            {
                "pid": row.id,
                **{
                    f"new_{column}": value
                    for column, value in person_index(
                        row._mapping, names.get(row.id, ()), primary.get(row.id, "")
                    ).items()
                },
            }
            for row in rows
        ]
        if updates:
            derived = [c for c in updates[0] if c.startswith("new_")]
            statement = (
                update(table)
                .where(table.c.id == bindparam("pid"))
                .values(
                    {column[4:]: bindparam(column) for column in derived}
                    # an index, not an edit by the user: the record's time stays
                    | {"updated_at": table.c.updated_at}
                )
            )
            connection.execute(statement, updates)


@event.listens_for(Organization, "before_insert")
@event.listens_for(Organization, "before_update")
def _index_organization(mapper: object, connection: object, target: Organization) -> None:
    for column, value in organization_index(target).items():
        setattr(target, column, value)
