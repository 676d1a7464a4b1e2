"""Listing and paging against moto's S3 (an implementation no one here wrote): for random
keys, prefixes, delimiters and page sizes, both answer the same pages.

moto's known gaps are filtered in one place, :data:`MOTO_GAPS`, each with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock

moto = pytest.importorskip("moto")

#: What moto answers differently from S3, and is therefore not compared:
#: - continuation tokens are opaque on both sides (only whether there is one is compared);
#: - ETag, LastModified, Owner, checksums and StorageClass are per-implementation details;
#: - moto answers no "ChecksumType" and echoes MaxKeys differently when it is 0;
#: - moto's ListObjects (v1) counts only keys, not CommonPrefixes, against MaxKeys: v1 is
#:   compared without a delimiter;
#: - moto answers ListObjects' NextMarker without a Delimiter (see ``_v1_pages``);
#: - moto leaves StartAfter out of pages fetched with a continuation token (S3 echoes the
#:   StartAfter a request sends; unconfirmed for pages after the first).
MOTO_GAPS = frozenset(
    {"NextContinuationToken", "ContinuationToken", "ResponseMetadata", "MaxKeys", "StartAfter"}
)


def _page(out: dict[str, Any]) -> dict[str, Any]:
    kept = {k: v for k, v in out.items() if k not in MOTO_GAPS}
    kept["Contents"] = [c["Key"] for c in out.get("Contents", [])]
    kept["CommonPrefixes"] = [c["Prefix"] for c in out.get("CommonPrefixes", [])]
    kept["HasNext"] = "NextContinuationToken" in out
    return kept


def _pages(s3: Any, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    while True:
        out = s3.list_objects_v2(**params)
        yield _page(out)
        if not out["IsTruncated"]:
            return
        params = dict(params, ContinuationToken=out["NextContinuationToken"])


def _v1_pages(s3: Any, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    while True:
        out = s3.list_objects(**params)
        page = {k: v for k, v in out.items() if k not in MOTO_GAPS | {"Marker"}}
        page["Contents"] = [c["Key"] for c in out.get("Contents", [])]
        page["CommonPrefixes"] = [c["Prefix"] for c in out.get("CommonPrefixes", [])]
        if "Delimiter" not in params:  # moto answers NextMarker without one; S3 does not
            page.pop("NextMarker", None)
        yield page
        if not out["IsTruncated"]:
            return
        marker = out["NextMarker"] if "Delimiter" in params else out["Contents"][-1]["Key"]
        params = dict(params, Marker=marker)


@pytest.fixture(scope="module")
def moto_s3() -> Iterator[Any]:
    with moto.mock_aws():
        yield boto3.client(
            "s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
        )


_key = st.text(alphabet="ab/-", min_size=1, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    keys=st.sets(_key, max_size=15),
    prefix=st.sampled_from(["", "a", "a/", "b-"]),
    delimiter=st.sampled_from(["", "/", "-"]),
    page=st.integers(1, 5),
    start_after=st.sampled_from([None, "a", "a/", "b"]),
)
def test_list_objects_v2_matches_moto(
    moto_s3: Any, keys: set[str], prefix: str, delimiter: str, page: int, start_after: str | None
) -> None:
    """Every page of ListObjectsV2 has the same keys, prefixes, counts and truncation."""
    bucket = "diff-bucket"
    moto_s3.create_bucket(Bucket=bucket)
    try:
        ours = Cloud(clock=ManualClock()).client("s3")
        ours.create_bucket(Bucket=bucket)
        for k in sorted(keys):
            moto_s3.put_object(Bucket=bucket, Key=k, Body=b"x")
            ours.put_object(Bucket=bucket, Key=k, Body=b"x")
        params: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix, "MaxKeys": page}
        if delimiter:
            params["Delimiter"] = delimiter
        if start_after is not None:
            params["StartAfter"] = start_after
        assert list(_pages(ours, params)) == list(_pages(moto_s3, params))
        v1 = {k: v for k, v in params.items() if k != "StartAfter"}
        if start_after is not None:
            v1["Marker"] = start_after
        if not delimiter:  # moto's v1 counts only keys against MaxKeys (see MOTO_GAPS)
            assert list(_v1_pages(ours, v1)) == list(_v1_pages(moto_s3, v1))
    finally:
        for k in keys:
            moto_s3.delete_object(Bucket=bucket, Key=k)
        moto_s3.delete_bucket(Bucket=bucket)
