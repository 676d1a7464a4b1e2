"""The STS engine: who the caller is, and temporary credentials on the Cloud's clock.

Credentials from AssumeRole, AssumeRoleWithWebIdentity and GetSessionToken are
remembered (one store per Cloud, whatever the Region) with their expiry;
:meth:`STS.credentials_for` tells who a key stands for. Trust policies are not
evaluated yet (the role must exist; a web identity must match a Federated principal).

>>> from pyserverless import Cloud
>>> STS(Cloud.manual(), "eu-west-1").get_caller_identity({})["UserId"]
'123456789012'
"""

from __future__ import annotations

import base64
import json
import string
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ..iam import MalformedPolicyDocumentException as IamMalformed
from ._errors import (
    AccessDenied,
    ExpiredTokenException,
    InvalidIdentityTokenException,
    InvalidParameterValue,
    MalformedPolicyDocumentException,
    PackedPolicyTooLargeException,
    ValidationError,
)
from ._limits import STSLimits
from ._model import Caller, Session, STSState

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ..iam import IAM

__all__ = ["STS"]

_SECRET = string.ascii_letters + string.digits + "+/"
#: Identity providers STS knows without a registered OpenID Connect provider.
_BUILT_IN = frozenset(
    {
        "cognito-identity.amazonaws.com",
        "accounts.google.com",
        "graph.facebook.com",
        "www.amazon.com",
    }
)
_UNEMULATED = ("SerialNumber", "TokenCode", "ProvidedContexts", "MinimumSessionTokenSize")


