"""Digits that are not ASCII ("²", which ``int`` refuses; "٣", which it reads as 3) are
not numbers to AWS: each service refuses them with its own error, never a bare one."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless._core.text import digits


@pytest.mark.parametrize(("text", "expected"), [("0", True), ("42", True), ("", False),
                                                ("²", False), ("٣", False), ("1²", False),
                                                ("-1", False)])  # fmt: skip
def test_digits(text: str, expected: bool) -> None:
    assert digits(text) is expected


@pytest.mark.parametrize("value", ["²", "٣"])
def test_sqs_attribute(value: str) -> None:
    sqs = Cloud.manual().client("sqs")
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    with pytest.raises(ClientError) as info:
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": value})
    assert info.value.response["Error"]["Code"] == "InvalidAttributeValue"
    delay = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["DelaySeconds"])
    assert delay["Attributes"] == {"DelaySeconds": "0"}
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "3"})  # the ASCII form


@pytest.mark.parametrize(
    ("service", "call"),
    [
        ("cloudfront", lambda c, m: c.list_functions(Marker=m)),
        ("cloudfront", lambda c, m: c.list_distributions(Marker=m)),
        ("logs", lambda c, m: c.describe_log_groups(nextToken=m)),
        ("events", lambda c, m: c.list_rules(NextToken=m)),
    ],
)
@pytest.mark.parametrize("marker", ["²", "٣"])
def test_paging_markers(service: str, call: Any, marker: str) -> None:
    client = Cloud.manual().client(service)
    with pytest.raises(ClientError) as info:
        call(client, marker)
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.mark.parametrize(
    ("service", "call"),
    [
        ("apigatewayv2", lambda c, m: c.get_apis(NextToken=m)),
        ("apigateway", lambda c, m: c.get_rest_apis(position=m)),
    ],
)
@pytest.mark.parametrize("marker", ["²", "٣"])
def test_gateway_paging(service: str, call: Any, marker: str) -> None:
    client = Cloud.manual().client(service)
    with pytest.raises(ClientError) as info:
        call(client, marker)
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
