"""Time to Live: UpdateTimeToLive/DescribeTimeToLive, expiry versus deletion, the sweeper.

Every test runs on a ManualClock at a fixed start; the deletion window is narrowed
through the Cloud's limits where a test needs exact instants.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ParamValidationError

from pyserverless import Cloud, ManualClock
from pyserverless.dynamo import ResourceInUseException, ValidationException
from pyserverless.dynamo._changes import TTL_IDENTITY, Change

from .conftest import make_table

START = 1_750_000_000
DAY = 86400.0
FIVE_YEARS = 5 * 365 * DAY


def new_cloud(seed: int = 0, **limits: Any) -> Cloud:
    return Cloud(clock=ManualClock(START), seed=seed, limits={"dynamodb": limits})


def enable(ddb: Any, table: str = "items", attribute: str = "expires") -> None:
    ddb.update_time_to_live(
        TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute}
    )


def disable(ddb: Any, table: str = "items", attribute: str = "expires") -> None:
    ddb.update_time_to_live(
        TableName=table, TimeToLiveSpecification={"Enabled": False, "AttributeName": attribute}
    )


def describe(ddb: Any, table: str = "items") -> dict[str, Any]:
    return ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]  # type: ignore[no-any-return]


def put(ddb: Any, pk: str, expires: Any = None, table: str = "items", **extra: Any) -> None:
    item: dict[str, Any] = {"pk": {"S": pk}, "sk": {"N": "1"}}
    if expires is not None:
        item["expires"] = expires if isinstance(expires, dict) else {"N": str(expires)}
    item.update(extra)
    ddb.put_item(TableName=table, Item=item)


def present(ddb: Any, pk: str, table: str = "items") -> bool:
    found = ddb.get_item(TableName=table, Key={"pk": {"S": pk}, "sk": {"N": "1"}})
    return "Item" in found


def now(cloud: Cloud) -> int:
    return int(cloud.clock.time())


def ttl_state(cloud: Cloud, table: str = "items") -> Any:
    return cloud.engine("dynamodb")._ttl_state(table)


def check(cloud: Cloud, table: str = "items") -> None:
    cloud.engine("dynamodb")._check()
    state = ttl_state(cloud, table)
    if state is not None:
        state._check()


@pytest.fixture
def world() -> Any:
    """A Cloud with table ``items`` (pk S, sk N) and its client; TTL not yet enabled."""
    cloud = new_cloud()
    ddb = cloud.client("dynamodb")
    make_table(ddb)
    return cloud, ddb


# -- the control plane -------------------------------------------------------------------------
class TestUpdateTimeToLive:
    def test_answers_the_specification(self, world: Any) -> None:
        """The response echoes the request's specification (not a description)."""
        _cloud, ddb = world
        out = ddb.update_time_to_live(
            TableName="items", TimeToLiveSpecification={"Enabled": True, "AttributeName": "e"}
        )
        assert out["TimeToLiveSpecification"] == {"Enabled": True, "AttributeName": "e"}
        assert "TimeToLiveDescription" not in out

    def test_fresh_table_is_disabled_without_attribute(self, world: Any) -> None:
        """A never-configured table describes as DISABLED, naming no attribute."""
        _cloud, ddb = world
        assert describe(ddb) == {"TimeToLiveStatus": "DISABLED"}

    def test_enable_then_disable(self, world: Any) -> None:
        """ENABLED names the attribute; DISABLED (after the interval) names none."""
        cloud, ddb = world
        enable(ddb)
        assert describe(ddb) == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}
        cloud.advance(3600)
        disable(ddb)
        assert describe(ddb) == {"TimeToLiveStatus": "DISABLED"}

    def test_enable_again_same_attribute(self, world: Any) -> None:
        """Enabling what is enabled is refused, not idempotent."""
        cloud, ddb = world
        enable(ddb)
        cloud.advance(7200)
        with pytest.raises(ddb.exceptions.ValidationException) as err:
            enable(ddb)
        assert err.value.response["Error"]["Message"] == "TimeToLive is already enabled"

    def test_enable_another_attribute(self, world: Any) -> None:
        """Enabling another attribute while enabled names the current one."""
        cloud, ddb = world
        enable(ddb)
        cloud.advance(7200)
        with pytest.raises(ddb.exceptions.ValidationException) as err:
            enable(ddb, attribute="other")
        assert err.value.response["Error"]["Message"] == (
            "TimeToLive is active on a different AttributeName: current AttributeName is expires"
        )
        assert describe(ddb)["AttributeName"] == "expires"

    def test_disable_with_another_attribute(self, world: Any) -> None:
        """Disabling needs the current attribute's name."""
        cloud, ddb = world
        enable(ddb)
        cloud.advance(7200)
        with pytest.raises(ddb.exceptions.ValidationException) as err:
            disable(ddb, attribute="other")
        assert "current AttributeName is expires" in err.value.response["Error"]["Message"]
        assert describe(ddb)["TimeToLiveStatus"] == "ENABLED"

    @pytest.mark.parametrize("configured", [False, True])
    def test_disable_when_disabled(self, world: Any, configured: bool) -> None:
        """Disabling a never-configured or disabled table is refused."""
        cloud, ddb = world
        if configured:
            enable(ddb)
            cloud.advance(3600)
            disable(ddb)
            cloud.advance(3600)
        with pytest.raises(ddb.exceptions.ValidationException) as err:
            disable(ddb)
        assert err.value.response["Error"]["Message"] == "TimeToLive is already disabled"

    def test_the_hour_rule_both_sides(self, world: Any) -> None:
        """A change 3,599 s after the last is refused (changing nothing); at 3,600 s it passes."""
        cloud, ddb = world
        enable(ddb)
        cloud.advance(3599)
        with pytest.raises(ddb.exceptions.ValidationException) as err:
            disable(ddb)
        assert err.value.response["Error"]["Message"] == (
            "Time to live has been modified multiple times within a fixed interval"
        )
        assert describe(ddb)["TimeToLiveStatus"] == "ENABLED"
        cloud.advance(1)
        disable(ddb)
        assert describe(ddb)["TimeToLiveStatus"] == "DISABLED"
        with pytest.raises(ddb.exceptions.ValidationException, match="fixed interval"):
            enable(ddb)

    def test_content_is_checked_before_the_interval(self, world: Any) -> None:
        """Within the hour, a re-enable still gets the 'already enabled' text."""
        _cloud, ddb = world
        enable(ddb)
        with pytest.raises(ddb.exceptions.ValidationException, match="already enabled"):
            enable(ddb)
        with pytest.raises(ddb.exceptions.ValidationException, match="different AttributeName"):
            enable(ddb, attribute="x")

    def test_refusals_do_not_restart_the_interval(self, world: Any) -> None:
        """Only accepted changes count: refused calls leave the hour where it was."""
        cloud, ddb = world
        enable(ddb)
        cloud.advance(1800)
        with pytest.raises(ddb.exceptions.ValidationException):
            disable(ddb)
        cloud.advance(1800)
        disable(ddb)

    def test_interval_is_a_limit(self) -> None:
        """ttl_change_interval_seconds replaces AWS's hour (here: 60 s)."""
        cloud = new_cloud(ttl_change_interval_seconds=60)
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        enable(ddb)
        cloud.advance(59)
        with pytest.raises(ddb.exceptions.ValidationException, match="fixed interval"):
            disable(ddb)
        cloud.advance(1)
        disable(ddb)

    def test_missing_table(self, world: Any) -> None:
        """A missing table is ResourceNotFoundException with the control plane's text."""
        _cloud, ddb = world
        with pytest.raises(ddb.exceptions.ResourceNotFoundException) as err:
            enable(ddb, table="nope")
        assert err.value.response["Error"]["Message"] == (
            "Requested resource not found: Table: nope not found"
        )
        with pytest.raises(ddb.exceptions.ResourceNotFoundException):
            describe(ddb, "nope")

    def test_table_by_arn(self, world: Any) -> None:
        """TableName may be the table's ARN."""
        _cloud, ddb = world
        arn = ddb.describe_table(TableName="items")["Table"]["TableArn"]
        enable(ddb, table=arn)
        assert describe(ddb, arn)["TimeToLiveStatus"] == "ENABLED"

    def test_attribute_name_lengths(self, world: Any) -> None:
        """255 characters pass; 256 are AWS's constraint error, and change nothing."""
        _cloud, ddb = world
        with pytest.raises(ddb.exceptions.ValidationException) as err:
            enable(ddb, attribute="a" * 256)
        assert err.value.response["Error"]["Message"] == (
            f"1 validation error detected: Value '{'a' * 256}' at "
            "'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
            "Member must have length less than or equal to 255"
        )
        assert describe(ddb) == {"TimeToLiveStatus": "DISABLED"}
        enable(ddb, attribute="a" * 255)
        assert describe(ddb)["AttributeName"] == "a" * 255

    def test_client_refuses_what_boto3_refuses(self, world: Any) -> None:
        """A missing member or an empty name never leaves boto3 (ParamValidationError)."""
        _cloud, ddb = world
        with pytest.raises(ParamValidationError):
            ddb.update_time_to_live(TableName="items", TimeToLiveSpecification={"Enabled": True})
        with pytest.raises(ParamValidationError):
            ddb.update_time_to_live(
                TableName="items",
                TimeToLiveSpecification={"Enabled": True, "AttributeName": ""},
            )

    @pytest.mark.parametrize(
        ("spec", "path"),
        [
            (None, "timeToLiveSpecification"),
            ({"AttributeName": "e"}, "timeToLiveSpecification.enabled"),
            ({"Enabled": False}, "timeToLiveSpecification.attributeName"),
        ],
    )
    def test_engine_nulls(self, world: Any, spec: Any, path: str) -> None:
        """Over the wire a missing member is AWS's 'Member must not be null' (engine check)."""
        cloud, _ddb = world
        engine = cloud.engine("dynamodb")
        request: dict[str, Any] = {"TableName": "nope"}
        if spec is not None:
            request["TimeToLiveSpecification"] = spec
        with pytest.raises(ValidationException) as err:
            engine.update_time_to_live(request)
        assert err.value.message == (
            f"1 validation error detected: Value null at '{path}' failed to satisfy "
            "constraint: Member must not be null"
        )

    def test_tables_being_created_and_deleted(self) -> None:
        """CREATING: update is ResourceInUse, describe is refused; DELETING: update is
        accepted (changing nothing), describe refused."""
        cloud = new_cloud(table_state_seconds=10)
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        with pytest.raises(ResourceInUseException) as err:
            enable(ddb)
        assert err.value.message == (
            "Attempt to change a resource which is still in use: Table items is being created"
        )
        with pytest.raises(ValidationException) as verr:
            describe(ddb)
        assert verr.value.message == (
            "Cannot describe time to live while table is in CREATING state: "
            "Current table state is CREATING"
        )
        cloud.advance(10)
        enable(ddb)
        cloud.advance(3600)
        ddb.delete_table(TableName="items")
        disable(ddb)
        with pytest.raises(ValidationException, match="DELETING state"):
            describe(ddb)


