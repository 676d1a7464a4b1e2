"""CloudFront KeyValueStore: stores (CloudFront's API), keys (the data API), imports from
S3, and functions reading them through ``cf.kvs()`` at the edge."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud

REDIRECT = """
import cf from 'cloudfront';
const kvs = cf.kvs();
async function handler(event) {
    const request = event.request;
    let target = null;
    try { target = await kvs.get(request.uri); } catch (err) { }
    if (target === null) { return request; }
    return { statusCode: 302, statusDescription: 'Found',
             headers: { location: { value: target } } };
}
"""


@pytest.fixture
def cloud() -> Cloud:
    return Cloud.manual()


def _code(excinfo: pytest.ExceptionInfo[ClientError]) -> str:
    return str(excinfo.value.response["Error"]["Code"])


def _store(cloud: Cloud, name: str = "redirects", **kw: Any) -> str:
    made = cloud.client("cloudfront").create_key_value_store(Name=name, **kw)
    arn: str = made["KeyValueStore"]["ARN"]
    return arn


def _etag(cloud: Cloud, arn: str) -> str:
    tag: str = cloud.client("cloudfront-keyvaluestore").describe_key_value_store(KvsARN=arn)["ETag"]
    return tag


def test_store_lifecycle(cloud: Cloud) -> None:
    cf = cloud.client("cloudfront")
    arn = _store(cloud, Comment="first")
    assert arn.startswith("arn:aws:cloudfront::123456789012:key-value-store/")
    with pytest.raises(ClientError) as again:
        cf.create_key_value_store(Name="redirects")
    assert _code(again) == "EntityAlreadyExists"
    described = cf.describe_key_value_store(Name="redirects")
    assert (described["KeyValueStore"]["Status"], described["KeyValueStore"]["Comment"]) == (
        "READY",
        "first",
    )
    with pytest.raises(ClientError) as stale:
        cf.update_key_value_store(Name="redirects", Comment="x", IfMatch="EWRONG")
    assert _code(stale) == "PreconditionFailed"
    updated = cf.update_key_value_store(
        Name="redirects", Comment="second", IfMatch=described["ETag"]
    )
    assert updated["KeyValueStore"]["Comment"] == "second"
    listed = cf.list_key_value_stores(Status="READY")["KeyValueStoreList"]
    assert [s["Name"] for s in listed["Items"]] == ["redirects"]
    assert cf.list_key_value_stores(Status="PROVISIONING")["KeyValueStoreList"]["Quantity"] == 0
    cf.delete_key_value_store(Name="redirects", IfMatch=updated["ETag"])
    with pytest.raises(ClientError) as gone:
        cf.describe_key_value_store(Name="redirects")
    assert _code(gone) == "EntityNotFound"


def test_keys_with_etags_sizes_and_paging(cloud: Cloud) -> None:
    kvs = cloud.client("cloudfront-keyvaluestore")
    arn = _store(cloud)
    tag = _etag(cloud, arn)
    out = kvs.put_key(KvsARN=arn, Key="k" * 512, Value="v" * 1024, IfMatch=tag)
    assert (out["ItemCount"], out["TotalSizeInBytes"]) == (1, 1536)
    with pytest.raises(ClientError) as conflict:
        kvs.put_key(KvsARN=arn, Key="a", Value="1", IfMatch=tag)  # the old ETag
    assert _code(conflict) == "ConflictException"
    tag = out["ETag"]
    with pytest.raises(ClientError) as long_key:
        kvs.put_key(KvsARN=arn, Key="k" * 513, Value="v", IfMatch=tag)
    assert _code(long_key) == "ValidationException"
    with pytest.raises(ClientError) as long_value:
        kvs.put_key(KvsARN=arn, Key="a", Value="v" * 1025, IfMatch=tag)
    assert _code(long_value) == "ValidationException"
    puts = [{"Key": f"key-{n:02d}", "Value": str(n)} for n in range(49)]
    tag = kvs.update_keys(KvsARN=arn, IfMatch=tag, Puts=puts)["ETag"]
    first = kvs.list_keys(KvsARN=arn, MaxResults=50)
    assert len(first["Items"]) == 50 and "NextToken" not in first
    page = kvs.list_keys(KvsARN=arn, MaxResults=20)
    rest = kvs.list_keys(KvsARN=arn, MaxResults=50, NextToken=page["NextToken"])
    keys = [i["Key"] for i in page["Items"] + rest["Items"]]
    assert keys == sorted(keys) and len(keys) == 50
    with pytest.raises(ClientError) as too_many:
        kvs.list_keys(KvsARN=arn, MaxResults=51)  # botocore checks no maximum: the service
    assert _code(too_many) == "ValidationException"
    kvs.delete_key(KvsARN=arn, Key="key-00", IfMatch=tag)
    with pytest.raises(ClientError) as missing:
        kvs.get_key(KvsARN=arn, Key="key-00")
    assert _code(missing) == "ResourceNotFoundException"


def test_update_keys_is_all_or_nothing(cloud: Cloud) -> None:
    kvs = cloud.client("cloudfront-keyvaluestore")
    arn = _store(cloud)
    tag = kvs.put_key(KvsARN=arn, Key="keep", Value="1", IfMatch=_etag(cloud, arn))["ETag"]
    with pytest.raises(ClientError):
        kvs.update_keys(
            KvsARN=arn,
            IfMatch=tag,
            Puts=[{"Key": "ok", "Value": "1"}, {"Key": "bad", "Value": "x" * 1025}],
            Deletes=[{"Key": "keep"}],
        )
    assert [i["Key"] for i in kvs.list_keys(KvsARN=arn)["Items"]] == ["keep"]
    too_many = [{"Key": f"k{n}", "Value": "v"} for n in range(51)]
    with pytest.raises(ClientError) as many:
        kvs.update_keys(KvsARN=arn, IfMatch=tag, Puts=too_many)
    assert _code(many) == "ValidationException"


def test_store_size_limit_both_sides() -> None:
    cloud = Cloud.manual(limits={"cloudfront": {"kvs_max_store_bytes": 10}})
    kvs = cloud.client("cloudfront-keyvaluestore")
    arn = _store(cloud)
    tag = kvs.put_key(KvsARN=arn, Key="abcde", Value="12345", IfMatch=_etag(cloud, arn))["ETag"]
    with pytest.raises(ClientError) as full:
        kvs.put_key(KvsARN=arn, Key="x", Value="", IfMatch=tag)
    assert _code(full) == "ServiceQuotaExceededException"
    assert full.value.response["ResponseMetadata"]["HTTPStatusCode"] == 402


def test_import_from_s3(cloud: Cloud) -> None:
    bucket = cloud.s3.create_bucket("seed")
    data = {"data": [{"key": "/a", "value": "/b"}, {"key": "/c", "value": "/d"}]}
    bucket.put("kvs.json", json.dumps(data).encode())
    dup = {"data": [{"key": "/a", "value": "1"}, {"key": "/a", "value": "2"}]}
    bucket.put("dup.json", json.dumps(dup).encode())
    good = _store(
        cloud, ImportSource={"SourceType": "S3", "SourceARN": "arn:aws:s3:::seed/kvs.json"}
    )
    kvs = cloud.client("cloudfront-keyvaluestore")
    assert kvs.describe_key_value_store(KvsARN=good)["ItemCount"] == 2
    assert kvs.get_key(KvsARN=good, Key="/c")["Value"] == "/d"
    bad = _store(
        cloud,
        "broken",
        ImportSource={"SourceType": "S3", "SourceARN": "arn:aws:s3:::seed/dup.json"},
    )
    failed = kvs.describe_key_value_store(KvsARN=bad)
    assert (failed["Status"], failed["ItemCount"]) == ("PROVISIONING_FAILED", 0)
    assert failed["FailureReason"]


def _function(cloud: Cloud, arn: str | None, runtime: str = "cloudfront-js-2.0") -> str:
    cf = cloud.client("cloudfront")
    config: dict[str, Any] = {"Comment": "", "Runtime": runtime}
    if arn is not None:
        config["KeyValueStoreAssociations"] = {"Quantity": 1, "Items": [{"KeyValueStoreARN": arn}]}
    made = cf.create_function(
        Name="redirect", FunctionConfig=config, FunctionCode=REDIRECT.encode()
    )
    cf.publish_function(Name="redirect", IfMatch=made["ETag"])
    return str(made["FunctionSummary"]["FunctionMetadata"]["FunctionARN"])


def test_a_function_reads_its_store_at_the_edge(cloud: Cloud) -> None:
    arn = _store(cloud)
    kvs = cloud.client("cloudfront-keyvaluestore")
    tag = kvs.put_key(KvsARN=arn, Key="/old", Value="/new", IfMatch=_etag(cloud, arn))["ETag"]
    function_arn = _function(cloud, arn)
    cloud.cdn.register_origin("site.internal", lambda request: (200, {}, b"page"))
    dist = cloud.cdn.distribution(["site.internal"], default={"viewer_request": function_arn})
    moved = dist.request("GET", "/old")
    assert (moved.status, moved.header("location")) == (302, "/new")
    assert dist.request("GET", "/other").body == b"page"
    kvs.put_key(KvsARN=arn, Key="/other", Value="/elsewhere", IfMatch=tag)
    assert dist.request("GET", "/other").header("location") == "/elsewhere"  # at once
    described = cloud.client("cloudfront").describe_function(Name="redirect")
    assert described["FunctionSummary"]["FunctionConfig"]["KeyValueStoreAssociations"] == {
        "Quantity": 1,
        "Items": [{"KeyValueStoreARN": arn}],
    }
    with pytest.raises(ClientError) as in_use:
        cloud.client("cloudfront").delete_key_value_store(
            Name="redirects",
            IfMatch=cloud.client("cloudfront").describe_key_value_store(Name="redirects")["ETag"],
        )
    assert _code(in_use) == "CannotDeleteEntityWhileInUse"


def test_association_rules(cloud: Cloud) -> None:
    arn = _store(cloud)
    with pytest.raises(ClientError) as old_runtime:
        _function(cloud, arn, runtime="cloudfront-js-1.0")
    assert _code(old_runtime) == "InvalidArgument"
    missing = arn[:-4] + "0000"
    with pytest.raises(ClientError) as unknown:
        _function(cloud, missing)
    assert _code(unknown) == "EntityNotFound"
    cf = cloud.client("cloudfront")
    two = {
        "Comment": "",
        "Runtime": "cloudfront-js-2.0",
        "KeyValueStoreAssociations": {
            "Quantity": 2,
            "Items": [{"KeyValueStoreARN": arn}, {"KeyValueStoreARN": _store(cloud, "other")}],
        },
    }
    with pytest.raises(ClientError) as many:
        cf.create_function(Name="two", FunctionConfig=two, FunctionCode=REDIRECT.encode())
    assert _code(many) == "InvalidArgument"
    assert cf.list_functions()["FunctionList"]["Quantity"] == 0


def test_the_data_api_over_the_wire(cloud: Cloud) -> None:
    """boto3 through the bridge: REST-JSON both ways. AWS's endpoint rules ask for SigV4A
    (botocore[crt]); without awscrt installed, ``signature_version="v4"`` signs it."""
    import boto3
    from botocore.config import Config

    from pyserverless.adapters.bridge import mock_aws

    arn = _store(cloud)
    with mock_aws(cloud):
        kvs = boto3.client(
            "cloudfront-keyvaluestore", region_name="us-east-1",
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
            config=Config(signature_version="v4"),
        )  # fmt: skip
        tag = kvs.describe_key_value_store(KvsARN=arn)["ETag"]
        out = kvs.update_keys(KvsARN=arn, IfMatch=tag, Puts=[{"Key": "a", "Value": "1"}])
        assert out["ItemCount"] == 1
        assert kvs.get_key(KvsARN=arn, Key="a")["Value"] == "1"
        assert kvs.list_keys(KvsARN=arn)["Items"] == [{"Key": "a", "Value": "1"}]
        with pytest.raises(kvs.exceptions.ConflictException):
            kvs.put_key(KvsARN=arn, Key="b", Value="2", IfMatch=tag)
        with pytest.raises(kvs.exceptions.ResourceNotFoundException):
            kvs.get_key(KvsARN=arn, Key="missing")
