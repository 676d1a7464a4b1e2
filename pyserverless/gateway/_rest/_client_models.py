"""``cloud.client("apigateway")``'s models, request validators and stage cache (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..._core.client import operation

if TYPE_CHECKING:
    from ._engine import RestApis

__all__ = ["ModelClientOps"]


class ModelClientOps:
    """Models, request validators and FlushStageCache."""

    _engine: RestApis

    @operation("CreateModel")
    def create_model(self, params: dict[str, Any]) -> dict[str, Any]:
        """Add a data model (a JSON Schema draft 4) to a REST API.

        CreateModel. ``restApiId``, ``name`` (alphanumeric), ``contentType``, ``schema``
        (the schema as a JSON string), ``description``. Returns the Model.
        """
        return self._engine.create_model(params)

    @operation("GetModel")
    def get_model(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one model.

        GetModel. ``restApiId``, ``modelName``. Returns the Model with its schema.
        """
        return self._engine.get_model(params)

    @operation("GetModels")
    def get_models(self, params: dict[str, Any]) -> dict[str, Any]:
        """List a REST API's models (``Empty`` and ``Error`` come with every API).

        GetModels. ``restApiId``, ``limit``, ``position``. Returns ``items``.
        """
        return self._engine.get_models(params)

    @operation("UpdateModel")
    def update_model(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a model's schema or description with patch operations.

        UpdateModel. ``restApiId``, ``modelName``, ``patchOperations`` (``/schema``,
        ``/description``). Returns the Model.
        """
        return self._engine.update_model(params)

    @operation("DeleteModel")
    def delete_model(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove a model no method or other model uses.

        DeleteModel. ``restApiId``, ``modelName``. Returns nothing.
        """
        return self._engine.delete_model(params)

    @operation("GetModelTemplate")
    def get_model_template(self, params: dict[str, Any]) -> dict[str, Any]:
        """A starting mapping template generated from a model's schema.

        GetModelTemplate. ``restApiId``, ``modelName``. Returns ``value`` (VTL text).
        """
        return self._engine.get_model_template(params)

    @operation("CreateRequestValidator")
    def create_request_validator(self, params: dict[str, Any]) -> dict[str, Any]:
        """Add a request validator that checks bodies, parameters or both.

        CreateRequestValidator. ``restApiId``, ``name``, ``validateRequestBody``,
        ``validateRequestParameters``. Returns the RequestValidator with its ``id``.
        """
        return self._engine.create_request_validator(params)

    @operation("GetRequestValidator")
    def get_request_validator(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one request validator.

        GetRequestValidator. ``restApiId``, ``requestValidatorId``. Returns the validator.
        """
        return self._engine.get_request_validator(params)

    @operation("GetRequestValidators")
    def get_request_validators(self, params: dict[str, Any]) -> dict[str, Any]:
        """List a REST API's request validators.

        GetRequestValidators. ``restApiId``, ``limit``, ``position``. Returns ``items``.
        """
        return self._engine.get_request_validators(params)

    @operation("UpdateRequestValidator")
    def update_request_validator(self, params: dict[str, Any]) -> dict[str, Any]:
        """Rename a request validator or switch its checks with patch operations.

        UpdateRequestValidator. ``restApiId``, ``requestValidatorId``, ``patchOperations``
        (``/name``, ``/validateRequestBody``, ``/validateRequestParameters``).
        """
        return self._engine.update_request_validator(params)

    @operation("DeleteRequestValidator")
    def delete_request_validator(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove a request validator no method uses.

        DeleteRequestValidator. ``restApiId``, ``requestValidatorId``. Returns nothing.
        """
        return self._engine.delete_request_validator(params)

    @operation("FlushStageCache")
    def flush_stage_cache(self, params: dict[str, Any]) -> dict[str, Any]:
        """Empty a stage's cache (every method, every key).

        FlushStageCache. ``restApiId``, ``stageName``. Returns nothing.
        """
        return self._engine.flush_stage_cache(params)
