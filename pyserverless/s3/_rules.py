"""Parsing the pieces of S3 requests: metadata, tags, conditions, ranges, checksums.

Each function reads request parameters and either returns a plain value or raises
S3's error: the engine's operations call them before they change anything.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ._checksums import ALGORITHMS, Digests, decoded_length, header_name
from ._errors import (
    BadDigest,
    InvalidArgument,
    InvalidDigest,
    InvalidRange,
    InvalidRequest,
    InvalidTag,
    KeyTooLongError,
    MetadataTooLarge,
    PreconditionFailed,
    S3Error,
    not_modified,
)
from ._errors import NotImplemented as S3NotImplemented
from ._limits import S3Limits

__all__ = [
    "HEADER_PARAMS",
    "check_key",
    "checksum_plan",
    "object_headers",
    "parse_range",
    "read_conditions",
    "refuse_members",
    "tag_set",
    "tags_from_query",
    "user_metadata",
    "verify_body",
    "when",
    "write_conditions",
]

#: Request members stored as they are and answered on GetObject and HeadObject.
HEADER_PARAMS = (
    "CacheControl",
    "ContentDisposition",
    "ContentEncoding",
    "ContentLanguage",
    "Expires",
)
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def check_key(key: Any, limits: S3Limits) -> str:
    if not isinstance(key, str) or not key:
        raise InvalidArgument("Invalid key", ArgumentName="key", ArgumentValue=str(key))
    size = len(key.encode("utf-8", "surrogatepass"))
    if size > limits.max_key_bytes:
        raise KeyTooLongError(Size=str(size), MaxSizeAllowed=str(limits.max_key_bytes))
    return key


def user_metadata(meta: Mapping[str, str] | None, limits: S3Limits) -> dict[str, str]:
    """x-amz-meta-* as S3 keeps them: names in lower case, at most 2 KB in all."""
    if not meta:
        return {}
    out = {str(k).lower(): str(v) for k, v in meta.items()}
    size = sum(len(k.encode()) + len(v.encode()) for k, v in out.items())
    if size > limits.max_metadata_bytes:
        raise MetadataTooLarge(Size=str(size), MaxSizeAllowed=str(limits.max_metadata_bytes))
    return out


def object_headers(p: Mapping[str, Any]) -> dict[str, Any]:
    return {name: p[name] for name in HEADER_PARAMS if p.get(name) is not None}


#: The characters S3 takes in a tag key or value: letters, digits, spaces and ``_.:/=+-@``.
_TAG_TEXT = re.compile(r"^[\w\s.:/=+\-@]*$")


def _check_tag(key: str, value: str, limits: S3Limits, *, bucket: bool = False) -> None:
    if not key or len(key) > limits.max_tag_key_length or not _TAG_TEXT.match(key):
        raise InvalidTag(
            f"The TagKey you have provided is too long, max {limits.max_tag_key_length}"
            if len(key) > limits.max_tag_key_length
            else "The TagKey you have provided is invalid",
            TagKey=key,
        )
    if len(value) > limits.max_tag_value_length or not _TAG_TEXT.match(value):
        raise InvalidTag(
            f"The TagValue you have provided is too long, max {limits.max_tag_value_length}"
            if len(value) > limits.max_tag_value_length
            else "The TagValue you have provided is invalid",
            TagKey=key,
            TagValue=value,
        )
    if key.startswith("aws:"):
        if bucket:  # PutBucketTagging's words (moto aws_verified; LocalStack's snapshot)
            raise InvalidTag("System tags cannot be added/updated by requester", TagKey=key)
        raise InvalidTag("Your TagKey cannot be prefixed with aws:", TagKey=key)


def tag_set(
    tags: Any, limits: S3Limits, *, bucket: bool = False, tagging: bool = False
) -> dict[str, str]:
    """A TagSet (``[{"Key", "Value"}]``) as a dict, checked as S3 checks it (``tagging``:
    PutObjectTagging's, whose count error is ``BadRequest``)."""
    out: dict[str, str] = {}
    for tag in tags or ():
        key, value = tag.get("Key", ""), tag.get("Value", "")
        if key in out:
            raise InvalidTag("Cannot provide multiple Tags with the same key", TagKey=key)
        _check_tag(key, value, limits, bucket=bucket)
        out[key] = value
    most = limits.max_bucket_tags if bucket else limits.max_object_tags
    if len(out) > most:
        if bucket:
            raise InvalidTag(f"Bucket tag count cannot be greater than {most}")
        if tagging:  # moto aws_verified test_put_object_tagging
            raise S3Error(
                f"Object tags cannot be greater than {most}", code="BadRequest", status=400
            )
        raise InvalidTag(f"Object tags cannot be greater than {most}")
    return out


def tags_from_query(query: str | None, limits: S3Limits) -> dict[str, str]:
    """PutObject's ``Tagging`` (``"a=1&b=2"``) as a dict."""
    if not query:
        return {}
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    keys = {k for k, _ in pairs}
    if len(keys) != len(pairs) or not all(_TAG_TEXT.match(k + v) for k, v in pairs):
        # the header's own refusal (LocalStack's AWS-validated test_object_tagging_exc)
        raise InvalidArgument(
            "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query "
            "parameters without tag name duplicates.",
            ArgumentName="x-amz-tagging",
            ArgumentValue=query,
        )
    return tag_set([{"Key": k, "Value": v} for k, v in pairs], limits)


def when(value: Any) -> datetime | None:
    """A timestamp parameter (datetime, epoch seconds or ISO text) as aware UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC)
    text = str(value)
    try:
        return datetime.fromtimestamp(float(text), UTC)
    except ValueError:
        pass
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None  # S3 ignores a date it cannot read
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _etag_matches(condition: str, etag: str) -> bool:
    for item in condition.split(","):
        item = item.strip()
        if item == "*" or item.strip('"') == etag.strip('"'):
            return True
    return False


def _seconds(t: datetime) -> datetime:
    return t.replace(microsecond=0)


_CONDITIONS = ("IfMatch", "IfNoneMatch", "IfModifiedSince", "IfUnmodifiedSince")
#: The members each caller of :func:`read_conditions` reads, by prefix.
_CONDITION_NAMES = {
    prefix: dict(zip(_CONDITIONS, [prefix + k for k in _CONDITIONS], strict=True))
    for prefix in ("", "CopySource")
}
_PLAIN_CONDITIONS = frozenset(_CONDITIONS)


def read_conditions(
    p: Mapping[str, Any],
    etag: str,
    modified: datetime,
    *,
    prefix: str = "",
    now: datetime | None = None,
) -> None:
    """GetObject's and HeadObject's conditions, in S3's order (RFC 7232): 412 or 304.

    ``prefix="CopySource"`` reads CopyObject's (every failure is then a 412; an
    If-Modified-Since later than ``now`` is ignored, as S3 ignores it).
    """
    if not prefix and _PLAIN_CONDITIONS.isdisjoint(p):  # the common read: no condition
        return
    names = _CONDITION_NAMES[prefix]
    header = "x-amz-copy-source-" if prefix else ""
    last = _seconds(modified)
    if_match = p.get(names["IfMatch"])
    if if_match is not None:
        if not _etag_matches(if_match, etag):
            raise PreconditionFailed(Condition=f"{header}If-Match")
    else:
        since = when(p.get(names["IfUnmodifiedSince"]))
        if since is not None and last > since:
            raise PreconditionFailed(Condition=f"{header}If-Unmodified-Since")
    if_none = p.get(names["IfNoneMatch"])
    if if_none is not None:
        if _etag_matches(if_none, etag):
            if prefix:
                raise PreconditionFailed(Condition=f"{header}If-None-Match")
            raise not_modified()
        return
    since = when(p.get(names["IfModifiedSince"]))
    if since is not None and now is not None and since > now:
        return  # a date to come: ignored (LocalStack's AWS-validated copy preconditions)
    if since is not None and last <= since:
        if prefix:
            raise PreconditionFailed(Condition=f"{header}If-Modified-Since")
        raise not_modified()


def write_conditions(p: Mapping[str, Any], current_etag: str | None, key: str) -> None:
    """PutObject's (and CompleteMultipartUpload's) conditional writes."""
    if_none = p.get("IfNoneMatch")
    if if_none is not None:
        if if_none != "*" or p.get("IfMatch") is not None:  # S3 takes "*" alone
            raise S3NotImplemented(Header="If-None-Match")
        if current_etag is not None:
            raise PreconditionFailed(Condition="If-None-Match")
    if_match = p.get("IfMatch")
    if if_match is not None:
        if current_etag is None:
            from ._errors import NoSuchKey

            raise NoSuchKey(Key=key)
        if not _etag_matches(if_match, current_etag):
            raise PreconditionFailed(Condition="If-Match")


def parse_range(text: Any, size: int) -> tuple[int, int] | None:
    """A Range header as (start, end exclusive); None: serve the whole object (S3 ignores a
    range it cannot parse); InvalidRange when it starts past the end."""
    if not isinstance(text, str):
        return None
    m = _RANGE.match(text.strip())
    if m is None:
        return None
    first, last = m.group(1), m.group(2)
    if first == "" and last == "":
        return None
    if first == "":
        n = int(last)
        if n == 0 or size == 0:
            raise InvalidRange(RangeRequested=text, ActualObjectSize=str(size))
        return max(0, size - n), size
    start = int(first)
    end = size - 1 if last == "" else min(int(last), size - 1)
    if last != "" and int(last) < start:
        return None  # an invalid range: the whole object, as RFC 7233 says
    if start >= size:
        raise InvalidRange(RangeRequested=text, ActualObjectSize=str(size))
    return start, end + 1


#: Checksum algorithms in S3's model that pyserverless does not compute.
_UNEMULATED_ALGORITHMS = ("CRC64NVME", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128")
#: Each checksum member of a request (``ChecksumCRC32``...) and its algorithm.
_MEMBER_ALGORITHM = {"Checksum" + alg: alg for alg in (*ALGORITHMS, *_UNEMULATED_ALGORITHMS)}
_CHECKSUM_KEYS = frozenset(_MEMBER_ALGORITHM) | {"ChecksumAlgorithm"}


def checksum_plan(p: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(algorithm, expected value) of a request's flexible checksum, checked as S3 does."""
    if _CHECKSUM_KEYS.isdisjoint(p):
        return None, None
    algorithm = p.get("ChecksumAlgorithm")
    named = [(_MEMBER_ALGORITHM[k], v) for k, v in p.items() if k in _MEMBER_ALGORITHM]
    given = [(alg, value) for alg, value in named if value is not None]
    asked: set[Any] = {alg for alg, _ in given}
    asked.add(algorithm)
    for alg in _UNEMULATED_ALGORITHMS:  # S3 has them; refused here, never stored unchecked
        if alg in asked:
            raise S3NotImplemented(Header=header_name(alg))
    if len(given) > 1:
        raise InvalidRequest(
            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."
        )
    if algorithm is not None and algorithm not in ALGORITHMS:
        raise InvalidRequest(
            "Checksum algorithm provided is unsupported. Please try again with any of the "
            "valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"
        )
    if not given:
        return algorithm, None
    alg, value = given[0]
    if algorithm is not None and algorithm != alg:
        raise InvalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.")
    if decoded_length(value) != ALGORITHMS[alg]:
        raise InvalidRequest(f"Value for {header_name(alg)} header is invalid.")
    return alg, value


