"""Listing: ListObjectsV2, ListObjects (v1) and ListObjectVersions, O(log n + page).

Keys are walked in a ``SortedDict`` from the first one after the marker. A group of keys
rolled up into one CommonPrefix is skipped in one O(log n) jump: every key starting
with ``cp`` is below ``cp`` with its last character incremented.
"""

from __future__ import annotations

import base64
import binascii
import urllib.parse
from collections.abc import Iterator
from typing import Any

from ._base import EngineBase, Params, Response
from ._errors import InvalidArgument
from ._storage import Bucket, ObjectVersion

__all__ = ["ListingOps", "walk"]


def _upper(cp: str) -> str:
    return cp[:-1] + chr(ord(cp[-1]) + 1)


def walk(keys: Any, prefix: str, delimiter: str, after: str) -> Iterator[tuple[str, bool]]:
    """(key or common prefix, is_prefix) in order, each greater than ``after``.

    >>> from sortedcontainers import SortedDict
    >>> d = SortedDict.fromkeys(["a/1", "a/2", "b", "c/x/1"])
    >>> list(walk(d, "", "/", ""))
    [('a/', True), ('b', False), ('c/', True)]
    >>> list(walk(d, "", "/", "a/"))
    [('b', False), ('c/', True)]
    """
    low = max(prefix, after)
    inclusive = low != after
    while True:
        found = False
        for key in keys.irange(minimum=low, inclusive=(inclusive, True)):
            if not key.startswith(prefix):
                return
            if delimiter:
                at = key.find(delimiter, len(prefix))
                if at >= 0:
                    cp = key[: at + len(delimiter)]
                    if cp > after:
                        yield cp, True
                    low, inclusive, found = _upper(cp), True, True
                    break
            yield key, False
        if not found:
            return


