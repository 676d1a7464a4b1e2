"""ImportTable, DescribeImport, ListImports and the import's error log."""

from __future__ import annotations

import gzip
import sys
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, mock_aws
from pyserverless._core.clock import ManualClock


def _params(name: str = "imported", **types: str) -> dict[str, Any]:
    types = types or {"id": "S"}
    keys = list(types)
    schema = [{"AttributeName": keys[0], "KeyType": "HASH"}]
    if len(keys) > 1:
        schema.append({"AttributeName": keys[1], "KeyType": "RANGE"})
    return {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": schema,
        "AttributeDefinitions": [
            {"AttributeName": k, "AttributeType": t} for k, t in types.items()
        ],
    }


def _bucket(cloud: Cloud, objects: dict[str, bytes]) -> Any:
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="src")
    for key, body in objects.items():
        s3.put_object(Bucket="src", Key=key, Body=body)
    return s3


def _items(ddb: Any, name: str = "imported") -> list[dict[str, Any]]:
    return sorted(ddb.scan(TableName=name)["Items"], key=repr)


def test_dynamodb_json_with_errors_logged(cloud: Cloud) -> None:
    lines = [
        '{"Item":{"id":{"S":"a"},"n":{"N":"1"}}}',
        "not json",
        '{"Item":{"other":{"S":"x"}}}',
        '{"Item":{"id":{"N":"5"}}}',
        '{"Item":{"id":{"S":"b"},"b":{"B":"aGk="},"l":{"L":[{"NULL":true}]}}}',
    ]
    _bucket(cloud, {"in/one.json": "\n".join(lines).encode()})
    ddb = cloud.client("dynamodb")
    d = ddb.import_table(
        S3BucketSource={"S3Bucket": "src", "S3KeyPrefix": "in/"},
        InputFormat="DYNAMODB_JSON",
        TableCreationParameters=_params(),
    )["ImportTableDescription"]
    assert d["ImportStatus"] == "IN_PROGRESS"
    arn = d["ImportArn"]
    assert arn.startswith(d["TableArn"] + "/import/")
    got = ddb.describe_import(ImportArn=arn)["ImportTableDescription"]
    assert got["ImportStatus"] == "COMPLETED"
    assert (got["ProcessedItemCount"], got["ImportedItemCount"], got["ErrorCount"]) == (5, 2, 3)
    assert _items(ddb) == [
        {"id": {"S": "a"}, "n": {"N": "1"}},
        {"id": {"S": "b"}, "b": {"B": b"hi"}, "l": {"L": [{"NULL": True}]}},
    ]
    errors = cloud.engine("dynamodb").import_errors(arn)
    assert [e["itemS3Pointer"]["itemIndex"] for e in errors] == [1, 2, 3]
    assert all(e["itemS3Pointer"]["key"] == "in/one.json" for e in errors)
    assert "Missing the key id" in errors[1]["errorMessages"][0]
    assert "Type mismatch" in errors[2]["errorMessages"][0]


def test_csv_header_and_key_types(cloud: Cloud) -> None:
    body = "pk,sk,note,empty\nu1,10,hello,\nu1,2,world,x\nu2,oops,bad,\n"
    _bucket(cloud, {"data.csv": body.encode()})
    ddb = cloud.client("dynamodb")
    d = ddb.import_table(
        S3BucketSource={"S3Bucket": "src"},
        InputFormat="CSV",
        TableCreationParameters=_params(pk="S", sk="N"),
    )["ImportTableDescription"]
    assert _items(ddb) == [
        {"pk": {"S": "u1"}, "sk": {"N": "10"}, "note": {"S": "hello"}},
        {"pk": {"S": "u1"}, "sk": {"N": "2"}, "note": {"S": "world"}, "empty": {"S": "x"}},
    ]
    got = ddb.describe_import(ImportArn=d["ImportArn"])["ImportTableDescription"]
    assert (got["ImportedItemCount"], got["ErrorCount"]) == (2, 1)