def _invalid_digest(value: Any) -> S3Error:
    fields: dict[str, Any] = {"Content-MD5": str(value)}
    return InvalidDigest(**fields)


def md5_plan(value: Any) -> bytes | None:
    if value is None:
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise _invalid_digest(value) from None
    if len(raw) != 16:
        raise _invalid_digest(value)
    return raw


def verify_body(digests: Digests, expected: str | None, md5: bytes | None) -> str | None:
    """Check the body against its Content-MD5 and checksum; returns the checksum value."""
    if md5 is not None and md5 != digests.md5:
        raise BadDigest(
            ExpectedDigest=md5.hex(), CalculatedDigest=base64.b64encode(digests.md5).decode()
        )
    value = digests.checksum()
    if expected is not None and value != expected:
        raise BadDigest(
            f"The {digests.algorithm} you specified did not match the calculated checksum."
        )
    return value


#: Request members of features pyserverless does not emulate, by the header S3 reads them
#: from: refused with NotImplemented in every operation, never accepted and ignored.
_UNEMULATED_MEMBERS = {
    "SSECustomerKey": "x-amz-server-side-encryption-customer-key",
    "SSECustomerKeyMD5": "x-amz-server-side-encryption-customer-key-MD5",
    "SSECustomerAlgorithm": "x-amz-server-side-encryption-customer-algorithm",
    "CopySourceSSECustomerAlgorithm": "x-amz-copy-source-server-side-encryption-customer-algorithm",
    "CopySourceSSECustomerKey": "x-amz-copy-source-server-side-encryption-customer-key",
    "CopySourceSSECustomerKeyMD5": "x-amz-copy-source-server-side-encryption-customer-key-MD5",
    "SSEKMSEncryptionContext": "x-amz-server-side-encryption-context",
    "ObjectLockEventHold": "x-amz-object-lock-event-hold",
    "ObjectLockEventHoldDurationDays": "x-amz-object-lock-event-hold-duration-days",
    "ObjectLockEventHoldDurationYears": "x-amz-object-lock-event-hold-duration-years",
    "AnnotationDirective": "x-amz-annotation-directive",
    "IfMatchLastModifiedTime": "x-amz-if-match-last-modified-time",
    "IfMatchSize": "x-amz-if-match-size",
    "BucketNamespace": "x-amz-bucket-namespace",
}


_REFUSED_KEYS = frozenset(_UNEMULATED_MEMBERS) | {"BucketKeyEnabled"}


def refuse_members(p: Mapping[str, Any]) -> None:
    """NotImplemented for a member of a feature pyserverless does not emulate."""
    if _REFUSED_KEYS.isdisjoint(p):  # the common request: one set walk over its members
        return
    for member, header in _UNEMULATED_MEMBERS.items():
        if p.get(member) is not None:
            raise S3NotImplemented(Header=header)
    if p.get("BucketKeyEnabled"):  # S3 Bucket Keys belong to SSE-KMS
        raise S3NotImplemented(Header="x-amz-server-side-encryption-bucket-key-enabled")
