"""CloudFront KeyValueStore: the stores (CloudFront's API) and their keys (the
``cloudfront-keyvaluestore`` data API), read by CloudFront Functions through ``cf.kvs()``.

A store is created empty or imported once from an S3 object in the documented format
(``{"data": [{"key": ..., "value": ...}]}``); keys are then changed through the data API,
every write quoting the store's current ``ETag`` (``IfMatch``). A function (runtime 2.0)
may be associated with one store. Updates are visible to functions at once (AWS
propagates them to the edge within seconds).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from .._core.errors import AWSError
from .._core.text import digits
from ._base import EngineBase, Params, Response, check_if_match, page
from ._errors import (
    CannotDeleteEntityWhileInUse,
    EntityAlreadyExists,
    EntityLimitExceeded,
    EntityNotFound,
    InvalidArgument,
)

__all__ = ["KvsOps", "KvsRecord", "StoreView"]

_ARN = re.compile(r"^arn:aws:cloudfront::(?P<account>\d{12}):key-value-store/(?P<id>[\w-]+)$")
_S3_ARN = re.compile(r"^arn:aws:s3:::(?P<bucket>[^/]+)/(?P<key>.+)$")


class KvsDataError(AWSError):
    """Base of the data API's errors (service ``cloudfront-keyvaluestore``)."""

    service = "cloudfront-keyvaluestore"


class ResourceNotFoundException(KvsDataError):
    status_code = 404


class ConflictException(KvsDataError):
    status_code = 409


class ValidationException(KvsDataError):
    status_code = 400


class ServiceQuotaExceededException(KvsDataError):
    status_code = 402


@attrs.define
class KvsRecord:
    """One store: its description and its keys (insertion-ordered; listed sorted)."""

    id: str
    name: str
    comment: str
    arn: str
    created: float
    modified: float
    etag: str
    data_etag: str
    status: str = "READY"
    failure: str | None = None
    keys: dict[str, str] = attrs.field(factory=dict)
    size: int = 0


class StoreView:
    """A function's read view of a store (``cf.kvs()``): ``get``, ``exists``, ``meta``."""

    def __init__(self, record: KvsRecord, when: Any) -> None:
        self._record = record
        self._when = when

    def get(self, key: str, format: str = "string") -> Any:
        value = self._record.keys[key]  # KeyError: the function's "Key ... not found"
        if format == "json":
            return json.loads(value)
        if format == "bytes":
            return value.encode()
        return value

    def exists(self, key: str) -> bool:
        return key in self._record.keys

    def meta(self) -> Mapping[str, Any]:
        record = self._record
        return {
            "creationDateTime": self._when(record.created).isoformat().replace("+00:00", "Z"),
            "lastUpdatedDateTime": self._when(record.modified).isoformat().replace("+00:00", "Z"),
            "keyCount": len(record.keys),
        }


