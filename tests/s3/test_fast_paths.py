"""The hot paths' shortcuts answer exactly as the full checks do.

PutObject and GetObject skip their checks with one set walk when a request names none
of the members a check reads (``refuse_unemulated``, ``refuse_members``,
``checksum_plan``, ``read_conditions``, the ``Response*`` overrides), and a bucket
without notifications draws no event sequencer. Each test here names one member alone,
so a member left out of a shortcut's set would pass unchecked and fail the test.
"""

from __future__ import annotations

import base64
import json
import zlib
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless.s3 import S3Error
from pyserverless.s3._objects import _CHECKED_KEYS, _OVERRIDE_KEYS, _RESPONSE_OVERRIDES
from pyserverless.s3._rules import _REFUSED_KEYS, _UNEMULATED_MEMBERS, refuse_members


def _err(exc: Any) -> dict[str, Any]:
    return dict(exc.value.response["Error"])


def _crc32(body: bytes) -> str:
    return base64.b64encode(zlib.crc32(body).to_bytes(4, "big")).decode()


#: PutObject members refused one at a time, each with the value that is refused.
REFUSED_ON_PUT = {
    "SSECustomerAlgorithm": "AES256",
    "SSEKMSKeyId": "key",
    "ObjectLockMode": "GOVERNANCE",
    "ObjectLockRetainUntilDate": "2030-01-01T00:00:00Z",
    "ObjectLockLegalHoldStatus": "ON",
    "WebsiteRedirectLocation": "/other",
    "WriteOffsetBytes": 0,
    "ServerSideEncryption": "aws:kms",
    "StorageClass": "DEEP_ARCHIVE",
    "ACL": "public-read",
    "GrantFullControl": 'id="x"',
    "GrantRead": 'id="x"',
    "GrantReadACP": 'id="x"',
    "GrantWriteACP": 'id="x"',
}


