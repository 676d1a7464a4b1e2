"""ExportTableToPointInTime, DescribeExport and ListExports, read back through S3."""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, mock_aws
from pyserverless._core.clock import ManualClock
from pyserverless.dynamo import _ion

from .conftest import make_table


def _setup(cloud: Cloud, *, pitr: bool = True) -> tuple[Any, Any, str]:
    ddb, s3 = cloud.client("dynamodb"), cloud.client("s3")
    s3.create_bucket(Bucket="exports")
    arn = make_table(ddb, "tbl", pk="id", sk=None)["TableDescription"]["TableArn"]
    if pitr:
        ddb.update_continuous_backups(
            TableName="tbl",
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )
    return ddb, s3, arn


def _objects(s3: Any, prefix: str = "") -> dict[str, bytes]:
    out = {}
    for row in s3.list_objects_v2(Bucket="exports", Prefix=prefix).get("Contents", []):
        out[row["Key"]] = s3.get_object(Bucket="exports", Key=row["Key"])["Body"].read()
    return out


def _data_lines(objects: dict[str, bytes]) -> list[str]:
    lines: list[str] = []
    for key, body in sorted(objects.items()):
        if "/data/" in key:
            lines.extend(gzip.decompress(body).decode().splitlines())
    return lines


def test_full_export_writes_aws_layout(cloud: Cloud) -> None:
    ddb, s3, arn = _setup(cloud)
    ddb.put_item(TableName="tbl", Item={"id": {"S": "a"}, "n": {"N": "1.50"}, "b": {"B": b"hi"}})
    out = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", S3Prefix="pre")
    d = out["ExportDescription"]
    assert d["ExportStatus"] == "IN_PROGRESS"
    export_id = d["ExportArn"].rsplit("/", 1)[1]
    assert d["ExportArn"] == f"{arn}/export/{export_id}"
    assert len(export_id) == 23 and export_id[14] == "-"
    objects = _objects(s3)
    base = f"pre/AWSDynamoDB/{export_id}/"
    names = sorted(k[len(base) :] for k in objects)
    assert names[:5] == [
        "_started",
        names[1],
        "manifest-files.checksum",
        "manifest-files.json",
        "manifest-summary.checksum",
    ]
    assert names[1].startswith("data/") and names[1].endswith(".json.gz")
    assert len(names[1]) == len("data/") + 26 + len(".json.gz")
    assert objects[base + "_started"] == b""
    assert _data_lines(objects) == [
        '{"Item":{"id":{"S":"a"},"n":{"N":"1.5"},"b":{"B":"aGk="}}}',
    ]
    files = [json.loads(x) for x in objects[base + "manifest-files.json"].splitlines()]
    data_key = base + names[1]
    assert files == [
        {
            "itemCount": 1,
            "md5Checksum": __import__("base64")
            .b64encode(hashlib.md5(objects[data_key]).digest())
            .decode(),
            "etag": hashlib.md5(objects[data_key]).hexdigest(),
            "dataFileS3Key": data_key,
        }
    ]
    summary = json.loads(objects[base + "manifest-summary.json"])
    assert summary["version"] == "2020-06-30"
    assert summary["exportArn"] == d["ExportArn"]
    assert summary["itemCount"] == 1
    assert summary["outputFormat"] == "DYNAMODB_JSON"
    assert summary["manifestFilesS3Key"] == base + "manifest-files.json"
    assert summary["s3Bucket"] == "exports" and summary["s3Prefix"] == "pre"
    assert (
        objects[base + "manifest-summary.checksum"].decode()
        == hashlib.md5(objects[base + "manifest-summary.json"]).hexdigest()
    )
    described = ddb.describe_export(ExportArn=d["ExportArn"])["ExportDescription"]
    assert described["ExportStatus"] == "COMPLETED"
    assert described["ItemCount"] == 1
    assert described["ExportManifest"] == base + "manifest-summary.json"
    assert described["ExportFormat"] == "DYNAMODB_JSON"
    assert described["ExportType"] == "FULL_EXPORT"


