"""``cloud.cdn``: CloudFront distributions in front of the Cloud's buckets, APIs and Python.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> bucket = cloud.s3.create_bucket("site")
>>> _ = bucket.put("img/cat.jpg", b"meow", content_type="image/jpeg")
>>> cdn = cloud.cdn.distribution(origins=[bucket])
>>> first = cdn.request("GET", "/img/cat.jpg")
>>> first.status, first.body, first.x_cache
(200, b'meow', 'Miss from cloudfront')
>>> cdn.request("GET", "/img/cat.jpg").x_cache
'Hit from cloudfront'
>>> cdn.stats()["*"].hits
1

Every call goes through ``cloud.client("cloudfront")``; a distribution made here is one
boto3 sees.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._cache import Stats
from ._managed import MANAGED_CACHE, MANAGED_ORIGIN_REQUEST, MANAGED_RESPONSE_HEADERS
from ._pipeline import LOG_FIELDS, EdgeResponse, ViewerRequest

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._client import CloudFrontClient
    from ._engine import CloudFront

__all__ = ["CdnResource", "Distribution"]

_BY_NAME = {c["Name"].removeprefix("Managed-"): pid for pid, c in MANAGED_CACHE.items()}
_HEADERS_BY_NAME = {
    c["Name"].removeprefix("Managed-"): pid for pid, c in MANAGED_RESPONSE_HEADERS.items()
}
_REQUEST_BY_NAME = {
    c["Name"].removeprefix("Managed-"): pid for pid, c in MANAGED_ORIGIN_REQUEST.items()
}


def _block(values: Sequence[Any]) -> dict[str, Any]:
    return {"Quantity": len(values), "Items": list(values)} if values else {"Quantity": 0}


class Distribution:
    """One distribution: ``request(...)``, ``invalidate(...)``, ``stats()``, ``access_log()``."""

    def __init__(self, resource: CdnResource, dist_id: str) -> None:
        self._resource = resource
        #: The distribution's id (``E`` and 13 characters).
        self.id = dist_id

    @property
    def _engine(self) -> CloudFront:
        return self._resource._engine

    @property
    def domain_name(self) -> str:
        """``dxxxxxxxxxxxxx.cloudfront.net``."""
        return self._engine.distributions[self.id].domain

    def describe(self) -> dict[str, Any]:
        """GetDistribution's ``Distribution``."""
        found: dict[str, Any] = self._resource._client.get_distribution(Id=self.id)["Distribution"]
        return found

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        query: str = "",
        body: bytes | str = b"",
        viewer_ip: str = "127.0.0.1",
        country: str | None = None,
        scheme: str = "https",
    ) -> EdgeResponse:
        """One viewer request through the edge; ``path`` may carry ``?query``."""
        if "?" in path and not query:
            path, _, query = path.partition("?")
        pairs = tuple(headers.items()) if isinstance(headers, Mapping) else tuple(headers)
        data = body.encode() if isinstance(body, str) else bytes(body)
        request = ViewerRequest(
            method.upper(), path, query, pairs, data, viewer_ip, country, scheme
        )
        return self._engine.request(self.id, request)

    def invalidate(self, *paths: str, reference: str | None = None) -> str:
        """CreateInvalidation of ``paths``; the entries leave when it completes (clock)."""
        ref = reference or f"pyserverless-{self._engine.cloud.ids.hex(16)}"
        out = self._resource._client.create_invalidation(
            DistributionId=self.id,
            InvalidationBatch={"Paths": _block(list(paths)), "CallerReference": ref},
        )
        invalidation_id: str = out["Invalidation"]["Id"]
        return invalidation_id

    def stats(self) -> dict[str, Stats]:
        """Requests, hits, misses, refresh hits, errors and bytes, per path pattern."""
        return dict(self._engine.edge(self.id).stats)

    def access_log(self) -> list[dict[str, str]]:
        """The standard access log, one dict per request in CloudFront's field order."""
        return [dict(zip(LOG_FIELDS, line.split("\t"), strict=True)) for line in self.log_lines()]

    def log_lines(self) -> list[str]:
        """The standard access log lines (tab-separated, CloudFront's field order)."""
        return list(self._engine.edge(self.id).log)

    @property
    def cached(self) -> int:
        """How many entries the distribution's cache holds."""
        return len(self._engine.edge(self.id).cache)

    def disable(self) -> None:
        """UpdateDistribution with ``Enabled`` false."""
        client = self._resource._client
        current = client.get_distribution_config(Id=self.id)
        config = current["DistributionConfig"]
        config["Enabled"] = False
        client.update_distribution(Id=self.id, DistributionConfig=config, IfMatch=current["ETag"])

    def delete(self) -> None:
        """Disable (if needed) and DeleteDistribution."""
        client = self._resource._client
        if client.get_distribution_config(Id=self.id)["DistributionConfig"]["Enabled"]:
            self.disable()
        etag = client.get_distribution(Id=self.id)["ETag"]
        client.delete_distribution(Id=self.id, IfMatch=etag)

    def __repr__(self) -> str:
        return f"<Distribution {self.id} {self.domain_name}>"


