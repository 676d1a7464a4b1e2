"""Every S3 client operation is total: any request drawn from the model (with junk mixed
in) gets an answer or an AWS error / ParamValidationError, and a refused one changes
nothing the Cloud shows."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock
from pyserverless._core import shapes
from pyserverless._core.errors import AWSError, ParamValidationError
from pyserverless.s3 import S3Client

TABLE = shapes.table("s3")
OPS = sorted(S3Client.operations)
EXAMPLES = 400 if os.environ.get("PYSERVERLESS_FUZZ") else 40

_STRINGS = st.sampled_from(
    [
        *("photos", "k", "a/b", "", "x" * 1100, "\ud800", "bytes=0-1", "*", '"etag"', "Enabled"),
        *("CRC32", "photos/k", "COPY", "REPLACE", "url", "-1", "SHA256", "STANDARD", "GLACIER"),
        *("null", "ü"),
    ]
)
_JUNK: st.SearchStrategy[object] = st.sampled_from([None, 3, "s", b"b", [], {}, 1.5, True])


def _value(name: str, depth: int) -> st.SearchStrategy[Any]:
    shape = TABLE["shapes"][name]
    kind = shape["t"]
    if kind == "string":
        return st.sampled_from(shape["e"]) | _STRINGS if "e" in shape else _STRINGS
    if kind in ("integer", "long"):
        return st.sampled_from([-1, 0, 1, 2, 1000, 1001, 10000, 10001, 2**40])
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return st.sampled_from([datetime(2000, 1, 1, tzinfo=UTC), "2100-01-01T00:00:00", "junk", 0])
    if kind == "blob":
        return st.sampled_from([b"", b"data", "text", io.BytesIO(b"file")])
    if depth > 3:
        return _JUNK
    if kind == "structure":
        return _struct(name, depth + 1)
    if kind == "list":
        return st.lists(_value(shape["l"], depth + 1), max_size=3)
    if kind == "map":
        return st.dictionaries(_STRINGS, _value(shape["v"], depth + 1), max_size=2)
    return _JUNK


def _struct(name: str, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    members = TABLE["shapes"][name].get("m", {})
    return st.fixed_dictionaries(
        {},
        optional={
            m: _value(ref, depth) | _JUNK if depth else _value(ref, depth)
            for m, ref in members.items()
        },
    )


def _state(cloud: Cloud) -> Any:
    engine = cloud.engine("s3")
    out = []
    for b in engine.buckets.values():
        versions = {
            k: [(v.version_id, v.etag, dict(v.tags)) for v in vs] for k, vs in b.versions.items()
        }
        out.append(
            (b.name, b.versioning, versions, sorted(b.uploads), b.tags, b.cors, b.notifications)
        )
    return out


@pytest.mark.parametrize("op", OPS)
def test_total(op: str) -> None:
    """Any request: a response, or AWSError / ParamValidationError with nothing changed."""
    root = TABLE["operations"][op]

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(params=_struct(root, 0) if root else st.just({}))
    def run(params: dict[str, Any]) -> None:
        cloud = Cloud(clock=ManualClock(), limits={"s3": {"min_part_bytes": 1, "spill_bytes": 2}})
        s3 = cloud.client("s3")
        s3.create_bucket(Bucket="photos")
        s3.put_object(Bucket="photos", Key="k", Body=b"hello")
        before = _state(cloud)
        method = getattr(s3, S3Client.operations[op])
        try:
            method(**params)
        except (AWSError, ParamValidationError):
            assert _state(cloud) == before
        for b in cloud.engine("s3").buckets.values():
            b._check()
        cloud.close()

    run()