def test_export_at_a_past_time_holds_the_table_then(cloud: Cloud) -> None:
    ddb, s3, arn = _setup(cloud)
    ddb.put_item(TableName="tbl", Item={"id": {"S": "a"}, "v": {"N": "1"}})
    cloud.advance(10)
    then = cloud.clock.time()
    cloud.advance(10)
    ddb.put_item(TableName="tbl", Item={"id": {"S": "a"}, "v": {"N": "2"}})
    ddb.put_item(TableName="tbl", Item={"id": {"S": "b"}})
    ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", ExportTime=then)
    assert _data_lines(_objects(s3)) == ['{"Item":{"id":{"S":"a"},"v":{"N":"1"}}}']


def test_ion_export(cloud: Cloud) -> None:
    ddb, s3, arn = _setup(cloud)
    ddb.put_item(
        TableName="tbl",
        Item={"id": {"S": "a"}, "n": {"N": "103"}, "s": {"SS": ["x"]}, "m": {"M": {}}},
    )
    d = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", ExportFormat="ION")
    objects = _objects(s3)
    assert any(k.endswith(".ion.gz") for k in objects)
    assert _data_lines(objects) == ['$ion_1_0 {Item:{id:"a",n:103.,s:$dynamodb_SS::["x"],m:{}}}']
    arn_ = d["ExportDescription"]["ExportArn"]
    assert ddb.describe_export(ExportArn=arn_)["ExportDescription"]["ExportFormat"] == "ION"


def test_export_needs_pitr(cloud: Cloud) -> None:
    ddb, s3, arn = _setup(cloud, pitr=False)
    with pytest.raises(ddb.exceptions.PointInTimeRecoveryUnavailableException) as info:
        ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports")
    assert info.value.response["Error"]["Message"] == (
        "Point in time recovery is not enabled for table 'tbl'"
    )
    assert _objects(s3) == {}
    assert ddb.list_exports()["ExportSummaries"] == []


def test_export_time_bounds(cloud: Cloud) -> None:
    ddb, _s3, arn = _setup(cloud)
    enabled = cloud.clock.time()
    cloud.advance(100)
    now = cloud.clock.time()
    for ok in (enabled, now):
        ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", ExportTime=ok)
    for bad in (enabled - 1, now + 1):
        with pytest.raises(ddb.exceptions.InvalidExportTimeException):
            ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", ExportTime=bad)
    assert len(ddb.list_exports()["ExportSummaries"]) == 2


def test_missing_table(cloud: Cloud) -> None:
    ddb, _s3, arn = _setup(cloud)
    with pytest.raises(ddb.exceptions.TableNotFoundException):
        ddb.export_table_to_point_in_time(TableArn=arn + "x", S3Bucket="exports")


def test_missing_bucket_fails_the_export(cloud: Cloud) -> None:
    ddb, _s3, arn = _setup(cloud)
    d = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="nobucket")["ExportDescription"]
    assert d["ExportStatus"] == "IN_PROGRESS"
    got = ddb.describe_export(ExportArn=d["ExportArn"])["ExportDescription"]
    assert got["ExportStatus"] == "FAILED"
    assert got["FailureCode"] == "S3NoSuchBucket"


def test_kms_and_filters_are_refused(cloud: Cloud) -> None:
    ddb, _s3, arn = _setup(cloud)
    with pytest.raises(ddb.exceptions.ClientError) as info:
        ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", S3SseAlgorithm="KMS")
    assert info.value.response["Error"]["Code"] == "ValidationException"
    ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", S3SseAlgorithm="AES256")


def test_client_token_idempotency(cloud: Cloud) -> None:
    ddb, _s3, arn = _setup(cloud)
    one = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", ClientToken="t1")
    two = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", ClientToken="t1")
    assert one["ExportDescription"]["ExportArn"] == two["ExportDescription"]["ExportArn"]
    with pytest.raises(ddb.exceptions.ExportConflictException):
        ddb.export_table_to_point_in_time(
            TableArn=arn, S3Bucket="exports", ClientToken="t1", S3Prefix="other"
        )
    assert len(ddb.list_exports()["ExportSummaries"]) == 1
    cloud.advance(8 * 3600 + 1)
    three = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", ClientToken="t1")
    assert three["ExportDescription"]["ExportArn"] != one["ExportDescription"]["ExportArn"]


