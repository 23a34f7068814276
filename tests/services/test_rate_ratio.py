"""Rate ratios and their intervals, checked against hand computations and an independent
exact interval (bisection on the binomial distribution function, written here)."""

from __future__ import annotations

import math

import pytest

from app.services.rate_ratio import (
    beta_cdf,
    clopper_pearson,
    percent_change,
    rate_ratio,
    ratio_of_ratios,
)


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed term by term in log space."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    if p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    total = 0.0
    for i in range(k + 1):
        log_term = (math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
                    + i * math.log(p) + (n - i) * math.log1p(-p))
        total += math.exp(log_term)
    return min(total, 1.0)


def bisect(f, target: float, increasing: bool) -> float:  # type: ignore[no-untyped-def]
    low, high = 0.0, 1.0
    for _ in range(100):
        middle = (low + high) / 2
        if (f(middle) < target) == increasing:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def exact_interval(x: int, n: int) -> tuple[float, float]:
    """Clopper-Pearson by definition: P(X >= x | low) = 2.5% and P(X <= x | high) = 2.5%."""
    low = 0.0 if x == 0 else bisect(lambda p: 1 - binomial_cdf(x - 1, n, p), 0.025, True)
    high = 1.0 if x == n else bisect(lambda p: binomial_cdf(x, n, p), 0.025, False)
    return low, high


@pytest.mark.parametrize(
    ("x", "n"), [(0, 1), (1, 1), (0, 10), (5, 10), (10, 10), (3, 47), (30, 80), (120, 250),
                 (1, 600), (599, 600), (812, 1733)],
)
def test_clopper_pearson_equals_the_definition_computed_another_way(x: int, n: int) -> None:
    low, high = clopper_pearson(x, n)
    want_low, want_high = exact_interval(x, n)
    assert low == pytest.approx(want_low, abs=1e-9)
    assert high == pytest.approx(want_high, abs=1e-9)


def test_clopper_pearson_known_values() -> None:
    # Closed forms at the edges: (α/2)^(1/n) and 1 − (α/2)^(1/n).
    assert clopper_pearson(0, 10) == (0.0, pytest.approx(1 - 0.025 ** 0.1))
    assert clopper_pearson(10, 10) == (pytest.approx(0.025 ** 0.1), 1.0)
    # Published value (e.g. any statistics table): 5 of 10 -> 0.1871 to 0.8129.
    low, high = clopper_pearson(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.1871, 0.8129)


def test_beta_cdf_matches_the_binomial_identity() -> None:
    # P(X >= k) for Binomial(n, p) equals I_p(k, n - k + 1).
    for k, n, p in [(1, 5, 0.3), (7, 20, 0.41), (400, 900, 0.45), (3, 3, 0.9)]:
        assert beta_cdf(p, k, n - k + 1) == pytest.approx(1 - binomial_cdf(k - 1, n, p),
                                                          abs=1e-10)


def test_rate_ratio_by_hand_and_its_exact_interval() -> None:
    result = rate_ratio(after=30, before=50)
    assert result.estimate == pytest.approx(0.6)
    p_low, p_high = exact_interval(30, 80)
    assert result.low == pytest.approx(p_low / (1 - p_low), rel=1e-8)
    assert result.high == pytest.approx(p_high / (1 - p_high), rel=1e-8)
    assert result.includes_one is False
    assert result.method == "exact"
    assert rate_ratio(52, 50).includes_one is True


def test_rate_ratio_scales_by_months_counted() -> None:
    # 20 crimes in 10 counted months after vs 24 in 12 before: 2.0 vs 2.0 a month.
    result = rate_ratio(20, 24, after_exposure=10, before_exposure=12)
    assert result.estimate == pytest.approx(1.0)
    p_low, p_high = exact_interval(20, 44)
    assert result.low == pytest.approx(p_low / (1 - p_low) * 12 / 10, rel=1e-8)
    assert result.high == pytest.approx(p_high / (1 - p_high) * 12 / 10, rel=1e-8)


def test_zero_counts_give_finite_limits_or_cannot_be_computed_never_inf_or_nan() -> None:
    none_after = rate_ratio(0, 7)
    assert none_after.estimate == 0.0 and none_after.low == 0.0
    assert none_after.high == pytest.approx(exact_interval(0, 7)[1] / (1 - exact_interval(0, 7)[1]))
    none_before = rate_ratio(7, 0)
    assert none_before.estimate is None and none_before.high is None
    assert "cannot be computed" in none_before.note
    assert none_before.low == pytest.approx(exact_interval(7, 7)[0] / (1 - exact_interval(7, 7)[0]))
    nothing = rate_ratio(0, 0)
    assert (nothing.estimate, nothing.low, nothing.high) == (None, None, None)
    assert nothing.includes_one is None
    assert rate_ratio(3, 4, after_exposure=0).estimate is None
    for r in (none_after, none_before, nothing):
        for value in (r.estimate, r.low, r.high):
            assert value is None or math.isfinite(value)


def test_ratio_of_ratios_by_hand() -> None:
    result = ratio_of_ratios(30, 50, 40, 45)
    estimate = (30 / 50) / (40 / 45)
    half = 1.959963984540054 * math.sqrt(1 / 30 + 1 / 50 + 1 / 40 + 1 / 45)
    assert result.estimate == pytest.approx(estimate)
    assert result.low == pytest.approx(estimate * math.exp(-half))
    assert result.high == pytest.approx(estimate * math.exp(half))
    assert result.note == "" and result.includes_one is True


def test_ratio_of_ratios_with_a_zero_count_is_corrected_and_says_so() -> None:
    result = ratio_of_ratios(0, 5, 4, 4)
    estimate = (0.5 / 5.5) / (4.5 / 4.5)
    half = 1.959963984540054 * math.sqrt(1 / 0.5 + 1 / 5.5 + 1 / 4.5 + 1 / 4.5)
    assert result.estimate == pytest.approx(estimate)
    assert result.low == pytest.approx(estimate * math.exp(-half))
    assert result.high == pytest.approx(estimate * math.exp(half))
    assert "0.5 was added" in result.note
    empty = ratio_of_ratios(0, 0, 4, 4)
    assert empty.estimate is None and "target area" in empty.note


def test_percent_change_is_none_from_zero() -> None:
    assert percent_change(75, 100) == pytest.approx(-25.0)
    assert percent_change(3, 0) is None
    assert percent_change(0, 4) == pytest.approx(-100.0)
