"""Differential test: listing and pagination semantics against moto's S3.

The same random keys are written to moto's S3 and to pyserverless (both through boto3),
then the same listings (ListObjectsV2 and ListObjects, with prefixes, delimiters,
StartAfter/Marker and small MaxKeys, paged to the end) are compared page by page.
moto's known differences from S3 are filtered in one place, :func:`_known_gaps`.
"""

from __future__ import annotations

import random
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.adapters.bridge import mock_aws

moto = pytest.importorskip("moto")

ALPHABET = "ab/c."


def _keys(rng: random.Random) -> list[str]:
    drawn = {"".join(rng.choices(ALPHABET, k=rng.randint(1, 6))) for _ in range(40)}
    return sorted(k for k in drawn if not _moto_cannot_store(k))


def _queries(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for _ in range(6):
        query: dict[str, Any] = {"MaxKeys": rng.choice([1, 2, 3, 5, 1000])}
        if rng.random() < 0.6:
            query["Prefix"] = "".join(rng.choices(ALPHABET, k=rng.randint(0, 2)))
        if rng.random() < 0.6:
            query["Delimiter"] = rng.choice(["/", ".", "b", "ab"])
        if rng.random() < 0.3:
            query["StartAfter"] = "".join(rng.choices(ALPHABET, k=rng.randint(1, 3)))
        out.append(query)
    return out


def _pages_v2(s3: Any, query: dict[str, Any]) -> list[dict[str, Any]]:
    pages, token = [], None
    while True:
        args = dict(query, Bucket="diff")
        if token:
            args["ContinuationToken"] = token
            args.pop("StartAfter", None)
        page = s3.list_objects_v2(**args)
        pages.append(
            {
                "keys": [o["Key"] for o in page.get("Contents", [])],
                "prefixes": [p["Prefix"] for p in page.get("CommonPrefixes", [])],
                "KeyCount": page["KeyCount"],
                "IsTruncated": page["IsTruncated"],
                "StartAfter": page.get("StartAfter"),
                "Prefix": page.get("Prefix"),
                "Delimiter": page.get("Delimiter"),
            }
        )
        token = page.get("NextContinuationToken")
        if not page["IsTruncated"] or len(pages) > 100:
            return pages


def _pages_v1(s3: Any, query: dict[str, Any]) -> list[dict[str, Any]]:
    pages, marker = [], query.get("StartAfter")
    base = {k: v for k, v in query.items() if k != "StartAfter"}
    while True:
        args = dict(base, Bucket="diff")
        if marker:
            args["Marker"] = marker
        page = s3.list_objects(**args)
        keys = [o["Key"] for o in page.get("Contents", [])]
        prefixes = [p["Prefix"] for p in page.get("CommonPrefixes", [])]
        pages.append(
            {
                "keys": keys,
                "prefixes": prefixes,
                "IsTruncated": page["IsTruncated"],
                "NextMarker": page.get("NextMarker"),
            }
        )
        if not page["IsTruncated"] or len(pages) > 100:
            return pages
        marker = page.get("NextMarker") or max(keys + prefixes)


def _run(s3: Any, keys: list[str], queries: list[dict[str, Any]]) -> list[Any]:
    s3.create_bucket(Bucket="diff")
    for key in keys:
        s3.put_object(Bucket="diff", Key=key, Body=b"")
    return [(_pages_v2(s3, q), _pages_v1(s3, q)) for q in queries]


# -- moto's known gaps, all here ------------------------------------------------------------
def _moto_cannot_store(key: str) -> bool:
    """moto's werkzeug reads part of a path like ``/diff///./a`` or ``/diff//.//.`` (a
    key starting with ``/`` and holding ``//``) as a host name and fails (UnicodeError
    from the IDNA codec): such keys are not drawn."""
    return key.startswith("/") and "//" in key


def _known_gaps(results: list[Any], queries: list[dict[str, Any]], keys: list[str]) -> list[Any]:
    """moto's known differences from S3, each removed from both sides here only.

    * moto omits ``StartAfter`` from pages after the first; S3 echoes it only when the
      request sent it, and a continuation request does not: compared on page one only.
    * moto answers ``KeyCount`` as the number of keys plus common prefixes, as S3 does,
      but leaves the empty ``Prefix`` out where S3 echoes ``""``: ``Prefix`` and
      ``Delimiter`` echoes are not compared (the engine's own tests pin them).
    * moto's ListObjects (v1) returns ``NextMarker`` without a delimiter; S3 sends it only
      with one (the caller uses the last key): not compared without a delimiter.
    * moto's ListObjects (v1) with a delimiter does not count common prefixes toward
      ``MaxKeys``, repeats them on every page and answers a ``NextMarker`` that is not a
      key or prefix: there, only what the whole listing returned is compared (the
      union of keys and of prefixes; v2's pages are compared one by one).
    * moto's ListObjects (v1) applies ``Marker`` to keys but not to common prefixes: a
      prefix none of whose keys sorts after the marker is dropped from both sides, and
      so is a prefix the marker starts with (moto's own ListObjectsV2 leaves that group
      out, as the engine does for both; S3 resumes after a ``NextMarker`` that is a
      common prefix by skipping that prefix's keys: its own pagination depends on it).
    """
    out = []
    for (v2, v1), query in zip(results, queries, strict=True):
        for n, page in enumerate(v2):
            page.pop("Prefix", None)
            page.pop("Delimiter", None)
            if n > 0:
                page.pop("StartAfter", None)
        if "Delimiter" not in query:
            for page in v1:
                page.pop("NextMarker", None)
        else:
            marker = query.get("StartAfter", "")
            prefixes = {p for page in v1 for p in page["prefixes"]}
            live = {
                p
                for p in prefixes
                if not marker.startswith(p) and any(k.startswith(p) and k > marker for k in keys)
            }
            v1 = [
                {"keys": sorted({k for page in v1 for k in page["keys"]}), "prefixes": sorted(live)}
            ]
        out.append((v2, v1))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_listing_matches_moto(seed: int) -> None:
    rng = random.Random(seed)
    keys, queries = _keys(rng), _queries(rng)
    with moto.mock_aws():
        theirs = _run(boto3.client("s3", region_name="us-east-1"), keys, queries)
    with Cloud(clock=ManualClock(1735689600)) as cloud, mock_aws(cloud):
        ours = _run(boto3.client("s3", region_name="us-east-1"), keys, queries)
    for query, mine, other in zip(
        queries,
        _known_gaps(ours, queries, keys),
        _known_gaps(theirs, queries, keys),
        strict=True,
    ):
        assert mine == other, query
