"""``cloud.client("apigatewayv2")``'s OpenAPI operations: ImportApi, ReimportApi and
ExportApi (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..._core.client import operation
from .._openapi._http import HttpImporter
from .._openapi._http_export import export_http_api

if TYPE_CHECKING:
    from ._engine import HttpApis

__all__ = ["OpenApiV2ClientOps"]


class OpenApiV2ClientOps:
    """ImportApi, ReimportApi and ExportApi."""

    _engine: HttpApis

    @operation("ImportApi")
    def import_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create an HTTP API from an OpenAPI 3 (or Swagger 2) document.

        ImportApi. ``Body`` (the document as JSON or YAML text), ``Basepath``
        (``ignore``, ``prepend`` or ``split``), ``FailOnWarnings``. Returns the Api, with
        ``Warnings`` when something was skipped.

        >>> from pyserverless import Cloud
        >>> v2 = Cloud.manual().client("apigatewayv2")
        >>> doc = '{"openapi": "3.0.1", "info": {"title": "pets"}, "paths": {"/pets": {"get": {}}}}'
        >>> api = v2.import_api(Body=doc)
        >>> [r["RouteKey"] for r in v2.get_routes(ApiId=api["ApiId"])["Items"]]
        ['GET /pets']
        """
        return HttpImporter(self._engine).import_api(params)

    @operation("ReimportApi")
    def reimport_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """Replace an HTTP API's routes, integrations and authorizers from a document.

        ReimportApi. ``ApiId``, ``Body``, ``Basepath``, ``FailOnWarnings``. The API keeps
        its id and stages. Returns the Api.
        """
        return HttpImporter(self._engine).reimport_api(params)

    @operation("ExportApi")
    def export_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """An HTTP API as an OpenAPI 3.0 document.

        ExportApi. ``ApiId``, ``Specification`` (``OAS30``), ``OutputType`` (``JSON`` or
        ``YAML``), ``IncludeExtensions`` (default true), ``StageName`` (export that
        stage's deployment), ``ExportVersion`` (``1.0``). Returns ``body`` (bytes).
        """
        return export_http_api(self._engine, params)
