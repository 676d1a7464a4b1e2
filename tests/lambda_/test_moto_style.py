"""A suite written the way moto suites are: boto3 clients inside ``@mock_aws``, a role
from IAM, functions from zipped source, queues, and waits on SQS long polls (no clock
moves, no sleeps). Only the import line differs from moto's (``from moto import
mock_aws``); here everything runs on a real-time Cloud, in process."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import boto3

from pyserverless import mock_aws

REGION = "us-east-1"
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
FAILING = """
import json

def lambda_handler(event, context):
    print("processing " + json.dumps(event))
    raise Exception("I failed!")
"""
FORWARD = """
import boto3

def lambda_handler(event, context):
    sqs = boto3.client("sqs", region_name="us-east-1")
    url = sqs.get_queue_url(QueueName="out")["QueueUrl"]
    for record in event["Records"]:
        sqs.send_message(QueueUrl=url, MessageBody=record["body"].upper())
"""


def zipped(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("lambda_function.py", source)
    return buffer.getvalue()


def role() -> str:
    iam = boto3.client("iam", region_name=REGION)
    made = iam.create_role(RoleName="my-role", AssumeRolePolicyDocument=TRUST, Path="/my-path/")
    return str(made["Role"]["Arn"])


def queue(name: str, **attributes: str) -> tuple[str, str]:
    sqs = boto3.client("sqs", region_name=REGION)
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    return url, arn["Attributes"]["QueueArn"]


def function(name: str, source: str, **extra: Any) -> str:
    client = boto3.client("lambda", region_name=REGION)
    made = client.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role(),
        Handler="lambda_function.lambda_handler",
        Code={"ZipFile": zipped(source)},
        Timeout=3,
        **extra,
    )
    return str(made["FunctionArn"])


def wait_for_message(url: str, seconds: int = 20) -> dict[str, Any]:
    """One message, waiting with SQS long polls (what a moto suite does)."""
    sqs = boto3.client("sqs", region_name=REGION)
    for _ in range(3):
        got = sqs.receive_message(
            QueueUrl=url, WaitTimeSeconds=seconds, MessageAttributeNames=["All"]
        ).get("Messages", [])
        if got:
            return dict(got[0])
    raise AssertionError("no message arrived")


@mock_aws
def test_async_failure_lands_in_the_dead_letter_queue() -> None:
    """Invoke a failing function asynchronously; the event lands in its DLQ, and the
    function's output is in CloudWatch Logs."""
    dlq_url, dlq_arn = queue("dlq")
    function("failing", FAILING, DeadLetterConfig={"TargetArn": dlq_arn})
    client = boto3.client("lambda", region_name=REGION)
    client.put_function_event_invoke_config(FunctionName="failing", MaximumRetryAttempts=0)
    answer = client.invoke(
        FunctionName="failing", InvocationType="Event", Payload=json.dumps({"hello": "world"})
    )
    assert answer["StatusCode"] == 202
    message = wait_for_message(dlq_url)
    assert json.loads(message["Body"]) == {"hello": "world"}
    assert message["MessageAttributes"]["ErrorMessage"]["StringValue"] == "I failed!"
    logs = boto3.client("logs", region_name=REGION)
    found = logs.filter_log_events(logGroupName="/aws/lambda/failing", filterPattern="processing")
    assert any('{"hello": "world"}' in e["message"] for e in found["events"])


@mock_aws
def test_queue_drives_a_function() -> None:
    """An SQS event source mapping invokes the function; what it writes shows up."""
    in_url, in_arn = queue("in")
    out_url, _ = queue("out")
    function("forward", FORWARD)
    client = boto3.client("lambda", region_name=REGION)
    mapping = client.create_event_source_mapping(
        EventSourceArn=in_arn, FunctionName="forward", BatchSize=5
    )
    assert mapping["BatchSize"] == 5
    boto3.client("sqs", region_name=REGION).send_message(QueueUrl=in_url, MessageBody="hello")
    assert wait_for_message(out_url)["Body"] == "HELLO"
