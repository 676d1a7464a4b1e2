"""``serve --verify-signatures`` on S3's door knows the Cloud's keys: an IAM user's
active access key and a live STS session sign S3 requests as they sign every other
service's; a deleted key and an expired session are refused, as AWS refuses them (an
expired session gets the expired-token answer on every door)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless.adapters import Dispatcher, Server

TRUST = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
    '"Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}'
)


@pytest.fixture
def cloud() -> Cloud:
    return Cloud.manual()


@pytest.fixture
def server(cloud: Cloud) -> Iterator[Server]:
    dispatcher = Dispatcher(cloud, credentials={"testing": "testing"})
    with Server(cloud, dispatcher=dispatcher) as running:
        running_client = _s3(running, "testing", "testing")
        running_client.create_bucket(Bucket="keys")
        yield running


def _s3(server: Server, key: str, secret: str, token: str | None = None) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=Config(retries={"total_max_attempts": 1}, s3={"addressing_style": "path"}),
    )


def _code(call: Any) -> str:
    with pytest.raises(ClientError) as info:
        call()
    return str(info.value.response["Error"]["Code"])


def test_an_iam_users_key_signs_s3_until_it_is_deleted(cloud: Cloud, server: Server) -> None:
    iam = cloud.client("iam")
    iam.create_user(UserName="uploader")
    key = iam.create_access_key(UserName="uploader")["AccessKey"]
    s3 = _s3(server, key["AccessKeyId"], key["SecretAccessKey"])
    s3.put_object(Bucket="keys", Key="a.txt", Body=b"hi")
    assert s3.get_object(Bucket="keys", Key="a.txt")["Body"].read() == b"hi"
    wrong = _s3(server, key["AccessKeyId"], "not-the-secret")
    assert _code(lambda: wrong.get_object(Bucket="keys", Key="a.txt")) == "SignatureDoesNotMatch"
    iam.delete_access_key(UserName="uploader", AccessKeyId=key["AccessKeyId"])
    assert _code(lambda: s3.get_object(Bucket="keys", Key="a.txt")) == "InvalidAccessKeyId"


def test_an_sts_session_signs_s3_until_it_expires(cloud: Cloud, server: Server) -> None:
    cloud.client("iam").create_role(RoleName="reader", AssumeRolePolicyDocument=TRUST)
    creds = cloud.client("sts").assume_role(
        RoleArn="arn:aws:iam::123456789012:role/reader",
        RoleSessionName="reader-session",
        DurationSeconds=900,
    )["Credentials"]
    s3 = _s3(server, creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
    assert s3.list_objects_v2(Bucket="keys")["KeyCount"] == 0
    cloud.advance(899)
    assert s3.list_objects_v2(Bucket="keys")["KeyCount"] == 0
    cloud.advance(1)
    with pytest.raises(ClientError) as info:
        s3.list_objects_v2(Bucket="keys")
    answer = info.value.response
    assert answer["Error"] == {"Code": "ExpiredToken", "Message": "The provided token has expired."}
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.mark.parametrize(
    ("service", "call", "status", "code"),
    [
        ("dynamodb", lambda c: c.list_tables(), 400, "ExpiredTokenException"),
        ("lambda", lambda c: c.list_functions(), 403, "ExpiredTokenException"),
        ("sts", lambda c: c.get_caller_identity(), 403, "ExpiredToken"),
    ],
)
def test_an_expired_session_is_expired_on_every_door(
    cloud: Cloud, server: Server, service: str, call: Any, status: int, code: str
) -> None:
    cloud.client("iam").create_role(RoleName="reader", AssumeRolePolicyDocument=TRUST)
    creds = cloud.client("sts").assume_role(
        RoleArn="arn:aws:iam::123456789012:role/reader",
        RoleSessionName="reader-session",
        DurationSeconds=900,
    )["Credentials"]
    client = boto3.client(
        service,
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        config=Config(retries={"total_max_attempts": 1}),
    )
    assert call(client)["ResponseMetadata"]["HTTPStatusCode"] == 200
    cloud.advance(900)
    with pytest.raises(ClientError) as info:
        call(client)
    answer = info.value.response
    assert (answer["ResponseMetadata"]["HTTPStatusCode"], answer["Error"]["Code"]) == (status, code)
    assert answer["Error"]["Message"] == "The security token included in the request is expired"


def test_an_unknown_key_is_refused(server: Server) -> None:
    s3 = _s3(server, "AKIAUNKNOWN0000", "x")
    assert _code(lambda: s3.list_objects_v2(Bucket="keys")) == "InvalidAccessKeyId"