class TestTransitions:
    def test_enabling_and_disabling_take_the_configured_time(self) -> None:
        """With ttl_transition_seconds set, ENABLING and DISABLING are observable."""
        cloud = new_cloud(ttl_transition_seconds=60)
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        enable(ddb)
        assert describe(ddb) == {"TimeToLiveStatus": "ENABLING", "AttributeName": "expires"}
        cloud.advance(59)
        assert describe(ddb)["TimeToLiveStatus"] == "ENABLING"
        cloud.advance(1)
        assert describe(ddb)["TimeToLiveStatus"] == "ENABLED"
        cloud.advance(3600)
        disable(ddb)
        assert describe(ddb) == {"TimeToLiveStatus": "DISABLING", "AttributeName": "expires"}
        cloud.advance(60)
        assert describe(ddb) == {"TimeToLiveStatus": "DISABLED"}

    def test_nothing_is_deleted_while_enabling(self) -> None:
        """Expired items wait for ENABLED before the sweeper deletes them."""
        cloud = new_cloud(
            ttl_transition_seconds=600, ttl_delete_min_seconds=0, ttl_delete_max_seconds=0
        )
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        put(ddb, "a", now(cloud) - 10)
        enable(ddb)
        cloud.advance(599)
        assert present(ddb, "a")
        cloud.advance(1)
        assert not present(ddb, "a")

    def test_nothing_is_deleted_once_disabled(self) -> None:
        """Disabling stops the sweeper: expired items stay."""
        cloud = new_cloud(ttl_delete_min_seconds=100, ttl_delete_max_seconds=100)
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        enable(ddb)
        put(ddb, "a", now(cloud) - 10)
        cloud.advance(3600 - 100)  # the deletion was due at +100 s
        assert not present(ddb, "a")
        cloud.advance(50)
        put(ddb, "b", now(cloud) - 10)  # due at 3,650 s, after the disable
        cloud.advance(50)
        disable(ddb)
        put(ddb, "c", now(cloud) - 10)
        cloud.advance(3 * DAY)
        assert present(ddb, "b")
        assert present(ddb, "c")
        assert cloud.dynamo.table("items").expired() == []


