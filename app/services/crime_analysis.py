"""Crime before and after an initiative starts, against a comparison area and next door.

Decisions (the Evaluation page's Crime tab repeats them to the user):
- The month the initiative starts is the first "after" month; the "before" window is the
  same number of months just before it.
- Only complete months are used: the after window ends with the last month before today's
  month, and with the target area's latest month with counts. When fewer months than asked
  for are available, both windows shrink to that many months, and the result says so.
- A month is "covered" for an area when any crime count row exists for that area and
  month, in any category. Uncovered months are "no data", never 0; rates are per covered
  month, so a window with 10 of 12 months covered is compared fairly, and a window with no
  covered month at all has no figures.
- Counts are sums of every row (counts of an undone import are deleted, not flagged).
- The category filter limits what is counted, not what counts as covered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, selectinload

from app.models import Area, CrimeCount, Initiative, OffenseCategory
from app.services.areas import neighbor_map
from app.services.dates import add_months
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.rate_ratio import RateRatio, percent_change, rate_ratio, ratio_of_ratios
from app.services.records import load
from app.services.workspace import Workspace

DEFAULT_MONTHS = 12
MAX_MONTHS = 60
COVERAGE_NOTE = (
    "A month counts only if the area has crime counts for it (in any category); months "
    "without any are shown as no data, not as 0, and rates are per month counted."
)
START_NOTE = "The month the initiative starts is the first month after."
CAUSE_NOTE = "A before/after difference shows what changed, not what caused it."


@dataclass(frozen=True)
class Window:
    first: date  # first day of the first month
    last: date  # first day of the last month
    months: int

    def label(self) -> str:
        if self.first == self.last:
            return f"{self.first:%b %Y}"
        return f"{self.first:%b %Y} – {self.last:%b %Y}"

    def month_list(self) -> list[date]:
        return [add_months(self.first, i) for i in range(self.months)]


@dataclass(frozen=True)
class AreaChange:
    """One area's counts in the two windows; ``before``/``after`` None: no month covered."""

    area_id: int
    area_name: str
    before: int | None
    after: int | None
    before_covered: int
    after_covered: int
    percent_change: float | None  # per month counted; None when it cannot be computed
    rate_ratio: RateRatio
    note: str = ""  # e.g. "also the comparison area"


@dataclass(frozen=True)
class TrendSeries:
    name: str
    values: tuple[int | None, ...]  # None: no crime counts that month


@dataclass(frozen=True)
class Trend:
    months: tuple[date, ...]
    series: tuple[TrendSeries, ...]


@dataclass(frozen=True)
class PrePost:
    initiative_id: int
    initiative_name: str
    starts_on: date | None
    months_asked: int
    categories: tuple[str, ...]  # names of the chosen categories; () = all
    problem: str  # "" or why there is no analysis (no area, no start, not started yet)
    area_name: str = ""  # the target area's, "" when none is set
    before: Window | None = None
    after: Window | None = None
    target: AreaChange | None = None
    comparison: AreaChange | None = None
    did: RateRatio | None = None  # target's rate ratio over the comparison's
    displacement: tuple[AreaChange, ...] = ()
    trend: Trend | None = None
    sentence: str = ""
    notes: tuple[str, ...] = ()

    @property
    def months_used(self) -> int:
        return self.before.months if self.before else 0

    @property
    def shortened(self) -> bool:
        return self.before is not None and self.before.months < self.months_asked


@dataclass(frozen=True)
class CrimeTrend:
    """Monthly totals over a period for all areas, with the top categories apart."""

    period: Period
    months: tuple[date, ...]
    total: tuple[int | None, ...]
    by_category: tuple[TrendSeries, ...]  # top categories, then "Other categories"
    categories: tuple[str, ...]  # the filter; () = all


# --- queries -------------------------------------------------------------------------------


def category_choices(ws: Workspace) -> list[tuple[int, str]]:
    with ws.read() as session:
        rows = session.execute(
            select(OffenseCategory.id, OffenseCategory.name).order_by(OffenseCategory.name)
        )
        return [(i, n) for i, n in rows]


def _counted(categories: Sequence[int] | None):  # type: ignore[no-untyped-def]
    """SUM of the counts in the chosen categories (all when None)."""
    if categories is None:
        return func.sum(CrimeCount.count)
    return func.sum(case((CrimeCount.category_id.in_(categories), CrimeCount.count), else_=0))


