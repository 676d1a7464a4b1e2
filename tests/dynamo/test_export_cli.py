"""The AWS CLI drives export and import over the wire (``pyserverless``'s endpoint): an
independent client, serialiser and parser; the objects are read back with ``aws s3``."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pyserverless import Cloud

from .conftest import make_table


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not installed")
def test_the_cli_exports_and_imports(tmp_path: Path) -> None:
    from pyserverless.adapters import Server

    cloud = Cloud.manual()
    client = cloud.client("dynamodb")
    arn = make_table(client, "tbl", pk="id", sk=None)["TableDescription"]["TableArn"]
    client.update_continuous_backups(
        TableName="tbl", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    client.put_item(TableName="tbl", Item={"id": {"S": "a"}, "b": {"B": b"\x01"}})
    cloud.client("s3").create_bucket(Bucket="exports")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.pop("PYTHONPATH", None)
    env.update(
        HOME=str(tmp_path),
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=str(tmp_path / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
    )
    with Server(cloud) as server:

        def aws(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                ["aws", *args, "--endpoint-url", server.url, "--output", "json"],
                env=env, capture_output=True, text=True, timeout=60, check=False,
            )  # fmt: skip

        done = aws(
            "dynamodb", "export-table-to-point-in-time",
            "--table-arn", arn, "--s3-bucket", "exports", "--s3-prefix", "cli",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        export_arn = json.loads(done.stdout)["ExportDescription"]["ExportArn"]
        described = aws("dynamodb", "describe-export", "--export-arn", export_arn)
        assert json.loads(described.stdout)["ExportDescription"]["ExportStatus"] == "COMPLETED"
        listed = aws("dynamodb", "list-exports", "--table-arn", arn)
        assert [e["ExportArn"] for e in json.loads(listed.stdout)["ExportSummaries"]] == [
            export_arn
        ]
        export_id = export_arn.rsplit("/", 1)[1]
        copied = aws("s3", "cp", f"s3://exports/cli/AWSDynamoDB/{export_id}/", str(tmp_path / "x"),
                     "--recursive")  # fmt: skip
        assert copied.returncode == 0, copied.stderr
        [data] = list((tmp_path / "x" / "data").iterdir())
        assert gzip.decompress(data.read_bytes()) == (
            b'{"Item":{"id":{"S":"a"},"b":{"B":"AQ=="}}}\n'
        )
        source = f"S3Bucket=exports,S3KeyPrefix=cli/AWSDynamoDB/{export_id}/data/"
        params = json.dumps({
            "TableName": "copy", "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        })  # fmt: skip
        imported = aws(
            "dynamodb", "import-table", "--s3-bucket-source", source,
            "--input-format", "DYNAMODB_JSON", "--input-compression-type", "GZIP",
            "--table-creation-parameters", params,
        )  # fmt: skip
        assert imported.returncode == 0, imported.stderr
        import_arn = json.loads(imported.stdout)["ImportTableDescription"]["ImportArn"]
        got = json.loads(aws("dynamodb", "describe-import", "--import-arn", import_arn).stdout)
        assert got["ImportTableDescription"]["ImportedItemCount"] == 1
        missing = aws("dynamodb", "describe-import", "--import-arn", import_arn + "0")
        assert "ImportNotFoundException" in missing.stderr
    assert client.get_item(TableName="copy", Key={"id": {"S": "a"}})["Item"]["b"] == {"B": b"\x01"}
