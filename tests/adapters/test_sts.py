"""STS GetCallerIdentity through every door: the client layer, both bridges, the
endpoint through boto3, and raw query-protocol HTTP (XML, AWS's error codes)."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, mock_aws
from pyserverless.adapters import Server

IDENTITY = {
    "UserId": "210987654321",
    "Account": "210987654321",
    "Arn": "arn:aws:iam::210987654321:root",
}


@pytest.fixture
def cloud() -> Cloud:
    return Cloud.manual(account_id="210987654321", seed=5)


@pytest.fixture(params=["client", "bridge", "fast", "endpoint"])
def sts(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    """An STS client on ``cloud`` through the door the parameter names."""
    if request.param == "client":
        yield cloud.client("sts")
    elif request.param in ("bridge", "fast"):
        with mock_aws(cloud, fast=request.param == "fast"):
            yield boto3.client("sts")
    else:
        with Server(cloud) as server:
            yield boto3.client(
                "sts",
                endpoint_url=server.url,
                region_name="us-east-1",
                aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="secret",
            )


class TestGetCallerIdentity:
    def test_identity(self, sts: Any) -> None:
        """The account's root: its id as UserId, and its ARN."""
        answer = sts.get_caller_identity()
        assert {k: answer[k] for k in IDENTITY} == IDENTITY

    def test_china_partition(self) -> None:
        """In a China Region the ARN's partition is aws-cn."""
        cloud = Cloud.manual(region="cn-north-1", regions=frozenset({"cn-north-1"}))
        assert cloud.client("sts").get_caller_identity()["Arn"].startswith("arn:aws-cn:iam::")


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url + "/", data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SIGNED = {
    **FORM,
    "X-Amz-Date": "20250101T000000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/sts/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=abc",
}


class TestRawQuery:
    @pytest.mark.parametrize(
        ("headers", "status", "needles"),
        [
            (
                SIGNED,
                200,
                [
                    b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
                    b"<Account>210987654321</Account>",
                    b"<Arn>arn:aws:iam::210987654321:root</Arn>",
                ],
            ),
            (
                FORM,
                403,
                [
                    b"<Code>MissingAuthenticationToken</Code>",
                    b"<Message>Request is missing Authentication Token</Message>",
                    b"<Type>Sender</Type>",
                ],
            ),
        ],
        ids=["signed", "unsigned"],
    )
    def test_answers(
        self, cloud: Cloud, headers: dict[str, str], status: int, needles: list[bytes]
    ) -> None:
        """A form-encoded Action is answered in the query protocol's XML."""
        with Server(cloud) as server:
            got = _post(server.url, b"Action=GetCallerIdentity&Version=2011-06-15", headers)
        assert got[:2] == (status, "text/xml")
        for needle in needles:
            assert needle in got[2]

    def test_unknown_action_is_not_sts(self, cloud: Cloud) -> None:
        """A form naming no STS action is not answered as STS."""
        with Server(cloud) as server:
            got = _post(server.url, b"Action=ListQueues", SIGNED)
        assert got[0] == 404