def monthly_counts(
    session: Session, area_ids: Iterable[int], first: date, last: date,
    categories: Sequence[int] | None = None,
) -> dict[int, dict[date, int]]:
    """{area: {month: count}} for covered months from ``first`` to ``last`` (inclusive)."""
    ids = sorted(set(area_ids))
    if not ids:
        return {}
    statement = (
        select(CrimeCount.area_id, CrimeCount.month, _counted(categories))
        .where(CrimeCount.area_id.in_(ids), CrimeCount.month >= first, CrimeCount.month <= last)
        .group_by(CrimeCount.area_id, CrimeCount.month)
    )
    result: dict[int, dict[date, int]] = {i: {} for i in ids}
    for area_id, month, count in session.execute(statement):
        result[area_id][month] = int(count or 0)
    return result


# --- pre/post ------------------------------------------------------------------------------


def pre_post(
    ws: Workspace, initiative_id: int, months: int = DEFAULT_MONTHS,
    categories: Sequence[int] | None = None, *, period: Period | None = None,
    today: date | None = None,
) -> PrePost:
    """The initiative's pre/post analysis. The trend covers the two windows (so the start
    is always on it) and, when given, the whole ``period`` too."""
    with ws.read() as session:
        initiative = load(session, Initiative, initiative_id, "initiative")
        return _pre_post(session, _Names.read(session, categories), initiative, months,
                         period, today or date.today())


def initiatives_pre_post(
    ws: Workspace, months: int = DEFAULT_MONTHS, categories: Sequence[int] | None = None,
    today: date | None = None,
) -> list[PrePost]:
    """Pre/post of every current initiative that has an area and a start date, by name."""
    with ws.read() as session:
        initiatives = session.scalars(
            select(Initiative)
            .where(Initiative.area_id.is_not(None), Initiative.starts_on.is_not(None),
                   Initiative.archived_at.is_(None))
            .options(selectinload(Initiative.area))
            .order_by(Initiative.name)
        ).all()
        names = _Names.read(session, categories)  # once, not once per initiative
        return [
            _pre_post(session, names, i, months, None, today or date.today(),
                      with_trend=False)
            for i in initiatives
        ]


@dataclass(frozen=True)
class _Names:
    """What every pre/post looks up: the areas' names, the categories chosen (None: all)
    and their names."""

    areas: dict[int, str]
    categories: Sequence[int] | None
    chosen: tuple[str, ...]

    @classmethod
    def read(cls, session: Session, categories: Sequence[int] | None) -> _Names:
        return cls(dict(session.execute(select(Area.id, Area.name)).all()), categories,
                   _category_names(session, categories))


def _pre_post(
    session: Session, looked_up: _Names, initiative: Initiative, months: int,
    period: Period | None, today: date, with_trend: bool = True,
) -> PrePost:
    months = max(1, min(MAX_MONTHS, months))
    names, categories, chosen = looked_up.areas, looked_up.categories, looked_up.chosen
    def refused(problem: str) -> PrePost:
        area = initiative.area.name if initiative.area is not None else ""
        return PrePost(initiative.id, initiative.name, initiative.starts_on, months, chosen,
                       problem, area, sentence=problem)

    if initiative.area_id is None:
        return refused("This initiative has no area, so there are no crime counts to compare.")
    if initiative.starts_on is None:
        return refused("This initiative has no start date, so there is no before and after.")
    target_id, comparison_id = initiative.area_id, initiative.comparison_area_id
    start = initiative.starts_on.replace(day=1)
    last_complete = add_months(today.replace(day=1), -1)
    earliest, latest = session.execute(
        select(func.min(CrimeCount.month), func.max(CrimeCount.month))
        .where(CrimeCount.area_id == target_id)
    ).one()
    target_name = names[target_id]
    if latest is None:
        return refused(f"There are no crime counts for {target_name} at all.")
    if today < start:
        return refused(f"The initiative starts in {start:%B %Y}: there is no after period yet.")
    last = min(last_complete, latest)
    after_available = _months_between(start, last) + 1
    before_available = _months_between(earliest, start)
    if after_available <= 0:
        why = ("no complete month has passed since the start"
               if last_complete < start else f"{target_name} has no counts after the start yet")
        return refused(f"There is no after period yet: {why} ({start:%b %Y}).")
    if before_available <= 0:
        return refused(f"{target_name} has no crime counts before the start ({start:%b %Y}), "
                       "so there is nothing to compare with.")
    used = min(months, after_available, before_available)
    after = Window(start, add_months(start, used - 1), used)
    before = Window(add_months(start, -used), add_months(start, -1), used)

    neighbors = sorted(neighbor_map(session, {target_id}).get(target_id, set()),
                       key=lambda i: names[i].lower())
    areas = {target_id, *neighbors} | ({comparison_id} if comparison_id else set())
    trend_months = before.month_list() + after.month_list()
    if period is not None:
        trend_months = Period(min(period.start.replace(day=1), trend_months[0]),
                              max(period.end, trend_months[-1])).months()
    first = min(before.first, trend_months[0]) if with_trend else before.first
    final = max(after.last, trend_months[-1]) if with_trend else after.last
    counts = monthly_counts(session, areas, first, final, categories)

    def change(area_id: int, note: str = "") -> AreaChange:
        return area_change(area_id, names[area_id], counts[area_id], before, after, note)

    target = change(target_id)
    comparison = change(comparison_id) if comparison_id else None
    did = None
    if comparison is not None:
        did = _did(target, comparison)
    displacement = tuple(
        change(n, "also the comparison area" if n == comparison_id else "") for n in neighbors
    )
    trend = None
    if with_trend:
        series = [TrendSeries(target_name, tuple(counts[target_id].get(m) for m in trend_months))]
        if comparison_id:
            series.append(TrendSeries(names[comparison_id],
                                      tuple(counts[comparison_id].get(m) for m in trend_months)))
        trend = Trend(tuple(trend_months), tuple(series))
    notes = [START_NOTE, COVERAGE_NOTE]
    if used < months:
        short = ("after the start" if used == after_available
                 else f"with counts for {target_name} before the start")
        notes.insert(0, f"Only {used} complete month{'s' * (used != 1)} {short} "
                        f"{'are' if used != 1 else 'is'} available, so both windows are "
                        f"{used} month{'s' * (used != 1)} instead of {months}.")
    for one in (target, comparison, *displacement):
        if one is not None:
            notes.extend(_coverage_notes(one, used))
    if did is not None and did.note:
        notes.append(f"Difference-in-differences: {did.note}.")
    result = PrePost(
        initiative.id, initiative.name, initiative.starts_on, months, chosen, "", target_name,
        before, after, target, comparison, did, displacement, trend, notes=tuple(notes),
    )
    return _with_sentence(result)


