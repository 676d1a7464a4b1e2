"""The shared wire: routing, AWS's request-layer errors and the JSON codec.

Expected bodies, status codes and messages are DynamoDB's own, as recorded against
the live service (dynalite's connection tests; facts only).
"""

from __future__ import annotations

import base64
import datetime
import json
import re
import zlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless.adapters._wire import WireRequest, WireResponse

TARGET = "DynamoDB_20120810."
AUTH = (
    "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=abc"
)
JSON10 = "application/x-amz-json-1.0"


def request(
    operation: str | None = "ListTables",
    body: Any = None,
    *,
    method: str = "POST",
    auth: str | None = AUTH,
    ctype: str | None = JSON10,
    raw: bytes | None = None,
    **headers: str,
) -> WireRequest:
    all_headers = {k.replace("_", "-"): v for k, v in headers.items()}
    if operation is not None:
        all_headers["x-amz-target"] = TARGET + operation
    if auth is not None:
        all_headers["authorization"] = auth
        all_headers.setdefault("x-amz-date", "20250101T000000Z")
    if ctype is not None:
        all_headers["content-type"] = ctype
    data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    return WireRequest(method, "/", all_headers, data)


def payload(response: WireResponse) -> Any:
    return json.loads(response.body)


@pytest.fixture
def wire(fakes: Any) -> Any:
    return fakes.dispatcher()


class TestRouting:
    """X-Amz-Target picks the service and the operation."""

    def test_operation_reaches_client(self, wire: Any, fakes: Any) -> None:
        """A well-formed request is dispatched by AWS name with decoded params."""
        response = wire.handle(request("ListTables", {"Limit": 5}))
        assert response.status == 200
        assert payload(response) == {"TableNames": []}
        assert fakes.client("dynamodb", "us-east-1").calls == [("ListTables", {"Limit": 5})]

    def test_unknown_target_prefix(self, wire: Any) -> None:
        """A target no service owns is UnknownOperationException, without a message."""
        response = wire.handle(
            WireRequest("POST", "/", {"x-amz-target": "whatever", "content-type": JSON10}, b"{}")
        )
        assert (response.status, payload(response)) == (
            400,
            {"__type": "com.amazon.coral.service#UnknownOperationException"},
        )

    def test_unknown_operation(self, wire: Any) -> None:
        """An operation DynamoDB does not have is UnknownOperationException."""
        response = wire.handle(request("ListTable", {}))
        assert payload(response) == {"__type": "com.amazon.coral.service#UnknownOperationException"}

    def test_operation_not_emulated(self, wire: Any) -> None:
        """A real operation the client lacks says so, under AWS's code."""
        response = wire.handle(request("RestoreTableFromBackup", {}))
        body = payload(response)
        assert body["__type"] == "com.amazon.coral.service#UnknownOperationException"
        assert "RestoreTableFromBackup" in body["message"]

    def test_region_from_credential_scope(self, wire: Any, fakes: Any) -> None:
        """The SigV4 credential scope picks the region's client."""
        auth = AUTH.replace("us-east-1", "eu-west-2")
        wire.handle(request("ListTables", {}, auth=auth))
        assert ("dynamodb", "eu-west-2") in fakes.clients

    def test_trusted_region_wins(self, wire: Any, fakes: Any) -> None:
        """A door's own region (the bridge's client region) wins over the header."""
        req = request("ListTables", {}, auth=None)
        wire.handle(
            WireRequest(req.method, "/", req.headers, req.body, trusted=True, region="ap-south-1")
        )
        assert list(fakes.clients) == [("dynamodb", "ap-south-1")]


