"""Cache, origin request and response headers policies: Create/Get/List/Update/Delete.

The three kinds share one store (``EngineBase.policies``); AWS's managed policies are
listed with ``Type=managed`` and can be neither changed nor deleted.
"""

from __future__ import annotations

import copy
from typing import Any

from . import _errors as err
from ._base import EngineBase, Params, Response, check_if_match, page
from ._errors import IllegalDelete, IllegalUpdate, InvalidArgument
from ._model import PolicyRecord
from ._plan import check_quantities

__all__ = ["PolicyOps"]

#: kind -> (API noun, config member, list member, errors: missing, exists, in use, too many)
_KINDS: dict[str, tuple[Any, ...]] = {
    "cache": (
        "CachePolicy",
        "CachePolicyConfig",
        "CachePolicyList",
        err.NoSuchCachePolicy,
        err.CachePolicyAlreadyExists,
        err.CachePolicyInUse,
        err.TooManyCachePolicies,
    ),
    "origin-request": (
        "OriginRequestPolicy",
        "OriginRequestPolicyConfig",
        "OriginRequestPolicyList",
        err.NoSuchOriginRequestPolicy,
        err.OriginRequestPolicyAlreadyExists,
        err.OriginRequestPolicyInUse,
        err.TooManyOriginRequestPolicies,
    ),
    "response-headers": (
        "ResponseHeadersPolicy",
        "ResponseHeadersPolicyConfig",
        "ResponseHeadersPolicyList",
        err.NoSuchResponseHeadersPolicy,
        err.ResponseHeadersPolicyAlreadyExists,
        err.ResponseHeadersPolicyInUse,
        err.TooManyResponseHeadersPolicies,
    ),
}
_BEHAVIOR_MEMBER = {
    "cache": "CachePolicyId",
    "origin-request": "OriginRequestPolicyId",
    "response-headers": "ResponseHeadersPolicyId",
}
_NAMES = {
    "cache": "cache policy",
    "origin-request": "origin request policy",
    "response-headers": "response headers policy",
}


