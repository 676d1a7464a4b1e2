"""An export imported back equals the table at the export time, for every type; and the
Ion writer and reader against the ``amazon.ion`` library (when installed)."""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless._core.clock import ManualClock
from pyserverless.dynamo import _ion
from pyserverless.strategies import attribute_values, items

KEYS = {"pk": "S", "sk": "B"}


def _roundtrip(
    batch: list[dict[str, Any]], later: list[dict[str, Any]], fmt: str, gz: bool
) -> None:
    cloud = Cloud(clock=ManualClock(), seed=0)
    ddb, s3 = cloud.client("dynamodb"), cloud.client("s3")
    s3.create_bucket(Bucket="bkt")
    schema = [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ]
    defs = [{"AttributeName": k, "AttributeType": t} for k, t in KEYS.items()]
    arn = ddb.create_table(
        TableName="src",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=schema,
        AttributeDefinitions=defs,
    )["TableDescription"]["TableArn"]
    ddb.update_continuous_backups(
        TableName="src", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    for item in batch:
        ddb.put_item(TableName="src", Item=item)
    expected = sorted(map(repr, _scan(ddb, "src")))
    cloud.advance(5)
    then = cloud.clock.time()
    cloud.advance(5)
    for item in later:  # after the export time: not in the export
        ddb.put_item(TableName="src", Item=item)
    d = ddb.export_table_to_point_in_time(
        TableArn=arn, S3Bucket="bkt", ExportTime=then, ExportFormat=fmt, S3Prefix="x"
    )["ExportDescription"]
    export_id = d["ExportArn"].rsplit("/", 1)[1]
    prefix = f"x/AWSDynamoDB/{export_id}/data/"
    if not gz:  # the same lines, uncompressed, in another folder
        for row in s3.list_objects_v2(Bucket="bkt", Prefix=prefix)["Contents"]:
            body = s3.get_object(Bucket="bkt", Key=row["Key"])["Body"].read()
            s3.put_object(Bucket="bkt", Key="plain/" + row["Key"], Body=gzip.decompress(body))
        prefix = "plain/" + prefix
    imp = ddb.import_table(
        S3BucketSource={"S3Bucket": "bkt", "S3KeyPrefix": prefix},
        InputFormat=fmt,
        InputCompressionType="GZIP" if gz else "NONE",
        TableCreationParameters={
            "TableName": "dst",
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": schema,
            "AttributeDefinitions": defs,
        },
    )["ImportTableDescription"]
    got = ddb.describe_import(ImportArn=imp["ImportArn"])["ImportTableDescription"]
    assert got["ErrorCount"] == 0, cloud.engine("dynamodb").import_errors(imp["ImportArn"])
    assert sorted(map(repr, _scan(ddb, "dst"))) == expected


def _scan(ddb: Any, name: str) -> list[dict[str, Any]]:
    out = [_sorted_sets(i) for i in ddb.scan(TableName=name)["Items"]]
    return out


def _sorted_sets(av: Any) -> Any:
    if isinstance(av, dict):
        return {
            # A number set keeps its written order through the round trip: not sorted.
            k: sorted(v, key=repr) if k in ("SS", "BS") else _sorted_sets(v)
            for k, v in sorted(av.items())
        }
    if isinstance(av, list):
        return [_sorted_sets(x) for x in av]
    return av


@pytest.mark.parametrize(("fmt", "gz"), [("DYNAMODB_JSON", True), ("ION", True)])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    batch=st.lists(items(keys=KEYS, wire=True), max_size=6),
    later=st.lists(items(keys=KEYS, wire=True), max_size=2),
)
def test_roundtrip_every_type(
    fmt: str, gz: bool, batch: list[dict[str, Any]], later: list[dict[str, Any]]
) -> None:
    _roundtrip(batch, later, fmt, gz)


@pytest.mark.parametrize("fmt", ["DYNAMODB_JSON", "ION"])
@settings(max_examples=10, deadline=None)
@given(batch=st.lists(items(keys=KEYS, wire=True), max_size=4))
def test_roundtrip_uncompressed(fmt: str, batch: list[dict[str, Any]]) -> None:
    _roundtrip(batch, [], fmt, False)


