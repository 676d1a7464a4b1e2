"""The Lambda authorizer result cache, on the Cloud's clock: keys, TTL limits, and the
cached policy applied to every method of the API (aws-facts C5)."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import ManualClock

from .conftest import Gateway, Recorder, allow, arn, policy, request_spec, token_spec

TOKEN = {"Authorization": "tok"}


class TestTtl:
    def test_default_ttl_caches_by_token(self, gw: Gateway) -> None:
        auth = Recorder(allow())
        stage = gw.stage("REST", token_spec(gw.function(auth)))
        for _ in range(3):
            assert gw.call(stage, headers=TOKEN).status == 200
        assert len(auth.events) == 1
        assert gw.call(stage, headers={"Authorization": "other"}).status == 200
        assert len(auth.events) == 2

    def test_ttl_zero_never_caches(self, gw: Gateway) -> None:
        auth = Recorder(allow())
        stage = gw.stage("REST", token_spec(gw.function(auth), ttl_seconds=0))
        for _ in range(3):
            gw.call(stage, headers=TOKEN)
        assert len(auth.events) == 3

    @pytest.mark.parametrize("ttl", [1, 300, 3600])
    def test_hit_within_ttl_miss_at_ttl(self, gw: Gateway, clock: ManualClock, ttl: int) -> None:
        """Last instant inside the TTL is a hit; the TTL itself is a miss."""
        auth = Recorder(allow())
        stage = gw.stage("REST", token_spec(gw.function(auth), ttl_seconds=ttl))
        gw.call(stage, headers=TOKEN)
        clock.advance(ttl - 0.001)
        gw.call(stage, headers=TOKEN)
        assert len(auth.events) == 1
        clock.advance(0.001)
        gw.call(stage, headers=TOKEN)
        assert len(auth.events) == 2

    def test_ttl_above_the_maximum_is_held_to_it(self, gw: Gateway, clock: ManualClock) -> None:
        """A TTL past ExecuteApiLimits.authorizer_ttl_max_seconds (3600) expires at the max."""
        auth = Recorder(allow())
        stage = gw.stage("REST", token_spec(gw.function(auth), ttl_seconds=7200))
        gw.call(stage, headers=TOKEN)
        clock.advance(3600)
        gw.call(stage, headers=TOKEN)
        assert len(auth.events) == 2

    def test_cache_hit_reports_zero_latency(self, gw: Gateway) -> None:
        stage = gw.stage("REST", token_spec(gw.function(Recorder(allow()))))
        gw.call(stage, headers=TOKEN)
        gw.call(stage, headers=TOKEN)
        assert gw.backend.events[1]["requestContext"]["authorizer"]["integrationLatency"] == 0

    def test_failures_are_not_cached(self, gw: Gateway) -> None:
        def handler(event: Any, context: Any) -> Any:
            raise Exception("Unauthorized")

        stage = gw.stage("REST", token_spec(gw.function(handler)))
        assert gw.call(stage, headers=TOKEN).status == 401
        assert gw.call(stage, headers=TOKEN).status == 401
        assert gw.invocations == 2

    def test_flush(self, gw: Gateway) -> None:
        auth = Recorder(allow())
        stage = gw.stage("REST", token_spec(gw.function(auth)))
        gw.call(stage, headers=TOKEN)
        gw.engine.authorizers.flush(stage.api_id, "other-stage")
        gw.call(stage, headers=TOKEN)
        assert len(auth.events) == 1
        gw.engine.authorizers.flush(stage.api_id, stage.stage_name)
        gw.call(stage, headers=TOKEN)
        assert len(auth.events) == 2


class TestKeys:
    def test_request_key_is_every_source(self, gw: Gateway) -> None:
        auth = Recorder(allow())
        spec = request_spec(
            gw.function(auth), "method.request.header.X-User", "method.request.querystring.t"
        )
        stage = gw.stage("REST", spec)
        gw.call(stage, headers={"X-User": "ann"}, query="t=1")
        gw.call(stage, headers={"X-User": "ann"}, query="t=1&other=9")  # same sources: hit
        assert len(auth.events) == 1
        gw.call(stage, headers={"X-User": "ann"}, query="t=2")
        gw.call(stage, headers={"X-User": "bob"}, query="t=1")
        assert len(auth.events) == 3

    def test_stages_and_authorizers_have_their_own_entries(self, gw: Gateway) -> None:
        auth = Recorder(allow())
        fn = gw.function(auth)
        gw.call(gw.stage("REST", token_spec(fn)), headers=TOKEN)
        gw.call(gw.stage("REST", token_spec(fn), name="beta"), headers=TOKEN)
        assert len(auth.events) == 2


class TestCachedPolicyAppliesToEveryMethod:
    """The classic production bug: the authorizer allows only the ARN it was called for
    (``event["methodArn"]``); cached, that policy then denies the API's other methods."""

    def test_bug_reproduced(self, gw: Gateway, clock: ManualClock) -> None:
        auth = Recorder(lambda event: allow(event["methodArn"]))
        stage = gw.stage("REST", token_spec(gw.function(auth)))
        assert gw.call(stage, "GET", "/pets/1", headers=TOKEN).status == 200
        response = gw.call(stage, "POST", "/pets/1", headers=TOKEN)
        assert (response.status, response.json()) == (
            403,
            {"Message": "User is not authorized to access this resource"},
        )
        assert len(auth.events) == 1  # the POST was decided from the cache
        clock.advance(300)
        assert gw.call(stage, "POST", "/pets/1", headers=TOKEN).status == 200
        assert gw.call(stage, "GET", "/pets/1", headers=TOKEN).status == 403

    def test_wildcard_policy_is_the_fix(self, gw: Gateway) -> None:
        auth = Recorder(allow(arn("/*", method="*")))
        stage = gw.stage("REST", token_spec(gw.function(auth)))
        assert gw.call(stage, "GET", "/pets/1", headers=TOKEN).status == 200
        assert gw.call(stage, "POST", "/pets/2", headers=TOKEN).status == 200
        assert len(auth.events) == 1

    def test_without_cache_no_bug(self, gw: Gateway) -> None:
        auth = Recorder(lambda event: allow(event["methodArn"]))
        stage = gw.stage("REST", token_spec(gw.function(auth), ttl_seconds=0))
        assert gw.call(stage, "GET", "/pets/1", headers=TOKEN).status == 200
        assert gw.call(stage, "POST", "/pets/1", headers=TOKEN).status == 200

    def test_cached_deny_too(self, gw: Gateway) -> None:
        auth = Recorder(policy("Deny", "*"))
        stage = gw.stage("REST", token_spec(gw.function(auth)))
        assert gw.call(stage, "GET", headers=TOKEN).status == 403
        assert gw.call(stage, "POST", headers=TOKEN).status == 403
        assert len(auth.events) == 1
