"""Fixtures for issue 21's REST features: models and validators, mapping templates,
non-proxy integrations and the stage cache, built through the ``apigateway`` client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from pyserverless.gateway import GatewayResponse

START = 1_700_000_000


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(START), seed=21) as c:
        yield c


@pytest.fixture
def gw(cloud: Cloud) -> Any:
    return cloud.client("apigateway")


class Api:
    """A REST API under construction: resources by path, methods, one deploy call."""

    def __init__(self, cloud: Cloud, name: str = "shop") -> None:
        self.cloud = cloud
        self.gw = cloud.client("apigateway")
        info = self.gw.create_rest_api(name=name)
        self.id: str = info["id"]
        self.resources = {"/": info["rootResourceId"]}

    def resource(self, path: str) -> str:
        if path in self.resources:
            return self.resources[path]
        parent, _, part = path.rpartition("/")
        parent_id = self.resource(parent or "/")
        made = self.gw.create_resource(restApiId=self.id, parentId=parent_id, pathPart=part)
        self.resources[path] = made["id"]
        return str(made["id"])

    def where(self, verb: str, path: str) -> dict[str, str]:
        return {"restApiId": self.id, "resourceId": self.resource(path), "httpMethod": verb}

    def method(
        self,
        verb: str,
        path: str,
        integration: dict[str, Any],
        responses: dict[str, dict[str, Any]] | None = None,
        **method: Any,
    ) -> dict[str, str]:
        """A method with its integration and integration responses (by status code)."""
        where = self.where(verb, path)
        self.gw.put_method(
            **where, authorizationType=method.pop("authorizationType", "NONE"), **method
        )
        self.gw.put_integration(**where, **integration)
        for status, response in (responses or {}).items():
            self.gw.put_method_response(**where, statusCode=status)
            self.gw.put_integration_response(**where, statusCode=status, **response)
        return where

    def model(
        self, name: str, schema: dict[str, Any], content_type: str = "application/json"
    ) -> None:
        self.gw.create_model(
            restApiId=self.id, name=name, contentType=content_type, schema=json.dumps(schema)
        )

    def validator(self, body: bool = True, params: bool = True) -> str:
        found = self.gw.create_request_validator(
            restApiId=self.id, name="v", validateRequestBody=body, validateRequestParameters=params
        )
        return str(found["id"])

    def deploy(self, stage: str = "prod", **params: Any) -> None:
        self.gw.create_deployment(restApiId=self.id, stageName=stage, **params)

    def call(
        self,
        verb: str,
        path: str,
        body: Any = None,
        *,
        query: str = "",
        headers: dict[str, str] | None = None,
        stage: str = "prod",
    ) -> GatewayResponse:
        raw = (
            body if isinstance(body, bytes) else b"" if body is None else json.dumps(body).encode()
        )
        pairs = tuple((headers or {"Content-Type": "application/json"}).items())
        engine = self.cloud.engine("execute-api")
        return engine.invoke(self.id, stage, verb, path, query=query, headers=pairs, body=raw)  # type: ignore[no-any-return]


@pytest.fixture
def api(cloud: Cloud) -> Api:
    return Api(cloud)


def lambda_uri(cloud: Cloud, arn: str) -> str:
    return f"arn:aws:apigateway:{cloud.region}:lambda:path/2015-03-31/functions/{arn}/invocations"


def mock(template: str = '{"statusCode": 200}', **more: Any) -> dict[str, Any]:
    """A MOCK integration whose request template picks the status."""
    return {"type": "MOCK", "requestTemplates": {"application/json": template}, **more}


def refused(call: Any, code: str, **kwargs: Any) -> str:
    """Call; assert AWS's error ``code``; return its message."""
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    error = caught.value.response["Error"]
    assert error["Code"] == code, error
    return str(error["Message"])