class TestHttpLevel:
    """What DynamoDB answers before it looks at the operation."""

    @pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
    def test_other_methods_404(self, wire: Any, method: str) -> None:
        """Methods other than POST get 404 and the XML UnknownOperationException."""
        response = wire.handle(request(method=method))
        assert (response.status, response.body) == (404, b"<UnknownOperationException/>\n")
        assert response.headers["x-amz-crc32"] == "3552371480"

    @pytest.mark.parametrize(
        "ctype", ["whatever", "application/x-amz-json-1.1", "application/jsonasdf", None]
    )
    def test_wrong_content_type_404(self, wire: Any, ctype: str | None) -> None:
        """A body with a content type DynamoDB does not read gets 404."""
        response = wire.handle(request(ctype=ctype, raw=b"hi"))
        assert response.status == 404
        assert response.body == b"<UnknownOperationException/>\n"

    @pytest.mark.parametrize(
        ("ctype", "answered"),
        [
            ("application/json", "application/json"),
            ("application/json;charset=x", "application/json"),
            ("  application/json  ;   asfd", "application/json"),
            (JSON10, JSON10),
            (JSON10 + ";blah", JSON10),
        ],
    )
    def test_json_content_types(self, wire: Any, ctype: str, answered: str) -> None:
        """Both JSON types are read; the answer echoes x-amz-json-1.0 or says json."""
        response = wire.handle(request(ctype=ctype, raw=b"hi"))
        assert payload(response) == {"__type": "com.amazon.coral.service#SerializationException"}
        assert response.headers["Content-Type"] == answered

    def test_health_check(self, wire: Any) -> None:
        """GET / answers DynamoDB's health line."""
        response = wire.handle(WireRequest("GET", "/", {}))
        assert (response.status, response.body) == (
            200,
            b"healthy: dynamodb.us-east-1.amazonaws.com ",
        )

    def test_preflight(self, wire: Any) -> None:
        """OPTIONS with an Origin is a CORS preflight echoing what was asked."""
        response = wire.handle(
            WireRequest(
                "OPTIONS",
                "/",
                {
                    "origin": "http://app",
                    "access-control-request-headers": "a, b, c",
                    "access-control-request-method": "POST",
                },
            )
        )
        assert response.status == 200
        assert response.body == b""
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Access-Control-Allow-Headers"] == "a, b, c"
        assert response.headers["Access-Control-Allow-Methods"] == "POST"
        assert response.headers["Access-Control-Max-Age"] == "172800"

    def test_options_without_origin_404(self, wire: Any) -> None:
        """OPTIONS without an Origin is not a preflight: 404."""
        assert wire.handle(WireRequest("OPTIONS", "/", {})).status == 404

    def test_origin_allowed_on_answers(self, wire: Any) -> None:
        """Any answer to a request with an Origin allows every origin."""
        response = wire.handle(request("ListTables", {}, origin="http://app"))
        assert response.headers["Access-Control-Allow-Origin"] == "*"


