"""Asynchronous invocation on the ManualClock: retries, backoff, event age, destinations."""

from __future__ import annotations

import json

import pytest

from pyserverless import Cloud
from pyserverless._core.errors import ParamValidationError
from pyserverless.lambda_ import ValidationException


class Recorder:
    """A handler that records when (on the Cloud's clock) it ran, and fails while told to."""

    def __init__(self, cloud: Cloud, fail: int = 0) -> None:
        self.cloud = cloud
        self.fail = fail
        self.times: list[float] = []
        self.events: list = []
        self.start = cloud.clock.time()

    def __call__(self, event, context):
        self.times.append(self.cloud.clock.time() - self.start)
        self.events.append(event)
        if len(self.times) <= self.fail:
            raise ValueError(f"attempt {len(self.times)} failed")
        return {"ok": event}


def invoke_async(cloud: Cloud, name: str, event) -> str:
    resp = cloud.client("lambda").invoke(
        FunctionName=name, InvocationType="Event", Payload=json.dumps(event)
    )
    assert resp["StatusCode"] == 202
    return resp["ResponseMetadata"]["RequestId"]


class TestRetries:
    def test_two_retries_one_then_two_minutes(self, lam):
        """A failing event runs 3 times: at 0, +60 s and +180 s; then it is dropped."""
        rec = Recorder(lam, fail=99)
        lam.lambda_.create_function("f", handler=rec)
        invoke_async(lam, "f", {"n": 1})
        assert rec.times == []
        lam.advance(59)
        assert rec.times == [0.0]
        lam.advance(1)
        assert rec.times == [0.0, 60.0]
        lam.run_until_idle()
        assert rec.times == [0.0, 60.0, 180.0]
        assert lam.engine("lambda").queue.history[-1][1] == "RetriesExhausted"

    def test_success_on_retry(self, lam):
        """An event that fails once succeeds on the first retry, with the same request id."""
        rec = Recorder(lam, fail=1)
        ids = []

        def handler(event, context):
            ids.append(context.aws_request_id)
            return rec(event, context)

        lam.lambda_.create_function("f", handler=handler)
        request_id = invoke_async(lam, "f", "x")
        lam.run_until_idle()
        assert rec.times == [0.0, 60.0]
        assert ids == [request_id, request_id]
        assert lam.engine("lambda").queue.history[-1][1] == "Success"

    def test_maximum_retry_attempts(self, lam):
        """MaximumRetryAttempts=0 runs a failing event once."""
        rec = Recorder(lam, fail=99)
        lam.lambda_.create_function("f", handler=rec)
        lam.client("lambda").put_function_event_invoke_config(
            FunctionName="f", MaximumRetryAttempts=0
        )
        invoke_async(lam, "f", 1)
        lam.run_until_idle()
        assert rec.times == [0.0]

    def test_config_bounds(self, lam):
        """MaximumRetryAttempts is 0-2 and MaximumEventAgeInSeconds 60-21600."""
        lam.lambda_.create_function("f", handler=lambda e, c: 1)
        client = lam.client("lambda")
        with pytest.raises(ValidationException, match="maximumRetryAttempts"):
            client.put_function_event_invoke_config(FunctionName="f", MaximumRetryAttempts=3)
        with pytest.raises(ParamValidationError, match="MaximumEventAgeInSeconds"):
            client.put_function_event_invoke_config(FunctionName="f", MaximumEventAgeInSeconds=59)
        engine = lam.engine("lambda")
        with pytest.raises(ValidationException, match="maximumRetryAttempts"):
            engine.put_event_invoke_config("f", maximum_retry_attempts=3)
        with pytest.raises(ValidationException, match="maximumEventAgeInSeconds"):
            engine.put_event_invoke_config("f", maximum_event_age_seconds=59)
        resp = client.put_function_event_invoke_config(
            FunctionName="f", MaximumRetryAttempts=2, MaximumEventAgeInSeconds=60
        )
        assert resp["MaximumEventAgeInSeconds"] == 60
        got = client.get_function_event_invoke_config(FunctionName="f")
        assert got["FunctionArn"].endswith(":function:f:$LATEST")

    def test_event_age(self, lam):
        """An event older than MaximumEventAgeInSeconds is not retried."""
        rec = Recorder(lam, fail=99)
        lam.lambda_.create_function("f", handler=rec)
        lam.client("lambda").put_function_event_invoke_config(
            FunctionName="f", MaximumEventAgeInSeconds=100
        )
        invoke_async(lam, "f", 1)
        lam.run_until_idle()
        assert rec.times == [0.0, 60.0]
        assert lam.engine("lambda").queue.history[-1][1] == "EventAgeExceeded"

    def test_throttled_events_back_off(self, lam):
        """A throttled event is retried at 1, 2, 4 ... seconds and runs once allowed."""
        rec = Recorder(lam)
        fn = lam.lambda_.create_function("f", handler=rec)
        lam.engine("lambda").put_function_concurrency("f", 0)
        invoke_async(lam, "f", 1)
        lam.advance(6.5)  # attempts at 0, 1, 3 throttled
        assert rec.times == []
        lam.engine("lambda").delete_function_concurrency("f")
        lam.advance(0.5)
        assert rec.times == [7.0]
        assert fn.environments() == 1
        lam.run_until_idle()  # no retry left to wait for: the environment stays warm
        assert fn.environments() == 1
        lam.advance(lam.limits.lambda_.idle_environment_seconds)  # reaped in the background
        assert fn.environments() == 0