class TestRefusedOnPut:
    def test_every_checked_member_is_listed(self) -> None:
        """The shortcut's set is exactly the members refuse_unemulated reads."""
        assert set(REFUSED_ON_PUT) == _CHECKED_KEYS

    @pytest.mark.parametrize(("member", "value"), sorted(REFUSED_ON_PUT.items()))
    def test_each_member_alone_is_refused(
        self, s3: Any, bucket: str, member: str, value: Any
    ) -> None:
        """One unemulated member alone is refused and stores nothing."""
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="k", Body=b"x", **{member: value})
        assert _err(exc)["Code"] in ("NotImplemented", "AccessControlListNotSupported")
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.get_object(Bucket=bucket, Key="k")

    @pytest.mark.parametrize(
        ("member", "value"),
        [
            ("ServerSideEncryption", "AES256"),
            ("StorageClass", "STANDARD_IA"),
            ("ACL", "private"),
            ("ACL", "bucket-owner-full-control"),
        ],
    )
    def test_emulated_values_pass(self, s3: Any, bucket: str, member: str, value: str) -> None:
        """The values S3 has and pyserverless keeps are accepted."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", **{member: value})
        assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"x"


class TestRefusedEverywhere:
    def test_the_set_names_every_member(self) -> None:
        """The shortcut's set is the refused members plus BucketKeyEnabled."""
        assert set(_UNEMULATED_MEMBERS) | {"BucketKeyEnabled"} == _REFUSED_KEYS

    @pytest.mark.parametrize(("member", "header"), sorted(_UNEMULATED_MEMBERS.items()))
    def test_each_member_alone_is_refused(self, member: str, header: str) -> None:
        """A request naming one unemulated member alone is NotImplemented, with its header."""
        with pytest.raises(S3Error) as exc:
            refuse_members({"Bucket": "photos", "Key": "k", member: "v"})
        assert (exc.value.code, exc.value.extra["Header"]) == ("NotImplemented", header)

    def test_through_the_client(self, cloud: Cloud) -> None:
        """A wire GetObject naming SSE-C's key is refused before the object is read."""
        s3 = cloud.client("s3")
        s3.create_bucket(Bucket="photos")
        s3.put_object(Bucket="photos", Key="k", Body=b"x")
        with pytest.raises(ClientError) as exc:
            s3.dispatch("GetObject", {"Bucket": "photos", "Key": "k", "SSECustomerKey": "a"})
        assert _err(exc)["Header"] == "x-amz-server-side-encryption-customer-key"

    def test_bucket_key_enabled_false_passes(self, s3: Any, bucket: str) -> None:
        """BucketKeyEnabled=False asks for nothing unemulated: stored."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", BucketKeyEnabled=False)
        assert s3.head_object(Bucket=bucket, Key="k")["ContentLength"] == 1


class TestChecksumPlan:
    def test_two_checksums_are_refused(self, s3: Any, bucket: str) -> None:
        """Two checksum members in one request: InvalidRequest, nothing stored."""
        sha1 = base64.b64encode(b"\0" * 20).decode()
        with pytest.raises(ClientError) as exc:
            s3.put_object(
                Bucket=bucket, Key="k", Body=b"x", ChecksumCRC32=_crc32(b"x"), ChecksumSHA1=sha1
            )
        assert _err(exc) == {
            "Code": "InvalidRequest",
            "Message": "Expecting a single x-amz-checksum- header. Multiple checksum Types "
            "are not allowed.",
        }
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.get_object(Bucket=bucket, Key="k")

    def test_algorithm_and_member_must_agree(self, s3: Any, bucket: str) -> None:
        """ChecksumAlgorithm naming another algorithm than the value sent: InvalidRequest."""
        with pytest.raises(ClientError) as exc:
            s3.put_object(
                Bucket=bucket, Key="k", Body=b"x", ChecksumAlgorithm="SHA1",
                ChecksumCRC32=_crc32(b"x"),
            )  # fmt: skip
        assert _err(exc)["Message"] == "Value for x-amz-sdk-checksum-algorithm header is invalid."

    def test_unknown_algorithm_is_refused(self, s3: Any, bucket: str) -> None:
        """An algorithm outside S3's list: InvalidRequest naming the valid ones."""
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="k", Body=b"x", ChecksumAlgorithm="CRC16")
        assert _err(exc)["Message"].startswith("Checksum algorithm provided is unsupported.")

    def test_unemulated_wins_over_two_checksums(self, s3: Any, bucket: str) -> None:
        """An unemulated algorithm is refused first, even beside a second checksum."""
        with pytest.raises(ClientError) as exc:
            s3.put_object(
                Bucket=bucket, Key="k", Body=b"x", ChecksumCRC32=_crc32(b"x"),
                ChecksumCRC64NVME="AAAAAAAAAAA=",
            )  # fmt: skip
        assert _err(exc)["Code"] == "NotImplemented"
        assert exc.value.response["Error"]["Header"] == "x-amz-checksum-crc64nvme"

    def test_no_checksum_at_all(self, cloud: Cloud) -> None:
        """A wire PutObject without any checksum stores none and answers none."""
        s3 = cloud.client("s3")
        s3.create_bucket(Bucket="photos")
        out = s3.dispatch("PutObject", {"Bucket": "photos", "Key": "k", "Body": b"x"})
        assert not any(k.startswith("Checksum") for k in out)
        got = s3.get_object(Bucket="photos", Key="k")
        assert not any(k.startswith("Checksum") for k in got)


class TestResponseOverrides:
    def test_the_set_names_every_override(self) -> None:
        """The shortcut's set is every Response* member."""
        assert {member for member, _ in _RESPONSE_OVERRIDES} == _OVERRIDE_KEYS

    @pytest.mark.parametrize(("member", "field"), list(_RESPONSE_OVERRIDES))
    def test_each_override_alone(self, s3: Any, bucket: str, member: str, field: str) -> None:
        """One Response* member alone replaces its header in the answer."""
        value: Any = datetime(2031, 1, 1, tzinfo=UTC) if field == "Expires" else "chosen"
        s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        assert s3.get_object(Bucket=bucket, Key="k").get(field) != value
        assert s3.get_object(Bucket=bucket, Key="k", **{member: value})[field] == value


class TestSequencer:
    def test_sequencers_count_writes_made_before_notifications(
        self, cloud: Cloud, s3: Any, bucket: str
    ) -> None:
        """Writes before any notification still move the count the first event carries."""
        seen: list[dict[str, Any]] = []

        def handler(event: dict[str, Any], context: Any) -> None:
            seen.append(event)

        cloud.lambda_.create_function("note", handler=handler)
        for _ in range(3):
            s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        arn = cloud.client("lambda").get_function(FunctionName="note")["Configuration"][
            "FunctionArn"
        ]
        s3.put_bucket_notification_configuration(
            Bucket=bucket,
            NotificationConfiguration={
                "LambdaFunctionConfigurations": [
                    {"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"]}
                ]
            },
        )
        s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        cloud.advance(1)
        (event,) = seen
        sequencer = json.loads(json.dumps(event))["Records"][0]["s3"]["object"]["sequencer"]
        assert sequencer.endswith(f"{4:06X}")
