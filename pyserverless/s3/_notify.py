"""Event notifications to Lambda: configuration, matching, and asynchronous delivery.

A write that a configuration matches (event type, key prefix and suffix) queues one
delivery per configuration on the Cloud's scheduler; the delivery invokes the function
asynchronously through the Lambda engine's public API (``invoke(...,
invocation_type="Event")``), so Lambda's async retries, maximum event age and
destinations apply. The event is AWS's (eventVersion 2.1).

With ``EventBridgeConfiguration`` every event also goes to the default event bus of the
bucket's Region (``Object Created``, ``Object Deleted``, ``Object Tags Added``, ``Object
Tags Deleted``), through the EventBridge engine's public ``put_events``.

SQS queues (``QueueConfigurations``) get the same event as a message body, through the
SQS engine's public SendMessage; when a configuration is saved, each queue it names gets
AWS's ``s3:TestEvent`` message first (never a function). A queue must exist and be a
standard queue (S3 does not deliver to FIFO queues). SNS destinations are refused (not
emulated yet).
"""

from __future__ import annotations

import base64
import json
import urllib.parse
from typing import Any

from .._core.errors import AWSError
from ._base import EngineBase, Params, Response
from ._errors import InvalidArgument
from ._errors import NotImplemented as S3NotImplemented
from ._storage import Bucket, ObjectVersion

__all__ = ["EVENTS", "NotifyOps"]

#: Event types a configuration may name; the ones this emulation fires are in _FIRED.
EVENTS = frozenset(
    {
        "s3:ObjectCreated:*",
        "s3:ObjectCreated:Put",
        "s3:ObjectCreated:Post",
        "s3:ObjectCreated:Copy",
        "s3:ObjectCreated:CompleteMultipartUpload",
        "s3:ObjectRemoved:*",
        "s3:ObjectRemoved:Delete",
        "s3:ObjectRemoved:DeleteMarkerCreated",
        "s3:ReducedRedundancyLostObject",
        "s3:ObjectRestore:*",
        "s3:ObjectRestore:Post",
        "s3:ObjectRestore:Completed",
        "s3:ObjectRestore:Delete",
        "s3:Replication:*",
        "s3:Replication:OperationFailedReplication",
        "s3:Replication:OperationNotTracked",
        "s3:Replication:OperationMissedThreshold",
        "s3:Replication:OperationReplicatedAfterThreshold",
        "s3:LifecycleExpiration:*",
        "s3:LifecycleExpiration:Delete",
        "s3:LifecycleExpiration:DeleteMarkerCreated",
        "s3:LifecycleTransition",
        "s3:IntelligentTiering",
        "s3:ObjectTagging:*",
        "s3:ObjectTagging:Put",
        "s3:ObjectTagging:Delete",
    }
)
#: Event types that name something pyserverless does not fire (ACL changes: ACLs are
#: disabled here): refused rather than stored and never delivered.
_UNFIRED = ("s3:ObjectAcl:",)
#: EventBridge's detail-type and reason for each event.
_BRIDGE = {
    "ObjectCreated:Put": ("Object Created", "PutObject"),
    "ObjectCreated:Copy": ("Object Created", "CopyObject"),
    "ObjectCreated:CompleteMultipartUpload": ("Object Created", "CompleteMultipartUpload"),
    "ObjectRemoved:Delete": ("Object Deleted", "DeleteObject"),
    "ObjectRemoved:DeleteMarkerCreated": ("Object Deleted", "DeleteObject"),
    "ObjectTagging:Put": ("Object Tags Added", ""),
    "ObjectTagging:Delete": ("Object Tags Deleted", ""),
}
_EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e"


def _covers(pattern: str, event: str) -> bool:
    """Whether configured ``pattern`` (``s3:ObjectCreated:*``) covers ``event``."""
    if pattern.endswith(":*"):
        return event.startswith(pattern[:-1])
    return pattern == event


def _share_event(a: list[str], b: list[str]) -> bool:
    for x in a:
        for y in b:
            if _covers(x, y) or _covers(y, x):
                return True
    return False


