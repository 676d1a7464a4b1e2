"""The stage cache (aws-facts C8): TTL on the clock, per-method overrides, cache keys,
the 1 MB entry limit, ``Cache-Control: max-age=0`` and FlushStageCache."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless.gateway import BackendRequest, CacheStats

from .conftest import Api, refused


class Counter:
    """An HTTP backend that counts its calls and answers ``size`` bytes when asked."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, request: BackendRequest) -> Any:
        self.calls += 1
        size = dict(p.split("=") for p in request.query.split("&") if p).get("size")
        body = b"x" * int(size) if size else f"call {self.calls} {request.path}".encode()
        return 200, {"Content-Type": "text/plain"}, body


def _replace(path: str, value: str) -> dict[str, str]:
    return {"op": "replace", "path": path, "value": value}


@pytest.fixture
def backend(cloud: Cloud) -> Counter:
    counter = Counter()
    cloud.gateway.backend("https://origin.internal", counter)
    return counter


def _items(api: Api, *, keys: tuple[str, ...] = (), cache: bool = True) -> None:
    params = {"method.request.path.id": True, "method.request.querystring.size": False}
    for verb in ("GET", "POST"):
        api.method(
            verb,
            "/items/{id}",
            {
                "type": "HTTP_PROXY",
                "integrationHttpMethod": verb,
                "uri": "https://origin.internal/items/{id}",
                "requestParameters": {"integration.request.path.id": "method.request.path.id"},
                "cacheKeyParameters": list(keys),
            },
            requestParameters=params,
        )
    api.deploy(cacheClusterEnabled=cache, cacheClusterSize="0.5")


def _stats(api: Api) -> CacheStats:
    stats: CacheStats = api.cloud.engine("execute-api").cache_stats(api.id, "prod")
    return stats


class TestHitsAndTtl:
    def test_get_is_cached_by_default(self, api: Api, backend: Counter) -> None:
        _items(api)
        first = api.call("GET", "/items/1")
        second = api.call("GET", "/items/1")
        assert first.body == second.body == b"call 1 /items/1"
        assert backend.calls == 1
        assert _stats(api) == CacheStats(hits=1, misses=1, entries=1)

    def test_post_is_not_cached_by_default(self, api: Api, backend: Counter) -> None:
        _items(api)
        api.call("POST", "/items/1")
        api.call("POST", "/items/1")
        assert backend.calls == 2

    def test_no_cache_cluster_no_cache(self, api: Api, backend: Counter) -> None:
        _items(api, cache=False)
        api.call("GET", "/items/1")
        api.call("GET", "/items/1")
        assert backend.calls == 2

    def test_default_ttl_is_300_seconds_on_the_clock(self, api: Api, backend: Counter) -> None:
        """Still served at 299.999 s; fetched again at 300 s."""
        _items(api)
        api.call("GET", "/items/1")
        api.cloud.advance(299.999)
        api.call("GET", "/items/1")
        assert backend.calls == 1
        api.cloud.advance(0.001)
        assert api.call("GET", "/items/1").body == b"call 2 /items/1"

    def test_per_method_override(self, api: Api, backend: Counter) -> None:
        """``/~1items~1{id}/POST/caching/enabled`` caches POST; a ttl of 10 s for GET."""
        _items(api)
        api.gw.update_stage(
            restApiId=api.id,
            stageName="prod",
            patchOperations=[
                _replace("/~1items~1{id}/POST/caching/enabled", "true"),
                _replace("/~1items~1{id}/GET/caching/enabled", "true"),
                _replace("/~1items~1{id}/GET/caching/ttlInSeconds", "10"),
            ],
        )
        api.call("POST", "/items/1")
        api.call("POST", "/items/1")
        assert backend.calls == 1
        api.call("GET", "/items/1")
        api.cloud.advance(9)
        api.call("GET", "/items/1")
        assert backend.calls == 2
        api.cloud.advance(1)
        api.call("GET", "/items/1")
        assert backend.calls == 3

    def test_ttl_zero_caches_nothing(self, api: Api, backend: Counter) -> None:
        _items(api)
        api.gw.update_stage(
            restApiId=api.id,
            stageName="prod",
            patchOperations=[
                _replace("/*/*/caching/enabled", "true"),
                _replace("/*/*/caching/ttlInSeconds", "0"),
            ],
        )
        api.call("GET", "/items/1")
        api.call("GET", "/items/1")
        assert backend.calls == 2

    def test_ttl_limit_both_sides(self, api: Api, backend: Counter) -> None:
        _items(api)
        ok = _replace("/*/*/caching/ttlInSeconds", "3600")
        api.gw.update_stage(restApiId=api.id, stageName="prod", patchOperations=[ok])
        refused(
            api.gw.update_stage,
            "BadRequestException",
            restApiId=api.id,
            stageName="prod",
            patchOperations=[_replace("/*/*/caching/ttlInSeconds", "3601")],
        )


