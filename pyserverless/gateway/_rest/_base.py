"""What every part of the REST APIs engine shares: the Cloud, the store, the lock,
ids, lookups that raise AWS's ``NotFoundException``, and pagination."""

from __future__ import annotations

import string
import threading
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..._core.text import digits
from .._errors import BadRequestException, NotFoundException
from .._limits import GatewayLimits
from . import _messages as msg
from ._model import ApiState, Store

if TYPE_CHECKING:
    from ...cloud import Cloud

__all__ = ["HTTP_METHODS", "EngineBase"]

_LOWER_ALNUM = string.ascii_lowercase + string.digits
HTTP_METHODS = ("ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")
_DEFAULT_PAGE = 25
_MAX_PAGE = 500


class EngineBase:
    """The shared state and helpers; the operations live in the mixins."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.account_id = cloud.account_id
        self.limits: GatewayLimits = cloud.limits.for_service("apigateway")
        self.state = Store()
        self.lock = threading.RLock()

    # -- ids and time ------------------------------------------------------------------
    def _new_id(self, taken: Mapping[str, Any] | Sequence[str], length: int = 10) -> str:
        """``length`` lower-case alphanumerics from the Cloud's seeded generator, unused."""
        while True:
            value = self.cloud.ids.bits(6 * length)
            chars = []
            for _ in range(length):
                value, digit = divmod(value, 36)
                chars.append(_LOWER_ALNUM[digit])
            found = "".join(chars)
            if found not in taken:
                return found

    def _now(self) -> datetime:
        return self.cloud.now().replace(microsecond=0)

    def _arn(self, path: str) -> str:
        partition = "aws-cn" if self.region.startswith("cn-") else "aws"
        return f"arn:{partition}:apigateway:{self.region}::{path}"

    # -- lookups -----------------------------------------------------------------------
    def _api(self, params: Mapping[str, Any]) -> ApiState:
        api_id = params.get("restApiId", "")
        api = self.state.apis.get(api_id)
        if api is None:
            raise NotFoundException(msg.API_NOT_FOUND.format(self.account_id, api_id))
        return api

    def _api_of_resource(self, params: Mapping[str, Any]) -> ApiState:
        """The API, for a method's operations: an unknown API is an unknown resource there."""
        api = self.state.apis.get(params.get("restApiId", ""))
        if api is None:
            raise NotFoundException(msg.RESOURCE_NOT_FOUND)
        return api

    def _resource(self, api: ApiState, resource_id: object) -> dict[str, Any]:
        found = api.resources.get(resource_id) if isinstance(resource_id, str) else None
        if found is None:
            raise NotFoundException(msg.RESOURCE_NOT_FOUND)
        return found

    def _method(self, api: ApiState, params: Mapping[str, Any]) -> dict[str, Any]:
        resource = self._resource(api, params.get("resourceId"))
        method = resource.get("resourceMethods", {}).get(params.get("httpMethod", ""))
        if method is None:
            raise NotFoundException(msg.METHOD_NOT_FOUND)
        return method  # type: ignore[no-any-return]

    def _integration(self, api: ApiState, params: Mapping[str, Any]) -> dict[str, Any]:
        integration = self._method(api, params).get("methodIntegration")
        if integration is None:
            raise NotFoundException(msg.INTEGRATION_NOT_FOUND)
        return integration  # type: ignore[no-any-return]

    def _stage(self, api: ApiState, name: object) -> dict[str, Any]:
        stage = api.stages.get(name) if isinstance(name, str) else None
        if stage is None:
            raise NotFoundException(msg.STAGE_NOT_FOUND)
        return stage

    def _changed(self, api: ApiState, stage_name: str | None = None) -> None:
        """Forget ``deployed()`` answers of one stage (or all of the API's)."""
        if stage_name is None:
            api.served.clear()
        else:
            api.served.pop(stage_name, None)

    def _plans_changed(self) -> None:
        """Forget ``usage_plans_for()`` answers (a plan, its keys or its stages changed)."""
        self.state.plan_views.clear()

    # -- pagination --------------------------------------------------------------------
    @staticmethod
    def _page(
        items: Sequence[Any], params: Mapping[str, Any], key: str = "items"
    ) -> dict[str, Any]:
        """One page of ``items`` (``limit`` 1..500, default 25; ``position`` opaque)."""
        limit = params.get("limit", _DEFAULT_PAGE)
        if not isinstance(limit, int) or not 1 <= limit <= _MAX_PAGE:
            bound = (
                "greater than or equal to 1"
                if isinstance(limit, int) and limit < 1
                else (f"less than or equal to {_MAX_PAGE}")
            )
            raise BadRequestException(
                f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy "
                f"constraint: Member must have value {bound}"
            )
        start = 0
        position = params.get("position")
        if position is not None:
            if not isinstance(position, str) or not digits(position):
                raise BadRequestException("Invalid position parameter")
            start = int(position)
        page: dict[str, Any] = {key: list(items[start : start + limit])}
        if start + limit < len(items):
            page["position"] = str(start + limit)
        return page