class TestSerialization:
    """SerializationException: bodies that are not JSON or carry the wrong types."""

    def test_truncated_json(self, wire: Any) -> None:
        """A body that is not JSON has no message."""
        response = wire.handle(request(raw=b'{"TableName": "t'))
        assert (response.status, payload(response)) == (
            400,
            {"__type": "com.amazon.coral.service#SerializationException"},
        )

    def test_empty_body(self, wire: Any) -> None:
        """An empty body for a real operation is a SerializationException."""
        response = wire.handle(request(raw=b""))
        assert payload(response) == {"__type": "com.amazon.coral.service#SerializationException"}

    @pytest.mark.parametrize(
        ("operation", "body", "message"),
        [
            # a string member: each JSON token
            ("DescribeTable", {"TableName": 5}, "NUMBER_VALUE cannot be converted to String"),
            ("DescribeTable", {"TableName": 1.5}, "NUMBER_VALUE cannot be converted to String"),
            ("DescribeTable", {"TableName": True}, "TRUE_VALUE cannot be converted to String"),
            ("DescribeTable", {"TableName": False}, "FALSE_VALUE cannot be converted to String"),
            (
                "DescribeTable",
                {"TableName": {}},
                "Start of structure or map found where not expected",
            ),
            (
                "DescribeTable",
                {"TableName": []},
                "Unrecognized collection type class java.lang.String",
            ),
            # an integer member
            ("ListTables", {"Limit": "5"}, "STRING_VALUE cannot be converted to Integer"),
            ("ListTables", {"Limit": True}, "TRUE_VALUE cannot be converted to Integer"),
            ("ListTables", {"Limit": [1]}, "Unrecognized collection type class java.lang.Integer"),
            ("ListTables", {"Limit": {}}, "Start of structure or map found where not expected"),
            # a long member (DynamoDB's ProvisionedThroughput units)
            (
                "CreateTable",
                {"ProvisionedThroughput": {"ReadCapacityUnits": [1]}},
                "Unrecognized collection type class java.lang.Long",
            ),
            # a boolean member
            ("GetItem", {"ConsistentRead": "true"}, "Unexpected token received from parser"),
            ("GetItem", {"ConsistentRead": 1}, "Unexpected token received from parser"),
            # a list, a map, a structure
            ("CreateTable", {"KeySchema": "k"}, "Unexpected field type"),
            ("CreateTable", {"KeySchema": {}}, "Unexpected field type"),
            ("GetItem", {"Key": "k"}, "Unexpected field type"),
            ("GetItem", {"Key": []}, "Unexpected field type"),
            ("GetItem", {"Key": {"k": 1}}, "Unexpected value type in payload"),
            ("GetItem", {"Key": {"k": []}}, "Unexpected value type in payload"),
            # blobs
            (
                "GetItem",
                {"Key": {"k": {"B": "abc"}}},
                "only base-64-encoded strings are convertible to bytes",
            ),
            (
                "GetItem",
                {"Key": {"k": {"B": "ab!c"}}},
                "only base-64-encoded strings are convertible to bytes",
            ),
            (
                "GetItem",
                {"Key": {"k": {"B": 12}}},
                "only base-64-encoded strings are convertible to bytes",
            ),
        ],
    )
    def test_texts(self, wire: Any, operation: str, body: dict[str, Any], message: str) -> None:
        """Each (JSON token, target type) pair's text, with coral's ``__type``."""
        response = wire.handle(request(operation, {"TableName": "t", **body}))
        assert (response.status, payload(response)) == (
            400,
            {"__type": "com.amazon.coral.service#SerializationException", "Message": message},
        )

    def test_table_covers_every_wrong_token(self) -> None:
        """Every JSON token has a text for every shape type it does not fit."""
        from pyserverless.adapters._shapes import _JAVA, TEXTS

        tokens = ("TRUE_VALUE", "FALSE_VALUE", "NUMBER_VALUE", "STRING_VALUE")
        fits = {"boolean": ("TRUE_VALUE", "FALSE_VALUE"), "blob": ("STRING_VALUE",)}
        for kind in ("scalar", "boolean", "blob", "list", "map", "structure"):
            for token in (*tokens, "START_OBJECT", "START_ARRAY"):
                fitting = {
                    "list": ("START_ARRAY",),
                    "map": ("START_OBJECT",),
                    "structure": ("START_OBJECT",),
                }.get(kind, fits.get(kind, ()))
                if token in fitting:
                    continue
                assert (token, kind) in TEXTS or (kind == "scalar" and token == "STRING_VALUE"), (
                    token,
                    kind,
                )
        assert set(_JAVA) >= {"string", "integer", "long", "double", "timestamp"}

    def test_nulls_and_unknown_members_dropped(self, wire: Any, fakes: Any) -> None:
        """null values and members the shape lacks never reach the engine."""
        wire.handle(request("ListTables", {"Limit": None, "Bogus": 1}))
        assert fakes.client("dynamodb", "us-east-1").calls == [("ListTables", {})]

    def test_nothing_dispatched_on_error(self, wire: Any, fakes: Any) -> None:
        """A request rejected on the wire never reaches the client."""
        wire.handle(request("ListTables", {"Limit": "x"}))
        wire.handle(request("ListTables", raw=b"{"))
        assert (
            fakes.clients.get(("dynamodb", "us-east-1")) is None
            or not fakes.client("dynamodb", "us-east-1").calls
        )

    @given(st.binary(min_size=1, max_size=64))
    def test_blobs_round_trip(self, make_fakes: Any, data: bytes) -> None:
        """Any blob arrives as the bytes that were base64-encoded, and leaves as them."""
        fakes = make_fakes(Cloud.manual())
        wire = fakes.dispatcher()
        schema = [{"AttributeName": "k", "KeyType": "HASH"}]
        wire.handle(request("CreateTable", {"TableName": "t", "KeySchema": schema}))
        encoded = base64.b64encode(data).decode()
        wire.handle(request("PutItem", {"TableName": "t", "Item": {"k": {"B": encoded}}}))
        stored = fakes.client("dynamodb", "us-east-1").calls[-1][1]["Item"]["k"]["B"]
        assert stored == data
        got = wire.handle(request("GetItem", {"TableName": "t", "Key": {"k": {"B": encoded}}}))
        assert payload(got) == {"Item": {"k": {"B": encoded}}}