class TestDestinations:
    def _targets(self, lam):
        ok, bad = Recorder(lam), Recorder(lam)
        lam.lambda_.create_function("on-ok", handler=ok)
        lam.lambda_.create_function("on-bad", handler=bad)
        return ok, bad

    def test_on_success_record(self, lam):
        """The on-success destination gets AWS's invocation record."""
        ok, bad = self._targets(lam)
        lam.lambda_.create_function("f", handler=lambda e, c: {"got": e})
        arn = lam.engine("lambda").function_arn
        lam.client("lambda").put_function_event_invoke_config(
            FunctionName="f",
            DestinationConfig={
                "OnSuccess": {"Destination": arn("on-ok")},
                "OnFailure": {"Destination": arn("on-bad")},
            },
        )
        invoked_at = lam.now().strftime("%Y-%m-%dT%H:%M:%S.000Z")
        request_id = invoke_async(lam, "f", {"k": 1})
        lam.run_until_idle()
        assert bad.events == []
        (record,) = ok.events
        assert record["version"] == "1.0"
        assert record["timestamp"] == invoked_at
        assert record["requestContext"] == {
            "requestId": request_id,
            "functionArn": arn("f"),
            "condition": "Success",
            "approximateInvokeCount": 1,
        }
        assert record["requestPayload"] == {"k": 1}
        assert record["responseContext"] == {"statusCode": 200, "executedVersion": "$LATEST"}
        assert record["responsePayload"] == {"got": {"k": 1}}

    def test_on_failure_record(self, lam):
        """After the retries, the on-failure destination gets the last error."""
        _ok, bad = self._targets(lam)
        lam.lambda_.create_function("f", handler=Recorder(lam, fail=99))
        lam.engine("lambda").put_event_invoke_config(
            "f", on_failure=lam.engine("lambda").function_arn("on-bad")
        )
        invoke_async(lam, "f", 5)
        lam.run_until_idle()
        (record,) = bad.events
        assert record["requestContext"]["condition"] == "RetriesExhausted"
        assert record["requestContext"]["approximateInvokeCount"] == 3
        assert record["responseContext"]["functionError"] == "Unhandled"
        assert record["responsePayload"]["errorMessage"] == "attempt 3 failed"

    def test_dead_letter_function(self, lam):
        """Without an on-failure destination, a DLQ function gets the original event."""
        dlq = Recorder(lam)
        lam.lambda_.create_function("dlq", handler=dlq)
        lam.lambda_.create_function(
            "f",
            handler=Recorder(lam, fail=99),
            dead_letter_arn=lam.engine("lambda").function_arn("dlq"),
        )
        invoke_async(lam, "f", {"lost": True})
        lam.run_until_idle()
        assert dlq.events == [{"lost": True}]


def test_real_time_clock_delivers_events():
    """Under a SystemClock the scheduler's driver thread runs queued events by itself."""
    import threading

    from pyserverless import SystemClock

    cloud = Cloud(clock=SystemClock())
    done = threading.Event()
    seen = []

    def handler(event, context):
        seen.append(event)
        done.set()

    cloud.lambda_.create_function("rt", handler=handler)
    invoke_async(cloud, "rt", {"live": 1})
    assert done.wait(timeout=5)
    assert seen == [{"live": 1}]
    cloud.scheduler.stop_driver()
    cloud.lambda_.close()
