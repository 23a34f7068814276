"""How far a goal has come: on target, close to it, needing improvement, or not measured yet.

The rules (one function, shared by the meeting packet and the initiative evaluation):

- **Pending (no data)**: there is no measurement yet, or the goal has no target to measure
  against (NaN and infinite values count as missing).
- **On target**: the latest value reached the target in the goal's direction (at or above
  it for an increase, at or below it for a decrease).
- **Close to target**: not there yet, but at least ``CLOSE_SHARE_OF_DISTANCE`` (75%) of the
  way from the baseline to the target. A value that moved away from the target is never
  close by this rule.
- Without a usable baseline (none recorded, or the baseline already at or past the target,
  which leaves no distance to cover), the latest value is compared with the target alone:
  within ``CLOSE_WITHOUT_BASELINE`` (10%) of the target is close.
- Anything else **needs improvement**.
"""

from __future__ import annotations

import enum
import math

from app.models import Direction

CLOSE_SHARE_OF_DISTANCE = 0.75  # share of the baseline-to-target distance covered
CLOSE_WITHOUT_BASELINE = 0.10  # distance to the target, as a share of the target
_EPS = 1e-9  # rounding allowance: 0.1 + 0.2 counts as having reached 0.3


class GoalStatus(enum.Enum):
    ON_TARGET = "On target"
    CLOSE = "Close to target"
    NEEDS_IMPROVEMENT = "Needs improvement"
    PENDING = "Pending (no data)"

    @property
    def label(self) -> str:
        return self.value


def goal_status(
    baseline: float | None,
    target: float | None,
    direction: Direction,
    latest: float | None,
) -> GoalStatus:
    """The status of a goal whose latest measurement is ``latest`` (see the module rules)."""
    latest, target, baseline = _number(latest), _number(target), _number(baseline)
    if latest is None or target is None:
        return GoalStatus.PENDING
    sign = 1.0 if direction is Direction.INCREASE else -1.0
    # Distances measured in the goal's direction: positive means "still to go".
    remaining = sign * (target - latest)
    if _at_most(remaining, 0.0):
        return GoalStatus.ON_TARGET
    distance = None if baseline is None else sign * (target - baseline)
    if distance is not None and distance > _EPS:
        close = _at_most(remaining, (1 - CLOSE_SHARE_OF_DISTANCE) * distance)
    else:
        close = _at_most(remaining, CLOSE_WITHOUT_BASELINE * abs(target))
    return GoalStatus.CLOSE if close else GoalStatus.NEEDS_IMPROVEMENT


def _number(value: float | None) -> float | None:
    """The value, or None when it is missing, NaN or infinite."""
    return value if value is not None and math.isfinite(value) else None


def _at_most(value: float, limit: float) -> bool:
    """``value <= limit``, forgiving the rounding of decimal fractions (0.1 + 0.2 vs 0.3)."""
    return value <= limit or math.isclose(value, limit, rel_tol=_EPS, abs_tol=_EPS)
