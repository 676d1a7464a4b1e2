"""Schedules that recur for good are upkeep: ``run_until_idle()`` returns with them
pending, and ``advance()`` fires them. A Scheduler series with an end is work that
``run_until_idle()`` runs to its last firing."""

from __future__ import annotations

import datetime as dt

from pyserverless import Cloud, ManualClock

_START = 1_767_225_600.0  # 2026-01-01T00:00:00Z


def test_an_endless_rule_does_not_keep_run_until_idle_busy() -> None:
    cloud = Cloud(clock=ManualClock(_START))
    calls: list[object] = []
    fn = cloud.lambda_.create_function("tick", handler=lambda e, c: calls.append(e))
    rule = cloud.events.schedule("every-minute", "rate(1 minute)", fn)
    cloud.run_until_idle()  # returns: nothing but the schedule is pending
    assert (rule.firings, calls) == (0, [])
    cloud.advance(180)
    cloud.run_until_idle()  # the firings' async invocations are work: done here
    assert rule.firings == 3 and len(calls) == 3


def test_an_endless_scheduler_series_is_upkeep_and_a_bounded_one_is_work() -> None:
    cloud = Cloud(clock=ManualClock(_START))
    calls: list[object] = []
    fn = cloud.lambda_.create_function("tick", handler=lambda e, c: calls.append(e))
    endless = cloud.schedules.create("endless", "rate(1 minute)", fn)
    cloud.run_until_idle()
    assert endless.firings == 0
    end = dt.datetime.fromtimestamp(_START + 300, dt.UTC)
    bounded = cloud.schedules.create("bounded", "rate(1 minute)", fn, end=end)
    cloud.run_until_idle()  # runs the bounded series to its end (and the endless one with it)
    assert bounded.firings == 6  # at 0, 60, ..., 300 s: the first at creation, the end included
    assert cloud.clock.time() == _START + 300
