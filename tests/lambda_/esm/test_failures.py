"""Failures: a failing batch blocks its shard and is retried until it succeeds, runs
out of retries or grows too old; bisecting; partial batch responses; OnFailure;
tumbling windows."""

from __future__ import annotations

import json
from typing import Any

QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:dlq"


def _uuid(made: dict[str, Any]) -> str:
    return str(made["UUID"])


def test_retried_until_success_blocking_the_shard(env: Any) -> None:
    made = env.create(BatchSize=2)
    env.fn.fail_next(2)
    env.put("a", "b", "c")
    env.run(0.5)
    assert env.rec.events == []  # failures do not reach the handler (fail_next)
    env.run(5)
    assert env.rec.batches == [["a", "b"], ["c"]]
    metrics = env.engine.esm_metrics(_uuid(made))
    assert (metrics.retries, metrics.errors, metrics.invocations) == (2, 2, 4)


def test_a_failing_batch_blocks_later_records(env: Any) -> None:
    env.create(BatchSize=1)
    env.rec.fail.add("a")
    env.put("a", "b")
    env.run(10)
    assert set(env.rec.ids) == {"a"}  # b waits behind a
    env.rec.fail.clear()
    env.run(10)  # the next retry comes later each time (1, 2, 4, 8 s...)
    assert env.rec.ids[-2:] == ["a", "b"]


