"""Lambda event source mappings from SQS queues: the API, the event, and delivery on
the clock (visibility timeout, redrive, partial batch failures, filters, windows)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from aws_lambda_powertools.utilities.parser.models import SqsModel
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock

START = 1_700_000_000
SAMPLE = Path("/work/shared/reference/events/sqsEvent.json")


class Worker:
    """A handler that records each batch's bodies; a body in ``fail`` fails the batch,
    and ``answer`` (a callable of the event) gives the reply."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.fail: set[str] = set()
        self.answer: Any = None

    def __call__(self, event: dict[str, Any], context: object) -> Any:
        self.events.append(event)
        if self.answer is not None:
            return self.answer(event)
        if {r["body"] for r in event["Records"]} & self.fail:
            raise RuntimeError("poison message")
        return None

    @property
    def batches(self) -> list[list[str]]:
        return [[r["body"] for r in e["Records"]] for e in self.events]


class Env:
    """A Cloud with queue ``jobs`` (visibility 30 s), its DLQ, and function ``worker``."""

    def __init__(self) -> None:
        self.cloud = Cloud(clock=ManualClock(START), seed=3)
        self.sqs = self.cloud.client("sqs")
        self.lam = self.cloud.client("lambda")
        self.worker = Worker()
        self.cloud.lambda_.create_function("worker", handler=self.worker, timeout=30)
        self.dlq_url, self.dlq_arn = self.queue("jobs-dlq")
        policy = json.dumps({"deadLetterTargetArn": self.dlq_arn, "maxReceiveCount": 3})
        self.url, self.arn = self.queue("jobs", RedrivePolicy=policy)

    def queue(self, name: str, **attributes: str) -> tuple[str, str]:
        url = self.sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        return url, arn["Attributes"]["QueueArn"]

    def map(self, **params: Any) -> dict[str, Any]:
        return dict(
            self.lam.create_event_source_mapping(
                EventSourceArn=params.pop("EventSourceArn", self.arn),
                FunctionName="worker",
                **params,
            )
        )

    def send(self, *bodies: str, url: str | None = None) -> None:
        for body in bodies:
            self.sqs.send_message(QueueUrl=url or self.url, MessageBody=body)

    def depth(self, url: str | None = None) -> tuple[int, int]:
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        found = self.sqs.get_queue_attributes(QueueUrl=url or self.url, AttributeNames=names)
        return int(found["Attributes"][names[0]]), int(found["Attributes"][names[1]])


@pytest.fixture
def env() -> Any:
    made = Env()
    yield made
    made.cloud.close()


def refused(call: Any, **params: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**params)
    error = caught.value.response["Error"]
    return error["Code"], error["Message"]


