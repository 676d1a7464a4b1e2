"""Usage plans through the apigateway control plane: the plan's throttle per key, its
per-method throttles, quotas (DAY, WEEK, MONTH with offsets) across period boundaries,
and GetUsage through boto3."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, ManualClock, mock_aws

from .conftest import START, KeyedApi


@pytest.fixture
def api(cloud: Cloud) -> KeyedApi:
    return KeyedApi(cloud)


class TestPlanThrottle:
    def test_per_key_burst_then_rate(self, api: KeyedApi) -> None:
        """Plan throttle rate 4/s burst 2: two at once, the third refused, one more 0.25 s on."""
        key = api.key()
        api.plan(key, throttle={"rateLimit": 4.0, "burstLimit": 2})
        assert api.gets(3, key=key) == [200, 200, 429]
        api.cloud.advance(0.249999)
        assert api.get(key=key) == 429
        api.cloud.advance(0.000001)
        assert api.gets(2, key=key) == [200, 429]

    def test_each_key_its_own_bucket(self, api: KeyedApi) -> None:
        """The plan's throttle applies to each API key separately."""
        first, second = api.key("a"), api.key("b")
        api.plan(first, second, throttle={"rateLimit": 1.0, "burstLimit": 1})
        assert api.gets(2, key=first) == [200, 429]
        assert api.gets(2, key=second) == [200, 429]

    def test_shared_across_the_plans_methods(self, api: KeyedApi) -> None:
        """One key's plan bucket is shared by every keyed method of the plan."""
        api.add("/toys", key=True)
        api.deploy()
        key = api.key()
        api.plan(key, throttle={"rateLimit": 1.0, "burstLimit": 2})
        assert api.get("/pets", key) == 200
        assert api.gets(2, "/toys", key) == [200, 429]

    def test_updated_plan_applies_without_redeploying(self, api: KeyedApi) -> None:
        """UpdateUsagePlan's new throttle applies to the next request (a full new bucket)."""
        key = api.key()
        plan = api.plan(key, throttle={"rateLimit": 1.0, "burstLimit": 1})
        assert api.gets(2, key=key) == [200, 429]
        api.gw.update_usage_plan(
            usagePlanId=plan,
            patchOperations=[{"op": "replace", "path": "/throttle/burstLimit", "value": "3"}],
        )
        assert api.gets(4, key=key) == [200, 200, 200, 429]

    def test_plan_refusal_takes_no_stage_token(self, api: KeyedApi) -> None:
        """A key refused by its plan's bucket leaves the method's stage bucket alone."""
        api.gw.update_stage(
            restApiId=api.api,
            stageName="prod",
            patchOperations=[
                {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "2"},
                {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "1"},
            ],
        )
        slow, other = api.key("slow"), api.key("other")
        api.plan(slow, throttle={"rateLimit": 1.0, "burstLimit": 1})
        api.plan(other)
        assert api.gets(3, key=slow) == [200, 429, 429]
        assert api.gets(2, key=other) == [200, 429]


class TestMethodThrottle:
    def _plan(self, api: KeyedApi, key: dict[str, Any], **fields: Any) -> str:
        return api.plan(
            key,
            throttle={"rateLimit": 1.0, "burstLimit": 1},
            method_throttles={"/pets/GET": {"rateLimit": 1.0, "burstLimit": 3}},
            **fields,
        )

    def test_method_throttle_replaces_plan_throttle(self, api: KeyedApi) -> None:
        """The plan's throttle for /pets GET applies there instead of the plan's own."""
        api.add("/toys", key=True)
        api.deploy()
        key = api.key()
        self._plan(api, key)
        assert api.gets(4, "/pets", key) == [200, 200, 200, 429]
        assert api.gets(2, "/toys", key) == [200, 429]

    def test_both_apply_when_configured(self) -> None:
        """With usage_plan_method_throttle_overrides off, the plan's throttle applies too."""
        limits = {"execute-api": {"usage_plan_method_throttle_overrides": False}}
        with Cloud(clock=ManualClock(START), seed=3, limits=limits) as cloud:
            api = KeyedApi(cloud)
            key = api.key()
            self._plan(api, key)
            assert api.gets(2, "/pets", key) == [200, 429]

    def test_root_method_key(self, api: KeyedApi) -> None:
        """The root resource's method throttle is keyed ``//GET``."""
        api.add("/", key=True)
        api.deploy()
        key = api.key()
        api.plan(key, method_throttles={"//GET": {"rateLimit": 1.0, "burstLimit": 1}})
        assert api.gets(2, "/", key) == [200, 429]
        assert api.gets(2, "/pets", key) == [200, 200]


