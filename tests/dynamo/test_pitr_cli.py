"""The AWS CLI drives PITR and backups over the wire (``pyserverless``'s endpoint on a
ManualClock Cloud): an independent client, serialiser and parser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pyserverless import Cloud

from .conftest import make_table


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not installed")
def test_the_cli_restores_a_second_and_a_backup(tmp_path: Path) -> None:
    """Enable PITR, write, restore to the second before the write and to the latest
    time, take and list a backup, and get AWS's error for a table without PITR."""
    from pyserverless.adapters import Server

    cloud = Cloud.manual()
    client = cloud.client("dynamodb")
    make_table(client)
    make_table(client, "plain")
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
                ["aws", "dynamodb", *args, "--endpoint-url", server.url, "--output", "json"],
                env=env, capture_output=True, text=True, timeout=60, check=False,
            )  # fmt: skip

        spec = "PointInTimeRecoveryEnabled=true,RecoveryPeriodInDays=2"
        done = aws(
            "update-continuous-backups",
            "--table-name", "items",
            "--point-in-time-recovery-specification", spec,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        pitr = json.loads(done.stdout)["ContinuousBackupsDescription"][
            "PointInTimeRecoveryDescription"
        ]
        assert pitr["PointInTimeRecoveryStatus"] == "ENABLED"
        assert pitr["RecoveryPeriodInDays"] == 2
        cloud.advance(5)
        before = int(cloud.clock.time())
        cloud.advance(1)
        client.put_item(TableName="items", Item={"pk": {"S": "a"}, "sk": {"N": "1"}})
        cloud.advance(600)
        restored = aws(
            "restore-table-to-point-in-time",
            "--source-table-name", "items",
            "--target-table-name", "before",
            "--restore-date-time", str(before),
        )  # fmt: skip
        assert restored.returncode == 0, restored.stderr
        summary = json.loads(restored.stdout)["TableDescription"]["RestoreSummary"]
        assert summary["RestoreInProgress"] is True
        latest = aws(
            "restore-table-to-point-in-time",
            "--source-table-name", "items",
            "--target-table-name", "latest",
            "--use-latest-restorable-time",
        )  # fmt: skip
        assert latest.returncode == 0, latest.stderr
        assert client.scan(TableName="before")["Count"] == 0
        assert client.scan(TableName="latest")["Count"] == 1
        made = aws("create-backup", "--table-name", "items", "--backup-name", "nightly")
        arn = json.loads(made.stdout)["BackupDetails"]["BackupArn"]
        listed = json.loads(aws("list-backups", "--table-name", "items").stdout)
        assert [s["BackupArn"] for s in listed["BackupSummaries"]] == [arn]
        refused = aws(
            "restore-table-to-point-in-time",
            "--source-table-name", "plain",
            "--target-table-name", "never",
            "--use-latest-restorable-time",
        )  # fmt: skip
        assert refused.returncode != 0
        assert "(PointInTimeRecoveryUnavailableException)" in refused.stderr
        assert "Point in time recovery is not enabled for table 'plain'" in refused.stderr