class TestCreate:
    def test_shape_is_the_sqs_one(self, env: Env) -> None:
        """An SQS mapping answers the members AWS gives for a queue, in the model's order."""
        made = env.map()
        made.pop("ResponseMetadata")
        model = botocore.session.get_session().get_service_model("lambda")
        members = list(model.shape_for("EventSourceMappingConfiguration").members)
        assert list(made) == [m for m in members if m in made]
        assert set(made) == {
            "UUID",
            "BatchSize",
            "MaximumBatchingWindowInSeconds",
            "EventSourceArn",
            "FunctionArn",
            "LastModified",
            "State",
            "StateTransitionReason",
            "FunctionResponseTypes",
            "EventSourceMappingArn",
        }
        assert (made["BatchSize"], made["State"]) == (10, "Creating")
        assert made["StateTransitionReason"] == "USER_INITIATED"
        assert env.lam.get_event_source_mapping(UUID=made["UUID"])["State"] == "Enabled"

    def test_scaling_and_filters_are_shown(self, env: Env) -> None:
        """ScalingConfig and FilterCriteria appear once set."""
        pattern = json.dumps({"body": {"kind": ["a"]}})
        made = env.map(
            ScalingConfig={"MaximumConcurrency": 2},
            FilterCriteria={"Filters": [{"Pattern": pattern}]},
            FunctionResponseTypes=["ReportBatchItemFailures"],
        )
        assert made["ScalingConfig"] == {"MaximumConcurrency": 2}
        assert made["FilterCriteria"] == {"Filters": [{"Pattern": pattern}]}
        assert made["FunctionResponseTypes"] == ["ReportBatchItemFailures"]

    def test_five_filters_at_most_and_valid_patterns(self, env: Env) -> None:
        """Five filters are accepted, six refused; a pattern that does not parse is refused."""
        six = [{"Pattern": json.dumps({"body": [f"b{i}"]})} for i in range(6)]
        for filters in (six, [{"Pattern": "{not json"}]):
            code, _ = refused(
                env.lam.create_event_source_mapping,
                EventSourceArn=env.arn,
                FunctionName="worker",
                FilterCriteria={"Filters": filters},
            )
            assert code == "InvalidParameterValueException"
        made = env.map(FilterCriteria={"Filters": six[:5]})
        assert len(made["FilterCriteria"]["Filters"]) == 5

    def test_batch_over_ten_needs_a_window(self, env: Env) -> None:
        """BatchSize 10 needs no window; 11 does, with AWS's message; 10,000 is the most."""
        assert env.map(BatchSize=10)["BatchSize"] == 10
        _, other = env.queue("other")
        code, message = refused(
            env.lam.create_event_source_mapping,
            EventSourceArn=other,
            FunctionName="worker",
            BatchSize=11,
        )
        assert code == "InvalidParameterValueException"
        assert message == (
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is "
            "greater than 10"
        )
        made = env.map(EventSourceArn=other, BatchSize=10_000, MaximumBatchingWindowInSeconds=1)
        assert made["BatchSize"] == 10_000
        _, third = env.queue("third")
        with pytest.raises(Exception, match="10000"):
            env.map(EventSourceArn=third, BatchSize=10_001, MaximumBatchingWindowInSeconds=1)

    def test_fifo_limits(self, env: Env) -> None:
        """A FIFO queue takes at most 10 a batch and no batching window."""
        _, arn = env.queue("jobs.fifo", FifoQueue="true", ContentBasedDeduplication="true")
        code, message = refused(
            env.lam.create_event_source_mapping,
            EventSourceArn=arn,
            FunctionName="worker",
            BatchSize=100,
            MaximumBatchingWindowInSeconds=5,
        )
        assert (code, message) == (
            "InvalidParameterValueException",
            "Batching window is not supported for FIFO queues",
        )
        code, _ = refused(
            env.lam.create_event_source_mapping,
            EventSourceArn=arn,
            FunctionName="worker",
            BatchSize=11,
        )
        assert code == "InvalidParameterValueException"
        code, _ = refused(
            env.lam.create_event_source_mapping,
            EventSourceArn=arn,
            FunctionName="worker",
            MaximumBatchingWindowInSeconds=1,
        )
        assert code == "InvalidParameterValueException"
        assert env.map(EventSourceArn=arn, BatchSize=10)["BatchSize"] == 10

    @pytest.mark.parametrize(("value", "ok"), [(1, False), (2, True), (1000, True), (1001, False)])
    def test_maximum_concurrency_range(self, env: Env, value: int, ok: bool) -> None:
        """ScalingConfig.MaximumConcurrency is 2..1000."""
        if ok:
            made = env.map(ScalingConfig={"MaximumConcurrency": value})
            assert made["ScalingConfig"] == {"MaximumConcurrency": value}
        else:
            with pytest.raises(Exception, match="aximum"):
                env.map(ScalingConfig={"MaximumConcurrency": value})
            assert env.lam.list_event_source_mappings()["EventSourceMappings"] == []

    def test_visibility_timeout_must_cover_the_function_timeout(self, env: Env) -> None:
        """A queue whose visibility timeout is shorter than the function's is refused."""
        env.cloud.lambda_.create_function("slow", handler=lambda e, c: None, timeout=31)
        code, message = refused(
            env.lam.create_event_source_mapping, EventSourceArn=env.arn, FunctionName="slow"
        )
        assert code == "InvalidParameterValueException"
        assert (
            message
            == "Queue visibility timeout: 30 seconds is less than Function timeout: 31 seconds"
        )
        assert env.map()["FunctionArn"].endswith(":worker")  # 30 against 30 is fine

    def test_missing_queue_and_stream_settings_refused(self, env: Env) -> None:
        """A queue that does not exist, and stream-only settings, are refused; nothing made."""
        missing = env.arn.replace(":jobs", ":nope")
        code, _ = refused(
            env.lam.create_event_source_mapping, EventSourceArn=missing, FunctionName="worker"
        )
        assert code == "InvalidParameterValueException"
        for extra in (
            {"StartingPosition": "LATEST"},
            {"MaximumRetryAttempts": 1},
            {"BisectBatchOnFunctionError": True},
            {"DestinationConfig": {"OnFailure": {"Destination": env.dlq_arn}}},
        ):
            code, message = refused(
                env.lam.create_event_source_mapping,
                EventSourceArn=env.arn,
                FunctionName="worker",
                **extra,
            )
            assert code == "InvalidParameterValueException"
            assert next(iter(extra)) in message
        assert env.lam.list_event_source_mappings()["EventSourceMappings"] == []

    def test_same_queue_and_function_twice_is_a_conflict(self, env: Env) -> None:
        """A second mapping of the same queue to the same function: ResourceConflict."""
        first = env.map()
        code, message = refused(
            env.lam.create_event_source_mapping, EventSourceArn=env.arn, FunctionName="worker"
        )
        assert code == "ResourceConflictException"
        assert message == (
            f'An event source mapping with SQS arn (" {env.arn} ") and function (" worker ") '
            "already exists. Please update or delete the existing mapping with UUID "
            f"{first['UUID']}"
        )


