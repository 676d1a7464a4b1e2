"""SigV4 verification for the HTTP door (``pyserverless serve --verify-signatures``).

Off by default: the endpoint then checks only that a request carries a complete
signature (:func:`~pyserverless.adapters._wire.auth_problem`), as local emulators
usually do. With verification on, the door recomputes the signature of each
header-signed request with the secret of the access key it names, using botocore's
own SigV4 signer over the canonical request (method, the path as sent, query,
the signed headers, the body's SHA-256), and answers as AWS does:

* an access key the server does not know: ``UnrecognizedClientException``,
  "The security token included in the request is invalid.";
* a signature that does not match: ``InvalidSignatureException``, "The request
  signature we calculated does not match the signature you provided. ...".

The keys are the server's (``testing``/``testing`` and any ``--access-key``); the
IAM issue will give the Cloud its own. Requests signed in the query string
(presigned URLs) are refused with ``InvalidSignatureException`` while verifying:
this door does not check them yet.

>>> from pyserverless.adapters import WireRequest
>>> url = "http://localhost:4566/"
>>> signed = sign("POST", url, {"x-amz-target": "T"}, b"{}", "testing", "testing")
>>> signature_problem(WireRequest("POST", "/", signed, b"{}"), {"testing": "testing"}) is None
True
>>> signature_problem(WireRequest("POST", "/", signed, b"{ }"), {"testing": "testing"})[0]
'InvalidSignatureException'
>>> signature_problem(WireRequest("POST", "/", signed, b"{}"), {"other": "x"})[0]
'UnrecognizedClientException'
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._wire import WireRequest

__all__ = ["BAD_SIGNATURE", "EXPIRED_TOKEN", "UNKNOWN_KEY", "sign", "signature_problem"]

UNKNOWN_KEY = "The security token included in the request is invalid."
EXPIRED_TOKEN = "The security token included in the request is expired"
BAD_SIGNATURE = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. Consult the service "
    "documentation for details."
)
_PARAM = re.compile(r"([A-Za-z-]+)=([^,\s]*)")
_STAMP = re.compile(r"^\d{8}T\d{6}Z$")


def signature_problem(request: WireRequest, secrets: Mapping[str, str]) -> tuple[str, str] | None:
    """AWS's (code, message) when the request's SigV4 signature does not verify, else None.

    Call it after the presence checks: the header is there and complete.
    """
    auth = request.headers.get("authorization")
    if auth is None:
        return "InvalidSignatureException", BAD_SIGNATURE  # query-signed: not verified here
    _, _, rest = auth.strip().partition(" ")
    params = dict(_PARAM.findall(rest))
    scope = params.get("Credential", "").split("/")
    if len(scope) != 5:
        return "InvalidSignatureException", BAD_SIGNATURE
    key, _day, region, service, _ = scope
    secret = secrets.get(key)
    if secret is None:
        if _expired(secrets, key):
            return "ExpiredTokenException", EXPIRED_TOKEN
        return "UnrecognizedClientException", UNKNOWN_KEY
    stamp = _timestamp(request)
    if stamp is None:
        return "InvalidSignatureException", BAD_SIGNATURE
    names = [n for n in params.get("SignedHeaders", "").split(";") if n]
    headers = {n: request.headers.get(n, "") for n in names}
    host = request.headers.get("host", "localhost")
    path = request.raw_path or request.path
    url = f"http://{host}{path}" + (f"?{request.query}" if request.query else "")
    expected = _signature(
        request.method, url, headers, request.body, key, secret, region, service, stamp
    )
    if not hmac.compare_digest(expected, params.get("Signature", "")):
        return "InvalidSignatureException", BAD_SIGNATURE
    return None


def _timestamp(request: WireRequest) -> str | None:
    stamp = request.headers.get("x-amz-date")
    if stamp and _STAMP.match(stamp):
        return stamp
    date = request.headers.get("date")
    if date:
        try:
            return parsedate_to_datetime(date).strftime("%Y%m%dT%H%M%SZ")
        except (TypeError, ValueError):
            return None
    return None


def _signature(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    key: str,
    secret: str,
    region: str,
    service: str,
    stamp: str,
) -> str:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
    request.context["timestamp"] = stamp
    signer = SigV4Auth(Credentials(key, secret), service, region)
    canonical = signer.canonical_request(request)
    return str(signer.signature(signer.string_to_sign(request, canonical), request))


def sign(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    key: str,
    secret: str,
    region: str = "us-east-1",
    service: str = "dynamodb",
) -> dict[str, str]:
    """``headers`` with a SigV4 ``authorization`` (and ``x-amz-date``, ``host``) added:
    a request as an SDK signs it, for tests and raw clients."""
    from urllib.parse import urlsplit

    stamp = "20250101T000000Z"
    signed = {k.lower(): v for k, v in headers.items()}
    signed["host"] = urlsplit(url).netloc
    signed["x-amz-date"] = stamp
    value = _signature(method, url, signed, body, key, secret, region, service, stamp)
    names = ";".join(sorted(signed))
    signed["authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={key}/{stamp[:8]}/{region}/{service}/aws4_request, "
        f"SignedHeaders={names}, Signature={value}"
    )
    return signed


def _expired(secrets: Mapping[str, str], key: str) -> bool:
    """Whether the secrets know ``key`` as an expired STS session (``CloudSecrets``)."""
    expired = getattr(secrets, "expired", None)
    return bool(expired(key)) if expired is not None else False