# -- expiry and deletion ---------------------------------------------------------------------
def exact_cloud(delay: float = 0.0, **limits: Any) -> tuple[Cloud, Any]:
    """A Cloud whose sweeper deletes exactly ``delay`` s after expiry, TTL on ``items``."""
    cloud = new_cloud(ttl_delete_min_seconds=delay, ttl_delete_max_seconds=delay, **limits)
    ddb = cloud.client("dynamodb")
    make_table(ddb)
    enable(ddb)
    return cloud, ddb


class TestExpiry:
    def test_expired_is_still_readable_until_deleted(self) -> None:
        """An expired item appears in GetItem, Query and Scan until the sweeper runs."""
        cloud, ddb = exact_cloud(delay=3600)
        put(ddb, "a", now(cloud) - 1)
        cloud.advance(3599)
        assert present(ddb, "a")
        query = ddb.query(
            TableName="items",
            KeyConditionExpression="pk = :a",
            ExpressionAttributeValues={":a": {"S": "a"}},
        )
        assert query["Count"] == 1
        assert ddb.scan(TableName="items")["Count"] == 1
        assert [i["pk"] for i in cloud.dynamo.table("items").expired()] == ["a"]
        cloud.advance(1)
        assert not present(ddb, "a")
        assert ddb.scan(TableName="items")["Count"] == 0
        check(cloud)

    def test_ttl_less_than_now_both_sides(self) -> None:
        """A value equal to now is not expired; one second less is."""
        cloud, ddb = exact_cloud()
        t = now(cloud)
        put(ddb, "equal", t)
        put(ddb, "before", t - 1)
        assert [i["pk"] for i in cloud.dynamo.table("items").expired()] == ["before"]
        cloud.advance(0)  # runs what is due now
        assert present(ddb, "equal")
        assert not present(ddb, "before")
        cloud.advance(0.001)
        assert not present(ddb, "equal")

    def test_future_value_expires_when_the_clock_passes_it(self) -> None:
        """An item expiring at t+10 is there at t+10 and gone just after (zero delay)."""
        cloud, ddb = exact_cloud()
        put(ddb, "a", now(cloud) + 10)
        cloud.advance(10)
        assert present(ddb, "a")
        cloud.advance(0.001)
        assert not present(ddb, "a")

    def test_five_year_rule_both_sides(self) -> None:
        """Five years or more in the past never expires; a second less does."""
        cloud, ddb = exact_cloud()
        t = now(cloud)
        put(ddb, "ancient", t - int(FIVE_YEARS))
        put(ddb, "old", t - int(FIVE_YEARS) + 1)
        assert [i["pk"] for i in cloud.dynamo.table("items").expired()] == ["old"]
        cloud.advance(3 * DAY)
        assert present(ddb, "ancient")
        assert not present(ddb, "old")
        check(cloud)

    @pytest.mark.parametrize(
        "value",
        [
            {"S": "1000"},
            {"BOOL": True},
            {"NS": ["1000"]},
            {"L": [{"N": "1000"}]},
            {"M": {"expires": {"N": "1000"}}},
            {"B": b"1000"},
            {"NULL": True},
        ],
    )
    def test_other_types_are_ignored(self, value: dict[str, Any]) -> None:
        """Only a top-level Number counts; other types never expire."""
        cloud, ddb = exact_cloud()
        put(ddb, "a", value)
        assert cloud.dynamo.table("items").expired() == []
        cloud.advance(3 * DAY)
        assert present(ddb, "a")
        check(cloud)

    def test_far_future_values_schedule_nothing(self) -> None:
        """A value past the year 9999 is indexed but never scheduled (the scheduler can
        still show itself); one just before is scheduled."""
        cloud, ddb = exact_cloud()
        put(ddb, "far", "9.99E+125")
        put(ddb, "y10k", 253402300800)
        assert cloud.scheduler.pending() == []
        assert "pending=0" in repr(cloud.scheduler)
        put(ddb, "y9999", 253402300798)
        (task,) = cloud.scheduler.pending()
        assert 253402300798 < task.when <= 253402300799
        assert "9999-12-31T23:59:58" in repr(cloud.scheduler)
        check(cloud)

    def test_nested_number_is_ignored(self) -> None:
        """A Number under another name or nested deeper is not the TTL attribute."""
        cloud, ddb = exact_cloud()
        put(ddb, "a", None, other={"N": "1000"}, wrap={"M": {"expires": {"N": "1000"}}})
        cloud.advance(3 * DAY)
        assert present(ddb, "a")

    def test_ttl_on_the_sort_key(self) -> None:
        """AWS accepts the key itself as the TTL attribute (a Number sort key expires)."""
        cloud = new_cloud(ttl_delete_min_seconds=1, ttl_delete_max_seconds=1)
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        enable(ddb, attribute="sk")
        t = now(cloud)
        for sk in (t - 1, t + 100):
            ddb.put_item(TableName="items", Item={"pk": {"S": "p"}, "sk": {"N": str(sk)}})
        cloud.advance(1)
        left = [i["sk"]["N"] for i in ddb.scan(TableName="items")["Items"]]
        assert left == [str(t + 100)]
        check(cloud)

    def test_items_present_before_enable_are_indexed(self) -> None:
        """Enabling TTL on a full table finds the items already there."""
        cloud = new_cloud(ttl_delete_min_seconds=5, ttl_delete_max_seconds=5)
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        put(ddb, "a", now(cloud) - 100)
        put(ddb, "b", now(cloud) + 100)
        enable(ddb)
        check(cloud)
        cloud.advance(5)  # due 5 s after the enable made it known
        assert not present(ddb, "a")
        cloud.advance(100)
        assert not present(ddb, "b")


