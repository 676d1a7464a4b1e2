"""The thumbnail use case end to end: S3 notifies a Lambda function that resizes with
Pillow and records metadata in DynamoDB, all in one Cloud (docs/thumbnail.md is the
same flow with a byte-level stand-in for Pillow).

The function is ``thumbnail.py`` shipped as zip code; its boto3 clients reach the Cloud
that invoked it. Delivery is asynchronous, so the tests move the Cloud's scheduler.
"""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

Image = pytest.importorskip(
    "PIL.Image", reason="Pillow (the `test` extra) makes the real thumbnails"
)
S3Model = pytest.importorskip(
    "aws_lambda_powertools.utilities.parser.models", reason="powertools checks the event"
).S3Model

HANDLER = Path(__file__).with_name("thumbnail.py")
TABLE = "images"


def jpeg(width: int, height: int) -> bytes:
    """A real JPEG of the given size."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 60)).save(out, format="JPEG")
    return out.getvalue()


def size_of(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        return tuple(image.size)  # type: ignore[return-value]


@pytest.fixture
def cloud() -> Any:
    with Cloud(clock=ManualClock(1735689600), seed=7) as c:
        yield c


@pytest.fixture
def stack(cloud: Cloud, request: pytest.FixtureRequest) -> dict[str, Any]:
    """Buckets uploads and thumbnails, table images, function thumbnail, the notification.

    The function runs inline unless the test asks for another isolation (indirectly).
    """
    uploads = cloud.s3.create_bucket("uploads")
    thumbnails = cloud.s3.create_bucket("thumbnails")
    images = cloud.dynamo.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "key", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "key", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as zf:
        zf.writestr("thumbnail.py", HANDLER.read_text())
    fn = cloud.lambda_.create_function(
        "thumbnail",
        handler="thumbnail.handler",
        code=code.getvalue(),
        timeout=30,
        isolation=getattr(request, "param", "inline"),
        environment={"TABLE": TABLE, "THUMBNAILS": "thumbnails"},
    )
    cloud.client("s3").put_bucket_notification_configuration(
        Bucket="uploads",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "Id": "make-thumbnails",
                    "LambdaFunctionArn": fn.arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".jpg"}]}},
                }
            ]
        },
    )
    return {"uploads": uploads, "thumbnails": thumbnails, "images": images, "fn": fn}


def events_seen(fn: Any) -> list[dict[str, Any]]:
    """The events the function logged (one JSON line each)."""
    return [json.loads(line) for line in fn.logs() if line.startswith("{")]


def upload(stack: dict[str, Any], key: str, data: bytes, **metadata: str) -> None:
    stack["uploads"].put(key, data, content_type="image/jpeg", **metadata)


@pytest.mark.parametrize("stack", ["inline", "process"], indirect=True)
def test_a_jpg_upload_makes_a_thumbnail_and_a_metadata_item(
    cloud: Cloud, stack: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    """A 640x480 upload becomes a 128x96 JPEG in thumbnails, with its item in images,
    whether the handler runs in this process or in a worker (whose boto3 reaches the
    host's Cloud too)."""
    assert stack["fn"].describe().isolation == request.node.callspec.params["stack"]
    photo = jpeg(640, 480)
    upload(stack, "cats/tom cat.jpg", photo, uploader="ada")
    assert stack["thumbnails"].keys() == []  # nothing until the clock moves
    cloud.run_until_idle()
    small = stack["thumbnails"].get("cats/tom cat.jpg")
    assert size_of(small) == (128, 96)
    assert stack["thumbnails"].head("cats/tom cat.jpg")["ContentType"] == "image/jpeg"
    item = stack["images"].get_item(Key={"key": "cats/tom cat.jpg"})["Item"]
    assert item == {
        "key": "cats/tom cat.jpg",
        "size": Decimal(len(photo)),
        "width": Decimal(640),
        "height": Decimal(480),
        "thumbnail_size": Decimal(len(small)),
        "thumbnail_width": Decimal(128),
        "thumbnail_height": Decimal(96),
        "content_type": "image/jpeg",
        "uploader": "ada",
    }
    assert len(small) < len(photo)


def test_a_tall_image_keeps_its_aspect_ratio_and_a_small_one_its_size(
    cloud: Cloud, stack: dict[str, Any]
) -> None:
    """Pillow's thumbnail: the longer side becomes 128, and an image under 128 is kept."""
    upload(stack, "tall.jpg", jpeg(300, 600))
    upload(stack, "tiny.jpg", jpeg(128, 50))
    cloud.run_until_idle()
    assert size_of(stack["thumbnails"].get("tall.jpg")) == (64, 128)
    assert size_of(stack["thumbnails"].get("tiny.jpg")) == (128, 50)
    item = stack["images"].get_item(Key={"key": "tiny.jpg"})["Item"]
    assert item["uploader"] == "unknown"  # no uploader metadata on this one


def test_the_event_validates_with_powertools_s3model(cloud: Cloud, stack: dict[str, Any]) -> None:
    """The function received exactly one S3 event, which powertools' S3Model accepts."""
    photo = jpeg(200, 100)
    upload(stack, "a b.jpg", photo, uploader="grace")
    cloud.run_until_idle()
    (event,) = events_seen(stack["fn"])
    parsed = S3Model.model_validate(event)
    (record,) = parsed.Records
    assert record.eventName == "ObjectCreated:Put"
    assert record.eventSource == "aws:s3"
    assert record.s3.bucket.name == "uploads"
    assert record.s3.object.key == "a+b.jpg"  # URL-encoded, as S3 sends it
    assert record.s3.object.size == len(photo)
    assert record.s3.configurationId == "make-thumbnails"


def test_other_uploads_do_not_trigger_it(cloud: Cloud, stack: dict[str, Any]) -> None:
    """Another suffix, a .jpg in another bucket and a deletion do not invoke the function."""
    upload(stack, "photo.png", jpeg(10, 10))
    upload(stack, "photo.jpg.txt", jpeg(10, 10))
    upload(stack, "photo.jpeg", jpeg(10, 10))
    stack["thumbnails"].put("elsewhere.jpg", jpeg(10, 10))
    cloud.run_until_idle()
    assert events_seen(stack["fn"]) == []
    assert stack["thumbnails"].keys() == ["elsewhere.jpg"]
    assert stack["images"].scan()["Count"] == 0
    upload(stack, "photo.jpg", jpeg(10, 10))  # the first one that matches
    cloud.run_until_idle()
    assert [e["Records"][0]["s3"]["object"]["key"] for e in events_seen(stack["fn"])] == [
        "photo.jpg"
    ]
    stack["uploads"].delete("photo.jpg")  # ObjectRemoved is not configured
    cloud.run_until_idle()
    assert len(events_seen(stack["fn"])) == 1


def test_a_copy_and_a_multipart_upload_trigger_it_too(cloud: Cloud, stack: dict[str, Any]) -> None:
    """s3:ObjectCreated:* covers Copy and CompleteMultipartUpload as well as Put."""
    s3 = cloud.client("s3")
    photo = jpeg(256, 256)
    stack["thumbnails"].put("source.png", photo)
    s3.copy_object(
        Bucket="uploads", Key="copied.jpg", CopySource={"Bucket": "thumbnails", "Key": "source.png"}
    )
    mpu = s3.create_multipart_upload(Bucket="uploads", Key="parts.jpg", ContentType="image/jpeg")
    part = s3.upload_part(
        Bucket="uploads", Key="parts.jpg", UploadId=mpu["UploadId"], PartNumber=1, Body=photo
    )
    s3.complete_multipart_upload(
        Bucket="uploads",
        Key="parts.jpg",
        UploadId=mpu["UploadId"],
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]},
    )
    cloud.run_until_idle()
    names = sorted(e["Records"][0]["eventName"] for e in events_seen(stack["fn"]))
    assert names == ["ObjectCreated:CompleteMultipartUpload", "ObjectCreated:Copy"]
    for key in ("copied.jpg", "parts.jpg"):
        assert size_of(stack["thumbnails"].get(key)) == (128, 128)


def test_the_tour_stop() -> None:
    """The tour's thumbnail stop runs, is listed, and shows one thumbnail and its item."""
    from pyserverless._tour import STEPS
    from pyserverless.s3._tour_thumbnail import tour

    lines: list[str] = []
    with Cloud.manual() as cloud:
        tour(cloud, lines.append)
    text = "\n".join(lines)
    assert "thumbnails now holds ['dog.jpg']" in text
    assert "'thumbnail_size': Decimal('250'), 'uploader': 'ada'" in text
    assert "pyserverless.s3._tour_thumbnail:tour" in STEPS
