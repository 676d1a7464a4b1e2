"""The AWS CLI against ``pyserverless serve``: a queue drives a function through an event
source mapping, on the real clock (waits are SQS long polls)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from tests.conftest import LAMBDA_TRUST

FORWARD = """
import boto3

def handler(event, context):
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="cli-out")["QueueUrl"]
    for record in event["Records"]:
        sqs.send_message(QueueUrl=url, MessageBody=record["body"][::-1])
"""


def test_queue_to_function_over_serve(aws_cli: Any, tmp_path: Path) -> None:
    """create-event-source-mapping on a queue, send-message, and the function's output
    arrives in another queue."""
    archive = tmp_path / "code.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("app.py", FORWARD)
    archive.write_bytes(buffer.getvalue())
    role = aws_cli(
        "iam", "create-role", "--role-name", "cli-esm", "--assume-role-policy-document",
        LAMBDA_TRUST,
    )["Role"]["Arn"]  # fmt: skip
    aws_cli(
        "lambda", "create-function", "--function-name", "cli-forward", "--runtime",
        "python3.12", "--handler", "app.handler", "--role", role, "--zip-file",
        f"fileb://{archive}",
    )  # fmt: skip
    source = aws_cli("sqs", "create-queue", "--queue-name", "cli-in")["QueueUrl"]
    out = aws_cli("sqs", "create-queue", "--queue-name", "cli-out")["QueueUrl"]
    arn = "arn:aws:sqs:us-east-1:123456789012:cli-in"
    made = aws_cli(
        "lambda", "create-event-source-mapping", "--function-name", "cli-forward",
        "--event-source-arn", arn, "--batch-size", "5",
    )  # fmt: skip
    assert (made["BatchSize"], made["EventSourceArn"]) == (5, arn)
    aws_cli("sqs", "send-message", "--queue-url", source, "--message-body", "olleh")
    got = aws_cli("sqs", "receive-message", "--queue-url", out, "--wait-time-seconds", "20")
    assert [m["Body"] for m in got["Messages"]] == ["hello"]