def _months_between(first: date, later: date) -> int:
    """Whole months from ``first``'s month to ``later``'s (negative when earlier)."""
    return (later.year - first.year) * 12 + later.month - first.month


def area_change(
    area_id: int, name: str, monthly: dict[date, int], before: Window, after: Window,
    note: str = "",
) -> AreaChange:
    def window(w: Window) -> tuple[int | None, int]:
        values = [monthly[m] for m in w.month_list() if m in monthly]
        return (sum(values) if values else None), len(values)

    b, b_covered = window(before)
    a, a_covered = window(after)
    if a is None or b is None:
        missing = "before" if b is None else "after"
        return AreaChange(area_id, name, b, a, b_covered, a_covered, None,
                          RateRatio(None, None, None,
                                    f"cannot be computed: no data in the {missing} window"),
                          note)
    ratio = rate_ratio(a, b, a_covered, b_covered)
    change = percent_change(a / a_covered, b / b_covered)
    return AreaChange(area_id, name, b, a, b_covered, a_covered, change, ratio, note)


def _did(target: AreaChange, comparison: AreaChange) -> RateRatio:
    cells = (target.after, target.before, comparison.after, comparison.before)
    if any(c is None for c in cells):
        return RateRatio(None, None, None, "cannot be computed: a window has no data")
    a, b, c, d = (int(x) for x in cells)  # type: ignore[arg-type]
    exposures = (target.after_covered, target.before_covered,
                 comparison.after_covered, comparison.before_covered)
    return ratio_of_ratios(a, b, c, d, tuple(float(e) for e in exposures))  # type: ignore[arg-type]


def _coverage_notes(change: AreaChange, months: int) -> list[str]:
    gaps = [f"{covered} of {months} months {side}"
            for side, covered in (("before", change.before_covered),
                                  ("after", change.after_covered)) if covered < months]
    return [f"{change.area_name}: crime counts for only {' and '.join(gaps)}."] if gaps else []


def _category_names(session: Session, categories: Sequence[int] | None) -> tuple[str, ...]:
    if categories is None:
        return ()
    return tuple(session.scalars(select(OffenseCategory.name).where(
        OffenseCategory.id.in_(categories)).order_by(OffenseCategory.name)))


# --- wording -------------------------------------------------------------------------------


def ratio_text(r: RateRatio | None) -> str:
    """"0.72 [0.66–0.79]" or "cannot be computed"."""
    if r is None or r.estimate is None or r.low is None or r.high is None:
        return "cannot be computed"
    return f"{r.estimate:.2f} [{r.low:.2f}–{r.high:.2f}]"


def change_text(percent: float | None) -> str:
    if percent is None:
        return "cannot be computed"
    if round(percent) == 0:
        return "no change" if percent == 0 else f"{percent:+.1f}%"
    return f"{percent:+.0f}%"


def _direction(percent: float | None) -> str:
    if percent is None:
        return "a change that cannot be expressed as a percentage (none before)"
    if round(percent) == 0:
        return "about the same" if percent else "no change"
    word = "decrease" if percent < 0 else "increase"
    return f"a {abs(percent):.0f}% {word}"


