"""A bucket addressed through another Region's endpoint: S3's 301 PermanentRedirect (a
Regional endpoint) or 400 AuthorizationHeaderMalformed (the global one), each naming the
bucket's Region, which botocore follows on its own."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from pyserverless import Cloud
from pyserverless.adapters import Dispatcher, WireRequest
from pyserverless.adapters.bridge import mock_aws

KEYS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "secret"}


@pytest.fixture
def cloud() -> Cloud:
    cloud = Cloud.manual()
    eu = cloud.client("s3", "eu-west-1")
    eu.create_bucket(Bucket="photos", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    eu.put_object(Bucket="photos", Key="cat.jpg", Body=b"meow")
    return cloud


def _body(answer: Any) -> bytes:
    return answer.body if answer.stream is None else b"".join(answer.stream)


def _get(cloud: Cloud, host: str, method: str = "GET", **headers: str) -> Any:
    request = WireRequest(method, "/cat.jpg", {"host": host, **headers}, b"", trusted=True)
    return Dispatcher(cloud).handle(request)


def test_a_regional_endpoint_answers_301_with_the_bucket_region(cloud: Cloud) -> None:
    answer = _get(cloud, "photos.s3.us-west-2.amazonaws.com")
    assert answer.status == 301
    assert answer.headers["x-amz-bucket-region"] == "eu-west-1"
    body = answer.body.decode()
    assert "<Code>PermanentRedirect</Code>" in body
    assert "<Endpoint>photos.s3.eu-west-1.amazonaws.com</Endpoint>" in body
    assert "<Bucket>photos</Bucket>" in body
    head = _get(cloud, "photos.s3.us-west-2.amazonaws.com", "HEAD")
    assert (head.status, head.body, head.headers["x-amz-bucket-region"]) == (301, b"", "eu-west-1")
    right = _get(cloud, "photos.s3.eu-west-1.amazonaws.com")
    assert (right.status, _body(right)) == (200, b"meow")


def test_the_global_endpoint_signed_for_us_east_1_is_malformed(cloud: Cloud) -> None:
    auth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, x"
    answer = _get(cloud, "photos.s3.amazonaws.com", authorization=auth)
    assert answer.status == 400
    body = answer.body.decode()
    assert "<Code>AuthorizationHeaderMalformed</Code>" in body
    assert "the region 'us-east-1' is wrong; expecting 'eu-west-1'" in body
    assert "<Region>eu-west-1</Region>" in body


@pytest.mark.parametrize("region", ["us-west-2", "us-east-1"])
def test_boto3_follows_the_redirect(cloud: Cloud, region: str) -> None:
    statuses: list[int] = []

    def seen(response: Any = None, **_: Any) -> None:
        if response is not None:
            statuses.append(response[0].status_code)

    with mock_aws(cloud):
        s3 = boto3.client("s3", region_name=region, **KEYS)
        s3.meta.events.register("needs-retry.s3", seen)
        assert s3.get_object(Bucket="photos", Key="cat.jpg")["Body"].read() == b"meow"
        assert s3.head_object(Bucket="photos", Key="cat.jpg")["ContentLength"] == 4
    assert statuses[0] in (301, 400)  # first the wrong Region, then the bucket's
    assert statuses[-1] == 200


def test_bucket_wide_operations_answer_anywhere(cloud: Cloud) -> None:
    answer = Dispatcher(cloud).handle(
        WireRequest("GET", "/", {"host": "photos.s3.us-west-2.amazonaws.com"}, b"",
                    query="location", trusted=True)
    )  # fmt: skip
    assert answer.status == 200
    assert b"eu-west-1" in answer.body


def test_serve_has_one_endpoint_for_every_region(cloud: Cloud) -> None:
    request = WireRequest("GET", "/photos/cat.jpg", {"host": "localhost:4566"}, b"", trusted=True)
    answer = Dispatcher(cloud).handle(request)
    assert (answer.status, _body(answer)) == (200, b"meow")