def _rules(config: dict[str, Any]) -> tuple[str, str]:
    found = {"prefix": "", "suffix": ""}
    seen: set[str] = set()
    for rule in ((config.get("Filter") or {}).get("Key") or {}).get("FilterRules") or ():
        name = str(rule.get("Name", "")).lower()
        if name not in found:
            raise InvalidArgument(
                "filter rule name must be either prefix or suffix",
                ArgumentName="FilterRule.Name",
                ArgumentValue=str(rule.get("Name")),
            )
        if name in seen:
            raise InvalidArgument(
                f"Cannot specify more than one {name} rule in a filter.",
                ArgumentName="FilterRule.Name",
                ArgumentValue=name,
            )
        seen.add(name)
        found[name] = str(rule.get("Value", ""))
    return found["prefix"], found["suffix"]


def _no_overlap(plans: list[dict[str, Any]]) -> None:
    """Two configurations of a bucket may not share an event type for overlapping keys."""
    for i, a in enumerate(plans):
        for b in plans[i + 1 :]:
            if _share_event(a["Events"], b["Events"]) and _overlap(a["filter"], b["filter"]):
                raise InvalidArgument(
                    "Configurations overlap. Configurations on the same bucket cannot share a "
                    "common event type.",
                    ArgumentName="Event",
                    ArgumentValue="null",
                )


def _described(c: dict[str, Any], arn_key: str) -> dict[str, Any]:
    """A saved configuration as GetBucketNotificationConfiguration answers it."""
    row: dict[str, Any] = {"Id": c["Id"], arn_key: c[arn_key], "Events": list(c["Events"])}
    if c["Filter"] is not None:
        rules = ((c["Filter"].get("Key") or {}).get("FilterRules")) or []
        row["Filter"] = {
            "Key": {
                "FilterRules": [
                    {"Name": str(r["Name"]).capitalize(), "Value": r.get("Value", "")}
                    for r in rules
                ]
            }
        }
    return row


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    pa, sa = a
    pb, sb = b
    return (pa.startswith(pb) or pb.startswith(pa)) and (sa.endswith(sb) or sb.endswith(sa))


