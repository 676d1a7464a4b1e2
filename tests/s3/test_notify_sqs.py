"""S3 event notifications to SQS queues: configuration, the s3:TestEvent, and delivery."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import S3Model
from botocore.exceptions import ClientError

from pyserverless import Cloud

ACCOUNT = "123456789012"


@pytest.fixture
def queue(cloud: Cloud) -> tuple[str, str]:
    url = cloud.client("sqs").create_queue(QueueName="uploads")["QueueUrl"]
    return url, f"arn:aws:sqs:us-east-1:{ACCOUNT}:uploads"


def drain(cloud: Cloud, url: str) -> list[dict[str, Any]]:
    sqs = cloud.client("sqs")
    out: list[dict[str, Any]] = []
    while True:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not got:
            return out
        for message in got:
            out.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def queue_config(arn: str, events: list[str], suffix: str = "", cid: str = "q1") -> dict[str, Any]:
    item: dict[str, Any] = {"Id": cid, "QueueArn": arn, "Events": events}
    if suffix:
        item["Filter"] = {"Key": {"FilterRules": [{"Name": "suffix", "Value": suffix}]}}
    return {"QueueConfigurations": [item]}


class TestConfiguration:
    def test_test_event_then_round_trip(
        self, cloud: Cloud, s3: Any, bucket: str, queue: tuple[str, str]
    ) -> None:
        """Saving a queue configuration sends AWS's s3:TestEvent to it; Get answers it."""
        url, arn = queue
        config = queue_config(arn, ["s3:ObjectCreated:*"], suffix=".jpg")
        s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=config)
        (test,) = drain(cloud, url)
        assert set(test) == {"Service", "Event", "Time", "Bucket", "RequestId", "HostId"}
        assert (test["Service"], test["Event"], test["Bucket"]) == (
            "Amazon S3",
            "s3:TestEvent",
            bucket,
        )
        got = s3.get_bucket_notification_configuration(Bucket=bucket)
        assert got["QueueConfigurations"] == [
            {
                "Id": "q1",
                "QueueArn": arn,
                "Events": ["s3:ObjectCreated:*"],
                "Filter": {"Key": {"FilterRules": [{"Name": "Suffix", "Value": ".jpg"}]}},
            }
        ]
        assert "LambdaFunctionConfigurations" not in got

    @pytest.mark.parametrize("name", ["gone", "uploads.fifo"])
    def test_missing_or_fifo_queue_refused(
        self, cloud: Cloud, s3: Any, bucket: str, name: str
    ) -> None:
        """A queue that does not exist, or a FIFO queue: InvalidArgument, nothing saved."""
        if name.endswith(".fifo"):
            cloud.client("sqs").create_queue(QueueName=name, Attributes={"FifoQueue": "true"})
        arn = f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}"
        with pytest.raises(ClientError) as caught:
            s3.put_bucket_notification_configuration(
                Bucket=bucket, NotificationConfiguration=queue_config(arn, ["s3:ObjectCreated:*"])
            )
        error = caught.value.response["Error"]
        assert error["Code"] == "InvalidArgument"
        assert error["Message"] == "Unable to validate the following destination configurations"
        assert "QueueConfigurations" not in s3.get_bucket_notification_configuration(Bucket=bucket)

    def test_skip_destination_validation(self, s3: Any, bucket: str) -> None:
        """SkipDestinationValidation saves a queue that does not exist yet."""
        arn = f"arn:aws:sqs:us-east-1:{ACCOUNT}:later"
        s3.put_bucket_notification_configuration(
            Bucket=bucket,
            NotificationConfiguration=queue_config(arn, ["s3:ObjectCreated:*"]),
            SkipDestinationValidation=True,
        )
        got = s3.get_bucket_notification_configuration(Bucket=bucket)
        assert got["QueueConfigurations"][0]["QueueArn"] == arn
        s3.put_object(Bucket=bucket, Key="a", Body=b"x")  # nowhere to go: dropped

    def test_overlap_with_a_function_configuration(
        self, cloud: Cloud, s3: Any, bucket: str, queue: tuple[str, str]
    ) -> None:
        """A queue and a function sharing an event type over overlapping keys: refused."""
        fn = cloud.lambda_.create_function("thumb", handler=lambda e, c: None)
        config = queue_config(queue[1], ["s3:ObjectCreated:*"])
        config["LambdaFunctionConfigurations"] = [
            {"LambdaFunctionArn": fn.arn, "Events": ["s3:ObjectCreated:Put"]}
        ]
        with pytest.raises(ClientError, match="overlap"):
            s3.put_bucket_notification_configuration(
                Bucket=bucket, NotificationConfiguration=config
            )
        config["LambdaFunctionConfigurations"][0]["Events"] = ["s3:ObjectRemoved:*"]
        s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=config)


class TestDelivery:
    def test_event_records_as_the_body(
        self, cloud: Cloud, s3: Any, bucket: str, queue: tuple[str, str]
    ) -> None:
        """A matching write sends AWS's event (powertools' S3Model) to the queue, on the
        scheduler; a key the filter excludes sends nothing."""
        url, arn = queue
        config = queue_config(arn, ["s3:ObjectCreated:*"], suffix=".jpg")
        s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=config)
        drain(cloud, url)
        s3.put_object(Bucket=bucket, Key="cat.jpg", Body=b"meow")
        s3.put_object(Bucket=bucket, Key="notes.txt", Body=b"x")
        assert drain(cloud, url) == []
        cloud.advance(0)
        (event,) = drain(cloud, url)
        S3Model.model_validate(event)
        record = event["Records"][0]
        assert (record["eventName"], record["s3"]["object"]["key"]) == (
            "ObjectCreated:Put",
            "cat.jpg",
        )
        assert record["s3"]["configurationId"] == "q1"
        assert record["s3"]["object"]["size"] == 4

    def test_removed_events(
        self, cloud: Cloud, s3: Any, bucket: str, queue: tuple[str, str]
    ) -> None:
        """ObjectRemoved events reach the queue too."""
        url, arn = queue
        s3.put_object(Bucket=bucket, Key="a", Body=b"x")
        s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration=queue_config(arn, ["s3:ObjectRemoved:*"])
        )
        drain(cloud, url)
        s3.delete_object(Bucket=bucket, Key="a")
        cloud.advance(0)
        assert [e["Records"][0]["eventName"] for e in drain(cloud, url)] == ["ObjectRemoved:Delete"]

    def test_queue_feeds_a_lambda_mapping(
        self, cloud: Cloud, s3: Any, bucket: str, queue: tuple[str, str]
    ) -> None:
        """S3 -> SQS -> Lambda: the function gets the S3 event inside the SQS record."""
        url, arn = queue
        seen: list[str] = []

        def handler(event: dict[str, Any], context: Any) -> None:
            for record in event["Records"]:
                body = json.loads(record["body"])
                seen.extend(r["s3"]["object"]["key"] for r in body.get("Records", []))

        cloud.lambda_.create_function("thumb", handler=handler)
        s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration=queue_config(arn, ["s3:ObjectCreated:*"])
        )
        cloud.client("lambda").create_event_source_mapping(EventSourceArn=arn, FunctionName="thumb")
        s3.put_object(Bucket=bucket, Key="a.jpg", Body=b"x")
        cloud.run_until_idle()
        assert seen == ["a.jpg"]
        assert drain(cloud, url) == []