def test_delayed_completion_on_the_scheduler() -> None:
    cloud = Cloud(clock=ManualClock(), seed=0, limits={"dynamodb": {"export_seconds": 60.0}})
    ddb, s3, arn = _setup(cloud)
    d = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports")["ExportDescription"]
    assert ddb.describe_export(ExportArn=d["ExportArn"])["ExportDescription"]["ExportStatus"] == (
        "IN_PROGRESS"
    )
    assert _objects(s3) == {}
    cloud.advance(59)
    assert _objects(s3) == {}
    cloud.advance(1)
    got = ddb.describe_export(ExportArn=d["ExportArn"])["ExportDescription"]
    assert got["ExportStatus"] == "COMPLETED"
    assert got["EndTime"] == datetime.fromtimestamp(cloud.clock.time(), UTC)
    assert len(_objects(s3)) == 6


def test_incremental_export(cloud: Cloud) -> None:
    ddb, s3, arn = _setup(cloud)
    ddb.put_item(TableName="tbl", Item={"id": {"S": "keep"}})
    ddb.put_item(TableName="tbl", Item={"id": {"S": "chg"}, "v": {"N": "1"}})
    ddb.put_item(TableName="tbl", Item={"id": {"S": "del"}})
    cloud.advance(10)
    start = cloud.clock.time()
    cloud.advance(10)
    ddb.put_item(TableName="tbl", Item={"id": {"S": "chg"}, "v": {"N": "2"}})
    ddb.delete_item(TableName="tbl", Key={"id": {"S": "del"}})
    ddb.put_item(TableName="tbl", Item={"id": {"S": "new"}})
    write = cloud.clock.time()
    cloud.advance(900)
    end = start + 900
    d = ddb.export_table_to_point_in_time(
        TableArn=arn,
        S3Bucket="exports",
        ExportType="INCREMENTAL_EXPORT",
        IncrementalExportSpecification={
            "ExportFromTime": start,
            "ExportToTime": end,
            "ExportViewType": "NEW_AND_OLD_IMAGES",
        },
    )["ExportDescription"]
    assert d["ExportType"] == "INCREMENTAL_EXPORT"
    lines = sorted(json.loads(x)["Keys"]["id"]["S"] for x in _data_lines(_objects(s3)))
    assert lines == ["chg", "del", "new"]
    micros = str(int(write * 1_000_000))
    by_key = {json.loads(x)["Keys"]["id"]["S"]: json.loads(x) for x in _data_lines(_objects(s3))}
    assert by_key["chg"] == {
        "Metadata": {"WriteTimestampMicros": {"N": micros}},
        "Keys": {"id": {"S": "chg"}},
        "NewImage": {"id": {"S": "chg"}, "v": {"N": "2"}},
        "OldImage": {"id": {"S": "chg"}, "v": {"N": "1"}},
    }
    assert "NewImage" not in by_key["del"]
    assert "OldImage" not in by_key["new"]


def test_incremental_period_bounds(cloud: Cloud) -> None:
    ddb, _s3, arn = _setup(cloud)
    start = cloud.clock.time()
    cloud.advance(86400 + 10)

    def spec(seconds: float) -> dict[str, Any]:
        return {
            "ExportFromTime": start,
            "ExportToTime": start + seconds,
            "ExportViewType": "NEW_IMAGE",
        }

    for ok in (900, 86400):
        ddb.export_table_to_point_in_time(
            TableArn=arn,
            S3Bucket="exports",
            ExportType="INCREMENTAL_EXPORT",
            IncrementalExportSpecification=spec(ok),
        )
    for bad in (899, 86401):
        with pytest.raises(ddb.exceptions.ClientError) as info:
            ddb.export_table_to_point_in_time(
                TableArn=arn,
                S3Bucket="exports",
                ExportType="INCREMENTAL_EXPORT",
                IncrementalExportSpecification=spec(bad),
            )
        assert info.value.response["Error"]["Code"] == "ValidationException"
    with pytest.raises(ddb.exceptions.ClientError):
        ddb.export_table_to_point_in_time(
            TableArn=arn, S3Bucket="exports", ExportType="INCREMENTAL_EXPORT"
        )
    assert len(ddb.list_exports()["ExportSummaries"]) == 2


