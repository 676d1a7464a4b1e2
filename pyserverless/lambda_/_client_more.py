"""The Lambda client's tag and layer operations (a base class of ``LambdaClient``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._core.client import Params, Response, ServiceClient, operation
from . import _messages as msg
from ._engine import LambdaService
from ._errors import InvalidParameterValueException
from ._layers import LayerVersion
from ._tags import list_tags, tag_resource, untag_resource
from ._validate import ALL_RUNTIMES, ARCHITECTURES, Checks

__all__ = ["TagAndLayerOperations", "layer_dict"]


def _created(layer: LayerVersion) -> str:
    # CreatedDate is a string: "2018-11-27T15:10:45.123+0000".
    c = layer.created
    return c.strftime("%Y-%m-%dT%H:%M:%S.") + f"{c.microsecond // 1000:03d}+0000"


def _list_item(layer: LayerVersion) -> dict[str, Any]:
    out: dict[str, Any] = {
        "LayerVersionArn": layer.arn,
        "Version": layer.version,
        "Description": layer.description,
        "CreatedDate": _created(layer),
    }
    if layer.compatible_runtimes:
        out["CompatibleRuntimes"] = list(layer.compatible_runtimes)
    if layer.license_info is not None:
        out["LicenseInfo"] = layer.license_info
    if layer.compatible_architectures:
        out["CompatibleArchitectures"] = list(layer.compatible_architectures)
    return out


def layer_dict(layer: LayerVersion, region: str, account: str) -> dict[str, Any]:
    """A GetLayerVersion / PublishLayerVersion response."""
    out = _list_item(layer)
    out["LayerArn"] = layer.layer_arn
    out["Content"] = {
        "Location": f"https://awslambda-{region}-layers.s3.{region}.amazonaws.com/snapshots/"
        f"{account}/{layer.name}-{layer.code_sha256[:8]}",
        "CodeSha256": layer.code_sha256,
        "CodeSize": layer.code_size,
    }
    return out


def _version_number(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidParameterValueException(f"Invalid layer version number: {value}") from None


class TagAndLayerOperations(ServiceClient):
    """TagResource, UntagResource, ListTags and the layer operations."""

    def _lambda(self) -> LambdaService:
        svc: LambdaService = self._cloud.engine("lambda", self.meta.region_name)
        return svc

    def _listing(
        self,
        field: str,
        items: list[Any],
        p: Params,
        key: Callable[[Any], str],
        shape: Callable[[Any], dict[str, Any]],
    ) -> Response:  # pragma: no cover - LambdaClient's
        raise NotImplementedError

    # -- tags ------------------------------------------------------------------------------
    @operation("TagResource")
    def tag_resource(self, p: Params) -> Response:
        checks = Checks()
        checks.required(p.get("Tags"), "tags")
        checks.raise_if_any()
        tag_resource(self._lambda(), p.get("Resource"), p["Tags"])
        return {}

    @operation("UntagResource")
    def untag_resource(self, p: Params) -> Response:
        checks = Checks()
        checks.required(p.get("TagKeys"), "tagKeys")
        checks.raise_if_any()
        untag_resource(self._lambda(), p.get("Resource"), p["TagKeys"])
        return {}

    @operation("ListTags")
    def list_tags(self, p: Params) -> Response:
        return {"Tags": list_tags(self._lambda(), p.get("Resource"))}

    # -- layers ------------------------------------------------------------------------------
    @operation("PublishLayerVersion")
    def publish_layer_version(self, p: Params) -> Response:
        checks = Checks()
        checks.required(p.get("LayerName"), "layerName")
        checks.required(p.get("Content"), "content")
        checks.raise_if_any()
        content = p["Content"]
        if any(key in content for key in ("S3Bucket", "S3Key", "S3ObjectVersion")):
            raise InvalidParameterValueException(msg.LAYER_ZIP_ONLY)
        if "ZipFile" not in content:
            raise InvalidParameterValueException(msg.LAYER_CONTENT_REQUIRED)
        svc = self._lambda()
        layer = svc.layers.publish(
            p["LayerName"],
            content["ZipFile"],
            description=p.get("Description", ""),
            compatible_runtimes=p.get("CompatibleRuntimes") or (),
            compatible_architectures=p.get("CompatibleArchitectures") or (),
            license_info=p.get("LicenseInfo"),
        )
        return layer_dict(layer, svc.region, self._cloud.account_id)

    @operation("GetLayerVersion")
    def get_layer_version(self, p: Params) -> Response:
        svc = self._lambda()
        layer = svc.layers.get(p.get("LayerName"), _version_number(p.get("VersionNumber")))
        return layer_dict(layer, svc.region, self._cloud.account_id)

    @operation("GetLayerVersionByArn")
    def get_layer_version_by_arn(self, p: Params) -> Response:
        svc = self._lambda()
        layer = svc.layers.get_by_arn(p.get("Arn", ""))
        return layer_dict(layer, svc.region, self._cloud.account_id)

    @operation("DeleteLayerVersion")
    def delete_layer_version(self, p: Params) -> Response:
        self._lambda().layers.delete(p.get("LayerName"), _version_number(p.get("VersionNumber")))
        return {}

    def _filters(self, p: Params) -> tuple[str | None, str | None]:
        runtime = p.get("CompatibleRuntime")
        arch = p.get("CompatibleArchitecture")
        checks = Checks()
        if runtime is not None and runtime not in ALL_RUNTIMES:
            checks.add(
                runtime, "compatibleRuntime", msg.ENUM.format(values=", ".join(ALL_RUNTIMES))
            )
        if arch is not None and arch not in ARCHITECTURES:
            checks.add(
                arch, "compatibleArchitecture", msg.ENUM.format(values=", ".join(ARCHITECTURES))
            )
        checks.raise_if_any()
        return runtime, arch

    @staticmethod
    def _matches(layer: LayerVersion, runtime: str | None, arch: str | None) -> bool:
        return (runtime is None or runtime in layer.compatible_runtimes) and (
            arch is None or arch in layer.compatible_architectures
        )

    @operation("ListLayerVersions")
    def list_layer_versions(self, p: Params) -> Response:
        runtime, arch = self._filters(p)
        versions = [
            v
            for v in self._lambda().layers.versions(p.get("LayerName"))
            if self._matches(v, runtime, arch)
        ]
        order = {v.version: i for i, v in enumerate(versions)}
        return self._listing(
            "LayerVersions", versions, p, lambda v: f"{order[v.version]:010d}", _list_item
        )

    @operation("ListLayers")
    def list_layers(self, p: Params) -> Response:
        runtime, arch = self._filters(p)
        store = self._lambda().layers
        items = []
        for name in store.names():
            latest = next(
                (v for v in store.versions(name) if self._matches(v, runtime, arch)), None
            )
            if latest is not None:
                items.append(latest)

        def shape(v: LayerVersion) -> dict[str, Any]:
            return {
                "LayerName": v.name,
                "LayerArn": v.layer_arn,
                "LatestMatchingVersion": _list_item(v),
            }

        return self._listing("Layers", items, p, lambda v: v.name, shape)