def test_csv_options(cloud: Cloud) -> None:
    _bucket(cloud, {"data.tsv": b"a\t1\nb\t2\n"})
    ddb = cloud.client("dynamodb")
    ddb.import_table(
        S3BucketSource={"S3Bucket": "src"},
        InputFormat="CSV",
        InputFormatOptions={"Csv": {"Delimiter": "\t", "HeaderList": ["id", "n"]}},
        TableCreationParameters=_params(),
    )
    assert _items(ddb) == [
        {"id": {"S": "a"}, "n": {"S": "1"}},
        {"id": {"S": "b"}, "n": {"S": "2"}},
    ]
    with pytest.raises(ddb.exceptions.ClientError) as info:
        ddb.import_table(
            S3BucketSource={"S3Bucket": "src"},
            InputFormat="ION",
            InputFormatOptions={"Csv": {"Delimiter": ","}},
            TableCreationParameters=_params("other"),
        )
    assert info.value.response["Error"]["Code"] == "ValidationException"
    assert ddb.list_tables()["TableNames"] == ["imported"]


def test_ion_gzip(cloud: Cloud) -> None:
    text = '$ion_1_0 {Item:{id:"a",n:1.5d1,s:$dynamodb_NS::[1.,2.]}}\n$ion_1_0 {Item:{id:"b"}}\n'
    _bucket(cloud, {"x.ion.gz": gzip.compress(text.encode())})
    ddb = cloud.client("dynamodb")
    ddb.import_table(
        S3BucketSource={"S3Bucket": "src"},
        InputFormat="ION",
        InputCompressionType="GZIP",
        TableCreationParameters=_params(),
    )
    items = _items(ddb)
    assert items[0]["n"] == {"N": "15"}
    assert sorted(items[0]["s"]["NS"]) == ["1", "2"]
    assert items[1] == {"id": {"S": "b"}}


def test_gzip_that_is_not_gzip_is_an_error(cloud: Cloud) -> None:
    _bucket(cloud, {"x.gz": b"plain"})
    ddb = cloud.client("dynamodb")
    d = ddb.import_table(
        S3BucketSource={"S3Bucket": "src"},
        InputFormat="DYNAMODB_JSON",
        InputCompressionType="GZIP",
        TableCreationParameters=_params(),
    )["ImportTableDescription"]
    got = ddb.describe_import(ImportArn=d["ImportArn"])["ImportTableDescription"]
    assert (got["ImportedItemCount"], got["ErrorCount"]) == (0, 1)


def test_zstd(cloud: Cloud) -> None:
    zstandard = pytest.importorskip("zstandard")
    body = zstandard.ZstdCompressor().compress(b'{"Item":{"id":{"S":"z"}}}\n')
    _bucket(cloud, {"x.zst": body})
    ddb = cloud.client("dynamodb")
    ddb.import_table(
        S3BucketSource={"S3Bucket": "src"},
        InputFormat="DYNAMODB_JSON",
        InputCompressionType="ZSTD",
        TableCreationParameters=_params(),
    )
    assert _items(ddb) == [{"id": {"S": "z"}}]


def test_zstd_without_the_extra_is_refused(cloud: Cloud, monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, "zstandard", None)
    _bucket(cloud, {"x.zst": b""})
    ddb = cloud.client("dynamodb")
    with pytest.raises(ddb.exceptions.ClientError) as info:
        ddb.import_table(
            S3BucketSource={"S3Bucket": "src"},
            InputFormat="DYNAMODB_JSON",
            InputCompressionType="ZSTD",
            TableCreationParameters=_params(),
        )
    assert info.value.response["Error"]["Code"] == "ValidationException"
    assert "pyserverless[zstd]" in info.value.response["Error"]["Message"]
    assert ddb.list_tables()["TableNames"] == []


