"""Throttle state under snapshots and threads."""

from __future__ import annotations

import threading

from pyserverless import Cloud, ManualClock
from pyserverless.gateway._deployed import ThrottleSpec

from .conftest import START, KeyedApi, route, serve, stage, statuses


class TestSnapshot:
    def test_buckets_and_quotas_restored(self, cloud: Cloud) -> None:
        """restore() brings back the buckets' tokens and the keys' usage."""
        api = KeyedApi(cloud)
        key = api.key()
        api.plan(key, quota={"limit": 3, "period": "DAY"})
        deployed = stage("REST", route("GET", "/r"), throttle=ThrottleSpec(1.0, 2))
        assert api.gets(2, key=key) == [200, 200]
        assert serve(cloud, deployed).status == 200
        snap = cloud.snapshot()
        assert api.gets(2, key=key) == [200, 429]
        assert statuses(cloud, deployed, 2) == [200, 429]
        cloud.restore(snap)
        assert api.gets(2, key=key) == [200, 429]
        assert statuses(cloud, deployed, 2) == [200, 429]

    def test_forced_throttles_restored(self, cloud: Cloud) -> None:
        """Pending throttle_next counts are state too."""
        deployed = stage("REST", route("GET", "/r"))
        cloud.engine("execute-api").throttle_next(deployed.api_id, 1)
        snap = cloud.snapshot()
        assert statuses(cloud, deployed, 2) == [429, 200]
        cloud.restore(snap)
        assert statuses(cloud, deployed, 2) == [429, 200]


class TestThreads:
    def test_no_token_twice(self) -> None:
        """Eight threads racing at one instant get exactly the burst admitted."""
        limits = {"execute-api": {"account_rate": 1.0, "account_burst": 50}}
        with Cloud(clock=ManualClock(START), seed=3, limits=limits) as cloud:
            deployed = stage("HTTP", route("GET", "/r"))
            results: list[int] = []
            lock = threading.Lock()

            def worker() -> None:
                mine = statuses(cloud, deployed, 25)
                with lock:
                    results.extend(mine)

            threads = [threading.Thread(target=worker) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert (results.count(200), results.count(429)) == (50, 150)
