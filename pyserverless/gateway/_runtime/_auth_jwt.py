"""Token authorizers: a REST API's Cognito user pool authorizer and an HTTP API's JWT
authorizer (aws-facts C6, D1, D2).

Both verify RS256 tokens against the issuing pool's JSON Web Key Set, read from the
Cognito engine of the same Cloud (``pool_jwks``, ``client_description``): nothing goes
over the network. An issuer that is not a Cognito user pool of this Cloud cannot be
reached and its tokens are refused (401). Times are read from the Cloud's clock.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

__all__ = ["Refused", "TokenVerifier", "http_claims", "rest_claims", "token_scopes"]

_ISSUER = re.compile(r"^https://cognito-idp\.([a-z0-9-]+)\.amazonaws\.com/([\w-]+_[0-9a-zA-Z]+)$")
_POOL_ARN = re.compile(
    r"^arn:aws[\w-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool/([\w-]+_[0-9a-zA-Z]+)$"
)
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PKCS1 = padding.PKCS1v15()
_SHA256 = hashes.SHA256()
#: Public keys built from JWKS entries, kept per Cloud (a JWK is immutable: its n and e
#: are the key); bounded so that a churn of pools cannot grow it without end.
_MAX_KEYS = 256
_MAX_TOKENS = 4096

EXPIRED = "the token has expired"
BAD_AUDIENCE = "the token does not have a valid audience"


class Refused(Exception):
    """A token that does not verify; ``description`` says why (an HTTP API sends it in
    ``www-authenticate``), ``expired`` marks an expired one."""

    def __init__(self, description: str, *, expired: bool = False) -> None:
        super().__init__(description)
        self.description = description
        self.expired = expired


def _segment(text: str) -> Any:
    if "=" in text or "+" in text or "/" in text:
        raise Refused("invalid token")
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Refused("invalid token") from None


def _int_of(value: str) -> int:
    return int.from_bytes(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)), "big")


def issuer_pool(issuer: str) -> tuple[str, str] | None:
    """The (Region, pool id) of a Cognito issuer URL, or None for any other issuer.

    >>> issuer_pool("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC")
    ('eu-west-1', 'eu-west-1_AbC')
    >>> issuer_pool("https://example.com/") is None
    True
    """
    found = _ISSUER.match(issuer)
    return (found.group(1), found.group(2)) if found else None


def pool_of_arn(arn: str) -> tuple[str, str] | None:
    """The (Region, pool id) of a user pool ARN, or None."""
    found = _POOL_ARN.match(arn)
    return (found.group(1), found.group(2)) if found else None


class TokenVerifier:
    """Checks RS256 tokens of this Cloud's user pools: form, ``kid``, signature,
    issuer and the time claims (``exp`` in the future, ``nbf`` and ``iat`` not)."""

    def __init__(self, cloud: Any, jwks_seconds: float = 0) -> None:
        self.cloud = cloud
        self.jwks_seconds = jwks_seconds
        #: Key sets read from the pools: (Region, pool id) -> (read at, keys by kid).
        self._jwks: dict[tuple[str, str], tuple[float, dict[str, dict[str, str]]]] = {}
        self._keys: dict[tuple[str, str], rsa.RSAPublicKey] = {}
        #: Tokens whose signature verified, by (token, the key's modulus): the RSA check
        #: is a pure function of the two, so a token seen again skips it (the claims are
        #: still checked against the clock on every request).
        self._verified: dict[tuple[str, str], dict[str, Any]] = {}
        self._lock = threading.Lock()

    def cognito(self, region: str) -> Any:
        """The Cognito engine of ``region`` (``Refused`` when the Cloud has none there)."""
        try:
            return self.cloud.engine("cognito-idp", region)
        except (ValueError, KeyError):
            raise Refused("the token's issuer is not reachable") from None

    def _public_key(self, jwk: Mapping[str, str]) -> rsa.RSAPublicKey:
        ident = (jwk["n"], jwk["e"])
        key = self._keys.get(ident)
        if key is None:
            key = rsa.RSAPublicNumbers(_int_of(jwk["e"]), _int_of(jwk["n"])).public_key()
            with self._lock:
                if len(self._keys) >= _MAX_KEYS:
                    self._keys.clear()
                self._keys[ident] = key
        return key

    def claims(self, token: str, issuer: str, now: float) -> dict[str, Any]:
        """The claims of ``token`` once it verifies as issued by ``issuer`` at ``now``."""

        place = issuer_pool(issuer)
        if place is None:
            raise Refused("the token's issuer is not reachable")
        parts = token.split(".")
        if len(parts) != 3:
            raise Refused("invalid token")
        header = _segment(parts[0])
        if not isinstance(header, dict):
            raise Refused("invalid token")
        if header.get("alg") != "RS256":
            raise Refused("unsupported signing method")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise Refused("the token's key is not in the issuer's key set")
        jwk = self._key_set(place, now, fresh=False).get(kid)
        if jwk is None:  # a key the cached set lacks: read the set again
            jwk = self._key_set(place, now, fresh=True).get(kid)
        if jwk is None:
            raise Refused("the token's key is not in the issuer's key set")
        claims = self._verified.get((token, jwk["n"]))
        if claims is None:
            claims = self._verify(parts, jwk)
            with self._lock:
                if len(self._verified) >= _MAX_TOKENS:
                    self._verified.clear()
                self._verified[(token, jwk["n"])] = claims
        if claims.get("iss") != issuer:
            raise Refused("the token does not have a valid issuer")
        _check_times(claims, now)
        return claims

    def _key_set(
        self, place: tuple[str, str], now: float, *, fresh: bool
    ) -> dict[str, dict[str, str]]:
        """A pool's keys by ``kid``, from the cache unless stale or ``fresh``."""
        from ...errors import AWSError

        held = self._jwks.get(place)
        if held is not None and not fresh and now - held[0] < self.jwks_seconds:
            return held[1]
        try:
            jwks = self.cognito(place[0]).pool_jwks(place[1])
        except AWSError:
            raise Refused("the token's issuer is not reachable") from None
        keys = {str(k.get("kid")): k for k in jwks["keys"]}
        with self._lock:
            self._jwks[place] = (now, keys)
        return keys

    def _verify(self, parts: list[str], jwk: Mapping[str, str]) -> dict[str, Any]:
        """The claims of a token whose RS256 signature verifies under ``jwk``."""
        claims = _segment(parts[1])
        if not isinstance(claims, dict):
            raise Refused("invalid token")
        try:
            signature = base64.urlsafe_b64decode(parts[2] + "=" * (-len(parts[2]) % 4))
            self._public_key(jwk).verify(
                signature, f"{parts[0]}.{parts[1]}".encode(), _PKCS1, _SHA256
            )
        except (InvalidSignature, ValueError, binascii.Error):
            raise Refused("the token's signature is invalid") from None
        return claims