def test_existing_table_is_refused(cloud: Cloud) -> None:
    _bucket(cloud, {"a.json": b'{"Item":{"id":{"S":"a"}}}'})
    ddb = cloud.client("dynamodb")
    ddb.create_table(**_params())
    with pytest.raises(ddb.exceptions.ResourceInUseException):
        ddb.import_table(
            S3BucketSource={"S3Bucket": "src"},
            InputFormat="DYNAMODB_JSON",
            TableCreationParameters=_params(),
        )
    assert _items(ddb) == []
    assert ddb.list_imports()["ImportSummaryList"] == []


def test_bad_table_parameters_change_nothing(cloud: Cloud) -> None:
    _bucket(cloud, {})
    ddb = cloud.client("dynamodb")
    bad = _params()
    bad["AttributeDefinitions"].append({"AttributeName": "unused", "AttributeType": "S"})
    with pytest.raises(ddb.exceptions.ClientError):
        ddb.import_table(
            S3BucketSource={"S3Bucket": "src"},
            InputFormat="DYNAMODB_JSON",
            TableCreationParameters=bad,
        )
    assert ddb.list_tables()["TableNames"] == []
    assert ddb.list_imports()["ImportSummaryList"] == []


def test_missing_bucket_fails(cloud: Cloud) -> None:
    ddb = cloud.client("dynamodb")
    d = ddb.import_table(
        S3BucketSource={"S3Bucket": "nothere"},
        InputFormat="CSV",
        TableCreationParameters=_params(),
    )["ImportTableDescription"]
    assert d["ImportStatus"] == "IN_PROGRESS"
    got = ddb.describe_import(ImportArn=d["ImportArn"])["ImportTableDescription"]
    assert got["ImportStatus"] == "FAILED"
    assert got["FailureCode"] == "S3NoSuchBucket"
    assert ddb.list_tables()["TableNames"] == []


def test_object_limit(cloud: Cloud) -> None:
    cloud = Cloud(clock=ManualClock(), seed=0, limits={"dynamodb": {"max_import_objects": 2}})
    ddb = cloud.client("dynamodb")
    _bucket(cloud, {"a": b"", "b": b""})
    ok = ddb.import_table(
        S3BucketSource={"S3Bucket": "src"},
        InputFormat="CSV",
        TableCreationParameters=_params("ok1"),
    )["ImportTableDescription"]
    assert ddb.describe_import(ImportArn=ok["ImportArn"])["ImportTableDescription"][
        "ImportStatus"
    ] == ("COMPLETED")
    cloud.client("s3").put_object(Bucket="src", Key="c", Body=b"")
    bad = ddb.import_table(
        S3BucketSource={"S3Bucket": "src"},
        InputFormat="CSV",
        TableCreationParameters=_params("bad"),
    )["ImportTableDescription"]
    got = ddb.describe_import(ImportArn=bad["ImportArn"])["ImportTableDescription"]
    assert got["ImportStatus"] == "FAILED"


def test_client_token(cloud: Cloud) -> None:
    _bucket(cloud, {"a.json": b'{"Item":{"id":{"S":"a"}}}'})
    ddb = cloud.client("dynamodb")
    req: dict[str, Any] = {
        "S3BucketSource": {"S3Bucket": "src"},
        "InputFormat": "DYNAMODB_JSON",
        "TableCreationParameters": _params(),
        "ClientToken": "tok",
    }
    one = ddb.import_table(**req)["ImportTableDescription"]
    two = ddb.import_table(**req)["ImportTableDescription"]
    assert one["ImportArn"] == two["ImportArn"]
    with pytest.raises(ddb.exceptions.ImportConflictException):
        ddb.import_table(**{**req, "InputFormat": "CSV"})
    assert len(ddb.list_imports()["ImportSummaryList"]) == 1


