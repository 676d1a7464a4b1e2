"""The S3 engine: one per Region; bucket names are global across the Cloud's Regions.

Every operation takes the request as botocore's parameter dict and answers botocore's
parsed response dict (the client layer and the wire doors translate, nothing more).
Objects, listing, multipart uploads, configuration and notifications live in mixins
(``_objects``, ``_listing``, ``_multipart``, ``_config``, ``_notify``); this module
holds the buckets.
"""

from __future__ import annotations

import base64
import ipaddress
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ._base import EngineBase, Params, Response
from ._config import ConfigOps
from ._errors import (
    BucketAlreadyOwnedByYou,
    BucketNotEmpty,
    IllegalLocationConstraintException,
    InvalidArgument,
    InvalidBucketName,
    InvalidLocationConstraint,
    TooManyBuckets,
)
from ._errors import NotImplemented as S3NotImplemented
from ._listing import ListingOps
from ._multipart import MultipartOps
from ._notify import NotifyOps
from ._storage import Bucket

if TYPE_CHECKING:
    pass

__all__ = ["S3"]

_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_REGION_NAME = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]+$")
_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


def bucket_name_ok(name: str) -> bool:
    """S3's naming rules for general purpose buckets.

    >>> [bucket_name_ok(n) for n in ("photos", "my.bucket-1", "ab", "Photos", "a..b", "1.2.3.4")]
    [True, True, False, False, False, False]
    """
    if not _NAME.match(name) or ".." in name or ".-" in name or "-." in name:
        return False
    if name.startswith(_RESERVED_PREFIXES) or name.endswith(_RESERVED_SUFFIXES):
        return False
    try:
        ipaddress.IPv4Address(name)
    except ValueError:
        return True
    return False


