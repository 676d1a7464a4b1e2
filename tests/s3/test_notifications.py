"""Event notifications to Lambda: configuration rules and delivery of AWS's event."""

from __future__ import annotations

from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import (
    S3EventNotificationEventBridgeModel,
    S3Model,
)
from botocore.exceptions import ClientError

from pyserverless import Cloud

ARN = "arn:aws:lambda:us-east-1:123456789012:function:{}"


def _err(exc: Any) -> dict[str, Any]:
    return dict(exc.value.response["Error"])


@pytest.fixture
def events(cloud: Cloud) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def handler(event: dict[str, Any], context: Any) -> None:
        seen.append(event)

    cloud.lambda_.create_function("thumb", handler=handler)
    cloud.lambda_.create_function("other", handler=handler)
    return seen


def _config(*items: dict[str, Any]) -> dict[str, Any]:
    return {"LambdaFunctionConfigurations": list(items)}


def _item(
    events: list[str], fn: str = "thumb", prefix: str = "", suffix: str = "", cid: str = "c1"
) -> dict[str, Any]:
    rules = []
    if prefix:
        rules.append({"Name": "prefix", "Value": prefix})
    if suffix:
        rules.append({"Name": "suffix", "Value": suffix})
    item: dict[str, Any] = {"Id": cid, "LambdaFunctionArn": ARN.format(fn), "Events": events}
    if rules:
        item["Filter"] = {"Key": {"FilterRules": rules}}
    return item


class TestConfiguration:
    def test_round_trip(self, s3: Any, bucket: str, events: list[Any]) -> None:
        """The configuration comes back as saved (filter rule names capitalised)."""
        s3.put_bucket_notification_configuration(
            Bucket=bucket,
            NotificationConfiguration=_config(_item(["s3:ObjectCreated:*"], suffix=".jpg")),
        )
        got = s3.get_bucket_notification_configuration(Bucket=bucket)[
            "LambdaFunctionConfigurations"
        ]
        assert got == [
            {
                "Id": "c1",
                "LambdaFunctionArn": ARN.format("thumb"),
                "Events": ["s3:ObjectCreated:*"],
                "Filter": {"Key": {"FilterRules": [{"Name": "Suffix", "Value": ".jpg"}]}},
            }
        ]

    def test_missing_function_is_refused(self, s3: Any, bucket: str) -> None:
        """A function that does not exist: InvalidArgument naming the destination."""
        with pytest.raises(ClientError) as exc:
            s3.put_bucket_notification_configuration(
                Bucket=bucket,
                NotificationConfiguration=_config(_item(["s3:ObjectCreated:*"], fn="ghost")),
            )
        err = _err(exc)
        assert err["Code"] == "InvalidArgument"
        assert err["Message"] == "Unable to validate the following destination configurations"
        assert err["ArgumentName1"] == ARN.format("ghost") + ", null"
        assert err["ArgumentValue1"] == f"Not authorized to invoke function [{ARN.format('ghost')}]"
        assert "LambdaFunctionConfigurations" not in s3.get_bucket_notification_configuration(
            Bucket=bucket
        )

    def test_overlap_is_refused(self, s3: Any, bucket: str, events: list[Any]) -> None:
        """Two configurations sharing an event type and overlapping filters are refused."""
        a = _item(["s3:ObjectCreated:*"], prefix="img/", cid="a")
        b = _item(["s3:ObjectCreated:Put"], fn="other", prefix="img/x", cid="b")
        with pytest.raises(ClientError) as exc:
            s3.put_bucket_notification_configuration(
                Bucket=bucket, NotificationConfiguration=_config(a, b)
            )
        assert _err(exc)["Message"] == (
            "Configurations overlap. Configurations on the same bucket cannot share a common "
            "event type."
        )
        c = _item(["s3:ObjectCreated:Put"], fn="other", prefix="doc/", cid="c")
        s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration=_config(a, c)
        )

    def test_bad_events_and_rules(self, s3: Any, bucket: str, events: list[Any]) -> None:
        """Unknown event names and filter rule names are InvalidArgument."""
        with pytest.raises(ClientError) as exc:
            s3.put_bucket_notification_configuration(
                Bucket=bucket, NotificationConfiguration=_config(_item(["s3:ObjectMade:*"]))
            )
        assert _err(exc)["Code"] == "InvalidArgument"
        bad = _item(["s3:ObjectCreated:*"])
        bad["Filter"] = {"Key": {"FilterRules": [{"Name": "middle", "Value": "x"}]}}
        with pytest.raises(ClientError):
            s3.put_bucket_notification_configuration(
                Bucket=bucket, NotificationConfiguration=_config(bad)
            )

    def test_queues_and_topics_are_refused(self, s3: Any, bucket: str) -> None:
        """A queue that does not exist, or an SNS topic: InvalidArgument, nothing saved."""
        with pytest.raises(ClientError) as exc:
            s3.put_bucket_notification_configuration(
                Bucket=bucket,
                NotificationConfiguration={
                    "QueueConfigurations": [
                        {
                            "QueueArn": "arn:aws:sqs:us-east-1:123456789012:q",
                            "Events": ["s3:ObjectCreated:*"],
                        }
                    ]
                },
            )
        assert _err(exc)["Code"] == "InvalidArgument"
        assert s3.get_bucket_notification_configuration(Bucket=bucket).keys() == {
            "ResponseMetadata"
        }

    def test_eventbridge_round_trip(self, s3: Any, bucket: str) -> None:
        """EventBridgeConfiguration is saved and answered."""
        s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration={"EventBridgeConfiguration": {}}
        )
        assert (
            s3.get_bucket_notification_configuration(Bucket=bucket)["EventBridgeConfiguration"]
            == {}
        )