def _at(cloud: Cloud, moment: datetime) -> None:
    cloud.clock.set(moment)  # type: ignore[attr-defined]


class TestQuota:
    def test_day_both_sides(self, api: KeyedApi) -> None:
        """limit 3 per DAY: the third passes, the fourth is 429 Limit Exceeded until 00:00 UTC."""
        key = api.key()
        api.plan(key, quota={"limit": 3, "period": "DAY"})
        assert api.gets(3, key=key) == [200, 200, 200]
        answer = api.cloud.engine("execute-api").invoke(
            api.api, "prod", "GET", "/pets", headers=(("x-api-key", key["value"]),)
        )
        assert (answer.status, answer.json()) == (429, {"message": "Limit Exceeded"})
        assert answer.header("x-amzn-ErrorType") == "LimitExceededException"
        _at(api.cloud, datetime(2025, 1, 1, 23, 59, 59, 999999, tzinfo=UTC))
        assert api.get(key=key) == 429
        _at(api.cloud, datetime(2025, 1, 2, tzinfo=UTC))
        assert api.gets(4, key=key) == [200, 200, 200, 429]

    def test_week_offset_monday(self, api: KeyedApi) -> None:
        """WEEK with offset 1 resets on Monday 00:00 UTC, not on Sunday."""
        key = api.key()
        api.plan(key, quota={"limit": 2, "period": "WEEK", "offset": 1})
        assert api.gets(3, key=key) == [200, 200, 429]  # Wednesday 2025-01-01
        _at(api.cloud, datetime(2025, 1, 5, 12, tzinfo=UTC))  # Sunday
        assert api.get(key=key) == 429
        _at(api.cloud, datetime(2025, 1, 6, tzinfo=UTC))  # Monday
        assert api.gets(3, key=key) == [200, 200, 429]

    def test_week_offset_sunday(self, api: KeyedApi) -> None:
        """WEEK with offset 0 resets on Sunday 00:00 UTC."""
        key = api.key()
        api.plan(key, quota={"limit": 1, "period": "WEEK", "offset": 0})
        assert api.gets(2, key=key) == [200, 429]
        _at(api.cloud, datetime(2025, 1, 4, 23, 59, 59, tzinfo=UTC))  # Saturday
        assert api.get(key=key) == 429
        _at(api.cloud, datetime(2025, 1, 5, tzinfo=UTC))  # Sunday
        assert api.gets(2, key=key) == [200, 429]

    def test_month_offset(self, api: KeyedApi) -> None:
        """MONTH with offset 4 resets on the 5th of each month, 00:00 UTC."""
        key = api.key()
        api.plan(key, quota={"limit": 1, "period": "MONTH", "offset": 4})
        assert api.gets(2, key=key) == [200, 429]
        _at(api.cloud, datetime(2025, 1, 4, 23, 59, 59, tzinfo=UTC))
        assert api.get(key=key) == 429
        _at(api.cloud, datetime(2025, 1, 5, tzinfo=UTC))
        assert api.gets(2, key=key) == [200, 429]
        _at(api.cloud, datetime(2025, 2, 4, 23, tzinfo=UTC))
        assert api.get(key=key) == 429
        _at(api.cloud, datetime(2025, 2, 5, tzinfo=UTC))
        assert api.get(key=key) == 200

    def test_throttled_requests_do_not_count(self, api: KeyedApi) -> None:
        """A request refused by a bucket counts toward no quota."""
        key = api.key()
        api.plan(
            key, throttle={"rateLimit": 1.0, "burstLimit": 1}, quota={"limit": 2, "period": "DAY"}
        )
        assert api.gets(5, key=key) == [200, 429, 429, 429, 429]
        api.cloud.advance(1)
        assert api.gets(2, key=key) == [200, 429]
        api.cloud.advance(1)
        assert api.get(key=key) == 429  # the quota's two are spent now
        metrics = api.cloud.engine("execute-api").metrics(api.api, "prod")
        assert (metrics["ThrottledCount"], metrics["QuotaExceededCount"]) == (5, 1)

    def test_keys_apart(self, api: KeyedApi) -> None:
        """Each key has its own quota."""
        first, second = api.key("a"), api.key("b")
        api.plan(first, second, quota={"limit": 1, "period": "DAY"})
        assert api.gets(2, key=first) == [200, 429]
        assert api.gets(2, key=second) == [200, 429]

    def test_custom_quota_response(self, api: KeyedApi) -> None:
        """A QUOTA_EXCEEDED gateway response changes the answer."""
        api.gw.put_gateway_response(
            restApiId=api.api,
            responseType="QUOTA_EXCEEDED",
            statusCode="402",
            responseTemplates={"application/json": '{"pay":"up"}'},
        )
        api.deploy()
        key = api.key()
        api.plan(key, quota={"limit": 1, "period": "DAY"})
        assert api.gets(2, key=key) == [200, 402]


