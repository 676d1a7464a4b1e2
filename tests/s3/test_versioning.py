"""Versioning: version ids, delete markers, reads by version, ListObjectVersions, "null"."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock


def _err(exc: Any) -> dict[str, Any]:
    return dict(exc.value.response["Error"])


@pytest.fixture
def versioned(s3: Any, bucket: str) -> str:
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    return bucket


def test_status_round_trip(s3: Any, bucket: str) -> None:
    """No Status until configured; then Enabled or Suspended; no Status at all is
    IllegalVersioningConfigurationException (LocalStack's AWS-validated snapshot), another
    value MalformedXML."""
    assert "Status" not in s3.get_bucket_versioning(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    with pytest.raises(ClientError) as exc:
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={})
    assert _err(exc)["Code"] == "IllegalVersioningConfigurationException"
    with pytest.raises(ClientError) as exc:
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "On"})
    assert _err(exc)["Code"] == "MalformedXML"


def test_versions_and_reads(s3: Any, versioned: str) -> None:
    """Each put is a version; reads by VersionId; a delete leaves a marker."""
    v1 = s3.put_object(Bucket=versioned, Key="k", Body=b"one")["VersionId"]
    v2 = s3.put_object(Bucket=versioned, Key="k", Body=b"two")["VersionId"]
    assert v1 != v2 and len(v1) == 32
    assert s3.get_object(Bucket=versioned, Key="k")["VersionId"] == v2
    assert s3.get_object(Bucket=versioned, Key="k", VersionId=v1)["Body"].read() == b"one"
    gone = s3.delete_object(Bucket=versioned, Key="k")
    assert gone["DeleteMarker"] is True
    with pytest.raises(s3.exceptions.NoSuchKey) as missing:
        s3.get_object(Bucket=versioned, Key="k")
    assert missing.value.response["ResponseMetadata"]["HTTPHeaders"] == {
        "x-amz-delete-marker": "true",
        "x-amz-version-id": gone["VersionId"],
    }
    with pytest.raises(ClientError) as head:
        s3.head_object(Bucket=versioned, Key="k")
    assert head.value.response["Error"]["Code"] == "404"
    assert head.value.response["ResponseMetadata"]["HTTPHeaders"]["x-amz-delete-marker"] == "true"
    with pytest.raises(ClientError) as exc:
        s3.get_object(Bucket=versioned, Key="k", VersionId=gone["VersionId"])
    assert _err(exc)["Code"] == "MethodNotAllowed"
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 405
    s3.delete_object(Bucket=versioned, Key="k", VersionId=gone["VersionId"])
    assert s3.get_object(Bucket=versioned, Key="k")["Body"].read() == b"two"
    with pytest.raises(ClientError) as exc:
        s3.get_object(Bucket=versioned, Key="k", VersionId="A" * 32)
    assert _err(exc) == {
        "Code": "NoSuchVersion",
        "Message": "The specified version does not exist.",
        "Key": "k",
        "VersionId": "A" * 32,
    }


def test_list_object_versions_pages(s3: Any, versioned: str) -> None:
    """Versions newest first per key, markers apart, paged by KeyMarker/VersionIdMarker."""
    ids = [s3.put_object(Bucket=versioned, Key="a", Body=bytes([i]))["VersionId"] for i in range(3)]
    marker = s3.delete_object(Bucket=versioned, Key="b")["VersionId"]
    out = s3.list_object_versions(Bucket=versioned)
    assert [v["VersionId"] for v in out["Versions"]] == ids[::-1]
    assert [v["IsLatest"] for v in out["Versions"]] == [True, False, False]
    assert [(m["Key"], m["VersionId"], m["IsLatest"]) for m in out["DeleteMarkers"]] == [
        ("b", marker, True)
    ]
    seen: list[str] = []
    params: dict[str, Any] = {"Bucket": versioned, "MaxKeys": 2}
    while True:
        page = s3.list_object_versions(**params)
        seen += [v["VersionId"] for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
        if not page["IsTruncated"]:
            break
        params["KeyMarker"] = page["NextKeyMarker"]
        params["VersionIdMarker"] = page["NextVersionIdMarker"]
    assert seen == [*ids[::-1], marker]
    with pytest.raises(ClientError):
        s3.list_object_versions(Bucket=versioned, VersionIdMarker=ids[0])


def test_suspended_uses_the_null_version(s3: Any, versioned: str) -> None:
    """Suspended: puts replace the "null" version and keep older ids."""
    v1 = s3.put_object(Bucket=versioned, Key="k", Body=b"one")["VersionId"]
    s3.put_bucket_versioning(Bucket=versioned, VersioningConfiguration={"Status": "Suspended"})
    s3.put_object(Bucket=versioned, Key="k", Body=b"two")
    s3.put_object(Bucket=versioned, Key="k", Body=b"three")
    ids = [v["VersionId"] for v in s3.list_object_versions(Bucket=versioned)["Versions"]]
    assert ids == ["null", v1]
    assert s3.get_object(Bucket=versioned, Key="k", VersionId="null")["Body"].read() == b"three"
    marker = s3.delete_object(Bucket=versioned, Key="k")
    assert (marker["DeleteMarker"], marker["VersionId"]) == (True, "null")


def test_objects_before_versioning_are_null(s3: Any, bucket: str) -> None:
    """An object written before versioning is the "null" version afterwards."""
    s3.put_object(Bucket=bucket, Key="k", Body=b"old")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=bucket, Key="k", Body=b"new")
    versions = s3.list_object_versions(Bucket=bucket)["Versions"]
    assert versions[1]["VersionId"] == "null"
    assert s3.get_object(Bucket=bucket, Key="k", VersionId="null")["Body"].read() == b"old"


def test_delete_objects_with_versions(s3: Any, versioned: str) -> None:
    """DeleteObjects reports markers it made and versions it removed."""
    v = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    out = s3.delete_objects(
        Bucket=versioned, Delete={"Objects": [{"Key": "k"}, {"Key": "k", "VersionId": v}]}
    )
    first, second = out["Deleted"]
    assert first["DeleteMarker"] is True and "DeleteMarkerVersionId" in first
    assert second == {"Key": "k", "VersionId": v}


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    ops=st.lists(
        st.tuples(st.sampled_from(["a", "a/b", "b", "c/d", "c/e"]), st.booleans()), max_size=20
    ),
    page=st.integers(1, 4),
    prefix=st.sampled_from(["", "a", "c/"]),
    delimiter=st.sampled_from(["", "/"]),
)
def test_version_pages_concatenate(
    ops: list[tuple[str, bool]], page: int, prefix: str, delimiter: str
) -> None:
    """Paging ListObjectVersions by its markers gives the one-page answer, in order."""
    cloud = Cloud(clock=ManualClock())
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="pages")
    s3.put_bucket_versioning(Bucket="pages", VersioningConfiguration={"Status": "Enabled"})
    for key, put in ops:
        if put:
            s3.put_object(Bucket="pages", Key=key, Body=b"x")
        else:
            s3.delete_object(Bucket="pages", Key=key)
    base: dict[str, Any] = {"Bucket": "pages", "Prefix": prefix, "Delimiter": delimiter}

    def rows(out: dict[str, Any]) -> list[tuple[str, str]]:
        found = [
            (v["Key"], v["VersionId"])
            for v in out.get("Versions", []) + out.get("DeleteMarkers", [])
        ]
        found += [(p["Prefix"], "") for p in out.get("CommonPrefixes", [])]
        return sorted(found, key=lambda r: (r[0], order.get(r, 0)))

    whole = s3.list_object_versions(**base)
    order: dict[tuple[str, str], int] = {}
    for v in whole.get("Versions", []) + whole.get("DeleteMarkers", []):
        order[(v["Key"], v["VersionId"])] = 0
    # newest first within a key: the engine's own order for the whole answer
    engine = cloud.engine("s3").buckets["pages"]
    for key, versions in engine.versions.items():
        for i, v in enumerate(versions):
            order[(key, v.version_id)] = i
    want = rows(whole)
    got: list[tuple[str, str]] = []
    params = dict(base, MaxKeys=page)
    while True:
        out = s3.list_object_versions(**params)
        got += rows(out)
        if not out["IsTruncated"]:
            break
        params["KeyMarker"] = out["NextKeyMarker"]
        if "NextVersionIdMarker" in out:
            params["VersionIdMarker"] = out["NextVersionIdMarker"]
        else:
            params.pop("VersionIdMarker", None)
    assert sorted(got, key=lambda r: (r[0], order.get(r, 0))) == want
    assert len(got) == len(want)


def test_version_ids_the_bucket_never_issued(s3: Any, versioned: str) -> None:
    """Deleting a version already removed is a no-op 204 (a retried delete); an id the bucket
    never issued is InvalidArgument for DeleteObject and NoSuchVersion in DeleteObjects, and
    changes nothing (AWS's answers to made-up ids, from LocalStack's validated snapshots)."""
    v1 = s3.put_object(Bucket=versioned, Key="k", Body=b"one")["VersionId"]
    v2 = s3.put_object(Bucket=versioned, Key="k", Body=b"two")["VersionId"]
    s3.delete_object(Bucket=versioned, Key="k", VersionId=v1)
    again = s3.delete_object(Bucket=versioned, Key="k", VersionId=v1)
    assert again["VersionId"] == v1 and "DeleteMarker" not in again
    made_up = v2[:-4] + ("ABCD" if not v2.endswith("ABCD") else "WXYZ")
    with pytest.raises(ClientError) as exc:
        s3.delete_object(Bucket=versioned, Key="k", VersionId=made_up)
    assert _err(exc) == {
        "Code": "InvalidArgument",
        "Message": "Invalid version id specified",
        "ArgumentName": "versionId",
        "ArgumentValue": made_up,
    }
    batch = s3.delete_objects(
        Bucket=versioned, Delete={"Objects": [{"Key": "k", "VersionId": made_up}]}
    )
    assert [e["Code"] for e in batch["Errors"]] == ["NoSuchVersion"] and "Deleted" not in batch
    listed = s3.list_object_versions(Bucket=versioned)["Versions"]
    assert [v["VersionId"] for v in listed] == [v2]