class S3(MultipartOps, ListingOps, ConfigOps, NotifyOps, EngineBase):
    """S3 in one Region of a Cloud.

    >>> from pyserverless import Cloud
    >>> s3 = Cloud.manual().engine("s3")
    >>> _ = s3.create_bucket({"Bucket": "photos"})
    >>> s3.bucket_region("photos"), s3.bucket_region("other")
    ('us-east-1', None)
    """

    def close(self) -> None:
        """Remove the folder of spilled bodies (``cloud.close()`` calls this)."""
        with self.lock:
            if self._spill is not None:
                self._spill.cleanup()
                self._spill = None

    # -- public methods other engines and Regions use -------------------------------------
    def bucket_region(self, name: str) -> str | None:
        """The Region of bucket ``name`` if this engine holds it, else None."""
        return self.region if name in self.buckets else None

    def bucket_names(self) -> list[tuple[str, datetime]]:
        """(name, creation time) of every bucket in this Region."""
        with self.lock:
            return [(b.name, b.created) for b in self.buckets.values()]

    # -- buckets ------------------------------------------------------------------------------
    def create_bucket(self, p: Params) -> Response:
        """CreateBucket: a bucket in this engine's Region (from us-east-1, S3's global
        endpoint, in the Region its LocationConstraint names)."""
        name = p.get("Bucket", "")
        if not bucket_name_ok(name):
            raise InvalidBucketName(BucketName=name)
        config = p.get("CreateBucketConfiguration") or {}
        for member in ("Location", "Bucket", "Tags"):
            if config.get(member) is not None:
                raise S3NotImplemented(Header=f"CreateBucketConfiguration.{member}")
        lc = config.get("LocationConstraint")
        self._check_location(lc)
        if lc and lc != self.region:  # us-east-1 (S3's global endpoint) creates anywhere
            engine: S3 = self.cloud.engine("s3", lc)
            return engine.create_bucket(p)
        if p.get("ObjectLockEnabledForBucket"):
            raise S3NotImplemented(Header="x-amz-bucket-object-lock-enabled")
        acl = p.get("ACL")
        if acl not in (None, "private"):
            raise _acl_refused()
        if p.get("ObjectOwnership") not in (None, "BucketOwnerEnforced"):
            raise S3NotImplemented(Header="x-amz-object-ownership")
        for grant in (
            "GrantFullControl",
            "GrantRead",
            "GrantReadACP",
            "GrantWrite",
            "GrantWriteACP",
        ):
            if p.get(grant) is not None:
                raise _acl_refused()
        with self.cloud._lock:  # names are global: one creation at a time across Regions
            where = self._locate(name)
            if where is not None:
                if where == self.region == "us-east-1":
                    return {"Location": "/" + name}  # us-east-1's legacy answer: 200
                raise BucketAlreadyOwnedByYou(BucketName=name)
            total = sum(
                len(self.cloud.engine("s3", r).buckets) for r in self.cloud.regions_with("s3")
            )
            if total >= self.limits.max_buckets:
                raise TooManyBuckets()
            with self.lock:
                self.buckets[name] = Bucket(name, self.region, self._now())
        if self.region == "us-east-1":
            return {"Location": "/" + name}
        return {"Location": f"http://{name}.s3.amazonaws.com/", "BucketArn": f"arn:aws:s3:::{name}"}

    def _check_location(self, lc: Any) -> None:
        if lc is None or lc == "":
            if self.region != "us-east-1":
                raise IllegalLocationConstraintException()
            return
        if self.region != "us-east-1" and lc != self.region and _REGION_NAME.match(str(lc)):
            # a Regional endpoint names any other Region so, us-east-1 and other
            # partitions' included (moto's aws_verified location-constraint cases)
            raise IllegalLocationConstraintException(
                f"The {lc} location constraint is incompatible for the region specific "
                "endpoint this request was sent to."
            )
        if lc == "us-east-1" or lc not in self.cloud.regions:
            raise InvalidLocationConstraint(LocationConstraint=lc)

    def head_bucket(self, p: Params) -> Response:
        """HeadBucket: 200 with the bucket's Region, or 404 / 403."""
        with self.lock:
            self._bucket(p)
        return {"BucketRegion": self.region, "AccessPointAlias": False}

    def get_bucket_location(self, p: Params) -> Response:
        """GetBucketLocation: None for us-east-1 (S3 answers an empty constraint)."""
        with self.lock:
            b = self._bucket(p)
        return {"LocationConstraint": None if b.region == "us-east-1" else b.region}

    def delete_bucket(self, p: Params) -> Response:
        """DeleteBucket: only an empty bucket (no versions, no markers)."""
        with self.lock:
            b = self._bucket(p)
            if not b.is_empty():
                if b.versioning:  # LocalStack's AWS-validated test_delete_versioned_bucket_*
                    raise BucketNotEmpty(
                        "The bucket you tried to delete is not empty. You must delete all "
                        "versions in the bucket.",
                        BucketName=b.name,
                    )
                raise BucketNotEmpty(BucketName=b.name)
            for up in b.uploads.values():
                for part in up.parts.values():
                    part.blob.discard()
            del self.buckets[b.name]
        return {"_status": 204}

    def list_buckets(self, p: Params) -> Response:
        """ListBuckets: every bucket of the account, in every Region, by name."""
        max_buckets = p.get("MaxBuckets")
        if max_buckets is not None and not 1 <= max_buckets <= 10_000:
            raise InvalidArgument(
                "Argument max-buckets must be an integer between 1 and 10000",
                ArgumentName="max-buckets",
                ArgumentValue=str(max_buckets),
            )
        prefix = p.get("Prefix") or ""
        region_filter = p.get("BucketRegion")
        token = p.get("ContinuationToken")
        after = ""
        if token is not None:
            try:
                after = base64.urlsafe_b64decode(token.encode()).decode("utf-8")
            except (ValueError, UnicodeError):
                raise InvalidArgument(
                    "The continuation token provided is incorrect",
                    ArgumentName="continuation-token",
                    ArgumentValue=token,
                ) from None
        rows = []
        for region in self.cloud.regions_with("s3"):
            if region_filter is not None and region != region_filter:
                continue
            for name, created in self.cloud.engine("s3", region).bucket_names():
                if name.startswith(prefix) and name > after:
                    rows.append({"Name": name, "CreationDate": created, "BucketRegion": region})
        rows.sort(key=lambda r: r["Name"])
        out: Response = {"Buckets": rows, "Owner": self._owner()}
        if max_buckets is not None and len(rows) > max_buckets:
            out["Buckets"] = rows[:max_buckets]
            last = rows[max_buckets - 1]["Name"]
            out["ContinuationToken"] = base64.urlsafe_b64encode(last.encode()).decode("ascii")
        if p.get("Prefix") is not None:
            out["Prefix"] = prefix
        return out


def _acl_refused() -> Exception:
    from ._errors import AccessControlListNotSupported

    return AccessControlListNotSupported()