class TestUpdatesAfterExpiry:
    def test_an_expired_item_can_be_updated(self) -> None:
        """UpdateItem on an expired, undeleted item works and returns it."""
        cloud, ddb = exact_cloud(delay=100)
        put(ddb, "a", now(cloud) - 1)
        out = ddb.update_item(
            TableName="items",
            Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
            UpdateExpression="SET n = :n",
            ExpressionAttributeValues={":n": {"N": "1"}},
            ReturnValues="ALL_NEW",
        )
        assert out["Attributes"]["n"] == {"N": "1"}
        cloud.advance(100)  # the TTL value did not change: the deletion time stands
        assert not present(ddb, "a")

    def test_a_future_value_cancels_the_deletion(self) -> None:
        """Moving the TTL value into the future keeps the item past its old deletion time."""
        cloud, ddb = exact_cloud(delay=100)
        put(ddb, "a", now(cloud) - 1)
        later = now(cloud) + 1000
        ddb.update_item(
            TableName="items",
            Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
            UpdateExpression="SET expires = :e",
            ExpressionAttributeValues={":e": {"N": str(later)}},
        )
        assert cloud.dynamo.table("items").expired() == []
        cloud.advance(1000 + 99)  # the old deletion (at +100 s) did not happen
        assert present(ddb, "a")
        cloud.advance(1)  # expired at +1000 s, deleted 100 s later
        assert not present(ddb, "a")
        check(cloud)

    def test_removing_the_value_keeps_the_item(self) -> None:
        """REMOVE of the TTL attribute (or a type change) means the item never expires."""
        cloud, ddb = exact_cloud(delay=100)
        put(ddb, "a", now(cloud) - 1)
        put(ddb, "b", now(cloud) - 1)
        key = {"pk": {"S": "a"}, "sk": {"N": "1"}}
        ddb.update_item(TableName="items", Key=key, UpdateExpression="REMOVE expires")
        put(ddb, "b", {"S": "soon"})
        cloud.advance(3 * DAY)
        assert present(ddb, "a")
        assert present(ddb, "b")
        check(cloud)

    def test_a_past_value_brings_the_deletion_forward(self) -> None:
        """Setting an expired value on a far-future item gets it deleted."""
        cloud, ddb = exact_cloud(delay=10)
        put(ddb, "a", now(cloud) + 10 * 365 * int(DAY))
        put(ddb, "a", now(cloud) - 5)
        cloud.advance(10)
        assert not present(ddb, "a")

    def test_delete_then_sweep(self) -> None:
        """An item deleted by the user before its sweep is simply gone; nothing fails."""
        cloud, ddb = exact_cloud(delay=10)
        put(ddb, "a", now(cloud) - 5)
        ddb.delete_item(TableName="items", Key={"pk": {"S": "a"}, "sk": {"N": "1"}})
        assert cloud.advance(10) >= 0
        check(cloud)

    def test_batch_and_transaction_writes_are_indexed(self) -> None:
        """Every write path feeds the index (the change hook is in commit)."""
        cloud, ddb = exact_cloud(delay=1)
        past = {"N": str(now(cloud) - 5)}
        ddb.batch_write_item(
            RequestItems={
                "items": [
                    {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "1"}, "expires": past}}}
                ]
            }
        )
        ddb.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": "items", "Item": {"pk": {"S": "t"}, "sk": {"N": "1"}}}},
                {
                    "Update": {
                        "TableName": "items",
                        "Key": {"pk": {"S": "u"}, "sk": {"N": "1"}},
                        "UpdateExpression": "SET expires = :e",
                        "ExpressionAttributeValues": {":e": past},
                    }
                },
            ]
        )
        cloud.advance(1)
        assert not present(ddb, "b")
        assert present(ddb, "t")
        assert not present(ddb, "u")


