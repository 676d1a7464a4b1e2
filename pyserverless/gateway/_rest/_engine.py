"""The ``apigateway`` engine: REST APIs (v1), their deployments, stages, authorizers,
gateway responses, API keys and usage plans, for one Region of a Cloud.

Services reach it only through its public methods: the control plane's operations
(one per AWS operation, taking and returning AWS's shapes) and the runtime's contract
(``deployed``, ``usage_plans_for``, ``api_key_by_value``, ``api_key_by_id``).
"""

from __future__ import annotations

import re
from typing import Any

from .._errors import BadRequestException, NotFoundException
from . import _messages as msg
from ._apis import ApiOps
from ._authz import AuthorizerOps
from ._domains import DomainOps
from ._export import ExportOps
from ._keys import KeyOps
from ._methods import MethodOps
from ._models import ModelOps
from ._served import ServedOps
from ._stages import StageOps

__all__ = ["RestApis"]

_TAGGED = re.compile(
    r"arn:aws[a-z-]*:apigateway:(?P<region>[a-z0-9-]+)::/(?:"
    r"restapis/(?P<api>[a-z0-9]+)(?:/stages/(?P<stage>[^/]+))?"
    r"|apikeys/(?P<key>[a-z0-9]+)|usageplans/(?P<plan>[a-z0-9]+)"
    r"|domainnames/(?P<domain>[^/]+))"
)


class RestApis(
    ApiOps, MethodOps, ModelOps, StageOps, AuthorizerOps, KeyOps, ExportOps, ServedOps, DomainOps
):
    """API Gateway's REST APIs for one Region of a Cloud.

    >>> from pyserverless import Cloud
    >>> engine = Cloud.manual().engine("apigateway")
    >>> api = engine.create_rest_api({"name": "shop"})
    >>> [r["path"] for r in engine.get_resources({"restApiId": api["id"]})["items"]]
    ['/']
    >>> engine.deployed(api["id"], "prod") is None
    True
    """

    # -- Tags ---------------------------------------------------------------------------
    def _tagged(self, arn: str) -> dict[str, Any]:
        found = _TAGGED.fullmatch(arn)
        if found is None or found["region"] != self.region:
            raise BadRequestException(msg.TAG_ARN.format(arn))
        if found["api"]:
            api = self._api({"restApiId": found["api"]})
            return self._stage(api, found["stage"]) if found["stage"] else api.info
        if found["key"]:
            return self._api_key(found["key"])
        if found["domain"]:  # custom domain names (_domains.py)
            return self._domain(self._domains, found["domain"])
        plan = self.state.usage_plans.get(found["plan"])
        if plan is None:
            raise NotFoundException(msg.USAGE_PLAN_NOT_FOUND)
        return plan

    def tag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """TagResource: add or overwrite tags on an API, stage, API key or usage plan."""
        with self.lock:
            target = self._tagged(params["resourceArn"])
            merged = {**target.get("tags", {}), **params["tags"]}
            self._checked_tags(merged)
            target["tags"] = merged
        return {}

    def untag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """UntagResource: remove tags by key."""
        with self.lock:
            target = self._tagged(params["resourceArn"])
            tags = {k: v for k, v in target.get("tags", {}).items() if k not in params["tagKeys"]}
            if tags:
                target["tags"] = tags
            else:
                target.pop("tags", None)
        return {}

    def get_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetTags."""
        with self.lock:
            return {"tags": dict(self._tagged(params["resourceArn"]).get("tags", {}))}