class TestDelivery:
    def test_event_matches_powertools_and_messages_are_deleted(self, env: Env) -> None:
        """The event parses with powertools' SqsModel; a success deletes the messages."""
        env.map()
        env.sqs.send_message(
            QueueUrl=env.url,
            MessageBody='{"n": 1}',
            MessageAttributes={"kind": {"DataType": "String", "StringValue": "order"}},
        )
        env.cloud.run_until_idle()
        assert env.worker.batches == [['{"n": 1}']]
        event = env.worker.events[0]
        SqsModel.model_validate(event)
        record = event["Records"][0]
        sample = json.loads(SAMPLE.read_text(encoding="utf-8"))["Records"][0]
        assert set(sample) <= set(record)
        assert record["eventSourceARN"] == env.arn
        assert record["attributes"]["ApproximateReceiveCount"] == "1"
        assert record["messageAttributes"]["kind"] == {
            "stringValue": "order",
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": "String",
        }
        assert env.depth() == (0, 0)

    def test_batches_of_batch_size(self, env: Env) -> None:
        """25 messages with BatchSize 10: batches of 10, 10 and 5, in one go."""
        env.map()
        env.send(*[f"m{i}" for i in range(25)])
        env.cloud.run_until_idle()
        assert [len(b) for b in env.worker.batches] == [10, 10, 5]
        delivered = [body for batch in env.worker.batches for body in batch]
        assert sorted(delivered) == sorted(f"m{i}" for i in range(25))

    def test_failure_reappears_after_visibility_timeout_then_redrives(self, env: Env) -> None:
        """A failed batch stays in the queue; it is retried when its visibility timeout
        ends (not before), and the third failure's next receive moves it to the DLQ."""
        env.map()
        env.worker.fail.add("bad")
        env.send("bad")
        env.cloud.advance(1)
        assert env.worker.batches == [["bad"]]
        assert env.depth() == (0, 1)
        env.cloud.advance(28.5)  # 29.5 s after the receive: still invisible
        assert len(env.worker.batches) == 1
        env.cloud.advance(1)
        assert len(env.worker.batches) == 2
        assert env.worker.events[1]["Records"][0]["attributes"]["ApproximateReceiveCount"] == "2"
        env.cloud.run_until_idle()
        assert env.worker.batches == [["bad"]] * 3
        assert env.depth() == (0, 0)
        moved = env.sqs.receive_message(QueueUrl=env.dlq_url)["Messages"]
        assert [m["Body"] for m in moved] == ["bad"]

    def test_report_batch_item_failures(self, env: Env) -> None:
        """Only the messages named in batchItemFailures stay; the rest are deleted."""
        env.map(FunctionResponseTypes=["ReportBatchItemFailures"])

        def answer(event: dict[str, Any]) -> Any:
            return {
                "batchItemFailures": [
                    {"itemIdentifier": r["messageId"]} for r in event["Records"] if r["body"] == "b"
                ]
            }

        env.worker.answer = answer
        env.send("a", "b", "c")
        env.cloud.advance(1)
        assert env.depth() == (0, 1)
        env.cloud.advance(30)
        assert env.worker.batches[-1] == ["b"]

    def test_malformed_item_failures_fail_the_batch(self, env: Env) -> None:
        """An itemIdentifier that names no message fails the whole batch."""
        env.map(FunctionResponseTypes=["ReportBatchItemFailures"])
        env.worker.answer = lambda event: {"batchItemFailures": [{"itemIdentifier": "nope"}]}
        env.send("a", "b")
        env.cloud.advance(1)
        assert env.depth() == (0, 2)

    def test_without_report_failures_an_answer_is_ignored(self, env: Env) -> None:
        """batchItemFailures means nothing unless the mapping asks for it."""
        env.map()
        env.worker.answer = lambda event: {"batchItemFailures": [{"itemIdentifier": "x"}]}
        env.send("a")
        env.cloud.advance(1)
        assert env.depth() == (0, 0)

    def test_filtered_messages_are_deleted_unseen(self, env: Env) -> None:
        """Messages matching no filter are deleted without an invocation (a JSON body is
        matched as an object)."""
        pattern = json.dumps({"body": {"kind": ["order"]}})
        env.map(FilterCriteria={"Filters": [{"Pattern": pattern}]})
        env.send('{"kind": "order"}', '{"kind": "other"}', "plain text")
        env.cloud.run_until_idle()
        assert env.worker.batches == [['{"kind": "order"}']]
        assert env.depth() == (0, 0)

    def test_batching_window_holds_messages(self, env: Env) -> None:
        """With a 5 s window, messages wait until the window ends (or the batch fills)."""
        env.map(BatchSize=100, MaximumBatchingWindowInSeconds=5)
        env.send("a")
        env.cloud.advance(2)
        env.send("b")
        env.cloud.advance(2.5)
        assert env.worker.batches == []
        env.cloud.advance(1)
        assert env.worker.batches == [["a", "b"]]

    @pytest.mark.parametrize(("count", "batches"), [(20, 1), (30, 2)])
    def test_batches_fit_invokes_six_megabytes(self, env: Env, count: int, batches: int) -> None:
        """Messages of 250 KB: 20 (5 MB) make one batch; 30 (7.5 MB) are split so each
        invocation's event stays within the 6 MB synchronous payload."""
        env.map(BatchSize=100, MaximumBatchingWindowInSeconds=1)
        body = "x" * 250_000
        env.send(*[body] * count)
        env.cloud.run_until_idle()
        sizes = [len(b) for b in env.worker.batches]
        assert (len(sizes), sum(sizes)) == (batches, count)
        assert all(len(json.dumps(e)) <= 6 * 1024 * 1024 for e in env.worker.events)

    def test_disable_enable_and_delete(self, env: Env) -> None:
        """A disabled mapping leaves messages; enabling delivers them; deleting stops it."""
        made = env.map()
        env.lam.update_event_source_mapping(UUID=made["UUID"], Enabled=False)
        env.send("a")
        env.cloud.advance(5)
        assert env.worker.batches == []
        updated = env.lam.update_event_source_mapping(UUID=made["UUID"], Enabled=True, BatchSize=5)
        assert (updated["State"], updated["BatchSize"]) == ("Enabling", 5)
        env.cloud.advance(1)
        assert env.worker.batches == [["a"]]
        env.lam.delete_event_source_mapping(UUID=made["UUID"])
        env.send("b")
        env.cloud.advance(5)
        assert env.worker.batches == [["a"]]
        assert env.depth() == (1, 0)

    def test_maximum_concurrency_caps_batches_per_poll(self, env: Env) -> None:
        """With MaximumConcurrency 2, a poll invokes at most two batches; the rest follow."""
        env.map(ScalingConfig={"MaximumConcurrency": 2}, BatchSize=1)
        env.send("a", "b", "c", "d", "e")
        env.cloud.advance(0)
        assert len(env.worker.batches) == 2
        env.cloud.advance(0.25)
        assert len(env.worker.batches) == 4
        env.cloud.run_until_idle()
        assert sorted(b for batch in env.worker.batches for b in batch) == ["a", "b", "c", "d", "e"]

    def test_throttled_function_leaves_messages_in_flight(self, env: Env) -> None:
        """A throttled invocation (reserved concurrency 0) fails the batch like an error:
        the messages come back after the visibility timeout, then run once allowed."""
        env.map()
        env.cloud.engine("lambda").put_function_concurrency("worker", 0)
        env.send("a")
        env.cloud.advance(1)
        assert (env.worker.batches, env.depth()) == ([], (0, 1))
        env.cloud.engine("lambda").delete_function_concurrency("worker")
        env.cloud.advance(30)
        assert env.worker.batches == [["a"]]
        assert env.depth() == (0, 0)

    def test_fifo_order_within_a_group(self, env: Env) -> None:
        """A FIFO queue's messages come in order per group; a failed batch comes back
        whole, in the same order, after the visibility timeout."""
        url, arn = env.queue("orders.fifo", FifoQueue="true", ContentBasedDeduplication="true")
        env.map(EventSourceArn=arn)
        env.worker.fail.add("a1")
        for group, body in (("a", "a1"), ("a", "a2"), ("b", "b1")):
            env.sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group)
        env.cloud.advance(1)
        first = env.worker.batches[0]
        assert first.index("a1") < first.index("a2")
        env.worker.fail.clear()
        env.cloud.advance(30)
        again = [b for batch in env.worker.batches[1:] for b in batch]
        assert again.index("a1") < again.index("a2")
        assert env.depth(url) == (0, 0)

    def test_listed_by_queue(self, env: Env) -> None:
        """ListEventSourceMappings filters by the queue's ARN."""
        made = env.map()
        listed = env.lam.list_event_source_mappings(EventSourceArn=env.arn)
        assert [m["UUID"] for m in listed["EventSourceMappings"]] == [made["UUID"]]
        assert (
            env.lam.list_event_source_mappings(EventSourceArn=env.dlq_arn)["EventSourceMappings"]
            == []
        )

    def test_idle_mapping_does_not_hold_up_run_until_idle(self, env: Env) -> None:
        """An empty queue is watched as upkeep: run_until_idle returns, and a send wakes it."""
        env.map()
        env.cloud.run_until_idle()
        assert env.cloud.clock.time() == START
        env.send("a")
        env.cloud.run_until_idle()
        assert env.worker.batches == [["a"]]
        polls = [t for t in env.cloud.scheduler.pending() if "mapping" in t.name]
        assert [t.daemon for t in polls] == [True]


