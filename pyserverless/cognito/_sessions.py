"""What a pool keeps between calls of one sign-in, and behind a refresh token."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["AuthSession", "RefreshSession", "SrpState"]


@attrs.frozen
class AuthSession:
    """State kept between InitiateAuth and RespondToAuthChallenge."""

    username: str
    client_id: str
    challenge: str
    expires: float
    flow: str
    #: For custom auth: the rounds so far and the private challenge parameters.
    history: tuple[dict[str, Any], ...] = ()
    private: Mapping[str, str] = attrs.field(factory=dict)
    #: The SMS MFA code sent, if any.
    code: str | None = None
    #: The ``challengeMetadata`` CreateAuthChallenge returned, for the next round.
    metadata: str | None = None
    #: A CUSTOM_AUTH run for a name that matches nobody (PreventUserExistenceErrors=ENABLED):
    #: ``username`` is the name as given, and the flow can only fail in the end.
    user_not_found: bool = False
    #: For DEVICE_SRP_AUTH: the remembered device presented with the password.
    device_key: str | None = None


@attrs.define(eq=False)
class RefreshSession:
    """What an opaque refresh token stands for."""

    username: str
    sub: str
    client_id: str
    origin_jti: str
    event_id: str
    auth_time: int
    expires: float
    revoked: bool = False
    #: The device the sign-in was made on (its access tokens carry ``device_key``).
    device_key: str | None = None


@attrs.frozen
class SrpState:
    """The pool's side of an SRP exchange, found again by its ``SECRET_BLOCK``."""

    username: str
    client_id: str
    key: bytes = attrs.field(repr=False)
    expires: float
    #: Set for a DEVICE_SRP_AUTH exchange: the device being proved.
    device_key: str | None = None
