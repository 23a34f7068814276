"""The Initiatives page's detail panel: an initiative at a glance (all user text escaped)."""

from __future__ import annotations

from html import escape

from app.services.expenditures import ResourceTotals
from app.services.goal_status import GoalStatus
from app.services.initiative_editing import InitiativeForm
from app.services.initiative_goals import number_text
from app.services.initiatives import CONTRIBUTION_LABELS, KIND_LABELS, SARA_STAGE_LABELS
from app.services.money import format_money
from app.ui.dialogs.initiative_goals_tab import STATUS_COLOURS
from app.ui.formatting import display

MUTED = "color:#555"


def _facts(pairs: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td style='{MUTED};padding-right:8px'>{escape(k)}</td>"
                   f"<td>{escape(v)}</td></tr>" for k, v in pairs if v)
    return f"<table>{rows}</table>"


def initiative_html(form: InitiativeForm, totals: ResourceTotals) -> str:
    data = form.data
    badge = " <span style='color:#b3261e'>(archived)</span>" if form.archived else ""
    period = ""
    if data.starts_on or data.ends_on:
        period = f"{display(data.starts_on) or '…'} – {display(data.ends_on) or 'ongoing'}"
    parts = [
        f"<h2>{escape(data.name)}{badge}</h2>",
        f"<div style='{MUTED}'>{escape(KIND_LABELS[data.kind])} · "
        f"{escape(display(data.status))}</div>",
        _facts([("When", period), ("Area", form.area_name),
                ("Compared with", form.comparison_area_name),
                ("Lead", form.lead_organization_name)]),
    ]
    if data.description:
        parts.append(f"<p>{escape(data.description)}</p>")
    over = totals.over_budget
    colour = "color:#b3261e;" if over else ""
    parts.append("<h4>Resources</h4>"
                 f"<p><b style='{colour}'>{escape(totals.describe())}</b><br>"
                 f"In-kind {format_money(totals.in_kind_cents)} · volunteer hours "
                 f"{totals.volunteer_hours:,.1f} · {totals.count} entries</p>")
    parts.append(f"<h4>Partners ({len(data.partners)})</h4>")
    items = []
    for p in data.partners:
        role = f" — {escape(p.role)}" if p.role else ""
        gives = ", ".join(CONTRIBUTION_LABELS[c] for c in p.contributions)
        contact = f"<br><span style='{MUTED}'>Contact: {escape(p.contact_name)}</span>" \
            if p.contact_name else ""
        items.append(f"<li><b>{escape(p.organization_name)}</b>{role}"
                     f"{'<br>' + escape(gives) if gives else ''}{contact}</li>")
    parts.append(f"<ul>{''.join(items)}</ul>" if items else f"<p style='{MUTED}'>None.</p>")
    summary = goal_summary(form)
    parts.append(f"<h4>Goals ({len(data.goals)})</h4>"
                 + (f"<p style='{MUTED}'>{escape(summary)}</p>" if summary else ""))
    goals = []
    for g in data.goals:
        status = g.status
        latest = g.latest
        now = f"{number_text(latest.value, g.unit)} on {display(latest.measured_on)}" \
            if latest else "no measurement yet"
        goals.append(
            f"<li>{escape(g.name)}: <b style='color:{STATUS_COLOURS[status]}'>"
            f"{escape(status.label)}</b><br><span style='{MUTED}'>"
            f"{escape(number_text(g.baseline, g.unit) or '—')} → "
            f"{escape(number_text(g.target, g.unit) or '—')}; {escape(now)}</span></li>")
    parts.append(f"<ul>{''.join(goals)}</ul>" if goals else f"<p style='{MUTED}'>None.</p>")
    if data.sara is not None:
        parts.append(f"<h4>SARA</h4><p>Stage: {escape(SARA_STAGE_LABELS[data.sara.stage])}</p>")
    if data.sensitive_notes:
        parts.append(f"<h4>Sensitive notes</h4><p>{escape(data.sensitive_notes)}</p>")
    return "".join(parts)


def goal_summary(form: InitiativeForm) -> str:
    counts = {s: 0 for s in GoalStatus}
    for goal in form.data.goals:
        counts[goal.status] += 1
    return ", ".join(f"{n} {s.label.lower()}" for s, n in counts.items() if n)