class TestStreamOnFailureToQueue:
    def test_discarded_batch_record_lands_in_the_queue(self, env: Env) -> None:
        """A stream mapping's OnFailure queue gets the invocation record of a discarded batch."""
        table = env.cloud.dynamo.create_table(
            TableName="orders",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        )
        stream = table.stream
        assert stream is not None
        env.cloud.lambda_.create_function("broken", handler=lambda e, c: 1 / 0)
        env.lam.create_event_source_mapping(
            EventSourceArn=stream.arn,
            FunctionName="broken",
            StartingPosition="TRIM_HORIZON",
            MaximumRetryAttempts=0,
            DestinationConfig={"OnFailure": {"Destination": env.dlq_arn}},
        )
        table.put_item(Item={"id": "a"})
        env.cloud.advance(2)
        body = json.loads(env.sqs.receive_message(QueueUrl=env.dlq_url)["Messages"][0]["Body"])
        assert body["requestContext"]["condition"] == "RetryAttemptsExhausted"
        assert body["DDBStreamBatchInfo"]["batchSize"] == 1
        assert body["DDBStreamBatchInfo"]["streamArn"] == stream.arn


class TestAsyncToQueues:
    def test_dead_letter_queue_gets_the_event_and_attributes(self, env: Env) -> None:
        """A failed async event lands in the function's DLQ with RequestID, ErrorCode and
        ErrorMessage attributes, after the two retries."""
        env.cloud.lambda_.create_function("fails", handler=lambda e, c: 1 / 0)
        env.lam.update_function_configuration(
            FunctionName="fails", DeadLetterConfig={"TargetArn": env.dlq_arn}
        )
        env.lam.invoke(FunctionName="fails", InvocationType="Event", Payload=b'{"k": 1}')
        env.cloud.advance(60)
        assert "Messages" not in env.sqs.receive_message(QueueUrl=env.dlq_url)
        env.cloud.run_until_idle()
        got = env.sqs.receive_message(QueueUrl=env.dlq_url, MessageAttributeNames=["All"])
        message = got["Messages"][0]
        assert json.loads(message["Body"]) == {"k": 1}
        attributes = message["MessageAttributes"]
        assert set(attributes) == {"RequestID", "ErrorCode", "ErrorMessage"}
        assert attributes["ErrorCode"]["DataType"] == "Number"
        assert attributes["ErrorMessage"]["StringValue"] == "division by zero"

    def test_throttled_event_reaches_the_dlq_with_429(self, env: Env) -> None:
        """An event throttled until its maximum age goes to the DLQ with ErrorCode 429."""
        env.cloud.lambda_.create_function("idle", handler=lambda e, c: None)
        env.lam.update_function_configuration(
            FunctionName="idle", DeadLetterConfig={"TargetArn": env.dlq_arn}
        )
        env.lam.put_function_event_invoke_config(FunctionName="idle", MaximumEventAgeInSeconds=60)
        env.lam.put_function_concurrency(FunctionName="idle", ReservedConcurrentExecutions=0)
        env.lam.invoke(FunctionName="idle", InvocationType="Event", Payload=b"{}")
        env.cloud.run_until_idle()
        got = env.sqs.receive_message(QueueUrl=env.dlq_url, MessageAttributeNames=["All"])
        attributes = got["Messages"][0]["MessageAttributes"]
        assert attributes["ErrorCode"]["StringValue"] == "429"

    def test_missing_dead_letter_queue_drops_the_event(self, env: Env) -> None:
        """A DLQ deleted since: the event is dropped, and the drop is in the history."""
        gone = env.dlq_arn.replace("jobs-dlq", "gone")
        env.cloud.lambda_.create_function("fails", handler=lambda e, c: 1 / 0)
        env.lam.update_function_configuration(
            FunctionName="fails", DeadLetterConfig={"TargetArn": gone}
        )
        env.lam.put_function_event_invoke_config(FunctionName="fails", MaximumRetryAttempts=0)
        env.lam.invoke(FunctionName="fails", InvocationType="Event", Payload=b"{}")
        env.cloud.run_until_idle()
        history = env.cloud.engine("lambda").queue.history
        assert (gone, "DeadLetterUndeliverable") in history

    def test_destinations_on_success_and_on_failure(self, env: Env) -> None:
        """Async destinations to queues get AWS's invocation record as the body."""
        ok_url, ok_arn = env.queue("ok")
        env.cloud.lambda_.create_function("echo", handler=lambda e, c: {"got": e})
        env.cloud.lambda_.create_function("fails", handler=lambda e, c: 1 / 0)
        for name in ("echo", "fails"):
            env.lam.put_function_event_invoke_config(
                FunctionName=name,
                MaximumRetryAttempts=0,
                DestinationConfig={
                    "OnSuccess": {"Destination": ok_arn},
                    "OnFailure": {"Destination": env.dlq_arn},
                },
            )
            env.lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'{"x": 2}')
        env.cloud.run_until_idle()
        success = json.loads(env.sqs.receive_message(QueueUrl=ok_url)["Messages"][0]["Body"])
        assert success["requestContext"]["condition"] == "Success"
        assert success["responsePayload"] == {"got": {"x": 2}}
        failure = json.loads(env.sqs.receive_message(QueueUrl=env.dlq_url)["Messages"][0]["Body"])
        assert failure["requestContext"]["condition"] == "RetriesExhausted"
        assert failure["requestPayload"] == {"x": 2}
        assert failure["responseContext"]["functionError"] == "Unhandled"