class TestDelivery:
    def test_put_delivers_aws_event(
        self, cloud: Cloud, s3: Any, bucket: str, events: list[dict[str, Any]]
    ) -> None:
        """A matching put invokes the function asynchronously with AWS's record."""
        s3.put_bucket_notification_configuration(
            Bucket=bucket,
            NotificationConfiguration=_config(_item(["s3:ObjectCreated:*"], suffix=".jpg")),
        )
        put = s3.put_object(Bucket=bucket, Key="cats/a b.jpg", Body=b"jpeg")
        s3.put_object(Bucket=bucket, Key="notes.txt", Body=b"no")
        assert events == []
        cloud.run_until_idle()
        assert len(events) == 1
        S3Model(**events[0])  # powertools' model of the event accepts it
        record = events[0]["Records"][0]
        assert record["eventVersion"] == "2.1"
        assert record["eventSource"] == "aws:s3"
        assert record["eventName"] == "ObjectCreated:Put"
        assert record["awsRegion"] == "us-east-1"
        assert record["eventTime"] == "2025-01-01T00:00:00.000Z"
        obj = record["s3"]["object"]
        assert obj["key"] == "cats/a+b.jpg"
        assert obj["size"] == 4 and obj["eTag"] == put["ETag"].strip('"')
        assert len(obj["sequencer"]) == 18
        assert record["s3"]["bucket"]["arn"] == f"arn:aws:s3:::{bucket}"
        assert record["s3"]["configurationId"] == "c1"

    def test_event_types(
        self, cloud: Cloud, s3: Any, bucket: str, events: list[dict[str, Any]]
    ) -> None:
        """Copy, multipart completion and deletes each send their own event name."""
        s3.put_bucket_notification_configuration(
            Bucket=bucket,
            NotificationConfiguration=_config(
                _item(["s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload"]),
                _item(["s3:ObjectRemoved:*"], fn="other", cid="c2"),
            ),
        )
        s3.put_object(Bucket=bucket, Key="src", Body=b"x")
        s3.copy_object(Bucket=bucket, Key="dst", CopySource=f"{bucket}/src")
        up = s3.create_multipart_upload(Bucket=bucket, Key="mp")["UploadId"]
        etag = s3.upload_part(Bucket=bucket, Key="mp", UploadId=up, PartNumber=1, Body=b"y")["ETag"]
        s3.complete_multipart_upload(
            Bucket=bucket,
            Key="mp",
            UploadId=up,
            MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]},
        )
        s3.delete_object(Bucket=bucket, Key="dst")
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        s3.delete_object(Bucket=bucket, Key="src")
        cloud.run_until_idle()
        names = [e["Records"][0]["eventName"] for e in events]
        assert names == [
            "ObjectCreated:Copy",
            "ObjectCreated:CompleteMultipartUpload",
            "ObjectRemoved:Delete",
            "ObjectRemoved:DeleteMarkerCreated",
        ]
        for e in events:
            S3Model(**e)
        marker = events[-1]["Records"][0]["s3"]["object"]
        assert "size" not in marker and marker["versionId"]

    def test_a_deleted_function_is_skipped(
        self, cloud: Cloud, s3: Any, bucket: str, events: list[Any]
    ) -> None:
        """An event for a function deleted since configuration is dropped, not an error."""
        s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration=_config(_item(["s3:ObjectCreated:*"]))
        )
        cloud.client("lambda").delete_function(FunctionName="thumb")
        s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        cloud.run_until_idle()
        assert events == []


