"""The generated shape tables and the validator built on them, against botocore's own."""

from __future__ import annotations

import datetime
import decimal
import functools
import json
import os
import pathlib
import subprocess
import sys
import textwrap
import timeit
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless._core import shapes
from pyserverless._core.errors import AWSError, ParamValidationError

botocore_validate = pytest.importorskip("botocore.validate")
from botocore.loaders import create_loader  # noqa: E402
from botocore.model import ServiceModel  # noqa: E402

SERVICES = ("dynamodb", "lambda", "cognito-idp", "sts")
ROOT = pathlib.Path(__file__).resolve().parents[2]

_MODELS: dict[str, ServiceModel] = {}


def _model(service: str) -> ServiceModel:
    if service not in _MODELS:
        data = create_loader().load_service_model(service, "service-2")
        _MODELS[service] = ServiceModel(data, service_name=service)
    return _MODELS[service]


def _botocore_lines(service: str, operation: str, params: Any) -> list[str]:
    shape = _model(service).operation_model(operation).input_shape
    report = botocore_validate.ParamValidator().validate(params, shape)
    return report.generate_report().splitlines() if report.has_errors() else []


def _ours(service: str, operation: str, params: Any) -> list[str]:
    try:
        shapes.validate(service, operation, params)
    except ParamValidationError as err:
        text = str(err)
        assert text.startswith("Parameter validation failed:\n")
        return text.splitlines()[1:]
    except AWSError:
        # The service's own constraint layer (SERVER_SIDE), which botocore does not run:
        # it answers only requests botocore lets through.
        return []
    return []


def _server_refuses(service: str, operation: str, params: Any) -> bool:
    try:
        shapes.validate(service, operation, params)
    except AWSError:
        return True
    except ParamValidationError:
        return False
    return False


# -- strategies: requests drawn from the table, right and wrong ------------------------------
_TEXT = st.text(max_size=6)
_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    _TEXT,
    st.binary(max_size=3),
    st.decimals(allow_nan=False, allow_infinity=False, places=1),
    st.lists(st.integers(0, 2), max_size=2),
    st.dictionaries(_TEXT, st.integers(0, 2), max_size=2),
)


