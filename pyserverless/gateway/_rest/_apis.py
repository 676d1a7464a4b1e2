"""RestApis and Resources: create, read, update (patch operations), delete."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._errors import BadRequestException, ConflictException, LimitExceededException
from . import _messages as msg
from . import _patch as patch
from ._base import EngineBase
from ._model import ApiState, copied
from ._models import default_models

__all__ = ["ApiOps"]

_LITERAL = re.compile(r"[A-Za-z0-9._\-]+")
_VARIABLE = re.compile(r"\{[A-Za-z0-9._\-]+\+?\}")
_ENDPOINT_TYPES = ("EDGE", "REGIONAL")
#: CreateRestApi settings that need a feature pyserverless does not emulate yet.
_REFUSED_API_SETTINGS = (
    "cloneFrom",
    "policy",
    "minimumCompressionSize",
    "securityPolicy",
    "endpointAccessMode",
)


def _check_media_type(value: str) -> None:
    if "/" not in value:
        raise BadRequestException(f"Invalid binary media type: {value}")


def _api_rules() -> tuple[patch.Rule, ...]:
    return (
        patch.field("/name", "name"),
        patch.field("/description", "description", removable=True),
        patch.field("/version", "version", removable=True),
        patch.field("/apiKeySource", "apiKeySource", choices=("HEADER", "AUTHORIZER")),
        patch.boolean("/disableExecuteApiEndpoint", "disableExecuteApiEndpoint"),
        # AWS takes any text as a patched media type (verified: ``/binaryMediaTypes/-``)
        patch.list_item("/binaryMediaTypes/{}", "binaryMediaTypes", replace=True),
        patch.Rule(("minimumCompressionSize",), frozenset({"replace"}), _compression, ""),
        patch.Rule(
            ("endpointConfiguration", "types", "{}"),
            frozenset({"replace"}),
            _replace_endpoint_type,
            "/endpointConfiguration/types/{type}",
        ),
    )


def _compression(
    target: dict[str, Any], _op: str, _captures: tuple[str, ...], value: str | None
) -> None:
    """``replace /minimumCompressionSize``: empty turns compression off; a size is checked
    as AWS checks it, then refused, since responses are not compressed here."""
    if value in (None, ""):
        target.pop("minimumCompressionSize", None)
        return
    _check_compression(value)
    raise BadRequestException(msg.SETTING_NOT_EMULATED.format("minimumCompressionSize"))


def _check_endpoint_model(config: Mapping[str, Any] | None) -> None:
    """The endpoint configuration's enums, as AWS's model validation reports them (types
    first, then the address type; verified)."""
    if not config:
        return
    errors = []
    types = config.get("types")
    if isinstance(types, list) and any(t not in (*_ENDPOINT_TYPES, "PRIVATE") for t in types):
        errors.append(msg.ENDPOINT_TYPES_ENUM.format("[" + ", ".join(map(str, types)) + "]"))
    address = config.get("ipAddressType")
    if address is not None and address not in ("ipv4", "dualstack"):
        errors.append(msg.IP_ADDRESS_TYPE_ENUM.format(address))
    if errors:
        raise patch.validation(errors)


def _check_compression(value: object) -> None:
    try:
        size = int(str(value))
    except ValueError:
        raise BadRequestException(msg.COMPRESSION_SIZE) from None
    if not 0 <= size <= 10485760:
        raise BadRequestException(msg.COMPRESSION_SIZE)


def _replace_endpoint_type(
    target: dict[str, Any], _op: str, captures: tuple[str, ...], value: str | None
) -> None:
    types = target["endpointConfiguration"]["types"]
    if value not in (*_ENDPOINT_TYPES, "PRIVATE"):  # verified wording
        raise BadRequestException(msg.ENDPOINT_TYPE_PATCH)
    if value == "PRIVATE":
        raise BadRequestException(msg.SETTING_NOT_EMULATED.format("PRIVATE endpoints"))
    if captures[0] not in types:
        raise BadRequestException(
            msg.PATCH_ENUM.format("/endpointConfiguration/types", value, ",".join(_ENDPOINT_TYPES))
        )
    types[types.index(captures[0])] = value


class ApiOps(EngineBase):
    """CreateRestApi ... DeleteResource."""

    # -- RestApis ----------------------------------------------------------------------
    def create_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateRestApi: a new API with its root resource ``/``."""
        config = params.get("endpointConfiguration")
        _check_endpoint_model(config)
        if params.get("description") == "":
            raise BadRequestException(msg.DESCRIPTION_EMPTY)
        if params.get("minimumCompressionSize") is not None:
            _check_compression(params["minimumCompressionSize"])
        for name in _REFUSED_API_SETTINGS:
            if params.get(name) not in (None, ""):
                raise BadRequestException(msg.SETTING_NOT_EMULATED.format(name))
        types = self._endpoint_types(config)
        address = (config or {}).get("ipAddressType") or "ipv4"
        source = params.get("apiKeySource", "HEADER")
        if source not in ("HEADER", "AUTHORIZER"):
            raise BadRequestException(
                msg.PATCH_ENUM.format("apiKeySource", source, "HEADER,AUTHORIZER")
            )
        media = list(dict.fromkeys(params.get("binaryMediaTypes") or ()))
        for item in media:
            _check_media_type(item)
        tags = self._checked_tags(params.get("tags") or {})
        with self.lock:
            self._check_api_count(types[0])
            api_id = self._new_api_id()
            root_id = self._new_id((), 10)
            info: dict[str, Any] = {"id": api_id, "name": params["name"]}
            for key in ("description", "version"):
                if params.get(key) is not None:
                    info[key] = params[key]
            info["createdDate"] = self._now()
            if media:
                info["binaryMediaTypes"] = media
            info.update(
                apiKeySource=source,
                endpointConfiguration={"types": types, "ipAddressType": address},
                disableExecuteApiEndpoint=bool(params.get("disableExecuteApiEndpoint", False)),
                rootResourceId=root_id,
            )
            if tags:
                info["tags"] = tags
            api = ApiState(info=info)
            api.resources[root_id] = {"id": root_id, "path": "/"}
            api.models.update(default_models(api_id))
            self.state.apis[api_id] = api
            return copied(info)

    def _new_api_id(self) -> str:
        """An id no REST API and no HTTP API of this Region holds (they share the space)."""
        http = None
        if self.region in self.cloud.regions_with("apigatewayv2"):
            http = self.cloud.engine("apigatewayv2", self.region)
        while True:
            found = self._new_id(self.state.apis)
            if http is None or not http.has_api(found):
                return found

    def _endpoint_types(self, config: Mapping[str, Any] | None) -> list[str]:
        if not config:
            return ["EDGE"]
        if config.get("vpcEndpointIds"):
            raise BadRequestException(msg.SETTING_NOT_EMULATED.format("vpcEndpointIds"))
        types = list(config["types"]) if config.get("types") is not None else ["EDGE"]
        if not types:
            raise BadRequestException(msg.ENDPOINTS_DISABLED)
        if len(types) != 1:
            raise BadRequestException(msg.ENDPOINTS_MANY)
        if types[0] == "PRIVATE":
            raise BadRequestException(msg.SETTING_NOT_EMULATED.format("PRIVATE endpoints"))
        if types[0] not in _ENDPOINT_TYPES:
            raise BadRequestException(
                msg.PATCH_ENUM.format("types", types[0], "EDGE,REGIONAL,PRIVATE")
            )
        return types

    def _check_api_count(self, endpoint_type: str) -> None:
        limit = (
            self.limits.max_edge_apis if endpoint_type == "EDGE" else self.limits.max_regional_apis
        )
        same = sum(
            1
            for api in self.state.apis.values()
            if (api.info["endpointConfiguration"]["types"][0] == "EDGE")
            == (endpoint_type == "EDGE")
        )
        if same >= limit:
            raise LimitExceededException(msg.TOO_MANY.format("REST APIs", "Region", limit))

    def _checked_tags(self, tags: Mapping[str, str]) -> dict[str, str]:
        if len(tags) > self.limits.max_tags:
            raise BadRequestException(msg.TOO_MANY_TAGS.format(self.limits.max_tags))
        for key in tags:
            if key.lower().startswith("aws:"):
                raise BadRequestException("Tag keys cannot start with 'aws:'")
        return dict(tags)

    def get_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRestApi."""
        with self.lock:
            return copied(self._api(params).info)

    def get_rest_apis(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRestApis: a page of APIs in creation order."""
        with self.lock:
            items = [copied(api.info) for api in self.state.apis.values()]
        return self._page(items, params)

    def update_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateRestApi: patch operations on name, description, binaryMediaTypes, ..."""
        plan = patch.parse(params.get("patchOperations") or [], _api_rules(), strict=True)
        with self.lock:
            api = self._api(params)
            api.info = patch.apply(api.info, plan)
            return copied(api.info)

    def delete_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteRestApi: the API, its stages and deployments; usage plans let go of it."""
        with self.lock:
            api = self._api(params)
            del self.state.apis[api.api_id]
            for plan in self.state.usage_plans.values():
                stages = [s for s in plan.get("apiStages", []) if s["apiId"] != api.api_id]
                plan["apiStages"] = stages
            self._plans_changed()
        return {}

    # -- Resources ---------------------------------------------------------------------
    def get_resources(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetResources: every resource (``embed=["methods"]`` includes the methods)."""
        with self.lock:
            api = self._api(params)
            embed = "methods" in (params.get("embed") or ())
            items = [self._shown(r, embed) for r in api.resources.values()]
        return self._page(items, params)

    def get_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetResource."""
        with self.lock:
            api = self._api(params)
            embed = "methods" in (params.get("embed") or ())
            return self._shown(self._resource(api, params.get("resourceId")), embed)

    @staticmethod
    def _shown(resource: dict[str, Any], embed: bool) -> dict[str, Any]:
        shown = copied(resource)
        methods = shown.get("resourceMethods")
        if methods and not embed:  # without embed, AWS names the methods only
            shown["resourceMethods"] = {name: {} for name in methods}
        return shown

    def create_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateResource: a child of ``parentId`` named ``pathPart``."""
        with self.lock:
            api = self._api(params)
            parent = self._resource(api, params.get("parentId"))
            part = params["pathPart"]
            self._check_part(api, parent, part, None)
            if len(api.resources) >= self.limits.max_resources_per_api:
                raise LimitExceededException(
                    msg.TOO_MANY.format("resources", "API", self.limits.max_resources_per_api)
                )
            resource_id = self._new_id(api.resources, 6)
            resource = {
                "id": resource_id,
                "parentId": parent["id"],
                "pathPart": part,
                "path": _child_path(parent["path"], part),
            }
            api.resources[resource_id] = resource
            return copied(resource)

    def _check_part(
        self, api: ApiState, parent: Mapping[str, Any], part: str, moving: str | None
    ) -> None:
        if not (_LITERAL.fullmatch(part) or _VARIABLE.fullmatch(part)):
            raise BadRequestException(msg.BAD_PATH_PART)
        if parent.get("pathPart", "").endswith("+}"):
            raise BadRequestException(msg.GREEDY_CHILD.format(parent["pathPart"]))
        for sibling in api.resources.values():
            if sibling.get("parentId") != parent["id"] or sibling["id"] == moving:
                continue
            if sibling["pathPart"] == part:
                raise ConflictException(msg.RESOURCE_CONFLICT.format(part))
            if part.startswith("{") and sibling["pathPart"].startswith("{"):
                raise BadRequestException(msg.TWO_VARIABLES.format(sibling["pathPart"]))

    def update_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateResource: ``replace`` of ``/pathPart`` or ``/parentId``."""
        rules = (patch.field("/parentId", "parentId"), patch.field("/pathPart", "pathPart"))
        plan = patch.parse(params.get("patchOperations") or [], rules)
        with self.lock:
            api = self._api(params)
            resource = self._resource(api, params.get("resourceId"))
            if "parentId" not in resource:  # the first op names what AWS refuses
                if not plan:
                    return self._shown(resource, True)
                raise BadRequestException(msg.ROOT_UPDATE.format(plan[0].rule.pattern[0]))
            changed = patch.apply(resource, plan)
            parent = self._resource(api, changed["parentId"])
            if _is_below(api, parent["id"], resource["id"]):
                raise BadRequestException(msg.CYCLICAL_RESOURCES)
            self._check_part(api, parent, changed["pathPart"], resource["id"])
            if changed["pathPart"].endswith("+}") and any(
                child.get("parentId") == resource["id"] for child in api.resources.values()
            ):
                raise BadRequestException(msg.GREEDY_CHILD.format(changed["pathPart"]))
            resource.update(changed)
            self._repath(api, resource, parent["path"])
            return self._shown(resource, True)

    def _repath(self, api: ApiState, resource: dict[str, Any], parent_path: str) -> None:
        resource["path"] = _child_path(parent_path, resource["pathPart"])
        for child in api.resources.values():
            if child.get("parentId") == resource["id"]:
                self._repath(api, child, resource["path"])

    def delete_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteResource: the resource and everything beneath it."""
        with self.lock:
            api = self._api(params)
            resource = self._resource(api, params.get("resourceId"))
            if "parentId" not in resource:
                raise BadRequestException(msg.ROOT_DELETE)
            doomed = [rid for rid in api.resources if _is_below(api, rid, resource["id"])]
            for rid in doomed:
                del api.resources[rid]
        return {}


def _child_path(parent_path: str, part: str) -> str:
    return parent_path.rstrip("/") + "/" + part


def _is_below(api: ApiState, resource_id: str, ancestor_id: str) -> bool:
    """Whether ``resource_id`` is ``ancestor_id`` or beneath it."""
    current: str | None = resource_id
    while current is not None:
        if current == ancestor_id:
            return True
        current = api.resources[current].get("parentId")
    return False
