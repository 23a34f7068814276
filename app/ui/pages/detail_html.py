"""The detail panel's HTML for a person or an organization (all user text escaped)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from app.services.action_items import OpenAction
from app.services.directory_detail import Link, OrganizationDetail, PersonDetail
from app.ui.formatting import display

EMPTY = "<p style='color:#777'>None.</p>"


def _section(title: str, items: Iterable[str]) -> str:
    lines = [f"<li>{item}</li>" for item in items]
    body = f"<ul>{''.join(lines)}</ul>" if lines else EMPTY
    return f"<h4>{escape(title)}</h4>{body}"


def _facts(pairs: Iterable[tuple[str, str]]) -> str:
    rows = "".join(
        f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in pairs
        if v
    )
    return f"<table>{rows}</table>"


def _link(link: Link) -> str:
    text = escape(link.name)
    if link.role:
        text += f" — {escape(link.role)}"
    if link.since or link.until:
        period = f"{display(link.since) or '…'} – {display(link.until) or 'now'}"
        text += f" <span style='color:#777'>({period})</span>"
    return text


def _action(item: OpenAction) -> str:
    due = f" <b>due {display(item.due_on)}</b>" if item.due_on else ""
    owner = f" ({escape(item.owner)})" if item.owner else ""
    return f"{escape(item.description)}{owner}{due}"


def _title(name: str, archived: bool, subtitle: str) -> str:
    badge = " <span style='color:#b3261e'>(archived)</span>" if archived else ""
    sub = f"<div style='color:#555'>{escape(subtitle)}</div>" if subtitle else ""
    return f"<h2>{escape(name)}{badge}</h2>{sub}"


def person_html(p: PersonDetail) -> str:
    rate = p.attendance_rate
    attendance = (
        f"Present at {p.meetings_present} of {p.meetings_invited} meetings ({rate:.0%})"
        if rate is not None
        else "Not invited to any meeting held so far."
    )
    meetings = [
        f"{escape(display(m.starts_at))}: {escape(m.title)} — {escape(display(m.status))}"
        for m in p.recent_meetings
    ]
    trainings = [
        f"{escape(t.course)} — "
        + (f"completed {display(t.completed_on)}" if t.completed_on else escape(display(t.status)))
        + (f", expires {display(t.expires_on)}" if t.expires_on else "")
        for t in p.trainings
    ]
    return "".join(
        [
            _title(p.name, p.archived, p.title),
            _facts(
                [
                    ("E-mail", p.email),
                    ("Phone", p.phone),
                    ("Mobile", p.mobile),
                    ("Tags", ", ".join(p.tags)),
                    ("Notes", p.notes),
                ]
            ),
            _section("Organizations", (_link(o) for o in p.organizations)),
            _section("Initiatives and roles", (_link(i) for i in p.initiatives)),
            f"<h4>Meetings</h4><p>{escape(attendance)}</p>",
            _section("Recent meetings", meetings) if meetings else "",
            _section("Trainings and certifications", trainings),
            _section("Open action items", (_action(a) for a in p.open_actions)),
        ]
    )


def organization_html(o: OrganizationDetail) -> str:
    return "".join(
        [
            _title(o.name, o.archived, display(o.kind)),
            _facts(
                [
                    ("E-mail", o.email),
                    ("Phone", o.phone),
                    ("Website", o.website),
                    ("Address", o.address),
                    ("Notes", o.notes),
                ]
            ),
            _section(f"People ({len(o.people)})", (_link(p) for p in o.people)),
            _section("Initiatives and roles", (_link(i) for i in o.initiatives)),
            f"<h4>Engagement</h4><p>{o.meetings_attended} meeting attendances and "
            f"{o.training_completions} completed trainings by its people.</p>",
            _section("Open action items of its people", (_action(a) for a in o.open_actions)),
        ]
    )
