"""The S3 stop of ``pyserverless tour``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


class _Thumbnailer:
    """A handler that records the keys S3 told it about."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def __call__(self, event: dict[str, Any], context: Any) -> None:
        for record in event["Records"]:
            self.keys.append(record["s3"]["object"]["key"])


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """S3: buckets, objects, listing, versions, and events to a Lambda function."""
    uploads = cloud.s3.create_bucket("tour-uploads")
    say(f"Created {uploads!r}.")
    etag = uploads.put("cats/tom.jpg", b"\xff\xd8 not really a jpeg", content_type="image/jpeg")
    say(f"  put cats/tom.jpg -> ETag {etag}")
    s3 = cloud.client("s3")
    page = s3.list_objects_v2(Bucket="tour-uploads", Delimiter="/")
    say(f"  list with Delimiter='/': CommonPrefixes={page['CommonPrefixes']}")
    try:
        s3.get_object(Bucket="tour-uploads", Key="cats/felix.jpg")
    except s3.exceptions.NoSuchKey as err:
        say(f"  a missing key: {err.response['Error']}")
    handler = _Thumbnailer()
    fn = cloud.lambda_.create_function("tour-thumbnail", handler=handler)
    s3.put_bucket_notification_configuration(
        Bucket="tour-uploads",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {"LambdaFunctionArn": fn.arn, "Events": ["s3:ObjectCreated:*"]}
            ]
        },
    )
    uploads.put("cats/felix.jpg", b"...")
    say(f"  notified function before the clock moves: {handler.keys}")
    cloud.run_until_idle()
    say(f"  ... and after: {handler.keys}")