class NotifyOps(EngineBase):
    """Bucket notification configuration and delivery."""

    def put_bucket_notification_configuration(self, p: Params) -> Response:
        """PutBucketNotificationConfiguration: Lambda and SQS targets, with key filters."""
        config = p.get("NotificationConfiguration") or {}
        for item in config.get("TopicConfigurations") or ():
            raise InvalidArgument(
                "Unable to validate the following destination configurations",
                ArgumentName1=item.get("TopicArn") or "",
                ArgumentValue1="The destination topic does not exist",
            )
        bridge = config.get("EventBridgeConfiguration") is not None
        plans = [
            self._plan(item, "LambdaFunctionArn")
            for item in config.get("LambdaFunctionConfigurations") or ()
        ]
        queues = [self._plan(item, "QueueArn") for item in config.get("QueueConfigurations") or ()]
        _no_overlap(plans + queues)
        if not p.get("SkipDestinationValidation"):
            self._validate_functions(plans)
            self._validate_queues(queues)
        with self.lock:
            bucket = self._bucket(p)
            bucket.notifications = {"lambda": plans} if plans else {}
            if queues:
                bucket.notifications["queue"] = queues
            if bridge:
                bucket.notifications["eventbridge"] = True
        for c in queues:
            self._test_event(bucket, c["QueueArn"])
        return {}

    def _plan(self, item: dict[str, Any], arn_key: str) -> dict[str, Any]:
        """One configuration, checked: its id, destination, events and key filter."""
        events = list(item.get("Events") or ())
        if not events:
            raise InvalidArgument(
                "The event is not supported for notifications", ArgumentName="Event"
            )
        for event in events:
            if event.startswith(_UNFIRED):
                raise S3NotImplemented(Header=event)
            if event not in EVENTS:
                raise InvalidArgument(
                    "The event is not supported for notifications",
                    ArgumentName="Event",
                    ArgumentValue=event,
                )
        return {
            # S3's own ids are the Base64 of a UUID's text
            "Id": item.get("Id") or base64.b64encode(self.cloud.ids.uuid().encode()).decode(),
            arn_key: item.get(arn_key, ""),
            "Events": events,
            "filter": _rules(item),
            "Filter": item.get("Filter"),
        }

    def _validate_functions(self, plans: list[dict[str, Any]]) -> None:
        arns = [c["LambdaFunctionArn"] for c in plans]
        missing = [arn for arn in arns if not self._function_exists(arn)]
        if missing:
            fields: dict[str, Any] = {}
            for n, arn in enumerate(missing, 1):
                fields[f"ArgumentName{n}"] = f"{arn}, null"  # S3's text, ", null" and all
                fields[f"ArgumentValue{n}"] = f"Not authorized to invoke function [{arn}]"
            raise InvalidArgument(
                "Unable to validate the following destination configurations", **fields
            )

    def _validate_queues(self, queues: list[dict[str, Any]]) -> None:
        """Each queue exists and is a standard queue (S3 does not send to FIFO queues)."""
        fields: dict[str, Any] = {}
        for c in queues:
            arn = c["QueueArn"]
            if arn.endswith(".fifo"):
                reason = "FIFO SQS queues are not supported"  # [?]
            elif self._queue_url(arn) is None:
                reason = "The destination queue does not exist"
            else:
                continue
            n = len(fields) // 2 + 1
            fields[f"ArgumentName{n}"] = arn
            fields[f"ArgumentValue{n}"] = reason
        if fields:
            raise InvalidArgument(
                "Unable to validate the following destination configurations", **fields
            )

    def _queue_url(self, arn: str) -> str | None:
        parts = arn.split(":")
        if len(parts) != 6 or parts[2] != "sqs":
            return None
        try:
            url: str | None = self.cloud.engine("sqs", parts[3]).queue_url_for_arn(arn)
        except (AWSError, ValueError, KeyError):
            return None
        return url

    def _test_event(self, bucket: Bucket, arn: str) -> None:
        """AWS's ``s3:TestEvent`` message, sent to a queue when a configuration names it."""
        rid, host = self._request_ids()
        t = self.cloud.clock.now()
        body = {
            "Service": "Amazon S3",
            "Event": "s3:TestEvent",
            "Time": t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z",
            "Bucket": bucket.name,
            "RequestId": rid,
            "HostId": host,
        }
        self._send(arn, json.dumps(body, separators=(",", ":")))

    def _function_exists(self, arn: str) -> bool:
        parts = arn.split(":")
        if len(parts) < 7 or parts[2] != "lambda" or parts[5] != "function":
            return False
        region = parts[3]
        try:
            lam = self.cloud.engine("lambda", region)
            lam.get_function(arn)
        except (AWSError, ValueError):
            return False
        return True

    def get_bucket_notification_configuration(self, p: Params) -> Response:
        """GetBucketNotificationConfiguration: the Lambda configurations as saved."""
        with self.lock:
            saved = self._bucket(p).notifications
            out = [_described(c, "LambdaFunctionArn") for c in saved.get("lambda", [])]
            queues = [_described(c, "QueueArn") for c in saved.get("queue", [])]
            bridge = bool(saved.get("eventbridge"))
        answer: Response = {"LambdaFunctionConfigurations": out} if out else {}
        if queues:
            answer["QueueConfigurations"] = queues
        if bridge:
            answer["EventBridgeConfiguration"] = {}
        return answer

    def _notify(self, bucket: Bucket, event: str, version: ObjectVersion, sequencer: str) -> None:
        if bucket.notifications.get("eventbridge"):
            entry = self._bridge_entry(bucket, event, version, sequencer)
            self.cloud.scheduler.call_later(
                0, self._deliver_bridge, entry, name="s3 to eventbridge"
            )
        full = "s3:" + event
        for kind, key in (("lambda", "LambdaFunctionArn"), ("queue", "QueueArn")):
            for c in bucket.notifications.get(kind) or ():
                prefix, suffix = c["filter"]
                if not version.key.startswith(prefix) or not version.key.endswith(suffix):
                    continue
                if not any(_covers(e, full) for e in c["Events"]):
                    continue
                record = self._record(bucket, event, version, sequencer, c["Id"])
                payload = json.dumps({"Records": [record]}, separators=(",", ":")).encode()
                deliver = self._deliver if kind == "lambda" else self._deliver_queue
                self.cloud.scheduler.call_later(0, deliver, c[key], payload, name="s3 notification")

    def _record(
        self, bucket: Bucket, event: str, v: ObjectVersion, sequencer: str, config_id: str
    ) -> dict[str, Any]:
        rid, host = self._request_ids()
        t = self.cloud.clock.now()
        obj: dict[str, Any] = {"key": urllib.parse.quote_plus(v.key, safe="/*")}
        if event.startswith("ObjectCreated"):
            obj["size"] = v.size
        if not event.startswith("ObjectRemoved"):  # tagging events: eTag and key, no size
            obj["eTag"] = v.etag.strip('"')  # (LocalStack's AWS-validated SQS snapshots)
        if bucket.versioning:
            obj["versionId"] = v.version_id
        if sequencer:
            obj["sequencer"] = sequencer
        return {
            "eventVersion": "2.3" if event.startswith("ObjectTagging") else "2.1",
            "eventSource": "aws:s3",
            "awsRegion": self.region,
            "eventTime": t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z",
            "eventName": event,
            "userIdentity": {"principalId": f"AWS:{self.account_id}"},
            "requestParameters": {"sourceIPAddress": "127.0.0.1"},
            "responseElements": {"x-amz-request-id": rid, "x-amz-id-2": host},
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": config_id,
                "bucket": {
                    "name": bucket.name,
                    "ownerIdentity": {"principalId": "A" + self.owner_id[:13].upper()},
                    "arn": f"arn:aws:s3:::{bucket.name}",
                },
                "object": obj,
            },
        }

    def _bridge_entry(
        self, bucket: Bucket, event: str, v: ObjectVersion, sequencer: str
    ) -> dict[str, Any]:
        kind, reason = _BRIDGE[event]
        obj: dict[str, Any] = {"key": v.key}
        if event.startswith("ObjectCreated"):
            obj["size"] = v.size
        obj["etag"] = v.etag.strip('"') or _EMPTY_MD5
        if bucket.versioning:
            obj["version-id"] = v.version_id
        if sequencer:
            obj["sequencer"] = sequencer
        rid, _ = self._request_ids()
        detail: dict[str, Any] = {
            "version": "0",
            "bucket": {"name": bucket.name},
            "object": obj,
            "request-id": rid,
            "requester": self.account_id,
            "source-ip-address": "127.0.0.1",
        }
        if reason:
            detail["reason"] = reason
        if event.startswith("ObjectRemoved"):
            detail["deletion-type"] = (
                "Delete Marker Created" if v.delete_marker else "Permanently Deleted"
            )
        return {
            "Source": "aws.s3",
            "DetailType": kind,
            "Detail": json.dumps(detail, separators=(",", ":")),
            "Resources": [f"arn:aws:s3:::{bucket.name}"],
            "Time": self.cloud.clock.now(),
        }

    def _deliver_bridge(self, entry: dict[str, Any]) -> None:
        """Put the event on the default bus of the bucket's Region."""
        try:
            self.cloud.engine("events", self.region).put_service_event(entry)
        except (AWSError, ValueError):
            return

    def _deliver_queue(self, arn: str, payload: bytes) -> None:
        """Send the event to the queue (a queue deleted since is skipped, as AWS drops
        events it cannot deliver)."""
        self._send(arn, payload.decode())

    def _send(self, arn: str, body: str) -> None:
        url = self._queue_url(arn)
        if url is None:
            return
        try:
            self.cloud.engine("sqs", arn.split(":")[3]).send_message(
                {"QueueUrl": url, "MessageBody": body}
            )
        except (AWSError, ValueError):
            return

    def _deliver(self, arn: str, payload: bytes) -> None:
        """Invoke the function asynchronously (a function deleted since is skipped, as AWS
        drops events it cannot deliver)."""
        region = arn.split(":")[3] if arn.count(":") >= 6 else self.region
        try:
            self.cloud.engine("lambda", region).invoke(arn, payload, invocation_type="Event")
        except (AWSError, ValueError):
            return
