"""CloudFront's REST-XML wire: boto3 through ``mock_aws`` (botocore serialises and parses
every request and answer) and over the HTTP endpoint."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from pyserverless import Cloud
from pyserverless.adapters.bridge import mock_aws
from pyserverless.adapters.http import Server
from pyserverless.cdn._managed import CACHING_OPTIMIZED

CONFIG: dict[str, Any] = {
    "CallerReference": "r1",
    "Comment": "site",
    "Enabled": True,
    "Origins": {
        "Quantity": 1,
        "Items": [
            {
                "Id": "web",
                "DomainName": "example.com",
                "OriginPath": "/v1",
                "CustomHeaders": {
                    "Quantity": 1,
                    "Items": [{"HeaderName": "x-secret", "HeaderValue": "s"}],
                },
                "CustomOriginConfig": {
                    "HTTPPort": 80,
                    "HTTPSPort": 443,
                    "OriginProtocolPolicy": "https-only",
                },
            }
        ],
    },
    "DefaultCacheBehavior": {
        "TargetOriginId": "web",
        "ViewerProtocolPolicy": "redirect-to-https",
        "CachePolicyId": CACHING_OPTIMIZED,
        "AllowedMethods": {
            "Quantity": 2,
            "Items": ["GET", "HEAD"],
            "CachedMethods": {"Quantity": 2, "Items": ["GET", "HEAD"]},
        },
    },
}


@pytest.fixture
def cf() -> Iterator[Any]:
    cloud = Cloud.manual()
    with mock_aws(cloud):
        yield boto3.client("cloudfront", region_name="us-east-1")


def test_distribution_round_trip(cf: Any) -> None:
    made = cf.create_distribution(DistributionConfig=CONFIG)
    assert made["ResponseMetadata"]["HTTPStatusCode"] == 201
    dist = made["Distribution"]
    assert made["Location"].endswith(dist["Id"])
    assert dist["Status"] == "Deployed" and dist["LastModifiedTime"].tzinfo is not None
    got = cf.get_distribution_config(Id=dist["Id"])
    assert got["DistributionConfig"] == CONFIG
    assert got["ETag"] == made["ETag"]
    config = copy.deepcopy(CONFIG)
    config["Enabled"] = False
    with pytest.raises(cf.exceptions.PreconditionFailed):
        cf.update_distribution(Id=dist["Id"], DistributionConfig=config, IfMatch="EOLD")
    etag = cf.update_distribution(Id=dist["Id"], DistributionConfig=config, IfMatch=made["ETag"])[
        "ETag"
    ]
    listing = cf.list_distributions(MaxItems="10")["DistributionList"]
    assert [i["Id"] for i in listing["Items"]] == [dist["Id"]]
    deleted = cf.delete_distribution(Id=dist["Id"], IfMatch=etag)
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(cf.exceptions.NoSuchDistribution) as excinfo:
        cf.get_distribution(Id=dist["Id"])
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_errors_and_policies(cf: Any) -> None:
    made = cf.create_distribution(DistributionConfig=CONFIG)
    with pytest.raises(cf.exceptions.DistributionNotDisabled):
        cf.delete_distribution(Id=made["Distribution"]["Id"], IfMatch=made["ETag"])
    managed = cf.list_cache_policies(Type="managed")["CachePolicyList"]
    assert CACHING_OPTIMIZED in {i["CachePolicy"]["Id"] for i in managed["Items"]}
    policy = cf.get_cache_policy(Id=CACHING_OPTIMIZED)["CachePolicy"]["CachePolicyConfig"]
    assert policy["ParametersInCacheKeyAndForwardedToOrigin"]["EnableAcceptEncodingBrotli"]
    with pytest.raises(cf.exceptions.IllegalDelete):
        cf.delete_cache_policy(Id=CACHING_OPTIMIZED, IfMatch="x")


def test_invalidations(cf: Any) -> None:
    dist_id = cf.create_distribution(DistributionConfig=CONFIG)["Distribution"]["Id"]
    batch = {"Paths": {"Quantity": 1, "Items": ["/img/*"]}, "CallerReference": "i1"}
    made = cf.create_invalidation(DistributionId=dist_id, InvalidationBatch=batch)
    assert made["Invalidation"]["Status"] == "InProgress"
    got = cf.get_invalidation(DistributionId=dist_id, Id=made["Invalidation"]["Id"])
    assert got["Invalidation"]["InvalidationBatch"] == batch


def test_unimplemented_operation_is_refused(cf: Any) -> None:
    with pytest.raises(cf.exceptions.ClientError) as excinfo:
        cf.list_anycast_ip_lists()
    assert excinfo.value.response["Error"]["Code"] == "NotImplemented"


def test_over_the_endpoint() -> None:
    cloud = Cloud.manual()
    with Server(cloud) as running:
        cf = boto3.client(
            "cloudfront",
            region_name="us-east-1",
            endpoint_url=running.url,
            aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="secret",
        )
        made = cf.create_distribution(DistributionConfig=CONFIG)
        assert cf.get_distribution(Id=made["Distribution"]["Id"])["ETag"] == made["ETag"]
        with pytest.raises(cf.exceptions.NoSuchCachePolicy):
            cf.get_cache_policy(Id="nope")