class TestKeys:
    def test_path_parameters_not_in_the_key_share_an_entry(
        self, api: Api, backend: Counter
    ) -> None:
        """As in AWS: without ``cacheKeyParameters`` every id gets the first answer."""
        _items(api)
        assert api.call("GET", "/items/1").body == b"call 1 /items/1"
        assert api.call("GET", "/items/2").body == b"call 1 /items/1"

    def test_cache_key_parameters_split_entries(self, api: Api, backend: Counter) -> None:
        _items(api, keys=("method.request.path.id",))
        api.call("GET", "/items/1")
        assert api.call("GET", "/items/2").body == b"call 2 /items/2"
        assert api.call("GET", "/items/1").body == b"call 1 /items/1"
        assert backend.calls == 2

    def test_a_key_must_be_a_declared_parameter(self, api: Api, backend: Counter) -> None:
        where = api.where("GET", "/items/{id}")
        api.gw.put_method(**where, authorizationType="NONE")
        refused(
            api.gw.put_integration,
            "BadRequestException",
            **where,
            type="HTTP_PROXY",
            integrationHttpMethod="GET",
            uri="https://origin.internal/items",
            cacheKeyParameters=["method.request.querystring.q"],
        )


class TestLimits:
    @pytest.mark.parametrize(("size", "cached"), [(1024 * 1024, True), (1024 * 1024 + 1, False)])
    def test_an_entry_is_at_most_1_mb(
        self, api: Api, backend: Counter, size: int, cached: bool
    ) -> None:
        _items(api, keys=("method.request.querystring.size",))
        api.call("GET", "/items/1", query=f"size={size}")
        api.call("GET", "/items/1", query=f"size={size}")
        assert backend.calls == (1 if cached else 2)


