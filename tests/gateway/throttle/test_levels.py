"""Stage, method, route and account buckets through the runtime, with stages built from
the contract (``DeployedStage``) and a ManualClock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.gateway._deployed import DeployedStage, GatewayResponseSpec, ThrottleSpec
from pyserverless.gateway._runtime._types import GatewayRequest, Matched

from .conftest import START, route, serve, stage, statuses


class TestStageThrottle:
    def test_burst_then_refill_at_rate(self, cloud: Cloud) -> None:
        """rate 2/s, burst 3: three admitted at once, the fourth refused; one more after 0.5 s."""
        deployed = stage("REST", route("GET", "/r"), throttle=ThrottleSpec(2.0, 3))
        assert statuses(cloud, deployed, 4) == [200, 200, 200, 429]
        cloud.advance(0.499999)
        assert serve(cloud, deployed).status == 429
        cloud.advance(0.000001)
        assert statuses(cloud, deployed, 2) == [200, 429]

    def test_refused_body_and_headers(self, cloud: Cloud) -> None:
        """A throttled request gets AWS's 429 body and error type."""
        deployed = stage("REST", route("GET", "/r"), throttle=ThrottleSpec(1.0, 0))
        response = serve(cloud, deployed)
        assert response.status == 429
        assert response.json() == {"message": "Too Many Requests"}
        assert response.header("x-amzn-ErrorType") == "TooManyRequestsException"

    def test_stage_default_is_per_method(self, cloud: Cloud) -> None:
        """The stage's default throttle applies to each method on its own (AWS applies
        stage throttles at the method level)."""
        deployed = stage(
            "REST", route("GET", "/a"), route("GET", "/b"), throttle=ThrottleSpec(1.0, 1)
        )
        assert statuses(cloud, deployed, 2, "/a") == [200, 429]
        assert statuses(cloud, deployed, 2, "/b") == [200, 429]

    def test_method_throttle_overrides_stage(self, cloud: Cloud) -> None:
        """A method's own throttle replaces the stage default for that method."""
        deployed = stage(
            "REST",
            route("GET", "/a", throttle=ThrottleSpec(1.0, 3)),
            route("GET", "/b"),
            throttle=ThrottleSpec(1.0, 1),
        )
        assert statuses(cloud, deployed, 4, "/a") == [200, 200, 200, 429]
        assert statuses(cloud, deployed, 2, "/b") == [200, 429]

    def test_method_throttle_without_stage_default(self, cloud: Cloud) -> None:
        """A method throttle alone limits that method; other methods are unlimited."""
        deployed = stage(
            "REST", route("GET", "/a", throttle=ThrottleSpec(1.0, 1)), route("GET", "/b")
        )
        assert statuses(cloud, deployed, 2, "/a") == [200, 429]
        assert statuses(cloud, deployed, 5, "/b") == [200] * 5

    def test_methods_on_one_resource_apart(self, cloud: Cloud) -> None:
        """GET and POST on the same resource have a bucket each."""
        deployed = stage(
            "REST", route("GET", "/r"), route("POST", "/r"), throttle=ThrottleSpec(1.0, 1)
        )
        assert statuses(cloud, deployed, 2) == [200, 429]
        assert serve(cloud, deployed, method="POST").status == 200

    def test_stages_apart(self, cloud: Cloud) -> None:
        """Two stages of one API do not share buckets."""
        spec = ThrottleSpec(1.0, 1)
        prod = stage("REST", route("GET", "/r"), throttle=spec)
        beta = stage("REST", route("GET", "/r"), throttle=spec, name="beta")
        assert statuses(cloud, prod, 2) == [200, 429]
        assert statuses(cloud, beta, 2) == [200, 429]

    def test_new_settings_start_a_full_bucket(self, cloud: Cloud) -> None:
        """Changed settings (a new deployment or stage update) start a full bucket."""
        assert statuses(
            cloud, stage("REST", route("GET", "/r"), throttle=ThrottleSpec(1.0, 1)), 2
        ) == [200, 429]
        again = stage("REST", route("GET", "/r"), throttle=ThrottleSpec(1.0, 2))
        assert statuses(cloud, again, 3) == [200, 200, 429]

    def test_unmatched_route_takes_no_token(self, cloud: Cloud) -> None:
        """A request that matches no route never reaches the buckets."""
        deployed = stage("REST", route("GET", "/r"), throttle=ThrottleSpec(1.0, 1))
        assert serve(cloud, deployed, "/nope").status == 403
        assert statuses(cloud, deployed, 2) == [200, 429]

    def test_gateway_response_customises_throttled(self, cloud: Cloud) -> None:
        """A THROTTLED gateway response changes the 429's status and body."""
        custom = GatewayResponseSpec(
            "THROTTLED",
            status_code="503",
            response_templates={"application/json": '{"slow":"down"}'},
        )
        deployed = stage(
            "REST",
            route("GET", "/r"),
            throttle=ThrottleSpec(1.0, 0),
            gateway_responses={"THROTTLED": custom},
        )
        response = serve(cloud, deployed)
        assert (response.status, response.body) == (503, b'{"slow":"down"}')


