"""The Lambda client's tag and layer operations (a base class of ``LambdaClient``)."""

from __future__ import annotations

from typing import Any

from .._core.client import Params, Response, ServiceClient, operation
from . import _messages as msg
from ._engine import LambdaService
from ._errors import InvalidParameterValueException
from ._layers import LayerVersion
from ._validate import Checks

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


class TagAndLayerOperations(ServiceClient):
    """TagResource, UntagResource, ListTags and the layer operations."""

    def _lambda(self) -> LambdaService:
        svc: LambdaService = self._cloud.engine("lambda", self.meta.region_name)
        return svc

    # -- tags ------------------------------------------------------------------------------
    @operation("TagResource")
    def tag_resource(self, p: Params) -> Response:
        """Attach tags to a function.

        TagResource. Required: ``Resource`` (the function's ARN) and ``Tags`` (a dict of
        key -> value; a key given again takes the new value). Returns only
        ``ResponseMetadata``.
        """
        checks = Checks()
        checks.required(p.get("Tags"), "tags")
        checks.raise_if_any()
        self._lambda().tag_resource(p.get("Resource"), p["Tags"])
        return {}

    @operation("UntagResource")
    def untag_resource(self, p: Params) -> Response:
        """Remove tags from a function by key.

        UntagResource. Required: ``Resource`` (the function's ARN) and ``TagKeys`` (a list of
        keys). Returns only ``ResponseMetadata``.
        """
        checks = Checks()
        checks.required(p.get("TagKeys"), "tagKeys")
        checks.raise_if_any()
        self._lambda().untag_resource(p.get("Resource"), p["TagKeys"])
        return {}

    @operation("ListTags")
    def list_tags(self, p: Params) -> Response:
        """Read a function's tags.

        ListTags. Required: ``Resource`` (the function's ARN). Returns ``Tags`` as a dict.
        """
        return {"Tags": self._lambda().list_tags(p.get("Resource"))}

    # -- layers ------------------------------------------------------------------------------
    @operation("PublishLayerVersion")
    def publish_layer_version(self, p: Params) -> Response:
        """Publish a new version of a layer from a zip (a function's ``/opt`` holds its files).

        PublishLayerVersion. Required: ``LayerName`` and ``Content`` as
        ``{"ZipFile": bytes}`` (S3 is not emulated). Often used: ``CompatibleRuntimes``,
        ``CompatibleArchitectures``, ``Description``, ``LicenseInfo``. Returns the new
        version: ``LayerVersionArn`` (pass it in a function's ``Layers``), ``Version``, ``Content``.
        """
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
        layer = svc.publish_layer_version(
            p["LayerName"],
            content["ZipFile"],
            description=p.get("Description", ""),
            compatible_runtimes=p.get("CompatibleRuntimes") or (),
            compatible_architectures=p.get("CompatibleArchitectures") or (),
            license_info=p.get("LicenseInfo"),
        )
        out = layer_dict(layer, svc.region, self._cloud.account_id)
        # PublishLayerVersion names both lists, empty or not (AWS's answers recorded in
        # localstack's test_layer_exceptions); the reads leave an empty one out.
        out.setdefault("CompatibleArchitectures", [])
        out.setdefault("CompatibleRuntimes", [])
        return out

    @operation("GetLayerVersion")
    def get_layer_version(self, p: Params) -> Response:
        """Describe one version of a layer.

        GetLayerVersion. Required: ``LayerName`` (name or ARN) and ``VersionNumber``.
        Returns ``LayerVersionArn``, ``Version``, ``Content`` (``CodeSha256``, ``CodeSize``),
        ``CompatibleRuntimes`` and ``CreatedDate``.
        """
        svc = self._lambda()
        layer = svc.get_layer_version(p.get("LayerName"), p.get("VersionNumber"))
        return layer_dict(layer, svc.region, self._cloud.account_id)

    @operation("GetLayerVersionByArn")
    def get_layer_version_by_arn(self, p: Params) -> Response:
        """Describe one version of a layer from its version ARN.

        GetLayerVersionByArn. Required: ``Arn`` (ending in ``:layer:<name>:<version>``).
        Returns what GetLayerVersion returns.
        """
        svc = self._lambda()
        layer = svc.get_layer_version_by_arn(p.get("Arn", ""))
        return layer_dict(layer, svc.region, self._cloud.account_id)

    @operation("DeleteLayerVersion")
    def delete_layer_version(self, p: Params) -> Response:
        """Delete one version of a layer (functions already using it keep their copy).

        DeleteLayerVersion. Required: ``LayerName`` and ``VersionNumber``. Returns only
        ``ResponseMetadata``; deleting a version that is gone is not an error.
        """
        self._lambda().delete_layer_version(p.get("LayerName"), p.get("VersionNumber"))
        return {}

    @operation("ListLayerVersions")
    def list_layer_versions(self, p: Params) -> Response:
        """List the versions of one layer, newest first, a page at a time.

        ListLayerVersions. Required: ``LayerName``. Often used: ``CompatibleRuntime``,
        ``CompatibleArchitecture``, ``MaxItems``, ``Marker``. Returns ``LayerVersions`` and
        ``NextMarker`` if more follow.
        """
        page = self._lambda().list_layer_versions(
            p.get("LayerName"),
            compatible_runtime=p.get("CompatibleRuntime"),
            compatible_architecture=p.get("CompatibleArchitecture"),
            marker=p.get("Marker"),
            max_items=p.get("MaxItems"),
        )
        out: Response = {"LayerVersions": [_list_item(v) for v in page.items]}
        if page.next_marker:
            out["NextMarker"] = page.next_marker
        return out

    @operation("ListLayers")
    def list_layers(self, p: Params) -> Response:
        """List the layers in this region, each with its newest matching version.

        ListLayers. No required parameters. Often used: ``CompatibleRuntime``,
        ``CompatibleArchitecture``, ``MaxItems``, ``Marker``. Returns ``Layers``
        (``LayerName``, ``LayerArn``, ``LatestMatchingVersion``) and ``NextMarker``.
        """
        page = self._lambda().list_layers(
            compatible_runtime=p.get("CompatibleRuntime"),
            compatible_architecture=p.get("CompatibleArchitecture"),
            marker=p.get("Marker"),
            max_items=p.get("MaxItems"),
        )
        out: Response = {
            "Layers": [
                {
                    "LayerName": v.name,
                    "LayerArn": v.layer_arn,
                    "LatestMatchingVersion": _list_item(v),
                }
                for v in page.items
            ]
        }
        if page.next_marker:
            out["NextMarker"] = page.next_marker
        return out