class TestInvalidation:
    @pytest.mark.parametrize(
        ("strategy", "status", "warning"),
        [
            ("SUCCEED_WITH_RESPONSE_HEADER", 200, True),
            ("SUCCEED_WITHOUT_RESPONSE_HEADER", 200, False),
            ("FAIL_WITH_403", 403, False),
        ],
    )
    def test_unauthorized_max_age_zero(
        self, api: Api, backend: Counter, strategy: str, status: int, warning: bool
    ) -> None:
        """A caller who may not invalidate: the method's strategy decides; no refresh."""
        _items(api)
        api.gw.update_stage(
            restApiId=api.id,
            stageName="prod",
            patchOperations=[
                _replace("/*/*/caching/enabled", "true"),
                _replace("/*/*/caching/unauthorizedCacheControlHeaderStrategy", strategy),
            ],
        )
        api.call("GET", "/items/1")
        answer = api.call("GET", "/items/1", headers={"Cache-Control": "max-age=0"})
        assert answer.status == status
        assert (answer.header("Warning") is not None) is warning
        assert backend.calls == 1

    def test_authorization_not_required_refreshes(self, api: Api, backend: Counter) -> None:
        _items(api)
        api.gw.update_stage(
            restApiId=api.id,
            stageName="prod",
            patchOperations=[
                _replace("/*/*/caching/enabled", "true"),
                _replace("/*/*/caching/requireAuthorizationForCacheControl", "false"),
            ],
        )
        api.call("GET", "/items/1")
        fresh = api.call("GET", "/items/1", headers={"Cache-Control": "max-age=0"})
        assert fresh.body == b"call 2 /items/1"
        assert api.call("GET", "/items/1").body == b"call 2 /items/1"

    def test_flush_stage_cache(self, api: Api, backend: Counter) -> None:
        _items(api)
        api.call("GET", "/items/1")
        api.gw.flush_stage_cache(restApiId=api.id, stageName="prod")
        api.call("GET", "/items/1")
        assert backend.calls == 2
        refused(api.gw.flush_stage_cache, "NotFoundException", restApiId=api.id, stageName="x")

    def test_turning_the_cluster_off_empties_it(self, api: Api, backend: Counter) -> None:
        _items(api)
        api.call("GET", "/items/1")
        api.gw.update_stage(
            restApiId=api.id,
            stageName="prod",
            patchOperations=[_replace("/cacheClusterEnabled", "false")],
        )
        assert _stats(api).entries == 0
        stage = api.gw.get_stage(restApiId=api.id, stageName="prod")
        assert (stage["cacheClusterEnabled"], stage["cacheClusterStatus"]) == (
            False,
            "NOT_AVAILABLE",
        )


class TestControlPlane:
    def test_stage_describes_its_cluster(self, api: Api, backend: Counter) -> None:
        _items(api)
        stage = api.gw.get_stage(restApiId=api.id, stageName="prod")
        assert stage["cacheClusterEnabled"] is True
        assert stage["cacheClusterSize"] == "0.5"
        assert stage["cacheClusterStatus"] == "AVAILABLE"

    @pytest.mark.parametrize(("size", "ok"), [("237", True), ("238", False), ("0.5", True)])
    def test_cluster_sizes(self, api: Api, backend: Counter, size: str, ok: bool) -> None:
        _items(api, cache=False)
        deployment = api.gw.get_stage(restApiId=api.id, stageName="prod")["deploymentId"]
        kwargs = {
            "restApiId": api.id,
            "stageName": "other",
            "deploymentId": deployment,
            "cacheClusterEnabled": True,
            "cacheClusterSize": size,
        }
        if ok:
            assert api.gw.create_stage(**kwargs)["cacheClusterSize"] == size
        else:
            refused(api.gw.create_stage, "BadRequestException", **kwargs)

    def test_resource_layer_stats(self, cloud: Cloud, backend: Counter) -> None:
        api = Api(cloud)
        _items(api)
        api.call("GET", "/items/1")
        api.call("GET", "/items/1")
        found = next(a for a in cloud.gateway.rest_apis() if a.id == api.id)
        assert found.cache_stats() == CacheStats(hits=1, misses=1, entries=1)
        found.flush_cache()
        assert found.cache_stats().entries == 0


def test_the_cache_keeps_at_most_its_entry_count() -> None:
    """Past ``max_cache_entries`` the oldest entry goes (expired ones first)."""
    from pyserverless import ManualClock

    limits = {"execute-api": {"max_cache_entries": 2}}
    with Cloud(clock=ManualClock(1_700_000_000), seed=2, limits=limits) as cloud:
        counter = Counter()
        cloud.gateway.backend("https://origin.internal", counter)
        api = Api(cloud)
        _items(api, keys=("method.request.path.id",))
        for item in ("1", "2", "3"):
            api.call("GET", f"/items/{item}")
        assert _stats(api).entries == 2
        api.call("GET", "/items/3")
        api.call("GET", "/items/2")
        assert counter.calls == 3  # 2 and 3 are still there
        api.call("GET", "/items/1")
        assert counter.calls == 4  # 1 was dropped