def test_delayed_completion() -> None:
    cloud = Cloud(clock=ManualClock(), seed=0, limits={"dynamodb": {"import_seconds": 30.0}})
    _bucket(cloud, {"a.json": b'{"Item":{"id":{"S":"a"}}}'})
    ddb = cloud.client("dynamodb")
    arn = ddb.import_table(
        S3BucketSource={"S3Bucket": "src"},
        InputFormat="DYNAMODB_JSON",
        TableCreationParameters=_params(),
    )["ImportTableDescription"]["ImportArn"]

    def status() -> str:
        return str(ddb.describe_import(ImportArn=arn)["ImportTableDescription"]["ImportStatus"])

    cloud.advance(29)
    assert status() == "IN_PROGRESS"
    cloud.advance(1)
    assert status() == "COMPLETED"


def test_list_and_describe(cloud: Cloud) -> None:
    _bucket(cloud, {"a.json": b'{"Item":{"id":{"S":"a"}}}'})
    ddb = cloud.client("dynamodb")
    arns = [
        ddb.import_table(
            S3BucketSource={"S3Bucket": "src"},
            InputFormat="DYNAMODB_JSON",
            TableCreationParameters=_params(f"t{i}x"),
        )["ImportTableDescription"]["ImportArn"]
        for i in range(3)
    ]
    page = ddb.list_imports(PageSize=2)
    assert [r["ImportArn"] for r in page["ImportSummaryList"]] == arns[:2]
    rest = ddb.list_imports(PageSize=2, NextToken=page["NextToken"])
    assert [r["ImportArn"] for r in rest["ImportSummaryList"]] == arns[2:]
    assert "NextToken" not in rest
    table_arn = arns[1].split("/import/")[0]
    only = ddb.list_imports(TableArn=table_arn)["ImportSummaryList"]
    assert [r["ImportArn"] for r in only] == [arns[1]]
    with pytest.raises(ddb.exceptions.ImportNotFoundException):
        ddb.describe_import(ImportArn=arns[0] + "0")


def test_boto3_in_mock_aws(cloud: Cloud) -> None:
    with mock_aws(cloud):
        s3 = boto3.client("s3", region_name="us-east-1")
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        s3.create_bucket(Bucket="src")
        s3.put_object(Bucket="src", Key="a.csv", Body=b"id,v\nx,1\n")
        d = ddb.import_table(
            S3BucketSource={"S3Bucket": "src"},
            InputFormat="CSV",
            TableCreationParameters=_params(),
        )["ImportTableDescription"]
        got = ddb.describe_import(ImportArn=d["ImportArn"])["ImportTableDescription"]
        assert got["ImportStatus"] == "COMPLETED"
        assert got["ImportedItemCount"] == 1
        assert ddb.get_item(TableName="imported", Key={"id": {"S": "x"}})["Item"] == {
            "id": {"S": "x"},
            "v": {"S": "1"},
        }
        assert ddb.list_imports()["ImportSummaryList"][0]["ImportArn"] == d["ImportArn"]


def test_ion_values_are_checked_as_dynamodb_does(cloud: Cloud) -> None:
    """A number out of DynamoDB's range, an empty key: errors; the last accepted ones pass."""
    text = (
        '{Item:{id:"big",n:9.9999999999999999999999999999999999999d125}}\n'
        '{Item:{id:"over",n:1d126}}\n'
        '{Item:{id:""}}\n'
        '{Item:{id:"k"}}\n'
    )
    _bucket(cloud, {"x.ion": text.encode()})
    ddb = cloud.client("dynamodb")
    arn = ddb.import_table(
        S3BucketSource={"S3Bucket": "src"},
        InputFormat="ION",
        TableCreationParameters=_params(),
    )["ImportTableDescription"]["ImportArn"]
    assert sorted(i["id"]["S"] for i in _items(ddb)) == ["big", "k"]
    errors = cloud.engine("dynamodb").import_errors(arn)
    assert [e["itemS3Pointer"]["itemIndex"] for e in errors] == [1, 2]
    assert "empty string" in errors[1]["errorMessages"][0]
