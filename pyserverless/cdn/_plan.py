"""CloudFront's server-side checks of a DistributionConfig, before anything is stored.

A refused config raises CloudFront's error and changes nothing. Features this slice
does not emulate are refused here (never stored and ignored).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._core.text import digits
from ._errors import (
    IllegalUpdate,
    InconsistentQuantities,
    InvalidArgument,
    InvalidDefaultRootObject,
    InvalidErrorCode,
    InvalidFunctionAssociation,
    InvalidOriginAccessControl,
    InvalidOriginAccessIdentity,
    InvalidRelativePath,
    InvalidResponseCode,
    InvalidTTLOrder,
    InvalidWebACLId,
    NoSuchCachePolicy,
    NoSuchFieldLevelEncryptionConfig,
    NoSuchOrigin,
    NoSuchOriginRequestPolicy,
    NoSuchRealtimeLogConfig,
    NoSuchResponseHeadersPolicy,
    TooManyCacheBehaviors,
    TooManyOrigins,
)
from ._headers import unsupported
from ._limits import CloudFrontLimits
from ._model import PolicyRecord

#: The codes a custom error response can name, and the codes it can answer with.
_ERROR_CODES = frozenset({400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504})
_RESPONSE_CODES = frozenset({200, 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504})

__all__ = ["check_distribution", "check_quantities", "items"]


def items(block: Mapping[str, Any] | None) -> list[Any]:
    """The ``Items`` of a ``{Quantity, Items}`` block (``[]`` when absent)."""
    if not block:
        return []
    return list(block.get("Items") or [])


def check_quantities(value: Any, where: str = "") -> None:
    """Every ``{Quantity, Items}`` pair in ``value`` must agree (InconsistentQuantities)."""
    if isinstance(value, Mapping):
        if "Quantity" in value and len(value.get("Items") or []) != value["Quantity"]:
            name = where or "Quantity"
            raise InconsistentQuantities(
                f"The value of {name}.Quantity and the size of {name}.Items do not match."
            )
        for key, inner in value.items():
            check_quantities(inner, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for inner in value:
            check_quantities(inner, where)


def check_distribution(
    config: Mapping[str, Any],
    limits: CloudFrontLimits,
    policies: Mapping[str, Mapping[str, PolicyRecord]],
    oacs: Mapping[str, PolicyRecord],
    functions: Mapping[str, Any],
) -> None:
    """Raise CloudFront's error for the first thing wrong with ``config``."""
    check_quantities(config)
    root = config.get("DefaultRootObject") or ""
    if root.startswith("/") or len(root) > 255:
        raise InvalidDefaultRootObject("The specified default root object is invalid.")
    origins = items(config.get("Origins"))
    if len(origins) > limits.max_origins:
        raise TooManyOrigins("You cannot create more origins for the distribution.")
    ids = [o["Id"] for o in origins]
    if len(set(ids)) != len(ids):
        raise InvalidArgument("The parameter Origin Id must be unique.")
    for origin in origins:
        _check_origin(origin, oacs)
    groups = items(config.get("OriginGroups"))
    group_ids = [g["Id"] for g in groups]
    for group in groups:
        members = [m["OriginId"] for m in items(group["Members"])]
        if len(members) != 2:
            raise InvalidArgument("An origin group must have exactly two origins.")
        if any(m not in ids for m in members):
            raise NoSuchOrigin("One or more of your origins or origin groups do not exist.")
    behaviors = items(config.get("CacheBehaviors"))
    if len(behaviors) > limits.max_cache_behaviors:
        raise TooManyCacheBehaviors(
            "Your request contains more cache behaviors than are allowed per distribution."
        )
    for behavior in [config["DefaultCacheBehavior"], *behaviors]:
        _check_behavior(behavior, set(ids) | set(group_ids), policies, limits, functions)
    _check_refused(config)


def _check_origin(origin: Mapping[str, Any], oacs: Mapping[str, Any]) -> None:
    oac = origin.get("OriginAccessControlId")
    if oac and oac not in oacs:
        raise InvalidOriginAccessControl("The specified origin access control does not exist.")
    if oac and oacs[oac].config.get("OriginAccessControlOriginType") == "lambda":
        raise InvalidArgument(
            "pyserverless: origin access controls for Lambda function URLs are not emulated; "
            "use an AuthType NONE URL as the origin."
        )
    if (origin.get("S3OriginConfig") or {}).get("OriginAccessIdentity"):
        raise InvalidOriginAccessIdentity(
            "pyserverless: origin access identities (legacy) are not emulated; use an origin "
            "access control."
        )
    path = origin.get("OriginPath") or ""
    if path and (not path.startswith("/") or path.endswith("/")):
        raise InvalidArgument(
            "The parameter origin path must begin with a slash and must not end with a slash."
        )
    if origin.get("VpcOriginConfig"):
        raise InvalidArgument("pyserverless: VPC origins are not emulated.")
    shield = origin.get("OriginShield") or {}
    if shield.get("Enabled"):
        raise InvalidArgument("pyserverless: Origin Shield is not emulated.")