class KvsOps(EngineBase):
    """Create/Describe/Update/Delete/ListKeyValueStores and the data API's key operations."""

    # -- the stores (CloudFront's API) ------------------------------------------------
    def _kvs_by_name(self, name: str) -> KvsRecord:
        for record in self.kvs.values():
            if record.name == name:
                return record
        raise EntityNotFound("The specified KeyValueStore does not exist.")  # [?] the text

    def _kvs_answer(self, record: KvsRecord) -> dict[str, Any]:
        return {
            "Name": record.name,
            "Id": record.id,
            "Comment": record.comment,
            "ARN": record.arn,
            "Status": record.status,
            "LastModifiedTime": self.when(record.modified),
        }

    def create_key_value_store(self, params: Params) -> Response:
        """CreateKeyValueStore: empty, or imported from an S3 object (``ImportSource``)."""
        name = params["Name"]
        source = params.get("ImportSource")
        with self.lock:
            if any(r.name == name for r in self.kvs.values()):
                raise EntityAlreadyExists("A KeyValueStore with this name already exists.")
            if len(self.kvs) >= self.limits.kvs_max_stores:
                raise EntityLimitExceeded("You have reached the maximum number of KeyValueStores.")
            keys, failure = ({}, None) if source is None else self._import(source)
            store_id = self.cloud.ids.uuid()
            now = self.cloud.clock.time()
            record = KvsRecord(
                store_id,
                name,
                params.get("Comment") or "",
                f"arn:aws:cloudfront::{self.account_id}:key-value-store/{store_id}",
                now,
                now,
                self.etag(),
                self.etag(),
                status="PROVISIONING_FAILED" if failure else "READY",
                failure=failure,
                keys=keys,
                size=sum(_size(k, v) for k, v in keys.items()),
            )
            self.kvs[store_id] = record
            return {
                "KeyValueStore": self._kvs_answer(record),
                "ETag": record.etag,
                "Location": "https://cloudfront.amazonaws.com/2020-05-31/key-value-store/" + name,
            }

    def _import(self, source: Mapping[str, Any]) -> tuple[dict[str, str], str | None]:
        """Read an import file from the Cloud's S3 (public engine API only)."""
        match = _S3_ARN.match(str(source.get("SourceARN", "")))
        if source.get("SourceType") != "S3" or match is None:
            raise InvalidArgument("The ImportSource is not valid.")  # [?] the text
        bucket, key = match["bucket"], match["key"]
        region = next(
            (
                r
                for r in self.cloud.regions_with("s3")
                if self.cloud.engine("s3", r).bucket_region(bucket)
            ),
            None,
        )
        if region is None:
            return {}, "The import source could not be read."  # [?]
        try:
            got = self.cloud.engine("s3", region).get_object({"Bucket": bucket, "Key": key})
        except AWSError:
            return {}, "The import source could not be read."  # [?]
        body = got["Body"]
        raw = body.read() if hasattr(body, "read") else bytes(body)
        return _parse_import(raw, self.limits)

    def describe_key_value_store(self, params: Params) -> Response:
        """DescribeKeyValueStore (by name)."""
        with self.lock:
            record = self._kvs_by_name(params["Name"])
            return {"KeyValueStore": self._kvs_answer(record), "ETag": record.etag}

    def update_key_value_store(self, params: Params) -> Response:
        """UpdateKeyValueStore: the comment (``IfMatch`` the store's ETag)."""
        with self.lock:
            record = self._kvs_by_name(params["Name"])
            check_if_match(params.get("IfMatch"), record.etag)
            record.comment = params["Comment"]
            record.etag = self.etag()
            record.modified = self.cloud.clock.time()
            return {"KeyValueStore": self._kvs_answer(record), "ETag": record.etag}

    def delete_key_value_store(self, params: Params) -> Response:
        """DeleteKeyValueStore: not while a function is associated with it."""
        with self.lock:
            record = self._kvs_by_name(params["Name"])
            check_if_match(params.get("IfMatch"), record.etag)
            for stages in self.functions.values():
                if any(record.arn in getattr(s, "kvs", ()) for s in stages.values()):
                    raise CannotDeleteEntityWhileInUse(
                        "Cannot delete entity, it's in use."
                    )  # [?] the text
            del self.kvs[record.id]
            return {}

    def list_key_value_stores(self, params: Params) -> Response:
        """ListKeyValueStores (``Status`` filters)."""
        wanted = params.get("Status")
        with self.lock:
            rows = [
                r
                for r in sorted(self.kvs.values(), key=lambda r: r.created)
                if wanted in (None, "", r.status)
            ]
            chosen, next_marker, size = page(rows, params, self.limits.max_page)
            listing: dict[str, Any] = {"MaxItems": size, "Quantity": len(chosen)}
            if chosen:
                listing["Items"] = [self._kvs_answer(r) for r in chosen]
            if next_marker is not None:
                listing["NextMarker"] = next_marker
            return {"KeyValueStoreList": listing}

    def kvs_arns(self) -> set[str]:
        """The ARNs of the stores that exist (for function associations)."""
        with self.lock:
            return {r.arn for r in self.kvs.values()}

    def kvs_view(self, arn: str) -> StoreView:
        """A function's read view of the store ``arn`` (KeyError when it is gone)."""
        with self.lock:
            record = next(r for r in self.kvs.values() if r.arn == arn)
        return StoreView(record, self.when)

    # -- the keys (the cloudfront-keyvaluestore data API) ------------------------------
    def _kvs_by_arn(self, arn: str) -> KvsRecord:
        match = _ARN.match(arn)
        record = self.kvs.get(match["id"]) if match else None
        if record is None or record.arn != arn:
            raise ResourceNotFoundException("Resource not found.")  # [?] the text
        return record

    def _kvs_written(self, record: KvsRecord) -> Response:
        record.data_etag = self.etag()
        record.modified = self.cloud.clock.time()
        return {
            "ItemCount": len(record.keys),
            "TotalSizeInBytes": record.size,
            "ETag": record.data_etag,
        }

    def _kvs_if_match(self, record: KvsRecord, given: str) -> None:
        if given != record.data_etag:
            raise ConflictException("Pre-Condition failed")  # [?] the text

    def kvs_describe(self, params: Params) -> Response:
        """The data API's DescribeKeyValueStore (by ARN): counts, size and the ETag."""
        with self.lock:
            record = self._kvs_by_arn(params["KvsARN"])
            out: dict[str, Any] = {
                "ItemCount": len(record.keys),
                "TotalSizeInBytes": record.size,
                "KvsARN": record.arn,
                "Created": self.when(record.created),
                "ETag": record.data_etag,
                "LastModified": self.when(record.modified),
                "Status": record.status,
            }
            if record.failure:
                out["FailureReason"] = record.failure
            return out

    def kvs_get_key(self, params: Params) -> Response:
        """GetKey."""
        with self.lock:
            record = self._kvs_by_arn(params["KvsARN"])
            key = params["Key"]
            if key not in record.keys:
                raise ResourceNotFoundException("Key not found.")  # [?] the text
            return {
                "Key": key,
                "Value": record.keys[key],
                "ItemCount": len(record.keys),
                "TotalSizeInBytes": record.size,
            }

    def kvs_list_keys(self, params: Params) -> Response:
        """ListKeys: sorted by key, ``MaxResults`` (1-50) a page, ``NextToken`` the next."""
        with self.lock:
            record = self._kvs_by_arn(params["KvsARN"])
            names = sorted(record.keys)
            token = params.get("NextToken")
            start = 0
            if token:
                if not digits(token) or int(token) > len(names):
                    raise ValidationException("The NextToken is not valid.")  # [?]
                start = int(token)
            size = int(params.get("MaxResults") or 50)
            if not 1 <= size <= 50:  # botocore checks no integer's maximum: the service does
                raise ValidationException(
                    "1 validation error detected: Value at 'maxResults' failed to satisfy "
                    "constraint: Member must have value less than or equal to 50"
                )  # [?] the text
            chosen = names[start : start + size]
            out: dict[str, Any] = {"Items": [{"Key": k, "Value": record.keys[k]} for k in chosen]}
            if start + size < len(names):
                out["NextToken"] = str(start + size)
            return out

    def kvs_put_key(self, params: Params) -> Response:
        """PutKey (``IfMatch`` the data ETag)."""
        return self.kvs_update_keys(
            {
                "KvsARN": params["KvsARN"],
                "IfMatch": params["IfMatch"],
                "Puts": [{"Key": params["Key"], "Value": params["Value"]}],
            }
        )

    def kvs_delete_key(self, params: Params) -> Response:
        """DeleteKey (``IfMatch`` the data ETag)."""
        with self.lock:
            record = self._kvs_by_arn(params["KvsARN"])
            if params["Key"] not in record.keys:
                raise ResourceNotFoundException("Key not found.")  # [?] the text
        return self.kvs_update_keys(
            {
                "KvsARN": params["KvsARN"],
                "IfMatch": params["IfMatch"],
                "Deletes": [{"Key": params["Key"]}],
            }
        )

    def kvs_update_keys(self, params: Params) -> Response:
        """UpdateKeys: puts and deletes as one change, all checked before any applies."""
        puts = [(p["Key"], p["Value"]) for p in params.get("Puts") or ()]
        deletes = [d["Key"] for d in params.get("Deletes") or ()]
        limits = self.limits
        if len(puts) + len(deletes) > limits.kvs_max_keys_per_update:
            raise ValidationException(  # [?] the text
                f"The number of keys in one update can't exceed {limits.kvs_max_keys_per_update}."
            )
        for key, value in puts:
            if len(key.encode()) > limits.kvs_max_key_bytes:
                raise ValidationException(  # [?] the text
                    f"The key can't exceed {limits.kvs_max_key_bytes} bytes."
                )
            if len(value.encode()) > limits.kvs_max_value_bytes:
                raise ValidationException(  # [?] the text
                    f"The value can't exceed {limits.kvs_max_value_bytes} bytes."
                )
        with self.lock:
            record = self._kvs_by_arn(params["KvsARN"])
            self._kvs_if_match(record, params["IfMatch"])
            keys = dict(record.keys)
            for key in deletes:
                keys.pop(key, None)
            keys.update(puts)
            size = sum(_size(k, v) for k, v in keys.items())
            if size > limits.kvs_max_store_bytes:
                raise ServiceQuotaExceededException(  # [?] the text
                    "The KeyValueStore can't exceed its maximum size."
                )
            record.keys, record.size = keys, size
            return self._kvs_written(record)