class PolicyOps(EngineBase):
    """The policy operations, one generic implementation per verb."""

    def _policy_error(self, kind: str, index: int) -> type[err.CloudFrontError]:
        found: type[err.CloudFrontError] = _KINDS[kind][index]
        return found

    def _policy(self, kind: str, pid: str) -> PolicyRecord:
        record = self.policies[kind].get(pid)
        if record is None:
            raise self._policy_error(kind, 3)(f"The {_NAMES[kind]} does not exist.")
        return record

    def _check_policy(self, kind: str, config: dict[str, Any], skip: str | None) -> None:
        check_quantities(config)
        name = config["Name"]
        for pid, other in self.policies[kind].items():
            if pid != skip and other.config["Name"] == name:
                raise self._policy_error(kind, 4)(
                    f"A {_NAMES[kind]} with this name already exists. You must provide a unique "
                    f"name. To modify an existing {_NAMES[kind]}, use Update{_KINDS[kind][0]}."
                )
        if kind == "cache":
            low, default, high = config.get("MinTTL", 0), config.get("DefaultTTL"), None
            high = config.get("MaxTTL", 31_536_000)
            default = 86_400 if default is None else default
            if low < 0 or not low <= min(default, high) or default > high:
                raise InvalidArgument(
                    "The TTL values are not valid: MinTTL <= DefaultTTL <= MaxTTL is required."
                )

    def _answer(self, kind: str, record: PolicyRecord) -> dict[str, Any]:
        member = _KINDS[kind][1]
        return {
            "Id": record.id,
            "LastModifiedTime": self.when(record.modified),
            member: copy.deepcopy(record.config),
        }

    def _create_policy(self, kind: str, params: Params) -> Response:
        noun, member = _KINDS[kind][0], _KINDS[kind][1]
        config = copy.deepcopy(params[member])
        if kind == "cache":
            config.setdefault("DefaultTTL", 86_400)
            config.setdefault("MaxTTL", 31_536_000)
        with self.lock:
            self._check_policy(kind, config, None)
            custom = sum(1 for r in self.policies[kind].values() if not r.managed)
            if custom >= self.limits.max_policies:
                raise self._policy_error(kind, 6)(
                    f"You have reached the maximum number of {_NAMES[kind]} policies."
                )
            pid = self.cloud.ids.uuid()
            record = PolicyRecord(pid, config, self.etag(), self.cloud.clock.time())
            self.policies[kind][pid] = record
            path = {"cache": "cache-policy", "origin-request": "origin-request-policy"}.get(
                kind, "response-headers-policy"
            )
            return {
                noun: self._answer(kind, record),
                "Location": f"https://cloudfront.amazonaws.com/2020-05-31/{path}/{pid}",
                "ETag": record.etag,
            }

    def _get_policy(self, kind: str, params: Params, *, config_only: bool) -> Response:
        noun, member = _KINDS[kind][0], _KINDS[kind][1]
        with self.lock:
            record = self._policy(kind, params["Id"])
            if config_only:
                return {member: copy.deepcopy(record.config), "ETag": record.etag}
            return {noun: self._answer(kind, record), "ETag": record.etag}

    def _update_policy(self, kind: str, params: Params) -> Response:
        noun, member = _KINDS[kind][0], _KINDS[kind][1]
        config = copy.deepcopy(params[member])
        with self.lock:
            record = self._policy(kind, params["Id"])
            if record.managed:
                raise IllegalUpdate(f"Managed {_NAMES[kind]} cannot be updated.")
            check_if_match(params.get("IfMatch"), record.etag)
            if kind == "cache":
                config.setdefault("DefaultTTL", 86_400)
                config.setdefault("MaxTTL", 31_536_000)
            self._check_policy(kind, config, record.id)
            record.config = config
            record.etag = self.etag()
            record.modified = self.cloud.clock.time()
            self.generation += 1
            return {noun: self._answer(kind, record), "ETag": record.etag}

    def _delete_policy(self, kind: str, params: Params) -> Response:
        with self.lock:
            record = self._policy(kind, params["Id"])
            if record.managed:
                raise IllegalDelete(f"Cannot delete a managed {_NAMES[kind]}.")
            check_if_match(params.get("IfMatch"), record.etag)
            if self._policy_in_use(kind, record.id):
                raise self._policy_error(kind, 5)(
                    f"Cannot delete {_NAMES[kind]}, it is attached to one or more cache behaviors."
                )
            del self.policies[kind][record.id]
            return {}

    def _policy_in_use(self, kind: str, pid: str) -> bool:
        member = _BEHAVIOR_MEMBER[kind]
        for dist in self.distributions.values():
            config = dist.config
            behaviors = [config["DefaultCacheBehavior"]]
            behaviors += list((config.get("CacheBehaviors") or {}).get("Items") or [])
            if any(b.get(member) == pid for b in behaviors):
                return True
        return False

    def _list_policies(self, kind: str, params: Params) -> Response:
        noun, _member, listing_name = _KINDS[kind][0], _KINDS[kind][1], _KINDS[kind][2]
        wanted = params.get("Type")
        with self.lock:
            rows = [
                r
                for r in sorted(self.policies[kind].values(), key=lambda r: (not r.managed, r.id))
                if wanted is None or wanted == ("managed" if r.managed else "custom")
            ]
            chosen, next_marker, size = page(rows, params, self.limits.max_page)
            listing: dict[str, Any] = {"MaxItems": size, "Quantity": len(chosen)}
            if next_marker is not None:
                listing["NextMarker"] = next_marker
            if chosen:
                listing["Items"] = [
                    {"Type": "managed" if r.managed else "custom", noun: self._answer(kind, r)}
                    for r in chosen
                ]
            return {listing_name: listing}

    # -- the operations -----------------------------------------------------------------
    def create_cache_policy(self, params: Params) -> Response:
        """CreateCachePolicy."""
        return self._create_policy("cache", params)

    def get_cache_policy(self, params: Params) -> Response:
        """GetCachePolicy."""
        return self._get_policy("cache", params, config_only=False)

    def get_cache_policy_config(self, params: Params) -> Response:
        """GetCachePolicyConfig."""
        return self._get_policy("cache", params, config_only=True)

    def update_cache_policy(self, params: Params) -> Response:
        """UpdateCachePolicy."""
        return self._update_policy("cache", params)

    def delete_cache_policy(self, params: Params) -> Response:
        """DeleteCachePolicy."""
        return self._delete_policy("cache", params)

    def list_cache_policies(self, params: Params) -> Response:
        """ListCachePolicies."""
        return self._list_policies("cache", params)

    def create_origin_request_policy(self, params: Params) -> Response:
        """CreateOriginRequestPolicy."""
        return self._create_policy("origin-request", params)

    def get_origin_request_policy(self, params: Params) -> Response:
        """GetOriginRequestPolicy."""
        return self._get_policy("origin-request", params, config_only=False)

    def get_origin_request_policy_config(self, params: Params) -> Response:
        """GetOriginRequestPolicyConfig."""
        return self._get_policy("origin-request", params, config_only=True)

    def update_origin_request_policy(self, params: Params) -> Response:
        """UpdateOriginRequestPolicy."""
        return self._update_policy("origin-request", params)

    def delete_origin_request_policy(self, params: Params) -> Response:
        """DeleteOriginRequestPolicy."""
        return self._delete_policy("origin-request", params)

    def list_origin_request_policies(self, params: Params) -> Response:
        """ListOriginRequestPolicies."""
        return self._list_policies("origin-request", params)

    def create_response_headers_policy(self, params: Params) -> Response:
        """CreateResponseHeadersPolicy."""
        return self._create_policy("response-headers", params)

    def get_response_headers_policy(self, params: Params) -> Response:
        """GetResponseHeadersPolicy."""
        return self._get_policy("response-headers", params, config_only=False)

    def get_response_headers_policy_config(self, params: Params) -> Response:
        """GetResponseHeadersPolicyConfig."""
        return self._get_policy("response-headers", params, config_only=True)

    def update_response_headers_policy(self, params: Params) -> Response:
        """UpdateResponseHeadersPolicy."""
        return self._update_policy("response-headers", params)

    def delete_response_headers_policy(self, params: Params) -> Response:
        """DeleteResponseHeadersPolicy."""
        return self._delete_policy("response-headers", params)

    def list_response_headers_policies(self, params: Params) -> Response:
        """ListResponseHeadersPolicies."""
        return self._list_policies("response-headers", params)
