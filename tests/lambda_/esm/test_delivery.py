"""Polling and delivery on the clock: the event's shape, batching, windows, starting
positions, shard rollover, parallelization and Lambda's limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel

SAMPLES = Path("/work/shared/reference/events")


def test_event_is_aws_shape_and_parses_with_powertools(env: Any) -> None:
    env.create()
    written = int(env.cloud.clock.time())
    env.put("a", note="hello")
    env.table.update_item(
        Key={"id": "a"},
        UpdateExpression="SET note = :n",
        ExpressionAttributeValues={":n": "bye"},
    )
    env.table.delete_item(Key={"id": "a"})
    env.run()
    (event,) = env.rec.events
    assert list(event) == ["Records"]
    names = [r["eventName"] for r in event["Records"]]
    assert names == ["INSERT", "MODIFY", "REMOVE"]
    first = event["Records"][0]
    assert list(first) == [
        "eventID",
        "eventName",
        "eventVersion",
        "eventSource",
        "awsRegion",
        "dynamodb",
        "eventSourceARN",
    ]
    assert first["eventVersion"] == "1.1"
    assert first["eventSource"] == "aws:dynamodb"
    assert first["awsRegion"] == "us-east-1"
    assert first["eventSourceARN"] == env.arn
    body = first["dynamodb"]
    assert isinstance(body["ApproximateCreationDateTime"], int)
    assert body["ApproximateCreationDateTime"] == written
    assert body["Keys"] == {"id": {"S": "a"}}
    assert body["NewImage"] == {"id": {"S": "a"}, "note": {"S": "hello"}}
    assert "OldImage" not in body
    assert body["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert isinstance(body["SequenceNumber"], str) and isinstance(body["SizeBytes"], int)
    assert event["Records"][1]["dynamodb"]["OldImage"]["note"] == {"S": "hello"}
    parsed = DynamoDBStreamModel(**event)
    assert [r.eventName for r in parsed.Records] == ["INSERT", "MODIFY", "REMOVE"]
    assert parsed.Records[1].dynamodb is not None


def test_event_keys_match_aws_sample(env: Any) -> None:
    sample = json.loads((SAMPLES / "dynamodb-time-window-event.json").read_text())
    env.create()
    env.put("a", Message="New item!")
    env.run()
    ours = env.rec.events[0]["Records"][0]
    theirs = sample["Records"][0]
    assert list(ours) == list(theirs)
    assert set(ours["dynamodb"]) == set(theirs["dynamodb"])


def test_ttl_delete_carries_user_identity(cloud_factory: Any) -> None:
    from .conftest import Env

    limits = {"dynamodb": {"ttl_delete_min_seconds": 1, "ttl_delete_max_seconds": 1}}
    with cloud_factory(limits=limits) as cloud:
        env = Env(cloud)
        cloud.client("dynamodb").update_time_to_live(
            TableName="orders",
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"},
        )
        env.create()
        env.table.put_item(Item={"id": "a", "exp": int(cloud.clock.time()) - 10})
        env.run(5)
        records = [r for e in env.rec.events for r in e["Records"]]
        assert [r["eventName"] for r in records] == ["INSERT", "REMOVE"]
        assert "userIdentity" not in records[0]
        assert records[1]["userIdentity"] == {
            "type": "Service",
            "principalId": "dynamodb.amazonaws.com",
        }
        DynamoDBStreamModel(**env.rec.events[-1])


def test_batch_size(env: Any) -> None:
    env.create(BatchSize=2)
    env.put("a", "b", "c", "d", "e")
    env.run()
    assert env.rec.batches == [["a", "b"], ["c", "d"], ["e"]]


def test_nothing_runs_until_the_clock_moves(env: Any) -> None:
    env.create()
    env.put("a")
    assert env.rec.events == []
    env.run(0.25)
    assert env.rec.ids == ["a"]


def test_batching_window_waits_then_delivers(env: Any) -> None:
    env.create(BatchSize=10, MaximumBatchingWindowInSeconds=10)
    env.put("a")
    env.run(1)
    env.put("b")
    env.run(8)  # 9 s after "a" was read: still waiting
    assert env.rec.events == []
    env.run(1.5)
    assert env.rec.batches == [["a", "b"]]


def test_batching_window_ends_early_when_the_batch_is_full(env: Any) -> None:
    env.create(BatchSize=3, MaximumBatchingWindowInSeconds=300)
    env.put("a", "b")
    env.run(1)
    assert env.rec.events == []
    env.put("c")
    env.run(1)
    assert env.rec.batches == [["a", "b", "c"]]


def test_latest_skips_earlier_records(env: Any) -> None:
    env.put("old")
    env.create(StartingPosition="LATEST")
    env.put("new")
    env.run()
    assert env.rec.ids == ["new"]


def test_latest_after_a_long_quiet_spell(env: Any) -> None:
    env.put("old")
    env.create(StartingPosition="LATEST")
    env.run(3600)  # the first iterator has long expired
    env.put("new")
    env.run()
    assert env.rec.ids == ["new"]


def test_latest_while_disabled_keeps_the_records_written_meanwhile(env: Any) -> None:
    env.put("old")
    uuid = env.create(StartingPosition="LATEST")["UUID"]
    env.run(1)
    env.engine.update_event_source_mapping({"UUID": uuid, "Enabled": False})
    env.run(1)
    env.put("meanwhile")
    env.run(3600)
    env.engine.update_event_source_mapping({"UUID": uuid, "Enabled": True})
    env.run()
    assert env.rec.ids == ["meanwhile"]


def test_trim_horizon_reads_everything(env: Any) -> None:
    env.put("a", "b")
    env.create()
    env.run()
    assert env.rec.ids == ["a", "b"]


def test_shard_rollover_parent_before_child(env: Any) -> None:
    env.create(BatchSize=1000)
    env.put("a", "b")
    env.run(4 * 3600 + 1)  # the stream's shard rolls over
    env.put("c", "d")
    env.run()
    shards = env.cloud.engine("dynamodbstreams").describe_stream({"StreamArn": env.arn})
    assert len(shards["StreamDescription"]["Shards"]) == 2
    assert env.rec.ids == ["a", "b", "c", "d"]


def test_backlog_over_a_rollover_keeps_order(env: Any) -> None:
    env.put("a", "b")
    env.run(4 * 3600 + 1)
    env.put("c", "d")
    env.create(BatchSize=1)
    env.run()
    assert env.rec.ids == ["a", "b", "c", "d"]


def test_parallelization_keeps_order_per_key(env: Any) -> None:
    env.create(ParallelizationFactor=4, BatchSize=5)
    for round_ in range(5):
        for key in "abcdefgh":
            env.table.put_item(Item={"id": key, "n": round_})
    env.run()
    seen: dict[str, list[int]] = {}
    for event in env.rec.events:
        for r in event["Records"]:
            seen.setdefault(r["dynamodb"]["Keys"]["id"]["S"], []).append(
                int(r["dynamodb"]["NewImage"]["n"]["N"])
            )
    assert seen == {k: [0, 1, 2, 3, 4] for k in "abcdefgh"}
    # Several lanes: some batch holds only some of the keys.
    assert any(len(set(b)) < 5 for b in env.rec.batches)


def test_parallelization_isolates_a_failing_key(env: Any) -> None:
    env.create(ParallelizationFactor=10, BatchSize=1, MaximumRetryAttempts=-1)
    env.rec.fail.add("poison")
    env.put("poison", *[f"k{i}" for i in range(20)])
    env.run(5)
    delivered = [i for i in env.rec.ids if i != "poison"]
    assert len(set(delivered)) > 10  # other lanes moved on while one was blocked


def test_a_batch_over_six_megabytes_is_split(env: Any) -> None:
    big = "x" * 390_000
    env.create(BatchSize=100)
    env.put(*[f"i{n:02d}" for n in range(30)], blob=big)
    env.run()
    assert env.rec.ids == [f"i{n:02d}" for n in range(30)]
    assert len(env.rec.events) > 1
    for event in env.rec.events:
        assert len(json.dumps(event, separators=(",", ":"))) <= 6 * 1024 * 1024


def test_throttled_function_is_retried(env: Any) -> None:
    made = env.create()
    env.engine.put_function_concurrency("worker", 0)
    env.put("a")
    env.run(3)
    assert env.rec.events == []
    got = env.engine.get_event_source_mapping(made["UUID"])
    assert got["LastProcessingResult"] == "PROBLEM: Function call failed"
    assert env.engine.esm_metrics(made["UUID"]).errors >= 2
    env.engine.delete_function_concurrency("worker")
    env.run(10)
    assert env.rec.ids == ["a"]
    assert env.engine.get_event_source_mapping(made["UUID"])["LastProcessingResult"] == "OK"


def test_filters_drop_unmatched_records(env: Any) -> None:
    pattern = {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"status": {"S": ["open"]}}}}
    made = env.create(FilterCriteria={"Filters": [{"Pattern": json.dumps(pattern)}]})
    env.table.put_item(Item={"id": "a", "status": "open"})
    env.table.put_item(Item={"id": "b", "status": "closed"})
    env.table.put_item(Item={"id": "a", "status": "open", "v": 2})  # MODIFY
    env.table.put_item(Item={"id": "c", "status": "open"})
    env.run()
    assert env.rec.ids == ["a", "c"]
    metrics = env.engine.esm_metrics(made["UUID"])
    assert (metrics.filtered, metrics.records) == (2, 2)


def test_filters_any_of_several(env: Any) -> None:
    filters = [
        {"Pattern": json.dumps({"eventName": ["REMOVE"]})},
        {"Pattern": json.dumps({"dynamodb": {"Keys": {"id": {"S": [{"prefix": "x"}]}}}})},
    ]
    env.create(FilterCriteria={"Filters": filters})
    env.put("a", "xa")
    env.table.delete_item(Key={"id": "a"})
    env.run()
    assert env.rec.ids == ["xa", "a"]


def test_metrics_iterator_age(env: Any) -> None:
    made = env.create(MaximumBatchingWindowInSeconds=30, BatchSize=10)
    env.put("a")
    env.run(31)
    assert env.engine.esm_metrics(made["UUID"]).iterator_age >= 30


@pytest.mark.parametrize("view", ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"])
def test_view_types(env: Any, view: str) -> None:
    table = env.make_table(f"t-{view.lower()}", view)
    env.engine.create_event_source_mapping(
        {
            "EventSourceArn": table.stream.arn,
            "FunctionName": "worker",
            "StartingPosition": "TRIM_HORIZON",
        }
    )
    table.put_item(Item={"id": "a", "v": 1})
    table.put_item(Item={"id": "a", "v": 2})
    env.run()
    body = env.rec.events[0]["Records"][1]["dynamodb"]
    assert body["StreamViewType"] == view
    assert ("NewImage" in body) == (view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES"))
    assert ("OldImage" in body) == (view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES"))


def test_binary_attributes_are_base64(env: Any) -> None:
    env.create()
    env.table.put_item(Item={"id": "a", "data": b"\x00\x01"})
    env.run()
    assert env.rec.events[0]["Records"][0]["dynamodb"]["NewImage"]["data"] == {"B": "AAE="}


def test_run_until_idle_is_not_kept_busy_by_the_mapping(env: Any) -> None:
    env.create()
    env.put("a")
    env.run()
    pending = [t.name for t in env.cloud.scheduler.pending()]
    assert not any("event source mapping" in name for name in pending)


def test_batching_window_ends_early_at_six_megabytes(env: Any) -> None:
    env.create(BatchSize=100, MaximumBatchingWindowInSeconds=300)
    env.put(*[f"i{n:02d}" for n in range(10)], blob="x" * 390_000)  # under 6 MB
    env.run(1)
    assert env.rec.events == []
    env.put(*[f"j{n:02d}" for n in range(10)], blob="x" * 390_000)  # over 6 MB
    env.run(1)
    assert len(env.rec.ids) == 20
    assert len(env.rec.events) >= 2  # halved to fit Invoke's limit


def test_real_time_clock_delivers_on_the_scheduler_thread() -> None:
    import threading

    from pyserverless import Cloud

    from .conftest import Env

    with Cloud() as cloud:
        env = Env(cloud)
        done = threading.Event()
        got: list[str] = []

        def handler(event: dict[str, Any], context: object) -> None:
            got.extend(r["dynamodb"]["Keys"]["id"]["S"] for r in event["Records"])
            done.set()

        cloud.lambda_.create_function("live", handler=handler)
        env.create(FunctionName="live")
        env.put("a")
        assert done.wait(10)
        assert got == ["a"]
        cloud.scheduler.stop_driver()


def test_trimmed_shards_are_forgotten(env: Any) -> None:
    made = env.create()
    for n in range(8):  # 32 hours of rollovers: the first shards leave the stream
        env.table.put_item(Item={"id": "a", "n": n})
        env.run(4 * 3600 + 1)
    env.put("b")
    env.run(1)
    env.put("c")  # the poll after a shard is drained forgets it once it is trimmed
    env.run(1)
    poller = env.engine._mappings[made["UUID"]]
    described = env.cloud.engine("dynamodbstreams").describe_stream({"StreamArn": env.arn})
    live = {s["ShardId"] for s in described["StreamDescription"]["Shards"]}
    assert set(poller.cursors) <= live
    assert env.rec.ids == ["a"] * 8 + ["b", "c"]


def count_records(event: dict[str, Any], context: object) -> dict[str, int]:
    return {"n": len(event["Records"])}


def test_process_isolated_function(env: Any) -> None:
    env.engine.create_function("boxed", handler=count_records, isolation="process")
    made = env.create(FunctionName="boxed")
    env.put("a", "b")
    env.run()
    metrics = env.engine.esm_metrics(made["UUID"])
    assert (metrics.records, metrics.errors) == (2, 0)
    assert env.engine.environment_count("boxed") == 1


def test_a_handler_writing_to_its_own_table(env: Any) -> None:
    def echo(event: dict[str, Any], context: object) -> None:
        for r in event["Records"]:
            key = r["dynamodb"]["Keys"]["id"]["S"]
            if r["eventName"] == "INSERT" and not key.startswith("copy-"):
                env.table.put_item(Item={"id": f"copy-{key}"})

    env.cloud.lambda_.create_function("echo", handler=echo)
    made = env.create(FunctionName="echo")
    env.put("a", "b")
    env.run(2)
    keys = sorted(i["id"] for i in env.table.scan()["Items"])
    assert keys == ["a", "b", "copy-a", "copy-b"]
    assert env.engine.esm_metrics(made["UUID"]).records == 4


def test_update_removes_filters(env: Any) -> None:
    made = env.create(FilterCriteria={"Filters": [{"Pattern": '{"eventName": ["REMOVE"]}'}]})
    env.put("a")
    env.run()
    assert env.rec.events == []
    updated = env.engine.update_event_source_mapping(
        {"UUID": made["UUID"], "FilterCriteria": {"Filters": []}}
    )
    assert "FilterCriteria" not in updated
    env.put("b")
    env.run()
    assert env.rec.ids == ["b"]


def test_snapshot_and_restore_keep_the_mapping_and_its_position(env: Any) -> None:
    seen: list[str] = []

    def keep(event: dict[str, Any], context: object) -> None:
        seen.extend(r["dynamodb"]["Keys"]["id"]["S"] for r in event["Records"])

    env.cloud.lambda_.create_function("keep", handler=keep)
    made = env.create(FunctionName="keep", BatchSize=1)
    env.put("a")
    env.run()
    env.put("b")
    snap = env.cloud.snapshot()
    env.run()
    assert seen == ["a", "b"]
    env.cloud.restore(snap)
    assert env.engine.esm_metrics(made["UUID"]).records == 1
    env.run()  # "b" again: the restored mapping had not sent it
    env.put("c")
    env.run()
    assert seen == ["a", "b", "b", "c"]