@pytest.fixture
def boto_gw(cloud: Cloud) -> Iterator[Any]:
    with mock_aws(cloud):
        yield boto3.client("apigateway", region_name="us-east-1")


class TestGetUsage:
    def test_shape_and_counts_across_days(self, api: KeyedApi, boto_gw: Any) -> None:
        """GetUsage through boto3: used and remaining per key and day; the month's quota
        carries across days, and days without requests still appear."""
        first, second = api.key("a"), api.key("b")
        plan = api.plan(first, second, quota={"limit": 10, "period": "MONTH"})
        api.gets(3, key=first)
        _at(api.cloud, datetime(2025, 1, 3, 8, tzinfo=UTC))
        api.gets(2, key=first)
        api.gets(1, key=second)
        usage = boto_gw.get_usage(usagePlanId=plan, startDate="2024-12-31", endDate="2025-01-03")
        usage.pop("ResponseMetadata")
        assert usage == {
            "usagePlanId": plan,
            "startDate": "2024-12-31",
            "endDate": "2025-01-03",
            "items": {
                first["id"]: [[0, 10], [3, 7], [0, 7], [2, 5]],
                second["id"]: [[0, 10], [0, 10], [0, 10], [1, 9]],
            },
        }

    def test_key_filter(self, api: KeyedApi, boto_gw: Any) -> None:
        """keyId limits the items to that key."""
        first, second = api.key("a"), api.key("b")
        plan = api.plan(first, second, quota={"limit": 5, "period": "DAY"})
        api.get(key=second)
        usage = boto_gw.get_usage(
            usagePlanId=plan, keyId=second["id"], startDate="2025-01-01", endDate="2025-01-01"
        )
        assert usage["items"] == {second["id"]: [[1, 4]]}

    def test_refused_requests_not_used(self, api: KeyedApi, boto_gw: Any) -> None:
        """Requests refused by a bucket or the quota are not usage."""
        key = api.key()
        plan = api.plan(key, quota={"limit": 2, "period": "DAY"})
        api.cloud.engine("execute-api").throttle_next(api.api, 2)
        assert api.gets(5, key=key) == [429, 429, 200, 200, 429]
        usage = boto_gw.get_usage(usagePlanId=plan, startDate="2025-01-01", endDate="2025-01-01")
        assert usage["items"] == {key["id"]: [[2, 0]]}

    def test_plan_without_keys(self, api: KeyedApi, boto_gw: Any) -> None:
        """A plan without keys reports no items."""
        plan = api.plan()
        usage = boto_gw.get_usage(usagePlanId=plan, startDate="2025-01-01", endDate="2025-01-02")
        assert usage["items"] == {}

    def test_matches_botocore_shape(self, api: KeyedApi, cloud: Cloud) -> None:
        """The answer holds only members of botocore's Usage shape, with their types."""
        import botocore.session

        model = botocore.session.get_session().get_service_model("apigateway")
        shape = model.operation_model("GetUsage").output_shape
        key = api.key()
        plan = api.plan(key, quota={"limit": 5, "period": "WEEK", "offset": 3})
        api.get(key=key)
        answer = cloud.engine("execute-api").usage(plan, None, "2025-01-01", "2025-01-02")
        assert set(answer) <= set(shape.members)
        rows = answer["items"][key["id"]]
        assert all(isinstance(n, int) for row in rows for n in row)
        assert rows == [[1, 4], [0, 4]]  # a Wednesday-based week: both days in one period