def _scalar(shape: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    kind = shape["t"]
    if kind == "string":
        if "e" in shape:
            return st.sampled_from(shape["e"]) | _TEXT
        return st.text(max_size=4) | st.just("")
    if kind in ("integer", "long"):
        return st.integers(-2, 3)
    if kind in ("double", "float"):
        return st.floats(-2, 3) | st.integers(-2, 3)
    if kind == "boolean":
        return st.booleans()
    if kind == "blob":
        return st.binary(max_size=3) | _TEXT
    if kind == "timestamp":  # strings parse differently in dateutil: numbers and datetimes only
        return st.integers(0, 2**31) | st.datetimes()
    return st.none()


def request_values(table: Mapping[str, Any], ref: str, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values for shape ``ref``: mostly its own type, sometimes junk, members mixed."""
    shape = table["shapes"][ref]
    kind = shape["t"]
    junk = _JUNK.filter(lambda v: not isinstance(v, (float,))) if kind == "timestamp" else _JUNK
    if depth > 3:
        return junk
    if kind == "structure" and not shape.get("d"):
        members = shape["m"]
        names = list(members)
        required = [r for r in shape.get("r", ()) if r not in shape.get("i", ())]

        @st.composite
        def structure(draw: Any) -> dict[str, Any]:
            chosen = (
                draw(st.lists(st.sampled_from(names), unique=True, max_size=3)) if names else []
            )
            keep = [r for r in required if draw(st.integers(0, 9)) > 0]
            out: dict[str, Any] = {}
            for name in dict.fromkeys(keep + chosen):
                out[name] = draw(request_values(table, members[name], depth + 1))
            if draw(st.integers(0, 9)) == 0:
                out[draw(_TEXT)] = draw(_JUNK)
            return out

        own: st.SearchStrategy[Any] = structure()
    elif kind == "list":
        own = st.lists(request_values(table, shape["l"], depth + 1), max_size=2)
    elif kind == "map":
        own = st.dictionaries(
            _TEXT,
            request_values(table, shape["v"], depth + 1),
            max_size=2,
        )
    else:
        own = _scalar(shape)
    return st.one_of(own, own, own, junk)


def _operations() -> list[tuple[str, str]]:
    return [(svc, op) for svc in SERVICES for op in shapes.operations(svc)]


OPERATIONS = _operations()


class TestTables:
    def test_every_service_with_a_client_has_a_table(self) -> None:
        """Each emulated service's operations are all in its generated table."""
        from pyserverless._core.services import SERVICES as TABLE

        cloud = Cloud.manual()
        for spec in (s for s in TABLE if s.client is not None):  # execute-api has none
            assert shapes.has_table(spec.name), f"run scripts/gen_shapes.py {spec.name}"
            client = cloud.client(spec.name)
            missing = set(client.operations) - set(shapes.operations(spec.name))
            assert not missing, (spec.name, missing)

    def test_tables_match_the_generator(self, tmp_path: pathlib.Path) -> None:
        """The committed tables are what scripts/gen_shapes.py writes from botocore."""
        script = ROOT / "scripts" / "gen_shapes.py"
        subprocess.run(
            [sys.executable, str(script), *SERVICES, "--out", str(tmp_path)],
            check=True,
            capture_output=True,
        )
        for service in SERVICES:
            fresh = json.loads((tmp_path / f"{service}.json").read_text())
            committed = dict(shapes.table(service))
            assert fresh["botocore"] == committed["botocore"], (
                f"the tables are from botocore {committed['botocore']}, this is "
                f"{fresh['botocore']}: install the test extra's pinned botocore, or bump the "
                "pin and re-run scripts/gen_shapes.py"
            )
            assert fresh == committed, service

    def test_tables_hold_no_documentation(self) -> None:
        """The tables keep only what validation needs."""
        for service in SERVICES:
            text = (ROOT / "pyserverless" / "_models" / f"{service}.json").read_text()
            assert "documentation" not in text
            assert len(text) < 100_000


class TestClientSide:
    """botocore's ParamValidator and ours give the same report, line for line."""

    @pytest.mark.parametrize(
        ("service", "operation", "params"),
        [
            ("dynamodb", "PutItem", {"TableName": "abc"}),
            ("dynamodb", "ListTables", {"Limit": 0}),
            ("dynamodb", "GetItem", {"TableName": 1, "Key": [], "Bogus": 2}),
            ("dynamodb", "PutItem", {"TableName": "t", "Item": {"a": {"S": 1, "Q": 2}}}),
            ("dynamodb", "BatchGetItem", {"RequestItems": {"": {"Keys": [{"k": {"N": 1}}]}}}),
            ("lambda", "Invoke", {"FunctionName": "", "Payload": 3, "InvocationType": 1}),
            ("lambda", "CreateFunction", {"FunctionName": "f", "Code": {"ZipFile": object}}),
            ("cognito-idp", "ListUsers", {"UserPoolId": "p", "Limit": -1}),
            ("cognito-idp", "AdminCreateUser", {"UserPoolId": "p", "Username": ""}),
            (
                "dynamodb",
                "RestoreTableToPointInTime",
                {"TargetTableName": "t", "RestoreDateTime": "x"},
            ),
        ],
    )
    def test_known_cases(self, service: str, operation: str, params: Any) -> None:
        """Hand-picked bad requests report exactly as botocore reports them."""
        expected = _botocore_lines(service, operation, params)
        assert expected
        assert _ours(service, operation, params) == expected

    @given(data=st.data())
    @settings(max_examples=300 if os.environ.get("PYSERVERLESS_FUZZ") else 150)
    def test_random_requests(self, data: st.DataObject) -> None:
        """Random requests from the model's shapes: the same lines as botocore's."""
        service, operation = data.draw(st.sampled_from(OPERATIONS))
        table = shapes.table(service)
        root = table["operations"][operation]
        if root is None:
            params: Any = data.draw(st.dictionaries(_TEXT, _JUNK, max_size=1))
        else:
            params = data.draw(request_values(table, root))
        expected = _botocore_lines(service, operation, params)
        assert _ours(service, operation, params) == expected
        # the fast walk agrees with the report: valid requests never pay for one
        valid = not expected and not _server_refuses(service, operation, params)
        assert shapes.passes(service, operation, params) == valid

    def test_idempotency_tokens_need_not_be_given(self) -> None:
        """A required token that botocore fills in is not reported missing."""
        table: dict[str, dict[str, Any]] = {
            "In": {"t": "structure", "m": {"Tok": "S", "N": "S"}, "r": ["Tok", "N"], "i": ["Tok"]},
            "S": {"t": "string"},
        }
        fast = shapes._Compiler(table, frozenset(), server=False).compile("In")
        assert fast is not None
        assert fast({"N": "x"})
        assert not fast({})
        assert shapes.Report(table, frozenset()).client({}, "In") == [
            'Missing required parameter in input: "N"'
        ]

    def test_host_labels_are_at_least_one_long(self) -> None:
        """A host-label member has botocore's implicit minimum length of 1."""
        table: dict[str, dict[str, Any]] = {
            "In": {"t": "structure", "m": {"Host": "S"}, "h": ["Host"]},
            "S": {"t": "string"},
        }
        fast = shapes._Compiler(table, frozenset(), server=False).compile("In")
        assert fast is not None
        assert fast({"Host": "a"})
        assert not fast({"Host": ""})
        assert shapes.Report(table, frozenset()).client({"Host": ""}, "In") == [
            "Invalid length for parameter Host, value: 0, valid min length: 1"
        ]

    def test_timestamps(self) -> None:
        """Datetimes, epoch numbers and ISO strings pass; other values do not."""
        base = {"TargetTableName": "ttt", "SourceTableName": "sss"}
        for good in (
            datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
            0,
            1.5,
            "2024-01-01T00:00:00",
            "12",
        ):
            shapes.validate(
                "dynamodb", "RestoreTableToPointInTime", {**base, "RestoreDateTime": good}
            )
        bad: Any
        for bad in ("yesterday", [], None):
            with pytest.raises(ParamValidationError, match="timestamp-string"):
                shapes.validate(
                    "dynamodb", "RestoreTableToPointInTime", {**base, "RestoreDateTime": bad}
                )

    def test_not_a_number(self) -> None:
        """A float NaN passes a minimum (as in botocore); a Decimal NaN is out of range
        (botocore itself raises decimal.InvalidOperation there)."""
        weights: dict[str, Any] = {}
        routing = {"FunctionName": "f", "Name": "a", "RoutingConfig": weights}
        weights["AdditionalVersionWeights"] = {"2": float("nan")}
        assert _ours("lambda", "UpdateAlias", routing) == []
        assert _botocore_lines("lambda", "UpdateAlias", routing) == []
        assert shapes.passes("lambda", "UpdateAlias", routing)
        weights["AdditionalVersionWeights"] = {"2": decimal.Decimal("NaN")}
        assert _ours("lambda", "UpdateAlias", routing) == [
            (
                "Invalid value for parameter RoutingConfig.AdditionalVersionWeights.2, value: NaN, "
                "valid min value: 0.0"
            )
        ]

    def test_native_values_skip_attribute_values(self) -> None:
        """With native_values, AttributeValue positions hold Python values unchecked."""
        params = {"TableName": "t", "Item": {"n": decimal.Decimal(1), "s": {1, 2}}}
        shapes.validate("dynamodb", "PutItem", params, native_values=True)
        with pytest.raises(ParamValidationError, match=r"Invalid type for parameter Item\.n"):
            shapes.validate("dynamodb", "PutItem", params)
        with pytest.raises(ParamValidationError, match='Unknown parameter in input: "Bogus"'):
            shapes.validate("dynamodb", "PutItem", {**params, "Bogus": 1}, native_values=True)

    def test_recursive_shapes_validate_deeply(self) -> None:
        """AttributeValue refers to itself: a bad value deep inside is still found."""
        deep: dict[str, Any] = {"S": 5}
        for _ in range(10):
            deep = {"M": {"x": deep}}
        lines = _ours("dynamodb", "PutItem", {"TableName": "t", "Item": {"a": deep}})
        assert lines == _botocore_lines(
            "dynamodb", "PutItem", {"TableName": "t", "Item": {"a": deep}}
        )
        assert len(lines) == 1

    def test_nesting_deeper_than_python_is_left_to_the_engine(self) -> None:
        """A request nested past the recursion limit is not a RecursionError here."""
        deep: dict[str, Any] = {"S": "x"}
        for _ in range(sys.getrecursionlimit()):
            deep = {"L": [deep]}
        shapes.validate("dynamodb", "PutItem", {"TableName": "t", "Item": {"a": deep}})


class TestServerSide:
    def test_wire_answers_in_aws_form(self) -> None:
        """A missing member and a minimum: AWS's envelope, several at once."""
        text = shapes.check_wire("dynamodb", "PutItem", {"TableName": ""})
        assert text == (
            "2 validation errors detected: Value null at 'item' failed to satisfy constraint: "
            "Member must not be null; Value '' at 'tableName' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1"
        )

    def test_wire_nested_paths(self) -> None:
        """Nested members are named as AWS names them (lowerCamel, 1-based list members)."""
        params = {
            "TableName": "t",
            "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"KeyType": "RANGE"}],
            "AttributeDefinitions": [],
        }
        text = shapes.check_wire("dynamodb", "CreateTable", params)
        assert text is not None
        assert "Value null at 'keySchema.2.member.attributeName'" in text

    def test_valid_wire_request_passes(self) -> None:
        """A request that keeps the model has no server-side answer."""
        assert shapes.check_wire("lambda", "GetFunction", {"FunctionName": "f"}) is None

    def test_generic_server_pass_is_opt_in(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Enum, maximum and pattern run only where SERVER_SIDE enables them."""
        params = {"FunctionName": "f", "InvocationType": "Bogus"}
        shapes.validate("lambda", "Invoke", params)  # off: the engine decides
        monkeypatch.setattr(shapes, "SERVER_SIDE", {"lambda": frozenset({"Invoke"})})
        shapes.checker.cache_clear()
        shapes._compiled.cache_clear()
        try:
            with pytest.raises(AWSError) as info:
                shapes.validate("lambda", "Invoke", params)
        finally:
            monkeypatch.undo()
            shapes.checker.cache_clear()
            shapes._compiled.cache_clear()
        assert info.value.code == "ValidationException"
        assert info.value.message == (
            "1 validation error detected: Value 'Bogus' at 'invocationType' failed to satisfy "
            "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"
        )


class TestClientLayer:
    def test_every_client_validates(self) -> None:
        """cloud.client(x) refuses a misspelt parameter for every service."""
        cloud = Cloud.manual()
        for service in SERVICES:
            client = cloud.client(service)
            op = next(iter(client.operations.values()))
            with pytest.raises(ParamValidationError, match='Unknown parameter in input: "Bogus"'):
                getattr(client, op)(Bogus=1)

    def test_operations_declared_by_hand_validate_too(self) -> None:
        """Lambda's invoke, registered without the decorator, is checked all the same."""
        lam = Cloud.manual().client("lambda")
        with pytest.raises(ParamValidationError, match="Invalid type for parameter FunctionName"):
            lam.invoke(FunctionName=[])
        with pytest.raises(ParamValidationError, match="Invalid type for parameter FunctionName"):
            lam.dispatch("Invoke", {"FunctionName": []})

    def test_dispatch_refuses_what_the_wire_cannot_carry(self) -> None:
        """dispatch still refuses unknown members and wrong types (no door sends them)."""
        ddb = Cloud.manual().client("dynamodb")
        with pytest.raises(ParamValidationError, match='Unknown parameter in input: "Bogus"'):
            ddb.dispatch("ListTables", {"Bogus": 1})
        assert ddb.dispatch("ListTables", {"Limit": 1})["TableNames"] == []

    def test_dispatch_answers_as_the_service(self) -> None:
        """dispatch (the doors' entry) answers a model-breaking request with AWS's 400."""
        ddb = Cloud.manual().client("dynamodb")
        with pytest.raises(AWSError) as info:
            ddb.dispatch("ListTables", {"Limit": 0})
        assert info.value.code == "ValidationException"
        assert info.value.status == 400
        assert info.value.operation_name == "ListTables"

    @pytest.mark.parametrize(
        ("target", "body", "message"),
        [
            (
                "PutItem",
                b'{"TableName": "abc"}',
                (
                    "1 validation error detected: Value null at 'item' failed to satisfy "
                    "constraint: Member must not be null"
                ),
            ),
            (
                "ListTables",
                b'{"Limit": 0}',
                (
                    "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                    "constraint: Member must have value greater than or equal to 1"
                ),
            ),
        ],
    )
    def test_http_door_answers_400(self, target: str, body: bytes, message: str) -> None:
        """Over the wire, a model-breaking request gets AWS's 400, not a 500 (issue 11)."""
        from pyserverless.adapters._wire import Dispatcher, WireRequest

        headers = {
            "content-type": "application/x-amz-json-1.0",
            "x-amz-target": f"DynamoDB_20120810.{target}",
        }
        wire = Dispatcher(Cloud.manual())
        response = wire.handle(WireRequest("POST", "/", headers, body, trusted=True))
        assert response.status == 400
        assert json.loads(response.body) == {
            "__type": "com.amazon.coral.validate#ValidationException",
            "message": message,
        }

    def test_cognito_answers_invalid_parameter(self) -> None:
        """Cognito's code for a constraint violation is InvalidParameterException."""
        idp = Cloud.manual().client("cognito-idp")
        with pytest.raises(AWSError) as info:
            idp.dispatch("ListUsers", {"UserPoolId": "us-east-1_x", "Limit": -1})
        assert info.value.code == "InvalidParameterException"


_WITHOUT_BOTOCORE = textwrap.dedent(
    """
    import importlib.abc, json, sys

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "botocore" or name.startswith(("botocore.", "boto3")):
                raise ImportError("blocked: " + name)
            return None

    sys.meta_path.insert(0, Block())
    from pyserverless import Cloud
    from pyserverless._core import shapes
    from pyserverless._core.errors import ParamValidationError, PyServerlessError

    out = []
    for service, operation, params in json.loads(sys.argv[1]):
        try:
            shapes.validate(service, operation, params)
            out.append(None)
        except ParamValidationError as err:
            assert isinstance(err, PyServerlessError)
            out.append([str(err), err.kwargs["report"]])
    ddb = Cloud.manual().client("dynamodb")
    try:
        ddb.get_item(TableName="t", Key={}, ConsistantRead=True)
    except ParamValidationError as err:
        out.append([str(err), err.kwargs["report"]])
    import pickle
    err = pickle.loads(pickle.dumps(ParamValidationError(report="x")))
    assert type(err) is ParamValidationError and str(err) == "Parameter validation failed:\\nx"
    assert type(err).__name__ == "ParamValidationError"
    assert "botocore" not in sys.modules
    print(json.dumps(out))
    """
)


class TestWithoutBotocore:
    def test_same_messages_without_botocore(self) -> None:
        """A fresh interpreter that cannot import botocore reports the same messages."""
        cases: list[tuple[str, str, dict[str, Any]]] = [
            ("dynamodb", "PutItem", {"TableName": "abc"}),
            ("dynamodb", "ListTables", {"Limit": 0}),
            ("dynamodb", "GetItem", {"TableName": 1, "Key": [], "Bogus": 2}),
            ("lambda", "Invoke", {"FunctionName": ""}),
            ("cognito-idp", "ListUsers", {"UserPoolId": "p", "Limit": -1}),
            ("lambda", "GetFunction", {"FunctionName": "f"}),
        ]
        run = subprocess.run(
            [sys.executable, "-c", _WITHOUT_BOTOCORE, json.dumps(cases)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        got = json.loads(run.stdout)
        for (service, operation, params), answer in zip(cases, got, strict=False):
            expected = _botocore_lines(service, operation, params)
            if not expected:
                assert answer is None
                continue
            report = "\n".join(expected)
            assert answer == ["Parameter validation failed:\n" + report, report]
        ddb = Cloud.manual().client("dynamodb")
        with pytest.raises(ParamValidationError) as info:
            ddb.get_item(TableName="t", Key={}, ConsistantRead=True)
        assert got[-1] == [str(info.value), info.value.kwargs["report"]]


class TestSpeed:
    def test_valid_requests_are_cheap(self) -> None:
        """A valid request costs microseconds (a generous bound for a loaded CI box)."""
        item = {"pk": {"S": "user#1"}, "sk": {"N": "1"}, "name": {"S": "x"}, "tags": {"SS": ["a"]}}
        cases: list[tuple[str, str, dict[str, Any]]] = [
            ("dynamodb", "PutItem", {"TableName": "t", "Item": item}),
            ("dynamodb", "GetItem", {"TableName": "t", "Key": {"pk": {"S": "a"}}}),
            (
                "dynamodb",
                "Query",
                {
                    "TableName": "t",
                    "KeyConditionExpression": "pk = :p",
                    "ExpressionAttributeValues": {":p": {"S": "a"}},
                },
            ),
            ("lambda", "Invoke", {"FunctionName": "f", "Payload": b"{}"}),
        ]
        for service, operation, params in cases:
            check = shapes.checker(service, operation)
            check(params)
            best = (
                min(timeit.repeat(functools.partial(check, params), number=2000, repeat=3)) / 2000
            )
            assert best < 50e-6, (operation, best)
