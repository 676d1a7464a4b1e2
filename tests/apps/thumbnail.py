"""The thumbnail app's Lambda handler: plain boto3 and Pillow, written for AWS.

S3 calls it for each new ``.jpg`` in the uploads bucket. It reads the image, writes a
JPEG at most ``SIZE`` pixels on each side to the bucket named by ``THUMBNAILS``, and
records the key, the sizes, the content type and the uploader (the object's
``uploader`` metadata) in the table named by ``TABLE``. It logs each event as one JSON
line, as many real functions do.
"""

from __future__ import annotations

import io
import json
import os
import urllib.parse
from typing import Any

import boto3

SIZE = (128, 128)


def thumbnail(data: bytes) -> tuple[bytes, tuple[int, int], tuple[int, int]]:
    """A JPEG no larger than ``SIZE``, keeping the aspect ratio; both sizes in pixels."""
    from PIL import Image  # here, so that collecting this module needs no Pillow

    image = Image.open(io.BytesIO(data))
    original = image.size
    image.thumbnail(SIZE)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG")
    return out.getvalue(), original, image.size


def handler(event: dict[str, Any], context: Any) -> None:
    """Make a thumbnail and a metadata item for every record of an S3 event."""
    print(json.dumps(event))
    s3 = boto3.client("s3")
    images = boto3.resource("dynamodb").Table(os.environ["TABLE"])
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        original = s3.get_object(Bucket=bucket, Key=key)
        data = original["Body"].read()
        small, (width, height), (thumb_width, thumb_height) = thumbnail(data)
        s3.put_object(
            Bucket=os.environ["THUMBNAILS"], Key=key, Body=small, ContentType="image/jpeg"
        )
        images.put_item(
            Item={
                "key": key,
                "size": len(data),
                "width": width,
                "height": height,
                "thumbnail_size": len(small),
                "thumbnail_width": thumb_width,
                "thumbnail_height": thumb_height,
                "content_type": original["ContentType"],
                "uploader": original["Metadata"].get("uploader", "unknown"),
            }
        )
