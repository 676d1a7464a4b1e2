"""What every part of the S3 engine shares: its state and small helpers."""

from __future__ import annotations

import base64
import hashlib
import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ._errors import AccessDenied, NoSuchBucket
from ._limits import S3Limits
from ._storage import Bucket, ObjectVersion, SpillDir

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["EngineBase", "Params", "Response"]

Params = dict[str, Any]
Response = dict[str, Any]


class EngineBase:
    """The S3 engine's state; the operations live in mixins over it."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.account_id = cloud.account_id
        self.limits: S3Limits = cloud.limits.for_service("s3")
        self.lock = threading.RLock()
        self.buckets: dict[str, Bucket] = {}
        self._spill: SpillDir | None = None
        #: The account's canonical user id (64 hex digits), as S3 shows owners.
        self.owner_id = hashlib.sha256(b"s3-owner:" + cloud.account_id.encode()).hexdigest()

    def _now(self) -> datetime:
        now = self.cloud.clock.now()
        return now.replace(microsecond=now.microsecond // 1000 * 1000)

    def _spill_dir(self) -> SpillDir:
        if self._spill is None:
            self._spill = SpillDir()
        return self._spill

    def _bucket(self, params: Params) -> Bucket:
        """The request's bucket (under the lock), or NoSuchBucket."""
        name = params.get("Bucket")
        found = self.buckets.get(name) if isinstance(name, str) else None
        if found is None:
            raise NoSuchBucket(BucketName=name)
        owner = params.get("ExpectedBucketOwner")
        if owner is not None and owner != self.account_id:
            raise AccessDenied()
        return found

    def _owner(self) -> dict[str, str]:
        return {"ID": self.owner_id}

    def _version_id(self) -> str:
        return self.cloud.ids.alnum(32)

    def _sequencer(self, bucket: Bucket) -> str:
        """The next event sequencer of ``bucket`` ("" while it has no notifications: only
        an event carries it, and the count still moves). Under the lock."""
        bucket.sequencer += 1
        if not bucket.notifications:
            return ""
        stamp = int(self.cloud.clock.now().timestamp() * 1000)
        return f"{stamp:012X}{bucket.sequencer:06X}"

    def _request_ids(self) -> tuple[str, str]:
        rid = self.cloud.ids.hex(16).upper()
        host = base64.b64encode(self.cloud.ids.token_bytes(57)).decode("ascii")
        return rid, host

    def _locate(self, name: str) -> str | None:
        """The Region holding bucket ``name`` (any Region of the Cloud), or None."""
        for region in self.cloud.regions_with("s3"):
            found = self.cloud.engine("s3", region).bucket_region(name)
            if found is not None:
                return str(found)
        return None

    def _notify(self, bucket: Bucket, event: str, version: ObjectVersion, sequencer: str) -> None:
        """Queue the bucket's notifications for ``event`` (NotifyOps fills this in)."""
