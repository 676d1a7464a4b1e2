"""CloudFront's control plane through ``cloud.client("cloudfront")``: distributions, ETags,
policies (AWS's managed ids), origin access controls and invalidations on the clock."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.cdn._limits import CloudFrontLimits
from pyserverless.cdn._managed import ALL_VIEWER
from pyserverless.cdn._managed import CACHING_DISABLED as DISABLED
from pyserverless.cdn._managed import CACHING_OPTIMIZED as OPTIMIZED

_EDGE_FN = "arn:aws:lambda:us-east-1:123456789012:function:f:1"


def _code(excinfo: Any) -> str:
    return str(excinfo.value.response["Error"]["Code"])


def test_create_get_and_list(cf: Any, config: dict[str, Any]) -> None:
    made = cf.create_distribution(DistributionConfig=config)
    dist = made["Distribution"]
    assert made["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert dist["Id"].startswith("E") and len(dist["Id"]) == 14
    assert dist["Status"] == "Deployed"
    assert dist["DomainName"].endswith(".cloudfront.net")
    assert dist["ARN"] == f"arn:aws:cloudfront::123456789012:distribution/{dist['Id']}"
    assert made["Location"].endswith("/2020-05-31/distribution/" + dist["Id"])
    got = cf.get_distribution(Id=dist["Id"])
    assert got["ETag"] == made["ETag"]
    assert got["Distribution"]["DistributionConfig"] == config
    assert cf.get_distribution_config(Id=dist["Id"])["DistributionConfig"] == config
    listing = cf.list_distributions()["DistributionList"]
    assert listing["Quantity"] == 1 and listing["Items"][0]["Id"] == dist["Id"]
    assert listing["IsTruncated"] is False


def test_caller_reference_is_idempotent(cf: Any, config: dict[str, Any]) -> None:
    first = cf.create_distribution(DistributionConfig=config)
    again = cf.create_distribution(DistributionConfig=config)
    assert again["Distribution"]["Id"] == first["Distribution"]["Id"]
    changed = copy.deepcopy(config)
    changed["Comment"] = "other"
    with pytest.raises(cf.exceptions.DistributionAlreadyExists):
        cf.create_distribution(DistributionConfig=changed)
    assert cf.list_distributions()["DistributionList"]["Quantity"] == 1


def test_unknown_distribution(cf: Any) -> None:
    with pytest.raises(cf.exceptions.NoSuchDistribution) as excinfo:
        cf.get_distribution(Id="E000000000000")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_update_needs_the_current_etag(cf: Any, config: dict[str, Any]) -> None:
    made = cf.create_distribution(DistributionConfig=config)
    dist_id, etag = made["Distribution"]["Id"], made["ETag"]
    config["Comment"] = "new"
    with pytest.raises(cf.exceptions.InvalidIfMatchVersion):
        cf.update_distribution(Id=dist_id, DistributionConfig=config, IfMatch="")
    with pytest.raises(cf.exceptions.PreconditionFailed):
        cf.update_distribution(Id=dist_id, DistributionConfig=config, IfMatch="ESTALE")
    assert cf.get_distribution_config(Id=dist_id)["DistributionConfig"]["Comment"] == "site"
    out = cf.update_distribution(Id=dist_id, DistributionConfig=config, IfMatch=etag)
    assert out["ETag"] != etag
    assert out["Distribution"]["DistributionConfig"]["Comment"] == "new"
    with pytest.raises(cf.exceptions.PreconditionFailed):  # the old tag is stale now
        cf.update_distribution(Id=dist_id, DistributionConfig=config, IfMatch=etag)
    config["CallerReference"] = "changed"
    with pytest.raises(cf.exceptions.IllegalUpdate):
        cf.update_distribution(Id=dist_id, DistributionConfig=config, IfMatch=out["ETag"])


def test_delete_needs_a_disabled_distribution(cf: Any, config: dict[str, Any]) -> None:
    made = cf.create_distribution(DistributionConfig=config)
    dist_id = made["Distribution"]["Id"]
    with pytest.raises(cf.exceptions.DistributionNotDisabled):
        cf.delete_distribution(Id=dist_id, IfMatch=made["ETag"])
    config["Enabled"] = False
    etag = cf.update_distribution(Id=dist_id, DistributionConfig=config, IfMatch=made["ETag"])[
        "ETag"
    ]
    with pytest.raises(cf.exceptions.InvalidIfMatchVersion):
        cf.delete_distribution(Id=dist_id)
    cf.delete_distribution(Id=dist_id, IfMatch=etag)
    with pytest.raises(cf.exceptions.NoSuchDistribution):
        cf.get_distribution(Id=dist_id)


def test_deployment_delay_runs_on_the_clock(config: dict[str, Any]) -> None:
    cloud = Cloud.manual(limits={"cloudfront": CloudFrontLimits(deploy_seconds=300)})
    cf = cloud.client("cloudfront")
    made = cf.create_distribution(DistributionConfig=config)
    dist_id = made["Distribution"]["Id"]
    assert made["Distribution"]["Status"] == "InProgress"
    cloud.advance(299)
    assert cf.get_distribution(Id=dist_id)["Distribution"]["Status"] == "InProgress"
    config["Enabled"] = False
    cloud.advance(1)
    assert cf.get_distribution(Id=dist_id)["Distribution"]["Status"] == "Deployed"
    etag = cf.update_distribution(Id=dist_id, DistributionConfig=config, IfMatch=made["ETag"])[
        "ETag"
    ]
    with pytest.raises(cf.exceptions.DistributionNotDisabled):  # disabled but not deployed
        cf.delete_distribution(Id=dist_id, IfMatch=etag)
    cloud.advance(300)
    cf.delete_distribution(Id=dist_id, IfMatch=etag)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda c: c["Origins"].update(Quantity=2), "InconsistentQuantities"),
        (lambda c: c["DefaultCacheBehavior"].update(TargetOriginId="nope"), "NoSuchOrigin"),
        (lambda c: c["DefaultCacheBehavior"].update(CachePolicyId="x"), "NoSuchCachePolicy"),
        (lambda c: c["DefaultCacheBehavior"].pop("CachePolicyId"), "InvalidArgument"),
        (
            lambda c: c["DefaultCacheBehavior"].update(OriginRequestPolicyId="x"),
            "NoSuchOriginRequestPolicy",
        ),
        (
            lambda c: c["DefaultCacheBehavior"].update(
                LambdaFunctionAssociations={
                    "Quantity": 1,
                    "Items": [
                        {
                            "LambdaFunctionARN": _EDGE_FN,
                            "EventType": "viewer-request",
                        }
                    ],
                }
            ),
            "InvalidLambdaFunctionAssociation",
        ),
        (
            lambda c: c["DefaultCacheBehavior"].update(
                TrustedKeyGroups={"Enabled": True, "Quantity": 1, "Items": ["k"]}
            ),
            "TrustedKeyGroupDoesNotExist",
        ),
        (
            lambda c: c["DefaultCacheBehavior"].update(
                TrustedSigners={"Enabled": True, "Quantity": 1, "Items": ["self"]}
            ),
            "InvalidArgument",
        ),
        (
            lambda c: c["DefaultCacheBehavior"].update(FieldLevelEncryptionId="x"),
            "NoSuchFieldLevelEncryptionConfig",
        ),
        (
            lambda c: c["DefaultCacheBehavior"].update(RealtimeLogConfigArn="arn:x"),
            "NoSuchRealtimeLogConfig",
        ),
        (
            lambda c: c.update(
                Logging={
                    "Enabled": True,
                    "IncludeCookies": False,
                    "Bucket": "b.s3.amazonaws.com",
                    "Prefix": "",
                }
            ),
            "InvalidArgument",
        ),
        (
            lambda c: c["Origins"]["Items"][0].update(OriginAccessControlId="E1"),
            "InvalidOriginAccessControl",
        ),
    ],
)
def test_refused_configs_store_nothing(
    cf: Any, config: dict[str, Any], change: Any, code: str
) -> None:
    change(config)
    with pytest.raises(cf.exceptions.ClientError) as excinfo:
        cf.create_distribution(DistributionConfig=config)
    assert _code(excinfo) == code
    assert cf.list_distributions()["DistributionList"]["Quantity"] == 0


def _behavior(pattern: str) -> dict[str, Any]:
    return {
        "PathPattern": pattern,
        "TargetOriginId": "web",
        "ViewerProtocolPolicy": "allow-all",
        "CachePolicyId": OPTIMIZED,
    }


def test_path_pattern_length_and_behavior_count(cf: Any, config: dict[str, Any]) -> None:
    config["CacheBehaviors"] = {"Quantity": 1, "Items": [_behavior("/" + "a" * 254)]}
    cf.create_distribution(DistributionConfig=config)  # 255: the last accepted
    config["CallerReference"] = "ref-2"
    config["CacheBehaviors"] = {"Quantity": 1, "Items": [_behavior("/" + "a" * 255)]}
    with pytest.raises(cf.exceptions.InvalidArgument):
        cf.create_distribution(DistributionConfig=config)
    config["CacheBehaviors"] = {"Quantity": 75, "Items": [_behavior(f"/{n}") for n in range(75)]}
    cf.create_distribution(DistributionConfig=config)
    config["CallerReference"] = "ref-3"
    config["CacheBehaviors"] = {"Quantity": 76, "Items": [_behavior(f"/{n}") for n in range(76)]}
    with pytest.raises(cf.exceptions.TooManyCacheBehaviors):
        cf.create_distribution(DistributionConfig=config)


def test_managed_policies_by_their_real_ids(cf: Any) -> None:
    optimized = cf.get_cache_policy(Id=OPTIMIZED)["CachePolicy"]["CachePolicyConfig"]
    assert (
        optimized["Name"],
        optimized["MinTTL"],
        optimized["DefaultTTL"],
        optimized["MaxTTL"],
    ) == ("Managed-CachingOptimized", 1, 86400, 31536000)
    disabled = cf.get_cache_policy(Id=DISABLED)["CachePolicy"]["CachePolicyConfig"]
    assert (disabled["MinTTL"], disabled["DefaultTTL"], disabled["MaxTTL"]) == (0, 0, 0)
    viewer = cf.get_origin_request_policy(Id=ALL_VIEWER)["OriginRequestPolicy"]
    assert viewer["OriginRequestPolicyConfig"]["Name"] == "Managed-AllViewer"
    managed = cf.list_cache_policies(Type="managed")["CachePolicyList"]
    assert OPTIMIZED in {i["CachePolicy"]["Id"] for i in managed["Items"]}
    assert cf.list_cache_policies(Type="custom")["CachePolicyList"]["Quantity"] == 0
    with pytest.raises(cf.exceptions.IllegalDelete):
        cf.delete_cache_policy(Id=OPTIMIZED, IfMatch="x")


def _policy(name: str, **ttls: int) -> dict[str, Any]:
    return {
        "Name": name,
        "MinTTL": ttls.get("low", 0),
        "DefaultTTL": ttls.get("default", 60),
        "MaxTTL": ttls.get("high", 600),
        "ParametersInCacheKeyAndForwardedToOrigin": {
            "EnableAcceptEncodingGzip": True,
            "HeadersConfig": {"HeaderBehavior": "none"},
            "CookiesConfig": {"CookieBehavior": "none"},
            "QueryStringsConfig": {"QueryStringBehavior": "all"},
        },
    }


def test_custom_cache_policy_lifecycle(cf: Any, config: dict[str, Any]) -> None:
    made = cf.create_cache_policy(CachePolicyConfig=_policy("short"))
    pid, etag = made["CachePolicy"]["Id"], made["ETag"]
    with pytest.raises(cf.exceptions.CachePolicyAlreadyExists):
        cf.create_cache_policy(CachePolicyConfig=_policy("short"))
    with pytest.raises(cf.exceptions.InvalidArgument):
        cf.create_cache_policy(CachePolicyConfig=_policy("bad", low=100, default=60))
    with pytest.raises(cf.exceptions.PreconditionFailed):
        cf.update_cache_policy(Id=pid, CachePolicyConfig=_policy("short", default=30), IfMatch="x")
    etag = cf.update_cache_policy(
        Id=pid, CachePolicyConfig=_policy("short", default=30), IfMatch=etag
    )["ETag"]
    assert cf.get_cache_policy_config(Id=pid)["CachePolicyConfig"]["DefaultTTL"] == 30
    config["DefaultCacheBehavior"]["CachePolicyId"] = pid
    cf.create_distribution(DistributionConfig=config)
    with pytest.raises(cf.exceptions.CachePolicyInUse):
        cf.delete_cache_policy(Id=pid, IfMatch=etag)
    assert cf.list_cache_policies(Type="custom")["CachePolicyList"]["Quantity"] == 1


def test_custom_policy_quota(cf: Any) -> None:
    for n in range(20):
        cf.create_cache_policy(CachePolicyConfig=_policy(f"p{n}"))
    with pytest.raises(cf.exceptions.TooManyCachePolicies):
        cf.create_cache_policy(CachePolicyConfig=_policy("p20"))


def test_origin_request_and_response_headers_policies(cf: Any) -> None:
    config = {
        "Name": "fwd",
        "HeadersConfig": {
            "HeaderBehavior": "whitelist",
            "Headers": {"Quantity": 1, "Items": ["x-user"]},
        },
        "CookiesConfig": {"CookieBehavior": "none"},
        "QueryStringsConfig": {"QueryStringBehavior": "none"},
    }
    made = cf.create_origin_request_policy(OriginRequestPolicyConfig=config)
    pid = made["OriginRequestPolicy"]["Id"]
    assert cf.get_origin_request_policy_config(Id=pid)["OriginRequestPolicyConfig"] == config
    cf.delete_origin_request_policy(Id=pid, IfMatch=made["ETag"])
    with pytest.raises(cf.exceptions.NoSuchOriginRequestPolicy):
        cf.get_origin_request_policy(Id=pid)
    headers = {
        "Name": "h",
        "CustomHeadersConfig": {
            "Quantity": 1,
            "Items": [{"Header": "x-a", "Value": "1", "Override": True}],
        },
    }
    made = cf.create_response_headers_policy(ResponseHeadersPolicyConfig=headers)
    listed = cf.list_response_headers_policies(Type="custom")["ResponseHeadersPolicyList"]
    assert [i["ResponseHeadersPolicy"]["Id"] for i in listed["Items"]] == [
        made["ResponseHeadersPolicy"]["Id"]
    ]


def test_origin_access_controls(cf: Any, config: dict[str, Any]) -> None:
    oac = {
        "Name": "site",
        "SigningProtocol": "sigv4",
        "SigningBehavior": "always",
        "OriginAccessControlOriginType": "s3",
    }
    made = cf.create_origin_access_control(OriginAccessControlConfig=oac)
    oac_id = made["OriginAccessControl"]["Id"]
    with pytest.raises(cf.exceptions.OriginAccessControlAlreadyExists):
        cf.create_origin_access_control(OriginAccessControlConfig=oac)
    config["Origins"]["Items"][0] = {
        "Id": "web",
        "DomainName": "site.s3.amazonaws.com",
        "S3OriginConfig": {"OriginAccessIdentity": ""},
        "OriginAccessControlId": oac_id,
    }
    cf.create_distribution(DistributionConfig=config)
    with pytest.raises(cf.exceptions.OriginAccessControlInUse):
        cf.delete_origin_access_control(Id=oac_id, IfMatch=made["ETag"])
    listed = cf.list_origin_access_controls()["OriginAccessControlList"]
    assert listed["Items"][0]["Id"] == oac_id


def test_invalidations_complete_on_the_clock(cloud: Cloud, cf: Any, config: dict[str, Any]) -> None:
    dist_id = cf.create_distribution(DistributionConfig=config)["Distribution"]["Id"]
    batch = {"Paths": {"Quantity": 2, "Items": ["/a.txt", "/img/*"]}, "CallerReference": "i1"}
    made = cf.create_invalidation(DistributionId=dist_id, InvalidationBatch=batch)
    inv = made["Invalidation"]
    assert inv["Status"] == "InProgress"
    assert cf.get_distribution(Id=dist_id)["Distribution"]["InProgressInvalidationBatches"] == 1
    again = cf.create_invalidation(DistributionId=dist_id, InvalidationBatch=batch)
    assert again["Invalidation"]["Id"] == inv["Id"]  # CallerReference idempotency
    other = {"Paths": {"Quantity": 1, "Items": ["/b"]}, "CallerReference": "i1"}
    with pytest.raises(cf.exceptions.InvalidArgument):
        cf.create_invalidation(DistributionId=dist_id, InvalidationBatch=other)
    cloud.advance(59)
    assert (
        cf.get_invalidation(DistributionId=dist_id, Id=inv["Id"])["Invalidation"]["Status"]
        == "InProgress"
    )
    cloud.advance(1)
    assert (
        cf.get_invalidation(DistributionId=dist_id, Id=inv["Id"])["Invalidation"]["Status"]
        == "Completed"
    )
    listing = cf.list_invalidations(DistributionId=dist_id)["InvalidationList"]
    assert [i["Id"] for i in listing["Items"]] == [inv["Id"]]
    with pytest.raises(cf.exceptions.NoSuchInvalidation):
        cf.get_invalidation(DistributionId=dist_id, Id="INOPE")


@pytest.mark.parametrize("path", ["a.txt", "/a*/b", "/*x"])
def test_invalid_invalidation_paths(cf: Any, config: dict[str, Any], path: str) -> None:
    dist_id = cf.create_distribution(DistributionConfig=config)["Distribution"]["Id"]
    batch = {"Paths": {"Quantity": 1, "Items": [path]}, "CallerReference": "x"}
    with pytest.raises(cf.exceptions.InvalidArgument):
        cf.create_invalidation(DistributionId=dist_id, InvalidationBatch=batch)


def test_wildcard_invalidations_in_progress_are_capped(cf: Any, config: dict[str, Any]) -> None:
    dist_id = cf.create_distribution(DistributionConfig=config)["Distribution"]["Id"]
    for n in range(15):
        batch = {"Paths": {"Quantity": 1, "Items": [f"/{n}/*"]}, "CallerReference": f"w{n}"}
        cf.create_invalidation(DistributionId=dist_id, InvalidationBatch=batch)
    batch = {"Paths": {"Quantity": 1, "Items": ["/x/*"]}, "CallerReference": "w15"}
    with pytest.raises(cf.exceptions.TooManyInvalidationsInProgress):
        cf.create_invalidation(DistributionId=dist_id, InvalidationBatch=batch)


def test_client_of_any_region_reaches_the_one_engine(cloud: Cloud, config: dict[str, Any]) -> None:
    made = cloud.client("cloudfront", "eu-west-1").create_distribution(DistributionConfig=config)
    got = cloud.client("cloudfront").get_distribution(Id=made["Distribution"]["Id"])
    assert got["ETag"] == made["ETag"]


def test_list_distributions_pages(cf: Any, config: dict[str, Any]) -> None:
    for n in range(3):
        config["CallerReference"] = f"page-{n}"
        cf.create_distribution(DistributionConfig=config)
    first = cf.list_distributions(MaxItems="2")["DistributionList"]
    assert (first["Quantity"], first["IsTruncated"], first["MaxItems"]) == (2, True, 2)
    rest = cf.list_distributions(Marker=first["NextMarker"], MaxItems="2")["DistributionList"]
    assert (rest["Quantity"], rest["IsTruncated"]) == (1, False)
    assert "NextMarker" not in rest
    ids = [i["Id"] for i in first["Items"] + rest["Items"]]
    assert len(set(ids)) == 3
    with pytest.raises(cf.exceptions.InvalidArgument):
        cf.list_distributions(MaxItems="many")


def test_an_alias_belongs_to_one_distribution(cf: Any, config: dict[str, Any]) -> None:
    config["Aliases"] = {"Quantity": 1, "Items": ["www.example.com"]}
    made = cf.create_distribution(DistributionConfig=config)
    other = copy.deepcopy(config)
    other["CallerReference"] = "ref-2"
    other["Aliases"] = {"Quantity": 1, "Items": ["WWW.example.com"]}
    with pytest.raises(cf.exceptions.CNAMEAlreadyExists):
        cf.create_distribution(DistributionConfig=other)
    dist_id = made["Distribution"]["Id"]
    cf.update_distribution(Id=dist_id, DistributionConfig=config, IfMatch=made["ETag"])  # itself
    other["Aliases"] = {"Quantity": 1, "Items": ["static.example.com"]}
    cf.create_distribution(DistributionConfig=other)
