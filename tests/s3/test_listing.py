"""Listing: ListObjectsV2, ListObjects (v1) and their paging, against a plain model."""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock


def _err(exc: Any) -> dict[str, Any]:
    return dict(exc.value.response["Error"])


def _fill(s3: Any, bucket: str, keys: list[str]) -> None:
    for k in keys:
        s3.put_object(Bucket=bucket, Key=k, Body=b"x")


KEYS = ["a/1", "a/2", "a/b/3", "b", "c/1", "c/2", "d"]


class TestListObjectsV2:
    def test_delimiter_rolls_up_prefixes(self, s3: Any, bucket: str) -> None:
        """Keys with the delimiter after the prefix become CommonPrefixes."""
        _fill(s3, bucket, KEYS)
        out = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
        assert [c["Key"] for c in out["Contents"]] == ["b", "d"]
        assert out["CommonPrefixes"] == [{"Prefix": "a/"}, {"Prefix": "c/"}]
        assert out["KeyCount"] == 4
        nested = s3.list_objects_v2(Bucket=bucket, Prefix="a/", Delimiter="/")
        assert [c["Key"] for c in nested["Contents"]] == ["a/1", "a/2"]
        assert nested["CommonPrefixes"] == [{"Prefix": "a/b/"}]
        assert nested["Prefix"] == "a/"

    def test_empty_bucket_shape(self, s3: Any, bucket: str) -> None:
        """An empty listing: no Contents, KeyCount 0, Prefix "" and MaxKeys 1000."""
        out = s3.list_objects_v2(Bucket=bucket)
        assert "Contents" not in out
        assert (out["KeyCount"], out["Prefix"], out["MaxKeys"], out["IsTruncated"]) == (
            0,
            "",
            1000,
            False,
        )

    def test_pages_with_tokens(self, s3: Any, bucket: str) -> None:
        """MaxKeys pages; prefixes count as entries; the token is opaque and resumes."""
        _fill(s3, bucket, KEYS)
        first = s3.list_objects_v2(Bucket=bucket, Delimiter="/", MaxKeys=2)
        assert first["IsTruncated"] and first["KeyCount"] == 2
        assert "a/" not in first["NextContinuationToken"]
        second = s3.list_objects_v2(
            Bucket=bucket,
            Delimiter="/",
            MaxKeys=2,
            ContinuationToken=first["NextContinuationToken"],
        )
        assert second["ContinuationToken"] == first["NextContinuationToken"]
        assert [c["Prefix"] for c in second["CommonPrefixes"]] == ["c/"]
        assert [c["Key"] for c in second["Contents"]] == ["d"]
        assert not second["IsTruncated"]

    def test_start_after_and_fetch_owner(self, s3: Any, bucket: str) -> None:
        """StartAfter skips keys up to and including it; FetchOwner adds Owner."""
        _fill(s3, bucket, KEYS)
        out = s3.list_objects_v2(Bucket=bucket, StartAfter="b", FetchOwner=True)
        assert [c["Key"] for c in out["Contents"]] == ["c/1", "c/2", "d"]
        assert out["StartAfter"] == "b"
        assert "ID" in out["Contents"][0]["Owner"]
        assert "Owner" not in s3.list_objects_v2(Bucket=bucket)["Contents"][0]

    def test_max_keys_is_capped_at_1000(self, bucket: str, s3: Any) -> None:
        """MaxKeys 1001 is answered with at most 1,000 keys (S3 caps silently)."""
        s3.delete_objects  # noqa: B018 - the fixture's client
        keys = [f"k{i:04d}" for i in range(1001)]
        _fill(s3, bucket, keys)
        out = s3.list_objects_v2(Bucket=bucket, MaxKeys=1001)
        assert out["KeyCount"] == 1000 and out["IsTruncated"]
        assert s3.list_objects_v2(Bucket=bucket, MaxKeys=1000)["KeyCount"] == 1000
        zero = s3.list_objects_v2(Bucket=bucket, MaxKeys=0)
        assert zero["KeyCount"] == 0 and "Contents" not in zero

    def test_negative_max_keys_and_bad_token(self, s3: Any, bucket: str) -> None:
        """MaxKeys < 0 and a forged token are InvalidArgument."""
        with pytest.raises(ClientError) as exc:
            s3.list_objects_v2(Bucket=bucket, MaxKeys=-1)
        assert _err(exc)["ArgumentName"] == "maxKeys"
        with pytest.raises(ClientError) as exc:
            s3.list_objects_v2(Bucket=bucket, ContinuationToken="bm9wZQ==")
        assert _err(exc)["Message"] == "The continuation token provided is incorrect"

    def test_url_encoding(self, s3: Any, bucket: str) -> None:
        """EncodingType=url encodes keys and prefixes in the answer."""
        _fill(s3, bucket, ["a b/c", "ü"])
        out = s3.list_objects_v2(Bucket=bucket, EncodingType="url", Delimiter="/")
        assert out["CommonPrefixes"] == [{"Prefix": "a%20b/"}]
        assert [c["Key"] for c in out["Contents"]] == [urllib.parse.quote("ü")]
        with pytest.raises(ClientError):
            s3.list_objects_v2(Bucket=bucket, EncodingType="base64")

    def test_paginator(self, s3: Any, bucket: str) -> None:
        """botocore's paginator walks every page."""
        _fill(s3, bucket, KEYS)
        pages = s3.get_paginator("list_objects_v2").paginate(
            Bucket=bucket, PaginationConfig={"PageSize": 3}
        )
        assert [c["Key"] for p in pages for c in p.get("Contents", [])] == KEYS


