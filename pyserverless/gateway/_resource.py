"""API Gateway's resource layer, for people: ``cloud.gateway``.

HTTP APIs in three lines, with no HTTP server:

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> api = cloud.gateway.http_api("shop")
>>> _ = api.route("GET /items/{id}", lambda event, context: {"id": event["pathParameters"]["id"]})
>>> response = api.request("GET", "/items/42")
>>> response.status, response.json()
(200, {'id': '42'})

REST APIs the same way, deployed to a stage:

>>> rest = cloud.gateway.rest_api("legacy")
>>> _ = rest.route("GET /ping", lambda event, context: {"statusCode": 200, "body": "pong"})
>>> _ = rest.deploy("prod")
>>> rest.request("GET", "/ping", stage="prod").body
b'pong'
>>> cloud.gateway.invoke(rest.id, "prod", "GET", "/nope").json()
{'message': 'Missing Authentication Token'}

Every call goes through the boto3-shaped clients (``cloud.client("apigateway")`` and
``cloud.client("apigatewayv2")``) and the ``execute-api`` runtime: what works here works
for a boto3 program too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import attrs

from ._runtime._cache import CacheStats
from ._runtime._types import GatewayResponse
from ._runtime._wsgi import StageApp

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._ws._resource import WebSocketApi

__all__ = ["GatewayResource", "HttpApi", "RestApi", "StageDescription"]

Headers = Mapping[str, str] | Iterable[tuple[str, str]] | None
Body = bytes | str | Mapping[str, Any] | list[Any] | None
Query = str | Mapping[str, str | list[str]] | None

_NAME_CHARS = re.compile(r"[^A-Za-z0-9_-]")


@attrs.frozen
class StageDescription:
    """A frozen snapshot of an API: id, name, kind and its routes (``GET /items/{id}``)."""

    api_id: str
    name: str
    kind: str
    routes: tuple[str, ...]
    stages: tuple[str, ...]


def _headers(headers: Headers, body: Body) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    if headers is not None:
        items = headers.items() if isinstance(headers, Mapping) else headers
        pairs = [(str(k), str(v)) for k, v in items]
    if isinstance(body, (Mapping, list)) and not any(k.lower() == "content-type" for k, _ in pairs):
        pairs.append(("Content-Type", "application/json"))
    return tuple(pairs)


def _body(body: Body) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body).encode()


def _query(query: Query) -> str:
    if query is None:
        return ""
    if isinstance(query, str):
        return query.lstrip("?")
    return urlencode(
        [(k, v) for k, vs in query.items() for v in ([vs] if isinstance(vs, str) else vs)]
    )


class GatewayResource:
    """``cloud.gateway``: HTTP and REST APIs, and requests to their stages.

    >>> from pyserverless import Cloud
    >>> Cloud.manual().gateway
    <GatewayResource region='us-east-1'>
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region

    @property
    def _runtime(self) -> Any:
        return self.cloud.engine("execute-api", self.region)

    def backend(self, url: str, app: Any, *, wsgi: bool | None = None) -> None:
        """Make ``app`` the HTTP backend for integration URLs under ``url``.

        ``app`` is a WSGI application (it takes ``environ, start_response``) or a Python
        callable taking a :class:`BackendRequest` and returning a
        :class:`GatewayResponse`, a ``(status, headers, body)`` tuple, or a body (a
        ``dict`` or ``list`` is sent as JSON); ``wsgi`` overrides the guess. HTTP and
        HTTP_PROXY integrations reach only registered backends and the Cloud's own APIs.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> cloud.gateway.backend("https://pets.internal", lambda request: {"path": request.path})
        >>> gw = cloud.client("apigateway")
        >>> api = gw.create_rest_api(name="pets")
        >>> where = {"restApiId": api["id"], "resourceId": api["rootResourceId"]}
        >>> _ = gw.put_method(**where, httpMethod="GET", authorizationType="NONE")
        >>> _ = gw.put_integration(**where, httpMethod="GET", type="HTTP_PROXY",
        ...                        integrationHttpMethod="GET", uri="https://pets.internal/all")
        >>> _ = gw.create_deployment(restApiId=api["id"], stageName="prod")
        >>> cloud.gateway.invoke(api["id"], "prod", "GET", "/").json()
        {'path': '/all'}
        """
        self._runtime.backend(url, app, wsgi=wsgi)

    def invoke(
        self,
        api_id: str,
        stage: str,
        method: str,
        path: str,
        headers: Headers = None,
        body: Body = None,
        query: Query = None,
    ) -> GatewayResponse:
        """Send one request to a deployed stage, as a client of
        ``https://{api_id}.execute-api.{region}.amazonaws.com/{stage}{path}`` would.

        ``headers`` a mapping or pairs; ``body`` bytes, text, or a dict/list sent as JSON;
        ``query`` a raw string or a mapping (a list value repeats the name). Returns the
        response (``status``, ``headers``, ``body``, ``json()``).

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> api = cloud.gateway.http_api("echo")
        >>> _ = api.route("POST /echo", lambda event, context: event["body"])
        >>> cloud.gateway.invoke(api.id, "$default", "POST", "/echo", body={"a": 1}).json()
        {'a': 1}
        >>> cloud.gateway.invoke(api.id, "$default", "GET", "/echo").status
        404
        """
        if "?" in path and query is None:
            path, _, query = path.partition("?")
        return self._runtime.invoke(  # type: ignore[no-any-return]
            api_id,
            stage,
            method,
            path,
            query=_query(query),
            headers=_headers(headers, body),
            body=_body(body),
        )

    def http_api(self, name: str, *, cors: Mapping[str, Any] | None = None) -> HttpApi:
        """The HTTP API named ``name``, created (with an auto-deploying ``$default`` stage)
        if there is none. ``cors``: a ``CorsConfiguration`` (``AllowOrigins``...).

        >>> from pyserverless import Cloud
        >>> gateway = Cloud.manual().gateway
        >>> api = gateway.http_api("shop")
        >>> gateway.http_api("shop").id == api.id
        True
        """
        client = self.cloud.client("apigatewayv2", self.region)
        for item in client.get_apis().get("Items", []):
            if item["Name"] == name and item.get("ProtocolType") == "HTTP":
                return HttpApi(self, item["ApiId"], name)
        params: dict[str, Any] = {"Name": name, "ProtocolType": "HTTP"}
        if cors is not None:
            params["CorsConfiguration"] = dict(cors)
        api_id = client.create_api(**params)["ApiId"]
        client.create_stage(ApiId=api_id, StageName="$default", AutoDeploy=True)
        return HttpApi(self, api_id, name)

    def rest_api(self, name: str) -> RestApi:
        """The REST API named ``name``, created if there is none.

        >>> from pyserverless import Cloud
        >>> gateway = Cloud.manual().gateway
        >>> gateway.rest_api("legacy").describe().routes
        ()
        """
        client = self.cloud.client("apigateway", self.region)
        for item in client.get_rest_apis(limit=500).get("items", []):
            if item["name"] == name:
                return RestApi(self, item["id"], name)
        return RestApi(self, client.create_rest_api(name=name)["id"], name)

    def websocket_api(self, name: str, *, selection: str = "$request.body.action") -> WebSocketApi:
        """The WebSocket API with id or name ``name``, created if there is none (with
        ``selection`` as its route selection expression and an auto-deploying ``prod``
        stage); ``connect()`` to it (gateway/_ws/_resource.py)."""
        from ._ws._resource import WebSocketApi

        return WebSocketApi.named(self.cloud, name, self.region, selection)

    def http_apis(self) -> list[HttpApi]:
        """Every HTTP API of the Region, by name.

        >>> from pyserverless import Cloud
        >>> gateway = Cloud.manual().gateway
        >>> _ = gateway.http_api("b"), gateway.http_api("a")
        >>> [api.name for api in gateway.http_apis()]
        ['a', 'b']
        """
        client = self.cloud.client("apigatewayv2", self.region)
        items = client.get_apis().get("Items", [])
        apis = [HttpApi(self, i["ApiId"], i["Name"]) for i in items if i["ProtocolType"] == "HTTP"]
        return sorted(apis, key=lambda a: (a.name, a.id))

    def rest_apis(self) -> list[RestApi]:
        """Every REST API of the Region, by name."""
        client = self.cloud.client("apigateway", self.region)
        items = client.get_rest_apis(limit=500).get("items", [])
        return sorted(
            (RestApi(self, i["id"], i["name"]) for i in items), key=lambda a: (a.name, a.id)
        )

    def wsgi_app(self, api: HttpApi | RestApi | str, stage: str | None = None) -> StageApp:
        """A WSGI application serving ``stage`` of ``api`` (an API object or its id), for
        webtest, werkzeug's test ``Client`` or any WSGI server. Paths are below the stage.
        Without ``stage``: an HTTP API's ``$default``, a REST API's only stage.

        >>> from pyserverless import Cloud
        >>> from werkzeug.test import Client
        >>> cloud = Cloud.manual()
        >>> api = cloud.gateway.http_api("hello")
        >>> _ = api.route("GET /hi", lambda event, context: "hello")
        >>> Client(cloud.gateway.wsgi_app(api)).get("/hi").text
        'hello'
        """
        api_id = api if isinstance(api, str) else api.id
        if stage is None:
            stage = "$default"
            if isinstance(api, RestApi):
                stages = api.describe().stages
                if len(stages) != 1:
                    raise ValueError(f"name the stage: REST API {api.id} has stages {list(stages)}")
                stage = stages[0]
        return StageApp(self.cloud, api_id, stage)

    def _function_arn(self, function: Any, label: str) -> str:
        """A Lambda function's ARN from a ``Function``, a name, an ARN or a callable (for
        which an inline function is created)."""
        lam = self.cloud.engine("lambda", self.region)
        if isinstance(function, str):
            return function if function.startswith("arn:") else str(lam.function_arn(function))
        arn = getattr(function, "arn", None)
        if isinstance(arn, str):
            return arn
        if callable(function):
            base = _NAME_CHARS.sub("-", getattr(function, "__name__", "handler"))[:40]
            name = f"{label}-{base}".strip("-")[:56]
            taken = set(lam.function_names())
            unique, n = name, 1
            while unique in taken:
                n += 1
                unique = f"{name}-{n}"
            self.cloud.lambda_.create_function(unique, handler=function)
            return lam.function_arn(unique)  # type: ignore[no-any-return]
        raise TypeError(
            f"function must be a Function, a name, an ARN or a callable, not {function!r}"
        )

    def __repr__(self) -> str:
        return f"<GatewayResource region={self.region!r}>"


