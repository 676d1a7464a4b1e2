"""S3 over HTTP: the endpoint (``Server``) with boto3 at ``endpoint_url``, presigned URLs
fetched with ``requests``, addressing by Host, signatures, CORS preflights and streams."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from pyserverless.adapters import Dispatcher, Server

KEYS = {"testing": "testing"}


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(), seed=5) as c:
        yield c


@pytest.fixture
def server(cloud: Cloud) -> Iterator[Server]:
    with Server(cloud, dispatcher=Dispatcher(cloud, credentials=KEYS)) as srv:
        yield srv


def _client(server: Server, secret: str = "testing", **config: Any) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key=secret,
        config=Config(**config) if config else None,
    )


@pytest.fixture
def s3(server: Server) -> Any:
    client = _client(server)
    client.create_bucket(Bucket="web")
    client.put_object(Bucket="web", Key="a b+c.txt", Body=b"hello")
    return client


class TestPresigned:
    @pytest.mark.parametrize("version", ["s3v4", None])
    def test_get_and_put(self, s3: Any, server: Server, version: str | None) -> None:
        """Presigned GET and PUT URLs (SigV4, and boto3's default SigV2) work with requests."""
        signer = _client(server, signature_version=version) if version else s3
        url = signer.generate_presigned_url(
            "get_object", Params={"Bucket": "web", "Key": "a b+c.txt"}, ExpiresIn=60
        )
        got = requests.get(url, timeout=10)
        assert (got.status_code, got.content) == (200, b"hello")
        url = signer.generate_presigned_url(
            "put_object", Params={"Bucket": "web", "Key": "up.txt"}, ExpiresIn=60
        )
        assert requests.put(url, data=b"uploaded", timeout=10).status_code == 200
        assert s3.get_object(Bucket="web", Key="up.txt")["Body"].read() == b"uploaded"

    def test_presigned_put_above_json_body_limit(self, s3: Any, server: Server) -> None:
        """A presigned PUT (no S3 Host, no Authorization header) is S3's by its path, so
        S3's 5 GiB limit applies, not the 16 MiB of AWS JSON requests."""
        url = s3.generate_presigned_url("put_object", Params={"Bucket": "web", "Key": "big"})
        data = os.urandom(16 * 1024 * 1024 + 1)
        assert requests.put(url, data=data, timeout=60).status_code == 200
        assert s3.head_object(Bucket="web", Key="big")["ContentLength"] == len(data)

    def test_tampered_signature(self, s3: Any, server: Server) -> None:
        signer = _client(server, signature_version="s3v4")
        url = signer.generate_presigned_url("get_object", Params={"Bucket": "web", "Key": "x"})
        bad = requests.get(url.replace("X-Amz-Signature=", "X-Amz-Signature=0"), timeout=10)
        assert bad.status_code == 403 and b"<Code>SignatureDoesNotMatch</Code>" in bad.content

    def test_expiry_by_the_clouds_clock(self, s3: Any, server: Server, cloud: Cloud) -> None:
        """Valid through the last second of X-Amz-Expires; expired one second later."""
        signer = _client(server, signature_version="s3v4")
        url = signer.generate_presigned_url(
            "get_object", Params={"Bucket": "web", "Key": "a b+c.txt"}, ExpiresIn=100
        )
        stamp = parse_qs(urlsplit(url).query)["X-Amz-Date"][0]
        signed = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        cloud.clock.set(signed + timedelta(seconds=100))  # type: ignore[attr-defined]
        assert requests.get(url, timeout=10).status_code == 200
        cloud.advance(1)
        late = requests.get(url, timeout=10)
        assert late.status_code == 403
        assert b"<Code>AccessDenied</Code><Message>Request has expired</Message>" in late.content
        assert b"<X-Amz-Expires>100</X-Amz-Expires>" in late.content

    def test_expiry_longer_than_a_week(self, s3: Any, server: Server) -> None:
        signer = _client(server, signature_version="s3v4")
        url = signer.generate_presigned_url(
            "get_object", Params={"Bucket": "web", "Key": "a b+c.txt"}, ExpiresIn=604800
        )
        assert requests.get(url, timeout=10).status_code == 200
        too_long = url.replace("X-Amz-Expires=604800", "X-Amz-Expires=604801")
        answer = requests.get(too_long, timeout=10)
        assert answer.status_code == 400
        assert b"AuthorizationQueryParametersError" in answer.content

    def test_sigv2_expiry(self, s3: Any, server: Server, cloud: Cloud) -> None:
        url = s3.generate_presigned_url(
            "get_object", Params={"Bucket": "web", "Key": "a b+c.txt"}, ExpiresIn=50
        )
        expires = int(parse_qs(urlsplit(url).query)["Expires"][0])
        cloud.clock.set(expires)  # type: ignore[attr-defined]
        assert requests.get(url, timeout=10).status_code == 200
        cloud.advance(1)
        assert b"Request has expired" in requests.get(url, timeout=10).content


class TestSignedRequests:
    def test_wrong_secret_and_unknown_key(self, s3: Any, server: Server) -> None:
        with pytest.raises(ClientError) as exc:
            _client(server, secret="wrong").list_buckets()
        assert exc.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
        stranger = boto3.client(
            "s3",
            endpoint_url=server.url,
            region_name="us-east-1",
            aws_access_key_id="nobody",
            aws_secret_access_key="x",
        )
        with pytest.raises(ClientError) as exc:
            stranger.list_buckets()
        assert exc.value.response["Error"]["Code"] == "InvalidAccessKeyId"

    def test_payload_hash_checked(self, s3: Any, server: Server) -> None:
        """A signed request whose body is not the one its x-amz-content-sha256 names."""
        from pyserverless.adapters._sigv4 import sign

        url = f"{server.url}/web/h.txt"
        good = sign(
            "PUT", url, {"x-amz-content-sha256": hashlib.sha256(b"one").hexdigest()},
            b"one", "testing", "testing", service="s3",
        )  # fmt: skip
        assert requests.put(url, data=b"one", headers=good, timeout=10).status_code == 200
        swapped = requests.put(url, data=b"two", headers=good, timeout=10)
        assert swapped.status_code == 400
        assert b"<Code>XAmzContentSHA256Mismatch</Code>" in swapped.content
        assert s3.get_object(Bucket="web", Key="h.txt")["Body"].read() == b"one"

    def test_unsigned_is_access_denied(self, s3: Any, server: Server) -> None:
        answer = requests.get(f"{server.url}/web/a%20b%2Bc.txt", timeout=10)
        assert answer.status_code == 403 and b"<Code>AccessDenied</Code>" in answer.content
        assert answer.headers["x-amz-request-id"]


class TestAddressing:
    def test_virtual_hosted_by_host_header(self, s3: Any, server: Server) -> None:
        """``bucket.localhost:PORT`` names the bucket (SigV2 presigned, signed over the path)."""
        url = s3.generate_presigned_url("get_object", Params={"Bucket": "web", "Key": "a b+c.txt"})
        query = urlsplit(url).query
        unsigned = Dispatcher(server.cloud)  # a door without signature checks
        with Server(server.cloud, dispatcher=unsigned) as open_door:
            for host in (f"web.localhost:{open_door.port}", f"web.s3.localhost:{open_door.port}"):
                got = requests.get(
                    f"{open_door.url}/a%20b%2Bc.txt?{query}", headers={"Host": host}, timeout=10
                )
                assert (got.status_code, got.content) == (200, b"hello"), host

    def test_virtual_hosted_sigv2_is_verified_over_bucket_and_key(
        self, s3: Any, server: Server
    ) -> None:
        """A SigV2 presigned URL signs ``/bucket/key``: sent virtual-hosted, it verifies."""
        url = s3.generate_presigned_url("get_object", Params={"Bucket": "web", "Key": "a b+c.txt"})
        query = urlsplit(url).query
        host = {"Host": f"web.localhost:{server.port}"}
        got = requests.get(f"{server.url}/a%20b%2Bc.txt?{query}", headers=host, timeout=10)
        assert (got.status_code, got.content) == (200, b"hello")
        other = requests.get(f"{server.url}/other?{query}", headers=host, timeout=10)
        assert other.status_code == 403 and b"SignatureDoesNotMatch" in other.content

    def test_keys_decoded_once(self, s3: Any) -> None:
        """``%`` and ``+`` in keys survive: the path is URL-decoded exactly once."""
        for key in ("100%", "a+b", "x/%2F/y", "sp ace", "\u00e9t\u00e9"):
            s3.put_object(Bucket="web", Key=key, Body=key.encode())
            assert s3.get_object(Bucket="web", Key=key)["Body"].read() == key.encode()


class TestCors:
    def test_preflight_from_bucket_rules(self, s3: Any, server: Server) -> None:
        ask = {"Origin": "https://app.example", "Access-Control-Request-Method": "PUT"}
        refused = requests.options(f"{server.url}/web/k", headers=ask, timeout=10)
        assert refused.status_code == 403 and b"CORS is not enabled" in refused.content
        s3.put_bucket_cors(
            Bucket="web",
            CORSConfiguration={
                "CORSRules": [
                    {
                        "AllowedMethods": ["PUT"],
                        "AllowedOrigins": ["https://app.example"],
                        "MaxAgeSeconds": 60,
                    }
                ]
            },
        )
        allowed = requests.options(f"{server.url}/web/k", headers=ask, timeout=10)
        assert allowed.status_code == 200
        assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example"
        assert allowed.headers["Access-Control-Max-Age"] == "60"
        other = {**ask, "Origin": "https://evil.example"}
        assert requests.options(f"{server.url}/web/k", headers=other, timeout=10).status_code == 403


class TestHeaders:
    def test_metadata_that_is_not_ascii(self, s3: Any, server: Server, cloud: Cloud) -> None:
        """A value HTTP headers cannot carry goes out as S3 sends it, an RFC 2047 word."""
        cloud.s3.bucket("web").put("jp", b"x", city="\u6771\u4eac")
        got = requests.get(
            s3.generate_presigned_url("get_object", Params={"Bucket": "web", "Key": "jp"}),
            timeout=10,
        )
        assert got.status_code == 200
        assert got.headers["x-amz-meta-city"] == "=?UTF-8?B?5p2x5Lqs?="


class TestStreams:
    def test_large_get_streams_over_http(self, s3: Any, server: Server) -> None:
        data = os.urandom(3 * 1024 * 1024 + 17)
        s3.put_object(Bucket="web", Key="big", Body=data)
        got = s3.get_object(Bucket="web", Key="big")
        assert got["ContentLength"] == len(data)
        assert b"".join(got["Body"].iter_chunks(65536)) == data
        part = s3.get_object(Bucket="web", Key="big", Range="bytes=1048576-1048585")
        assert part["Body"].read() == data[1048576:1048586]

    def test_head_has_no_body(self, s3: Any, server: Server) -> None:
        head = s3.head_object(Bucket="web", Key="a b+c.txt")
        assert head["ContentLength"] == 5
        with pytest.raises(ClientError) as exc:
            s3.head_object(Bucket="web", Key="none")
        assert exc.value.response["Error"]["Code"] == "404"
