"""cloud.patch_time(): time.time() and datetime.now() follow the Cloud's ManualClock."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import jwt
import pytest

from pyserverless import Cloud, ManualClock, SystemClock

START = 1_000_000_000


def test_time_follows_the_clock_and_is_restored() -> None:
    cloud = Cloud(clock=ManualClock(START))
    with cloud.patch_time() as patch:
        assert time.time() == START
        assert datetime.now(UTC) == datetime.fromtimestamp(START, UTC)
        cloud.advance(90)
        assert time.time() == START + 90
        assert patch.active
    assert not patch.active
    assert time.time() > 1_700_000_000


def test_tasks_see_their_own_instant() -> None:
    cloud = Cloud(clock=ManualClock(START))
    seen: list[float] = []
    cloud.scheduler.call_later(10, lambda: seen.append(time.time()))
    cloud.scheduler.call_later(30, lambda: seen.append(time.time()))
    with cloud.patch_time():
        cloud.advance(60)
    assert seen == [START + 10, START + 30]


def test_pyjwt_expiry_follows_cloud_advance() -> None:
    cloud = Cloud(clock=ManualClock(START))
    token = jwt.encode({"exp": START + 3600, "iat": START}, "k" * 32, algorithm="HS256")
    with cloud.patch_time():
        assert jwt.decode(token, "k" * 32, algorithms=["HS256"])["iat"] == START
        cloud.advance(3599)
        jwt.decode(token, "k" * 32, algorithms=["HS256"])
        cloud.advance(2)
        with pytest.raises(jwt.ExpiredSignatureError):
            jwt.decode(token, "k" * 32, algorithms=["HS256"])


def test_close_ends_the_patch() -> None:
    cloud = Cloud(clock=ManualClock(START))
    patch = cloud.patch_time()
    assert time.time() == START
    cloud.close()
    assert not patch.active
    assert time.time() > 1_700_000_000
    patch.stop()  # idempotent


def test_system_clock_is_refused() -> None:
    with pytest.raises(TypeError, match="real time already"):
        Cloud(clock=SystemClock()).patch_time()