def _lambda_uri(region: str, arn: str) -> str:
    return f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations"


class HttpApi:
    """An HTTP API (``apigatewayv2``), served on its auto-deploying ``$default`` stage."""

    def __init__(self, gateway: GatewayResource, api_id: str, name: str) -> None:
        self.gateway = gateway
        #: The API's id (ten lower-case letters and digits).
        self.id = api_id
        self.name = name

    @property
    def _client(self) -> Any:
        return self.gateway.cloud.client("apigatewayv2", self.gateway.region)

    def route(
        self,
        route_key: str,
        function: Any,
        *,
        authorizer: str | None = None,
        scopes: Iterable[str] = (),
        payload_format: str = "2.0",
        timeout_ms: int | None = None,
    ) -> str:
        """Add a route (``"GET /items/{id}"``, ``"ANY /{proxy+}"``, ``"$default"``) to a
        Lambda proxy integration of ``function`` (a ``Function``, name, ARN or callable).

        ``authorizer``: an authorizer id of this API (its type sets the route's
        ``AuthorizationType``). Returns the route id.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> api = cloud.gateway.http_api("shop")
        >>> fn = cloud.lambda_.create_function("items", handler=lambda e, c: e["routeKey"])
        >>> _ = api.route("ANY /items/{proxy+}", fn)
        >>> api.request("DELETE", "/items/1/parts").body
        b'ANY /items/{proxy+}'
        """
        arn = self.gateway._function_arn(function, self.name)
        params: dict[str, Any] = {
            "ApiId": self.id,
            "IntegrationType": "AWS_PROXY",
            "IntegrationUri": arn,
            "PayloadFormatVersion": payload_format,
        }
        if timeout_ms is not None:
            params["TimeoutInMillis"] = timeout_ms
        integration = self._integration_for(params)
        route: dict[str, Any] = {
            "ApiId": self.id,
            "RouteKey": route_key,
            "Target": f"integrations/{integration}",
        }
        if authorizer is not None:
            kind = self._client.get_authorizer(ApiId=self.id, AuthorizerId=authorizer)
            route["AuthorizationType"] = "JWT" if kind["AuthorizerType"] == "JWT" else "CUSTOM"
            route["AuthorizerId"] = authorizer
            if scopes:
                route["AuthorizationScopes"] = list(scopes)
        return str(self._client.create_route(**route)["RouteId"])

    def _integration_for(self, params: dict[str, Any]) -> str:
        """An integration with these settings: the API's own if it has one (routes to one
        function share it, as the console does), else a new one."""
        for item in self._client.get_integrations(ApiId=self.id).get("Items", []):
            if (
                item.get("IntegrationType") == "AWS_PROXY"
                and item.get("IntegrationUri") == params["IntegrationUri"]
                and item.get("PayloadFormatVersion") == params["PayloadFormatVersion"]
                and (
                    "TimeoutInMillis" not in params
                    or item.get("TimeoutInMillis") == params["TimeoutInMillis"]
                )
            ):
                return str(item["IntegrationId"])
        return str(self._client.create_integration(**params)["IntegrationId"])

    def request(
        self,
        method: str,
        path: str,
        headers: Headers = None,
        body: Body = None,
        query: Query = None,
        *,
        stage: str = "$default",
    ) -> GatewayResponse:
        """Send a request to a stage of this API (``$default`` unless named).

        >>> from pyserverless import Cloud
        >>> api = Cloud.manual().gateway.http_api("shop")
        >>> api.request("GET", "/items", headers={"Accept": "application/json"}).json()
        {'message': 'Not Found'}
        """
        return self.gateway.invoke(self.id, stage, method, path, headers, body, query)

    def jwt_authorizer(
        self,
        name: str,
        *,
        issuer: str | Any,
        audience: Iterable[str] | str | Any,
        identity_source: str = "$request.header.Authorization",
    ) -> str:
        """A JWT authorizer (CreateAuthorizer ``JWT``); returns its id for ``route``.

        ``issuer`` an issuer URL or a Cognito ``UserPool`` of this Cloud (its issuer);
        ``audience`` client ids, or an ``AppClient`` (its id).

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> pool = cloud.cognito.create_user_pool("users")
        >>> client = pool.create_client("web")
        >>> api = cloud.gateway.http_api("shop")
        >>> auth = api.jwt_authorizer("users", issuer=pool, audience=client)
        >>> _ = api.route("GET /me", lambda e, c: "me", authorizer=auth)
        >>> api.request("GET", "/me").json()
        {'message': 'Unauthorized'}
        """
        issuer_url = issuer if isinstance(issuer, str) else str(issuer.issuer)
        if isinstance(audience, str):
            audiences = [audience]
        elif hasattr(audience, "client_id"):
            audiences = [str(audience.client_id)]
        else:
            audiences = [str(a) for a in audience]
        made = self._client.create_authorizer(
            ApiId=self.id,
            AuthorizerType="JWT",
            Name=name,
            IdentitySource=[identity_source],
            JwtConfiguration={"Issuer": issuer_url, "Audience": audiences},
        )
        return str(made["AuthorizerId"])

    def lambda_authorizer(
        self,
        name: str,
        function: Any,
        *,
        identity_source: Iterable[str] = ("$request.header.Authorization",),
        simple_responses: bool = True,
        payload_format: str = "2.0",
        ttl_seconds: int = 0,
    ) -> str:
        """A Lambda authorizer (CreateAuthorizer ``REQUEST``) running ``function`` (a
        ``Function``, name, ARN or callable); returns its id for ``route``.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> api = cloud.gateway.http_api("shop")
        >>> def check(event, context):
        ...     return {"isAuthorized": event["headers"].get("authorization") == "letmein"}
        >>> auth = api.lambda_authorizer("check", check)
        >>> _ = api.route("GET /me", lambda e, c: "me", authorizer=auth)
        >>> api.request("GET", "/me", headers={"Authorization": "letmein"}).body
        b'me'
        >>> api.request("GET", "/me", headers={"Authorization": "nope"}).status
        403
        """
        arn = self.gateway._function_arn(function, f"{self.name}-auth")
        params: dict[str, Any] = {
            "ApiId": self.id,
            "AuthorizerType": "REQUEST",
            "Name": name,
            "AuthorizerUri": _lambda_uri(self.gateway.region, arn),
            "AuthorizerPayloadFormatVersion": payload_format,
            "AuthorizerResultTtlInSeconds": ttl_seconds,
            "IdentitySource": list(identity_source),
        }
        if payload_format == "2.0":
            params["EnableSimpleResponses"] = simple_responses
        return str(self._client.create_authorizer(**params)["AuthorizerId"])

    def throttle_next(self, n: int) -> None:
        """Make the next ``n`` requests to this API answer 429 Too Many Requests."""
        self.gateway._runtime.throttle_next(self.id, n)

    def access_log(self, stage: str = "$default") -> list[str]:
        """The stage's access log lines (when the stage has an access log format)."""
        return self.gateway._runtime.access_log(self.id, stage)  # type: ignore[no-any-return]

    def metrics(self, stage: str = "$default") -> dict[str, Any]:
        """The stage's counts: ``Count``, ``4XXError``, ``5XXError``, ``Latency``..."""
        return self.gateway._runtime.metrics(self.id, stage)  # type: ignore[no-any-return]

    def describe(self) -> StageDescription:
        """A frozen snapshot: id, name, routes and stages.

        >>> from pyserverless import Cloud
        >>> api = Cloud.manual().gateway.http_api("shop")
        >>> _ = api.route("GET /a", lambda e, c: 1)
        >>> api.describe().routes, api.describe().stages
        (('GET /a',), ('$default',))
        """
        routes = self._client.get_routes(ApiId=self.id).get("Items", [])
        stages = self._client.get_stages(ApiId=self.id).get("Items", [])
        return StageDescription(
            self.id,
            self.name,
            "HTTP",
            tuple(sorted(r["RouteKey"] for r in routes)),
            tuple(sorted(s["StageName"] for s in stages)),
        )

    def delete(self) -> None:
        """Delete the API (DeleteApi): its stages stop serving."""
        self._client.delete_api(ApiId=self.id)

    def __repr__(self) -> str:
        return f"<HttpApi {self.id} {self.name!r}>"


