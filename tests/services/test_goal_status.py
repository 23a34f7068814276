"""Goal status: on target, close (75% of the way, or within 10% without a baseline), pending."""

from __future__ import annotations

import math

import pytest

from app.models import Direction
from app.services.goal_status import (
    CLOSE_SHARE_OF_DISTANCE,
    CLOSE_WITHOUT_BASELINE,
    GoalStatus,
    goal_status,
)

UP, DOWN = Direction.INCREASE, Direction.DECREASE
ON, CLOSE, NEEDS, PENDING = (
    GoalStatus.ON_TARGET, GoalStatus.CLOSE, GoalStatus.NEEDS_IMPROVEMENT, GoalStatus.PENDING
)


def test_labels_are_what_the_packet_prints() -> None:
    assert [s.label for s in GoalStatus] == [
        "On target", "Close to target", "Needs improvement", "Pending (no data)"]
    assert (CLOSE_SHARE_OF_DISTANCE, CLOSE_WITHOUT_BASELINE) == (0.75, 0.10)


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "expected"),
    [
        (10, 20, 20, ON),  # reached exactly
        (10, 20, 25, ON),  # past it
        (10, 20, 17.5, CLOSE),  # exactly 75% of the way
        (10, 20, 19.9, CLOSE),
        (10, 20, 17.4, NEEDS),  # just short of 75%
        (10, 20, 10, NEEDS),  # no progress
        (10, 20, 5, NEEDS),  # moved the wrong way
    ],
)
def test_an_increase(baseline: float, target: float, latest: float, expected: GoalStatus) -> None:
    assert goal_status(baseline, target, UP, latest) is expected


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "expected"),
    [
        (40, 20, 20, ON),
        (40, 20, 12, ON),  # fewer burglaries than the target: better
        (40, 20, 25, CLOSE),  # 15 of 20 down: 75%
        (40, 20, 26, NEEDS),
        (40, 20, 45, NEEDS),  # went up
    ],
)
def test_a_decrease(baseline: float, target: float, latest: float, expected: GoalStatus) -> None:
    assert goal_status(baseline, target, DOWN, latest) is expected


def test_the_direction_decides_which_side_of_the_target_counts() -> None:
    assert goal_status(None, 50, UP, 60) is ON
    assert goal_status(None, 50, DOWN, 60) is NEEDS
    assert goal_status(None, 50, DOWN, 40) is ON
    assert goal_status(None, 50, UP, 40) is NEEDS


def test_without_a_baseline_within_ten_percent_of_the_target_is_close() -> None:
    assert goal_status(None, 100, UP, 90) is CLOSE
    assert goal_status(None, 100, UP, 89.9) is NEEDS
    assert goal_status(None, 100, DOWN, 110) is CLOSE
    assert goal_status(None, 100, DOWN, 110.5) is NEEDS
    assert goal_status(None, -20, UP, -21.5) is CLOSE  # 10% of the target's size
    assert goal_status(None, 0, DOWN, 0) is ON
    assert goal_status(None, 0, DOWN, 0.5) is NEEDS  # no room around a zero target


def test_a_baseline_equal_to_the_target_or_past_it_compares_with_the_target_only() -> None:
    assert goal_status(50, 50, UP, 50) is ON
    assert goal_status(50, 50, UP, 46) is CLOSE
    assert goal_status(50, 50, UP, 40) is NEEDS
    # Baseline already past the target (an odd goal): never "75% of a negative distance".
    assert goal_status(60, 50, UP, 48) is CLOSE
    assert goal_status(60, 50, UP, 30) is NEEDS
    assert goal_status(10, 20, DOWN, 25) is NEEDS
    assert goal_status(10, 20, DOWN, 19) is ON


def test_pending_without_a_measurement_or_a_target() -> None:
    assert goal_status(10, 20, UP, None) is PENDING
    assert goal_status(None, None, DOWN, None) is PENDING
    assert goal_status(10, None, UP, 30) is PENDING
    assert goal_status(10, 20, UP, math.nan) is PENDING
    assert goal_status(10, math.inf, UP, 30) is PENDING
    assert goal_status(math.nan, 100, UP, 90) is CLOSE  # a NaN baseline counts as none


def test_decimal_fractions_are_not_let_down_by_rounding() -> None:
    assert goal_status(0.0, 0.3, UP, 0.1 + 0.2) is ON
    assert goal_status(0.1, 0.5, UP, 0.4) is CLOSE  # 75% in decimal, 0.7499999… in binary
    assert goal_status(None, 0.3, DOWN, 0.33) is CLOSE
