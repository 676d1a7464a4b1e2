"""Requests AWS's model forbids are refused with AWS's answer (found by the totality fuzz)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.lambda_ import (
    InvalidRequestContentException,
    ResourceNotFoundException,
    ValidationException,
)

from .conftest import ROLE, make_zip

CODE = make_zip({"index.py": "def handler(event, context):\n    return event\n"})


def _function(cloud: Cloud) -> Any:
    client = cloud.client("lambda")
    client.create_function(
        FunctionName="fn", Runtime="python3.12", Handler="index.handler", Role=ROLE,
        Code={"ZipFile": CODE},
    )  # fmt: skip
    return client


class TestConstraintLayer:
    """Enum, maximum and pattern members the engine does not read are checked first."""

    @pytest.mark.parametrize(
        ("operation", "params", "where", "why"),
        [
            (
                "publish_version",
                {"FunctionName": "fn", "PublishTo": "$LATEST"},
                "'$LATEST' at 'publishTo'",
                "Member must satisfy enum value set: [LATEST_PUBLISHED]",
            ),
            (
                "list_layers",
                {"MaxItems": 51},
                "'51' at 'maxItems'",
                "Member must have value less than or equal to 50",
            ),
            (
                "list_layer_versions",
                {"LayerName": "units", "MaxItems": 51},
                "'51' at 'maxItems'",
                "Member must have value less than or equal to 50",
            ),
            (
                "delete_alias",
                {"FunctionName": "fn", "Name": "1"},
                "'1' at 'name'",
                "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
            ),
            (
                "list_aliases",
                {"FunctionName": "fn", "FunctionVersion": "fn"},
                "'fn' at 'functionVersion'",
                "Member must satisfy regular expression pattern",
            ),
            (
                "list_functions",
                {"MasterRegion": "fn"},
                "'fn' at 'masterRegion'",
                "Member must satisfy regular expression pattern",
            ),
        ],
    )
    def test_refused_with_the_validation_envelope(
        self, lam: Cloud, operation: str, params: dict[str, Any], where: str, why: str
    ) -> None:
        """Each breaks the model: AWS's one-error envelope, nothing changes."""
        client = _function(lam)
        before = client.list_versions_by_function(FunctionName="fn")["Versions"]
        with pytest.raises(ValidationException) as err:
            getattr(client, operation)(**params)
        text = str(err.value)
        assert "1 validation error detected: Value " + where in text
        assert why in text
        assert client.list_versions_by_function(FunctionName="fn")["Versions"] == before

    def test_the_limits_themselves_pass(self, lam: Cloud) -> None:
        """At the model's bounds the same operations answer."""
        client = _function(lam)
        assert client.list_layers(MaxItems=50)["Layers"] == []
        assert client.list_aliases(FunctionName="fn", FunctionVersion="$LATEST")["Aliases"] == []
        assert client.list_functions(MasterRegion="ALL")["Functions"][0]["FunctionName"] == "fn"
        client.delete_alias(FunctionName="fn", Name="a1")


class TestNewerNamePatterns:
    """FunctionName follows botocore's current pattern (the eusc- partition)."""

    def test_eusc_region_arn_is_a_name(self, lam: Cloud) -> None:
        """A European Sovereign Cloud ARN parses (then is not found in this region)."""
        client = _function(lam)
        arn = "arn:aws-eusc:lambda:eusc-de-east-1:123456789012:function:other"
        with pytest.raises(ResourceNotFoundException):
            client.get_function_configuration(FunctionName=arn)


class TestClientContext:
    """A lone surrogate in ClientContext is AWS's invalid-context error, never a crash."""

    def test_lone_surrogate(self, lam: Cloud) -> None:
        """Not Base64 of JSON: InvalidRequestContentException."""
        client = _function(lam)
        with pytest.raises(InvalidRequestContentException, match="Client context must be"):
            client.invoke(FunctionName="fn", ClientContext="a\ud800")

    def test_valid_context_still_reaches_the_handler(self, lam: Cloud) -> None:
        """The other side: a Base64 JSON object is accepted."""
        client = _function(lam)
        context = base64.b64encode(b'{"custom": {"k": 1}}').decode()
        resp = client.invoke(FunctionName="fn", ClientContext=context, Payload=b"1")
        assert resp["StatusCode"] == 200