class RestApi:
    """A REST API (``apigateway``): routes become resources and methods; ``deploy`` makes
    a stage serve them."""

    def __init__(self, gateway: GatewayResource, api_id: str, name: str) -> None:
        self.gateway = gateway
        self.id = api_id
        self.name = name

    @property
    def _client(self) -> Any:
        return self.gateway.cloud.client("apigateway", self.gateway.region)

    def _resource_id(self, path: str) -> str:
        """The resource at ``path``, created segment by segment."""
        client = self._client
        by_path = {
            item["path"]: item["id"]
            for item in client.get_resources(restApiId=self.id, limit=500).get("items", [])
        }
        current = "/"
        parent = str(by_path["/"])
        for part in [p for p in path.split("/") if p]:
            current = current.rstrip("/") + "/" + part
            found = by_path.get(current)
            if found is None:
                made = client.create_resource(restApiId=self.id, parentId=parent, pathPart=part)
                found = str(made["id"])
                by_path[current] = found
            parent = found
        return parent

    def route(
        self,
        route_key: str,
        function: Any,
        *,
        authorizer: str | None = None,
        api_key_required: bool = False,
        timeout_ms: int | None = None,
    ) -> str:
        """Add ``"METHOD /path"`` as a method with a Lambda proxy integration of
        ``function``; ``authorizer`` an authorizer id of this API. Returns the resource id.
        Call :meth:`deploy` to serve it.

        >>> from pyserverless import Cloud
        >>> api = Cloud.manual().gateway.rest_api("legacy")
        >>> _ = api.route("GET /items/{id}", lambda e, c: {"statusCode": 200, "body": e["path"]})
        >>> _ = api.deploy("prod")
        >>> api.request("GET", "/items/7").body
        b'/items/7'
        """
        method, _, path = route_key.partition(" ")
        arn = self.gateway._function_arn(function, self.name)
        resource = self._resource_id(path or "/")
        auth_type = "NONE"
        extra: dict[str, Any] = {}
        if authorizer is not None:
            kind = self._client.get_authorizer(restApiId=self.id, authorizerId=authorizer)
            auth_type = "COGNITO_USER_POOLS" if kind["type"] == "COGNITO_USER_POOLS" else "CUSTOM"
            extra["authorizerId"] = authorizer
        self._client.put_method(
            restApiId=self.id,
            resourceId=resource,
            httpMethod=method,
            authorizationType=auth_type,
            apiKeyRequired=api_key_required,
            **extra,
        )
        integration: dict[str, Any] = {}
        if timeout_ms is not None:
            integration["timeoutInMillis"] = timeout_ms
        self._client.put_integration(
            restApiId=self.id,
            resourceId=resource,
            httpMethod=method,
            type="AWS_PROXY",
            integrationHttpMethod="POST",
            uri=_lambda_uri(self.gateway.region, arn),
            **integration,
        )
        return resource

    def lambda_authorizer(
        self,
        name: str,
        function: Any,
        *,
        type: str = "TOKEN",
        identity_source: str = "method.request.header.Authorization",
        ttl_seconds: int = 300,
        validation_expression: str | None = None,
    ) -> str:
        """A Lambda authorizer (CreateAuthorizer ``TOKEN`` or ``REQUEST``) running
        ``function``; returns its id for ``route``. The result is cached ``ttl_seconds``
        (300 by default, as AWS) for every method of the API.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> api = cloud.gateway.rest_api("legacy")
        >>> def allow(event, context):
        ...     effect = "Allow" if event["authorizationToken"] == "good" else "Deny"
        ...     return {"principalId": "me", "policyDocument": {"Version": "2012-10-17",
        ...         "Statement": [{"Action": "execute-api:Invoke", "Effect": effect,
        ...                        "Resource": event["methodArn"]}]}}
        >>> auth = api.lambda_authorizer("allow", allow, ttl_seconds=0)
        >>> _ = api.route("GET /me", lambda e, c: {"statusCode": 200, "body": "me"},
        ...               authorizer=auth)
        >>> _ = api.deploy("prod")
        >>> api.request("GET", "/me", headers={"Authorization": "good"}).body
        b'me'
        >>> api.request("GET", "/me", headers={"Authorization": "bad"}).status
        403
        >>> api.request("GET", "/me").status
        401
        """
        arn = self.gateway._function_arn(function, f"{self.name}-auth")
        params: dict[str, Any] = {
            "restApiId": self.id,
            "name": name,
            "type": type,
            "authorizerUri": _lambda_uri(self.gateway.region, arn),
            "identitySource": identity_source,
            "authorizerResultTtlInSeconds": ttl_seconds,
        }
        if validation_expression is not None:
            params["identityValidationExpression"] = validation_expression
        return str(self._client.create_authorizer(**params)["id"])

    def cognito_authorizer(
        self,
        name: str,
        pools: Any,
        *,
        identity_source: str = "method.request.header.Authorization",
    ) -> str:
        """A Cognito user pool authorizer (``COGNITO_USER_POOLS``) for ``pools`` (``UserPool``
        objects or pool ARNs); returns its id for ``route``."""
        items = [pools] if not isinstance(pools, (list, tuple)) else list(pools)
        arns = [p if isinstance(p, str) else str(p.arn) for p in items]
        made = self._client.create_authorizer(
            restApiId=self.id,
            name=name,
            type="COGNITO_USER_POOLS",
            providerARNs=arns,
            identitySource=identity_source,
        )
        return str(made["id"])

    def deploy(self, stage: str = "prod", **variables: str) -> str:
        """Deploy the API's current routes to ``stage``; returns the deployment id."""
        params: dict[str, Any] = {"restApiId": self.id, "stageName": stage}
        if variables:
            params["variables"] = variables
        return str(self._client.create_deployment(**params)["id"])

    def request(
        self,
        method: str,
        path: str,
        headers: Headers = None,
        body: Body = None,
        query: Query = None,
        *,
        stage: str = "prod",
    ) -> GatewayResponse:
        """Send a request to ``stage`` of this API."""
        return self.gateway.invoke(self.id, stage, method, path, headers, body, query)

    def throttle_next(self, n: int) -> None:
        """Make the next ``n`` requests to this API answer 429 Too Many Requests."""
        self.gateway._runtime.throttle_next(self.id, n)

    def access_log(self, stage: str = "prod") -> list[str]:
        """The stage's access log lines."""
        return self.gateway._runtime.access_log(self.id, stage)  # type: ignore[no-any-return]

    def metrics(self, stage: str = "prod") -> dict[str, Any]:
        """The stage's counts."""
        return self.gateway._runtime.metrics(self.id, stage)  # type: ignore[no-any-return]

    def cache_stats(self, stage: str = "prod") -> CacheStats:
        """The stage cache's hits, misses and entries (see docs/gateway.md)."""
        return self.gateway._runtime.cache_stats(self.id, stage)  # type: ignore[no-any-return]

    def flush_cache(self, stage: str = "prod") -> None:
        """Empty the stage's cache (FlushStageCache)."""
        self._client.flush_stage_cache(restApiId=self.id, stageName=stage)

    def describe(self) -> StageDescription:
        """A frozen snapshot: id, name, routes (``METHOD /path``) and stages."""
        items = self._client.get_resources(restApiId=self.id, limit=500).get("items", [])
        routes = [f"{m} {item['path']}" for item in items for m in item.get("resourceMethods", {})]
        stages = self._client.get_stages(restApiId=self.id).get("item", [])
        return StageDescription(
            self.id,
            self.name,
            "REST",
            tuple(sorted(routes)),
            tuple(sorted(s["stageName"] for s in stages)),
        )

    def delete(self) -> None:
        """Delete the API (DeleteRestApi): its stages stop serving."""
        self._client.delete_rest_api(restApiId=self.id)

    def __repr__(self) -> str:
        return f"<RestApi {self.id} {self.name!r}>"