def test_every_type_by_hand() -> None:
    """One item holding each type, nested, survives both formats."""
    item = {
        "pk": {"S": "k"},
        "sk": {"B": b"\x00"},
        "s": {"S": 'it\'s "q" \n ü 𝄞'},
        "n": {"N": "-1.5E-130"},
        "big": {"N": "9.9999999999999999999999999999999999999E+125"},
        "b": {"B": b"\xff\x00"},
        "ss": {"SS": ["a", "b"]},
        "ns": {"NS": ["1", "2.5"]},
        "bs": {"BS": [b"x", b"y"]},
        "m": {"M": {"null": {"NULL": True}, "a b": {"BOOL": False}, "$x": {"L": []}}},
        "l": {"L": [{"M": {"deep": {"L": [{"N": "0"}, {"SS": ["z"]}]}}}, {"BOOL": True}]},
    }
    for fmt in ("DYNAMODB_JSON", "ION"):
        for gz in (True, False):
            _roundtrip([item], [], fmt, gz)


# -- Ion against the amazon.ion library ------------------------------------------------------
def _to_plain(v: Any) -> Any:
    """A native value compared with what amazon.ion reads (sets as sorted lists)."""
    if isinstance(v, (set, frozenset)):
        return sorted(_to_plain(x) for x in v)
    if isinstance(v, dict):
        return {k: _to_plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_to_plain(x) for x in v]
    return v


def _from_library(v: Any) -> Any:
    from amazon.ion.simple_types import IonPyNull

    annotations = [getattr(a, "text", a) for a in getattr(v, "ion_annotations", ())]
    if isinstance(v, IonPyNull) or v is None:
        return None
    if isinstance(v, Mapping):
        return {k: _from_library(x) for k, x in v.items()}
    if isinstance(v, list):
        out = [_from_library(x) for x in v]
        return sorted(out) if annotations else out
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, Decimal):
        return Decimal(v)
    if isinstance(v, bytes):
        return bytes(v)
    if isinstance(v, str):
        return str(v)
    return v


@settings(max_examples=200, deadline=None)
@given(attribute_values())
def test_ion_writer_against_amazon_ion(value: Any) -> None:
    simpleion = pytest.importorskip("amazon.ion.simpleion")
    text = _ion.dumps_line({"Item": {"v": value}})
    read = simpleion.loads(text)
    assert _from_library(read) == _to_plain({"Item": {"v": value}})
    anno = {"SS", "NS", "BS"}
    if isinstance(value, (set, frozenset)):
        got = read["Item"]["v"].ion_annotations[0].text
        assert got.removeprefix("$dynamodb_") in anno


@settings(max_examples=200, deadline=None)
@given(attribute_values())
def test_ion_reader_reads_amazon_ion_text(value: Any) -> None:
    simpleion = pytest.importorskip("amazon.ion.simpleion")
    from amazon.ion.core import IonType
    from amazon.ion.simple_types import IonPyList

    def lib(v: Any) -> Any:
        if isinstance(v, (set, frozenset)):
            kind = {str: "SS", Decimal: "NS", bytes: "BS"}[type(next(iter(v)))]
            out = IonPyList.from_value(
                IonType.LIST, sorted(lib(x) for x in v), (f"$dynamodb_{kind}",)
            )
            return out
        if isinstance(v, dict):
            return {k: lib(x) for k, x in v.items()}
        if isinstance(v, list):
            return [lib(x) for x in v]
        return v

    text = simpleion.dumps({"Item": {"v": lib(value)}}, binary=False)
    assert _ion.loads_values(text) == [{"Item": {"v": value}}]


def test_ion_reader_refuses_what_dynamodb_does_not_write() -> None:
    for bad in ('{a:$other::["x"]}', "{a:$dynamodb_SS::[1.]}", "{a:", "{{!!}}", '"open'):
        with pytest.raises(_ion.IonError):
            _ion.loads_values(bad)
    assert _ion.loads_values("// c\n{'a b':null.string, /* x */ c:true}") == [
        {"a b": None, "c": True}
    ]