# -- what a TTL deletion is ------------------------------------------------------------------
class Recorder:
    """A table watcher (a bound method, as the hook asks) that keeps every Change."""

    def __init__(self) -> None:
        self.changes: list[Change] = []

    def hear(self, change: Change) -> None:
        self.changes.append(change)


class TestDeletion:
    def test_removed_from_every_index(self) -> None:
        """The sweep removes the item from its GSI and LSI; invariants hold."""
        cloud = new_cloud(ttl_delete_min_seconds=1, ttl_delete_max_seconds=1)
        ddb = cloud.client("dynamodb")
        make_table(
            ddb,
            more_types={"g": "S", "l": "S"},
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "byg",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
            LocalSecondaryIndexes=[
                {
                    "IndexName": "byl",
                    "KeySchema": [
                        {"AttributeName": "pk", "KeyType": "HASH"},
                        {"AttributeName": "l", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        enable(ddb)
        put(ddb, "a", now(cloud) - 1, g={"S": "G"}, l={"S": "L"})

        def index_count(index: str, condition: str, value: dict[str, Any]) -> int:
            out = ddb.query(
                TableName="items",
                IndexName=index,
                KeyConditionExpression=condition,
                ExpressionAttributeValues={":v": value},
            )
            return int(out["Count"])

        assert index_count("byg", "g = :v", {"S": "G"}) == 1
        assert index_count("byl", "pk = :v", {"S": "a"}) == 1
        cloud.advance(1)
        assert index_count("byg", "g = :v", {"S": "G"}) == 0
        assert index_count("byl", "pk = :v", {"S": "a"}) == 0
        described = ddb.describe_table(TableName="items")["Table"]
        assert described["ItemCount"] == 0
        assert described["TableSizeBytes"] == 0
        check(cloud)

    def test_the_change_is_made_by_dynamodb_without_capacity(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Watchers see a REMOVE whose identity is dynamodb.amazonaws.com; commit gets no
        Capacity to charge."""
        from pyserverless.dynamo import _items

        cloud, ddb = exact_cloud(delay=1)
        recorder = Recorder()
        table = cloud.engine("dynamodb").tables["items"]
        table.watchers.append(recorder.hear)
        calls: list[tuple[Any, ...]] = []
        real = _items.commit

        def spy(*args: Any, **kwargs: Any) -> None:
            calls.append((args, kwargs))
            real(*args, **kwargs)

        put(ddb, "a", now(cloud) - 1)
        monkeypatch.setattr(_items, "commit", spy)
        cloud.advance(1)
        assert [c.event_name for c in recorder.changes] == ["INSERT", "REMOVE"]
        assert recorder.changes[-1].identity == TTL_IDENTITY == "dynamodb.amazonaws.com"
        assert recorder.changes[0].identity is None
        ((args, kwargs),) = calls
        assert len(args) == 5  # db, table, key, old, new: no Capacity
        assert args[4] is None
        assert kwargs == {"identity": "dynamodb.amazonaws.com"}

    def test_provisioned_table_with_one_unit(self) -> None:
        """A sweep of many items on a 1-WCU table deletes them all at once (free)."""
        cloud = new_cloud(ttl_delete_min_seconds=1, ttl_delete_max_seconds=1)
        ddb = cloud.client("dynamodb")
        ddb.create_table(
            TableName="items",
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "N"},
            ],
            ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
        )
        enable(ddb)
        for n in range(50):
            put(ddb, f"i{n}", now(cloud) - 1)
        cloud.advance(1)
        assert ddb.scan(TableName="items")["Count"] == 0

    def test_delete_table_cancels_the_sweeps(self) -> None:
        """DeleteTable cancels the table's pending sweep; a new table of that name has no TTL."""
        cloud, ddb = exact_cloud(delay=100)
        put(ddb, "a", now(cloud) - 1)
        assert [t.name for t in cloud.scheduler.pending()] == ["TTL sweep of items"]
        ddb.delete_table(TableName="items")
        assert cloud.scheduler.pending() == []
        make_table(ddb)
        put(ddb, "a", now(cloud) - 1)
        cloud.advance(3 * DAY)
        assert present(ddb, "a")
        assert describe(ddb) == {"TimeToLiveStatus": "DISABLED"}

    def test_one_task_per_table(self) -> None:
        """However many items, the scheduler holds one sweep per table, at the earliest."""
        cloud, ddb = exact_cloud(delay=50)
        for n in range(20):
            put(ddb, f"i{n}", now(cloud) - 1 - n)
        (task,) = cloud.scheduler.pending()
        assert task.when == START + 50
        check(cloud)

    def test_sliding_expiry_keeps_the_index_small(self) -> None:
        """An item whose TTL is pushed forward on every write (a session) leaves stale
        heap entries that are compacted away; it is deleted once it finally expires."""
        cloud, ddb = exact_cloud(delay=5)
        for n in range(500):
            put(ddb, "session", now(cloud) + 60)
            put(ddb, f"other{n % 3}", now(cloud) + 3600 + n)
            cloud.advance(1)
            state = ttl_state(cloud)
            assert len(state.due) <= 2 * len(state.by_key) + 66
        check(cloud)
        cloud.advance(60 + 5)
        assert not present(ddb, "session")
        assert present(ddb, "other0")
        check(cloud)

    def test_no_watcher_without_ttl(self, world: Any) -> None:
        """A table without TTL keeps its watcher list empty (writes pay nothing)."""
        cloud, ddb = world
        table = cloud.engine("dynamodb").tables["items"]
        assert table.watchers == []
        enable(ddb)
        assert len(table.watchers) == 1
        cloud.advance(3600)
        disable(ddb)
        assert table.watchers == []