def test_an_iam_caller_may_invalidate(cloud: Cloud, backend: Counter) -> None:
    """``execute-api:InvalidateCache``, as far as emulated: a caller authenticated with
    SigV4 (AWS_IAM) refreshes the entry (policies are not evaluated)."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    api = Api(cloud)
    api.method(
        "GET",
        "/",
        {"type": "HTTP_PROXY", "integrationHttpMethod": "GET", "uri": "https://origin.internal/"},
        authorizationType="AWS_IAM",
    )
    api.deploy(cacheClusterEnabled=True)
    host = f"{api.id}.execute-api.us-east-1.amazonaws.com"

    def signed(**extra: str) -> dict[str, str]:
        request = AWSRequest(method="GET", url=f"https://{host}/prod/", headers=extra)
        SigV4Auth(Credentials("testing", "testing"), "execute-api", "us-east-1").add_auth(request)
        return {**{k: str(v) for k, v in request.headers.items()}, "Host": host}

    assert api.call("GET", "/", headers=signed()).body == b"call 1 /"
    assert api.call("GET", "/", headers=signed()).body == b"call 1 /"
    fresh = api.call("GET", "/", headers=signed(**{"Cache-Control": "max-age=0"}))
    assert (fresh.body, fresh.header("Warning")) == (b"call 2 /", None)


def test_a_shared_cache_namespace_shares_answers(cloud: Cloud, backend: Counter) -> None:
    """Two resources with one ``cacheNamespace`` share entries; by default each resource
    has its own (its id)."""
    api = Api(cloud)
    for path, namespace in (("/a", "shared"), ("/b", "shared"), ("/c", None)):
        api.method(
            "GET",
            path,
            {
                "type": "HTTP_PROXY",
                "integrationHttpMethod": "GET",
                "uri": f"https://origin.internal{path}",
                **({"cacheNamespace": namespace} if namespace else {}),
            },
        )
    api.deploy(cacheClusterEnabled=True)
    assert api.call("GET", "/a").body == b"call 1 /a"
    assert api.call("GET", "/b").body == b"call 1 /a"
    assert api.call("GET", "/c").body == b"call 2 /c"
    c = api.gw.get_integration(**api.where("GET", "/c"))
    assert c["cacheNamespace"] == api.resources["/c"]


_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("get"), st.sampled_from(["1", "2", "3"])),
        st.tuples(st.just("advance"), st.sampled_from([1, 100, 299, 300, 301])),
        st.tuples(st.just("flush"), st.none()),
        st.tuples(st.just("refresh"), st.sampled_from(["1", "2"])),
    ),
    max_size=25,
)


@settings(max_examples=100, deadline=None)
@given(ops=_OPS)
@example(ops=[("get", "1"), ("advance", 299), ("get", "1"), ("advance", 1), ("get", "1")])
def test_cache_against_a_model(ops: list[tuple[str, Any]]) -> None:
    """Random requests, clock moves, flushes and refreshes: the backend is called exactly
    when a plain dict of expiry times says the entry is missing or stale."""
    from pyserverless import ManualClock

    with Cloud(clock=ManualClock(1_700_000_000), seed=5) as cloud:
        counter = Counter()
        cloud.gateway.backend("https://origin.internal", counter)
        api = Api(cloud)
        _items(api, keys=("method.request.path.id",))
        api.gw.update_stage(
            restApiId=api.id,
            stageName="prod",
            patchOperations=[
                _replace("/*/*/caching/enabled", "true"),
                _replace("/*/*/caching/requireAuthorizationForCacheControl", "false"),
            ],
        )
        model: dict[str, float] = {}
        now, expected = 0.0, 0
        for op, arg in ops:
            if op == "advance":
                api.cloud.advance(arg)
                now += arg
            elif op == "flush":
                api.gw.flush_stage_cache(restApiId=api.id, stageName="prod")
                model.clear()
            else:
                refresh = op == "refresh"
                headers = {"Cache-Control": "max-age=0"} if refresh else None
                api.call("GET", f"/items/{arg}", headers=headers)
                if refresh or model.get(arg, -1.0) <= now:
                    expected += 1
                    model[arg] = now + 300
            assert counter.calls == expected
