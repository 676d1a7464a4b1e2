"""Object and bucket tags (with their limits) and CORS (with the preflight answer)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud


def _err(exc: Any) -> dict[str, Any]:
    return dict(exc.value.response["Error"])


def _tags(n: int) -> dict[str, Any]:
    return {"TagSet": [{"Key": f"k{i}", "Value": "v"} for i in range(n)]}


class TestObjectTags:
    def test_round_trip_and_delete(self, s3: Any, bucket: str) -> None:
        """Put, get and delete an object's tags."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"")
        s3.put_object_tagging(Bucket=bucket, Key="k", Tagging=_tags(2))
        assert s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"] == _tags(2)["TagSet"]
        s3.delete_object_tagging(Bucket=bucket, Key="k")
        assert s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"] == []

    def test_count_limit_both_sides(self, s3: Any, bucket: str) -> None:
        """10 tags fit; 11 is BadRequest (AWS's code for PutObjectTagging, moto's
        aws_verified test_put_object_tagging) and leaves the tags as they were."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"")
        s3.put_object_tagging(Bucket=bucket, Key="k", Tagging=_tags(10))
        with pytest.raises(ClientError) as exc:
            s3.put_object_tagging(Bucket=bucket, Key="k", Tagging=_tags(11))
        assert _err(exc) == {
            "Code": "BadRequest",
            "Message": "Object tags cannot be greater than 10",
        }
        assert len(s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"]) == 10

    def test_key_and_value_lengths(self, s3: Any, bucket: str) -> None:
        """Keys of 128 and values of 256 characters fit; one more is InvalidTag."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"")
        s3.put_object_tagging(
            Bucket=bucket, Key="k", Tagging={"TagSet": [{"Key": "a" * 128, "Value": "b" * 256}]}
        )
        for tag in ({"Key": "a" * 129, "Value": ""}, {"Key": "a", "Value": "b" * 257}):
            with pytest.raises(ClientError) as exc:
                s3.put_object_tagging(Bucket=bucket, Key="k", Tagging={"TagSet": [tag]})
            assert _err(exc)["Code"] == "InvalidTag"

    def test_duplicate_keys(self, s3: Any, bucket: str) -> None:
        """The same key twice is InvalidTag."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"")
        dup = {"TagSet": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]}
        with pytest.raises(ClientError) as exc:
            s3.put_object_tagging(Bucket=bucket, Key="k", Tagging=dup)
        assert _err(exc)["Message"] == "Cannot provide multiple Tags with the same key"


class TestBucketTags:
    def test_round_trip_and_no_such_tag_set(self, s3: Any, bucket: str) -> None:
        """No tags: NoSuchTagSet; put then get; delete (204) then NoSuchTagSet again."""
        with pytest.raises(ClientError) as exc:
            s3.get_bucket_tagging(Bucket=bucket)
        assert _err(exc)["Code"] == "NoSuchTagSet"
        s3.put_bucket_tagging(Bucket=bucket, Tagging=_tags(50))
        assert len(s3.get_bucket_tagging(Bucket=bucket)["TagSet"]) == 50
        with pytest.raises(ClientError):
            s3.put_bucket_tagging(Bucket=bucket, Tagging=_tags(51))
        assert s3.delete_bucket_tagging(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 204
        with pytest.raises(ClientError):
            s3.get_bucket_tagging(Bucket=bucket)


RULES = {
    "CORSRules": [
        {
            "AllowedOrigins": ["https://*.example.com"],
            "AllowedMethods": ["GET", "PUT"],
            "AllowedHeaders": ["x-amz-*", "content-type"],
            "ExposeHeaders": ["ETag"],
            "MaxAgeSeconds": 300,
        }
    ]
}


class TestCors:
    def test_round_trip(self, s3: Any, bucket: str) -> None:
        """Rules come back as saved; deleted rules are NoSuchCORSConfiguration."""
        with pytest.raises(ClientError) as exc:
            s3.get_bucket_cors(Bucket=bucket)
        assert _err(exc)["Code"] == "NoSuchCORSConfiguration"
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration=RULES)
        assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"] == RULES["CORSRules"]
        s3.delete_bucket_cors(Bucket=bucket)
        with pytest.raises(ClientError):
            s3.get_bucket_cors(Bucket=bucket)

    def test_bad_rules(self, s3: Any, bucket: str) -> None:
        """An unsupported method or two wildcards in an origin are InvalidRequest."""
        bad = {"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["PATCH"]}]}
        with pytest.raises(ClientError) as exc:
            s3.put_bucket_cors(Bucket=bucket, CORSConfiguration=bad)
        assert _err(exc)["Message"] == (
            "Found unsupported HTTP method in CORS config. Unsupported method is PATCH"
        )
        bad = {"CORSRules": [{"AllowedOrigins": ["https://*.*.com"], "AllowedMethods": ["GET"]}]}
        with pytest.raises(ClientError):
            s3.put_bucket_cors(Bucket=bucket, CORSConfiguration=bad)

    def test_preflight(self, cloud: Cloud, s3: Any, bucket: str) -> None:
        """The engine answers a preflight by the rules: headers, or AccessForbidden (403)."""
        engine = cloud.engine("s3")
        with pytest.raises(ClientError) as exc:
            engine.cors_preflight(bucket, "https://a.example.com", "GET")
        assert (
            exc.value.response["Error"]["Message"]
            == "CORSResponse: CORS is not enabled for this bucket."
        )
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration=RULES)
        ok = engine.cors_preflight(
            bucket, "https://a.example.com", "PUT", ["Content-Type", "X-Amz-Date"]
        )
        assert ok["Access-Control-Allow-Origin"] == "https://a.example.com"
        assert ok["Access-Control-Allow-Methods"] == "GET, PUT"
        assert ok["Access-Control-Allow-Headers"] == "content-type, x-amz-date"
        assert ok["Access-Control-Max-Age"] == "300"
        for origin, method, headers in (
            ("https://evil.com", "GET", []),
            ("https://a.example.com", "DELETE", []),
            ("https://a.example.com", "GET", ["authorization"]),
        ):
            with pytest.raises(ClientError) as exc:
                engine.cors_preflight(bucket, origin, method, headers)
            assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_cors_rule_count_both_sides(s3: Any, bucket: str) -> None:
    """100 CORS rules are accepted; 101 is MalformedXML."""
    rule = {"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [rule] * 100})
    with pytest.raises(ClientError) as exc:
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [rule] * 101})
    assert _err(exc)["Code"] == "MalformedXML"
    assert len(s3.get_bucket_cors(Bucket=bucket)["CORSRules"]) == 100
