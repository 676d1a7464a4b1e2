"""``AWS_IAM`` authorization: the request must carry a valid SigV4 signature for the
``execute-api`` service (aws-facts C6).

The signature is recomputed with botocore's signer (``adapters._sigv4``) over the URL
the caller signed: ``https://{host}/{stage}{path}`` (the stage is left out for an HTTP
API's ``$default`` stage), or the path-style ``/_api/{api_id}/{stage}{path}`` of
``pyserverless serve``. Known access keys (:class:`KnownKeys`) are the runtime's
``access_keys`` (the one the in-process bridge and the test doors sign with,
``testing``/``testing``, and each ``serve --access-key``), the active access keys of the
Cloud's IAM users and STS's live temporary credentials (whose requests must carry their
session token). IAM policies are not evaluated for ``execute-api:Invoke`` yet: a valid
signature from a known key is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .._deployed import DeployedStage
from ._types import GatewayError, GatewayRequest

__all__ = ["KnownKeys", "session_token_error", "signature_error"]

_SCOPE = re.compile(r"Credential=([^/\s,]*)/(\d{8})/([^/\s,]*)/([^/\s,]*)/aws4_request")


class KnownKeys(Mapping[str, str]):
    """Access key id -> secret: the fixed keys first, then the Cloud's IAM users' active
    keys and STS's live sessions (through ``sts.secret_for``).

    >>> from pyserverless import Cloud
    >>> keys = KnownKeys({"testing": "testing"}, Cloud.manual(), "us-east-1")
    >>> keys.get("testing"), "AKIANOBODY" in keys
    ('testing', False)
    """

    def __init__(self, fixed: Mapping[str, str], cloud: Any, region: str) -> None:
        self._fixed = fixed
        self._cloud = cloud
        self._region = region

    def __getitem__(self, key: str) -> str:
        secret = self._fixed.get(key)
        if secret is None:
            try:
                sts = self._cloud.engine("sts", self._region)
            except ValueError:  # no STS in this build
                raise KeyError(key) from None
            secret = sts.secret_for(key)
        if secret is None:
            raise KeyError(key)
        return str(secret)

    def __iter__(self) -> Iterator[str]:
        return iter(self._fixed)

    def __len__(self) -> int:
        return len(self._fixed)


def session_token_error(
    stage: DeployedStage, request: GatewayRequest, cloud: Any, region: str, key: str
) -> GatewayError | None:
    """403 when ``key`` is STS temporary credentials and the request does not carry their
    session token (``X-Amz-Security-Token``), as AWS answers; else None."""
    try:
        sts = cloud.engine("sts", region)
    except ValueError:
        return None
    session = sts.state.sessions.get(key)
    if session is None:
        return None
    if request.header("x-amz-security-token") == session.token:
        return None
    return _error(stage.kind, "UnrecognizedClientException", _BAD_TOKEN)


_BAD_TOKEN = "The security token included in the request is invalid."


def _error(kind: str, exc_type: str, message: str) -> GatewayError:
    rest = kind == "REST"
    headers = {"x-amzn-ErrorType": exc_type} if rest else {}
    if exc_type == "MissingAuthenticationTokenException":
        return GatewayError(403, "MISSING_AUTHENTICATION_TOKEN", {"message": message}, headers)
    if exc_type == "InvalidSignatureException":
        return GatewayError(403, "INVALID_SIGNATURE", {"message": message}, headers)
    return GatewayError(403, "ACCESS_DENIED", {"message": message}, headers)


def _paths(stage: DeployedStage, request: GatewayRequest) -> list[str]:
    below = request.path
    if request.base_path is not None:  # through a custom domain name: the URL as sent
        return [request.base_path + below if request.base_path else below]
    main = below if stage.stage_name == "$default" else f"/{stage.stage_name}{below}"
    return [main, f"/_api/{stage.api_id}/{stage.stage_name}{below}"]


def signature_error(
    stage: DeployedStage,
    request: GatewayRequest,
    region: str,
    access_keys: Mapping[str, str],
) -> tuple[GatewayError | None, str | None]:
    """(the 403 AWS answers, or None; the access key that signed the request).

    >>> from pyserverless.adapters._sigv4 import sign
    >>> stage = DeployedStage("a1b2c3d4e5", "REST", "prod", "d1", ())
    >>> url = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/pets"
    >>> headers = sign("GET", url, {}, b"", "testing", "testing", service="execute-api")
    >>> request = GatewayRequest("GET", "/pets", headers=tuple(headers.items()))
    >>> signature_error(stage, request, "us-east-1", {"testing": "testing"})
    (None, 'testing')
    >>> signature_error(stage, GatewayRequest("GET", "/pets"), "us-east-1", {})[0].body
    {'message': 'Missing Authentication Token'}
    """
    from ...adapters._sigv4 import UNKNOWN_KEY, signature_problem
    from ...adapters._wire import WireRequest, auth_problem

    headers: dict[str, str] = {}
    for name, value in request.headers:
        headers.setdefault(name.lower(), value)
    # a caller in Python (no HTTP client) sends no Host: the stage's own domain
    headers.setdefault("host", request.host or f"{stage.api_id}.execute-api.{region}.amazonaws.com")
    wire = WireRequest(request.method, request.path, headers, request.body, request.query)
    problem = auth_problem(wire)
    if problem is not None:
        code, message = problem
        if code == "MissingAuthenticationTokenException":
            message = "Missing Authentication Token"
        return _error(stage.kind, code, message), None
    scope = _SCOPE.search(headers.get("authorization", ""))
    if scope is None:  # signed in the query string: not verified by this door yet
        return _error(stage.kind, "InvalidSignatureException", _bad_signature()), None
    key, _day, signed_region, service = scope.groups()
    if service != "execute-api":
        text = "Credential should be scoped to correct service: 'execute-api'. "
        return _error(stage.kind, "InvalidSignatureException", text.rstrip()), None
    if signed_region != region:
        text = f"Credential should be scoped to a valid region, not '{signed_region}'. "
        return _error(stage.kind, "InvalidSignatureException", text.rstrip()), None
    if key not in access_keys:
        return _error(stage.kind, "UnrecognizedClientException", UNKNOWN_KEY), None
    last = None
    for path in _paths(stage, request):
        attempt = WireRequest(
            request.method, path, headers, request.body, request.query, raw_path=path
        )
        last = signature_problem(attempt, access_keys)
        if last is None:
            return None, key
    assert last is not None
    return _error(stage.kind, last[0], last[1]), None


def _bad_signature() -> str:
    from ...adapters._sigv4 import BAD_SIGNATURE

    return BAD_SIGNATURE