class TestAuthorization:
    """The Authorization checks DynamoDB makes (the signature itself is not verified)."""

    def test_missing(self, wire: Any) -> None:
        """No Authorization header: MissingAuthenticationTokenException."""
        response = wire.handle(request("ListTables", {}, auth=None))
        assert payload(response) == {
            "__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
            "message": "Request is missing Authentication Token",
        }

    @pytest.mark.parametrize("auth", ["AWS4", "X", ""])
    def test_not_sigv4(self, wire: Any, auth: str) -> None:
        """A header that does not start with AWS4- counts as missing."""
        response = wire.handle(request("ListTables", {}, auth=auth))
        assert payload(response)["__type"].endswith("#MissingAuthenticationTokenException")

    def test_incomplete_everything(self, wire: Any) -> None:
        """'AWS4-' alone lists every missing part, then the header."""
        req = request("ListTables", {}, auth=None)
        headers = dict(req.headers, authorization="AWS4-")
        response = wire.handle(WireRequest("POST", "/", headers, req.body))
        assert payload(response) == {
            "__type": "com.amazon.coral.service#IncompleteSignatureException",
            "message": "Authorization header requires 'Credential' parameter. "
            "Authorization header requires 'Signature' parameter. "
            "Authorization header requires 'SignedHeaders' parameter. "
            "Authorization header requires existence of either a 'X-Amz-Date' or a "
            "'Date' header. Authorization=AWS4-",
        }

    @pytest.mark.parametrize(
        "auth",
        [
            "AWS4- Signature=b Credential=a",
            "AWS4- Signature=b,Credential=a",
            "AWS4- Signature=b, Credential=a",
        ],
    )
    def test_incomplete_signed_headers(self, wire: Any, auth: str) -> None:
        """Parameters may be separated by spaces or commas; only the missing one is named."""
        response = wire.handle(request("ListTables", {}, auth=None, date="a", authorization=auth))
        assert payload(response)["message"] == (
            f"Authorization header requires 'SignedHeaders' parameter. Authorization={auth}"
        )

    def test_query_and_header(self, wire: Any) -> None:
        """Both a pre-signed query and a header: InvalidSignatureException."""
        req = request("ListTables", {})
        response = wire.handle(WireRequest("POST", "/", req.headers, req.body, "X-Amz-Algorithm"))
        assert payload(response)["__type"].endswith("#InvalidSignatureException")

    def test_query_incomplete(self, wire: Any) -> None:
        """A pre-signed query missing parts lists them."""
        req = request("ListTables", {}, auth=None)
        query = "X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d"
        response = wire.handle(WireRequest("POST", "/", req.headers, req.body, query))
        assert payload(response)["message"] == (
            "AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
            "Re-examine the query-string parameters."
        )

    def test_unknown_operation_checked_first(self, wire: Any) -> None:
        """The target is checked before the signature, as DynamoDB does."""
        response = wire.handle(request("Nope", {}, auth=None))
        assert payload(response)["__type"].endswith("#UnknownOperationException")