def _check_behavior(
    behavior: Mapping[str, Any],
    targets: set[str],
    policies: Mapping[str, Mapping[str, PolicyRecord]],
    limits: CloudFrontLimits,
    functions: Mapping[str, Any],
) -> None:
    if behavior.get("SmoothStreaming"):
        raise InvalidArgument("pyserverless: Smooth Streaming is not emulated.")
    if behavior.get("GrpcConfig", {}).get("Enabled"):
        raise InvalidArgument("pyserverless: gRPC is not emulated.")
    pattern = behavior.get("PathPattern")
    if pattern is not None and (len(pattern) > limits.max_path_pattern or not pattern):
        raise InvalidArgument(f"The parameter PathPattern is too long or empty: {pattern[:64]}")
    if behavior["TargetOriginId"] not in targets:
        raise NoSuchOrigin("One or more of your origins or origin groups do not exist.")
    cache_id = behavior.get("CachePolicyId")
    legacy = behavior.get("ForwardedValues")
    if cache_id and legacy is not None:
        raise InvalidArgument(
            "The parameter ForwardedValues cannot be used when a cache policy "
            "is associated to the cache behavior."
        )
    if cache_id:
        if cache_id not in policies["cache"]:
            raise NoSuchCachePolicy("The cache policy does not exist.")
        if any(k in behavior for k in ("MinTTL", "MaxTTL", "DefaultTTL")):
            raise InvalidArgument(
                "The parameter MinTTL cannot be used when a cache policy is "
                "associated to the cache behavior."
            )
    elif legacy is None:
        raise InvalidArgument("The parameter ForwardedValues is required.")
    else:
        _check_legacy_ttls(behavior)
    request_id = behavior.get("OriginRequestPolicyId")
    if request_id and request_id not in policies["origin-request"]:
        raise NoSuchOriginRequestPolicy("The origin request policy does not exist.")
    headers_id = behavior.get("ResponseHeadersPolicyId")
    if headers_id:
        found = policies["response-headers"].get(headers_id)
        if found is None:
            raise NoSuchResponseHeadersPolicy("The response headers policy does not exist.")
        if (what := unsupported(found.config)) is not None:
            raise InvalidArgument(
                f"pyserverless: the response headers policy's {what} is not emulated."
            )
    _check_functions(behavior, functions)
    if (behavior.get("TrustedSigners") or {}).get("Enabled"):
        raise InvalidArgument(
            "pyserverless: TrustedSigners (the root user's CloudFront key pairs) are not "
            "emulated; use TrustedKeyGroups."
        )
    if behavior.get("FieldLevelEncryptionId"):
        raise NoSuchFieldLevelEncryptionConfig(
            "The specified configuration for field-level encryption doesn't exist."
        )
    if behavior.get("RealtimeLogConfigArn"):
        raise NoSuchRealtimeLogConfig("The real-time log configuration does not exist.")


def _check_functions(behavior: Mapping[str, Any], functions: Mapping[str, Any]) -> None:
    seen: set[str] = set()
    for association in items(behavior.get("FunctionAssociations")):
        kind = association["EventType"]
        if kind not in ("viewer-request", "viewer-response"):
            raise InvalidFunctionAssociation(
                "CloudFront Functions can be associated only with viewer request and viewer "
                "response events."
            )
        if kind in seen:
            raise InvalidFunctionAssociation(
                f"More than one function is associated with the {kind} event."
            )
        seen.add(kind)
        arn = association["FunctionARN"]
        stages = functions.get(arn.rpartition("/")[2]) if ":function/" in arn else None
        if not stages or "LIVE" not in stages:
            raise InvalidFunctionAssociation(
                f"The function ARN {arn} is not valid or the function is not published "
                "(the LIVE stage)."
            )


def _check_legacy_ttls(behavior: Mapping[str, Any]) -> None:
    minimum = behavior.get("MinTTL", 0)
    default = behavior.get("DefaultTTL", 86_400)
    maximum = behavior.get("MaxTTL", 31_536_000)
    if minimum < 0 or not minimum <= default <= maximum:
        raise InvalidTTLOrder("The TTL order specified in CacheBehavior is not valid.")
    if "MinTTL" not in behavior:
        raise InvalidArgument("The parameter MinTTL is required.")


#: DistributionConfig members this slice does not emulate: refused when set.
_REFUSED_TOP = ("AnycastIpListId", "TenantConfig", "ViewerMtlsConfig",
                "ConnectionFunctionAssociation", "CacheTagConfig")  # fmt: skip


def _check_refused(config: Mapping[str, Any]) -> None:
    for member in _REFUSED_TOP:
        if config.get(member):
            raise InvalidArgument(f"pyserverless: {member} is not emulated.")
    if config.get("ConnectionMode", "direct") != "direct":
        raise InvalidArgument("pyserverless: multi-tenant distributions are not emulated.")
    logging = config.get("Logging") or {}
    if logging.get("Enabled"):
        raise InvalidArgument(
            "pyserverless: standard logging to a bucket is not emulated; read "
            "the access log from Python (distribution.access_log())."
        )
    if config.get("WebACLId"):
        raise InvalidWebACLId("Web ACL is not valid or doesn't exist.")
    if config.get("ContinuousDeploymentPolicyId") or config.get("Staging"):
        raise InvalidArgument("pyserverless: continuous deployment is not emulated.")
    seen: set[int] = set()
    for error in items(config.get("CustomErrorResponses")):
        code = error["ErrorCode"]
        if code not in _ERROR_CODES or code in seen:
            raise InvalidErrorCode("The specified error code is not valid or is repeated.")
        seen.add(code)
        page, status = error.get("ResponsePagePath") or "", error.get("ResponseCode") or ""
        if bool(page) != bool(status):
            raise InvalidArgument(
                "Both ResponsePagePath and ResponseCode must be specified, or neither."
            )
        if page and not page.startswith("/"):
            raise InvalidRelativePath("The relative path is not valid.")
        if status and (not digits(status) or int(status) not in _RESPONSE_CODES):
            raise InvalidResponseCode("The specified response code is not valid.")


def check_update(old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    """What UpdateDistribution may not change."""
    if old["CallerReference"] != new["CallerReference"]:
        raise IllegalUpdate(
            "The update contains modifications that are not allowed: the "
            "CallerReference cannot be changed."
        )
