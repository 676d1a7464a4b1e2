"""PublishVersion, qualifiers and aliases with weighted routing."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.lambda_ import (
    InvalidParameterValueException,
    ResourceConflictException,
    ResourceNotFoundException,
)

from .conftest import lambda_role


def versioned(cloud: Cloud):
    fn = cloud.lambda_.create_function("f", handler=lambda e, c: "v1")
    fn.publish_version()
    cloud.engine("lambda").update_function_code("f", handler=lambda e, c: "v2")
    fn.publish_version()
    return fn


class TestPublishVersion:
    def test_versions_are_snapshots(self, lam):
        """Each version keeps the code it was published with; $LATEST moves on."""
        fn = versioned(lam)
        client = lam.client("lambda")
        out = [
            json.loads(client.invoke(FunctionName="f", Qualifier=q)["Payload"].read())
            for q in ("1", "2", "$LATEST")
        ]
        assert out == ["v1", "v2", "v2"]
        assert fn.describe("1").version == "1"
        conf = client.get_function_configuration(FunctionName="f", Qualifier="1")
        assert conf["FunctionArn"].endswith(":function:f:1")

    def test_unchanged_latest_is_not_republished(self, lam):
        """Publishing twice without a change returns the same version."""
        fn = lam.lambda_.create_function("f", handler=lambda e, c: 1)
        client = lam.client("lambda")
        assert client.publish_version(FunctionName="f")["Version"] == "1"
        assert client.publish_version(FunctionName="f")["Version"] == "1"
        fn.update(timeout=5)
        assert client.publish_version(FunctionName="f")["Version"] == "2"

    def test_code_sha_must_match(self, lam):
        """A CodeSha256 that is not $LATEST's is refused."""
        lam.lambda_.create_function("f", handler=lambda e, c: 1)
        with pytest.raises(InvalidParameterValueException, match="is different from current"):
            lam.client("lambda").publish_version(FunctionName="f", CodeSha256="abc")

    def test_missing_version(self, lam):
        """An unknown qualifier is ResourceNotFoundException."""
        lam.lambda_.create_function("f", handler=lambda e, c: 1)
        with pytest.raises(ResourceNotFoundException, match=r"function:f:7"):
            lam.client("lambda").invoke(FunctionName="f", Qualifier="7")

    def test_list_functions_all_versions(self, lam):
        """ListFunctions(FunctionVersion="ALL") lists every published version too."""
        versioned(lam)
        resp = lam.client("lambda").list_functions(FunctionVersion="ALL")
        assert [f["Version"] for f in resp["Functions"]] == ["$LATEST", "1", "2"]
        assert len(lam.client("lambda").list_functions()["Functions"]) == 1

    def test_list_versions(self, lam):
        """ListVersionsByFunction lists $LATEST then each version."""
        versioned(lam)
        resp = lam.client("lambda").list_versions_by_function(FunctionName="f")
        assert [v["Version"] for v in resp["Versions"]] == ["$LATEST", "1", "2"]


class TestAliases:
    def test_create_get_update_delete(self, lam):
        """An alias names a version; duplicates conflict; it can be repointed and deleted."""
        versioned(lam)
        client = lam.client("lambda")
        alias = client.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        assert alias["AliasArn"].endswith(":function:f:live")
        with pytest.raises(ResourceConflictException, match="Alias already exists"):
            client.create_alias(FunctionName="f", Name="live", FunctionVersion="2")
        client.update_alias(FunctionName="f", Name="live", FunctionVersion="2")
        assert client.get_alias(FunctionName="f", Name="live")["FunctionVersion"] == "2"
        assert [a["Name"] for a in client.list_aliases(FunctionName="f")["Aliases"]] == ["live"]
        client.delete_alias(FunctionName="f", Name="live")
        with pytest.raises(ResourceNotFoundException):
            client.get_alias(FunctionName="f", Name="live")

    def test_weighted_routing_is_seeded(self, lam):
        """30% to version 2: about 30% of calls run it, and the same seed repeats exactly."""

        def run(cloud: Cloud) -> list[str]:
            versioned(cloud)
            client = cloud.client("lambda")
            client.create_alias(
                FunctionName="f",
                Name="canary",
                FunctionVersion="1",
                RoutingConfig={"AdditionalVersionWeights": {"2": 0.3}},
            )
            return [
                client.invoke(FunctionName="f", Qualifier="canary")["ExecutedVersion"]
                for _ in range(400)
            ]

        first = run(lam)
        counts = Counter(first)
        assert 80 < counts["2"] < 160
        assert counts["1"] + counts["2"] == 400
        twin = Cloud(clock=ManualClock(), seed=lam.seed)
        lambda_role(twin)
        assert run(twin) == first
        twin.lambda_.close()

    def test_routing_needs_two_published_versions(self, lam):
        """Routing from $LATEST is refused; a missing routed version is not found (AWS's
        answers: localstack's recorded test_notfound_and_invalid_routingconfigs)."""
        versioned(lam)
        client = lam.client("lambda")
        with pytest.raises(InvalidParameterValueException):
            client.create_alias(
                FunctionName="f",
                Name="a",
                FunctionVersion="$LATEST",
                RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}},
            )
        with pytest.raises(ResourceNotFoundException):
            client.create_alias(
                FunctionName="f",
                Name="a",
                FunctionVersion="1",
                RoutingConfig={"AdditionalVersionWeights": {"9": 0.5}},
            )

    def test_version_in_use_cannot_be_deleted(self, lam):
        """A version an alias points at cannot be deleted."""
        versioned(lam)
        client = lam.client("lambda")
        client.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        with pytest.raises(ResourceConflictException):
            client.delete_function(FunctionName="f", Qualifier="1")
        client.delete_function(FunctionName="f", Qualifier="2")
        with pytest.raises(ResourceNotFoundException):
            client.invoke(FunctionName="f", Qualifier="2")