class TestResponses:
    """Answers carry AWS's headers and error bodies."""

    def test_crc32_and_request_id(self, wire: Any) -> None:
        """x-amz-crc32 is the body's CRC32; x-amzn-RequestId is set."""
        response = wire.handle(request("ListTables", {}))
        assert response.headers["x-amz-crc32"] == str(zlib.crc32(response.body))
        assert response.headers["x-amzn-RequestId"]
        assert response.headers["Content-Length"] == str(len(response.body))

    def test_engine_error(self, wire: Any) -> None:
        """An engine's AWSError becomes DynamoDB's error body with its status."""
        response = wire.handle(request("GetItem", {"TableName": "nope", "Key": {"k": {"S": "a"}}}))
        assert (response.status, payload(response)) == (
            400,
            {
                "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                "message": "Requested resource not found",
            },
        )

    def test_engine_error_keeps_its_status(self, wire: Any) -> None:
        """An AWSError's own HTTP status (500 here) reaches the answer, not a blanket 400."""
        response = wire.handle(request("DescribeTable", {"TableName": "unwell"}))
        assert (response.status, payload(response)) == (
            500,
            {
                "__type": "com.amazonaws.dynamodb.v20120810#InternalServerError",
                "message": "Internal server error (DynamoDB)",
            },
        )

    def test_error_extra_fields(self, wire: Any) -> None:
        """Extra error fields (the item of a failed condition) are in the body, encoded."""
        schema = [{"AttributeName": "k", "KeyType": "HASH"}]
        wire.handle(request("CreateTable", {"TableName": "t", "KeySchema": schema}))
        item = {"k": {"S": "a"}, "b": {"B": base64.b64encode(b"\x00\x01").decode()}}
        put = {
            "TableName": "t",
            "Item": item,
            "ConditionExpression": "attribute_not_exists(#k)",
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }
        wire.handle(request("PutItem", put))
        body = payload(wire.handle(request("PutItem", put)))
        assert body["__type"].endswith("#ConditionalCheckFailedException")
        assert body["Item"] == item

    def test_timestamps_are_epoch_seconds(self, wire: Any, cloud: Any) -> None:
        """datetime values leave as epoch seconds."""
        schema = [{"AttributeName": "k", "KeyType": "HASH"}]
        body = payload(wire.handle(request("CreateTable", {"TableName": "t", "KeySchema": schema})))
        assert body["TableDescription"]["CreationDateTime"] == cloud.now().timestamp()

    def test_unexpected_exception_is_500(self, wire: Any) -> None:
        """A bug in an engine is a 500 InternalServerError, and the wire survives it."""
        response = wire.handle(request("DeleteTable", {"TableName": "t"}))
        assert (response.status, payload(response)) == (
            500,
            {
                "__type": "com.amazonaws.dynamodb.v20120810#InternalServerError",
                "message": "Internal server error",
            },
        )
        assert wire.handle(request("ListTables", {})).status == 200

    def test_unexpected_exception_raised_when_asked(self, fakes: Any) -> None:
        """The bridge's dispatcher lets the engine's own traceback through."""
        with pytest.raises(RuntimeError, match="engine bug"):
            fakes.dispatcher(raise_unexpected=True).handle(
                request("DeleteTable", {"TableName": "t"})
            )

    def test_too_large(self, wire: Any) -> None:
        """413 has an empty body; DynamoDB's limit is 16 MiB."""
        assert wire.too_large().status == 413
        assert wire.body_limit({"x-amz-target": TARGET + "PutItem"}) == 16 * 1024 * 1024


class TestJson11:
    """A JSON 1.1 row (Cognito's): its content type, bare error codes, unsigned operations."""

    def _call(self, wire: Any, operation: str, body: Any, **headers: str) -> WireResponse:
        all_headers = {
            "x-amz-target": f"AWSCognitoIdentityProviderService.{operation}",
            "content-type": "application/x-amz-json-1.1",
            **headers,
        }
        response: WireResponse = wire.handle(
            WireRequest("POST", "/", all_headers, json.dumps(body).encode())
        )
        return response

    def test_unsigned_operation_allowed(self, wire: Any) -> None:
        """Operations botocore marks noAuth (InitiateAuth) need no signature."""
        params = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "c"}
        response = self._call(
            wire, "InitiateAuth", {**params, "AuthParameters": {"PASSWORD": "right"}}
        )
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
        assert payload(response)["AuthenticationResult"]["ExpiresIn"] == 3600

    def test_bare_error_code(self, wire: Any) -> None:
        """Cognito's __type is the bare code."""
        params = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "c"}
        response = self._call(wire, "InitiateAuth", {**params, "AuthParameters": {"PASSWORD": "x"}})
        assert (response.status, payload(response)) == (
            400,
            {"__type": "NotAuthorizedException", "message": "Incorrect username or password."},
        )

    def test_signed_operation_needs_signature(self, wire: Any) -> None:
        """Other operations still need an Authorization header."""
        response = self._call(wire, "ListUserPools", {"MaxResults": 5})
        assert payload(response)["__type"].endswith("#MissingAuthenticationTokenException")
        ok = self._call(wire, "ListUserPools", {"MaxResults": 5}, authorization=AUTH, date="x")
        assert payload(ok)["UserPools"][0]["Id"] == "us-east-1_abc"

    def test_json_10_type_refused(self, wire: Any) -> None:
        """A JSON 1.1 service does not read x-amz-json-1.0 bodies."""
        response = self._call(wire, "ListUserPools", {}, **{"content-type": JSON10})
        assert response.status == 404


