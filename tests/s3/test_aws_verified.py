"""S3 against expectations other projects verified on AWS itself, one row each.

Every row is a request (after the setup it needs) and what AWS answered, taken from a test
that ran against AWS: getmoto/moto's ``tests/test_s3`` tests marked ``aws_verified`` (cited
as ``moto <file>::<test>``) and LocalStack's ``tests/aws/services/s3`` tests marked
``aws.validated``, whose snapshots hold AWS's recorded answers (cited as ``LocalStack
<file>::<test>``). The facts are theirs; the requests and code here are our own. Each row
runs boto3 through the in-process bridge (its serialiser and parser on S3's wire), so
headers botocore shows (``content-range``, ``allow``, ``content-type``) are checked too.

An expected value is compared with what boto3 returned for the same member; ``ABSENT``
says the member must not be there.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from pyserverless.adapters import Dispatcher, WireRequest
from pyserverless.adapters.bridge import mock_aws

ABSENT = object()
FAKE_VERSION = "HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD"  # LocalStack's made-up version id
FORMAT = (
    "The x-amz-copy-source-range value must be of the form bytes=first-last where first and "
    "last are the zero-based offsets of the first and last bytes to copy"
)
NOT_HOLD = "At least one of the pre-conditions you specified did not hold"
ELSEWHERE = (
    "location constraint is incompatible for the region specific endpoint this request was sent to."
)
HEADER_TAGS = (
    "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query "
    "parameters without tag name duplicates."
)
MALFORMED = (
    "The XML you provided was not well-formed or did not validate against our published schema"
)
BYPASS = "x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets."


class S3:
    """Clients on one Cloud: ``s3()`` in us-east-1, ``s3(region)``, ``s3(validate=False)``."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.made: dict[tuple[str, bool], Any] = {}

    def __call__(self, region: str = "us-east-1", *, validate: bool = True) -> Any:
        if (region, validate) not in self.made:
            config = Config(parameter_validation=validate)
            self.made[region, validate] = boto3.client("s3", region_name=region, config=config)
        return self.made[region, validate]


def answer(call: Callable[..., Any], **params: Any) -> dict[str, Any]:
    """What boto3 returned: the members, ``Status`` and ``Headers``; or ``Error`` too."""
    try:
        out = dict(call(**params))
    except ClientError as err:
        meta = err.response["ResponseMetadata"]
        return {
            "Error": err.response["Error"],
            "Status": meta["HTTPStatusCode"],
            "Headers": meta["HTTPHeaders"],
        }
    meta = out.pop("ResponseMetadata")
    out["Status"], out["Headers"] = meta["HTTPStatusCode"], meta["HTTPHeaders"]
    return out


def error(code: str, message: str | None = None, status: int = 400, **extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"Code": code, **extra}
    if message is not None:
        fields["Message"] = message
    return {"Error": fields, "Status": status}


def bucket(s3: S3, name: str = "verified", *, versioned: bool = False) -> str:
    s3().create_bucket(Bucket=name)
    if versioned:
        s3().put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


def tags(*pairs: tuple[str, str]) -> dict[str, Any]:
    return {"TagSet": [{"Key": k, "Value": v} for k, v in pairs]}


@dataclass(frozen=True)
class Row:
    name: str
    run: Callable[..., Any]  # called with the S3 clients
    expect: Any


ROWS: list[Row] = []


