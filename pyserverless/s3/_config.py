"""Bucket configuration: versioning, bucket tags and CORS (with the preflight answer)."""

from __future__ import annotations

import fnmatch
from typing import Any

from ._base import EngineBase, Params, Response
from ._errors import (
    InvalidRequest,
    MalformedXML,
    NoSuchBucket,
    NoSuchCORSConfiguration,
    NoSuchTagSet,
    S3Error,
)
from ._errors import NotImplemented as S3NotImplemented
from ._rules import tag_set

__all__ = ["ConfigOps"]

_CORS_METHODS = ("GET", "PUT", "POST", "DELETE", "HEAD")
_NOT_ALLOWED = (
    "CORSResponse: This CORS request is not allowed. This is usually because the evalution of "
    "Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers "
    "are not whitelisted by the resource's CORS spec."
)


def _wild(pattern: str, value: str, *, fold: bool = False) -> bool:
    if fold:
        pattern, value = pattern.lower(), value.lower()
    return fnmatch.fnmatchcase(value, pattern.replace("[", "[[]").replace("?", "[?]"))


class ConfigOps(EngineBase):
    """Versioning, bucket tagging and CORS."""

    # -- versioning -----------------------------------------------------------------------------
    def put_bucket_versioning(self, p: Params) -> Response:
        """PutBucketVersioning: Enabled or Suspended (a bucket never returns to unversioned)."""
        config = p.get("VersioningConfiguration") or {}
        if config.get("MFADelete") is not None or p.get("MFA") is not None:
            raise S3NotImplemented(Header="x-amz-mfa")
        status = config.get("Status")
        if status is None:  # LocalStack's AWS-validated test_bucket_versioning_crud
            raise S3Error(
                "The Versioning element must be specified",
                code="IllegalVersioningConfigurationException",
                status=400,
            )
        if status not in ("Enabled", "Suspended"):
            raise MalformedXML()
        with self.lock:
            self._bucket(p).versioning = status
        return {}

    def get_bucket_versioning(self, p: Params) -> Response:
        """GetBucketVersioning: no Status until versioning has been configured."""
        with self.lock:
            status = self._bucket(p).versioning
        return {"Status": status} if status else {}

    # -- bucket tags ----------------------------------------------------------------------------
    def put_bucket_tagging(self, p: Params) -> Response:
        """PutBucketTagging: replace the bucket's tags (at most 50)."""
        tags = tag_set((p.get("Tagging") or {}).get("TagSet"), self.limits, bucket=True)
        with self.lock:
            self._bucket(p).tags = tags
        return {"_status": 204}

    def get_bucket_tagging(self, p: Params) -> Response:
        """GetBucketTagging: the tags, or NoSuchTagSet."""
        with self.lock:
            b = self._bucket(p)
            if not b.tags:
                raise NoSuchTagSet(BucketName=b.name)
            return {"TagSet": [{"Key": k, "Value": v} for k, v in b.tags.items()]}

    def delete_bucket_tagging(self, p: Params) -> Response:
        """DeleteBucketTagging: remove the bucket's tags."""
        with self.lock:
            self._bucket(p).tags = None
        return {"_status": 204}

    # -- CORS -----------------------------------------------------------------------------------
    def put_bucket_cors(self, p: Params) -> Response:
        """PutBucketCors: the bucket's CORS rules (checked as S3 checks them)."""
        rules = (p.get("CORSConfiguration") or {}).get("CORSRules") or []
        if not rules or len(rules) > self.limits.max_cors_rules:
            raise MalformedXML()
        kept: list[dict[str, Any]] = []
        for rule in rules:
            if not rule.get("AllowedMethods") or not rule.get("AllowedOrigins"):
                raise MalformedXML()
            for method in rule["AllowedMethods"]:
                if method not in _CORS_METHODS:
                    raise InvalidRequest(
                        "Found unsupported HTTP method in CORS config. "
                        f"Unsupported method is {method}"
                    )
            for origin in rule["AllowedOrigins"]:
                if origin.count("*") > 1:
                    raise InvalidRequest(
                        f'AllowedOrigin "{origin}" can not have more than one wildcard.'
                    )
            for header in rule.get("AllowedHeaders") or ():
                if header.count("*") > 1:
                    raise InvalidRequest(
                        f'AllowedHeader "{header}" can not have more than one wildcard.'
                    )
            kept.append({k: (list(v) if isinstance(v, list) else v) for k, v in rule.items()})
        with self.lock:
            self._bucket(p).cors = kept
        return {}

    def get_bucket_cors(self, p: Params) -> Response:
        """GetBucketCors: the rules, or NoSuchCORSConfiguration."""
        with self.lock:
            b = self._bucket(p)
            if not b.cors:
                raise NoSuchCORSConfiguration(BucketName=b.name)
            return {"CORSRules": [dict(rule) for rule in b.cors]}

    def delete_bucket_cors(self, p: Params) -> Response:
        """DeleteBucketCors: remove the CORS rules."""
        with self.lock:
            self._bucket(p).cors = None
        return {"_status": 204}

    def cors_rule(
        self, bucket: str, origin: str, method: str, headers: list[str] | tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        """The first CORS rule of ``bucket`` that allows this origin, method and headers."""
        with self.lock:
            b = self._bucket({"Bucket": bucket})
            rules = list(b.cors or ())
        for rule in rules:
            if method not in rule["AllowedMethods"]:
                continue
            if not any(_wild(o, origin) for o in rule["AllowedOrigins"]):
                continue
            allowed = rule.get("AllowedHeaders") or []
            if all(any(_wild(a, h, fold=True) for a in allowed) for h in headers):
                return rule
        return None

    def cors_preflight(
        self, bucket: str, origin: str, method: str, headers: list[str] | tuple[str, ...] = ()
    ) -> dict[str, str]:
        """The answer to an OPTIONS preflight: the response headers, or S3's 403.

        ``headers`` are the names in Access-Control-Request-Headers. The HTTP endpoint
        calls this for ``OPTIONS`` requests.
        """
        with self.lock:
            try:
                has_rules = bool(self._bucket({"Bucket": bucket}).cors)
            except NoSuchBucket:  # S3's preflight words (LocalStack's AWS-validated CORS tests)
                raise S3Error(
                    "CORSResponse: Bucket not found",
                    code="AccessForbidden",
                    status=403,
                    Method=method,
                    ResourceType="BUCKET",
                ) from None
        if not has_rules:
            raise S3Error(
                "CORSResponse: CORS is not enabled for this bucket.",
                code="AccessForbidden",
                status=403,
                Method=method,
                ResourceType="BUCKET",
            )
        rule = self.cors_rule(bucket, origin, method, headers)
        if rule is None:
            raise S3Error(
                _NOT_ALLOWED,
                code="AccessForbidden",
                status=403,
                Method=method,
                ResourceType="OBJECT",
            )
        return self._cors_headers(rule, origin, headers, preflight=True)

    def cors_response_headers(self, bucket: str, origin: str, method: str) -> dict[str, str]:
        """The CORS headers of an actual (non-preflight) request with an Origin ({} if none)."""
        rule = self.cors_rule(bucket, origin, method)
        return {} if rule is None else self._cors_headers(rule, origin, (), preflight=False)

    @staticmethod
    def _cors_headers(
        rule: dict[str, Any], origin: str, headers: Any, *, preflight: bool
    ) -> dict[str, str]:
        star = "*" in rule["AllowedOrigins"]
        out = {
            "Access-Control-Allow-Origin": "*" if star else origin,
            "Access-Control-Allow-Methods": ", ".join(rule["AllowedMethods"]),
            "Vary": "Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
        }
        if not star:
            out["Access-Control-Allow-Credentials"] = "true"
        if preflight and headers:
            out["Access-Control-Allow-Headers"] = ", ".join(h.lower() for h in headers)
        if rule.get("ExposeHeaders"):
            out["Access-Control-Expose-Headers"] = ", ".join(rule["ExposeHeaders"])
        if rule.get("MaxAgeSeconds") is not None:
            out["Access-Control-Max-Age"] = str(rule["MaxAgeSeconds"])
        return out
