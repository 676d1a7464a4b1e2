"""An export writes one data file per partition, empty partitions included (AWS: "at
least 1 file per partition ... For partitions that are empty, your export request will
create an empty file"); ``export_partitions`` sets how many partitions a table has."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless._core.clock import ManualClock
from pyserverless.dynamo._storage import partition_hash


def _cloud(partitions: int) -> Cloud:
    return Cloud(
        clock=ManualClock(), seed=0, limits={"dynamodb": {"export_partitions": partitions}}
    )


def _export(cloud: Cloud, keys: list[str]) -> tuple[Any, Any, str]:
    ddb, s3 = cloud.client("dynamodb"), cloud.client("s3")
    s3.create_bucket(Bucket="bkt")
    arn = ddb.create_table(
        TableName="src",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
    )["TableDescription"]["TableArn"]
    ddb.update_continuous_backups(
        TableName="src", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    for key in keys:
        ddb.put_item(TableName="src", Item={"pk": {"S": key}, "v": {"N": "1"}})
    d = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="bkt", S3Prefix="x")
    export_id = d["ExportDescription"]["ExportArn"].rsplit("/", 1)[1]
    return ddb, s3, f"x/AWSDynamoDB/{export_id}/"


def _manifest(s3: Any, base: str) -> list[dict[str, Any]]:
    body = s3.get_object(Bucket="bkt", Key=base + "manifest-files.json")["Body"].read()
    return [json.loads(line) for line in body.decode().splitlines()]


def _keys_in(s3: Any, key: str) -> list[str]:
    body = gzip.decompress(s3.get_object(Bucket="bkt", Key=key)["Body"].read())
    return [json.loads(line)["Item"]["pk"]["S"] for line in body.decode().splitlines()]


@pytest.mark.parametrize("partitions", [1, 2, 4, 7])
def test_one_file_per_partition_each_holding_its_hash_range(partitions: int) -> None:
    keys = [f"k{i}" for i in range(60)]
    _ddb, s3, base = _export(_cloud(partitions), keys)
    rows = _manifest(s3, base)
    assert len(rows) == partitions
    assert len({row["dataFileS3Key"] for row in rows}) == partitions
    seen: list[str] = []
    for index, row in enumerate(rows):
        in_file = _keys_in(s3, row["dataFileS3Key"])
        assert row["itemCount"] == len(in_file)
        hashes = [partition_hash(k) for k in in_file]
        assert hashes == sorted(hashes)  # each file in its partition's hash order
        assert all(h * partitions >> 32 == index for h in hashes)
        body = s3.get_object(Bucket="bkt", Key=row["dataFileS3Key"])["Body"].read()
        assert row["md5Checksum"] == base64.b64encode(hashlib.md5(body).digest()).decode()
        seen += in_file
    assert sorted(seen) == sorted(keys)
    summary = json.loads(
        s3.get_object(Bucket="bkt", Key=base + "manifest-summary.json")["Body"].read()
    )
    assert summary["itemCount"] == 60


def test_empty_partitions_get_empty_files() -> None:
    ddb, s3, base = _export(_cloud(4), ["only"])
    rows = _manifest(s3, base)
    assert sorted(row["itemCount"] for row in rows) == [0, 0, 0, 1]
    for row in rows:
        lines = _keys_in(s3, row["dataFileS3Key"])
        assert lines == ([] if row["itemCount"] == 0 else ["only"])
    assert ddb.describe_export(ExportArn=_arn(ddb))["ExportDescription"]["ItemCount"] == 1


def _arn(ddb: Any) -> str:
    return str(ddb.list_exports()["ExportSummaries"][0]["ExportArn"])


def test_a_partitioned_export_imports_back_whole() -> None:
    cloud = _cloud(3)
    keys = [f"k{i}" for i in range(25)]
    ddb, _s3, base = _export(cloud, keys)
    imp = ddb.import_table(
        S3BucketSource={"S3Bucket": "bkt", "S3KeyPrefix": base + "data/"},
        InputFormat="DYNAMODB_JSON",
        InputCompressionType="GZIP",
        TableCreationParameters={
            "TableName": "dst",
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        },
    )["ImportTableDescription"]
    got = ddb.describe_import(ImportArn=imp["ImportArn"])["ImportTableDescription"]
    assert (got["ImportStatus"], got["ErrorCount"], got["ImportedItemCount"]) == (
        "COMPLETED",
        0,
        25,
    )
    assert sorted(i["pk"]["S"] for i in ddb.scan(TableName="dst")["Items"]) == sorted(keys)