class CdnResource:
    """``cloud.cdn``: make distributions from the Cloud's buckets, APIs and callables."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self._cloud = cloud
        self._client: CloudFrontClient = cloud.client("cloudfront", "us-east-1")
        self._engine: CloudFront = cloud.engine("cloudfront", "us-east-1")
        self._names = itertools.count(1)
        self._oac: str | None = None

    def register_origin(self, domain: str, fn: Callable[..., Any]) -> str:
        """Answer origin ``domain`` with ``fn(request) -> (status, headers, body)``.

        ``request`` is an ``OriginRequest`` (method, path, query, headers, body).
        """
        self._engine.register_origin(domain, fn)
        return domain

    def register_wsgi(self, domain: str, app: Callable[..., Any]) -> str:
        """Answer origin ``domain`` with a WSGI app."""
        self._engine.register_origin(domain, app, wsgi=True)
        return domain

    def get(self, dist_id: str) -> Distribution:
        """The distribution ``dist_id`` (NoSuchDistribution if there is none)."""
        self._client.get_distribution(Id=dist_id)
        return Distribution(self, dist_id)

    def distribution(
        self,
        origins: Sequence[Any],
        behaviors: Sequence[Mapping[str, Any]] = (),
        *,
        default: Mapping[str, Any] | None = None,
        groups: Sequence[Mapping[str, Any]] = (),
        default_root_object: str = "",
        comment: str = "",
        enabled: bool = True,
    ) -> Distribution:
        """CreateDistribution from Python values.

        ``origins``: S3 ``Bucket`` objects (read through an origin access control), API
        Gateway APIs (``HttpApi``; a ``RestApi`` as ``(api, "stage")``), callables or
        WSGI apps (registered for you), domain names already registered, or
        DistributionConfig origin dicts. Origin ids are ``origin-1``, ``origin-2``...
        unless a dict names one. ``behaviors``: ``{"path": "/img/*", "origin": 0,
        "cache_policy": "CachingOptimized", "origin_request_policy": "AllViewer",
        "methods": ["GET", "HEAD"], "viewer_request": fn, "viewer_response": fn,
        "trusted_key_groups": [key_group_id], "lambda_edge": {"origin-request": version}}``
        (a Lambda@Edge ``version`` is a published version's config or ARN; origin
        by index or id; policies by managed name or id; functions by name, ARN, or as a
        Python callable, our extension). ``groups``: ``{"id": "g", "primary": 0,
        "secondary": 1, "status_codes": [500, 502, 503, 504]}``. ``default``: the default
        behavior (first origin, CachingOptimized).
        """
        items = [self._origin(o, n) for n, o in enumerate(origins, 1)]
        ids = [o["Id"] for o in items]
        config: dict[str, Any] = {
            "CallerReference": f"pyserverless-{self._cloud.ids.hex(16)}",
            "Comment": comment,
            "Enabled": enabled,
            "DefaultRootObject": default_root_object,
            "Origins": _block(items),
            "DefaultCacheBehavior": self._behavior(default or {}, ids, groups=groups),
            "CacheBehaviors": _block([self._behavior(b, ids, groups=groups) for b in behaviors]),
        }
        if groups:
            config["OriginGroups"] = _block([self._group(g, ids) for g in groups])
        out = self._client.create_distribution(DistributionConfig=config)
        return Distribution(self, out["Distribution"]["Id"])

    def _origin(self, target: Any, n: int) -> dict[str, Any]:
        if isinstance(target, Mapping):
            return dict(target)
        origin_id = f"origin-{n}"
        stage = ""
        if isinstance(target, tuple):
            target, stage = target
        if hasattr(target, "put") and hasattr(target, "name"):  # an S3 Bucket
            return {
                "Id": origin_id,
                "DomainName": f"{target.name}.s3.amazonaws.com",
                "S3OriginConfig": {"OriginAccessIdentity": ""},
                "OriginAccessControlId": self._access_control(),
            }
        if hasattr(target, "gateway") and hasattr(target, "id"):  # an API Gateway API
            region = target.gateway.region
            origin = self._custom(origin_id, f"{target.id}.execute-api.{region}.amazonaws.com")
            if stage:
                origin["OriginPath"] = "/" + stage
            return origin
        if callable(target):
            domain = f"origin-{self._cloud.ids.hex(8)}.pyserverless.internal"
            code = getattr(target, "__code__", None)
            wsgi = code is not None and code.co_argcount == 2
            self._engine.register_origin(domain, target, wsgi=wsgi)
            return self._custom(origin_id, domain)
        return self._custom(origin_id, str(target))

    @staticmethod
    def _custom(origin_id: str, domain: str) -> dict[str, Any]:
        return {
            "Id": origin_id,
            "DomainName": domain,
            "CustomOriginConfig": {
                "HTTPPort": 80,
                "HTTPSPort": 443,
                "OriginProtocolPolicy": "https-only",
            },
        }

    def _access_control(self) -> str:
        if self._oac is None:
            made = self._client.create_origin_access_control(
                OriginAccessControlConfig={
                    "Name": f"pyserverless-{self._cloud.ids.hex(8)}",
                    "SigningProtocol": "sigv4",
                    "SigningBehavior": "always",
                    "OriginAccessControlOriginType": "s3",
                }
            )
            self._oac = made["OriginAccessControl"]["Id"]
        return self._oac

    def _behavior(
        self, spec: Mapping[str, Any], ids: list[str], *, groups: Sequence[Mapping[str, Any]]
    ) -> dict[str, Any]:
        target = spec.get("origin", 0)
        if isinstance(target, int):
            target = ids[target]
        cache = spec.get("cache_policy", "CachingOptimized")
        methods = list(spec.get("methods", ["GET", "HEAD"]))
        cached = [m for m in ("GET", "HEAD", "OPTIONS") if m in methods][:3]
        if "OPTIONS" in cached and len(cached) == 3 and "OPTIONS" not in methods:
            cached.remove("OPTIONS")
        out: dict[str, Any] = {
            "TargetOriginId": target,
            "ViewerProtocolPolicy": spec.get("viewer_protocol", "allow-all"),
            "Compress": bool(spec.get("compress", False)),
            "CachePolicyId": _BY_NAME.get(cache, cache),
            "AllowedMethods": {
                **_block(methods),
                "CachedMethods": _block(cached or ["GET", "HEAD"]),
            },
        }
        if "path" in spec:
            out["PathPattern"] = spec["path"]
        functions = [
            {"EventType": kind, "FunctionARN": self._function_arn(spec[key])}
            for key, kind in (("viewer_request", "viewer-request"),
                              ("viewer_response", "viewer-response"))
            if spec.get(key) is not None
        ]  # fmt: skip
        if functions:
            out["FunctionAssociations"] = _block(functions)
        if (request := spec.get("origin_request_policy")) is not None:
            out["OriginRequestPolicyId"] = _REQUEST_BY_NAME.get(request, request)
        if (answer := spec.get("response_headers_policy")) is not None:
            out["ResponseHeadersPolicyId"] = _HEADERS_BY_NAME.get(answer, answer)
        if trusted := list(spec.get("trusted_key_groups") or ()):
            out["TrustedKeyGroups"] = {"Enabled": True, **_block(trusted)}
        if edge := dict(spec.get("lambda_edge") or {}):
            out["LambdaFunctionAssociations"] = _block(
                [
                    {"EventType": kind, "LambdaFunctionARN": _version_arn(fn)}
                    for kind, fn in edge.items()
                ]
            )
        return out

    def _function_arn(self, target: Any) -> str:
        """A function's ARN: a published function's name or ARN, or a Python callable."""
        if callable(target):
            name = f"pyserverless-{getattr(target, '__name__', 'fn')}-{self._cloud.ids.hex(6)}"
            name = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)[:64]
            return self._engine.python_function(name, target)
        text = str(target)
        return text if text.startswith("arn:") else self._engine._function_arn(text)

    def function(self, name: str, code: str, *, runtime: str = "cloudfront-js-2.0") -> str:
        """CreateFunction and PublishFunction of JavaScript ``code``; the function's ARN."""
        made = self._client.create_function(
            Name=name,
            FunctionConfig={"Comment": "", "Runtime": runtime},
            FunctionCode=code.encode(),
        )
        self._client.publish_function(Name=name, IfMatch=made["ETag"])
        arn: str = made["FunctionSummary"]["FunctionMetadata"]["FunctionARN"]
        return arn

    @staticmethod
    def _group(spec: Mapping[str, Any], ids: list[str]) -> dict[str, Any]:
        def pick(value: Any) -> str:
            return ids[value] if isinstance(value, int) else str(value)

        codes = list(spec.get("status_codes", [500, 502, 503, 504]))
        return {
            "Id": spec["id"],
            "FailoverCriteria": {"StatusCodes": _block(codes)},
            "Members": _block(
                [{"OriginId": pick(spec["primary"])}, {"OriginId": pick(spec["secondary"])}]
            ),
        }

    def __repr__(self) -> str:
        return f"<CdnResource distributions={len(self._engine.distributions)}>"


def _version_arn(target: Any) -> str:
    """A Lambda version's qualified ARN: from a published version's config, or as given."""
    version = getattr(target, "version", None)
    if isinstance(version, str) and hasattr(target, "arn"):
        return f"{target.arn}:{version}"
    return str(target)
