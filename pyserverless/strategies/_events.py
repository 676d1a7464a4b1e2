"""Lambda events shaped as AWS sends them: API Gateway, S3, DynamoDB Streams, EventBridge."""

from __future__ import annotations

import base64
import json
import string
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote_plus, urlencode

from hypothesis import strategies as st

from ..dynamo._types import item_size, item_to_wire
from ._values import items

__all__ = [
    "api_gateway_proxy_events",
    "dynamodb_stream_events",
    "eventbridge_events",
    "s3_events",
]

_REGIONS = ("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "ap-southeast-2")
_ACCOUNTS = st.from_regex(r"[0-9]{12}", fullmatch=True)
_WORDS = st.text(string.ascii_lowercase + string.digits + "-_", min_size=1, max_size=8)
_VALUES = st.text(string.ascii_letters + string.digits + " -_.~", max_size=12)
_HEADER_VALUES = st.lists(_VALUES, min_size=1, max_size=2)
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
# 2001-09-09 .. 2033-05-18: ten-digit epochs, as every sample's.
_MOMENTS = st.integers(1_000_000_000_000, 1_999_999_999_999).map(
    lambda ms: datetime.fromtimestamp(ms / 1000, UTC)
)


def _ids(size: int) -> st.SearchStrategy[str]:
    return st.text(string.ascii_uppercase + string.digits, min_size=size, max_size=size)


def _epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _clf_time(moment: datetime) -> str:
    """API Gateway's requestTime: ``04/Mar/2020:19:15:17 +0000``."""
    return moment.strftime("%d/%b/%Y:%H:%M:%S +0000")


def _iso_ms(moment: datetime) -> str:
    """S3's eventTime: ``2019-09-03T19:37:27.192Z``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _http_parts(draw: st.DrawFn) -> dict[str, Any]:
    """What a client sends, before API Gateway shapes it for a version."""
    body_kind = draw(st.sampled_from(("none", "text", "json", "binary")))
    body: str | None = None
    if body_kind == "text":
        body = draw(st.text(max_size=40))
    elif body_kind == "json":
        body = json.dumps({"id": draw(st.integers(0, 10**6))})
    elif body_kind == "binary":
        body = base64.b64encode(draw(st.binary(max_size=40))).decode()
    segments = draw(st.lists(_WORDS, max_size=4))
    api_id = draw(st.from_regex(r"[a-z0-9]{10}", fullmatch=True))
    return {
        "method": draw(st.sampled_from(_METHODS)),
        "path": "/" + "/".join(segments),
        "headers": {
            **draw(st.dictionaries(_WORDS.map(str.title), _HEADER_VALUES)),
            # API Gateway always adds these.
            "Host": [f"{api_id}.execute-api.us-east-1.amazonaws.com"],
            "X-Forwarded-Proto": ["https"],
        },
        "query": draw(st.dictionaries(_WORDS, st.lists(_VALUES, min_size=1, max_size=2))),
        "body": body,
        "base64": body_kind == "binary",
        "moment": draw(_MOMENTS),
        "account": draw(_ACCOUNTS),
        "api_id": api_id,
        "request_id": str(draw(st.uuids())),
        "source_ip": ".".join(str(draw(st.integers(1, 254))) for _ in range(4)),
        "stage": draw(st.sampled_from(("$default", "prod", "dev"))),
        "path_parameters": draw(st.none() | st.dictionaries(_WORDS, _WORDS, min_size=1)),
        "stage_variables": draw(st.none() | st.dictionaries(_WORDS, _WORDS, min_size=1)),
    }


def _rest_event(p: Mapping[str, Any]) -> dict[str, Any]:
    """API Gateway REST (payload 1.0): single and multi-value headers and query."""
    domain = f"{p['api_id']}.execute-api.us-east-1.amazonaws.com"
    stage_path = p["path"] if p["stage"] == "$default" else f"/{p['stage']}{p['path']}"
    return {
        "version": "1.0",
        "resource": p["path"],
        "path": p["path"],
        "httpMethod": p["method"],
        "headers": {k: v[-1] for k, v in p["headers"].items()},
        "multiValueHeaders": dict(p["headers"]),
        "queryStringParameters": {k: v[-1] for k, v in p["query"].items()} or None,
        "multiValueQueryStringParameters": dict(p["query"]) or None,
        "requestContext": {
            "accountId": p["account"],
            "apiId": p["api_id"],
            "domainName": domain,
            "domainPrefix": p["api_id"],
            "extendedRequestId": p["request_id"][:16],
            "httpMethod": p["method"],
            "identity": {
                "accessKey": None,
                "accountId": None,
                "caller": None,
                "cognitoAuthenticationProvider": None,
                "cognitoAuthenticationType": None,
                "cognitoIdentityId": None,
                "cognitoIdentityPoolId": None,
                "principalOrgId": None,
                "sourceIp": p["source_ip"],
                "user": None,
                "userAgent": "hypothesis",
                "userArn": None,
            },
            "path": stage_path,
            "protocol": "HTTP/1.1",
            "requestId": p["request_id"],
            "requestTime": _clf_time(p["moment"]),
            "requestTimeEpoch": _epoch_ms(p["moment"]),
            "resourceId": p["api_id"][:6],
            "resourcePath": p["path"],
            "stage": p["stage"],
        },
        "pathParameters": p["path_parameters"],
        "stageVariables": p["stage_variables"],
        "body": p["body"],
        "isBase64Encoded": p["base64"],
    }


def _http_event(p: Mapping[str, Any], cookies: list[str]) -> dict[str, Any]:
    """API Gateway HTTP API (payload 2.0): lower-case headers, values joined by commas."""
    route = "$default"
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": route,
        "rawPath": p["path"],
        "rawQueryString": urlencode([(k, v) for k, vs in p["query"].items() for v in vs]),
        "headers": {k.lower(): ",".join(v) for k, v in p["headers"].items()},
        "requestContext": {
            "accountId": p["account"],
            "apiId": p["api_id"],
            "domainName": f"{p['api_id']}.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": p["api_id"],
            "http": {
                "method": p["method"],
                "path": p["path"],
                "protocol": "HTTP/1.1",
                "sourceIp": p["source_ip"],
                "userAgent": "hypothesis",
            },
            "requestId": p["request_id"],
            "routeKey": route,
            "stage": p["stage"],
            "time": _clf_time(p["moment"]),
            "timeEpoch": _epoch_ms(p["moment"]),
        },
        "isBase64Encoded": p["base64"],
    }
    optional = {
        "cookies": cookies,
        "queryStringParameters": {k: ",".join(v) for k, v in p["query"].items()},
        "body": p["body"],
        "pathParameters": p["path_parameters"],
        "stageVariables": p["stage_variables"],
    }
    event.update({k: v for k, v in optional.items() if v})  # HTTP APIs leave out empty members
    return event


@st.composite
def _api_events(draw: st.DrawFn, version: int) -> dict[str, Any]:
    parts = _http_parts(draw)
    if version == 1:
        return _rest_event(parts)
    cookies = draw(st.lists(st.builds("{}={}".format, _WORDS, _WORDS), max_size=2))
    return _http_event(parts, cookies)


def api_gateway_proxy_events(*, version: int = 1) -> st.SearchStrategy[dict[str, Any]]:
    """Lambda proxy events from API Gateway: a REST API's (``version=1``, payload 1.0,
    with ``multiValueHeaders``) or an HTTP API's (``version=2``, payload 2.0, with
    ``rawPath``, ``rawQueryString`` and ``cookies``). Any method, path, headers, query,
    body (text, JSON or base64 with ``isBase64Encoded``), path parameters and stage
    variables; the single- and multi-value members agree.

    >>> from hypothesis import given
    >>> @given(api_gateway_proxy_events(version=2))
    ... def test(event):
    ...     assert event["rawPath"] == event["requestContext"]["http"]["path"]
    >>> test()
    """
    if version not in (1, 2):
        raise ValueError("version is 1 (REST API, payload 1.0) or 2 (HTTP API, payload 2.0)")
    return _api_events(version)


_S3_CREATED = ("ObjectCreated:Put", "ObjectCreated:Post", "ObjectCreated:Copy")
_S3_REMOVED = ("ObjectRemoved:Delete", "ObjectRemoved:DeleteMarkerCreated")


@st.composite
def _s3_record(draw: st.DrawFn, bucket: str, region: str, event_names: Sequence[str]) -> Any:
    name = draw(st.sampled_from(tuple(event_names)))
    key = draw(st.text(min_size=1, max_size=30).filter(lambda k: len(k.encode()) <= 1024))
    obj: dict[str, Any] = {
        "key": quote_plus(key, safe="/"),  # S3 sends keys URL-encoded, spaces as '+'
        "sequencer": draw(st.from_regex(r"[0-9A-F]{18}", fullmatch=True)),
    }
    if name.startswith("ObjectCreated"):
        obj["size"] = draw(st.integers(0, 5 * 2**30))
        obj["eTag"] = draw(st.from_regex(r"[0-9a-f]{32}", fullmatch=True))
    if draw(st.booleans()):
        obj["versionId"] = draw(st.from_regex(r"[A-Za-z0-9._]{32}", fullmatch=True))
    return {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": region,
        "eventTime": _iso_ms(draw(_MOMENTS)),
        "eventName": name,
        "userIdentity": {"principalId": "AWS:" + draw(_ids(21))},
        "requestParameters": {"sourceIPAddress": f"203.0.113.{draw(st.integers(1, 254))}"},
        "responseElements": {
            "x-amz-request-id": draw(st.from_regex(r"[0-9A-F]{16}", fullmatch=True)),
            "x-amz-id-2": base64.b64encode(draw(st.binary(min_size=48, max_size=48))).decode(),
        },
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": str(draw(st.uuids())),
            "bucket": {
                "name": bucket,
                "ownerIdentity": {"principalId": draw(_ids(14))},
                "arn": f"arn:aws:s3:::{bucket}",
            },
            "object": obj,
        },
    }


@st.composite
def _s3_events(draw: st.DrawFn, event_names: Sequence[str], max_records: int) -> dict[str, Any]:
    bucket = draw(st.from_regex(r"[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]", fullmatch=True))
    region = draw(st.sampled_from(_REGIONS))
    record = _s3_record(bucket, region, event_names)
    return {"Records": draw(st.lists(record, min_size=1, max_size=max_records))}


def s3_events(
    *, event_names: Sequence[str] = _S3_CREATED + _S3_REMOVED, max_records: int = 3
) -> st.SearchStrategy[dict[str, Any]]:
    """S3 event notifications for one bucket: 1 to ``max_records`` records of the given
    ``event_names``, object keys URL-encoded as S3 sends them (``unquote_plus`` reads
    them), ``size`` and ``eTag`` on created objects only.

    >>> from hypothesis import given
    >>> from urllib.parse import unquote_plus
    >>> @given(s3_events(event_names=["ObjectRemoved:Delete"]))
    ... def test(event):
    ...     obj = event["Records"][0]["s3"]["object"]
    ...     assert unquote_plus(obj["key"]) and "size" not in obj
    >>> test()
    """
    if not event_names or max_records < 1:
        raise ValueError("need at least one event name and max_records >= 1")
    return _s3_events(event_names, max_records)


def _json_ready(value: Any) -> Any:
    """DynamoDB JSON as Lambda receives it: binary values base64-encoded."""
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | set | frozenset):
        return [_json_ready(v) for v in value]
    return value


def _stream_record(
    n: int, name: str, view: str, old: Any, new: Any, keys: Mapping[str, str], meta: Any
) -> dict[str, Any]:
    region, arn, moment = meta
    image = new if new is not None else old
    body: dict[str, Any] = {
        "ApproximateCreationDateTime": float(int(moment.timestamp())),
        "Keys": item_to_wire({k: image[k] for k in keys}),
        "SequenceNumber": str(10**20 + n),
        "SizeBytes": sum(item_size(i) for i in (old, new) if i is not None),
        "StreamViewType": view,
    }
    if view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES") and new is not None:
        body["NewImage"] = item_to_wire(new)
    if view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES") and old is not None:
        body["OldImage"] = item_to_wire(old)
    return {
        "eventID": f"{n:032x}",
        "eventName": name,
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": _json_ready(body),
        "eventSourceARN": arn,
    }


@st.composite
def _stream_events(
    draw: st.DrawFn, keys: Mapping[str, str], view: str | None, max_records: int
) -> dict[str, Any]:
    region = draw(st.sampled_from(_REGIONS))
    table = draw(st.from_regex(r"[a-zA-Z0-9_.-]{3,20}", fullmatch=True))
    moment = draw(_MOMENTS)
    label = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"
    arn = f"arn:aws:dynamodb:{region}:{draw(_ACCOUNTS)}:table/{table}/stream/{label}"
    view = view or draw(
        st.sampled_from(("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"))
    )
    records = []
    for n in range(draw(st.integers(1, max_records))):
        name = draw(st.sampled_from(("INSERT", "MODIFY", "REMOVE")))
        new = draw(items(keys=keys, max_attributes=3)) if name != "REMOVE" else None
        old = draw(items(keys=keys, max_attributes=3)) if name != "INSERT" else None
        if old is not None and new is not None:
            old.update({k: new[k] for k in keys})  # a MODIFY keeps the item's key
        records.append(_stream_record(n, name, view, old, new, keys, (region, arn, moment)))
    return {"Records": records}


def dynamodb_stream_events(
    *,
    keys: Mapping[str, str] | None = None,
    view_type: str | None = None,
    max_records: int = 3,
) -> st.SearchStrategy[dict[str, Any]]:
    """DynamoDB Streams events as Lambda receives them: 1 to ``max_records`` INSERT,
    MODIFY and REMOVE records of one table with key ``keys`` (name -> ``"S"``, ``"N"``
    or ``"B"``; ``{"pk": "S"}`` by default), images in DynamoDB JSON as the
    ``view_type`` (any, by default) shows them, sequence numbers increasing.
    ``SizeBytes`` is the size of the images, close to but not exactly AWS's.

    >>> from hypothesis import given
    >>> @given(dynamodb_stream_events(view_type="NEW_IMAGE"))
    ... def test(event):
    ...     for record in event["Records"]:
    ...         assert "OldImage" not in record["dynamodb"]
    >>> test()
    """
    views = (None, "KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")
    if view_type not in views:
        raise ValueError(f"view_type is one of {views[1:]} or None")
    if max_records < 1:
        raise ValueError("max_records must be at least 1")
    return _stream_events(dict(keys or {"pk": "S"}), view_type, max_records)


_DETAIL = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_WORDS, children, max_size=3),
    max_leaves=6,
)


@st.composite
def _eventbridge_events(
    draw: st.DrawFn, sources: Sequence[str] | None, detail_types: Sequence[str] | None
) -> dict[str, Any]:
    region = draw(st.sampled_from(_REGIONS))
    account = draw(_ACCOUNTS)
    source = draw(st.sampled_from(tuple(sources)) if sources else _WORDS.map("com.{}".format))
    detail_type = draw(
        st.sampled_from(tuple(detail_types)) if detail_types else st.text(min_size=1, max_size=20)
    )
    moment = draw(_MOMENTS)
    resources = st.lists(_WORDS.map(f"arn:aws:ec2:{region}:{account}:instance/i-{{}}".format))
    return {
        "version": "0",
        "id": str(draw(st.uuids())),
        "detail-type": detail_type,
        "source": source,
        "account": account,
        "time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": draw(resources.map(lambda r: list(dict.fromkeys(r)))),
        "detail": draw(st.dictionaries(_WORDS, _DETAIL, max_size=4)),
    }


def eventbridge_events(
    *, sources: Sequence[str] | None = None, detail_types: Sequence[str] | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """EventBridge events as a rule's Lambda target receives them: ``source`` and
    ``detail-type`` from the given choices (or any), a JSON object as ``detail``,
    ``time`` to the second.

    >>> from hypothesis import given
    >>> @given(eventbridge_events(sources=["orders"], detail_types=["OrderPlaced"]))
    ... def test(event):
    ...     assert (event["source"], event["detail-type"]) == ("orders", "OrderPlaced")
    >>> test()
    """
    return _eventbridge_events(sources, detail_types)
