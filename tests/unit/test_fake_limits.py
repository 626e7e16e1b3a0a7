"""The fake Bot API's limits: a token bucket by default, a strict sliding window on request."""

from __future__ import annotations

from faketg.limits import FakeLimits, Limiter, max_in_window


def accepted(limiter: Limiter, arrivals: list[float]) -> list[float]:
    return [at for n, at in enumerate(arrivals) if limiter.check(1000 + n, at) == 0]


def test_the_bucket_lets_a_saved_up_burst_through_and_the_window_does_not() -> None:
    # 30 at once after a quiet second, then one every 1/30 s: the bucket (capacity 30) takes
    # ~60 in the first second; a strict window never more than 30 in any second.
    arrivals = [0.0] * 30 + [k / 30 for k in range(1, 31)]
    bucket = accepted(Limiter(FakeLimits(), 0.0), arrivals)
    window = Limiter(FakeLimits(global_window=True), 0.0)
    strict = accepted(window, arrivals)
    assert max_in_window(bucket, 1.0) > 50
    assert max_in_window(strict, 1.0) == 30
    fresh = Limiter(FakeLimits(global_window=True), 0.0)
    assert len(accepted(fresh, [0.0] * 30)) == 30
    assert fresh.check(1, 0.999) == 1  # retry after 1 s: when the oldest leaves the window
    assert fresh.check(1, 1.0) == 0


def test_the_window_counts_arrivals_in_any_second_not_in_calendar_seconds() -> None:
    limiter = Limiter(FakeLimits(global_window=True), 0.0)
    late = [0.9 + k * 0.001 for k in range(30)]  # 30 in the last 30 ms of one second
    assert accepted(limiter, late) == late
    assert limiter.check(1, 1.05) > 0  # within 1 s of all of them: refused
    assert limiter.check(2, 1.9) == 0
