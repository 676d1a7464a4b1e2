"""Signed URLs and signed cookies: public keys, key groups, and the edge's check.

The oracle is botocore's own ``CloudFrontSigner`` (canned and custom policies), with
keys made by ``cryptography``: pyserverless never signs what it verifies.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from botocore.signers import CloudFrontSigner
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from pyserverless import Cloud

_RSA = rsa.generate_private_key(65537, 2048)
_OTHER = rsa.generate_private_key(65537, 2048)
_EC = ec.generate_private_key(ec.SECP256R1())


def _pem(private: Any) -> str:
    return (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def _rsa_sha1(message: bytes) -> bytes:
    return _RSA.sign(message, padding.PKCS1v15(), hashes.SHA1())


def _code(response: Any) -> str:
    return response.body.decode().split("<Code>")[1].split("</Code>")[0]


class Site:
    """A distribution whose ``/private/*`` behavior trusts one key group."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.cf = cloud.client("cloudfront")
        self.key_id = self.add_key("signer", _pem(_RSA))
        self.group_id = self.cf.create_key_group(
            KeyGroupConfig={"Name": "signers", "Items": [self.key_id]}
        )["KeyGroup"]["Id"]
        cloud.cdn.register_origin("app.internal", lambda req: (200, {}, b"secret"))
        self.dist = cloud.cdn.distribution(
            ["app.internal"],
            [{"path": "/private/*", "trusted_key_groups": [self.group_id]}],
        )
        self.domain = self.dist.domain_name

    def add_key(self, name: str, pem: str) -> str:
        made = self.cf.create_public_key(
            PublicKeyConfig={"CallerReference": name, "Name": name, "EncodedKey": pem}
        )
        key_id: str = made["PublicKey"]["Id"]
        return key_id

    def url(self, path: str) -> str:
        return f"https://{self.domain}{path}"

    def get(self, url: str, **kw: Any) -> Any:
        return self.dist.request("GET", url.split(self.domain, 1)[1], **kw)


@pytest.fixture
def site() -> Site:
    return Site(Cloud.manual())


def _expiry(cloud: Cloud, seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(cloud.clock.time() + seconds, dt.UTC)


def test_canned_url_from_botocore_is_served_until_it_expires(site: Site) -> None:
    signer = CloudFrontSigner(site.key_id, _rsa_sha1)
    url = signer.generate_presigned_url(
        site.url("/private/a.txt?size=large"), date_less_than=_expiry(site.cloud, 60)
    )
    ok = site.get(url)
    assert (ok.status, ok.body) == (200, b"secret")
    site.cloud.advance(59)
    assert site.get(url).status == 200  # the last second before Expires
    site.cloud.advance(1)
    late = site.get(url)
    assert (late.status, _code(late)) == (403, "AccessDenied")
    assert late.header("content-type") == "text/xml"
    assert late.x_cache == "Error from cloudfront"


def test_unsigned_requests_are_refused_only_on_the_restricted_behavior(site: Site) -> None:
    refused = site.get(site.url("/private/a.txt"))
    assert refused.status == 403
    assert refused.body == (
        b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>MissingKey</Code>'
        b"<Message>Missing Key-Pair-Id query parameter or cookie value</Message></Error>"
    )
    assert site.get(site.url("/public.txt")).status == 200


def test_tampered_url_and_unknown_key_and_bad_encodings(site: Site) -> None:
    signer = CloudFrontSigner(site.key_id, _rsa_sha1)
    url = signer.generate_presigned_url(
        site.url("/private/a.txt"), date_less_than=_expiry(site.cloud, 60)
    )
    assert site.get(url.replace("/a.txt", "/b.txt")).status == 403  # another file
    assert _code(site.get(url.replace("/a.txt", "/b.txt"))) == "AccessDenied"
    stranger = CloudFrontSigner("KUNKNOWN000000", _rsa_sha1)
    unknown = stranger.generate_presigned_url(
        site.url("/private/a.txt"), date_less_than=_expiry(site.cloud, 60)
    )
    assert _code(site.get(unknown)) == "InvalidKey"
    bad_signature = url.replace("Signature=", "Signature=%25%25")
    assert _code(site.get(bad_signature)) == "MalformedSignature"
    policy = base64.b64encode(b"{not json").decode().replace("=", "_")
    forged = (
        f"{site.url('/private/a.txt')}?Policy={policy}&Signature=AAAA&Key-Pair-Id={site.key_id}"
    )
    assert _code(site.get(forged)) == "MalformedPolicy"


def test_a_key_outside_the_trusted_groups_is_unknown(site: Site) -> None:
    other = site.add_key("other", _pem(_OTHER))
    signer = CloudFrontSigner(other, lambda m: _OTHER.sign(m, padding.PKCS1v15(), hashes.SHA1()))
    url = signer.generate_presigned_url(
        site.url("/private/a.txt"), date_less_than=_expiry(site.cloud, 60)
    )
    assert _code(site.get(url)) == "InvalidKey"
    site.cf.update_key_group(
        Id=site.group_id,
        IfMatch=site.cf.get_key_group(Id=site.group_id)["ETag"],
        KeyGroupConfig={"Name": "signers", "Items": [site.key_id, other]},
    )
    assert site.get(url).status == 200  # trusted as soon as the group holds it


def test_custom_policy_wildcard_start_time_and_ip(site: Site) -> None:
    signer = CloudFrontSigner(site.key_id, _rsa_sha1)
    policy = signer.build_policy(
        site.url("/private/*"),
        date_less_than=_expiry(site.cloud, 600),
        date_greater_than=_expiry(site.cloud, 10),
        ip_address="192.0.2.0/24",
    )
    url = signer.generate_presigned_url(site.url("/private/x/y.txt"), policy=policy)
    inside = {"viewer_ip": "192.0.2.7"}
    assert _code(site.get(url, **inside)) == "AccessDenied"  # not yet valid
    site.cloud.advance(11)
    assert site.get(url, **inside).status == 200
    assert site.get(url, viewer_ip="198.51.100.1").status == 403  # outside the range
    site.cloud.advance(600)
    assert site.get(url, **inside).status == 403


def test_signed_cookies_with_a_custom_policy(site: Site) -> None:
    signer = CloudFrontSigner(site.key_id, _rsa_sha1)
    policy = signer.build_policy(site.url("/private/*"), date_less_than=_expiry(site.cloud, 60))
    encoded = base64.b64encode(policy.encode()).decode()
    safe = encoded.replace("+", "-").replace("=", "_").replace("/", "~")
    signature = base64.b64encode(_rsa_sha1(policy.encode())).decode()
    signature = signature.replace("+", "-").replace("=", "_").replace("/", "~")
    cookie = (
        f"CloudFront-Policy={safe}; CloudFront-Signature={signature}; "
        f"CloudFront-Key-Pair-Id={site.key_id}"
    )
    ok = site.get(site.url("/private/a.txt"), headers={"Cookie": cookie})
    assert (ok.status, ok.body) == (200, b"secret")
    wrong = cookie.replace(site.key_id, "KNOPE")
    assert _code(site.get(site.url("/private/a.txt"), headers={"Cookie": wrong})) == "InvalidKey"


def test_sha256_and_ecdsa_keys(site: Site) -> None:
    ec_key = site.add_key("ec", _pem(_EC))
    site.cf.update_key_group(
        Id=site.group_id,
        IfMatch=site.cf.get_key_group(Id=site.group_id)["ETag"],
        KeyGroupConfig={"Name": "signers", "Items": [site.key_id, ec_key]},
    )
    expires = int(site.cloud.clock.time()) + 60
    base = site.url("/private/a.txt")
    statement = {"Resource": base, "Condition": {"DateLessThan": {"AWS:EpochTime": expires}}}
    canned = json.dumps({"Statement": [statement]}, separators=(",", ":")).encode()

    def safe(raw: bytes) -> str:
        return base64.b64encode(raw).decode().translate(str.maketrans("+=/", "-_~"))

    rsa256 = safe(_RSA.sign(canned, padding.PKCS1v15(), hashes.SHA256()))
    url = f"{base}?Expires={expires}&Signature={rsa256}&Key-Pair-Id={site.key_id}"
    assert site.get(url).status == 403  # SHA-256 signature read as SHA-1
    assert site.get(url + "&Hash-Algorithm=SHA256").status == 200
    ecdsa = safe(_EC.sign(canned, ec.ECDSA(hashes.SHA256())))
    ec_url = f"{base}?Expires={expires}&Signature={ecdsa}&Key-Pair-Id={ec_key}"
    assert site.get(ec_url + "&Hash-Algorithm=SHA256").status == 200
    assert site.get(ec_url).status == 403  # read as ECDSA with SHA-1


def test_public_key_and_key_group_rules(site: Site) -> None:
    cf = site.cf
    with pytest.raises(ClientError) as bad:
        site.add_key("short", _pem(rsa.generate_private_key(65537, 1024)))
    assert bad.value.response["Error"]["Code"] == "InvalidArgument"
    with pytest.raises(ClientError) as dup:
        site.add_key("signer", _pem(_OTHER))
    assert dup.value.response["Error"]["Code"] == "PublicKeyAlreadyExists"
    key = cf.get_public_key(Id=site.key_id)
    config = dict(key["PublicKey"]["PublicKeyConfig"], Comment="rotated")
    cf.update_public_key(Id=site.key_id, IfMatch=key["ETag"], PublicKeyConfig=config)
    etag = cf.get_public_key(Id=site.key_id)["ETag"]
    with pytest.raises(ClientError) as immutable:
        cf.update_public_key(
            Id=site.key_id, IfMatch=etag, PublicKeyConfig=dict(config, Name="renamed")
        )
    assert immutable.value.response["Error"]["Code"] == "CannotChangeImmutablePublicKeyFields"
    with pytest.raises(ClientError) as used:
        cf.delete_public_key(Id=site.key_id, IfMatch=etag)
    assert used.value.response["Error"]["Code"] == "PublicKeyInUse"
    group_etag = cf.get_key_group(Id=site.group_id)["ETag"]
    with pytest.raises(ClientError) as in_use:
        cf.delete_key_group(Id=site.group_id, IfMatch=group_etag)
    assert in_use.value.response["Error"]["Code"] == "ResourceInUse"
    active = site.dist.describe()["ActiveTrustedKeyGroups"]
    assert active == {
        "Enabled": True,
        "Quantity": 1,
        "Items": [
            {"KeyGroupId": site.group_id, "KeyPairIds": {"Quantity": 1, "Items": [site.key_id]}}
        ],
    }


def test_limits_five_keys_per_group_and_ten_keys(site: Site) -> None:
    keys = [site.key_id] + [
        site.add_key(f"k{n}", _pem(rsa.generate_private_key(65537, 2048))) for n in range(5)
    ]
    site.cf.create_key_group(KeyGroupConfig={"Name": "five", "Items": keys[:5]})
    with pytest.raises(ClientError) as six:
        site.cf.create_key_group(KeyGroupConfig={"Name": "six", "Items": keys[:6]})
    assert six.value.response["Error"]["Code"] == "TooManyPublicKeysInKeyGroup"
    for n in range(4):  # 6 keys so far: the 10th is accepted, the 11th refused
        site.add_key(f"more{n}", _pem(_OTHER))
    with pytest.raises(ClientError) as eleven:
        site.add_key("eleventh", _pem(_OTHER))
    assert eleven.value.response["Error"]["Code"] == "TooManyPublicKeys"
    assert len(site.cf.list_public_keys()["PublicKeyList"]["Items"]) == 10


def test_behavior_naming_a_missing_key_group_is_refused(site: Site) -> None:
    with pytest.raises(ClientError) as missing:
        site.cloud.cdn.distribution(
            ["app.internal"], [{"path": "/x/*", "trusted_key_groups": ["no-such-group"]}]
        )
    assert missing.value.response["Error"]["Code"] == "TrustedKeyGroupDoesNotExist"
    assert len(site.cf.list_distributions()["DistributionList"]["Items"]) == 1


def test_keys_over_the_wire_and_the_signed_url_over_serve() -> None:
    """boto3 through ``mock_aws`` (REST-XML both ways), then a signed GET over ``serve``."""
    import boto3
    import requests

    from pyserverless.adapters.bridge import mock_aws
    from pyserverless.adapters.http import Server

    cloud = Cloud.manual()
    with mock_aws(cloud):
        cf = boto3.client(
            "cloudfront", region_name="us-east-1",
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
        )  # fmt: skip
        key = cf.create_public_key(
            PublicKeyConfig={"CallerReference": "w", "Name": "w", "EncodedKey": _pem(_RSA)}
        )["PublicKey"]
        assert key["Id"].startswith("K") and len(key["Id"]) == 14
        group = cf.create_key_group(KeyGroupConfig={"Name": "g", "Items": [key["Id"]]})
        listed = cf.list_key_groups()["KeyGroupList"]
        assert listed["Items"][0]["KeyGroup"]["Id"] == group["KeyGroup"]["Id"]
        with pytest.raises(cf.exceptions.NoSuchPublicKey):
            cf.get_public_key(Id="KNOTTHERE00000")
    cloud.cdn.register_origin("app.internal", lambda req: (200, {}, b"secret"))
    dist = cloud.cdn.distribution(
        ["app.internal"], default={"trusted_key_groups": [group["KeyGroup"]["Id"]]}
    )
    with Server(cloud) as server:
        host = f"{dist.id.lower()}.cloudfront.localhost:{server.port}"
        base = f"{server.url}/doc.txt"
        assert requests.get(base, headers={"Host": host}, timeout=5).status_code == 403
        signer = CloudFrontSigner(key["Id"], _rsa_sha1)
        url = signer.generate_presigned_url(
            f"http://{host}/doc.txt", date_less_than=_expiry(cloud, 60)
        )
        query = url.split("?", 1)[1]
        answer = requests.get(f"{base}?{query}", headers={"Host": host}, timeout=5)
        assert (answer.status_code, answer.content) == (200, b"secret")


def test_list_distributions_by_key_group_and_policies(site: Site) -> None:
    cf = site.cf
    by_group = cf.list_distributions_by_key_group(KeyGroupId=site.group_id)["DistributionIdList"]
    assert (by_group["Quantity"], by_group["Items"]) == (1, [site.dist.id])
    other = cf.create_key_group(KeyGroupConfig={"Name": "idle", "Items": [site.key_id]})
    idle = cf.list_distributions_by_key_group(KeyGroupId=other["KeyGroup"]["Id"])
    assert idle["DistributionIdList"]["Quantity"] == 0
    with pytest.raises(ClientError) as missing:
        cf.list_distributions_by_key_group(KeyGroupId="nope")
    assert missing.value.response["Error"]["Code"] == "NoSuchResource"
    optimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    used = cf.list_distributions_by_cache_policy_id(CachePolicyId=optimized)
    assert used["DistributionIdList"]["Items"] == [site.dist.id]
    with pytest.raises(ClientError) as no_policy:
        cf.list_distributions_by_cache_policy_id(CachePolicyId="no-such-policy")
    assert no_policy.value.response["Error"]["Code"] == "NoSuchCachePolicy"
    direct = cf.list_distributions_by_connection_mode(ConnectionMode="direct")
    assert [d["Id"] for d in direct["DistributionList"]["Items"]] == [site.dist.id]
    tenant = cf.list_distributions_by_connection_mode(ConnectionMode="tenant-only")
    assert tenant["DistributionList"]["Quantity"] == 0
    with pytest.raises(ClientError) as vpc:
        cf.list_distributions_by_vpc_origin_id(VpcOriginId="vo-1")
    assert vpc.value.response["Error"]["Code"] == "EntityNotFound"
