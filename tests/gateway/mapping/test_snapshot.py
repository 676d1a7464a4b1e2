"""Snapshots cover issue 21's runtime state: cached answers, compiled validators and
registered backends (the apps are shared, as code is)."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless.gateway import BackendRequest, CacheStats

from .conftest import Api, mock


def test_snapshot_restores_the_cache_and_keeps_backends(cloud: Cloud) -> None:
    calls: list[str] = []

    def origin(request: BackendRequest) -> dict[str, int]:
        calls.append(request.path)
        return {"n": len(calls)}

    cloud.gateway.backend("https://origin.internal", origin)
    api = Api(cloud)
    api.model("Q", {"type": "object"})
    api.method(
        "GET",
        "/a",
        {"type": "HTTP_PROXY", "integrationHttpMethod": "GET", "uri": "https://origin.internal/a"},
    )
    api.method(
        "POST",
        "/v",
        mock(),
        {"200": {}},
        requestModels={"application/json": "Q"},
        requestValidatorId=api.validator(params=False),
    )
    api.deploy(cacheClusterEnabled=True)
    assert api.call("POST", "/v", {"x": 1}).status == 200  # a compiled validator now exists
    assert api.call("GET", "/a").json() == {"n": 1}
    snap = cloud.snapshot()
    api.gw.flush_stage_cache(restApiId=api.id, stageName="prod")
    assert api.call("GET", "/a").json() == {"n": 2}
    cloud.restore(snap)
    assert api.call("GET", "/a").json() == {"n": 1}  # the cached answer is back
    stats: CacheStats = cloud.engine("execute-api").cache_stats(api.id, "prod")
    assert stats.entries == 1
    assert api.call("POST", "/v", [1]).status == 400
    assert calls == ["/a", "/a"]
