"""What STS remembers: the temporary credentials it issued, with their expiry."""

from __future__ import annotations

import threading
from datetime import datetime

import attrs

__all__ = ["Caller", "STSState", "Session"]


@attrs.frozen
class Caller:
    """Who a set of credentials stands for (what GetCallerIdentity answers).

    ``kind`` is ``"root"``, ``"user"``, ``"assumed-role"`` (AssumeRole and
    AssumeRoleWithWebIdentity), ``"session"`` (a user's GetSessionToken) or
    ``"federated-user"`` (GetFederationToken).
    """

    kind: str
    arn: str
    user_id: str
    account: str
    #: The role's ARN, for an assumed role.
    role_arn: str | None = None
    #: When the credentials stop working (None: long-term credentials).
    expiration: datetime | None = None
    #: The session policy, parsed, for the evaluation to come (None: no session policy).
    policy: dict[str, object] | None = None
    #: Session tags (AssumeRole's ``Tags``, with those a chained session inherits).
    tags: tuple[tuple[str, str], ...] = ()
    #: The keys of the tags that pass on when this session assumes a role (transitive).
    transitive: tuple[str, ...] = ()


@attrs.frozen
class Session:
    """Temporary credentials and the caller they stand for."""

    access_key_id: str
    secret: str
    token: str
    caller: Caller


@attrs.define(eq=False)
class STSState:
    """Every temporary credential STS issued in this Cloud, by access key id."""

    sessions: dict[str, Session] = attrs.field(factory=dict)
    lock: threading.RLock = attrs.field(factory=threading.RLock)