def test_destination_to_an_event_bus(env: Env) -> None:
    """An EventBridge bus as a destination gets the record as an event from ``lambda``,
    which a rule can route (here to a queue)."""
    events = env.cloud.client("events")
    bus = events.create_event_bus(Name="results")["EventBusArn"]
    events.put_rule(
        Name="failures",
        EventBusName="results",
        EventPattern=json.dumps(
            {"source": ["lambda"], "detail-type": ["Lambda Function Invocation Result - Failure"]}
        ),
    )
    events.put_targets(
        Rule="failures", EventBusName="results", Targets=[{"Id": "q", "Arn": env.dlq_arn}]
    )
    env.cloud.lambda_.create_function("fails", handler=lambda e, c: 1 / 0)
    env.lam.put_function_event_invoke_config(
        FunctionName="fails",
        MaximumRetryAttempts=0,
        DestinationConfig={"OnFailure": {"Destination": bus}},
    )
    env.lam.invoke(FunctionName="fails", InvocationType="Event", Payload=b'{"x": 1}')
    env.cloud.run_until_idle()
    event = json.loads(env.sqs.receive_message(QueueUrl=env.dlq_url)["Messages"][0]["Body"])
    assert event["detail"]["requestContext"]["condition"] == "RetriesExhausted"
    assert event["detail"]["requestPayload"] == {"x": 1}
    assert event["resources"][0] == bus