class TestHttpApi:
    def test_default_route_settings(self, cloud: Cloud) -> None:
        """An HTTP API's default route throttle applies per route."""
        deployed = stage(
            "HTTP", route("GET", "/a"), route("GET", "/b"), throttle=ThrottleSpec(1.0, 2)
        )
        assert statuses(cloud, deployed, 3, "/a") == [200, 200, 429]
        assert statuses(cloud, deployed, 3, "/b") == [200, 200, 429]
        cloud.advance(1)
        assert statuses(cloud, deployed, 2, "/a") == [200, 429]

    def test_route_settings_override(self, cloud: Cloud) -> None:
        """A route's own settings replace the stage default for that route."""
        deployed = stage(
            "HTTP",
            route("GET", "/a", throttle=ThrottleSpec(10.0, 1)),
            throttle=ThrottleSpec(1.0, 5),
        )
        assert statuses(cloud, deployed, 2, "/a") == [200, 429]
        cloud.advance(0.1)
        assert statuses(cloud, deployed, 2, "/a") == [200, 429]

    def test_http_429_body(self, cloud: Cloud) -> None:
        """HTTP APIs answer a throttled request with 429 Too Many Requests too."""
        deployed = stage("HTTP", route("GET", "/a"), throttle=ThrottleSpec(1.0, 0))
        response = serve(cloud, deployed, "/a")
        assert (response.status, response.json()) == (429, {"message": "Too Many Requests"})
        assert response.header("x-amzn-ErrorType") is None
        assert response.header("apigw-requestid") is not None

    def test_keys_never_asked(self, cloud: Cloud) -> None:
        """HTTP APIs have no API keys: a route flagged so is served without one."""
        deployed = stage("HTTP", route("GET", "/a", api_key_required=True))
        assert serve(cloud, deployed, "/a").status == 200


@pytest.fixture
def small_account() -> Iterator[Cloud]:
    """A Cloud whose account bucket is 2/s, burst 3."""
    limits = {"execute-api": {"account_rate": 2.0, "account_burst": 3}}
    with Cloud(clock=ManualClock(START), seed=3, limits=limits) as c:
        yield c


class TestAccountBucket:
    def test_defaults(self, cloud: Cloud) -> None:
        """The account level is 10,000 requests/s with burst 5,000 by default."""
        limits = cloud.engine("execute-api").limits
        assert (limits.account_rate, limits.account_burst) == (10_000.0, 5_000)

    def test_default_burst_both_sides(self, cloud: Cloud) -> None:
        """5,000 requests at one instant pass; the 5,001st is refused; 0.1 ms later one more."""
        deployed = stage("HTTP", route("GET", "/r"))
        engine = cloud.engine("execute-api")
        throttles = engine.throttles
        for _ in range(4_999):
            assert throttles.admit(deployed, _matched(deployed), None, cloud.clock.now()) is None
        assert statuses(cloud, deployed, 2) == [200, 429]
        cloud.advance(0.0001)
        assert statuses(cloud, deployed, 2) == [200, 429]

    def test_shared_across_apis(self, small_account: Cloud) -> None:
        """REST and HTTP APIs of a Region draw from one account bucket."""
        rest = stage("REST", route("GET", "/r"), api_id="aaaaaaaaaa")
        http = stage("HTTP", route("GET", "/r"), api_id="bbbbbbbbbb")
        assert statuses(small_account, rest, 2) == [200, 200]
        assert statuses(small_account, http, 2) == [200, 429]
        assert serve(small_account, rest).status == 429
        small_account.advance(0.5)
        assert statuses(small_account, http, 2) == [200, 429]

    def test_regions_apart(self, small_account: Cloud) -> None:
        """Another Region has its own account bucket."""
        deployed = stage("REST", route("GET", "/r"))
        assert statuses(small_account, deployed, 4) == [200, 200, 200, 429]
        other = small_account.engine("execute-api", "eu-west-1")
        assert other.serve(deployed, GatewayRequest("GET", "/r")).status == 200

    def test_refused_at_stage_takes_no_account_token(self, small_account: Cloud) -> None:
        """A request refused by the stage's bucket leaves the account bucket untouched."""
        limited = stage(
            "REST", route("GET", "/a", throttle=ThrottleSpec(1.0, 1)), route("GET", "/b")
        )
        assert statuses(small_account, limited, 3, "/a") == [200, 429, 429]
        assert statuses(small_account, limited, 3, "/b") == [200, 200, 429]

    def test_refused_at_account_takes_no_stage_token(self, small_account: Cloud) -> None:
        """A request refused by the account keeps the method's token for later."""
        limited = stage(
            "REST", route("GET", "/a", throttle=ThrottleSpec(1.0, 1)), route("GET", "/b")
        )
        assert statuses(small_account, limited, 3, "/b") == [200, 200, 200]
        assert serve(small_account, limited, "/a").status == 429  # the account is empty
        small_account.advance(0.5)  # one account token back; the method still has its own
        assert serve(small_account, limited, "/a").status == 200


def _matched(deployed: DeployedStage) -> Matched:
    return Matched(deployed.routes[0], {})
