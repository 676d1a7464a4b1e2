"""S3's SigV4 verification (``pyserverless serve --verify-signatures``): header-signed
requests and presigned URLs.

S3 signs differently from the JSON services: the path is not normalised, the payload's
hash is the ``x-amz-content-sha256`` header's value (``UNSIGNED-PAYLOAD`` and the
``STREAMING-...`` forms included), and a presigned URL carries the signature in the
query with ``UNSIGNED-PAYLOAD``. The canonical request is rebuilt from what was sent
with botocore's own S3 signer and compared; AWS's answers are ``InvalidAccessKeyId``
for an unknown key and ``SignatureDoesNotMatch`` for a wrong signature.

>>> from pyserverless.adapters import WireRequest
>>> bad = WireRequest("GET", "/b", {"authorization": "AWS4-HMAC-SHA256 x"})
>>> s3_signature_problem(bad, {})[0]
'SignatureDoesNotMatch'
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

if TYPE_CHECKING:
    from ._wire import WireRequest

__all__ = ["s3_signature_problem"]

_PARAM = re.compile(r"([A-Za-z-]+)=([^,\s]*)")
UNKNOWN_KEY = "The AWS Access Key Id you provided does not exist in our records."
EXPIRED_TOKEN = "The provided token has expired."
MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your key and signing method."
)


def s3_signature_problem(
    request: WireRequest, secrets: Mapping[str, str]
) -> tuple[str, str] | None:
    """AWS's (code, message) when ``request``'s S3 signature does not verify, else None."""
    auth = request.headers.get("authorization")
    query = parse_qsl(request.query, keep_blank_values=True) if request.query else []
    if (auth or "").startswith("AWS ") or (auth is None and "AWSAccessKeyId" in dict(query)):
        return _v2_problem(request, secrets, auth, dict(query))
    if auth is not None:
        params = dict(_PARAM.findall(auth.partition(" ")[2]))
        credential = params.get("Credential", "")
        names = params.get("SignedHeaders", "")
        given = params.get("Signature", "")
        stamp = request.headers.get("x-amz-date", "")
        payload = request.headers.get("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
        kept = query
    else:
        fields = dict(query)
        credential = fields.get("X-Amz-Credential", "")
        names = fields.get("X-Amz-SignedHeaders", "")
        given = fields.get("X-Amz-Signature", "")
        stamp = fields.get("X-Amz-Date", "")
        payload = "UNSIGNED-PAYLOAD"
        kept = [(k, v) for k, v in query if k != "X-Amz-Signature"]
    scope = credential.split("/")
    if len(scope) != 5:
        return "SignatureDoesNotMatch", MISMATCH
    key, _day, region, service, _ = scope
    secret = secrets.get(key)
    if secret is None:
        return _unknown(secrets, key)
    headers = {n: request.headers.get(n, "") for n in names.split(";") if n}
    expected = _signature(request, headers, kept, payload, (key, secret, region, service, stamp))
    if not hmac.compare_digest(expected, given):
        return "SignatureDoesNotMatch", MISMATCH
    return None


def _signature(
    request: WireRequest,
    headers: Mapping[str, str],
    query: list[tuple[str, str]],
    payload: str,
    scope: tuple[str, str, str, str, str],
) -> str:
    from urllib.parse import quote

    from botocore.auth import S3SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    key, secret, region, service, stamp = scope
    host = request.headers.get("host", "localhost")
    path = request.raw_path or quote(request.path, safe="/~")
    text = "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in sorted(query))
    url = f"http://{host}{path}" + (f"?{text}" if text else "")

    class _Verify(S3SigV4Auth):  # type: ignore[misc]
        def payload(self, request: Any) -> str:
            return payload

    aws = AWSRequest(method=request.method, url=url, headers=dict(headers))
    aws.context["timestamp"] = stamp
    signer = _Verify(Credentials(key, secret), service, region)
    canonical = signer.canonical_request(aws)
    return str(signer.signature(signer.string_to_sign(aws, canonical), aws))


#: Sub-resources that SigV2's canonical resource keeps (S3's list).
_V2_SUBRESOURCES = frozenset(
    [
        "acl",
        "cors",
        "delete",
        "lifecycle",
        "location",
        "logging",
        "notification",
        "partNumber",
        "policy",
        "requestPayment",
        "response-cache-control",
        "response-content-disposition",
        "response-content-encoding",
        "response-content-language",
        "response-content-type",
        "response-expires",
        "tagging",
        "torrent",
        "uploadId",
        "uploads",
        "versionId",
        "versioning",
        "versions",
        "website",
    ]
)


def _v2_problem(
    request: WireRequest, secrets: Mapping[str, str], auth: str | None, query: dict[str, str]
) -> tuple[str, str] | None:
    """S3's SigV2 (``Authorization: AWS key:signature`` or presigned ``AWSAccessKeyId``)."""
    import base64
    import hashlib
    from urllib.parse import quote

    if auth is not None:
        key, _, given = auth[4:].strip().rpartition(":")
        date = "" if "x-amz-date" in request.headers else request.headers.get("date", "")
    else:
        key, given, date = (
            query["AWSAccessKeyId"],
            query.get("Signature", ""),
            query.get("Expires", ""),
        )
    secret = secrets.get(key)
    if secret is None:
        return _unknown(secrets, key)
    headers = request.headers
    amz = sorted((k, v.strip()) for k, v in headers.items() if k.startswith("x-amz-"))
    path = request.raw_path or quote(request.path, safe="/~")
    from ._restxml import address

    found = address(request.headers.get("host", ""))
    if found is not None and found[0]:  # virtual-hosted: SigV2 signs /bucket/key
        path = "/" + found[0] + path
    subs = sorted((k, v) for k, v in query.items() if k in _V2_SUBRESOURCES)
    if subs:
        path += "?" + "&".join(f"{k}={v}" if v else k for k, v in subs)
    text = "\n".join(
        [
            request.method,
            headers.get("content-md5", ""),
            headers.get("content-type", ""),
            date,
            *(f"{k}:{v}" for k, v in amz),
            path,
        ]
    )
    digest = hmac.new(secret.encode(), text.encode(), hashlib.sha1).digest()
    if not hmac.compare_digest(base64.b64encode(digest).decode(), given):
        return "SignatureDoesNotMatch", MISMATCH
    return None


def _unknown(secrets: Mapping[str, str], key: str) -> tuple[str, str]:
    """S3's answer for a key with no secret: an expired STS session's, or an unknown key's."""
    expired = getattr(secrets, "expired", None)
    if expired is not None and expired(key):
        return "ExpiredToken", EXPIRED_TOKEN
    return "InvalidAccessKeyId", UNKNOWN_KEY
