"""What every part of the HTTP APIs engine shares: the Cloud, the store, the lock, ids,
lookups that raise AWS's ``NotFoundException``, pagination, tags and deployments."""

from __future__ import annotations

import string
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ..._core.text import digits
from .._errors import BadRequestException, NotFoundException, TooManyRequestsException
from .._limits import GatewayV2Limits
from . import _messages as msg
from ._model import Deployment, HttpApi, Snapshot, Store, copied

if TYPE_CHECKING:
    from ...cloud import Cloud

__all__ = ["EngineBase", "check_enums", "refuse"]

_T = TypeVar("_T")
_LOWER_ALNUM = string.ascii_lowercase + string.digits
_DEFAULT_PAGE = 100


#: Enum members the engine reads: member -> (wire name, the model's values).
_ENUMS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "AuthorizationType": ("authorizationType", ("NONE", "AWS_IAM", "CUSTOM", "JWT")),
    "AuthorizerType": ("authorizerType", ("REQUEST", "JWT")),
    "ConnectionType": ("connectionType", ("INTERNET", "VPC_LINK")),
    "ContentHandlingStrategy": (
        "contentHandlingStrategy",
        ("CONVERT_TO_BINARY", "CONVERT_TO_TEXT"),
    ),
    "IntegrationType": ("integrationType", ("AWS", "HTTP", "MOCK", "HTTP_PROXY", "AWS_PROXY")),
    "IpAddressType": ("ipAddressType", ("ipv4", "dualstack")),
    "LoggingLevel": ("loggingLevel", ("ERROR", "INFO", "OFF")),
    "PassthroughBehavior": ("passthroughBehavior", ("WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES")),
    "ProtocolType": ("protocolType", ("WEBSOCKET", "HTTP")),
}


def check_enums(params: Mapping[str, Any]) -> None:
    """AWS's validation envelope for an enum member outside the model's values (botocore
    does not check enums, so a request reaches the service with any text)."""
    for name, (wire, allowed) in _ENUMS.items():
        value = params.get(name)
        if value is not None and value not in allowed:
            raise BadRequestException(msg.ENUM.format(value, wire, ", ".join(allowed)))


def refuse(params: Mapping[str, Any], names: Iterable[str], template: str) -> None:
    """``BadRequestException`` if any of ``names`` is given (a setting not emulated, or
    one HTTP APIs do not take)."""
    for name in names:
        if params.get(name) not in (None, "", [], {}):
            raise BadRequestException(template.format(name))


