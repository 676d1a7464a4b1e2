"""Authorizers: the pipeline's authorization step, run before the integration.

``Authorizers.authorize`` decides for a route whose authorization is not ``NONE``:

* ``CUSTOM`` (REST ``TOKEN``/``REQUEST``, HTTP ``REQUEST``): a Lambda authorizer. Its
  identity sources are read first (one missing or empty: 401 without invoking), the
  function is invoked through the Lambda engine, and its answer (an IAM policy, or for
  an HTTP API with simple responses ``isAuthorized``) is kept in the result cache for
  the authorizer's TTL on the Cloud's clock, keyed by the sources' values. A cached
  policy is evaluated against each request's method ARN, so a policy that names only
  the first method called denies the API's other methods until it expires: AWS's
  behaviour, and a classic production bug.
* ``COGNITO_USER_POOLS`` (REST) and ``JWT`` (HTTP): tokens of this Cloud's user pools,
  verified against the pool's key set (``_auth_jwt``).
* ``AWS_IAM``: a valid SigV4 signature for ``execute-api`` (``_auth_iam``).

Answers are AWS's: 401 ``{"message":"Unauthorized"}``, 403 with the deny messages, 500
``AuthorizerConfigurationException`` when the authorizer fails or answers nonsense.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .._deployed import AuthorizerSpec, DeployedStage, RouteSpec
from ._auth_conditions import request_keys
from ._auth_iam import KnownKeys, session_token_error, signature_error
from ._auth_jwt import (
    BAD_AUDIENCE,
    Refused,
    TokenVerifier,
    audience_ok,
    http_claims,
    issuer_pool,
    pool_of_arn,
    rest_claims,
    token_scopes,
)
from ._auth_lambda import (
    DENY,
    Malformed,
    Verdict,
    authorizer_event,
    evaluate,
    execute_api_arn,
    identity_values,
    parse_output,
)
from ._events import RequestInfo
from ._types import AuthOutcome, GatewayError, GatewayRequest, Matched

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .._limits import ExecuteApiLimits

__all__ = ["Authorizers"]

_CONFIG_HEADERS = {"x-amzn-ErrorType": "AuthorizerConfigurationException"}
CONFIGURATION_ERROR = GatewayError(
    500, "AUTHORIZER_CONFIGURATION_ERROR", {"message": None}, _CONFIG_HEADERS
)
UNAUTHORIZED = GatewayError(
    401, "UNAUTHORIZED", {"message": "Unauthorized"}, {"x-amzn-ErrorType": "UnauthorizedException"}
)
EXPIRED_REST = GatewayError(
    401,
    "UNAUTHORIZED",
    {"message": "The incoming token has expired"},
    {"x-amzn-ErrorType": "UnauthorizedException"},
)
_DENIED = {"x-amzn-ErrorType": "AccessDeniedException"}
EXPLICIT_DENY = GatewayError(
    403,
    "ACCESS_DENIED",
    {"Message": "User is not authorized to access this resource with an explicit deny"},
    _DENIED,
)
NOT_ALLOWED = GatewayError(
    403, "ACCESS_DENIED", {"Message": "User is not authorized to access this resource"}, _DENIED
)
UNAUTHORIZED_HTTP = GatewayError(401, "UNAUTHORIZED", {"message": "Unauthorized"})
FORBIDDEN_HTTP = GatewayError(403, "ACCESS_DENIED", {"message": "Forbidden"})
FAILURE_HTTP = GatewayError(500, "AUTHORIZER_FAILURE", {"message": "Internal Server Error"})
URI_TOO_LONG = GatewayError(414, "DEFAULT_4XX", {"message": "Request-URI Too Long"})
#: The longest method ARN API Gateway authorizes (bytes).
_MAX_ARN = 1600
#: Cache entries kept before expired ones are swept out on the next insert.
_SWEEP_AT = 10_000


class _Cached:
    """A cached authorizer answer and the instant (epoch seconds) it expires."""

    __slots__ = ("expires", "verdict")

    def __init__(self, verdict: Any, expires: float) -> None:
        self.verdict = verdict
        self.expires = expires


class Authorizers:
    """Runs a route's authorizer for one request; owns the authorizers' result cache.

    ``access_keys`` (access key id → secret) are the keys an ``AWS_IAM`` route accepts
    signatures from; add to it to accept others.

    >>> from pyserverless import Cloud
    >>> from pyserverless.gateway._deployed import AuthorizerSpec, IntegrationSpec, RouteSpec
    >>> cloud = Cloud.manual()
    >>> def allow_all(event, context):
    ...     statement = {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": "*"}
    ...     return {"principalId": "me", "policyDocument": {"Statement": [statement]}}
    >>> fn = cloud.lambda_.create_function("auth", handler=allow_all)
    >>> spec = AuthorizerSpec("au1", "auth", "TOKEN", function_arn=fn.arn,
    ...                       identity_sources=("method.request.header.Authorization",))
    >>> mock = IntegrationSpec("MOCK", request_templates={"application/json": ""},
    ...                        responses={"": {"statusCode": "200"}})
    >>> route = RouteSpec("GET", "/r", mock, "r1", authorization="CUSTOM", authorizer=spec)
    >>> stage = DeployedStage("a1b2c3d4e5", "REST", "prod", "d1", (route,))
    >>> authorizers = cloud.engine("execute-api").authorizers
    >>> now = cloud.clock.now()
    >>> outcome = authorizers.authorize(stage, Matched(route, {}),
    ...     GatewayRequest("GET", "/r", headers=(("Authorization", "t"),)), now)
    >>> outcome.error, outcome.principal_id
    (None, 'me')
    >>> authorizers.authorize(stage, Matched(route, {}), GatewayRequest("GET", "/r"), now).error
    GatewayError(status=401, response_type='UNAUTHORIZED', ...)
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: ExecuteApiLimits = cloud.limits.for_service("execute-api")
        self.access_keys: dict[str, str] = {"testing": "testing"}
        self.tokens = TokenVerifier(cloud, self.limits.jwks_cache_seconds)
        self._cache: dict[tuple[str, ...], _Cached] = {}
        self._lock = threading.Lock()
        #: Lambda authorizer invocations made (cache misses), for tests and metrics.
        self.invocations = 0

    def authorize(
        self,
        stage: DeployedStage,
        matched: Matched,
        request: GatewayRequest,
        now: datetime,
        request_id: str | None = None,
    ) -> AuthOutcome:
        """The authorizer's decision for ``request`` on ``matched`` (called only when the
        route's authorization is not ``NONE``)."""
        route = matched.route
        if route.authorization == "AWS_IAM":
            return self._iam(stage, request)
        spec = route.authorizer
        if spec is None:
            return AuthOutcome(error=self._failure(stage))
        info = RequestInfo(
            stage,
            matched,
            request,
            None,
            account_id=self.cloud.account_id,
            region=self.region,
            request_id=request_id or self.cloud.ids.request_id(),
            now=now,
        )
        if spec.type in ("TOKEN", "REQUEST"):
            return self._lambda(stage, spec, info, now.timestamp())
        if spec.type == "COGNITO_USER_POOLS" and stage.kind == "REST":
            return self._cognito(stage, spec, route, request, now.timestamp())
        if spec.type == "JWT" and stage.kind == "HTTP":
            return self._jwt(spec, route, request, info, now.timestamp())
        return AuthOutcome(error=self._failure(stage))

    @staticmethod
    def _failure(stage: DeployedStage) -> GatewayError:
        return CONFIGURATION_ERROR if stage.kind == "REST" else FAILURE_HTTP

    # -- AWS_IAM ---------------------------------------------------------------------
    def _iam(self, stage: DeployedStage, request: GatewayRequest) -> AuthOutcome:
        known = KnownKeys(self.access_keys, self.cloud, self.region)
        error, key = signature_error(stage, request, self.region, known)
        if error is None and key is not None and key not in self.access_keys:
            error = session_token_error(stage, request, self.cloud, self.region, key)
        if error is not None:
            return AuthOutcome(error=error)
        # The caller the key stands for (an IAM user, an STS session; the fixed keys
        # speak for the account's root, as STS says they do).
        caller = None if key in self.access_keys else key
        who = self.cloud.engine("sts", self.region).get_caller_identity({}, caller)
        if stage.kind == "REST":
            identity = {
                "accessKey": key,
                "accountId": who["Account"],
                "caller": who["UserId"],
                "user": who["UserId"],
                "userArn": who["Arn"],
            }
            return AuthOutcome(identity=identity)
        iam = {
            "accessKey": key,
            "accountId": who["Account"],
            "callerId": who["UserId"],
            "cognitoIdentity": None,
            "principalOrgId": None,
            "userArn": who["Arn"],
            "userId": who["UserId"],
        }
        return AuthOutcome(context={"iam": iam})

    # -- Lambda authorizers ---------------------------------------------------------------
    def _lambda(
        self, stage: DeployedStage, spec: AuthorizerSpec, info: RequestInfo, now: float
    ) -> AuthOutcome:
        http = stage.kind == "HTTP"
        unauthorized = UNAUTHORIZED_HTTP if http else UNAUTHORIZED
        if spec.type == "TOKEN" and len(spec.identity_sources) != 1:
            return AuthOutcome(error=self._failure(stage))
        values = identity_values(spec, info, http)
        if values is None:
            return AuthOutcome(error=unauthorized)
        expression = spec.validation_expression if spec.type == "TOKEN" else None
        if expression and not _full_match(expression, values[0]):
            return AuthOutcome(error=unauthorized)
        arn = execute_api_arn(self.region, info.account_id, stage, info.request)
        if len(arn.encode()) > _MAX_ARN:
            return AuthOutcome(error=URI_TOO_LONG)
        ttl = min(spec.ttl_seconds, self.limits.authorizer_ttl_max_seconds)
        key = (stage.api_id, stage.stage_name, spec.authorizer_id, *values)
        cached = self._cache.get(key) if ttl > 0 and values else None
        latency = 0
        if cached is not None and now < cached.expires:
            verdict = cached.verdict
        else:
            answer = self._invoke(stage, spec, info, arn, values)
            if isinstance(answer, GatewayError):
                return AuthOutcome(error=answer)
            verdict, latency = answer
            if ttl > 0 and values:
                self._remember(key, _Cached(verdict, now + ttl), now)
        return self._decide(stage, verdict, arn, latency, info)

    def _remember(self, key: tuple[str, ...], entry: _Cached, now: float) -> None:
        with self._lock:
            if len(self._cache) >= _SWEEP_AT:
                stale = [k for k, v in self._cache.items() if v.expires <= now]
                for k in stale:
                    del self._cache[k]
            self._cache[key] = entry

    def flush(self, api_id: str | None = None, stage_name: str | None = None) -> None:
        """Forget cached authorizer answers (all, or one API's, or one stage's), as
        ``FlushStageAuthorizersCache`` does."""
        with self._lock:
            if api_id is None:
                self._cache.clear()
                return
            for key in [k for k in self._cache if k[0] == api_id]:
                if stage_name is None or key[1] == stage_name:
                    del self._cache[key]

    def _invoke(
        self,
        stage: DeployedStage,
        spec: AuthorizerSpec,
        info: RequestInfo,
        arn: str,
        values: tuple[str, ...],
    ) -> tuple[Verdict, int] | GatewayError:
        from ...errors import AWSError
        from ...lambda_ import InvokeDeadlineExceeded
        from ._engine import function_arn

        failure = self._failure(stage)
        target = function_arn(spec.function_arn or "", stage.stage_variables)
        parts = target.split(":")
        region = parts[3] if len(parts) > 4 and parts[0] == "arn" else self.region
        event = authorizer_event(spec, info, arn, values)
        limits = self.limits
        timeout = (
            limits.http_authorizer_timeout_ms
            if stage.kind == "HTTP"
            else limits.rest_authorizer_timeout_ms
        )
        with self._lock:
            self.invocations += 1
        try:
            lam = self.cloud.engine("lambda", region)
            invocation = lam.invoke(
                target, json.dumps(event).encode(), deadline_seconds=timeout / 1000
            )
        except (AWSError, ValueError, InvokeDeadlineExceeded):
            return failure
        try:
            output = json.loads(invocation.payload) if invocation.payload else None
        except ValueError:
            return failure
        if invocation.function_error is not None:
            message = output.get("errorMessage") if isinstance(output, dict) else None
            return self._unauthorized(stage) if message == "Unauthorized" else failure
        if output == "Unauthorized":
            return self._unauthorized(stage)
        try:
            verdict = parse_output(spec, stage.kind, output)
        except Malformed:
            return failure
        return verdict, int(invocation.duration_ms)

    @staticmethod
    def _unauthorized(stage: DeployedStage) -> GatewayError:
        return UNAUTHORIZED if stage.kind == "REST" else UNAUTHORIZED_HTTP

    def _decide(
        self,
        stage: DeployedStage,
        verdict: Verdict,
        arn: str,
        latency: int,
        info: RequestInfo | None = None,
    ) -> AuthOutcome:
        if verdict.allowed is not None:  # an HTTP API's simple response
            if not verdict.allowed:
                return AuthOutcome(error=FORBIDDEN_HTTP)
            return AuthOutcome(context={"lambda": dict(verdict.context)})
        keys = None
        if info is not None and any(st.conditions for st in verdict.statements):
            request = info.request
            keys = request_keys(info.now, request.source_ip, request.header)
        decision = evaluate(verdict, arn, keys)
        if decision != "Allow":
            if stage.kind == "HTTP":
                return AuthOutcome(error=FORBIDDEN_HTTP)
            return AuthOutcome(error=EXPLICIT_DENY if decision == DENY else NOT_ALLOWED)
        if stage.kind == "HTTP":
            return AuthOutcome(
                context={"lambda": dict(verdict.context)},
                principal_id=verdict.principal_id,
                usage_identifier_key=verdict.usage_identifier_key,
            )
        context: dict[str, Any] = dict(verdict.context)
        context["principalId"] = verdict.principal_id
        context["integrationLatency"] = latency
        return AuthOutcome(
            context=context,
            principal_id=verdict.principal_id,
            usage_identifier_key=verdict.usage_identifier_key,
        )

    # -- Cognito user pools (REST) --------------------------------------------------------
    def _cognito(
        self,
        stage: DeployedStage,
        spec: AuthorizerSpec,
        route: RouteSpec,
        request: GatewayRequest,
        now: float,
    ) -> AuthOutcome:
        """A user pool token; a verified one is cached by token for the authorizer's TTL
        (so, as reported of AWS, a token that expires meanwhile passes until then)."""
        source = spec.identity_sources[0] if spec.identity_sources else ""
        name = source.removeprefix("method.request.header.") or "Authorization"
        token = _bearer(request.header(name))
        if not token:
            return AuthOutcome(error=UNAUTHORIZED)
        ttl = min(spec.ttl_seconds, self.limits.authorizer_ttl_max_seconds)
        key = (stage.api_id, stage.stage_name, spec.authorizer_id, token)
        cached = self._cache.get(key) if ttl > 0 else None
        try:
            if cached is not None and now < cached.expires:
                claims, place = cached.verdict
            else:
                claims, place = self._pool_token(spec, token, now)
                if ttl > 0:
                    self._remember(key, _Cached((claims, place), now + ttl), now)
            self._check_pool_token(claims, route, place)
        except Refused as refused:
            return AuthOutcome(error=EXPIRED_REST if refused.expired else UNAUTHORIZED)
        return AuthOutcome(context={"claims": rest_claims(claims)})

    def _pool_token(
        self, spec: AuthorizerSpec, token: str, now: float
    ) -> tuple[dict[str, Any], tuple[str, str]]:
        pools = [p for p in (pool_of_arn(a) for a in spec.provider_arns) if p is not None]
        place = _unverified_pool(token)
        if place is None or place not in pools:
            raise Refused("the token's issuer is not one of the authorizer's pools")
        issuer = f"https://cognito-idp.{place[0]}.amazonaws.com/{place[1]}"
        return self.tokens.claims(token, issuer, now), place

    def _check_pool_token(
        self, claims: Mapping[str, Any], route: RouteSpec, place: tuple[str, str]
    ) -> None:
        from ...errors import AWSError

        use = "access" if route.scopes else "id"
        if claims.get("token_use") != use:
            raise Refused("the token is not of the expected use")
        client = claims.get("aud") if use == "id" else claims.get("client_id")
        if not isinstance(client, str):
            raise Refused(BAD_AUDIENCE)
        try:
            self.tokens.cognito(place[0]).client_description(place[1], client)
        except AWSError:
            raise Refused(BAD_AUDIENCE) from None
        if route.scopes and not set(route.scopes) & set(token_scopes(claims)):
            raise Refused("the token does not have the route's scopes")

    # -- JWT (HTTP) ------------------------------------------------------------------
    def _jwt(
        self,
        spec: AuthorizerSpec,
        route: RouteSpec,
        request: GatewayRequest,
        info: RequestInfo,
        now: float,
    ) -> AuthOutcome:
        sources = spec.identity_sources or ("$request.header.Authorization",)
        values = identity_values(
            AuthorizerSpec(spec.authorizer_id, spec.name, "JWT", identity_sources=sources[:1]),
            info,
            True,
        )
        token = _bearer(values[0]) if values else None
        if not token:
            return AuthOutcome(error=UNAUTHORIZED_HTTP)
        issuer = spec.issuer or ""
        try:
            if issuer_pool(issuer) is None:
                raise Refused("the token's issuer is not reachable")
            claims = self.tokens.claims(token, issuer, now)
            if not audience_ok(claims, spec.audience):
                raise Refused(BAD_AUDIENCE)
        except Refused as refused:
            return AuthOutcome(error=_invalid_token(refused.description))
        scopes = token_scopes(claims)
        if route.scopes and not set(route.scopes) & set(scopes):
            challenge = f'Bearer scope="{" ".join(route.scopes)}" error="insufficient_scope"'
            error = GatewayError(
                403, "ACCESS_DENIED", {"message": "Forbidden"}, {"www-authenticate": challenge}
            )
            return AuthOutcome(error=error)
        jwt = {"claims": http_claims(claims), "scopes": scopes or None}
        return AuthOutcome(context={"jwt": jwt}, principal_id=None)


def _invalid_token(description: str) -> GatewayError:
    challenge = f'Bearer scope="" error="invalid_token" error_description="{description}"'
    return GatewayError(
        401, "UNAUTHORIZED", {"message": "Unauthorized"}, {"www-authenticate": challenge}
    )


def _bearer(value: str | None) -> str | None:
    """The token in a header value, a ``Bearer `` prefix taken off."""
    if value is None:
        return None
    value = value.strip()
    if value[:7].lower() == "bearer ":
        value = value[7:].strip()
    return value or None


def _unverified_pool(token: str) -> tuple[str, str] | None:
    """The (Region, pool id) an unverified token's ``iss`` names."""
    import base64

    try:
        body = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        return issuer_pool(str(claims["iss"]))
    except (IndexError, KeyError, ValueError, TypeError):
        return None


def _full_match(expression: str, value: str) -> bool:
    import re

    try:
        return re.fullmatch(expression, value) is not None
    except re.error:
        return False
