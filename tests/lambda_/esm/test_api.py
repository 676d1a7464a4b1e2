"""Create/Get/Update/Delete/ListEventSourceMappings: shapes, limits, errors, states."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import botocore.session
import pytest

from pyserverless import mock_aws
from pyserverless.lambda_ import (
    InvalidParameterValueException,
    ResourceConflictException,
    ResourceInUseException,
    ResourceNotFoundException,
    ValidationException,
)

from .conftest import Env

MODEL = botocore.session.get_session().get_service_model("lambda")
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:failures"
CONFIG_MEMBERS = set(MODEL.shape_for("EventSourceMappingConfiguration").members)


def test_create_answers_aws_shape_and_defaults(env: Any) -> None:
    made = env.client.create_event_source_mapping(
        EventSourceArn=env.arn, FunctionName="worker", StartingPosition="LATEST"
    )
    made.pop("ResponseMetadata")
    assert set(made) <= CONFIG_MEMBERS
    assert made == {
        "UUID": made["UUID"],
        "StartingPosition": "LATEST",
        "BatchSize": 100,
        "MaximumBatchingWindowInSeconds": 0,
        "ParallelizationFactor": 1,
        "EventSourceArn": env.arn,
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:worker",
        "LastModified": made["LastModified"],
        "LastProcessingResult": "No records processed",
        "State": "Creating",
        "StateTransitionReason": "User action",
        "DestinationConfig": {"OnFailure": {}},
        "MaximumRecordAgeInSeconds": -1,
        "BisectBatchOnFunctionError": False,
        "MaximumRetryAttempts": -1,
        "TumblingWindowInSeconds": 0,
        "FunctionResponseTypes": [],
        "EventSourceMappingArn": (
            f"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{made['UUID']}"
        ),
    }
    assert isinstance(made["LastModified"], datetime)
    got = env.client.get_event_source_mapping(UUID=made["UUID"])
    assert got["State"] == "Enabled"


def test_uuids_are_seeded(cloud_factory: Any) -> None:
    def first_uuid() -> str:
        with cloud_factory(seed=7) as cloud:
            from_env = Env(cloud)
            return str(from_env.create()["UUID"])

    assert first_uuid() == first_uuid()


def test_enabled_false_makes_a_disabled_mapping(env: Any) -> None:
    made = env.create(Enabled=False)
    assert env.engine.get_event_source_mapping(made["UUID"])["State"] == "Disabled"
    env.put("a")
    env.run()
    assert env.rec.events == []


def test_function_by_arn_and_alias(env: Any) -> None:
    env.engine.publish_version("worker")
    env.engine.create_alias("worker", "live", "1")
    made = env.create(FunctionName=f"{env.fn.arn}:live")
    assert made["FunctionArn"] == f"{env.fn.arn}:live"
    env.put("a")
    env.run()
    assert env.rec.ids == ["a"]


def test_unknown_function_is_not_found(env: Any) -> None:
    """AWS's words (localstack's AWS-recorded test_event_source_mapping_exceptions)."""
    with pytest.raises(InvalidParameterValueException) as err:
        env.create(FunctionName="nobody")
    assert err.value.message == "Function does not exist"
    with pytest.raises(InvalidParameterValueException):
        env.create(FunctionName="worker:nope")
    assert env.engine.list_event_source_mappings({})["EventSourceMappings"] == []


def test_same_function_and_stream_twice_is_a_conflict(env: Any) -> None:
    made = env.create()
    with pytest.raises(ResourceConflictException) as err:
        env.create(StartingPosition="LATEST")
    assert err.value.message == (
        f'The event source arn (" {env.arn} ") and function (" worker ") provided '
        f"mapping already exists. Please update or delete the existing mapping with UUID "
        f"{made['UUID']}"
    )
    env.cloud.lambda_.create_function("other", handler=lambda e, c: None)
    env.create(FunctionName="other")  # another function on the same stream is fine


@pytest.mark.parametrize(
    ("member", "good", "bad"),
    [
        ("BatchSize", (1, 10_000), (0, 10_001)),
        ("MaximumBatchingWindowInSeconds", (0, 300), (-1, 301)),
        ("ParallelizationFactor", (1, 10), (0, 11)),
        ("MaximumRetryAttempts", (-1, 0, 10_000), (-2, 10_001)),
        ("MaximumRecordAgeInSeconds", (-1, 60, 604_800), (-2, 0, 59, 604_801)),
        ("TumblingWindowInSeconds", (0, 900), (-1, 901)),
    ],
)
def test_limits_both_sides(
    env: Any, member: str, good: tuple[int, ...], bad: tuple[int, ...]
) -> None:
    for value in bad:
        with pytest.raises((ValidationException, InvalidParameterValueException)):
            env.create(**{member: value})
    assert env.engine.list_event_source_mappings({})["EventSourceMappings"] == []
    for value in good:
        made = env.create(**{member: value})
        assert made[member] == value
        env.engine.delete_event_source_mapping(made["UUID"])


def test_validation_text_is_aws_form(env: Any) -> None:
    with pytest.raises(ValidationException) as err:
        env.create(BatchSize=10_001)
    assert err.value.message == (
        "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy "
        "constraint: Member must have value less than or equal to 10000"
    )


def test_starting_position_rules(env: Any) -> None:
    request = {"EventSourceArn": env.arn, "FunctionName": "worker"}
    with pytest.raises(InvalidParameterValueException):
        env.engine.create_event_source_mapping(request)
    with pytest.raises(InvalidParameterValueException, match="Unsupported starting position"):
        env.create(StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=1)
    with pytest.raises(ValidationException):
        env.create(StartingPosition="EARLIEST")


def test_source_must_be_a_readable_stream(env: Any) -> None:
    with pytest.raises(InvalidParameterValueException, match="DynamoDB streams and SQS"):
        env.create(EventSourceArn="arn:aws:kinesis:us-east-1:123456789012:stream/s")
    gone = env.arn.replace("table/orders/", "table/nothere/")
    with pytest.raises(InvalidParameterValueException, match="Cannot access stream"):
        env.create(EventSourceArn=gone)


def test_settings_of_other_sources_and_unemulated_ones_are_refused(env: Any) -> None:
    with pytest.raises(InvalidParameterValueException, match="Topics"):
        env.create(Topics=["t"])
    with pytest.raises(InvalidParameterValueException, match="KMSKeyArn"):
        env.create(KMSKeyArn="arn:aws:kms:us-east-1:123456789012:key/x")


def test_destination_queue_only(env: Any) -> None:
    """A stream's OnFailure is a queue here: no topic (not emulated), no function (AWS
    takes none), no OnSuccess."""
    for refused in ("arn:aws:sns:us-east-1:123456789012:t", env.fn.arn):
        with pytest.raises(InvalidParameterValueException, match="OnFailure destination"):
            env.create(DestinationConfig={"OnFailure": {"Destination": refused}})
    with pytest.raises(InvalidParameterValueException):
        env.create(DestinationConfig={"OnSuccess": {"Destination": QUEUE_ARN}})
    made = env.create(DestinationConfig={"OnFailure": {"Destination": QUEUE_ARN}})
    assert made["DestinationConfig"] == {"OnFailure": {"Destination": QUEUE_ARN}}


def test_filter_criteria_five_filters_and_invalid_patterns(env: Any) -> None:
    five = {"Filters": [{"Pattern": json.dumps({"eventName": [f"E{i}"]})} for i in range(5)]}
    six = {"Filters": five["Filters"] + [{"Pattern": '{"eventName": ["X"]}'}]}
    with pytest.raises(InvalidParameterValueException):
        env.create(FilterCriteria=six)
    with pytest.raises(InvalidParameterValueException, match="Invalid filter pattern definition"):
        env.create(FilterCriteria={"Filters": [{"Pattern": '{"eventName": "INSERT"}'}]})
    with pytest.raises(InvalidParameterValueException, match="Invalid filter pattern definition"):
        env.create(FilterCriteria={"Filters": [{"Pattern": "not json"}]})
    made = env.create(FilterCriteria=five)
    assert made["FilterCriteria"] == five


def test_function_response_types(env: Any) -> None:
    with pytest.raises(ValidationException):
        env.create(FunctionResponseTypes=["Everything"])
    made = env.create(FunctionResponseTypes=["ReportBatchItemFailures"])
    assert made["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_get_and_delete_unknown(env: Any) -> None:
    for call in (
        env.client.get_event_source_mapping,
        env.client.delete_event_source_mapping,
    ):
        with pytest.raises(env.client.exceptions.ResourceNotFoundException) as err:
            call(UUID="00000000-0000-4000-8000-000000000000")
        assert (
            err.value.response["Error"]["Message"] == "The resource you requested does not exist."
        )
    with pytest.raises(env.client.exceptions.ResourceNotFoundException):
        env.client.update_event_source_mapping(
            UUID="00000000-0000-4000-8000-000000000000", BatchSize=5
        )


def test_delete_stops_delivery(env: Any) -> None:
    made = env.create()
    gone = env.client.delete_event_source_mapping(UUID=made["UUID"])
    assert gone["State"] == "Deleting"
    with pytest.raises(ResourceNotFoundException):
        env.engine.get_event_source_mapping(made["UUID"])
    env.put("a")
    env.run()
    assert env.rec.events == []
    env.create()  # the pair is free again


def test_update_settings_and_enabled(env: Any) -> None:
    made = env.create()
    uuid = made["UUID"]
    updated = env.client.update_event_source_mapping(UUID=uuid, BatchSize=2, Enabled=False)
    assert (updated["State"], updated["BatchSize"]) == ("Disabling", 2)
    assert env.engine.get_event_source_mapping(uuid)["State"] == "Disabled"
    env.put("a", "b", "c")
    env.run()
    assert env.rec.events == []
    assert env.client.update_event_source_mapping(UUID=uuid, Enabled=True)["State"] == "Enabling"
    env.run()
    assert env.rec.batches == [["a", "b"], ["c"]]
    assert env.client.update_event_source_mapping(UUID=uuid, BatchSize=5)["State"] == "Updating"
    assert env.engine.get_event_source_mapping(uuid)["State"] == "Enabled"
    with pytest.raises(ValidationException):
        env.client.update_event_source_mapping(UUID=uuid, BatchSize=10_001)
    assert env.engine.get_event_source_mapping(uuid)["BatchSize"] == 5


def test_update_to_a_taken_function_is_a_conflict(env: Any) -> None:
    env.cloud.lambda_.create_function("other", handler=lambda e, c: None)
    env.create()
    second = env.create(FunctionName="other")
    with pytest.raises(ResourceConflictException):
        env.engine.update_event_source_mapping({"UUID": second["UUID"], "FunctionName": "worker"})


def test_list_filters_and_pages(env: Any) -> None:
    other_table = env.make_table("other")
    env.cloud.lambda_.create_function("f2", handler=lambda e, c: None)
    a = env.create()
    b = env.create(FunctionName="f2")
    c = env.create(EventSourceArn=other_table.stream.arn)
    listed = env.client.list_event_source_mappings()["EventSourceMappings"]
    assert [m["UUID"] for m in listed] == [a["UUID"], b["UUID"], c["UUID"]]
    by_fn = env.client.list_event_source_mappings(FunctionName="worker")["EventSourceMappings"]
    assert [m["UUID"] for m in by_fn] == [a["UUID"], c["UUID"]]
    by_arn = env.client.list_event_source_mappings(FunctionName=env.fn.arn)["EventSourceMappings"]
    assert len(by_arn) == 2
    by_src = env.client.list_event_source_mappings(EventSourceArn=env.arn)["EventSourceMappings"]
    assert [m["UUID"] for m in by_src] == [a["UUID"], b["UUID"]]
    page = env.client.list_event_source_mappings(MaxItems=2)
    assert len(page["EventSourceMappings"]) == 2
    rest = env.client.list_event_source_mappings(MaxItems=2, Marker=page["NextMarker"])
    assert [m["UUID"] for m in rest["EventSourceMappings"]] == [c["UUID"]]
    assert "NextMarker" not in rest


def test_state_delay_shows_transitions(env: Any) -> None:
    env.engine.state_delay = 5.0
    made = env.create()
    uuid = made["UUID"]
    assert env.engine.get_event_source_mapping(uuid)["State"] == "Creating"
    with pytest.raises(ResourceInUseException):
        env.engine.update_event_source_mapping({"UUID": uuid, "BatchSize": 3})
    env.run(5)
    assert env.engine.get_event_source_mapping(uuid)["State"] == "Enabled"
    env.engine.delete_event_source_mapping(uuid)
    assert env.engine.get_event_source_mapping(uuid)["State"] == "Deleting"
    env.run(5)
    with pytest.raises(ResourceNotFoundException):
        env.engine.get_event_source_mapping(uuid)


def test_resource_layer_subscribe(env: Any) -> None:
    mapping = env.table.stream.subscribe(env.fn, batch_size=2)
    assert repr(mapping) == f"<EventSourceMapping {mapping.uuid} orders -> worker Enabled>"
    env.put("a", "b", "c")
    env.run()
    assert env.rec.batches == [["a", "b"], ["c"]]
    described = mapping.describe()
    assert (described["BatchSize"], described["LastProcessingResult"]) == (2, "OK")
    metrics = mapping.metrics()
    assert (metrics.batches, metrics.records, metrics.retries) == (2, 3, 0)
    assert mapping.failures() == []
    mapping.delete()
    assert "deleted" in repr(mapping)
    with pytest.raises(TypeError):
        env.table.stream.subscribe(env.fn, batchsize=2)


def test_resource_layer_options(env: Any) -> None:
    mapping = env.table.stream.subscribe(
        "worker",
        starting_position="LATEST",
        batching_window=5,
        parallelization=2,
        bisect=True,
        max_retries=3,
        max_record_age=60,
        tumbling_window=30,
        report_batch_item_failures=True,
        on_failure=QUEUE_ARN,
        filters=[{"eventName": ["INSERT"]}],
        enabled=False,
    )
    d = mapping.describe()
    assert d["StartingPosition"] == "LATEST"
    assert d["MaximumBatchingWindowInSeconds"] == 5
    assert d["ParallelizationFactor"] == 2
    assert d["BisectBatchOnFunctionError"] is True
    assert d["MaximumRetryAttempts"] == 3
    assert d["MaximumRecordAgeInSeconds"] == 60
    assert d["TumblingWindowInSeconds"] == 30
    assert d["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert d["DestinationConfig"] == {"OnFailure": {"Destination": QUEUE_ARN}}
    assert d["FilterCriteria"] == {"Filters": [{"Pattern": '{"eventName": ["INSERT"]}'}]}
    assert d["State"] == "Disabled"


def test_boto3_through_the_bridge(env: Any) -> None:
    boto3 = pytest.importorskip("boto3")
    with mock_aws(env.cloud):
        client = boto3.client("lambda", region_name="us-east-1")
        made = client.create_event_source_mapping(
            EventSourceArn=env.arn, FunctionName="worker", StartingPosition="TRIM_HORIZON"
        )
        assert made["State"] == "Creating"
        assert made["ResponseMetadata"]["HTTPStatusCode"] == 202
        got = client.get_event_source_mapping(UUID=made["UUID"])
        assert got["State"] == "Enabled"
        assert got["LastModified"] == made["LastModified"]
        listed = client.list_event_source_mappings(FunctionName="worker")
        assert [m["UUID"] for m in listed["EventSourceMappings"]] == [made["UUID"]]
        with pytest.raises(client.exceptions.ResourceConflictException):
            client.create_event_source_mapping(
                EventSourceArn=env.arn, FunctionName="worker", StartingPosition="LATEST"
            )
        assert client.delete_event_source_mapping(UUID=made["UUID"])["State"] == "Deleting"
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.get_event_source_mapping(UUID=made["UUID"])


def test_delete_removes_the_wake_up(env: Any) -> None:
    env.cloud.lambda_.create_function("other", handler=lambda e, c: None)
    keep = env.create(FunctionName="other")
    made = env.create()
    watchers = env.cloud.engine("dynamodb").tables["orders"].watchers
    assert len(watchers) == 3  # the stream's own, and one per mapping
    env.engine.delete_event_source_mapping(made["UUID"])
    assert len(watchers) == 2
    env.engine.delete_event_source_mapping(keep["UUID"])
    assert len(watchers) == 1


def test_list_pages_hold_at_most_one_hundred(env: Any) -> None:
    for n in range(101):
        table = env.make_table(f"t{n:03d}")
        env.create(EventSourceArn=table.stream.arn)
    first = env.client.list_event_source_mappings(MaxItems=10_000)
    assert len(first["EventSourceMappings"]) == 100
    rest = env.client.list_event_source_mappings(Marker=first["NextMarker"])
    assert len(rest["EventSourceMappings"]) == 1
    assert len(env.client.list_event_source_mappings()["EventSourceMappings"]) == 100
    with pytest.raises(ValidationException):
        env.engine.list_event_source_mappings({"MaxItems": 10_001})
    with pytest.raises(ValidationException):
        env.engine.list_event_source_mappings({"MaxItems": 0})


def test_malformed_function_name(env: Any) -> None:
    with pytest.raises(ValidationException, match="functionName"):
        env.create(FunctionName="not a name!")
    with pytest.raises((ValidationException, InvalidParameterValueException)):
        env.create(FunctionName=7)