def _size(key: str, value: str) -> int:
    return len(key.encode()) + len(value.encode())


def _parse_import(raw: bytes, limits: Any) -> tuple[dict[str, str], str | None]:
    """The keys of an import file, or the reason it was refused (the store then fails)."""
    if len(raw) > limits.kvs_max_store_bytes:
        return {}, "The import file exceeds the maximum size."  # [?]
    try:
        doc = json.loads(raw)
        rows = doc["data"]
        keys: dict[str, str] = {}
        for row in rows:
            key, value = row["key"], row["value"]
            if not isinstance(key, str) or not isinstance(value, str) or key in keys:
                raise ValueError(key)
            if len(key.encode()) > limits.kvs_max_key_bytes:
                raise ValueError(key)
            if len(value.encode()) > limits.kvs_max_value_bytes:
                raise ValueError(key)
            keys[key] = value
    except (ValueError, KeyError, TypeError):
        return {}, "The import file is not valid."  # [?]
    return keys, None


def store_views(engine: Any, arns: tuple[str, ...]) -> Any:
    """``kvs(id)`` for a function run: its associated store (id "" or the store's id)."""
    if not arns:
        return None

    def open_store(store_id: str) -> StoreView:
        arn = arns[0]
        if store_id and not arn.endswith("/" + store_id):
            raise KeyError(store_id)
        view: StoreView = engine.kvs_view(arn)
        return view

    return open_store