class EngineBase:
    """The shared state and helpers; the operations live in the mixins."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.account_id = cloud.account_id
        self.limits: GatewayV2Limits = cloud.limits.for_service("apigatewayv2")
        self.state = Store()
        self.lock = threading.RLock()

    # -- ids and time ------------------------------------------------------------------
    def _new_id(self, taken: Mapping[str, Any] | Sequence[str] = ()) -> str:
        """10 lower-case alphanumerics from the Cloud's seeded generator, unused here and
        (for API ids) by the Region's REST APIs."""
        rng = self.cloud.ids
        while True:
            found = rng.choice(_LOWER_ALNUM, 10)
            if found not in taken and not self._rest_has(found):
                return found

    def _rest_has(self, api_id: str) -> bool:
        if self.region not in self.cloud.regions_with("apigateway"):
            return False
        return bool(self.cloud.engine("apigateway", self.region).has_api(api_id))

    def has_api(self, api_id: str) -> bool:
        """Whether ``api_id`` is an HTTP API of this Region (the runtime asks)."""
        return api_id in self.state.apis

    def _now(self) -> datetime:
        return self.cloud.now().replace(microsecond=0)

    def _arn(self, path: str) -> str:
        partition = "aws-cn" if self.region.startswith("cn-") else "aws"
        return f"arn:{partition}:apigateway:{self.region}::{path}"

    # -- lookups -----------------------------------------------------------------------
    def _api(self, params: Mapping[str, Any]) -> HttpApi:
        api_id = params.get("ApiId", "")
        api = self.state.apis.get(api_id)
        if api is None:
            raise NotFoundException(msg.API_NOT_FOUND.format(self.account_id, api_id))
        return api

    @staticmethod
    def _child(table: Mapping[str, _T], key: object, template: str) -> _T:
        found = table.get(key) if isinstance(key, str) else None
        if found is None:
            raise NotFoundException(template.format(key))
        return found

    def _check_count(self, have: int, limit: int, what: str, parent: str = "API") -> None:
        if have >= limit:
            raise TooManyRequestsException(msg.LIMIT.format(what, parent, limit))

    def _checked_tags(
        self, tags: Mapping[str, str], have: Mapping[str, str] | None = None
    ) -> dict[str, str]:
        merged = dict(have or {})
        merged.update(tags)
        if len(merged) > self.limits.max_tags:
            raise BadRequestException(msg.TAGS.format(self.limits.max_tags))
        return merged

    # -- pagination --------------------------------------------------------------------
    @staticmethod
    def _page(items: Sequence[Any], params: Mapping[str, Any]) -> dict[str, Any]:
        """One page of ``items`` (``MaxResults`` a number as text; ``NextToken`` opaque)."""
        size = _DEFAULT_PAGE
        given = params.get("MaxResults")
        if given is not None:
            text = str(given)
            if not digits(text) or int(text) < 1:
                raise BadRequestException(msg.MAX_RESULTS.format(text))
            size = int(text)
        start = 0
        token = params.get("NextToken")
        if token is not None:
            if not isinstance(token, str) or not digits(token) or int(token) > len(items):
                raise BadRequestException(msg.NEXT_TOKEN)
            start = int(token)
        page: dict[str, Any] = {"Items": [copied(item) for item in items[start : start + size]]}
        if start + size < len(items):
            page["NextToken"] = str(start + size)
        return page

    # -- deployments -------------------------------------------------------------------
    def _deploy(
        self, api: HttpApi, description: str | None, *, auto: bool, snapshot: Snapshot | None = None
    ) -> str:
        """A new deployment of the API's routes, integrations, authorizers and CORS."""
        deployment_id = self._new_id(api.deployments)
        info: dict[str, Any] = {
            "AutoDeployed": auto,
            "CreatedDate": self._now(),
            "DeploymentId": deployment_id,
            "DeploymentStatus": "DEPLOYED",
        }
        if description is not None:
            info["Description"] = description
        frozen = snapshot if snapshot is not None else self._snapshot(api)
        api.deployments[deployment_id] = Deployment(info=info, snapshot=frozen)
        return deployment_id

    @staticmethod
    def _snapshot(api: HttpApi) -> Snapshot:
        """The API as it is now. Stored shapes are replaced on update, never changed in
        place, so the snapshot holds them as they are (no copy of each)."""
        return Snapshot(
            routes=dict(api.routes),
            integrations=dict(api.integrations),
            authorizers=dict(api.authorizers),
            cors=api.info.get("CorsConfiguration"),
        )

    def _point(self, api: HttpApi, stage: dict[str, Any], deployment_id: str) -> None:
        stage["DeploymentId"] = deployment_id
        stage["LastUpdatedDate"] = self._now()
        if stage.get("AutoDeploy"):
            stage["LastDeploymentStatusMessage"] = (
                f"Successfully deployed stage with deployment ID '{deployment_id}'"
            )
        api.served.pop(stage["StageName"], None)

    def _auto_deploy(
        self, api: HttpApi, stage: dict[str, Any], snapshot: Snapshot | None = None
    ) -> None:
        """Deploy the API to an ``AutoDeploy`` stage; with no routes the attempt fails (the
        stage keeps what it served, and says why)."""
        if not api.routes:
            stage["LastDeploymentStatusMessage"] = msg.AUTO_DEPLOY_FAILED.format(msg.NO_ROUTES)
            return
        self._point(api, stage, self._deploy(api, None, auto=True, snapshot=snapshot))

    def _changed(self, api: HttpApi) -> None:
        """The API's routes, integrations, authorizers or CORS changed: every stage with
        ``AutoDeploy`` gets a new deployment (of one snapshot); the others keep theirs."""
        snapshot = None
        for stage in api.stages.values():
            if stage.get("AutoDeploy"):
                snapshot = snapshot or self._snapshot(api)
                self._auto_deploy(api, stage, snapshot)
        api.served.clear()
