"""Rate ratios of Poisson counts with 95% intervals that stay honest at the edges.

Pure functions, no database. Two estimates:

- ``rate_ratio(after, before)``: the after-rate over the before-rate. Its interval is the
  exact conditional one: given ``n = after + before``, ``after`` is binomial with
  probability ``p = R·e_a / (R·e_a + e_b)`` (``e`` the exposures, here months counted), so
  the Clopper-Pearson interval of ``p`` maps to an interval of ``R``. It is defined with a
  zero count on either side: 0 after gives the estimate 0 and a finite upper limit; 0 before
  gives no estimate and no upper limit ("cannot be computed"); nothing in either window
  gives nothing at all.
- ``ratio_of_ratios(a, b, c, d)``: the difference-in-differences ratio (the target's rate
  ratio a/b over the comparison's c/d), with the usual log-scale interval, variance
  1/a + 1/b + 1/c + 1/d. When any of the four counts is 0 that variance is infinite, so
  0.5 is added to all four (the Haldane-Anscombe correction) and the result says so.

Nothing here returns ``inf`` or ``NaN``: a figure that cannot be computed is ``None`` with
a ``note`` saying why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

CONFIDENCE = 0.95
CORRECTION = 0.5


@dataclass(frozen=True)
class RateRatio:
    estimate: float | None
    low: float | None
    high: float | None
    note: str = ""  # why a figure is missing, or which correction was applied
    method: str = ""  # "exact" (conditional binomial) or "log-normal"

    @property
    def includes_one(self) -> bool | None:
        """Whether the interval includes 1 (no change); None when there is no interval."""
        if self.low is None and self.high is None:
            return None
        low = 0.0 if self.low is None else self.low
        return low <= 1.0 and (self.high is None or self.high >= 1.0)

    @property
    def computable(self) -> bool:
        return self.estimate is not None


# --- the regularized incomplete beta function -----------------------------------------------


def _beta_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction for I_x(a, b) (modified Lentz; Numerical Recipes' betacf)."""
    tiny, eps = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """I_x(a, b): the cumulative distribution of Beta(a, b) at x (a, b > 0)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1.0 - x) / b


def beta_quantile(q: float, a: float, b: float) -> float:
    """The x with I_x(a, b) = q: Newton's method on the cdf (its slope is the density),
    kept inside a bracket that shrinks every step and bisected whenever Newton would leave
    it, so it always converges — in a handful of steps instead of fifty bisections."""
    low, high = 0.0, 1.0
    # Start from the normal approximation: close for the large counts where speed matters.
    mean, spread = a / (a + b), math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    x = min(max(mean + NormalDist().inv_cdf(q) * spread, 1e-12), 1 - 1e-12)
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    for _ in range(200):
        error = beta_cdf(x, a, b) - q
        if error < 0:
            low = x
        else:
            high = x
        if high - low < 1e-15 or error == 0:
            break
        density = math.exp(log_norm + (a - 1) * math.log(x) + (b - 1) * math.log1p(-x))
        step = x - error / density if density > 0 else -1.0
        if abs(step - x) <= 1e-14 * x:  # Newton has settled (at a bracket end, maybe)
            return x
        x = step if low < step < high else (low + high) / 2
    return x


def clopper_pearson(x: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The exact (Clopper-Pearson) interval of a binomial proportion, x successes of n."""
    if n <= 0 or not 0 <= x <= n:
        raise ValueError(f"need 0 <= x <= n and n > 0, got x={x}, n={n}")
    alpha = 1.0 - confidence
    low = 0.0 if x == 0 else beta_quantile(alpha / 2, x, n - x + 1)
    high = 1.0 if x == n else beta_quantile(1 - alpha / 2, x + 1, n - x)
    return low, high


# --- rate ratios ---------------------------------------------------------------------------


def rate_ratio(
    after: int, before: int, after_exposure: float = 1.0, before_exposure: float = 1.0,
    confidence: float = CONFIDENCE,
) -> RateRatio:
    """(after / after_exposure) / (before / before_exposure) with its exact interval."""
    if after < 0 or before < 0:
        raise ValueError("counts cannot be negative")
    if after_exposure <= 0 or before_exposure <= 0:
        return RateRatio(None, None, None, "cannot be computed: a window has no months counted")
    n = after + before
    if n == 0:
        return RateRatio(None, None, None, "cannot be computed: no crimes in either window")
    scale = before_exposure / after_exposure

    def ratio(p: float) -> float | None:
        return None if p >= 1.0 else p / (1.0 - p) * scale

    low_p, high_p = clopper_pearson(after, n, confidence)
    if before == 0:
        return RateRatio(
            None, ratio(low_p), None,
            "cannot be computed: no crimes before the start (a ratio to zero)", "exact",
        )
    return RateRatio(after / before * scale, ratio(low_p), ratio(high_p), "", "exact")


def ratio_of_ratios(
    a: int, b: int, c: int, d: int,
    exposures: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0),
    confidence: float = CONFIDENCE,
) -> RateRatio:
    """(a/b) / (c/d) on rates (count / exposure): target after/before over comparison's.

    The interval is exp(log R ± z·sqrt(1/a + 1/b + 1/c + 1/d)); with a zero count, 0.5 is
    added to all four counts for the estimate and the interval, and ``note`` says so.
    """
    counts = (a, b, c, d)
    if any(x < 0 for x in counts):
        raise ValueError("counts cannot be negative")
    if any(e <= 0 for e in exposures):
        return RateRatio(None, None, None, "cannot be computed: a window has no months counted")
    if a + b == 0 or c + d == 0:
        which = "the target area" if a + b == 0 else "the comparison area"
        return RateRatio(None, None, None, f"cannot be computed: no crimes in {which}")
    note = ""
    values = [float(x) for x in counts]
    if 0 in counts:
        values = [x + CORRECTION for x in values]
        note = f"a count is zero: {CORRECTION} was added to each of the four counts"
    ea, eb, ec, ed = exposures
    ra, rb, rc, rd = (v / e for v, e in zip(values, exposures, strict=True))
    log_estimate = math.log(ra) - math.log(rb) - math.log(rc) + math.log(rd)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    half = z * math.sqrt(sum(1.0 / v for v in values))
    return RateRatio(
        math.exp(log_estimate), math.exp(log_estimate - half), math.exp(log_estimate + half),
        note, "log-normal",
    )


def percent_change(after: float, before: float) -> float | None:
    """100·(after − before)/before; None when before is 0 (no percentage of nothing)."""
    if before == 0:
        return None
    return (after - before) / before * 100.0