class TestHostileBodies:
    """Bodies built to break a parser get AWS's error, never a crash."""

    def test_deeply_nested_json(self, wire: Any) -> None:
        """JSON nested far beyond any shape is a SerializationException."""
        body = b'{"TableName": "t", "Key": {"k": ' + b'{"M": {"a": ' * 5000 + b"1" + b"}}" * 5000
        response = wire.handle(request("GetItem", raw=body + b"}}"))
        assert payload(response)["__type"].endswith("#SerializationException")

    def test_not_utf8(self, wire: Any) -> None:
        """Bytes that are not text are a SerializationException."""
        response = wire.handle(request("ListTables", raw=b'{"Limit": "\xff\xfe"}'))
        assert payload(response) == {"__type": "com.amazon.coral.service#SerializationException"}

    def test_concurrent_first_use(self) -> None:
        """Threads decoding through a fresh decoder table all see complete shapes."""
        import threading

        from pyserverless.adapters._shapes import ShapeDecoders
        from pyserverless.adapters._wire import service_model

        shape = service_model("dynamodb").operation_model("TransactWriteItems").input_shape
        value = {
            "TransactItems": [
                {"Put": {"TableName": "tbl", "Item": {"m": {"M": {"l": {"L": [{"B": "aGk="}]}}}}}}
            ]
        }
        expected = {
            "TransactItems": [
                {"Put": {"TableName": "tbl", "Item": {"m": {"M": {"l": {"L": [{"B": b"hi"}]}}}}}}
            ]
        }
        for _ in range(20):
            decoders = ShapeDecoders()
            start = threading.Barrier(4)
            results: list[Any] = []

            def work(
                decoders: ShapeDecoders = decoders, start: Any = start, results: Any = results
            ) -> None:
                start.wait()
                results.append(decoders.decoder(shape)(value))

            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert results == [expected] * 4


class TestByteExact:
    """Error bodies are byte for byte DynamoDB's: their CRC32s are the recorded ones."""

    @pytest.mark.parametrize(
        ("make", "crc"),
        [
            (lambda: request(raw=b"hi"), "3948637019"),  # SerializationException
            (lambda: request("Nope", {}), "1368724161"),  # UnknownOperationException
            (lambda: request("ListTables", {}, auth=None), "2088342776"),  # MissingAuth...
            (
                lambda: request("ListTables", {}, auth=None, authorization="AWS4-"),
                "1828866742",  # IncompleteSignatureException, everything missing
            ),
        ],
    )
    def test_recorded_crc32(self, wire: Any, make: Any, crc: str) -> None:
        """The x-amz-crc32 of each wire-level error equals the live service's."""
        response = wire.handle(make())
        assert response.headers["x-amz-crc32"] == crc
        assert str(zlib.crc32(response.body)) == crc


class TestEncoding:
    """encode_json writes the same bytes with or without the ``fast`` extra (orjson)."""

    _VALUES = st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**70), 2**70)
        | st.floats()
        | st.text(max_size=8)
        | st.binary(max_size=6)
        | st.decimals(allow_nan=False, allow_infinity=False, places=2)
        | st.datetimes(timezones=st.just(datetime.UTC)),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(max_size=5), inner, max_size=4)
            | st.frozensets(st.text(max_size=3), max_size=3)
        ),
        max_leaves=12,
    )

    @given(value=_VALUES)
    def test_same_bytes_as_json(self, value: Any) -> None:
        """Any response value: json's bytes, but for floats in exponent form (same value)."""
        from pyserverless.adapters import _shapes

        if _shapes._orjson is None:
            pytest.skip("the fast extra (orjson) is not installed")
        ours, theirs = _shapes.encode_json(value), _shapes._ENCODER.encode(value).encode()
        if re.search(rb"[0-9][eE]", theirs):
            assert json.loads(ours) == json.loads(theirs)
        else:
            assert ours == theirs
