"""AWS's managed cache, origin request and response headers policies, by their real ids.

The settings are those CloudFront's developer guide lists for each policy.

>>> MANAGED_CACHE[CACHING_OPTIMIZED]["Name"], MANAGED_CACHE[CACHING_OPTIMIZED]["MinTTL"]
('Managed-CachingOptimized', 1)
>>> MANAGED_ORIGIN_REQUEST[ALL_VIEWER]["Name"]
'Managed-AllViewer'
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ALL_VIEWER",
    "CACHING_DISABLED",
    "CACHING_OPTIMIZED",
    "MANAGED_CACHE",
    "MANAGED_ORIGIN_REQUEST",
    "MANAGED_RESPONSE_HEADERS",
]

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3"
_YEAR = 31_536_000


def _items(key: str, names: tuple[str, ...]) -> dict[str, Any]:
    if not names:
        return {}
    return {key: {"Quantity": len(names), "Items": list(names)}}


def _cache(
    name: str,
    comment: str,
    ttls: tuple[int, int, int],
    *,
    compress: bool = True,
    headers: tuple[str, ...] = (),
    cookies: str = "none",
    query: str = "none",
    query_names: tuple[str, ...] = (),
) -> dict[str, Any]:
    minimum, default, maximum = ttls
    return {
        "Comment": comment,
        "Name": f"Managed-{name}",
        "DefaultTTL": default,
        "MaxTTL": maximum,
        "MinTTL": minimum,
        "ParametersInCacheKeyAndForwardedToOrigin": {
            "EnableAcceptEncodingGzip": compress,
            "EnableAcceptEncodingBrotli": compress,
            "HeadersConfig": {
                "HeaderBehavior": "whitelist" if headers else "none",
                **_items("Headers", headers),
            },
            "CookiesConfig": {"CookieBehavior": cookies},
            "QueryStringsConfig": {
                "QueryStringBehavior": query,
                **_items("QueryStrings", query_names),
            },
        },
    }


_ORIGIN_CACHE_HEADERS: tuple[str, ...] = ("host", "origin", "x-http-method-override")
_ORIGIN_CACHE_HEADERS += ("x-http-method", "x-method-override")

MANAGED_CACHE: dict[str, dict[str, Any]] = {
    "2e54312d-136d-493c-8eb9-b001f22f67d2": _cache(
        "Amplify",
        "Policy for Amplify Origin",
        (2, 2, 600),
        headers=("Authorization", "CloudFront-Viewer-Country", "Host"),
        cookies="all",
        query="all",
    ),
    CACHING_DISABLED: _cache(
        "CachingDisabled", "Policy with caching disabled", (0, 0, 0), compress=False
    ),
    CACHING_OPTIMIZED: _cache(
        "CachingOptimized",
        "Policy with caching enabled. Supports Gzip and Brotli compression.",
        (1, 86_400, _YEAR),
    ),
    "b2884449-e4de-46a7-ac36-70bc7f1ddd6d": _cache(
        "CachingOptimizedForUncompressedObjects",
        "Default policy when compression is disabled",
        (1, 86_400, _YEAR),
        compress=False,
    ),
    "08627262-05a9-4f76-9ded-b50ca2e3a84f": _cache(
        "Elemental-MediaPackage",
        "Policy for Elemental MediaPackage Origin",
        (0, 86_400, _YEAR),
        headers=("origin",),
        query="whitelist",
        query_names=("aws.manifestfilter", "start", "end", "m"),
    ),
    "83da9c7e-98b4-4e11-a168-04f0df8e2c65": _cache(
        "UseOriginCacheControlHeaders",
        "Policy for origins that return Cache-Control headers. Query strings are not included"
        " in the cache key.",
        (0, 0, _YEAR),
        headers=_ORIGIN_CACHE_HEADERS,
        cookies="all",
    ),
    "4cc15a8a-d715-48a4-82b8-cc0b614638fe": _cache(
        "UseOriginCacheControlHeaders-QueryStrings",
        "Policy for origins that return Cache-Control headers and query strings.",
        (0, 0, _YEAR),
        headers=_ORIGIN_CACHE_HEADERS,
        cookies="all",
        query="all",
    ),
}


def _origin(
    name: str,
    comment: str,
    headers: str,
    header_names: tuple[str, ...] = (),
    *,
    cookies: str = "none",
    query: str = "none",
) -> dict[str, Any]:
    return {
        "Comment": comment,
        "Name": f"Managed-{name}",
        "HeadersConfig": {"HeaderBehavior": headers, **_items("Headers", header_names)},
        "CookiesConfig": {"CookieBehavior": cookies},
        "QueryStringsConfig": {"QueryStringBehavior": query},
    }


_CORS = ("origin", "access-control-request-headers", "access-control-request-method")

MANAGED_ORIGIN_REQUEST: dict[str, dict[str, Any]] = {
    ALL_VIEWER: _origin(
        "AllViewer",
        "Policy to forward all parameters in viewer requests",
        "allViewer",
        cookies="all",
        query="all",
    ),
    "33f36d7e-f396-46d9-90e0-52428a34d9dc": _origin(
        "AllViewerAndCloudFrontHeaders-2022-06",
        "Policy to forward all parameters in viewer requests and all CloudFront headers",
        "allViewerAndWhitelistCloudFront",
        ("CloudFront-Viewer-Country", "CloudFront-Is-Mobile-Viewer", "CloudFront-Viewer-Address"),
        cookies="all",
        query="all",
    ),
    "b689b0a8-53d0-40ab-baf2-68738e2966ac": _origin(
        "AllViewerExceptHostHeader",
        "Policy to forward all parameters in viewer requests except for the Host header",
        "allExcept",
        ("host",),
        cookies="all",
        query="all",
    ),
    "59781a5b-3903-41f3-afcb-af62929ccde1": _origin(
        "CORS-CustomOrigin", "Policy for Custom Origin with CORS", "whitelist", ("origin",)
    ),
    "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf": _origin(
        "CORS-S3Origin", "Policy for S3 origin with CORS", "whitelist", _CORS
    ),
    "acba4595-bd28-49b8-b9fe-13317c0390fa": _origin(
        "UserAgentRefererHeaders",
        "Policy to forward user-agent and referer headers to origin",
        "whitelist",
        ("user-agent", "referer"),
    ),
}


_SECURITY = {
    "XSSProtection": {"Override": False, "Protection": True, "ModeBlock": True},
    "FrameOptions": {"Override": False, "FrameOption": "SAMEORIGIN"},
    "ReferrerPolicy": {"Override": False, "ReferrerPolicy": "strict-origin-when-cross-origin"},
    "ContentTypeOptions": {"Override": True},
    "StrictTransportSecurity": {
        "Override": False,
        "IncludeSubdomains": False,
        "Preload": False,
        "AccessControlMaxAgeSec": 31_536_000,
    },
}


def _cors(methods: tuple[str, ...]) -> dict[str, Any]:
    return {
        "AccessControlAllowOrigins": {"Quantity": 1, "Items": ["*"]},
        "AccessControlAllowHeaders": {"Quantity": 1, "Items": ["*"]},
        "AccessControlAllowMethods": {"Quantity": len(methods), "Items": list(methods)},
        "AccessControlAllowCredentials": False,
        "OriginOverride": False,
    }


def _response(
    name: str, comment: str, *, cors: tuple[str, ...] = (), security: bool = False
) -> dict[str, Any]:
    out: dict[str, Any] = {"Comment": comment, "Name": f"Managed-{name}"}
    if cors:
        out["CorsConfig"] = _cors(cors)
    if security:
        out["SecurityHeadersConfig"] = _SECURITY
    return out


#: Response headers policies (the CORS ones are refused on a behavior: CORS is not emulated).
MANAGED_RESPONSE_HEADERS: dict[str, dict[str, Any]] = {
    "e61eb60c-9c35-4d20-a928-2b84e02af89c": _response(
        "CORS-and-SecurityHeadersPolicy",
        "Allows all origins for simple CORS requests",
        cors=("GET", "HEAD"),
        security=True,
    ),
    "5cc3b908-e619-4b99-88e5-2cf7f45965bd": _response(
        "CORS-With-Preflight",
        "Allows all origins for CORS requests, including preflight",
        cors=("ALL",),
    ),
    "eaab4381-ed33-4a86-88ca-d9558dc6cd63": _response(
        "CORS-with-preflight-and-SecurityHeadersPolicy",
        "Allows all origins for CORS requests, including preflight, and adds security headers",
        cors=("ALL",),
        security=True,
    ),
    "67f7725c-6f97-4210-82d7-5512b31e9d03": _response(
        "SecurityHeadersPolicy", "Adds a set of security headers to every response", security=True
    ),
    "60669652-455b-4ae9-85a4-c4c02393f86c": _response(
        "SimpleCORS", "Allows all origins for simple CORS requests", cors=("GET", "HEAD")
    ),
}
