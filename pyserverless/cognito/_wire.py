"""Cognito's plain HTTP route: the JWKS document at ``/{poolId}/.well-known/jwks.json``.

The HTTP endpoint (``pyserverless.adapters``) calls ``jwks`` for that path; the region is
the pool id's prefix (``us-east-1_AbC...``), as in ``https://cognito-idp.{region}...``.

>>> from pyserverless import Cloud, ManualClock
>>> cloud = Cloud(clock=ManualClock())
>>> pool = cloud.cognito.create_user_pool("p")
>>> status, headers, body = jwks(cloud, None, pool.id)
>>> status, headers["Content-Type"], body.startswith(b'{"keys": [{"alg": "RS256"')
(200, 'application/json', True)
>>> jwks(cloud, None, "us-east-1_nothere")[0]
404
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._errors import ResourceNotFoundException

__all__ = ["jwks"]


def jwks(cloud: Any, request: Any, UserPoolId: str) -> tuple[int, Mapping[str, str], bytes]:
    """``(status, headers, body)`` of the pool's JWKS, or 404 for an unknown pool."""
    region = UserPoolId.split("_", 1)[0]
    try:
        keys = cloud.engine("cognito-idp", region).pool_jwks(UserPoolId)
    except (ResourceNotFoundException, ValueError):
        body = json.dumps({"message": f"User pool {UserPoolId} does not exist."}).encode()
        return 404, {"Content-Type": "application/json"}, body
    return 200, {"Content-Type": "application/json"}, json.dumps(keys).encode()