def row(name: str, expect: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def add(run: Callable[..., Any]) -> Callable[..., Any]:
        ROWS.append(Row(name, run, expect))
        return run

    return add


# -- CreateBucket's location constraint ------------------------------------------------------
# moto test_s3.py::test_create_bucket_with_wrong_location_constraint
for _where in ("us-east-1", "us-east-2", "eu-central-1", "us-gov-east-2"):
    row(
        f"create-from-us-west-2-for-{_where}",
        error("IllegalLocationConstraintException", f"The {_where} {ELSEWHERE}"),
    )(
        lambda s3, where=_where: answer(
            s3("us-west-2").create_bucket,
            Bucket="elsewhere",
            CreateBucketConfiguration={"LocationConstraint": where},
        )
    )
row("create-in-its-own-region", {"Status": 200})(
    lambda s3: answer(
        s3("us-west-2").create_bucket,
        Bucket="here",
        CreateBucketConfiguration={"LocationConstraint": "us-west-2"},
    )
)


# moto test_s3.py::test_create_bucket_in_regions_from_us_east_1
def _from_us_east_1(s3: S3, where: str) -> Any:
    s3().create_bucket(Bucket="far", CreateBucketConfiguration={"LocationConstraint": where})
    return answer(s3().get_bucket_location, Bucket="far")


for _where in ("us-east-2", "eu-central-1"):
    row(f"create-from-us-east-1-in-{_where}", {"LocationConstraint": _where})(
        lambda s3, where=_where: _from_us_east_1(s3, where)
    )

# moto test_s3.py::test_bucket_create_force_us_east_1
row(
    "create-us-east-1-named",
    error("InvalidLocationConstraint", "The specified location-constraint is not valid"),
)(
    lambda s3: answer(
        s3(validate=False).create_bucket,
        Bucket="named",
        CreateBucketConfiguration={"LocationConstraint": "us-east-1"},
    )
)

# moto test_s3.py::test_bucket_create_empty_location_constraint_non_standard_region_should_
# return_error and ..._standard_region_should_pass
_UNSPECIFIED: list[dict[str, Any]] = [{}, {"CreateBucketConfiguration": {}}]
_UNSPECIFIED.append({"CreateBucketConfiguration": {"LocationConstraint": None}})
for _i, _config in enumerate(_UNSPECIFIED):
    row(
        f"create-unspecified-in-us-east-2-{_i}",
        error("IllegalLocationConstraintException", f"The unspecified {ELSEWHERE}"),
    )(
        lambda s3, c=_config: answer(
            s3("us-east-2", validate=False).create_bucket, Bucket="b-x", **c
        )
    )
    row(f"create-unspecified-in-us-east-1-{_i}", {"Status": 200})(
        lambda s3, c=_config: answer(s3(validate=False).create_bucket, Bucket="b-x", **c)
    )


# -- HeadObject / GetObject ------------------------------------------------------------------
def _ten(s3: S3) -> str:
    s3().put_object(Bucket=bucket(s3), Key="hello.txt", Body=b"x" * 10)
    return "verified"


def _head(s3: S3, **params: Any) -> Any:
    return answer(s3().head_object, Bucket=_ten(s3), Key="hello.txt", **params)


def _get(s3: S3, **params: Any) -> Any:
    out = answer(s3().get_object, Bucket=_ten(s3), Key="hello.txt", **params)
    if "Body" in out:
        out["Body"] = out["Body"].read()
    return out


# moto test_s3.py::test_head_object and ::test_get_object
_WHOLE = {"Status": 200, "ContentLength": 10, "AcceptRanges": "bytes"}
row("head-whole", {**_WHOLE, "ContentRange": ABSENT})(_head)
row("get-whole", {**_WHOLE, "ContentRange": ABSENT})(_get)
_PART_ONE = {"Status": 206, "ContentLength": 10, "AcceptRanges": "bytes"}
row("head-part-1-of-single-part", {**_PART_ONE, "ContentRange": "bytes 0-9/10"})(
    lambda s3: _head(s3, PartNumber=1)
)
row("get-part-1-of-single-part", {**_PART_ONE, "ContentRange": "bytes 0-9/10"})(
    lambda s3: _get(s3, PartNumber=1)
)
row("head-part-2-of-single-part", error("416", "Requested Range Not Satisfiable", 416))(
    lambda s3: _head(s3, PartNumber=2)
)
row("head-missing", error("404", "Not Found", 404))(
    lambda s3: answer(s3().head_object, Bucket=bucket(s3), Key="hello_bad.txt")
)
row("get-missing", error("NoSuchKey", "The specified key does not exist.", 404))(
    lambda s3: answer(s3().get_object, Bucket=bucket(s3), Key="hello2.txt")
)


# moto test_s3.py::test_head_object_with_range_header
def _head_range(s3: S3, text: str) -> Any:
    s3().put_object(Bucket=bucket(s3), Key="f1", Body=b"f1")
    out = answer(s3().head_object, Bucket="verified", Key="f1", Range=f"bytes={text}")
    headers = out["Headers"]
    return {
        "Status": out["Status"],
        "content-range": headers.get("content-range", ABSENT),
        "content-length": headers.get("content-length"),
    }


for _text, _range, _length in [
    ("0-9", "bytes 0-1/2", "2"),
    ("0-", "bytes 0-1/2", "2"),
    ("-1", "bytes 1-1/2", "1"),
    ("1-1", "bytes 1-1/2", "1"),
    ("1-0", ABSENT, "2"),
]:
    _status = 200 if _range is ABSENT else 206
    row(
        f"head-range-{_text}",
        {"Status": _status, "content-range": _range, "content-length": _length},
    )(lambda s3, t=_text: _head_range(s3, t))
for _text in ("5-9", "100-"):
    row(f"head-range-{_text}", {"Status": 416})(lambda s3, t=_text: _head_range(s3, t))


# LocalStack test_s3_api.py::TestS3ObjectCRUD::test_get_object_range
def _get_range(s3: S3, text: str) -> Any:
    s3().put_object(Bucket=bucket(s3), Key="o", Body=b"0123456789")
    out = answer(s3().get_object, Bucket="verified", Key="o", Range=text)
    if "Body" in out:
        out["Body"] = out["Body"].read()
    out.setdefault("ContentRange", ABSENT)
    return out


for _text, _body, _range in [
    ("bytes=0-8", b"012345678", "bytes 0-8/10"),
    ("bytes=1-1", b"1", "bytes 1-1/10"),
    ("bytes=1-0", b"0123456789", None),
    ("bytes=1-", b"123456789", "bytes 1-9/10"),
    ("bytes=-1-", b"0123456789", None),
    ("bytes=-2", b"89", "bytes 8-9/10"),
    ("bytes=-9", b"123456789", "bytes 1-9/10"),
    ("bytes=-15", b"0123456789", "bytes 0-9/10"),
    ("bytes=0-100", b"0123456789", "bytes 0-9/10"),
    ("bytes=0-0", b"0", "bytes 0-0/10"),
    ("bytes=0--1", b"0123456789", None),
    ("bytes=0-1,3-4,7-9", b"0123456789", None),
    ("0-8", b"0123456789", None),
    ("bytes=-", b"0123456789", None),
]:
    _expect = {"Body": _body, "ContentLength": len(_body)}
    _expect.update(
        {"Status": 200, "ContentRange": ABSENT}
        if _range is None
        else {"Status": 206, "ContentRange": _range}
    )
    row(f"get-range-{_text}", _expect)(lambda s3, t=_text: _get_range(s3, t))
for _text in ("bytes=-0", "bytes=100-200"):
    row(
        f"get-range-{_text}",
        error(
            "InvalidRange",
            "The requested range is not satisfiable",
            416,
            ActualObjectSize="10",
            RangeRequested=_text,
        ),
    )(lambda s3, t=_text: _get_range(s3, t))


# moto test_s3_content_encoding.py::test_content_encoding_is_returned
def _encoded(s3: S3, encoding: str | None) -> Any:
    extra = {"ContentType": "application/octet-stream", "ACL": "bucket-owner-full-control"}
    if encoding:
        extra["ContentEncoding"] = encoding
    s3().upload_fileobj(io.BytesIO(b"\x01" * 1024), bucket(s3), "some.file", ExtraArgs=extra)
    return answer(s3().get_object, Bucket="verified", Key="some.file")


for _encoding in (None, "gzip", "unknown"):
    row(f"content-encoding-{_encoding}", {"ContentEncoding": _encoding or ABSENT})(
        lambda s3, e=_encoding: _encoded(s3, e)
    )


# moto test_s3_presigned_url.py::test_presigned_url_generates_content_response_headers
def _overrides(s3: S3) -> Any:
    s3().put_object(Bucket=bucket(s3), Key="file.txt", Body=b"ABCD")
    out = answer(
        s3().get_object,
        Bucket="verified",
        Key="file.txt",
        ResponseCacheControl="max-age=74",
        ResponseContentDisposition='attachment; filename="foo.jpg"',
        ResponseContentEncoding="identity",
        ResponseContentLanguage="de-DE",
        ResponseContentType="image/jpeg",
        ResponseExpires="Wed, 21 Oct 2015 07:28:00 GMT",
    )
    names = ["cache-control", "content-disposition", "content-encoding", "content-language"]
    names += ["content-type", "content-length", "expires"]
    return {name: out["Headers"].get(name) for name in names}


row(
    "response-header-overrides",
    {
        "cache-control": "max-age=74",
        "content-disposition": 'attachment; filename="foo.jpg"',
        "content-encoding": "identity",
        "content-language": "de-DE",
        "content-type": "image/jpeg",
        "content-length": "4",
        "expires": "Wed, 21 Oct 2015 07:28:00 GMT",
    },
)(_overrides)


# moto test_s3_response_headers.py::test_header_content_type
def _content_types(s3: S3) -> Any:
    name = bucket(s3)
    calls = {
        "ListBuckets": answer(s3().list_buckets),
        "ListObjectVersions": answer(s3().list_object_versions, Bucket=name),
        "HeadBucket": answer(s3().head_bucket, Bucket=name),
        "PutObject": answer(s3().put_object, Bucket=name, Key="key", Body=b"data"),
        "GetObject": answer(s3().get_object, Bucket=name, Key="key"),
    }
    return {op: out["Headers"].get("content-type") for op, out in calls.items()}


row(
    "content-types",
    {
        "ListBuckets": "application/xml",
        "ListObjectVersions": "application/xml",
        "HeadBucket": "application/xml",
        "PutObject": None,
        "GetObject": "binary/octet-stream",
    },
)(_content_types)


# -- conditional writes (moto test_s3_conditionals.py) ---------------------------------------
def _put_twice_if_none_match(s3: S3, versioned: bool) -> Any:
    name = bucket(s3, versioned=versioned)
    s3().put_object(Bucket=name, Key="test_object", Body=b"test", IfNoneMatch="*")
    return answer(s3().put_object, Bucket=name, Key="test_object", Body=b"x", IfNoneMatch="*")


_INM = error("PreconditionFailed", NOT_HOLD, 412, Condition="If-None-Match")
_IM = error("PreconditionFailed", NOT_HOLD, 412, Condition="If-Match")
# ::test_put_object_if_none_match
row("put-if-none-match-versioned", _INM)(lambda s3: _put_twice_if_none_match(s3, True))
row("put-if-none-match-unversioned", _INM)(lambda s3: _put_twice_if_none_match(s3, False))


def _put_if_match(s3: S3, how: str) -> Any:
    name = bucket(s3)
    etag = s3().put_object(Bucket=name, Key="test_key", Body=b"test")["ETag"]
    match = {"wrong": "test", "quoted": etag, "bare": etag.strip('"'), "half": etag[1:]}
    return answer(s3().put_object, Bucket=name, Key="test_key", Body=b"t2", IfMatch=match[how])


# ::test_put_object_if_match
row("put-if-match-wrong", _IM)(lambda s3: _put_if_match(s3, "wrong"))
for _how in ("quoted", "bare", "half"):
    row(f"put-if-match-{_how}", {"Status": 200})(lambda s3, h=_how: _put_if_match(s3, h))
row("put-if-match-unknown-key", error("NoSuchKey", status=404))(
    lambda s3: answer(s3().put_object, Bucket=bucket(s3), Key="unknown", Body=b"t", IfMatch="test")
)


# ::test_multipart_upload__if_none_match__put_object and ..__another_multipart
def _complete_if_none_match(s3: S3, first: str) -> Any:
    name = bucket(s3)
    if first == "put":
        s3().put_object(Bucket=name, Key="key.txt")
    else:
        _upload(s3, name, None)
    return _upload(s3, name, "*")


def _upload(s3: S3, name: str, if_none_match: str | None) -> Any:
    upload = s3().create_multipart_upload(Bucket=name, Key="key.txt")["UploadId"]
    where = {"Bucket": name, "Key": "key.txt", "UploadId": upload}
    etag = s3().upload_part(Body=io.BytesIO(b"0" * 1024), PartNumber=1, **where)["ETag"]
    extra = {} if if_none_match is None else {"IfNoneMatch": if_none_match}
    parts = {"Parts": [{"ETag": etag, "PartNumber": 1}]}
    return answer(s3().complete_multipart_upload, MultipartUpload=parts, **where, **extra)


row("complete-if-none-match-over-put", _INM)(lambda s3: _complete_if_none_match(s3, "put"))
row("complete-if-none-match-over-upload", _INM)(lambda s3: _complete_if_none_match(s3, "upload"))
row("complete-if-none-match-free", {"Status": 200})(lambda s3: _upload(s3, bucket(s3), "*"))


# -- deletes ----------------------------------------------------------------------------------
# moto test_s3.py::test_delete_missing_key
def _delete_missing(s3: S3) -> Any:
    name = bucket(s3)
    for key in ("key1", "key2", "key3", "key4"):
        s3().put_object(Bucket=name, Key=key, Body=b"some value")
    keys = ("unknown", "key1", "key3", "typo")
    out = answer(s3().delete_objects, Bucket=name, Delete={"Objects": [{"Key": k} for k in keys]})
    left = s3().list_objects_v2(Bucket=name)["Contents"]
    return {
        "Deleted": out["Deleted"],
        "Errors": out.get("Errors", ABSENT),
        "left": [o["Key"] for o in left],
    }


row(
    "delete-objects-missing-keys",
    {
        "Deleted": [{"Key": "unknown"}, {"Key": "key1"}, {"Key": "key3"}, {"Key": "typo"}],
        "Errors": ABSENT,
        "left": ["key2", "key4"],
    },
)(_delete_missing)


# moto test_s3.py::test_delete_objects_percent_encoded
def _percent(s3: S3) -> Any:
    name = bucket(s3)
    keys = ("a%2Fb", "a/%F0%9F%98%80")
    for key in keys:
        s3().put_object(Bucket=name, Key=key, Body=b"percent")
    listed = [o["Key"] for o in s3().list_objects(Bucket=name)["Contents"]]
    out = s3().delete_objects(Bucket=name, Delete={"Objects": [{"Key": k} for k in keys]})
    return {
        "listed": listed,
        "Deleted": out["Deleted"],
        "after": s3().list_objects(Bucket=name).get("Contents", ABSENT),
    }


row(
    "delete-objects-percent-encoded",
    {
        "listed": ["a%2Fb", "a/%F0%9F%98%80"],
        "Deleted": [{"Key": "a%2Fb"}, {"Key": "a/%F0%9F%98%80"}],
        "after": ABSENT,
    },
)(_percent)


# moto test_s3.py::test_delete_objects_for_specific_version_id
def _delete_version_then_key(s3: S3) -> Any:
    name = bucket(s3, versioned=True)
    s3().put_object(Bucket=name, Key="test1", Body=b"test1a")
    latest = s3().put_object(Bucket=name, Key="test1", Body=b"test1b")["VersionId"]
    one = s3().delete_objects(
        Bucket=name, Delete={"Objects": [{"Key": "test1", "VersionId": latest}]}
    )
    left = len(s3().list_objects_v2(Bucket=name)["Contents"])
    two = s3().delete_objects(Bucket=name, Delete={"Objects": [{"Key": "test1"}]})["Deleted"][0]
    return {
        "version": one["Deleted"] == [{"Key": "test1", "VersionId": latest}],
        "left": left,
        "marker": (two["Key"], two["DeleteMarker"], bool(two["DeleteMarkerVersionId"])),
    }


row(
    "delete-objects-version-then-key", {"version": True, "left": 1, "marker": ("test1", True, True)}
)(_delete_version_then_key)


# moto test_s3.py::test_delete_versioned_bucket_returns_metadata
def _marker_reads(s3: S3) -> Any:
    name = bucket(s3, versioned=True)
    s3().put_object(Bucket=name, Key="test1", Body=b"test1")
    marker = s3().delete_object(Bucket=name, Key="test1")
    by_id = answer(s3().head_object, Bucket=name, Key="test1", VersionId=marker["VersionId"])
    plain = answer(s3().head_object, Bucket=name, Key="test1")
    return {
        "marker": marker["DeleteMarker"],
        "by-id": (
            by_id["Error"],
            by_id["Status"],
            by_id["Headers"].get("x-amz-delete-marker"),
            by_id["Headers"].get("allow"),
        ),
        "plain": (
            plain["Error"],
            plain["Status"],
            plain["Headers"].get("x-amz-version-id") == marker["VersionId"],
        ),
    }


row(
    "head-delete-marker",
    {
        "marker": True,
        "by-id": ({"Code": "405", "Message": "Method Not Allowed"}, 405, "true", "DELETE"),
        "plain": ({"Code": "404", "Message": "Not Found"}, 404, True),
    },
)(_marker_reads)


def _delete_marker_and_version(s3: S3) -> Any:
    name = bucket(s3, versioned=True)
    version = s3().put_object(Bucket=name, Key="test1", Body=b"test1")["VersionId"]
    marker = s3().delete_object(Bucket=name, Key="test1")["VersionId"]
    gone_marker = answer(s3().delete_object, Bucket=name, Key="test1", VersionId=marker)
    gone_version = answer(s3().delete_object, Bucket=name, Key="test1", VersionId=version)
    return {
        "marker": (gone_marker["DeleteMarker"], gone_marker["VersionId"] == marker),
        "version": (gone_version.get("DeleteMarker", ABSENT), gone_version["VersionId"] == version),
    }


row("delete-marker-then-version", {"marker": (True, True), "version": (ABSENT, True)})(
    _delete_marker_and_version
)


# LocalStack test_s3_api.py::TestS3BucketCRUD::test_delete_bucket_with_objects and
# ::test_delete_versioned_bucket_with_objects
def _delete_full_bucket(s3: S3, versioned: bool) -> Any:
    name = bucket(s3, versioned=versioned)
    s3().put_object(Bucket=name, Key="test-delete", Body=b"test-delete")
    return answer(s3().delete_bucket, Bucket=name)


_NOT_EMPTY = "The bucket you tried to delete is not empty"
row("delete-full-bucket", error("BucketNotEmpty", _NOT_EMPTY, 409, BucketName="verified"))(
    lambda s3: _delete_full_bucket(s3, False)
)
row(
    "delete-full-versioned-bucket",
    error(
        "BucketNotEmpty",
        _NOT_EMPTY + ". You must delete all versions in the bucket.",
        409,
        BucketName="verified",
    ),
)(lambda s3: _delete_full_bucket(s3, True))


# LocalStack test_s3_api.py::TestS3ObjectCRUD::test_delete_object,
# ::test_get_object_with_version_unversioned_bucket, ::test_delete_objects
def _unversioned_id(s3: S3, op: str) -> Any:
    name = bucket(s3)
    s3().put_object(Bucket=name, Key="test-delete", Body=b"test-delete")
    if op == "DeleteObjects":
        objects = [{"Key": "test-delete", "VersionId": FAKE_VERSION}]
        return answer(s3().delete_objects, Bucket=name, Delete={"Objects": objects})
    call = s3().get_object if op == "GetObject" else s3().delete_object
    return answer(call, Bucket=name, Key="test-delete", VersionId=FAKE_VERSION)


_INVALID_ID = error(
    "InvalidArgument",
    "Invalid version id specified",
    ArgumentName="versionId",
    ArgumentValue=FAKE_VERSION,
)
row("unversioned-get-by-id", _INVALID_ID)(lambda s3: _unversioned_id(s3, "GetObject"))
row("unversioned-delete-by-id", _INVALID_ID)(lambda s3: _unversioned_id(s3, "DeleteObject"))
_NO_SUCH_VERSION = {
    "Code": "NoSuchVersion",
    "Key": "test-delete",
    "Message": "The specified version does not exist.",
    "VersionId": FAKE_VERSION,
}
row("unversioned-delete-objects-by-id", {"Errors": [_NO_SUCH_VERSION], "Deleted": ABSENT})(
    lambda s3: _unversioned_id(s3, "DeleteObjects")
)
row("unversioned-get-null", {"Status": 200, "ContentLength": 11})(
    lambda s3: answer(
        s3().get_object, Bucket=_put_test_delete(s3), Key="test-delete", VersionId="null"
    )
)


def _put_test_delete(s3: S3) -> str:
    s3().put_object(Bucket=bucket(s3), Key="test-delete", Body=b"test-delete")
    return "verified"


# LocalStack test_s3_api.py::TestS3ObjectCRUD::test_delete_object_versioned
def _versioned_ids(s3: S3) -> Any:
    name = bucket(s3, versioned=True)
    version = s3().put_object(Bucket=name, Key="test-delete", Body=b"test-delete")["VersionId"]
    s3().delete_object(Bucket=name, Key="test-delete", VersionId=version)
    made_up = version[:-4] + "ABCD"
    return {
        "gone": answer(s3().get_object, Bucket=name, Key="test-delete", VersionId=version)["Error"],
        "made-up": answer(s3().delete_object, Bucket=name, Key="test-delete", VersionId=made_up)[
            "Error"
        ]["Code"],
        "wrong-key": answer(s3().delete_object, Bucket=name, Key="wrong-key")["DeleteMarker"],
    }


def _gone_error(s3: S3) -> Any:
    out = _versioned_ids(s3)
    out["gone"] = {k: v for k, v in out["gone"].items() if k != "VersionId"}
    return out


row(
    "versioned-ids",
    {
        "gone": {
            "Code": "NoSuchVersion",
            "Key": "test-delete",
            "Message": "The specified version does not exist.",
        },
        "made-up": "InvalidArgument",
        "wrong-key": True,
    },
)(_gone_error)


# LocalStack test_s3_api.py::TestS3ObjectCRUD::test_delete_objects_versioned
def _delete_objects_versioned(s3: S3) -> Any:
    name = bucket(s3, versioned=True)
    s3().put_object(Bucket=name, Key="test-delete", Body=b"test-delete")
    first = s3().delete_objects(Bucket=name, Delete={"Objects": [{"Key": "test-delete"}]})
    marker = first["Deleted"][0]["DeleteMarkerVersionId"]
    objects = [{"Key": "test-delete", "VersionId": marker}]
    removed = s3().delete_objects(Bucket=name, Delete={"Objects": objects})["Deleted"]
    objects = [{"Key": k, "VersionId": FAKE_VERSION} for k in ("test-delete", "wrong-key-2")]
    wrong = s3().delete_objects(Bucket=name, Delete={"Objects": objects})
    return {
        "removed": removed
        == [
            {
                "Key": "test-delete",
                "VersionId": marker,
                "DeleteMarker": True,
                "DeleteMarkerVersionId": marker,
            }
        ],
        "wrong": sorted((e["Key"], e["Code"], e["VersionId"]) for e in wrong["Errors"]),
        "wrong-deleted": wrong.get("Deleted", ABSENT),
    }


row(
    "delete-objects-versioned",
    {
        "removed": True,
        "wrong": [
            ("test-delete", "NoSuchVersion", FAKE_VERSION),
            ("wrong-key-2", "NoSuchVersion", FAKE_VERSION),
        ],
        "wrong-deleted": ABSENT,
    },
)(_delete_objects_versioned)

# LocalStack test_s3_api.py::TestS3ObjectLock::test_delete_object_with_no_locking
for _bypass in (True, False):
    row(
        f"delete-object-bypass-{_bypass}",
        error("InvalidArgument", BYPASS, ArgumentName="x-amz-bypass-governance-retention"),
    )(
        lambda s3, b=_bypass: answer(
            s3().delete_object,
            Bucket=_put_test_delete(s3),
            Key="test-delete",
            BypassGovernanceRetention=b,
        )
    )
row(
    "delete-objects-bypass",
    error("InvalidArgument", BYPASS, ArgumentName="x-amz-bypass-governance-retention"),
)(
    lambda s3: answer(
        s3().delete_objects,
        Bucket=_put_test_delete(s3),
        Delete={"Objects": [{"Key": "test-delete"}]},
        BypassGovernanceRetention=True,
    )
)
row("delete-object-no-bypass", {"Status": 204})(
    lambda s3: answer(s3().delete_object, Bucket=_put_test_delete(s3), Key="test-delete")
)


# moto test_s3.py::test_delete_bucket_cors
def _delete_cors(s3: S3) -> Any:
    name = bucket(s3)
    rules = {"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]}
    s3().put_bucket_cors(Bucket=name, CORSConfiguration=rules)
    return {
        "delete": answer(s3().delete_bucket_cors, Bucket=name)["Status"],
        "get": answer(s3().get_bucket_cors, Bucket=name)["Error"]["Message"],
    }


row("delete-bucket-cors", {"delete": 204, "get": "The CORS configuration does not exist"})(
    _delete_cors
)


# -- versioning (LocalStack test_s3_api.py::TestS3BucketVersioning::test_bucket_versioning_crud)
def _versioning(s3: S3, config: dict[str, Any]) -> Any:
    return answer(s3().put_bucket_versioning, Bucket=bucket(s3), VersioningConfiguration=config)


row(
    "versioning-empty",
    error("IllegalVersioningConfigurationException", "The Versioning element must be specified"),
)(lambda s3: _versioning(s3, {}))
for _word in ("enabled", "Disabled"):
    row(f"versioning-{_word}", error("MalformedXML", MALFORMED))(
        lambda s3, s=_word: _versioning(s3, {"Status": s})
    )
for _word in ("Enabled", "Suspended"):
    row(f"versioning-{_word}", {"Status": 200})(lambda s3, s=_word: _versioning(s3, {"Status": s}))


# -- listings ---------------------------------------------------------------------------------
# moto test_s3_list_objects.py::test_s3_filter_with_manual_marker
def _manual_marker(s3: S3) -> Any:
    name = bucket(s3)
    for i in range(17):
        s3().put_object(Bucket=name, Key=f"key_{i:02d}", Body=b"hello")
    pages: list[list[str]] = []
    marker = ""
    while True:
        keys = [
            o["Key"] for o in s3().list_objects(Bucket=name, Marker=marker).get("Contents", [])
        ][:5]
        if not keys:
            return pages
        pages.append(keys)
        marker = keys[-1]


row(
    "list-objects-manual-marker",
    [
        ["key_00", "key_01", "key_02", "key_03", "key_04"],
        ["key_05", "key_06", "key_07", "key_08", "key_09"],
        ["key_10", "key_11", "key_12", "key_13", "key_14"],
        ["key_15", "key_16"],
    ],
)(_manual_marker)


def _with_and_without(s3: S3) -> str:
    name = bucket(s3, versioned=True)
    for index in [*range(1, 5), *range(10, 14)]:
        for version in range(1, 4):
            s3().put_object(
                Bucket=name, Key=f"key{index}-with-data", Body=f"data-{version}".encode()
            )
            s3().put_object(Bucket=name, Key=f"key{index}-without-data", Body=b"")
    return name


def _versions(s3: S3, **params: Any) -> Any:
    out = s3().list_object_versions(Bucket=_with_and_without(s3), **params)
    return {
        "prefixes": [p["Prefix"] for p in out.get("CommonPrefixes", [])],
        "versions": len(out.get("Versions", [])),
        "truncated": out["IsTruncated"],
        "next": out.get("NextKeyMarker", ABSENT),
    }


# moto test_s3_list_object_versions.py::test_list_object_versions_with_delimiter
_WITH = ["key1-with-", "key10-with-", "key11-with-", "key12-with-", "key13-with-"]
_LISTINGS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({}, {"prefixes": [], "versions": 48}),
    ({"Delimiter": "key1"}, {"prefixes": ["key1"], "versions": 18}),
    (
        {"Delimiter": "-with-"},
        {"prefixes": [*_WITH, "key2-with-", "key3-with-", "key4-with-"], "versions": 24},
    ),
    ({"Delimiter": "1-with-"}, {"prefixes": ["key1-with-", "key11-with-"], "versions": 42}),
    ({"Prefix": "key1", "Delimiter": "with-"}, {"prefixes": _WITH, "versions": 15, "next": ABSENT}),
    (
        {"Prefix": "key1", "Delimiter": "with-", "KeyMarker": "key11"},
        {"prefixes": _WITH[2:], "versions": 9, "next": ABSENT},
    ),
    ({"Prefix": "key1-with-data", "Delimiter": "-"}, {"prefixes": [], "versions": 3}),
    # ::test_list_object_versions_with_paging_and_delimiter
    (
        {"Prefix": "key1", "Delimiter": "with-", "KeyMarker": "key11", "MaxKeys": 5},
        {
            "prefixes": ["key11-with-", "key12-with-"],
            "versions": 3,
            "truncated": True,
            "next": "key12-with-",
        },
    ),
    (
        {"Prefix": "key1", "Delimiter": "with-", "KeyMarker": "key12-with-", "MaxKeys": 5},
        {
            "prefixes": ["key13-with-"],
            "versions": 4,
            "truncated": True,
            "next": "key13-without-data",
        },
    ),
]
for _params, _expect in _LISTINGS:
    row(f"list-versions-{sorted(_params.items())}", _expect)(
        lambda s3, p=_params: _versions(s3, **p)
    )


# moto test_s3_list_object_versions.py::test_list_object_versions_with_paging
def _paging(s3: S3) -> Any:
    name = bucket(s3, versioned=True)
    ids = [s3().put_object(Bucket=name, Key="obj1", Body=b"v")["VersionId"] for _ in range(3)]
    one = s3().list_object_versions(Bucket=name, MaxKeys=2)
    two = s3().list_object_versions(
        Bucket=name,
        MaxKeys=2,
        KeyMarker=one["NextKeyMarker"],
        VersionIdMarker=one["NextVersionIdMarker"],
    )
    return {
        "one": (
            [v["VersionId"] for v in one["Versions"]] == ids[:0:-1],
            one["IsTruncated"],
            one["NextKeyMarker"],
            one["NextVersionIdMarker"] == ids[1],
        ),
        "two": (
            [v["VersionId"] for v in two["Versions"]] == ids[:1],
            two["IsTruncated"],
            "NextKeyMarker" in two,
        ),
    }


row("list-versions-paging", {"one": (True, True, "obj1", True), "two": (True, False, False)})(
    _paging
)


# moto test_s3_list_object_versions.py::test_list_object_versions_with_paging_and_delete_markers
def _paging_markers(s3: S3) -> Any:
    name = bucket(s3, versioned=True)
    v1 = s3().put_object(Bucket=name, Key="obj1", Body=b"v")["VersionId"]
    v2 = s3().put_object(Bucket=name, Key="obj2", Body=b"v")["VersionId"]
    m1, m2, m3 = (s3().delete_object(Bucket=name, Key="obj1")["VersionId"] for _ in range(3))
    m4 = s3().delete_object(Bucket=name, Key="obj2")["VersionId"]
    pages: list[tuple[list[str], list[str], bool]] = []
    params: dict[str, Any] = {}
    for _ in range(3):
        out = s3().list_object_versions(Bucket=name, MaxKeys=2, **params)
        pages.append(
            (
                [v["VersionId"] for v in out.get("Versions", [])],
                [m["VersionId"] for m in out.get("DeleteMarkers", [])],
                out["IsTruncated"],
            )
        )
        if out["IsTruncated"]:
            params = {
                "KeyMarker": out["NextKeyMarker"],
                "VersionIdMarker": out["NextVersionIdMarker"],
            }
    return pages == [([], [m3, m2], True), ([v1], [m1], True), ([v2], [m4], False)]


row("list-versions-paging-markers", True)(_paging_markers)


# moto test_s3_list_object_versions.py::test_list_object_versions__sort_order
def _sort_order(s3: S3) -> Any:
    name = bucket(s3, versioned=True)
    b1 = s3().put_object(Bucket=name, Key="bbb", Body=b"v")["VersionId"]
    bd = s3().delete_object(Bucket=name, Key="bbb")["VersionId"]
    a1 = s3().put_object(Bucket=name, Key="aaa", Body=b"v")["VersionId"]
    s3().put_object(Bucket=name, Key="zzz", Body=b"v")
    b2 = s3().put_object(Bucket=name, Key="bbb", Body=b"v2")["VersionId"]
    seen = []
    for most in (1, 2, 3, 4):
        out = s3().list_object_versions(Bucket=name, MaxKeys=most)
        seen.append(
            (
                [v["VersionId"] for v in out.get("Versions", [])],
                [m["VersionId"] for m in out.get("DeleteMarkers", [])],
            )
        )
    return seen == [([a1], []), ([a1, b2], []), ([a1, b2], [bd]), ([a1, b2, b1], [bd])]


row("list-versions-sort-order", True)(_sort_order)


# -- tags -------------------------------------------------------------------------------------
def _object(s3: S3) -> str:
    s3().put_object(Bucket=bucket(s3), Key="key-with-tags", Body=b"test")
    return "verified"


# moto test_s3_tagging.py::test_put_object_with_tagging
row(
    "put-object-aws-tag",
    error("InvalidTag", "Your TagKey cannot be prefixed with aws:", TagKey="aws:foo"),
)(
    lambda s3: answer(
        s3().put_object, Bucket=bucket(s3), Key="k", Body=b"test", Tagging="aws:foo=bar"
    )
)


def _tag_count(s3: S3) -> Any:
    s3().put_object(Bucket=bucket(s3), Key="k", Body=b"test", Tagging="foo=bar")
    return answer(s3().get_object, Bucket="verified", Key="k")


row("put-object-tag-count", {"TagCount": 1})(_tag_count)

# moto test_s3_tagging.py::test_put_bucket_tagging; LocalStack ::test_tagging_validation
for _name, _set, _expect in [
    ("one", tags(("TagOne", "ValueOne")), {"Status": 204}),
    (
        "three",
        tags(("TagOne", "ValueOne"), ("TagTwo", "ValueTwo"), ("TagThree", "")),
        {"Status": 204},
    ),
    ("colon-aws", tags(("something:aws:stuff", "this is fine")), {"Status": 204}),
    (
        "duplicate",
        tags(("TagOne", "ValueOne"), ("TagOne", "ValueOneAgain")),
        error("InvalidTag", "Cannot provide multiple Tags with the same key", TagKey="TagOne"),
    ),
    (
        "aws-prefix",
        tags(("aws:prefixed", "nope")),
        error(
            "InvalidTag", "System tags cannot be added/updated by requester", TagKey="aws:prefixed"
        ),
    ),
    (
        "invalid-key",
        tags(("Key1,Key2", "v")),
        error("InvalidTag", "The TagKey you have provided is invalid", TagKey="Key1,Key2"),
    ),
    (
        "invalid-value",
        tags(("Key1", "Val1,Val2")),
        error(
            "InvalidTag",
            "The TagValue you have provided is invalid",
            TagKey="Key1",
            TagValue="Val1,Val2",
        ),
    ),
]:
    row(f"put-bucket-tagging-{_name}", _expect)(
        lambda s3, t=_set: answer(s3().put_bucket_tagging, Bucket=bucket(s3), Tagging=t)
    )


# moto test_s3_tagging.py::test_get_bucket_tagging
def _emptied_tags(s3: S3) -> Any:
    name = bucket(s3)
    s3().put_bucket_tagging(Bucket=name, Tagging=tags(("TagOne", "ValueOne")))
    s3().put_bucket_tagging(Bucket=name, Tagging={"TagSet": []})
    return answer(s3().get_bucket_tagging, Bucket=name)


row("get-bucket-tagging-emptied", error("NoSuchTagSet", "The TagSet does not exist", 404))(
    _emptied_tags
)

# moto test_s3_tagging.py::test_put_object_tagging; LocalStack ::test_tagging_validation
for _name, _set, _expect in [
    ("three", tags(("item1", "foo"), ("item2", "bar"), ("item3", "")), {"Status": 200}),
    ("ten", tags(*((f"tag{i}", "x") for i in range(10))), {"Status": 200}),
    (
        "eleven",
        tags(*((f"tag{i}", "too_many") for i in range(11))),
        error("BadRequest", "Object tags cannot be greater than 10"),
    ),
    (
        "aws-prefix",
        tags(("aws:prefixed", "foo")),
        error("InvalidTag", "Your TagKey cannot be prefixed with aws:", TagKey="aws:prefixed"),
    ),
    (
        "duplicate",
        tags(("Key1", "a"), ("Key1", "b")),
        error("InvalidTag", "Cannot provide multiple Tags with the same key", TagKey="Key1"),
    ),
    (
        "invalid-key",
        tags(("Key1,Key2", "v")),
        error("InvalidTag", "The TagKey you have provided is invalid", TagKey="Key1,Key2"),
    ),
]:
    row(f"put-object-tagging-{_name}", _expect)(
        lambda s3, t=_set: answer(
            s3().put_object_tagging, Bucket=_object(s3), Key="key-with-tags", Tagging=t
        )
    )
row(
    "put-object-tagging-missing-key",
    error("NoSuchKey", "The specified key does not exist.", 404, Key="fake-key"),
)(
    lambda s3: answer(
        s3().put_object_tagging, Bucket=bucket(s3), Key="fake-key", Tagging=tags(("a", "b"))
    )
)

# LocalStack test_s3_api.py::TestS3BucketObjectTagging::test_object_tagging_exc
row(
    "get-object-tagging-missing-key",
    error("NoSuchKey", "The specified key does not exist.", 404, Key="verified/fake-key"),
)(lambda s3: answer(s3().get_object_tagging, Bucket=bucket(s3), Key="fake-key"))
row(
    "delete-object-tagging-missing-key",
    error("NoSuchKey", "The specified key does not exist.", 404, Key="fake-key"),
)(lambda s3: answer(s3().delete_object_tagging, Bucket=bucket(s3), Key="fake-key"))
for _header in ("key1=val1&key1=val2", "key1=val1,key2=val2"):
    row(
        f"put-object-tagging-header-{_header}",
        error("InvalidArgument", HEADER_TAGS, ArgumentName="x-amz-tagging", ArgumentValue=_header),
    )(
        lambda s3, h=_header: answer(
            s3().put_object, Bucket=bucket(s3), Key="k", Body=b"", Tagging=h
        )
    )


# LocalStack test_s3_api.py::TestS3BucketObjectTagging::test_put_object_with_tags
def _header_tags(s3: S3, header: str) -> Any:
    s3().put_object(Bucket=bucket(s3), Key="k", Body=b"", Tagging=header)
    return sorted(t["Key"] for t in s3().get_object_tagging(Bucket="verified", Key="k")["TagSet"])


for _header, _keys in [
    ("wrongquery&wrongagain", ["wrongagain", "wrongquery"]),
    ("key1&&&key2", ["key1", "key2"]),
]:
    row(f"put-object-header-tags-{_header}", _keys)(lambda s3, h=_header: _header_tags(s3, h))


# -- UploadPartCopy's range
# LocalStack test_s3_api.py::TestS3Multipart::test_upload_part_copy_range
def _part_copy(s3: S3, text: str) -> Any:
    name = bucket(s3)
    s3().put_object(Bucket=name, Key="src", Body=b"0123456789")
    upload = s3().create_multipart_upload(Bucket=name, Key="dst")["UploadId"]
    out = answer(
        s3().upload_part_copy,
        Bucket=name,
        Key="dst",
        UploadId=upload,
        PartNumber=1,
        CopySource={"Bucket": name, "Key": "src"},
        CopySourceRange=text,
    )
    return out.get("CopyPartResult", out)


for _text, _etag in [
    ("bytes=0-8", '"22975d8a5ed1b91445f6c55ac121505b"'),
    ("bytes=1-1", '"c4ca4238a0b923820dcc509a6f75849b"'),
    ("bytes=0-0", '"cfcd208495d565ef66e7dff9f98764da"'),
]:
    row(f"upload-part-copy-{_text}", {"ETag": _etag})(lambda s3, t=_text: _part_copy(s3, t))
for _text in (
    "0-8",
    "bytes=1-0",
    "bytes=-1-",
    "bytes=0--1",
    "bytes=0-1,3-4,7-9",
    "bytes=-",
    "bytes=-0",
    "bytes=1-",
    "bytes=-2",
    "bytes=-15",
):
    row(
        f"upload-part-copy-{_text}",
        error(
            "InvalidArgument", FORMAT, ArgumentName="x-amz-copy-source-range", ArgumentValue=_text
        ),
    )(lambda s3, t=_text: _part_copy(s3, t))
row(
    "upload-part-copy-bytes=0-100",
    error(
        "InvalidArgument",
        "Range specified is not valid for source object of size: 10",
        ArgumentName="x-amz-copy-source-range",
        ArgumentValue="bytes=0-100",
    ),
)(lambda s3: _part_copy(s3, "bytes=0-100"))
row(
    "upload-part-copy-bytes=100-200",
    error("InvalidRequest", "The specified copy range is invalid for the source object size"),
)(lambda s3: _part_copy(s3, "bytes=100-200"))


# -- CopyObject's source conditions -----------------------------------------------------------
# LocalStack test_s3_preconditions.py::TestS3CopySourcePreconditions (recorded 2025-11)
T0 = datetime(2025, 1, 1, tzinfo=UTC)  # the fixture's clock: objects are written at T0
DAY = timedelta(days=1)


def _copy_if(s3: S3, **conditions: Any) -> Any:
    name = bucket(s3)
    etag = s3().put_object(Bucket=name, Key="source-object", Body=b"data")["ETag"]
    s3.cloud.advance(3)  # the request comes 3 s after the write; "now" is T0 + 3 s
    given = {
        k: etag if v == "ETAG" else etag.strip('"') if v == "BARE" else v
        for k, v in conditions.items()
    }
    return answer(
        s3().copy_object,
        Bucket=name,
        CopySource=f"{name}/source-object",
        Key="dest-object",
        **given,
    )


def _failed(condition: str) -> dict[str, Any]:
    return error("PreconditionFailed", NOT_HOLD, 412, Condition=f"x-amz-copy-source-{condition}")


_NOW = T0 + timedelta(seconds=3)
_COPIES: list[tuple[str, dict[str, Any], Any]] = [
    (
        "all-wrong",
        {
            "CopySourceIfModifiedSince": _NOW,
            "CopySourceIfUnmodifiedSince": _NOW - DAY,
            "CopySourceIfMatch": "etag123",
            "CopySourceIfNoneMatch": "ETAG",
        },
        _failed("If-Match"),
    ),
    (
        "no-if-match",
        {
            "CopySourceIfModifiedSince": _NOW,
            "CopySourceIfUnmodifiedSince": _NOW - DAY,
            "CopySourceIfNoneMatch": "ETAG",
        },
        _failed("If-Unmodified-Since"),
    ),
    (
        "none-match-and-modified",
        {"CopySourceIfModifiedSince": _NOW, "CopySourceIfNoneMatch": "ETAG"},
        _failed("If-None-Match"),
    ),
    ("modified-since-now", {"CopySourceIfModifiedSince": _NOW}, _failed("If-Modified-Since")),
    ("modified-since-future", {"CopySourceIfModifiedSince": _NOW + DAY}, {"Status": 200}),
    ("none-match-bare-etag", {"CopySourceIfNoneMatch": "BARE"}, _failed("If-None-Match")),
    (
        "all-hold",
        {
            "CopySourceIfMatch": "BARE",
            "CopySourceIfNoneMatch": "etag123",
            "CopySourceIfModifiedSince": _NOW - DAY,
            "CopySourceIfUnmodifiedSince": _NOW,
        },
        {"Status": 200},
    ),
    # ::test_s3_copy_object_if_source_modified_since_versioned / ..unmodified_since..
    (
        "modified-since-last-modified",
        {"CopySourceIfModifiedSince": T0},
        _failed("If-Modified-Since"),
    ),
    (
        "modified-since-a-minute-before",
        {"CopySourceIfModifiedSince": T0 - timedelta(minutes=1)},
        {"Status": 200},
    ),
    ("unmodified-since-last-modified", {"CopySourceIfUnmodifiedSince": T0}, {"Status": 200}),
    (
        "unmodified-since-yesterday",
        {"CopySourceIfUnmodifiedSince": _NOW - DAY},
        _failed("If-Unmodified-Since"),
    ),
]
for _name, _conditions, _expect in _COPIES:
    row(f"copy-if-{_name}", _expect)(lambda s3, c=_conditions: _copy_if(s3, **c))


# -- listings (LocalStack test_s3_list_operations.py) ----------------------------------------
_PAGE = ["IsTruncated", "Marker", "NextMarker", "KeyMarker", "NextKeyMarker", "NextVersionIdMarker"]
_PAGE += ["NextUploadIdMarker", "UploadIdMarker", "PartNumberMarker", "NextPartNumberMarker"]


def _page(out: dict[str, Any], *more: str) -> dict[str, Any]:
    return {k: out.get(k, ABSENT) for k in (*_PAGE, *more)}


def _folders(s3: S3, *, versioned: bool = False) -> str:
    name = bucket(s3, versioned=versioned)
    for key in (
        "folder/aSubfolder/subFile1",
        "folder/aSubfolder/subFile2",
        "folder/file1",
        "folder/file2",
    ):
        s3().put_object(Bucket=name, Key=key, Body=b"hello world")
    return name


def _three(s3: S3) -> str:
    name = bucket(s3)
    for key in ("test_0", "test_1", "test_2"):
        s3().put_object(Bucket=name, Key=key, Body=b"hello world")
    return name


# TestS3ListObjectsV2::test_list_objects_v2_continuation_start_after
row(
    "list-v2-bad-token",
    error(
        "InvalidArgument",
        "The continuation token provided is incorrect",
        ArgumentName="continuation-token",
    ),
)(lambda s3: answer(s3().list_objects_v2, Bucket=_three(s3), ContinuationToken="fake"))
# TestS3ListObjects::test_list_objects_next_marker: NextMarker only with a delimiter
row("list-v1-max-1-delimiter", {"IsTruncated": True, "Marker": "", "NextMarker": "test_0"})(
    lambda s3: _page(answer(s3().list_objects, Bucket=_three(s3), MaxKeys=1, Delimiter="/"))
)
row("list-v1-after-marker", {"IsTruncated": True, "Marker": "test_0", "NextMarker": ABSENT})(
    lambda s3: _page(answer(s3().list_objects, Bucket=_three(s3), MaxKeys=1, Marker="test_0"))
)
# TestS3ListObjects::test_list_objects_marker_common_prefixes
for _marker, _expect in [
    ("", {"IsTruncated": True, "NextMarker": "folder/aSubfolder/"}),
    ("folder/aSubfolder/", {"IsTruncated": True, "NextMarker": "folder/file1"}),
    ("folder/aSubfolder/subFile1", {"IsTruncated": True, "NextMarker": "folder/file1"}),
    ("folder/file1", {"IsTruncated": False, "NextMarker": ABSENT}),
]:
    row(f"list-v1-folders-after-{_marker!r}", {**_expect, "Marker": _marker})(
        lambda s3, m=_marker: _page(
            answer(
                s3().list_objects,
                Bucket=_folders(s3),
                Prefix="folder/",
                Delimiter="/",
                MaxKeys=1,
                Marker=m,
            )
        )
    )
# TestS3ListObjectVersions::test_list_object_versions_pagination_common_prefixes
for _marker, _expect in [
    (
        "",
        {"IsTruncated": True, "NextKeyMarker": "folder/aSubfolder/", "NextVersionIdMarker": ABSENT},
    ),
    ("folder/aSubfolder/", {"IsTruncated": True, "NextKeyMarker": "folder/file1"}),
    (
        "folder/file1",
        {"IsTruncated": False, "NextKeyMarker": ABSENT, "NextVersionIdMarker": ABSENT},
    ),
]:
    row(f"list-versions-folders-after-{_marker!r}", {**_expect, "KeyMarker": _marker})(
        lambda s3, m=_marker: _page(
            answer(
                s3().list_object_versions,
                Bucket=_folders(s3, versioned=True),
                Prefix="folder/",
                Delimiter="/",
                MaxKeys=1,
                KeyMarker=m,
            )
        )
    )
# TestS3ListObjectVersions::test_list_objects_versions_markers
row(
    "list-versions-id-marker-alone",
    error(
        "InvalidArgument",
        "A version-id marker cannot be specified without a key marker.",
        ArgumentName="version-id-marker",
        ArgumentValue="null",
    ),
)(lambda s3: answer(s3().list_object_versions, Bucket=_three(s3), VersionIdMarker="null"))


# TestS3ListMultipartUploads::test_list_multiparts_next_marker and ..marker_common_prefixes
def _uploads(s3: S3, *keys: str) -> tuple[str, list[str]]:
    """Uploads begun a second apart (S3 lists a key's uploads by initiation)."""
    name, ids = bucket(s3), []
    for key in keys:
        ids.append(s3().create_multipart_upload(Bucket=name, Key=key)["UploadId"])
        s3.cloud.advance(1)
    return name, ids


def _list_uploads(s3: S3, keys: tuple[str, ...], **params: Any) -> Any:
    name, ids = _uploads(s3, *keys)
    out = _page(answer(s3().list_multipart_uploads, Bucket=name, **params), "Uploads", "Error")
    out["ids"] = ids
    return out


def _uploads_all(s3: S3) -> Any:
    out = _list_uploads(s3, ("key-a", "key-b"))
    return (out["IsTruncated"], out["NextKeyMarker"], out["NextUploadIdMarker"] == out["ids"][1])


row("list-uploads-none", {"IsTruncated": False, "NextKeyMarker": "", "NextUploadIdMarker": ""})(
    lambda s3: _list_uploads(s3, ())
)
row("list-uploads-all", (False, "key-b", True))(_uploads_all)
row(
    "list-uploads-only-prefixes",
    {"IsTruncated": True, "NextKeyMarker": "", "NextUploadIdMarker": "", "Uploads": ABSENT},
)(
    lambda s3: _list_uploads(
        s3,
        ("folder/aSubfolder/subFile1", "folder/file1"),
        Prefix="folder/",
        Delimiter="/",
        MaxUploads=1,
    )
)


def _wrong_upload_marker(s3: S3) -> Any:
    name, ids = _uploads(s3, "key-a", "key-b")
    out = answer(s3().list_multipart_uploads, Bucket=name, KeyMarker="key-a", UploadIdMarker=ids[1])
    return (
        out["Error"]["Code"],
        out["Error"]["Message"],
        out["Error"]["ArgumentName"],
        out["Error"]["ArgumentValue"] == ids[1],
    )


row(
    "list-uploads-other-keys-marker",
    ("InvalidArgument", "Invalid uploadId marker", "upload-id-marker", True),
)(_wrong_upload_marker)


def _same_key_marker(s3: S3) -> Any:
    name, ids = _uploads(s3, "key-a", "key-a", "key-a")
    out = s3().list_multipart_uploads(
        Bucket=name, KeyMarker="key-a", UploadIdMarker=ids[0], MaxUploads=1
    )
    return [u["UploadId"] for u in out["Uploads"]] == ids[1:2] and out["NextUploadIdMarker"] == ids[
        1
    ]


row("list-uploads-same-keys-marker", True)(_same_key_marker)


# TestS3ListParts::test_list_parts_pagination
def _parts(s3: S3, uploaded: int, **params: Any) -> Any:
    name, ids = _uploads(s3, "parted")
    for number in range(1, uploaded + 1):
        s3().upload_part(
            Bucket=name, Key="parted", UploadId=ids[0], PartNumber=number, Body=b"data"
        )
    out = answer(s3().list_parts, Bucket=name, Key="parted", UploadId=ids[0], **params)
    return _page(out, "Parts")


row(
    "list-parts-none",
    {"IsTruncated": False, "PartNumberMarker": 0, "NextPartNumberMarker": 0, "Parts": ABSENT},
)(lambda s3: _parts(s3, 0))
row("list-parts-all", {"IsTruncated": False, "NextPartNumberMarker": 2})(lambda s3: _parts(s3, 2))
row("list-parts-first", {"IsTruncated": True, "NextPartNumberMarker": 1})(
    lambda s3: _parts(s3, 2, MaxParts=1)
)
row("list-parts-next", {"IsTruncated": False, "PartNumberMarker": 1, "NextPartNumberMarker": 2})(
    lambda s3: _parts(s3, 2, MaxParts=1, PartNumberMarker=1)
)
row(
    "list-parts-past-the-end",
    {"IsTruncated": False, "PartNumberMarker": 10, "NextPartNumberMarker": 0, "Parts": ABSENT},
)(lambda s3: _parts(s3, 2, MaxParts=1, PartNumberMarker=10))


# -- CORS on the wire (LocalStack test_s3_cors.py::TestS3Cors, raw HTTP against S3) -------------
_RIGHT = "https://localhost:4200"
_VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"
_NOT_ALLOWED = (
    "CORSResponse: This CORS request is not allowed. This is usually because the evalution of "
    "Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers "
    "are not whitelisted by the resource's CORS spec."
)


def _http(
    s3: S3, method: str, headers: dict[str, str], *, name: str = "verified", rules: Any = None
) -> Any:
    """A raw request to the bucket's object ``test`` (after its setup): status, CORS headers,
    and the error's fields."""
    if name == "verified":
        s3().create_bucket(Bucket=name)
        s3().put_object(Bucket=name, Key="test", Body=b"test-cors")
        if rules is not None:
            s3().put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": rules})
    host = {"host": f"{name}.s3.amazonaws.com", **headers}
    got = Dispatcher(s3.cloud).handle(WireRequest(method, "/test", host, trusted=True))
    out: dict[str, Any] = {"Status": got.status}
    out.update(
        {k: v for k, v in got.headers.items() if k.startswith("Access-Control") or k == "Vary"}
    )
    if got.status >= 400:
        fields = re.findall(r"<(Code|Message|Method|ResourceType)>([^<]*)</", got.body.decode())
        out["Error"] = {k: html.unescape(v) for k, v in fields}
    return out


_ORIGIN_RULE = [
    {"AllowedOrigins": [_RIGHT], "AllowedMethods": ["GET", "PUT"], "MaxAgeSeconds": 3000}
]
_ANY_RULE = [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET", "PUT"], "MaxAgeSeconds": 3000}]
_ALLOWED = {
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Allow-Methods": "GET, PUT",
    "Access-Control-Allow-Origin": _RIGHT,
    "Access-Control-Max-Age": "3000",
    "Vary": _VARY,
}
_NEEDED = {
    "Code": "BadRequest",
    "Message": "Insufficient information. Origin request header needed.",
}
_ASK_PUT = {"origin": _RIGHT, "access-control-request-method": "PUT"}
# ::test_cors_http_options_no_config
row("cors-options-no-origin", {"Status": 400, "Error": _NEEDED})(
    lambda s3: _http(s3, "OPTIONS", {})
)
row(
    "cors-options-no-config",
    {
        "Status": 403,
        "Error": {
            "Code": "AccessForbidden",
            "Message": "CORSResponse: CORS is not enabled for this bucket.",
            "Method": "PUT",
            "ResourceType": "BUCKET",
        },
    },
)(lambda s3: _http(s3, "OPTIONS", _ASK_PUT))
row(
    "cors-options-no-config-no-method",
    {
        "Status": 403,
        "Error": {
            "Code": "AccessForbidden",
            "Message": "CORSResponse: CORS is not enabled for this bucket.",
            "Method": "OPTIONS",
            "ResourceType": "BUCKET",
        },
    },
)(lambda s3: _http(s3, "OPTIONS", {"origin": _RIGHT}))
# ::test_cors_http_options_non_existent_bucket
row(
    "cors-options-no-bucket",
    {
        "Status": 403,
        "Error": {
            "Code": "AccessForbidden",
            "Message": "CORSResponse: Bucket not found",
            "Method": "OPTIONS",
            "ResourceType": "BUCKET",
        },
    },
)(lambda s3: _http(s3, "OPTIONS", {"origin": _RIGHT}, name="nowhere"))
# ::test_cors_match_origins
row("cors-options-referer-only", {"Status": 400, "Error": _NEEDED})(
    lambda s3: _http(s3, "OPTIONS", {"referer": _RIGHT}, rules=_ORIGIN_RULE)
)
row("cors-options-right-origin", {"Status": 200, **_ALLOWED})(
    lambda s3: _http(s3, "OPTIONS", _ASK_PUT, rules=_ORIGIN_RULE)
)
row("cors-get-right-origin", {"Status": 200, **_ALLOWED})(
    lambda s3: _http(s3, "GET", {"origin": _RIGHT}, rules=_ORIGIN_RULE)
)
row(
    "cors-options-wrong-origin",
    {
        "Status": 403,
        "Error": {
            "Code": "AccessForbidden",
            "Message": _NOT_ALLOWED,
            "Method": "PUT",
            "ResourceType": "OBJECT",
        },
    },
)(
    lambda s3: _http(
        s3,
        "OPTIONS",
        {"origin": "http://wrong", "access-control-request-method": "PUT"},
        rules=_ORIGIN_RULE,
    )
)
row(
    "cors-get-wrong-origin", {"Status": 200, "Access-Control-Allow-Origin": ABSENT, "Vary": ABSENT}
)(lambda s3: _http(s3, "GET", {"origin": "http://wrong"}, rules=_ORIGIN_RULE))
row(
    "cors-options-any-origin",
    {
        "Status": 200,
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, PUT",
        "Access-Control-Allow-Credentials": ABSENT,
        "Vary": _VARY,
    },
)(
    lambda s3: _http(
        s3,
        "OPTIONS",
        {"origin": "http://random", "access-control-request-method": "GET"},
        rules=_ANY_RULE,
    )
)


# ::test_put_cors, ::test_delete_cors, ::test_put_cors_invalid_rules, ::test_put_cors_empty_origin
def _cors_api(s3: S3, rules: Any) -> Any:
    name = bucket(s3)
    return answer(s3().put_bucket_cors, Bucket=name, CORSConfiguration={"CORSRules": rules})


row("cors-put", {"Status": 200})(lambda s3: _cors_api(s3, _ORIGIN_RULE))
row("cors-delete-unset", {"Status": 204})(
    lambda s3: answer(s3().delete_bucket_cors, Bucket=bucket(s3))
)
row(
    "cors-put-unknown-method",
    error(
        "InvalidRequest",
        "Found unsupported HTTP method in CORS config. Unsupported method is MYMETHOD",
    ),
)(lambda s3: _cors_api(s3, [{"AllowedOrigins": ["*"], "AllowedMethods": ["MYMETHOD"]}]))
row("cors-put-no-rules", error("MalformedXML", MALFORMED))(lambda s3: _cors_api(s3, []))


def _empty_origin(s3: S3) -> Any:
    _cors_api(s3, [{"AllowedOrigins": [""], "AllowedMethods": ["GET", "PUT", "HEAD"]}])
    return s3().get_bucket_cors(Bucket="verified")["CORSRules"]


row("cors-empty-origin-kept", [{"AllowedMethods": ["GET", "PUT", "HEAD"], "AllowedOrigins": [""]}])(
    _empty_origin
)
# ::test_cors_expose_headers, ::test_put_cors_default_values, ::test_cors_match_headers
_EXPOSE = [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]
_EXPOSE[0]["ExposeHeaders"] = ["x-amz-id-2", "x-amz-request-id", "x-amz-request-payer"]
_ASK_GET = {"origin": _RIGHT, "access-control-request-method": "GET"}
row(
    "cors-options-expose",
    {
        "Status": 200,
        "Access-Control-Expose-Headers": "x-amz-id-2, x-amz-request-id, x-amz-request-payer",
    },
)(lambda s3: _http(s3, "OPTIONS", _ASK_GET, rules=_EXPOSE))
row(
    "cors-options-header-not-listed",
    {
        "Status": 403,
        "Error": {"Code": "AccessForbidden", "Method": "GET", "ResourceType": "OBJECT"},
    },
)(
    lambda s3: _http(
        s3,
        "OPTIONS",
        {**_ASK_GET, "access-control-request-headers": "x-amz-request-payer"},
        rules=[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}],
    )
)
_HEADERS_RULE = [{"AllowedOrigins": [_RIGHT], "AllowedMethods": ["GET"], "MaxAgeSeconds": 3000}]
_HEADERS_RULE[0]["AllowedHeaders"] = [
    "x-amz-expected-bucket-owner",
    "x-amz-server-side-encryption-customer-algorithm",
    "x-AMZ-server-SIDE-encryption",
]
_TWO_HEADERS = "x-amz-expected-bucket-owner, x-amz-server-side-encryption"
row(
    "cors-options-headers-any-casing",
    {
        "Status": 200,
        "Access-Control-Allow-Headers": "x-amz-expected-bucket-owner, x-amz-server-side-encryption",
    },
)(
    lambda s3: _http(
        s3,
        "OPTIONS",
        {
            **_ASK_GET,
            "access-control-request-headers": _TWO_HEADERS,
        },
        rules=_HEADERS_RULE,
    )
)


# -- event notifications to SQS (LocalStack test_s3_notifications_sqs.py::TestS3NotificationsToSQS)
def _events(s3: S3) -> list[tuple[str, str, list[str]]]:
    """Each record's eventName, eventVersion and object members, as the queue received them."""
    sqs = boto3.client("sqs", region_name="us-east-1")
    url = sqs.create_queue(QueueName="events")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    name = bucket(s3)
    events = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:ObjectTagging:*"]
    config = {"QueueConfigurations": [{"QueueArn": arn, "Events": events}]}
    s3().put_bucket_notification_configuration(Bucket=name, NotificationConfiguration=config)
    sqs.delete_message(
        QueueUrl=url,
        ReceiptHandle=sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"],
    )
    s3().put_object(Bucket=name, Key="a@b", Body=b"something")
    s3().copy_object(Bucket=name, Key="copy", CopySource=f"{name}/a@b")
    s3().put_object_tagging(Bucket=name, Key="copy", Tagging=tags(("a", "b")))
    s3().delete_object_tagging(Bucket=name, Key="copy")
    s3().delete_object(Bucket=name, Key="copy")
    s3.cloud.advance(1)
    seen = []
    while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        for message in messages:
            record = json.loads(message["Body"])["Records"][0]
            obj = record["s3"]["object"]
            seen.append((record["eventName"], record["eventVersion"], sorted(obj), obj["key"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return [(name, version, members) for name, version, members, _ in seen] + [
        ("keys", "", [k for *_, k in seen])
    ]


row(
    "sqs-event-records",
    [
        ("ObjectCreated:Put", "2.1", ["eTag", "key", "sequencer", "size"]),
        ("ObjectCreated:Copy", "2.1", ["eTag", "key", "sequencer", "size"]),
        ("ObjectTagging:Put", "2.3", ["eTag", "key"]),
        ("ObjectTagging:Delete", "2.3", ["eTag", "key"]),
        ("ObjectRemoved:Delete", "2.1", ["key", "sequencer"]),
        ("keys", "", ["a%40b", "copy", "copy", "copy", "copy"]),
    ],
)(_events)


# -- objects (LocalStack test_s3.py::TestS3) --------------------------------------------------
# ::test_put_object_checksum[...]: a checksum that is not one is the header's InvalidRequest
for _algorithm in ("CRC32", "CRC32C", "SHA1", "SHA256"):
    row(
        f"put-object-malformed-{_algorithm}",
        error(
            "InvalidRequest", f"Value for x-amz-checksum-{_algorithm.lower()} header is invalid."
        ),
    )(
        lambda s3, a=_algorithm: answer(
            s3().put_object,
            Bucket=bucket(s3),
            Key="k",
            Body=b"test data..",
            **{f"Checksum{a}": "wrongchecksum"},
        )
    )


# ::test_metadata_header_character_decoding
def _metadata(s3: S3) -> Any:
    s3().put_object(
        Bucket=bucket(s3), Key="k", Body=b"foo", Metadata={"test_meta_1": "foo", "__meta_2": "bar"}
    )
    return s3().head_object(Bucket="verified", Key="k")["Metadata"]


row("metadata-underscores", {"__meta_2": "bar", "test_meta_1": "foo"})(_metadata)


# ::test_s3_copy_metadata_replace and ::test_s3_copy_content_type_and_metadata
def _copied(s3: S3, **directive: Any) -> Any:
    name = bucket(s3)
    s3().put_object(
        Bucket=name,
        Key="src",
        Body=b'{"key": "value"}',
        ContentType="application/json",
        ContentLanguage="en-US",
        Metadata={"key": "value"},
    )
    s3().copy_object(Bucket=name, Key="dst", CopySource=f"{name}/src", **directive)
    head = s3().head_object(Bucket=name, Key="dst")
    return {
        k: head.get(k, ABSENT)
        for k in ("ContentType", "ContentLanguage", "Metadata", "ContentLength")
    }


row(
    "copy-replace-metadata",
    {
        "ContentType": "image/jpg",
        "ContentLanguage": ABSENT,
        "Metadata": {"another-key": "value"},
        "ContentLength": 16,
    },
)(
    lambda s3: _copied(
        s3, MetadataDirective="REPLACE", ContentType="image/jpg", Metadata={"another-key": "value"}
    )
)
row(
    "copy-keeps-metadata",
    {"ContentType": "application/json", "ContentLanguage": "en-US", "Metadata": {"key": "value"}},
)(lambda s3: _copied(s3))
# ::test_invalid_range_error, ::test_range_key_not_exists, ::test_get_object_no_such_bucket
row(
    "get-range-past-small-object",
    error(
        "InvalidRange",
        "The requested range is not satisfiable",
        416,
        ActualObjectSize="8",
        RangeRequested="bytes=1024-4096",
    ),
)(lambda s3: answer(s3().get_object, Bucket=_eight(s3), Key="my-key", Range="bytes=1024-4096"))
row(
    "get-range-missing-key",
    error("NoSuchKey", "The specified key does not exist.", 404, Key="my-key"),
)(lambda s3: answer(s3().get_object, Bucket=bucket(s3), Key="my-key", Range="bytes=1024-4096"))
row(
    "get-no-such-bucket",
    error("NoSuchBucket", "The specified bucket does not exist", 404, BucketName="nowhere"),
)(lambda s3: answer(s3().get_object, Bucket="nowhere", Key="k"))


def _eight(s3: S3) -> str:
    s3().put_object(Bucket=bucket(s3), Key="my-key", Body=b"abcdefgh")
    return "verified"


# ::test_get_object_after_deleted_in_versioned_bucket
def _after_delete(s3: S3) -> Any:
    name = bucket(s3, versioned=True)
    s3().put_object(Bucket=name, Key="my-key", Body=b"abcdefgh")
    s3().delete_object(Bucket=name, Key="my-key")
    return answer(s3().get_object, Bucket=name, Key="my-key")


row(
    "get-after-delete-versioned",
    error("NoSuchKey", "The specified key does not exist.", 404, Key="my-key"),
)(_after_delete)


# ::test_s3_invalid_content_md5
_BAD_MD5 = "The Content-MD5 you specified was invalid."
for _md5 in ("__invalid__", "000", "not base64 encoded checksum", "MTIz"):
    row(
        f"put-object-content-md5-{_md5}",
        {
            "Error": {"Code": "InvalidDigest", "Message": _BAD_MD5, "Content-MD5": _md5},
            "Status": 400,
        },
    )(
        lambda s3, m=_md5: answer(
            s3().put_object, Bucket=bucket(s3), Key="k", Body=b"something", ContentMD5=m
        )
    )
row("put-object-content-md5-right", {"Status": 200, "ETag": '"437b930db84b8079c2dd804a71936b5f"'})(
    lambda s3: answer(
        s3().put_object,
        Bucket=bucket(s3),
        Key="k",
        Body=b"something",
        ContentMD5="Q3uTDbhLgHnC3YBKcZNrXw==",
    )
)
# ::test_delete_non_existing_keys_in_non_existing_bucket, ::test_different_location_constraint
_NO_BUCKET = error("NoSuchBucket", "The specified bucket does not exist", 404, BucketName="nowhere")
row("delete-objects-no-bucket", _NO_BUCKET)(
    lambda s3: answer(s3().delete_objects, Bucket="nowhere", Delete={"Objects": [{"Key": "a"}]})
)
row("get-bucket-location-no-bucket", _NO_BUCKET)(
    lambda s3: answer(s3().get_bucket_location, Bucket="nowhere")
)


# ::test_s3_uppercase_key_names, ::test_precondition_failed_error
def _camel(s3: S3, key: str, **params: Any) -> Any:
    s3().put_object(Bucket=bucket(s3), Key="camelCaseKey", Body=b"something")
    return answer(s3().get_object, Bucket="verified", Key=key, **params)


row(
    "get-key-other-case",
    error("NoSuchKey", "The specified key does not exist.", 404, Key="camelcasekey"),
)(lambda s3: _camel(s3, "camelcasekey"))
row("get-if-match-wrong", error("PreconditionFailed", NOT_HOLD, 412, Condition="If-Match"))(
    lambda s3: _camel(s3, "camelCaseKey", IfMatch='"0000"')
)


# ::test_multipart_copy_object_etag: a copy of a multipart object has its content's MD5
def _copy_multipart(s3: S3) -> Any:
    name = bucket(s3)
    upload = s3().create_multipart_upload(Bucket=name, Key="test.file")["UploadId"]
    where = {"Bucket": name, "Key": "test.file", "UploadId": upload}
    etag = s3().upload_part(PartNumber=1, Body=b"x" * 100, **where)["ETag"]
    done = s3().complete_multipart_upload(
        MultipartUpload={"Parts": [{"ETag": etag, "PartNumber": 1}]}, **where
    )
    copy = s3().copy_object(Bucket=name, Key="copy", CopySource=f"{name}/test.file")
    return (done["ETag"].endswith('-1"'), copy["CopyObjectResult"]["ETag"])


row("copy-of-multipart-etag", (True, '"aed563ecafb4bcc5654c597a421547b2"'))(_copy_multipart)


# ::test_create_bucket_head_bucket, ::test_s3_uppercase_bucket_name,
# ::test_create_bucket_with_existing_name
def _head_bucket_headers(s3: S3) -> Any:
    headers = answer(s3().head_bucket, Bucket=bucket(s3))["Headers"]
    return {
        k: headers.get(k)
        for k in ("content-type", "x-amz-access-point-alias", "x-amz-bucket-region")
    }


row(
    "head-bucket-headers",
    {
        "content-type": "application/xml",
        "x-amz-access-point-alias": "false",
        "x-amz-bucket-region": "us-east-1",
    },
)(_head_bucket_headers)
row(
    "create-uppercase-bucket",
    error("InvalidBucketName", "The specified bucket is not valid.", BucketName="UPPER"),
)(lambda s3: answer(s3().create_bucket, Bucket="UPPER"))
row(
    "create-taken-name-elsewhere",
    error(
        "BucketAlreadyOwnedByYou",
        "Your previous request to create the named bucket succeeded and you already own it.",
        409,
        BucketName="verified",
    ),
)(
    lambda s3: answer(
        s3("us-west-1").create_bucket,
        Bucket=bucket(s3),
        CreateBucketConfiguration={"LocationConstraint": "us-west-1"},
    )
)
row("create-located-bucket", {"Status": 200, "Location": "http://west-b.s3.amazonaws.com/"})(
    lambda s3: answer(
        s3("us-west-1").create_bucket,
        Bucket="west-b",
        CreateBucketConfiguration={"LocationConstraint": "us-west-1"},
    )
)
row("create-us-east-1-bucket", {"Status": 200, "Location": "/east-b"})(
    lambda s3: answer(s3().create_bucket, Bucket="east-b")
)


# ::test_bucket_name_with_dots: a listing names the bucket's Region
def _list_region(s3: S3, region: str) -> Any:
    where = (
        {}
        if region == "us-east-1"
        else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    )
    s3(region).create_bucket(Bucket="my.dotted.bucket", **where)
    s3(region).put_object(Bucket="my.dotted.bucket", Key="my-content", Body=b"something")
    v1 = answer(s3(region).list_objects, Bucket="my.dotted.bucket")["Headers"]
    v2 = answer(s3(region).list_objects_v2, Bucket="my.dotted.bucket")["Headers"]
    return (v1.get("x-amz-bucket-region"), v2.get("x-amz-bucket-region"), v1.get("content-type"))


for _region in ("us-east-1", "eu-west-1"):
    row(f"list-names-region-{_region}", (_region, _region, "application/xml"))(
        lambda s3, r=_region: _list_region(s3, r)
    )


# -- the table --------------------------------------------------------------------------------
@pytest.fixture
def s3() -> Iterator[S3]:
    cloud = Cloud(
        clock=ManualClock(T0.timestamp()), seed=7, limits={"s3": {"min_part_bytes": 1024}}
    )
    with cloud, mock_aws(cloud):
        yield S3(cloud)


def _holds(seen: Any, expected: Any) -> bool:
    """``seen`` has every member ``expected`` names, equal (``ABSENT``: not there, or
    recorded as ``ABSENT`` by the row)."""
    if isinstance(expected, dict) and isinstance(seen, dict):
        return all(
            seen.get(k, ABSENT) is ABSENT if v is ABSENT else (k in seen and _holds(seen[k], v))
            for k, v in expected.items()
        )
    return bool(seen == expected)


@pytest.mark.parametrize("case", ROWS, ids=[r.name for r in ROWS])
def test_answers_as_aws_did(s3: S3, case: Row) -> None:
    """The request gets the answer AWS gave it."""
    seen = case.run(s3)
    assert _holds(seen, case.expect), seen


def test_rows_are_distinct() -> None:
    """Every row has its own name (pytest ids), so a regression names its row."""
    names = [r.name for r in ROWS]
    assert len(names) == len(set(names)) and len(names) >= 205
