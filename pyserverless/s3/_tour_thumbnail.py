"""The thumbnail stop of ``pyserverless tour``: S3 -> Lambda -> S3 and DynamoDB.

The full example, with a handler module using boto3, is docs/thumbnail.md.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


class _Thumbnail:
    """The function: read the upload, write every fourth byte, record the sizes."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud

    def __call__(self, event: dict[str, Any], context: Any) -> None:
        s3 = self.cloud.client("s3")
        images = self.cloud.dynamo.table("tour-images")
        for record in event["Records"]:
            key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
            original = s3.get_object(Bucket=record["s3"]["bucket"]["name"], Key=key)
            data = original["Body"].read()
            s3.put_object(Bucket="tour-thumbnails", Key=key, Body=data[::4])
            images.put_item(
                Item={
                    "key": key,
                    "size": len(data),
                    "thumbnail_size": len(data[::4]),
                    "uploader": original["Metadata"].get("uploader", "unknown"),
                }
            )


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """The thumbnail app: an upload makes a thumbnail and a DynamoDB item."""
    uploads = cloud.s3.create_bucket("tour-photos")
    thumbnails = cloud.s3.create_bucket("tour-thumbnails")
    images = cloud.dynamo.create_table(
        TableName="tour-images",
        KeySchema=[{"AttributeName": "key", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "key", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    fn = cloud.lambda_.create_function("tour-thumbnailer", handler=_Thumbnail(cloud))
    cloud.client("s3").put_bucket_notification_configuration(
        Bucket="tour-photos",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "LambdaFunctionArn": fn.arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".jpg"}]}},
                }
            ]
        },
    )
    say("Bucket tour-photos notifies function tour-thumbnailer on *.jpg.")
    uploads.put("dog.jpg", bytes(1000), content_type="image/jpeg", uploader="ada")
    uploads.put("dog.txt", b"not a picture")
    cloud.run_until_idle()
    say(f"  uploaded dog.jpg and dog.txt; thumbnails now holds {thumbnails.keys()}")
    item = images.get_item(Key={"key": "dog.jpg"})["Item"]
    say(f"  tour-images has {dict(item)}")
    say("  (docs/thumbnail.md: the same app with a boto3 handler module)")
