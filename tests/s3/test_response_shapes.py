"""Every member of every answer is one botocore's model of S3 declares, with its type: a
misspelt or invented member would pass unnoticed in tests that read known keys only."""

from __future__ import annotations

import datetime
import io
from typing import Any

import botocore.session
import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.s3 import S3Client

MODEL = botocore.session.get_session().get_service_model("s3")
#: Members botocore's handlers add to parsed answers (not in the model).
ADDED = {"ResponseMetadata", "ExpiresString"}
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "timestamp": (datetime.datetime,),
}


def _conforms(value: Any, shape: Any, path: str, out: list[str]) -> None:
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            out.append(f"{path}: not a dict")
            return
        for name, member in value.items():
            if name in ADDED and path.count(".") == 0:
                continue
            if name not in shape.members:
                out.append(f"{path}.{name}: not in the model")
                continue
            _conforms(member, shape.members[name], f"{path}.{name}", out)
    elif kind == "list":
        if not isinstance(value, list):
            out.append(f"{path}: not a list")
            return
        for i, item in enumerate(value):
            _conforms(item, shape.member, f"{path}[{i}]", out)
    elif kind == "map":
        if not isinstance(value, dict):
            out.append(f"{path}: not a dict")
    elif kind == "blob":
        if not hasattr(value, "read") and not isinstance(value, bytes):
            out.append(f"{path}: not a body")
    elif value is None and path == "GetBucketLocation.LocationConstraint":
        pass  # botocore's own handler answers None for us-east-1's empty constraint
    elif kind in _TYPES and not isinstance(value, _TYPES[kind]):
        out.append(f"{path}: {type(value).__name__} is not {kind}")


@pytest.fixture
def answers() -> dict[str, list[dict[str, Any]]]:
    """One or more answers of every operation, from a scenario that touches them all."""
    cloud = Cloud(clock=ManualClock(), limits={"s3": {"min_part_bytes": 1}})
    s3 = cloud.client("s3")
    seen: dict[str, list[dict[str, Any]]] = {}

    def call(method: str, **params: Any) -> dict[str, Any]:
        out: dict[str, Any] = getattr(s3, method)(**params)
        op = next(op for op, m in S3Client.operations.items() if m == method)
        seen.setdefault(op, []).append(out)
        return out

    fn = cloud.lambda_.create_function("f", handler=lambda e, c: None)
    call("create_bucket", Bucket="shapes")
    call("head_bucket", Bucket="shapes")
    call("get_bucket_location", Bucket="shapes")
    call("put_bucket_versioning", Bucket="shapes", VersioningConfiguration={"Status": "Enabled"})
    call("get_bucket_versioning", Bucket="shapes")
    put = call(
        "put_object",
        Bucket="shapes",
        Key="a/b",
        Body=b"data",
        Metadata={"m": "1"},
        Expires=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
        Tagging="t=1",
    )
    call("get_object", Bucket="shapes", Key="a/b", Range="bytes=0-1")
    call("get_object", Bucket="shapes", Key="a/b", VersionId=put["VersionId"])
    call("head_object", Bucket="shapes", Key="a/b", ChecksumMode="ENABLED")
    call("copy_object", Bucket="shapes", Key="c", CopySource="shapes/a/b")
    call("list_objects_v2", Bucket="shapes", Delimiter="/", FetchOwner=True, MaxKeys=1)
    call("list_objects", Bucket="shapes", Delimiter="/", MaxKeys=1)
    call(
        "put_object_tagging",
        Bucket="shapes",
        Key="c",
        Tagging={"TagSet": [{"Key": "k", "Value": "v"}]},
    )
    call("get_object_tagging", Bucket="shapes", Key="c")
    call("delete_object_tagging", Bucket="shapes", Key="c")
    call("delete_object", Bucket="shapes", Key="c")
    call("list_object_versions", Bucket="shapes", MaxKeys=2)
    call(
        "delete_objects", Bucket="shapes", Delete={"Objects": [{"Key": "a/b"}, {"Key": "x" * 1025}]}
    )
    up = call("create_multipart_upload", Bucket="shapes", Key="mp", ChecksumAlgorithm="SHA256")[
        "UploadId"
    ]
    part = call(
        "upload_part",
        Bucket="shapes",
        Key="mp",
        UploadId=up,
        PartNumber=1,
        Body=io.BytesIO(b"p"),
        ChecksumAlgorithm="SHA256",
    )
    call(
        "upload_part_copy",
        Bucket="shapes",
        Key="mp",
        UploadId=up,
        PartNumber=2,
        CopySource={"Bucket": "shapes", "Key": "a/b", "VersionId": put["VersionId"]},
    )
    call("list_parts", Bucket="shapes", Key="mp", UploadId=up)
    call("list_multipart_uploads", Bucket="shapes", Delimiter="/")
    call(
        "complete_multipart_upload",
        Bucket="shapes",
        Key="mp",
        UploadId=up,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]},
    )
    up2 = call("create_multipart_upload", Bucket="shapes", Key="mp2")["UploadId"]
    call("abort_multipart_upload", Bucket="shapes", Key="mp2", UploadId=up2)
    call("put_bucket_tagging", Bucket="shapes", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
    call("get_bucket_tagging", Bucket="shapes")
    call("delete_bucket_tagging", Bucket="shapes")
    call(
        "put_bucket_cors",
        Bucket="shapes",
        CORSConfiguration={
            "CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "MaxAgeSeconds": 5}]
        },
    )
    call("get_bucket_cors", Bucket="shapes")
    call("delete_bucket_cors", Bucket="shapes")
    call(
        "put_bucket_notification_configuration",
        Bucket="shapes",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "LambdaFunctionArn": fn.arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "a"}]}},
                }
            ],
            "EventBridgeConfiguration": {},
        },
    )
    call("get_bucket_notification_configuration", Bucket="shapes")
    call("list_buckets", MaxBuckets=1)
    call("create_bucket", Bucket="empty")
    call("delete_bucket", Bucket="empty")
    return seen


def test_every_operation_is_exercised(answers: dict[str, list[dict[str, Any]]]) -> None:
    """The scenario calls every operation the client registers."""
    assert set(answers) == set(S3Client.operations)


def test_answers_keep_the_model(answers: dict[str, list[dict[str, Any]]]) -> None:
    """Every member of every answer is in the operation's output shape, with its type."""
    problems: list[str] = []
    for op, outs in answers.items():
        shape = MODEL.operation_model(op).output_shape
        for out in outs:
            if shape is None:
                extra = set(out) - ADDED
                problems += [f"{op}.{name}: no output shape" for name in extra]
                continue
            _conforms(out, shape, op, problems)
    assert problems == []