class ListingOps(EngineBase):
    """The listing operations of the S3 engine."""

    _token_key: bytes | None = None

    def _token(self, marker: str) -> str:
        key = self._token_secret()
        raw = b"v2:" + marker.encode("utf-8", "surrogatepass")
        return base64.b64encode(bytes(b ^ key[i % 16] for i, b in enumerate(raw))).decode()

    def _token_secret(self) -> bytes:
        with self.lock:
            if self._token_key is None:
                self._token_key = self.cloud.ids.token_bytes(16)
            return self._token_key

    def _untoken(self, token: str) -> str:
        key = self._token_secret()
        try:
            raw = base64.b64decode(token, validate=True)
            plain = bytes(b ^ key[i % 16] for i, b in enumerate(raw))
            if not plain.startswith(b"v2:"):
                raise ValueError(token)
            return plain[3:].decode("utf-8", "surrogatepass")
        except (binascii.Error, ValueError, UnicodeError):
            raise InvalidArgument(
                "The continuation token provided is incorrect",
                ArgumentName="continuation-token",
                ArgumentValue=token,
            ) from None

    def _page_args(self, p: Params) -> tuple[str, str, int, bool]:
        max_keys = p.get("MaxKeys")
        if max_keys is None:
            max_keys = self.limits.max_keys
        if max_keys < 0:
            raise InvalidArgument(
                "Argument maxKeys must be an integer between 0 and 2147483647",
                ArgumentName="maxKeys",
                ArgumentValue=str(max_keys),
            )
        encoding = p.get("EncodingType")
        if encoding is not None and encoding != "url":
            raise InvalidArgument(
                "Invalid Encoding Method specified in Request",
                ArgumentName="encoding-type",
                ArgumentValue=str(encoding),
            )
        return p.get("Prefix") or "", p.get("Delimiter") or "", max_keys, encoding == "url"

    def _entry(self, v: ObjectVersion, owner: bool) -> Response:
        row: Response = {
            "Key": v.key,
            "LastModified": v.last_modified,
            "ETag": v.etag,
            "Size": v.size,
            "StorageClass": v.storage_class,
        }
        if v.checksum_algorithm is not None:
            row["ChecksumAlgorithm"] = [v.checksum_algorithm]
            row["ChecksumType"] = v.checksum_type or "FULL_OBJECT"
        if owner:
            row["Owner"] = self._owner()
        return row

    def _page(
        self, bucket: Bucket, prefix: str, delimiter: str, after: str, max_keys: int, owner: bool
    ) -> tuple[list[Response], list[str], str | None]:
        """Up to ``max_keys`` entries after ``after``; the last one's marker if more remain."""
        contents: list[Response] = []
        prefixes: list[str] = []
        last: str | None = None
        capped = min(max_keys, self.limits.max_keys)
        for count, (item, is_prefix) in enumerate(walk(bucket.live, prefix, delimiter, after)):
            if count == capped:
                return contents, prefixes, last
            if is_prefix:
                prefixes.append(item)
            else:
                contents.append(self._entry(bucket.live[item], owner))
            last = item
        return contents, prefixes, None

    def list_objects_v2(self, p: Params) -> Response:
        """ListObjectsV2: keys in UTF-8 order, rolled up by a delimiter, paged by tokens."""
        prefix, delimiter, max_keys, url = self._page_args(p)
        token = p.get("ContinuationToken")
        start_after = p.get("StartAfter") or ""
        after = start_after
        if token is not None:
            after = self._untoken(token)
        with self.lock:
            bucket = self._bucket(p)
            contents, prefixes, more = self._page(
                bucket, prefix, delimiter, after, max_keys, bool(p.get("FetchOwner"))
            )
        enc = _encoder(url)
        out: Response = {
            "IsTruncated": more is not None,
            "Name": bucket.name,
            "Prefix": enc(prefix),
        }
        if contents:
            for row in contents:
                row["Key"] = enc(row["Key"])
            out["Contents"] = contents
        if delimiter:
            out["Delimiter"] = enc(delimiter)
        out["MaxKeys"] = max_keys
        if prefixes:
            out["CommonPrefixes"] = [{"Prefix": enc(cp)} for cp in prefixes]
        if url:
            out["EncodingType"] = "url"
        out["KeyCount"] = len(contents) + len(prefixes)
        if token is not None:
            out["ContinuationToken"] = token
        if more is not None:
            out["NextContinuationToken"] = self._token(more)
        if p.get("StartAfter") is not None:
            out["StartAfter"] = enc(start_after)
        return out

    def list_objects(self, p: Params) -> Response:
        """ListObjects (v1): Marker paging; NextMarker only when a Delimiter is given."""
        prefix, delimiter, max_keys, url = self._page_args(p)
        marker = p.get("Marker") or ""
        with self.lock:
            bucket = self._bucket(p)
            contents, prefixes, more = self._page(bucket, prefix, delimiter, marker, max_keys, True)
        enc = _encoder(url)
        out: Response = {"IsTruncated": more is not None, "Marker": enc(marker)}
        if contents:
            for row in contents:
                row["Key"] = enc(row["Key"])
            out["Contents"] = contents
        if more is not None and delimiter:
            out["NextMarker"] = enc(more)
        out.update({"Name": bucket.name, "Prefix": enc(prefix)})
        if delimiter:
            out["Delimiter"] = enc(delimiter)
        out["MaxKeys"] = max_keys
        if prefixes:
            out["CommonPrefixes"] = [{"Prefix": enc(cp)} for cp in prefixes]
        if url:
            out["EncodingType"] = "url"
        return out

    def list_object_versions(self, p: Params) -> Response:
        """ListObjectVersions: every version and delete marker, newest first per key."""
        prefix, delimiter, max_keys, url = self._page_args(p)
        key_marker = p.get("KeyMarker") or ""
        vid_marker = p.get("VersionIdMarker")
        if vid_marker is not None and not key_marker:
            raise InvalidArgument(
                "A version-id marker cannot be specified without a key marker.",
                ArgumentName="version-id-marker",
                ArgumentValue=vid_marker,
            )
        capped = min(max_keys, self.limits.max_keys)
        versions: list[Response] = []
        markers: list[Response] = []
        prefixes: list[str] = []
        next_key: str | None = None
        next_vid: str | None = None
        count = 0
        with self.lock:
            bucket = self._bucket(p)
            after = key_marker
            pending: list[tuple[str, bool]] = []
            if vid_marker:  # the rest of the marker key's versions come first
                pending.append((key_marker, False))
                after = key_marker
            truncated = False
            items = walk(bucket.versions, prefix, delimiter, after)
            for item, is_prefix in _chain(pending, items):
                if is_prefix:
                    if count == capped:
                        truncated = True
                        break
                    prefixes.append(item)
                    next_key, next_vid = item, None
                    count += 1
                    continue
                rows = bucket.versions.get(item, [])
                skip = item == key_marker and vid_marker is not None
                for i, v in enumerate(rows):
                    if skip:
                        if v.version_id == vid_marker:
                            skip = False
                        continue
                    if count == capped:
                        truncated = True
                        break
                    row = self._version_row(v, i == 0)
                    (markers if v.delete_marker else versions).append(row)
                    next_key, next_vid = item, v.version_id
                    count += 1
                if truncated:
                    break
        enc = _encoder(url)
        out: Response = {"IsTruncated": truncated, "KeyMarker": enc(key_marker)}
        if vid_marker is not None:
            out["VersionIdMarker"] = vid_marker
        if truncated and next_key is not None:
            out["NextKeyMarker"] = enc(next_key)
            if next_vid is not None:
                out["NextVersionIdMarker"] = next_vid
        for row in versions + markers:
            row["Key"] = enc(row["Key"])
        if versions:
            out["Versions"] = versions
        if markers:
            out["DeleteMarkers"] = markers
        out.update({"Name": bucket.name, "Prefix": enc(prefix)})
        if delimiter:
            out["Delimiter"] = enc(delimiter)
        out["MaxKeys"] = max_keys
        if prefixes:
            out["CommonPrefixes"] = [{"Prefix": enc(cp)} for cp in prefixes]
        if url:
            out["EncodingType"] = "url"
        return out

    def _version_row(self, v: ObjectVersion, latest: bool) -> Response:
        if v.delete_marker:
            return {
                "Owner": self._owner(),
                "Key": v.key,
                "VersionId": v.version_id,
                "IsLatest": latest,
                "LastModified": v.last_modified,
            }
        row = self._entry(v, True)
        row["VersionId"] = v.version_id
        row["IsLatest"] = latest
        return row


def _chain(
    first: list[tuple[str, bool]], rest: Iterator[tuple[str, bool]]
) -> Iterator[tuple[str, bool]]:
    yield from first
    yield from rest


def _encoder(url: bool) -> Any:
    if not url:
        return lambda s: s
    return lambda s: urllib.parse.quote(s, safe="/")
