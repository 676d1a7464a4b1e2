"""A test written as users write them against AWS or moto: a role, a function from a zip,
an invocation, then the function's logs read with boto3, page by page."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from pyserverless import Cloud

TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}
SOURCE = (
    "def handler(event, context):\n"
    "    print('ERROR order', event['id'])\n"
    "    print('INFO done')\n"
    "    return {'ok': True}\n"
)


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("app.py", SOURCE)
    return buf.getvalue()


def test_role_function_invoke_then_logs(cloud: Cloud, logs: Any) -> None:
    """IAM role, CreateFunction, Invoke, then FilterLogEvents and paging GetLogEvents."""
    import boto3

    iam = boto3.client("iam", region_name="us-east-1")
    role = iam.create_role(RoleName="fn-role", AssumeRolePolicyDocument=json.dumps(TRUST))
    lam = boto3.client("lambda", region_name="us-east-1")
    lam.create_function(
        FunctionName="orders",
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="app.handler",
        Code={"ZipFile": _zip()},
    )
    lam.get_waiter("function_active_v2").wait(FunctionName="orders")
    for order in (1, 2, 3):
        assert (
            lam.invoke(FunctionName="orders", Payload=json.dumps({"id": order}))["StatusCode"]
            == 200
        )
    group = "/aws/lambda/orders"
    found = logs.filter_log_events(logGroupName=group, filterPattern='"ERROR order"')
    assert [e["message"] for e in found["events"]] == [f"ERROR order {n}\n" for n in (1, 2, 3)]
    (stream,) = [
        s
        for page in logs.get_paginator("describe_log_streams").paginate(logGroupName=group)
        for s in page["logStreams"]
    ]
    # The loop users write for GetLogEvents: until the forward token comes back unchanged.
    params: dict[str, Any] = {
        "logGroupName": group,
        "logStreamName": stream["logStreamName"],
        "startFromHead": True,
        "limit": 4,
    }
    messages: list[str] = []
    while True:
        page = logs.get_log_events(**params)
        messages += [e["message"] for e in page["events"]]
        if page["nextForwardToken"] == params.get("nextToken"):
            break
        params["nextToken"] = page["nextForwardToken"]
    assert len(messages) == 3 * 5  # START, two lines, END, REPORT per invocation
    assert messages[0].startswith("START RequestId: ")
