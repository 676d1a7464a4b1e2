"""Edge transformations of a request or an answer: CloudFront's compression, and the
CloudFront-* request headers it generates."""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

from ._origins import OriginReply

if TYPE_CHECKING:
    from ._pipeline import ViewerRequest

__all__ = ["GENERATED", "compressed", "generated"]


#: Content types CloudFront compresses (a sample of its documented list).
_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml",
                 "image/svg+xml", "application/x-javascript", "font/")  # fmt: skip


def compressed(reply: OriginReply, accepted: str) -> OriginReply:
    """CloudFront's compression: gzip, for 1,000 B to 10 MB of a compressible type that the
    origin did not encode, when the viewer accepts gzip (Brotli is answered as gzip)."""
    if "gzip" not in accepted or reply.status != 200:
        return reply
    if not 1_000 <= len(reply.body) <= 10_000_000:
        return reply
    names = {k.lower(): v for k, v in reply.headers}
    kind = names.get("content-type", "")
    if "content-encoding" in names or not kind.startswith(_COMPRESSIBLE):
        return reply
    body = gzip.compress(reply.body, mtime=0)
    headers = [(k, v) for k, v in reply.headers if k.lower() not in ("content-length", "etag")]
    headers.append(("Content-Encoding", "gzip"))
    if "etag" in names:  # CloudFront weakens the ETag of what it compressed
        headers.append(
            ("ETag", names["etag"] if names["etag"].startswith("W/") else "W/" + names["etag"])
        )
    return OriginReply(reply.status, tuple(headers), body)


#: The CloudFront-* request headers this edge can generate, from the viewer request.
GENERATED = frozenset(
    {"cloudfront-viewer-country", "cloudfront-viewer-address", "cloudfront-forwarded-proto",
     "cloudfront-viewer-http-version", "cloudfront-is-desktop-viewer",
     "cloudfront-is-mobile-viewer", "cloudfront-is-tablet-viewer",
     "cloudfront-is-smarttv-viewer"}
)  # fmt: skip


def generated(names: frozenset[str], req: ViewerRequest) -> list[tuple[str, str]]:
    """The CloudFront-* headers ``names`` for ``req`` (device headers: a desktop viewer)."""
    values = {
        "cloudfront-viewer-country": req.country,
        "cloudfront-viewer-address": f"{req.viewer_ip}:0",
        "cloudfront-forwarded-proto": req.scheme,
        "cloudfront-viewer-http-version": "1.1",
        "cloudfront-is-desktop-viewer": "true",
        "cloudfront-is-mobile-viewer": "false",
        "cloudfront-is-tablet-viewer": "false",
        "cloudfront-is-smarttv-viewer": "false",
    }
    out = []
    for name in sorted(names):
        value = values.get(name)
        if value is not None:
            out.append(
                (
                    "-".join(p.capitalize() for p in name.split("-")).replace(
                        "Cloudfront", "CloudFront"
                    ),
                    value,
                )
            )
    return out