class TestListObjectsV1:
    def test_next_marker_only_with_delimiter(self, s3: Any, bucket: str) -> None:
        """v1 answers NextMarker only when a Delimiter is given; Marker resumes."""
        _fill(s3, bucket, KEYS)
        plain = s3.list_objects(Bucket=bucket, MaxKeys=2)
        assert plain["IsTruncated"] and "NextMarker" not in plain
        assert plain["Marker"] == ""
        rest = s3.list_objects(Bucket=bucket, Marker=plain["Contents"][-1]["Key"])
        assert [c["Key"] for c in rest["Contents"]] == KEYS[2:]
        rolled = s3.list_objects(Bucket=bucket, Delimiter="/", MaxKeys=1)
        assert rolled["NextMarker"] == "a/"
        after = s3.list_objects(Bucket=bucket, Delimiter="/", Marker="a/")
        assert [c["Key"] for c in after["Contents"]] == ["b", "d"]
        assert "Owner" in rest["Contents"][0]


# -- the model: what a listing must answer, computed the slow, obvious way ------------------------
def model(keys: set[str], prefix: str, delimiter: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for k in sorted(keys):
        if not k.startswith(prefix):
            continue
        rest = k[len(prefix) :]
        if delimiter and delimiter in rest:
            cp = prefix + rest[: rest.index(delimiter) + len(delimiter)]
            if cp not in seen:
                seen.add(cp)
                out.append((cp, True))
        else:
            out.append((k, False))
    return out


_key = st.text(alphabet="ab/-.é", min_size=1, max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    keys=st.sets(_key, max_size=25),
    prefix=st.sampled_from(["", "a", "a/", "b", "é"]),
    delimiter=st.sampled_from(["", "/", "-", "a/"]),
    page=st.integers(1, 7),
)
def test_pages_concatenate_to_the_model(
    keys: set[str], prefix: str, delimiter: str, page: int
) -> None:
    """For random keys, prefixes, delimiters and page sizes, v2 and v1 pages add up to the model."""
    cloud = Cloud(clock=ManualClock(), seed=1)
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="model")
    _fill(s3, "model", sorted(keys))
    want = model(keys, prefix, delimiter)
    got: list[tuple[str, bool]] = []
    params: dict[str, Any] = {
        "Bucket": "model",
        "Prefix": prefix,
        "Delimiter": delimiter,
        "MaxKeys": page,
    }
    while True:
        out = s3.list_objects_v2(**params)
        items = [(c["Key"], False) for c in out.get("Contents", [])]
        items += [(c["Prefix"], True) for c in out.get("CommonPrefixes", [])]
        assert out["KeyCount"] == len(items) <= page
        got += sorted(items)
        if not out["IsTruncated"]:
            break
        params["ContinuationToken"] = out["NextContinuationToken"]
    assert got == want
    # v1, by Marker (NextMarker with a delimiter, else the last key)
    got = []
    v1: dict[str, Any] = {
        "Bucket": "model",
        "Prefix": prefix,
        "Delimiter": delimiter,
        "MaxKeys": page,
    }
    while True:
        out = s3.list_objects(**v1)
        items = [(c["Key"], False) for c in out.get("Contents", [])]
        items += [(c["Prefix"], True) for c in out.get("CommonPrefixes", [])]
        got += sorted(items)
        if not out["IsTruncated"]:
            break
        v1["Marker"] = out["NextMarker"] if delimiter else out["Contents"][-1]["Key"]
    assert got == want
    cloud.engine("s3").buckets["model"]._check()
