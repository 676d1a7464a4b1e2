"""``cloud.client("apigateway")``'s OpenAPI import: ImportRestApi and PutRestApi (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..._core.client import operation
from .._openapi import RestImporter

if TYPE_CHECKING:
    from ._engine import RestApis

__all__ = ["OpenApiClientOps"]


class OpenApiClientOps:
    """ImportRestApi and PutRestApi."""

    _engine: RestApis

    @operation("ImportRestApi")
    def import_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create a REST API from an OpenAPI 3 or Swagger 2 document.

        ImportRestApi. ``body`` (the document, JSON or YAML bytes), ``failOnWarnings``
        (refuse instead of skipping what cannot be imported), ``parameters``
        (``endpointConfigurationTypes``, ``ignore=documentation``,
        ``basepath=ignore|prepend|split``). Returns the RestApi, with ``warnings`` when
        something was skipped.

        >>> from pyserverless import Cloud
        >>> gw = Cloud.manual().client("apigateway")
        >>> doc = b'{"openapi": "3.0.1", "info": {"title": "pets"}, "paths": {"/pets": {}}}'
        >>> gw.import_rest_api(body=doc)["name"]
        'pets'
        """
        return RestImporter(self._engine).import_api(params)

    @operation("PutRestApi")
    def put_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """Update an existing REST API from an OpenAPI 3 or Swagger 2 document.

        PutRestApi. ``restApiId``, ``body``, ``mode`` (``merge``, the default, adds and
        replaces what the document defines; ``overwrite`` replaces the whole
        definition), ``failOnWarnings``, ``parameters`` as for ImportRestApi. Returns the
        RestApi.
        """
        return RestImporter(self._engine).put_api(params)