def test_maximum_retry_attempts_then_on_failure(env: Any) -> None:
    sqs = env.cloud.client("sqs")
    dlq_url = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    made = env.create(
        BatchSize=10,
        MaximumRetryAttempts=2,
        DestinationConfig={"OnFailure": {"Destination": QUEUE_ARN}},
    )
    env.rec.fail.add("a")
    env.put("a", "b")
    env.put("c")
    env.run(10)
    assert env.rec.batches == [["a", "b", "c"]] * 3  # first try and two retries
    (record,) = env.engine.esm_failures(_uuid(made))
    assert record["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 3
    assert record["requestContext"]["functionArn"] == env.fn.arn
    assert record["responseContext"] == {
        "statusCode": 200,
        "executedVersion": "$LATEST",
        "functionError": "Unhandled",
    }
    assert record["version"] == "1.0"
    info = record["DDBStreamBatchInfo"]
    seqs = [r.sequence_number for r in env.table.stream.records()]
    assert info["startSequenceNumber"] == seqs[0]
    assert info["endSequenceNumber"] == seqs[2]
    assert info["batchSize"] == 3
    assert info["streamArn"] == env.arn
    assert info["shardId"].startswith("shardId-")
    assert info["approximateArrivalOfFirstRecord"].endswith("Z")
    assert set(record) == {
        "requestContext",
        "responseContext",
        "version",
        "timestamp",
        "DDBStreamBatchInfo",
    }
    (message,) = sqs.receive_message(QueueUrl=dlq_url)["Messages"]
    assert json.loads(message["Body"]) == record
    metrics = env.engine.esm_metrics(_uuid(made))
    assert (metrics.discarded, metrics.retries) == (3, 2)
    env.rec.fail.clear()
    env.put("d")
    env.run(1)
    assert env.rec.batches[-1] == ["d"]  # the shard moved on


def test_zero_retries(env: Any) -> None:
    made = env.create(MaximumRetryAttempts=0)
    env.rec.fail.add("a")
    env.put("a")
    env.run(10)
    assert len(env.rec.events) == 1
    (record,) = env.engine.esm_failures(_uuid(made))
    assert record["requestContext"]["approximateInvokeCount"] == 1


def test_maximum_record_age(env: Any) -> None:
    made = env.create(MaximumRecordAgeInSeconds=60)
    env.rec.fail.add("a")
    env.put("a")
    env.run(59)
    assert env.engine.esm_failures(_uuid(made)) == []
    env.run(3)
    (record,) = env.engine.esm_failures(_uuid(made))
    assert record["requestContext"]["condition"] == "MaximumRecordAgeExceeded"
    tries = len(env.rec.events)
    env.run(10)
    assert len(env.rec.events) == tries


def test_unlimited_retries_give_up_at_stream_retention(env: Any) -> None:
    made = env.create()
    env.rec.fail.add("a")
    env.put("a")
    env.run(3600)
    assert env.engine.esm_failures(_uuid(made)) == []
    env.run(24 * 3600)
    (record,) = env.engine.esm_failures(_uuid(made))
    assert record["requestContext"]["condition"] == "MaximumRecordAgeExceeded"


def test_bisect_isolates_the_poison_record(env: Any) -> None:
    made = env.create(BatchSize=4, BisectBatchOnFunctionError=True, MaximumRetryAttempts=1)
    env.rec.fail.add("c")
    env.put("a", "b", "c", "d")
    env.run(20)
    assert env.rec.batches[:3] == [["a", "b", "c", "d"], ["a", "b"], ["c", "d"]]
    assert env.rec.batches[3] == ["c"]
    delivered_ok = [b for b in env.rec.batches if "c" not in b]
    assert delivered_ok == [["a", "b"], ["d"]]
    (record,) = env.engine.esm_failures(_uuid(made))
    assert record["DDBStreamBatchInfo"]["batchSize"] == 1
    assert env.engine.esm_metrics(_uuid(made)).retries == 1  # splits used none


def test_report_batch_item_failures_resumes_at_lowest(env: Any) -> None:
    made = env.create(BatchSize=4, FunctionResponseTypes=["ReportBatchItemFailures"])
    env.put("a", "b", "c", "d")
    seqs = [r.sequence_number for r in env.table.stream.records()]
    env.rec.answers = [
        {"batchItemFailures": [{"itemIdentifier": seqs[3]}, {"itemIdentifier": seqs[1]}]}
    ]
    env.run(5)
    assert env.rec.batches == [["a", "b", "c", "d"], ["b", "c", "d"]]
    metrics = env.engine.esm_metrics(_uuid(made))
    assert (metrics.records, metrics.retries) == (4, 1)


def test_report_batch_item_failures_malformed_fails_the_batch(env: Any) -> None:
    env.create(BatchSize=2, FunctionResponseTypes=["ReportBatchItemFailures"])
    env.put("a", "b")
    env.rec.answers = [
        {"batchItemFailures": [{"itemIdentifier": "999"}]},  # not in the batch
        {"batchItemFailures": [{"itemIdentifier": None}]},
        {"batchItemFailures": "oops"},
        "not an object",
        {"batchItemFailures": []},  # success
    ]
    env.run(30)
    assert env.rec.batches == [["a", "b"]] * 5


def test_without_report_batch_item_failures_the_answer_is_ignored(env: Any) -> None:
    env.create(BatchSize=2)
    env.put("a", "b")
    env.rec.answers = [{"batchItemFailures": [{"itemIdentifier": "1"}]}]
    env.run(5)
    assert env.rec.batches == [["a", "b"]]


def test_on_failure_record_without_destination_is_kept(env: Any) -> None:
    mapping = env.table.stream.subscribe(env.fn, max_retries=0)
    env.rec.fail.add("a")
    env.put("a")
    env.run(3)
    (record,) = mapping.failures()
    assert record["DDBStreamBatchInfo"]["batchSize"] == 1
    assert mapping.metrics().discarded == 1


def test_tumbling_window_carries_state(env: Any) -> None:
    seen: list[dict[str, Any]] = []

    def counter(event: dict[str, Any], context: object) -> dict[str, Any]:
        seen.append(event)
        state = dict(event["state"])
        state["count"] = state.get("count", 0) + len(event["Records"])
        return {"state": state}

    env.cloud.lambda_.create_function("counter", handler=counter)
    start = env.cloud.clock.time()
    window = 60
    env.cloud.advance(window - start % window)  # the start of a window
    env.create(FunctionName="counter", TumblingWindowInSeconds=window, BatchSize=2)
    env.put("a", "b", "c")
    env.run(10)
    env.put("d")
    env.run(60)
    first = seen[0]
    assert list(first) == [
        "Records",
        "window",
        "state",
        "shardId",
        "eventSourceARN",
        "isFinalInvokeForWindow",
        "isWindowTerminatedEarly",
    ]
    assert first["state"] == {}
    assert first["isFinalInvokeForWindow"] is False
    assert first["eventSourceARN"] == env.arn
    assert [len(e["Records"]) for e in seen] == [2, 1, 1, 0]
    assert [e["state"].get("count", 0) for e in seen] == [0, 2, 3, 4]
    final = seen[-1]
    assert final["isFinalInvokeForWindow"] is True
    assert final["window"]["start"].endswith(":00Z")
    assert all(e["window"] == first["window"] for e in seen)
    env.put("e")
    env.run(1)
    assert seen[-1]["state"] == {}  # a new window starts from nothing


def test_tumbling_window_event_parses_with_powertools(env: Any) -> None:
    from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel

    env.create(TumblingWindowInSeconds=30)
    env.rec.answers = [{"state": {}}, {"state": {}}]
    env.put("a")
    env.run(40)
    assert len(env.rec.events) == 2
    for event in env.rec.events:
        DynamoDBStreamModel(**event)


def test_tumbling_window_answer_without_state_is_a_failure(env: Any) -> None:
    made = env.create(TumblingWindowInSeconds=30, MaximumRetryAttempts=0)
    env.rec.answers = [{"batchItemFailures": []}]
    env.put("a")
    env.run(5)
    (record,) = env.engine.esm_failures(made["UUID"])
    assert record["requestContext"]["condition"] == "RetryAttemptsExhausted"


def test_tumbling_state_over_one_megabyte_ends_the_window_early(env: Any) -> None:
    seen: list[dict[str, Any]] = []

    def hoarder(event: dict[str, Any], context: object) -> dict[str, Any]:
        seen.append(event)
        if event["isFinalInvokeForWindow"]:
            return {"state": {}}
        return {"state": {"blob": "x" * 1_100_000}}

    env.cloud.lambda_.create_function("hoarder", handler=hoarder)
    start = env.cloud.clock.time()
    env.cloud.advance(300 - start % 300)
    env.create(FunctionName="hoarder", TumblingWindowInSeconds=300, BatchSize=1)
    env.put("a", "b")
    env.run(5)
    flags = [
        (len(e["Records"]), e["isFinalInvokeForWindow"], e["isWindowTerminatedEarly"]) for e in seen
    ]
    assert flags[:4] == [(1, False, False), (0, True, True), (1, False, False), (0, True, True)]
    assert seen[2]["state"] == {}  # the window goes on with a fresh state
    assert seen[2]["window"] == seen[0]["window"]
