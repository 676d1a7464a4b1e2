"""Buckets: CreateBucket's naming and Region rules, HeadBucket, DeleteBucket, ListBuckets,
GetBucketLocation."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from pyserverless import Cloud, ManualClock


def _err(exc: Any) -> dict[str, Any]:
    return dict(exc.value.response["Error"])


class TestCreateBucket:
    def test_creates_in_us_east_1_without_configuration(self, s3: Any) -> None:
        """us-east-1 needs no LocationConstraint; Location is "/name"."""
        assert s3.create_bucket(Bucket="photos")["Location"] == "/photos"
        assert s3.get_bucket_location(Bucket="photos")["LocationConstraint"] is None

    @pytest.mark.parametrize("name", ["abc", "a" * 63, "my.bucket-1", "1bucket"])
    def test_valid_names(self, s3: Any, name: str) -> None:
        """Names of 3 to 63 lowercase letters, digits, dots and hyphens are accepted."""
        s3.create_bucket(Bucket=name)
        s3.head_bucket(Bucket=name)

    @pytest.mark.parametrize(
        "name",
        [
            "ab",
            "a" * 64,
            "-abc",
            "abc-",
            "a..b",
            "a.-b",
            "192.168.1.1",
            "xn--abc",
            "abc-s3alias",
            "sthree-abc",
            "abc--ol-s3",
            "ab_c",
        ],
    )
    def test_invalid_names(self, s3: Any, name: str) -> None:
        """S3's naming rules refuse with InvalidBucketName, naming the bucket."""
        with pytest.raises(ClientError) as exc:
            s3.create_bucket(Bucket=name)
        assert _err(exc) == {
            "Code": "InvalidBucketName",
            "Message": "The specified bucket is not valid.",
            "BucketName": name,
        }
        assert s3.list_buckets()["Buckets"] == []

    def test_botocore_refuses_characters_before_sending(self, s3: Any) -> None:
        """Upper case passes botocore's client check; a slash does not (ParamValidationError)."""
        with pytest.raises(ParamValidationError, match="Invalid bucket name"):
            s3.create_bucket(Bucket="a/b")
        with pytest.raises(s3.exceptions.InvalidBucketName):
            s3.create_bucket(Bucket="Photos")

    def test_us_east_1_answers_200_for_its_own_bucket(self, s3: Any) -> None:
        """Creating a bucket you own again in us-east-1 succeeds (AWS's legacy answer)."""
        s3.create_bucket(Bucket="photos")
        assert s3.create_bucket(Bucket="photos")["ResponseMetadata"]["HTTPStatusCode"] == 200

    def test_other_regions_answer_already_owned(self, cloud: Cloud) -> None:
        """Elsewhere, and from another Region, it is BucketAlreadyOwnedByYou (409)."""
        eu = cloud.client("s3", "eu-west-1")
        cfg = {"LocationConstraint": "eu-west-1"}
        eu.create_bucket(Bucket="photos", CreateBucketConfiguration=cfg)
        with pytest.raises(eu.exceptions.BucketAlreadyOwnedByYou) as exc:
            eu.create_bucket(Bucket="photos", CreateBucketConfiguration=cfg)
        assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
        assert _err(exc)["BucketName"] == "photos"
        with pytest.raises(ClientError) as exc:
            cloud.client("s3").create_bucket(Bucket="photos")
        assert _err(exc)["Code"] == "BucketAlreadyOwnedByYou"

    def test_location_constraint_rules(self, cloud: Cloud) -> None:
        """Outside us-east-1 the constraint is needed and must name the endpoint's Region."""
        eu = cloud.client("s3", "eu-west-1")
        with pytest.raises(ClientError) as exc:
            eu.create_bucket(Bucket="bkt1")
        assert _err(exc) == {
            "Code": "IllegalLocationConstraintException",
            "Message": "The unspecified location constraint is incompatible for the region "
            "specific endpoint this request was sent to.",
        }
        with pytest.raises(ClientError) as exc:
            eu.create_bucket(
                Bucket="bkt1", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
            )
        assert _err(exc)["Message"].startswith(
            "The eu-central-1 location constraint is incompatible"
        )
        with pytest.raises(ClientError) as exc:
            cloud.client("s3").create_bucket(
                Bucket="bkt1", CreateBucketConfiguration={"LocationConstraint": "us-east-1"}
            )
        assert _err(exc)["Code"] == "InvalidLocationConstraint"
        eu.create_bucket(
            Bucket="bkt1", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        assert eu.get_bucket_location(Bucket="bkt1")["LocationConstraint"] == "eu-west-1"

    def test_bucket_quota(self) -> None:
        """The account's bucket quota: the last one fits, the next is TooManyBuckets."""
        cloud = Cloud(clock=ManualClock(), limits={"s3": {"max_buckets": 2}})
        s3 = cloud.client("s3")
        s3.create_bucket(Bucket="one")
        s3.create_bucket(Bucket="two")
        with pytest.raises(s3.exceptions.TooManyBuckets):
            s3.create_bucket(Bucket="three")

    def test_acl_other_than_private_is_refused(self, s3: Any) -> None:
        """Buckets enforce the owner's ownership: a public ACL is refused, private is fine."""
        with pytest.raises(ClientError) as exc:
            s3.create_bucket(Bucket="bkt1", ACL="public-read")
        assert _err(exc)["Code"] == "AccessControlListNotSupported"
        s3.create_bucket(Bucket="bkt1", ACL="private")


def test_us_east_1_creates_in_any_region(cloud: Cloud) -> None:
    """boto3's us-east-1 client talks to S3's global endpoint, which creates a bucket in the
    Region its LocationConstraint names."""
    s3 = cloud.client("s3")
    cfg = {"LocationConstraint": "ap-south-1"}
    s3.create_bucket(Bucket="far-away", CreateBucketConfiguration=cfg)
    assert s3.get_bucket_location(Bucket="far-away")["LocationConstraint"] == "ap-south-1"
    assert cloud.engine("s3", "ap-south-1").bucket_region("far-away") == "ap-south-1"
    with pytest.raises(ClientError) as exc:
        s3.create_bucket(Bucket="far-away", CreateBucketConfiguration=cfg)
    assert _err(exc)["Code"] == "BucketAlreadyOwnedByYou"
    with pytest.raises(ClientError) as exc:
        s3.create_bucket(
            Bucket="nowhere", CreateBucketConfiguration={"LocationConstraint": "mars-1"}
        )
    assert _err(exc) == {
        "Code": "InvalidLocationConstraint",
        "Message": "The specified location-constraint is not valid",
        "LocationConstraint": "mars-1",
    }


class TestHeadAndDelete:
    def test_head_missing_is_a_bare_404(self, s3: Any) -> None:
        """HeadBucket has no body: botocore sees code "404", message "Not Found"."""
        with pytest.raises(ClientError) as exc:
            s3.head_bucket(Bucket="nope")
        assert _err(exc) == {"Code": "404", "Message": "Not Found"}

    def test_head_answers_the_region(self, cloud: Cloud) -> None:
        """HeadBucket's BucketRegion names the bucket's Region, whichever client asks."""
        eu = cloud.client("s3", "eu-west-1")
        eu.create_bucket(
            Bucket="bkt1", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        assert cloud.client("s3").head_bucket(Bucket="bkt1")["BucketRegion"] == "eu-west-1"

    def test_head_with_wrong_expected_owner_is_403(self, s3: Any, bucket: str) -> None:
        """ExpectedBucketOwner other than the account: 403."""
        with pytest.raises(ClientError) as exc:
            s3.head_bucket(Bucket=bucket, ExpectedBucketOwner="999999999999")
        assert _err(exc)["Code"] == "403"
        s3.head_bucket(Bucket=bucket, ExpectedBucketOwner="123456789012")

    def test_delete_needs_an_empty_bucket(self, s3: Any, bucket: str) -> None:
        """BucketNotEmpty while an object is there; 204 once empty; then NoSuchBucket."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        with pytest.raises(s3.exceptions.ClientError) as exc:
            s3.delete_bucket(Bucket=bucket)
        assert _err(exc) == {
            "Code": "BucketNotEmpty",
            "Message": "The bucket you tried to delete is not empty",
            "BucketName": bucket,
        }
        s3.delete_object(Bucket=bucket, Key="k")
        assert s3.delete_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 204
        with pytest.raises(s3.exceptions.NoSuchBucket):
            s3.delete_bucket(Bucket=bucket)

    def test_a_delete_marker_keeps_the_bucket_non_empty(self, s3: Any, bucket: str) -> None:
        """Versions and delete markers count as content."""
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        s3.delete_object(Bucket=bucket, Key="k")
        with pytest.raises(ClientError):
            s3.delete_bucket(Bucket=bucket)


class TestListBuckets:
    def test_lists_every_region_by_name(self, cloud: Cloud) -> None:
        """ListBuckets shows the account's buckets of all Regions, with their Region."""
        s3 = cloud.client("s3")
        s3.create_bucket(Bucket="zeta")
        cloud.advance(1)
        cloud.client("s3", "eu-west-1").create_bucket(
            Bucket="alpha", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        out = s3.list_buckets()
        assert [(b["Name"], b["BucketRegion"]) for b in out["Buckets"]] == [
            ("alpha", "eu-west-1"),
            ("zeta", "us-east-1"),
        ]
        assert out["Buckets"][0]["CreationDate"] > out["Buckets"][1]["CreationDate"]
        assert len(out["Owner"]["ID"]) == 64

    def test_pages_with_max_buckets(self, s3: Any) -> None:
        """MaxBuckets pages; the token leads to the rest; Prefix filters."""
        for name in ("b-1", "b-2", "b-3", "c-1"):
            s3.create_bucket(Bucket=name)
        first = s3.list_buckets(MaxBuckets=2)
        assert [b["Name"] for b in first["Buckets"]] == ["b-1", "b-2"]
        rest = s3.list_buckets(MaxBuckets=2, ContinuationToken=first["ContinuationToken"])
        assert [b["Name"] for b in rest["Buckets"]] == ["b-3", "c-1"]
        assert "ContinuationToken" not in rest
        assert [b["Name"] for b in s3.list_buckets(Prefix="c")["Buckets"]] == ["c-1"]

    def test_max_buckets_bounds(self, s3: Any) -> None:
        """MaxBuckets 10000 is accepted, 10001 is InvalidArgument."""
        s3.list_buckets(MaxBuckets=10000)
        with pytest.raises(s3.exceptions.ClientError) as exc:
            s3.list_buckets(MaxBuckets=10001)
        assert _err(exc)["Code"] == "InvalidArgument"
