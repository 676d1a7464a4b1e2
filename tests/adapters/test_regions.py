"""A Cloud serves AWS's Regions and refuses others, at every door, without building engines."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws
from pyserverless._core.regions import AWS_REGIONS


class TestPythonApi:
    def test_known_regions_work(self) -> None:
        """Every listed Region gives a client; us-east-1 and a newer one are listed."""
        cloud = Cloud.manual()
        assert {"us-east-1", "mx-central-1", "ap-southeast-7"} <= AWS_REGIONS
        assert cloud.client("dynamodb", "mx-central-1").meta.region_name == "mx-central-1"

    def test_region_shaped_names_outside_the_list_are_refused(self) -> None:
        """A made-up Region is a ValueError saying what to do, and builds no engine."""
        cloud = Cloud.manual()
        with pytest.raises(ValueError, match=r"'us-moon-1' is not an AWS Region.*Cloud\(regions="):
            cloud.client("dynamodb", "us-moon-1")
        with pytest.raises(ValueError, match="us-moon-1"):
            cloud.engine("dynamodb", "us-moon-1")
        with pytest.raises(ValueError, match="us-moon-1"):
            Cloud(region="us-moon-1")
        assert cloud._engines == {}

    def test_the_list_is_overridable(self) -> None:
        """Cloud(regions=...) serves exactly the Regions given."""
        cloud = Cloud.manual(region="us-moon-1", regions=["us-moon-1", "us-east-1"])
        assert cloud.client("dynamodb").meta.region_name == "us-moon-1"
        with pytest.raises(ValueError, match="eu-west-1"):
            cloud.client("dynamodb", "eu-west-1")
        with pytest.raises(ValueError, match="regions must be names"):
            Cloud(regions=["moon"])


class TestDoors:
    @pytest.mark.parametrize(
        ("service", "call"),
        [
            ("dynamodb", lambda c: c.list_tables()),
            ("cognito-idp", lambda c: c.list_user_pools(MaxResults=1)),
        ],
    )
    def test_bridge_refuses_an_unknown_region(self, service: str, call: Any) -> None:
        """Through boto3, a made-up Region gets InvalidSignatureException and builds no engine."""
        cloud = Cloud.manual()
        with mock_aws(cloud):
            client = boto3.client(service, region_name="us-moon-1")
            with pytest.raises(ClientError) as caught:
                call(client)
        error = caught.value.response["Error"]
        assert error["Code"] == "InvalidSignatureException"
        assert (
            error["Message"] == "Credential should be scoped to a valid region, not 'us-moon-1'. "
        )
        assert not any(region == "us-moon-1" for _, region in cloud._engines)

    def test_many_made_up_regions_build_nothing(self) -> None:
        """A flood of Region-shaped names leaves the Cloud's engines as they were."""
        cloud = Cloud.manual()
        with mock_aws(cloud):
            for n in range(50):
                letters = chr(97 + n // 26) + chr(97 + n % 26)
                client = boto3.client("dynamodb", region_name=f"us-moon{letters}-1")
                with pytest.raises(ClientError):
                    client.list_tables()
        assert len(cloud._engines) <= 1

    def test_a_known_region_still_works_over_the_bridge(self) -> None:
        """eu-west-1 gets its own engine and answers."""
        cloud = Cloud.manual()
        with mock_aws(cloud):
            assert (
                boto3.client("dynamodb", region_name="eu-west-1").list_tables()["TableNames"] == []
            )
        assert ("dynamodb", "eu-west-1") in cloud._engines