def test_event_bus_is_no_dead_letter_queue(env: Env) -> None:
    """A bus is a destination, not a DLQ: DeadLetterConfig refuses it."""
    bus = "arn:aws:events:us-east-1:123456789012:event-bus/default"
    with pytest.raises(ClientError) as caught:
        env.lam.update_function_configuration(
            FunctionName="worker", DeadLetterConfig={"TargetArn": bus}
        )
    assert caught.value.response["Error"]["Code"] == "InvalidParameterValueException"


def test_snapshot_and_restore_a_mapping(env: Env) -> None:
    """A restored Cloud's mapping is the one of the snapshot: it wakes on sends and
    delivers, and what happened after the snapshot is undone."""
    made = env.map()
    env.cloud.run_until_idle()
    snap = env.cloud.snapshot()
    env.send("before-restore")
    env.cloud.run_until_idle()
    assert env.worker.batches == [["before-restore"]]
    env.cloud.restore(snap)
    assert env.depth() == (0, 0)
    env.send("after-restore")
    env.cloud.run_until_idle()
    assert env.worker.batches[-1] == ["after-restore"]
    assert env.depth() == (0, 0)
    metrics = env.cloud.engine("lambda").esm_metrics(made["UUID"])
    assert (metrics.invocations, metrics.records) == (1, 1)
    env.lam.delete_event_source_mapping(UUID=made["UUID"])
    env.send("after-delete")
    env.cloud.advance(5)
    assert env.worker.batches[-1] == ["after-restore"]