def _check_times(claims: Mapping[str, Any], now: float) -> None:
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)) or isinstance(exp, bool) or exp <= now:
        raise Refused(EXPIRED, expired=True)
    for name in ("nbf", "iat"):
        value = claims.get(name)
        if value is not None and (not isinstance(value, (int, float)) or value > now):
            raise Refused("the token is not valid yet")


def token_scopes(claims: Mapping[str, Any]) -> list[str]:
    """The scopes a token carries (``scope``, space-separated, or ``scp``)."""
    for name in ("scope", "scp"):
        value = claims.get(name)
        if isinstance(value, str):
            return value.split()
        if isinstance(value, list):
            return [str(v) for v in value]
    return []


def _java_date(seconds: Any) -> str:
    """``Thu Dec 06 17:08:23 UTC 2018``: how a REST API shows ``exp`` and ``iat``."""
    try:
        when = datetime.fromtimestamp(int(seconds), UTC)
    except (OverflowError, OSError, ValueError):  # past the calendar: shown as a number
        return str(seconds)
    return (
        f"{_DAYS[when.weekday()]} {_MONTHS[when.month - 1]} {when.day:02d} "
        f"{when:%H:%M:%S} UTC {when.year}"
    )


def _text(value: Any, joiner: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        items = [_text(v, joiner) for v in value]
        return ",".join(items) if joiner == "," else "[" + " ".join(items) + "]"
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def rest_claims(claims: Mapping[str, Any]) -> dict[str, str]:
    """Claims as a REST API's ``requestContext.authorizer.claims`` shows them: every
    value a string, ``exp``/``iat`` as dates, lists comma-joined.

    >>> rest_claims({"exp": 1544116103, "auth_time": 1, "cognito:groups": ["a", "b"]})
    {'exp': 'Thu Dec 06 17:08:23 UTC 2018', 'auth_time': '1', 'cognito:groups': 'a,b'}
    """
    out = {}
    for name, value in claims.items():
        if name in ("exp", "iat") and isinstance(value, int):
            out[name] = _java_date(value)
        else:
            out[name] = _text(value, ",")
    return out


def http_claims(claims: Mapping[str, Any]) -> dict[str, str]:
    """Claims as an HTTP API's ``requestContext.authorizer.jwt.claims`` shows them:
    every value a string, lists as ``[a b]``.

    >>> http_claims({"exp": 1, "cognito:groups": ["a", "b"], "email_verified": True})
    {'exp': '1', 'cognito:groups': '[a b]', 'email_verified': 'true'}
    """
    return {name: _text(value, " ") for name, value in claims.items()}


def audience_ok(claims: Mapping[str, Any], audience: Sequence[str]) -> bool:
    """``aud`` (a string or a list) names one of ``audience``; ``client_id`` is used
    only when ``aud`` is absent (a Cognito access token)."""
    if "aud" in claims:
        aud = claims["aud"]
        names = aud if isinstance(aud, list) else [aud]
    else:
        names = [claims.get("client_id")]
    return any(isinstance(n, str) and n in audience for n in names)