def test_lambda_async_retries_apply(cloud: Cloud, s3: Any, bucket: str) -> None:
    """A failing function is retried by Lambda's asynchronous rules (twice, then dropped)."""
    calls: list[str] = []

    def flaky(event: dict[str, Any], context: Any) -> None:
        calls.append(event["Records"][0]["s3"]["object"]["key"])
        raise RuntimeError("boom")

    cloud.lambda_.create_function("flaky", handler=flaky)
    s3.put_bucket_notification_configuration(
        Bucket=bucket, NotificationConfiguration=_config(_item(["s3:ObjectCreated:*"], fn="flaky"))
    )
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    cloud.run_until_idle()
    assert calls == ["k", "k", "k"]


def test_tagging_events(cloud: Cloud, s3: Any, bucket: str, events: list[dict[str, Any]]) -> None:
    """s3:ObjectTagging:* sends ObjectTagging:Put and :Delete (eventVersion 2.3), whose object
    is its key and eTag only, as AWS sent them to LocalStack's validated SQS tests (no size:
    powertools' S3Model, which demands one on every event but a removal, refuses AWS's own
    tagging records, so it is not the oracle here)."""
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    s3.put_bucket_notification_configuration(
        Bucket=bucket, NotificationConfiguration=_config(_item(["s3:ObjectTagging:*"]))
    )
    s3.put_object_tagging(Bucket=bucket, Key="k", Tagging={"TagSet": [{"Key": "a", "Value": "b"}]})
    s3.delete_object_tagging(Bucket=bucket, Key="k")
    cloud.run_until_idle()
    records = [e["Records"][0] for e in events]
    assert [(r["eventName"], r["eventVersion"]) for r in records] == [
        ("ObjectTagging:Put", "2.3"),
        ("ObjectTagging:Delete", "2.3"),
    ]
    assert [sorted(r["s3"]["object"]) for r in records] == [["eTag", "key"], ["eTag", "key"]]


def test_eventbridge_delivery(
    cloud: Cloud, s3: Any, bucket: str, events: list[dict[str, Any]]
) -> None:
    """With EventBridge on, events reach the default bus; a rule sends them to a function."""
    eb = cloud.client("events")
    eb.put_rule(Name="s3-events", EventPattern='{"source": ["aws.s3"]}')
    eb.put_targets(Rule="s3-events", Targets=[{"Id": "1", "Arn": ARN.format("thumb")}])
    s3.put_bucket_notification_configuration(
        Bucket=bucket, NotificationConfiguration={"EventBridgeConfiguration": {}}
    )
    s3.put_object(Bucket=bucket, Key="a b.jpg", Body=b"jpeg")
    s3.delete_object(Bucket=bucket, Key="a b.jpg")
    cloud.run_until_idle()
    assert [e["detail-type"] for e in events] == ["Object Created", "Object Deleted"]
    created, deleted = events
    S3EventNotificationEventBridgeModel(**created)
    S3EventNotificationEventBridgeModel(**deleted)
    assert created["source"] == "aws.s3"
    assert created["resources"] == [f"arn:aws:s3:::{bucket}"]
    assert created["detail"]["object"]["key"] == "a b.jpg"
    assert created["detail"]["object"]["size"] == 4
    assert created["detail"]["reason"] == "PutObject"
    assert deleted["detail"]["deletion-type"] == "Permanently Deleted"
