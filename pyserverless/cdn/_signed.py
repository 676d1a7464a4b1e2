"""Signed URLs and signed cookies: CloudFront's check of a request to a restricted behavior.

A behavior with trusted key groups answers 403 unless the request carries a valid
signature, either in its query (``Expires`` or ``Policy``, ``Signature``,
``Key-Pair-Id``, optionally ``Hash-Algorithm``) or, when the query has none, in
cookies (``CloudFront-Expires`` or ``CloudFront-Policy``, ``CloudFront-Signature``,
``CloudFront-Key-Pair-Id``, ``CloudFront-Hash-Algorithm``).

A canned policy is rebuilt from the URL and ``Expires``; a custom policy travels in
the request, base64 with CloudFront's alphabet (``-`` ``_`` ``~`` for ``+`` ``=``
``/``). The signature is RSA (PKCS #1 v1.5) or ECDSA over the policy's bytes, with
SHA-1 unless ``Hash-Algorithm=SHA256``. The refusals are CloudFront's XML errors.

>>> print(refusal("InvalidKey").body.decode()[38:])
<Error><Code>InvalidKey</Code><Message>Unknown Key</Message></Error>
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
import ipaddress
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from .._core.text import digits
from ._keys import load_key

if TYPE_CHECKING:
    from ._model import PolicyRecord

__all__ = ["SignedRequest", "check", "refusal"]

#: CloudFront's refusals: code -> message ([O] captured from CloudFront's 403 bodies).
_MESSAGES = {
    "MissingKey": "Missing Key-Pair-Id query parameter or cookie value",
    "InvalidKey": "Unknown Key",
    "MalformedSignature": "Could not unencode Signature",
    "MalformedPolicy": "Malformed Policy",
    "AccessDenied": "Access denied",
}
_URL_PARAMS = frozenset({"Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"})
_UNSAFE = str.maketrans("-_~", "+=/")
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {"SHA1": hashes.SHA1, "SHA256": hashes.SHA256}


class SignedRequest:
    """What the check needs of a viewer request (kept apart from the pipeline's types)."""

    __slots__ = ("cookies", "hosts", "path", "query", "scheme", "viewer_ip")

    def __init__(
        self,
        scheme: str,
        hosts: tuple[str, ...],
        path: str,
        query: str,
        cookies: Mapping[str, str],
        viewer_ip: str,
    ) -> None:
        self.scheme = scheme
        self.hosts = hosts
        self.path = path
        self.query = query
        self.cookies = cookies
        self.viewer_ip = viewer_ip


class Refusal:
    """A 403 answer: CloudFront's XML error body."""

    __slots__ = ("body", "code")

    def __init__(self, code: str) -> None:
        self.code = code
        self.body = (
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>'
            f"{code}</Code><Message>{_MESSAGES[code]}</Message></Error>"
        ).encode()


def refusal(code: str) -> Refusal:
    """The 403 CloudFront answers with ``code``."""
    return Refusal(code)


def _decode(text: str) -> bytes | None:
    try:
        return base64.b64decode(text.translate(_UNSAFE).encode(), validate=True)
    except (binascii.Error, ValueError):
        return None


def _fields(req: SignedRequest) -> tuple[dict[str, str], str]:
    """The signing fields (by their URL names) and the query without them."""
    pairs = parse_qsl(req.query, keep_blank_values=True)
    if any(k in ("Signature", "Key-Pair-Id", "Expires", "Policy") for k, _ in pairs):
        found = {k: v for k, v in pairs if k in _URL_PARAMS}
        # The base URL is the request's own query minus the signing parameters, as written.
        kept = "&".join(
            part
            for part in req.query.split("&")
            if part and part.partition("=")[0] not in _URL_PARAMS
        )
        return found, kept
    cookies = req.cookies
    found = {
        name: cookies[f"CloudFront-{name}"]
        for name in _URL_PARAMS
        if f"CloudFront-{name}" in cookies
    }
    return found, req.query


def check(
    req: SignedRequest,
    groups: tuple[str, ...],
    key_groups: Mapping[str, PolicyRecord],
    public_keys: Mapping[str, PolicyRecord],
    now: float,
) -> Refusal | None:
    """None when ``req`` is signed by a key of one of ``groups``, else CloudFront's 403."""
    found, query = _fields(req)
    key_id = found.get("Key-Pair-Id", "")
    if not key_id:
        return refusal("MissingKey")
    trusted = any(key_id in (key_groups[g].config.get("Items") or ()) for g in groups)
    record = public_keys.get(key_id) if trusted else None
    if record is None:
        return refusal("InvalidKey")
    signature = _decode(found.get("Signature", ""))
    if not signature:
        return refusal("MalformedSignature")
    algorithm = _HASHES.get(found.get("Hash-Algorithm", "SHA1"))
    if algorithm is None:
        return refusal("AccessDenied")  # [?] what an unknown Hash-Algorithm gets
    urls = [_url(req, host, query) for host in req.hosts]
    if "Policy" in found:
        raw = _decode(found["Policy"])
        policy = _parse(raw) if raw is not None else None
        if raw is None or policy is None:
            return refusal("MalformedPolicy")
        signed = raw
        if not _allows(policy, urls, req.viewer_ip, now):
            return refusal("AccessDenied")
    elif "Expires" in found and digits(found["Expires"]):
        expires = int(found["Expires"])
        if now >= expires:
            return refusal("AccessDenied")
        for url in urls:
            canned = _canned(url, expires)
            if _verifies(record.config["EncodedKey"], signature, canned, algorithm):
                return None
        return refusal("AccessDenied")
    else:
        return refusal("MalformedPolicy")  # [?] neither Policy nor a number in Expires
    if _verifies(record.config["EncodedKey"], signature, signed, algorithm):
        return None
    return refusal("AccessDenied")


def _url(req: SignedRequest, host: str, query: str) -> str:
    path = quote(req.path, safe="/%~!$&'()*+,;=:@")
    return f"{req.scheme}://{host}{path}" + (f"?{query}" if query else "")


def _canned(url: str, expires: int) -> bytes:
    """The canned policy CloudFront rebuilds: the exact bytes that were signed."""
    statement = {"Resource": url, "Condition": {"DateLessThan": {"AWS:EpochTime": expires}}}
    return json.dumps({"Statement": [statement]}, separators=(",", ":")).encode()


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        policy = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    statements = policy.get("Statement") if isinstance(policy, dict) else None
    if not isinstance(statements, list) or len(statements) != 1:
        return None
    statement = statements[0]
    if not isinstance(statement, dict) or not isinstance(statement.get("Condition"), dict):
        return None
    less = statement["Condition"].get("DateLessThan")
    if not isinstance(less, dict) or not isinstance(less.get("AWS:EpochTime"), int):
        return None  # a custom policy must say when it ends
    return statement


def _allows(statement: Mapping[str, Any], urls: list[str], ip: str, now: float) -> bool:
    condition = statement["Condition"]
    if now >= condition["DateLessThan"]["AWS:EpochTime"]:
        return False
    after = (condition.get("DateGreaterThan") or {}).get("AWS:EpochTime")
    if isinstance(after, int) and now <= after:
        return False
    source = (condition.get("IpAddress") or {}).get("AWS:SourceIp")
    if isinstance(source, str):
        try:
            if ipaddress.ip_address(ip) not in ipaddress.ip_network(source, strict=False):
                return False
        except ValueError:
            return False
    resource = statement.get("Resource")
    if resource is None:
        return True
    if not isinstance(resource, str):
        return False
    pattern = re.compile(fnmatch.translate(resource.replace("[", "[[]")))
    return any(pattern.fullmatch(url) for url in urls)


def _verifies(pem: str, signature: bytes, message: bytes, algorithm: type[Any]) -> bool:
    key = load_key(pem)
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, message, padding.PKCS1v15(), algorithm())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, message, ec.ECDSA(algorithm()))
        else:  # pragma: no cover - load_key admits only these two
            return False
    except InvalidSignature:
        return False
    return True