def test_list_exports_pages_and_filters(cloud: Cloud) -> None:
    ddb, _s3, arn = _setup(cloud)
    other = make_table(ddb, "other", pk="id", sk=None)["TableDescription"]["TableArn"]
    ddb.update_continuous_backups(
        TableName="other", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    arns = [
        ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports")["ExportDescription"][
            "ExportArn"
        ]
        for _ in range(3)
    ]
    ddb.export_table_to_point_in_time(TableArn=other, S3Bucket="exports")
    page = ddb.list_exports(TableArn=arn, MaxResults=2)
    assert [r["ExportArn"] for r in page["ExportSummaries"]] == arns[:2]
    rest = ddb.list_exports(TableArn=arn, MaxResults=2, NextToken=page["NextToken"])
    assert [r["ExportArn"] for r in rest["ExportSummaries"]] == arns[2:]
    assert "NextToken" not in rest
    assert len(ddb.list_exports()["ExportSummaries"]) == 4
    with pytest.raises(ddb.exceptions.ExportNotFoundException):
        ddb.describe_export(ExportArn=arn + "/export/01234567890123-abcdef12")


def test_boto3_in_mock_aws(cloud: Cloud) -> None:
    with mock_aws(cloud):
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="exports")
        arn = make_table(ddb, "tbl", pk="id", sk=None)["TableDescription"]["TableArn"]
        ddb.update_continuous_backups(
            TableName="tbl",
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )
        ddb.put_item(TableName="tbl", Item={"id": {"S": "a"}, "b": {"B": b"\x00\xff"}})
        d = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports", ExportFormat="ION")
        export_arn = d["ExportDescription"]["ExportArn"]
        got = ddb.describe_export(ExportArn=export_arn)["ExportDescription"]
        assert got["ExportStatus"] == "COMPLETED"
        assert isinstance(got["ExportTime"], datetime)
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket="exports")["Contents"]]
        data = next(k for k in keys if k.endswith(".ion.gz"))
        text = gzip.decompress(s3.get_object(Bucket="exports", Key=data)["Body"].read()).decode()
        assert _ion.loads_values(text) == [{"Item": {"id": "a", "b": b"\x00\xff"}}]
        assert ddb.list_exports()["ExportSummaries"][0]["ExportArn"] == export_arn


def test_concurrent_exports_limit() -> None:
    limits = {"dynamodb": {"export_seconds": 60.0, "max_concurrent_exports": 2}}
    cloud = Cloud(clock=ManualClock(), seed=0, limits=limits)
    ddb, _s3, arn = _setup(cloud)
    for _ in range(2):
        ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports")
    with pytest.raises(ddb.exceptions.LimitExceededException):
        ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports")
    assert len(ddb.list_exports()["ExportSummaries"]) == 2
    cloud.advance(60)
    ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="exports")


def test_incremental_new_image_and_window_start(cloud: Cloud) -> None:
    ddb, s3, arn = _setup(cloud)
    start = cloud.clock.time()
    ddb.put_item(TableName="tbl", Item={"id": {"S": "a"}, "v": {"N": "1"}})
    cloud.advance(1)
    ddb.put_item(TableName="tbl", Item={"id": {"S": "a"}, "v": {"N": "2"}})
    cloud.advance(2000)
    with pytest.raises(ddb.exceptions.InvalidExportTimeException):
        ddb.export_table_to_point_in_time(
            TableArn=arn,
            S3Bucket="exports",
            ExportType="INCREMENTAL_EXPORT",
            IncrementalExportSpecification={
                "ExportFromTime": start - 1,
                "ExportToTime": start + 900,
            },
        )
    ddb.export_table_to_point_in_time(
        TableArn=arn,
        S3Bucket="exports",
        ExportType="INCREMENTAL_EXPORT",
        IncrementalExportSpecification={
            "ExportFromTime": start,
            "ExportToTime": start + 900,
            "ExportViewType": "NEW_IMAGE",
        },
    )
    [line] = _data_lines(_objects(s3))
    record = json.loads(line)
    assert record["NewImage"] == {"id": {"S": "a"}, "v": {"N": "2"}}
    assert "OldImage" not in record


def test_a_bad_next_token_is_refused(cloud: Cloud) -> None:
    ddb, _s3, _arn = _setup(cloud)
    with pytest.raises(ddb.exceptions.ClientError) as info:
        ddb.list_exports(NextToken="0" * 112)
    assert info.value.response["Error"]["Code"] == "ValidationException"