class STS:
    """STS for one Region of a Cloud (every Region's engine shares the Cloud's sessions)."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.account_id = cloud.account_id
        self.region = region
        self.limits: STSLimits = cloud.limits.for_service("sts")
        built = cloud.regions_with("sts")
        self.home = built[0] if built else region
        self._state: STSState | None = STSState() if self.home == region else None

    @property
    def state(self) -> STSState:
        """The Cloud's one STS state."""
        if self._state is not None:
            return self._state
        home: STS = self.cloud.engine("sts", self.home)
        return home.state

    @property
    def lock(self) -> Any:
        return self.state.lock

    @property
    def _iam(self) -> IAM:
        return self.cloud.engine("iam", self.region)  # type: ignore[no-any-return]

    # -- who is calling ----------------------------------------------------------------
    def _root(self) -> Caller:
        partition = "aws-cn" if self.region.startswith("cn-") else "aws"
        return Caller("root", f"arn:{partition}:iam::{self.account_id}:root", self.account_id,
                      self.account_id)  # fmt: skip

    def credentials_for(self, access_key_id: str | None) -> Caller | None:
        """Who ``access_key_id`` stands for: a live STS session or an IAM user's active key.

        None for a key this Cloud never issued (the doors treat it as the account's
        root) or for expired temporary credentials.

        >>> from pyserverless import Cloud
        >>> Cloud.manual().engine("sts").credentials_for("AKIAEXAMPLE") is None
        True
        """
        if not access_key_id:
            return None
        session = self.state.sessions.get(access_key_id)
        if session is not None:
            expiry = session.caller.expiration
            return None if expiry is not None and self.cloud.now() >= expiry else session.caller
        if not self.cloud.regions_with("iam"):  # no IAM yet: no users, no keys
            return None
        user = self._iam.user_for_key(access_key_id)
        if user is None:
            return None
        return Caller("user", user.arn, user.user_id, self.account_id)

    def secret_for(self, access_key_id: str) -> str | None:
        """The secret of a live STS session or of an IAM user's active access key (what a
        door verifying signatures checks with), or None."""
        session = self.state.sessions.get(access_key_id)
        if session is not None:
            return session.secret if self.credentials_for(access_key_id) is not None else None
        if not self.cloud.regions_with("iam"):
            return None
        secret: str | None = self._iam.secret_for_key(access_key_id)
        return secret

    def _caller(self, access_key_id: str | None) -> Caller:
        if access_key_id and access_key_id in self.state.sessions:
            caller = self.credentials_for(access_key_id)
            if caller is None:
                raise ExpiredTokenException("The security token included in the request is expired")
            return caller
        return self.credentials_for(access_key_id) or self._root()

    def get_caller_identity(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """GetCallerIdentity: the caller's user id, account and ARN."""
        who = self._caller(caller)
        return {"UserId": who.user_id, "Account": who.account, "Arn": who.arn}

    def get_access_key_info(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetAccessKeyInfo: the account a key belongs to (this Cloud's, for any key)."""
        return {"Account": self.account_id}

    # -- issuing credentials -----------------------------------------------------------
    def _issue(self, caller: Caller) -> dict[str, Any]:
        ids = self.cloud.ids
        key = "ASIA" + ids.alnum(16, upper=True)
        secret = ids.choice(_SECRET, 40)
        token = "IQoJb3JpZ2luX2VjE" + base64.b64encode(ids.token_bytes(300)).decode()
        with self.lock:
            self.state.sessions[key] = Session(key, secret, token, caller)
        return {
            "AccessKeyId": key,
            "SecretAccessKey": secret,
            "SessionToken": token,
            "Expiration": caller.expiration,
        }

    def _refuse_unemulated(self, params: dict[str, Any]) -> None:
        for name in _UNEMULATED:
            if name in params:
                raise ValidationError(f"{name} is not supported by this emulation of STS")

    def _session_policy(
        self, params: dict[str, Any]
    ) -> tuple[dict[str, object] | None, int | None]:
        text = params.get("Policy")
        arns = params.get("PolicyArns") or []
        tags = params.get("Tags") or []
        if len(arns) > self.limits.max_policy_arns or len(tags) > self.limits.max_session_tags:
            raise PackedPolicyTooLargeException(
                "Packed size of consolidated policies and tags exceeds the limit."
            )
        document = None
        size = 0
        if text is not None:
            try:
                document = self._iam.policy_document(text)
            except IamMalformed as err:
                raise MalformedPolicyDocumentException(err.message) from None
            size = len(text)
        if text is None and not arns and not tags:
            return None, None
        size += sum(len(a.get("arn") or "") for a in arns) + sum(
            len(t["Key"]) + len(t["Value"]) for t in tags
        )
        packed = -(-size * 100 // self.limits.max_session_policy)  # [?] a percentage, rounded up
        if packed > 100:
            raise PackedPolicyTooLargeException(
                f"Packed size of consolidated policies and tags exceeds the limit ({packed}%)."
            )
        return document, packed

    def _duration(self, params: dict[str, Any], role_max: int, chained: bool) -> int:
        seconds: int = params.get("DurationSeconds", self.limits.default_role_seconds)
        if chained and seconds > self.limits.role_chaining_max_seconds:
            raise ValidationError(
                "The requested DurationSeconds exceeds the 1 hour session limit for roles "
                "assumed by role chaining."
            )
        if seconds > role_max:
            raise ValidationError(
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
            )
        return seconds

    def assume_role(self, params: dict[str, Any], caller: str | None = None) -> dict[str, Any]:
        """AssumeRole: temporary credentials for an existing role."""
        self._refuse_unemulated(params)
        who = self._caller(caller)
        arn = params["RoleArn"]
        if not _arn_shaped(arn):
            raise ValidationError(f"{arn} is invalid")
        tags, transitive = _session_tags(params, who)
        role = self._iam.role_by_arn(arn)
        if role is None:
            raise AccessDenied(
                f"User: {who.arn} is not authorized to perform: sts:AssumeRole on resource: {arn}"
            )
        seconds = self._duration(params, role.max_session, who.kind == "assumed-role")
        policy, packed = self._session_policy(params)
        name = params["RoleSessionName"]
        return self._assumed(
            role, name, seconds, policy, packed, tags, params.get("SourceIdentity"), transitive
        )

    def _assumed(self, role: Any, name: str, seconds: int, policy: dict[str, object] | None,
                 packed: int | None, tags: tuple[tuple[str, str], ...] = (),
                 source: str | None = None,
                 transitive: tuple[str, ...] = ()) -> dict[str, Any]:  # fmt: skip
        now = self.cloud.now()
        user = {
            "AssumedRoleId": f"{role.role_id}:{name}",
            "Arn": f"arn:aws:sts::{self.account_id}:assumed-role/{role.name}/{name}",
        }
        caller = Caller(
            "assumed-role", user["Arn"], user["AssumedRoleId"], self.account_id, role.arn,
            (now + timedelta(seconds=seconds)).replace(microsecond=0), policy, tags, transitive,
        )  # fmt: skip
        with self._iam.lock:
            role.last_used, role.last_region = now, self.region
        out: dict[str, Any] = {"Credentials": self._issue(caller), "AssumedRoleUser": user}
        if packed is not None:
            out["PackedPolicySize"] = packed
        if source is not None:
            out["SourceIdentity"] = source
        return out

    def role_session(
        self, role_arn: str, session_name: str, seconds: int = 3600
    ) -> dict[str, Any] | None:
        """Credentials of a session of the role ``role_arn`` for a service acting as it (Lambda
        giving a handler its execution role), or None when no role has that ARN.

        The answer is AssumeRole's (``Credentials``, ``AssumedRoleUser``); no caller or
        trust policy is checked and the role's maximum session does not apply (services
        renew their sessions themselves).

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> role = cloud.iam.role("fn")
        >>> cloud.engine("sts").role_session(role.arn, "my-function")["AssumedRoleUser"]["Arn"]
        'arn:aws:sts::123456789012:assumed-role/fn/my-function'
        """
        role = self._iam.role_by_arn(role_arn)
        if role is None:
            return None
        return self._assumed(role, session_name, seconds, None, None)

    def assume_role_with_web_identity(self, params: dict[str, Any]) -> dict[str, Any]:
        """AssumeRoleWithWebIdentity: credentials for a role a web identity provider's user
        may assume (the token is read, not verified: no OIDC provider is registered)."""
        self._refuse_unemulated(params)
        claims = _claims(params["WebIdentityToken"])
        now = self.cloud.now()
        exp = claims.get("exp")
        if isinstance(exp, int | float) and exp <= now.timestamp():
            raise ExpiredTokenException("Token expired: current date/time must be before the "
                                        "expiration date/time.")  # fmt: skip
        iss = str(claims.get("iss", ""))
        issuer = iss.removeprefix("https://").rstrip("/")
        provider = params.get("ProviderId") or issuer
        audiences = _audiences(claims)
        if issuer not in _BUILT_IN:  # an OpenID Connect provider the account registered
            accepted = self._iam.oidc_client_ids(issuer)
            if accepted is None:
                raise InvalidIdentityTokenException(
                    f"No OpenIDConnect provider found in your account for {iss}"
                )
            if not set(audiences) & set(accepted):
                raise InvalidIdentityTokenException("Incorrect token audience")
            principal = f"arn:aws:iam::{self.account_id}:oidc-provider/{issuer}"
        else:
            principal = issuer
        role = self._iam.role_by_arn(params["RoleArn"])
        federated = self._iam.trusted_principals(params["RoleArn"], "Federated")
        if role is None or principal not in federated:
            raise AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity")
        seconds = self._duration(params, role.max_session, False)
        policy, packed = self._session_policy(params)
        out = self._assumed(role, params["RoleSessionName"], seconds, policy, packed)
        out["SubjectFromWebIdentityToken"] = str(claims.get("sub", ""))
        out["Provider"] = provider
        out["Audience"] = audiences[0] if audiences else ""
        return out

    def get_federation_token(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """GetFederationToken: credentials for a federated user named by the caller."""
        self._refuse_unemulated(params)
        who = self._caller(caller)
        if who.kind in ("assumed-role", "session", "federated-user"):
            raise AccessDenied("Cannot call GetFederationToken with session credentials")
        seconds: int = params.get("DurationSeconds", self.limits.default_session_seconds)
        if who.kind == "root":
            seconds = min(seconds, self.limits.root_session_max_seconds)
        policy, packed = self._session_policy(params)
        name = params["Name"]
        user = {
            "FederatedUserId": f"{self.account_id}:{name}",
            "Arn": f"arn:aws:sts::{self.account_id}:federated-user/{name}",
        }
        expiry = (self.cloud.now() + timedelta(seconds=seconds)).replace(microsecond=0)
        tags = tuple((t["Key"], t["Value"]) for t in params.get("Tags") or ())
        federated = Caller(
            "federated-user", user["Arn"], user["FederatedUserId"], self.account_id,
            expiration=expiry, policy=policy, tags=tags,
        )  # fmt: skip
        out: dict[str, Any] = {"Credentials": self._issue(federated), "FederatedUser": user}
        # GetFederationToken always answers PackedPolicySize, 0 without a policy or tags
        # (the LocalStack suite's capture from AWS, test_get_federation_token, 2024-06).
        out["PackedPolicySize"] = 0 if packed is None else packed
        return out

    def get_session_token(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """GetSessionToken: temporary credentials for the calling user (or root)."""
        self._refuse_unemulated(params)
        who = self._caller(caller)
        if who.kind in ("assumed-role", "session", "federated-user"):
            raise AccessDenied("Cannot call GetSessionToken with session credentials")
        seconds: int = params.get("DurationSeconds", self.limits.default_session_seconds)
        if who.kind == "root":
            seconds = min(seconds, self.limits.root_session_max_seconds)
        expiry = (self.cloud.now() + timedelta(seconds=seconds)).replace(microsecond=0)
        session = Caller("session", who.arn, who.user_id, who.account, expiration=expiry)
        return {"Credentials": self._issue(session)}


def _claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, unverified; InvalidIdentityToken if it is not one."""
    parts = token.split(".")
    try:
        if len(parts) != 3:
            raise ValueError
        payload = parts[1] + "=" * (-len(parts[1]) % 4)
        claims = json.loads(base64.urlsafe_b64decode(payload))
        if not isinstance(claims, dict):
            raise ValueError
    except ValueError:
        raise InvalidIdentityTokenException(
            "The ID Token provided is not a valid JWT. (You may "
            "see this error if you sent an Access Token)"
        ) from None
    return claims


def _audiences(claims: dict[str, Any]) -> list[str]:
    aud = claims.get("aud")
    if isinstance(aud, list):
        return [str(a) for a in aud]
    return [str(aud)] if aud else []


def _arn_shaped(arn: str) -> bool:
    """Whether AssumeRole's RoleArn has an ARN's six parts with a partition, a service and
    a resource (region and account may be empty): STS answers "<arn> is invalid" otherwise
    (the LocalStack suite's captures from AWS, test_sts_invalid_parameters, 2025-07)."""
    parts = arn.split(":", 5)
    return len(parts) == 6 and parts[0] == "arn" and all((parts[1], parts[2], parts[5]))


#: [O] STS's session-tag refusals (the LocalStack suite's captures from AWS, 2025-04).
_NOT_IN_TAGS = "The specified transitive tag key must be included in the requested tags."
_DUPLICATE_KEYS = "Duplicate tag keys found. Please note that Tag keys are case insensitive."
_TRANSITIVE_CONFLICT = (
    "One of the specified transitive tag keys can't be set because it conflicts with a "
    "transitive tag key from the calling session."
)


def _session_tags(
    params: dict[str, Any], who: Caller
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """AssumeRole's session tags and transitive keys: the request's, after those a chained
    caller passes on (transitive tags carry over in role chaining and can't be reset)."""
    asked = [(str(t["Key"]), str(t["Value"])) for t in params.get("Tags") or ()]
    keys = [k.lower() for k, _ in asked]
    if len(set(keys)) != len(keys):
        raise InvalidParameterValue(_DUPLICATE_KEYS)
    transitive = [str(k) for k in params.get("TransitiveTagKeys") or ()]
    if any(k.lower() not in keys for k in transitive):
        raise InvalidParameterValue(_NOT_IN_TAGS)
    passed_keys = {k.lower() for k in who.transitive} if who.kind == "assumed-role" else set()
    if passed_keys & set(keys):
        raise InvalidParameterValue(_TRANSITIVE_CONFLICT)
    passed = tuple((k, v) for k, v in who.tags if k.lower() in passed_keys)
    carried = tuple(k for k in who.transitive if k.lower() in passed_keys)
    return passed + tuple(asked), carried + tuple(transitive)
