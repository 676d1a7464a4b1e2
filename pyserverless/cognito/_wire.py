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

import json
from collections.abc import Mapping
from typing import Any

from ._errors import ResourceNotFoundException

__all__ = ["jwks", "openid_configuration"]

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