def _significance(r: RateRatio, against: str) -> str:
    interval = f"95% CI {r.low:.2f}–{r.high:.2f}"
    if r.includes_one:
        return (f"not statistically distinguishable from {against} "
                f"(ratio {r.estimate:.2f}, {interval}, includes 1)")
    return f"statistically distinguishable from {against} (ratio {r.estimate:.2f}, {interval})"


def _with_sentence(p: PrePost) -> PrePost:
    t, w = p.target, p.before
    assert t is not None and w is not None and p.after is not None
    span = f"{w.months} month{'s' * (w.months != 1)}"
    what = "crimes" if not p.categories else f"crimes ({', '.join(p.categories)})"
    if t.before is None or t.after is None:
        side = "before" if t.before is None else "after"
        window = w if side == "before" else p.after
        sentence = (f"{t.area_name} has no crime counts for the {span} {side} the start "
                    f"({window.label()}), so the change cannot be computed.")
        return replace(p, sentence=sentence)
    partial = t.before_covered < w.months or t.after_covered < w.months

    def counted(covered: int) -> str:
        if covered == w.months:
            return f"the {span}"
        return f"the {covered} of {span} with counts"

    parts = [
        f"{t.area_name}: {t.before:,} {what} in {counted(t.before_covered)} before "
        f"the start ({w.label()}) and {t.after:,} in {counted(t.after_covered)} after "
        f"({p.after.label()}), {_direction(t.percent_change)}"
        f"{' per month counted' if partial and t.percent_change is not None else ''}."
    ]
    r = t.rate_ratio
    if r.computable and r.low is not None and r.high is not None:
        parts.append(f"This is {_significance(r, 'no change')}.")
    else:
        parts.append(f"The rate ratio {r.note}.")
    c, did = p.comparison, p.did
    if c is not None and did is not None:
        if did.computable and did.low is not None and did.high is not None:
            parts.append(
                f"Compared with {c.area_name} ({_direction(c.percent_change)}), the change is "
                f"{_significance(did, 'the comparison area’s change')}.")
        else:
            parts.append(f"The comparison with {c.area_name} {did.note}.")
    if (r.includes_one is False) or (did is not None and did.includes_one is False):
        parts.append(CAUSE_NOTE)
    return replace(p, sentence=" ".join(parts))


def displacement_sentence(p: PrePost) -> str:
    if not p.displacement:
        return "No neighboring areas are defined for this area (Areas and neighbors)."
    rose = [d.area_name for d in p.displacement
            if d.rate_ratio.includes_one is False and (d.rate_ratio.estimate or 0) > 1]
    if not rose:
        return ("No neighboring area shows an increase statistically distinguishable from "
                "no change.")
    return (f"Crime rose in {', '.join(rose)} beyond chance variation: possible displacement, "
            "or a wider trend — compare with the comparison area.")


# --- the whole partnership -----------------------------------------------------------------


def crime_trend(
    ws: Workspace, scope: EvaluationScope, top: int = 5,
    categories: Sequence[int] | None = None,
) -> CrimeTrend:
    """Monthly totals of all areas over the scope's period, the ``top`` categories apart."""
    months = scope.period.months()
    first, last = months[0], months[-1]
    with ws.read() as session:
        chosen = _category_names(session, categories)
        where = and_(CrimeCount.month >= first, CrimeCount.month <= last)
        covered = set(session.scalars(select(CrimeCount.month).where(where).distinct()))
        statement = select(CrimeCount.month, CrimeCount.category_id,
                           func.sum(CrimeCount.count)).where(where)
        if categories is not None:
            statement = statement.where(CrimeCount.category_id.in_(categories))
        rows = session.execute(statement.group_by(CrimeCount.month, CrimeCount.category_id)).all()
        names = dict(session.execute(select(OffenseCategory.id, OffenseCategory.name)).all())
    per: dict[int, dict[date, int]] = {}
    for month, category_id, count in rows:
        per.setdefault(category_id, {})[month] = int(count or 0)
    ranked = sorted(per, key=lambda c: (-sum(per[c].values()), names[c]))
    total = tuple(
        sum(per[c].get(m, 0) for c in per) if m in covered else None for m in months
    )

    def values(ids: Iterable[int]) -> tuple[int | None, ...]:
        ids = list(ids)
        return tuple(sum(per[c].get(m, 0) for c in ids) if m in covered else None
                     for m in months)

    series = [TrendSeries(names[c], values([c])) for c in ranked[:top]]
    if len(ranked) > top:
        series.append(TrendSeries("Other categories", values(ranked[top:])))
    return CrimeTrend(scope.period, tuple(months), total, tuple(series), chosen)
