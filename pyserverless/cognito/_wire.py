"""Cognito's plain HTTP routes: a pool's JWKS and OpenID discovery document.

The HTTP endpoint (``pyserverless.adapters``) and ``mock_aws`` (for a verifier fetching
``https://cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/...``) call these for
AWS's paths ``/{poolId}/.well-known/jwks.json`` and
``/{poolId}/.well-known/openid-configuration``; the region is the pool id's prefix
(``us-east-1_AbC...``).

>>> from pyserverless import Cloud, ManualClock
>>> cloud = Cloud(clock=ManualClock())
>>> pool = cloud.cognito.create_user_pool("p")
>>> status, headers, body = jwks(cloud, None, pool.id)
>>> status, headers["Content-Type"], body.startswith(b'{"keys": [{"alg": "RS256"')
(200, 'application/json', True)
>>> jwks(cloud, None, "us-east-1_nothere")[0]
404
>>> status, _, body = openid_configuration(cloud, None, pool.id)
>>> status, json.loads(body)["issuer"] == pool.issuer
(200, True)
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

from ._errors import ResourceNotFoundException

__all__ = ["jwks", "openid_configuration", "unsigned_region"]

_JSON = {"Content-Type": "application/json"}


def _document(cloud: Any, pool_id: str, method: str) -> tuple[int, Mapping[str, str], bytes]:
    region = pool_id.split("_", 1)[0]
    try:
        doc = getattr(cloud.engine("cognito-idp", region), method)(pool_id)
    except (ResourceNotFoundException, ValueError):
        body = json.dumps({"message": f"User pool {pool_id} does not exist."}).encode()
        return 404, dict(_JSON), body
    return 200, dict(_JSON), json.dumps(doc).encode()


def jwks(cloud: Any, request: Any, UserPoolId: str) -> tuple[int, Mapping[str, str], bytes]:
    """``(status, headers, body)`` of the pool's JWKS, or 404 for an unknown pool."""
    return _document(cloud, UserPoolId, "pool_jwks")


def openid_configuration(
    cloud: Any, request: Any, UserPoolId: str
) -> tuple[int, Mapping[str, str], bytes]:
    """``(status, headers, body)`` of the pool's OpenID configuration, or 404."""
    return _document(cloud, UserPoolId, "pool_openid_configuration")


def unsigned_region(cloud: Any, params: Mapping[str, Any]) -> str | None:
    """The Region of an unsigned call (SignUp, InitiateAuth, GetUser...) from what it names:
    a pool id (``us-west-2_...``), an access token (its issuer's pool id), or a client id
    (client ids are global: found in whichever Region's pools hold it). ``None`` if none
    of these tells.

    >>> from pyserverless import Cloud, ManualClock
    >>> from pyserverless.cognito import CognitoResource
    >>> cloud = Cloud(clock=ManualClock())
    >>> app = CognitoResource(cloud, "eu-west-1").create_user_pool("p").create_client("web")
    >>> unsigned_region(cloud, {"ClientId": app.client_id})
    'eu-west-1'
    >>> unsigned_region(cloud, {"UserPoolId": "ap-south-1_abc"}), unsigned_region(cloud, {})
    ('ap-south-1', None)
    """
    pool_id = params.get("UserPoolId")
    if not isinstance(pool_id, str):
        pool_id = _issuer_pool(params.get("AccessToken"))
    if isinstance(pool_id, str) and "_" in pool_id:
        return pool_id.split("_", 1)[0]
    client_id = params.get("ClientId")
    if isinstance(client_id, str):
        for region in _cognito_regions(cloud):
            if cloud.engine("cognito-idp", region).has_client(client_id):
                return region
    return None


def _issuer_pool(token: Any) -> str | None:
    """The pool id at the end of an (unverified) access token's issuer, for routing only."""
    try:
        body = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        return str(claims["iss"]).rsplit("/", 1)[1]
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        return None


def _cognito_regions(cloud: Any) -> list[str]:
    """The Regions whose Cognito engine exists, the Cloud's own first (a Region without an
    engine has no pools, so none is built to be asked)."""
    built = cloud.regions_with("cognito-idp")
    return sorted(built, key=lambda r: (r != cloud.region, r))
