"""SQS over the HTTP endpoint: the AWS CLI against ``pyserverless serve`` (JSON 1.0,
``X-Amz-Target: AmazonSQS.*``), and the wire's query-compatible error answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pyserverless import Cloud
from pyserverless.adapters import Dispatcher
from pyserverless.adapters._wire import WireRequest


def test_cli_send_receive_delete(aws_cli: Callable[..., Any]) -> None:
    """aws sqs create-queue, send-message, receive-message and delete-message."""
    url = aws_cli("sqs", "create-queue", "--queue-name", "cli-jobs")["QueueUrl"]
    assert url.endswith("/123456789012/cli-jobs")
    sent = aws_cli(
        "sqs", "send-message", "--queue-url", url, "--message-body", "hello",
        "--message-attributes", '{"k": {"DataType": "String", "StringValue": "v"}}',
    )  # fmt: skip
    assert sent["MD5OfMessageBody"] == "5d41402abc4b2a76b9719d911017c592"
    got = aws_cli(
        "sqs", "receive-message", "--queue-url", url, "--message-attribute-names", "All",
        "--message-system-attribute-names", "All",
    )["Messages"][0]  # fmt: skip
    assert got["Body"] == "hello"
    assert got["MessageAttributes"]["k"]["StringValue"] == "v"
    assert got["Attributes"]["ApproximateReceiveCount"] == "1"
    aws_cli("sqs", "delete-message", "--queue-url", url, "--receipt-handle", got["ReceiptHandle"])
    attrs = aws_cli("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
    assert attrs["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "0"


def test_cli_error_code(aws_cli: Callable[..., Any]) -> None:
    """The CLI reports the query code of a missing queue, from x-amzn-query-error."""
    err = aws_cli("sqs", "get-queue-url", "--queue-name", "nope", ok=False)
    assert "AWS.SimpleQueueService.NonExistentQueue" in err
    assert "The specified queue does not exist." in err


def test_wire_error_answer() -> None:
    """The JSON body names the error shape; the header carries the query code."""
    cloud = Cloud.manual()
    request = WireRequest(
        "POST",
        "/",
        {
            "x-amz-target": "AmazonSQS.GetQueueUrl",
            "content-type": "application/x-amz-json-1.0",
        },
        json.dumps({"QueueName": "nope"}).encode(),
        trusted=True,
    )
    answer = Dispatcher(cloud).handle(request)
    assert answer.status == 400
    assert json.loads(answer.body) == {
        "__type": "com.amazonaws.sqs#QueueDoesNotExist",
        "message": "The specified queue does not exist.",
    }
    assert answer.headers["x-amzn-query-error"] == "AWS.SimpleQueueService.NonExistentQueue;Sender"


def test_long_poll_over_the_endpoint() -> None:
    """Over HTTP under a real clock, a long poll waits without blocking the server: a
    send from another client wakes it."""
    import threading
    import time

    import boto3

    from pyserverless.adapters.http import Server

    cloud = Cloud()  # SystemClock
    engine = cloud.engine("sqs")
    with Server(cloud) as server:

        def client() -> Any:
            return boto3.client(
                "sqs",
                region_name="us-east-1",
                endpoint_url=server.url,
                aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="secret",
            )

        url = client().create_queue(QueueName="poll")["QueueUrl"]
        got: list[Any] = []
        poller = client()
        receiver = threading.Thread(
            target=lambda: got.append(poller.receive_message(QueueUrl=url, WaitTimeSeconds=20))
        )
        started = time.monotonic()
        receiver.start()
        while not engine.arrivals._waiters and receiver.is_alive():  # until it waits
            time.sleep(0)  # a yield, not a pause
        client().send_message(QueueUrl=url, MessageBody="over http")
        receiver.join(20)
    assert [m["Body"] for m in got[0]["Messages"]] == ["over http"]
    assert time.monotonic() - started < 15


def test_wire_generic_code() -> None:
    """A generic code (InvalidParameterValue): the header carries it, the ``__type`` is
    AWS's ``InvalidParameterValueException`` (LocalStack's snapshot of AWS, 2023-11)."""
    cloud = Cloud.manual()
    url = cloud.client("sqs").create_queue(QueueName="q")["QueueUrl"]
    request = WireRequest(
        "POST",
        "/",
        {"x-amz-target": "AmazonSQS.ReceiveMessage", "content-type": "application/x-amz-json-1.0"},
        json.dumps({"QueueUrl": url, "MaxNumberOfMessages": 11}).encode(),
        trusted=True,
    )
    answer = Dispatcher(cloud).handle(request)
    assert answer.status == 400
    assert answer.headers["x-amzn-query-error"] == "InvalidParameterValue;Sender"
    assert json.loads(answer.body)["__type"] == "com.amazonaws.sqs#InvalidParameterValueException"
