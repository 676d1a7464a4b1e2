"""The second half of ``cloud.client("apigateway")``'s operations (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..._core.client import operation

if TYPE_CHECKING:
    from ._engine import RestApis

__all__ = ["MoreClientOps"]


class MoreClientOps:
    """Stages, authorizers, gateway responses, API keys, usage plans, export and tags."""

    _engine: RestApis

    @operation("GetStage")
    def get_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one stage.

        GetStage. ``restApiId``, ``stageName``. Returns the Stage.
        """
        return self._engine.get_stage(params)

    @operation("GetStages")
    def get_stages(self, params: dict[str, Any]) -> dict[str, Any]:
        """List an API's stages.

        GetStages. ``restApiId``, ``deploymentId`` to keep the stages serving it. Returns
        ``item``.
        """
        return self._engine.get_stages(params)

    @operation("UpdateStage")
    def update_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a stage with patch operations.

        UpdateStage. ``restApiId``, ``stageName``, ``patchOperations`` (``/deploymentId``,
        ``/variables/{name}``, ``/{path}/{method}/throttling/rateLimit``,
        ``/accessLogSettings/format``, ...). Returns the Stage.
        """
        return self._engine.update_stage(params)

    @operation("DeleteStage")
    def delete_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete a stage.

        DeleteStage. ``restApiId``, ``stageName``.
        """
        return self._engine.delete_stage(params)

    @operation("CreateAuthorizer")
    def create_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create a Lambda (TOKEN, REQUEST) or Cognito user pool authorizer.

        CreateAuthorizer. ``restApiId``, ``name``, ``type``, ``authorizerUri`` (Lambda),
        ``providerARNs`` (Cognito), ``identitySource``, ``identityValidationExpression``,
        ``authorizerResultTtlInSeconds`` (0-3,600, default 300). Returns the Authorizer.
        """
        return self._engine.create_authorizer(params)

    @operation("GetAuthorizer")
    def get_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one authorizer.

        GetAuthorizer. ``restApiId``, ``authorizerId``. Returns the Authorizer.
        """
        return self._engine.get_authorizer(params)

    @operation("GetAuthorizers")
    def get_authorizers(self, params: dict[str, Any]) -> dict[str, Any]:
        """List an API's authorizers.

        GetAuthorizers. ``restApiId``, ``limit``, ``position``. Returns ``items``.
        """
        return self._engine.get_authorizers(params)

    @operation("UpdateAuthorizer")
    def update_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change an authorizer with patch operations.

        UpdateAuthorizer. ``restApiId``, ``authorizerId``, ``patchOperations``. Returns the
        Authorizer.
        """
        return self._engine.update_authorizer(params)

    @operation("DeleteAuthorizer")
    def delete_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete an authorizer no method uses.

        DeleteAuthorizer. ``restApiId``, ``authorizerId``.
        """
        return self._engine.delete_authorizer(params)

    @operation("PutGatewayResponse")
    def put_gateway_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Customise the answer API Gateway gives itself for one error type.

        PutGatewayResponse. ``restApiId``, ``responseType`` (UNAUTHORIZED, THROTTLED, DEFAULT_4XX,
        ...), ``statusCode``, ``responseParameters``, ``responseTemplates``. Returns the
        GatewayResponse.
        """
        return self._engine.put_gateway_response(params)

    @operation("GetGatewayResponse")
    def get_gateway_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one gateway response type, customised or default.

        GetGatewayResponse. ``restApiId``, ``responseType``. Returns the GatewayResponse
        (``defaultResponse`` true when not customised).
        """
        return self._engine.get_gateway_response(params)

    @operation("GetGatewayResponses")
    def get_gateway_responses(self, params: dict[str, Any]) -> dict[str, Any]:
        """List every gateway response type of an API.

        GetGatewayResponses. ``restApiId``, ``limit``, ``position``. Returns ``items``.
        """
        return self._engine.get_gateway_responses(params)

    @operation("UpdateGatewayResponse")
    def update_gateway_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a gateway response with patch operations.

        UpdateGatewayResponse. ``restApiId``, ``responseType``, ``patchOperations``. Returns the
        GatewayResponse.
        """
        return self._engine.update_gateway_response(params)

    @operation("DeleteGatewayResponse")
    def delete_gateway_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Return a gateway response type to its default.

        DeleteGatewayResponse. ``restApiId``, ``responseType``.
        """
        return self._engine.delete_gateway_response(params)

    @operation("CreateApiKey")
    def create_api_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create an API key (disabled unless ``enabled`` is true).

        CreateApiKey. ``name``, ``value`` (at least 20 characters; drawn if absent), ``enabled``,
        ``customerId``, ``stageKeys``, ``tags``. Returns the ApiKey with its value.
        """
        return self._engine.create_api_key(params)

    @operation("GetApiKey")
    def get_api_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one API key.

        GetApiKey. ``apiKey`` (the key's id), ``includeValue``. Returns the ApiKey.
        """
        return self._engine.get_api_key(params)

    @operation("GetApiKeys")
    def get_api_keys(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the Region's API keys.

        GetApiKeys. ``nameQuery`` (a name prefix), ``customerId``, ``includeValues``, ``limit``,
        ``position``. Returns ``items``.
        """
        return self._engine.get_api_keys(params)

    @operation("UpdateApiKey")
    def update_api_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change an API key with patch operations.

        UpdateApiKey. ``apiKey``, ``patchOperations`` (``/name``, ``/enabled``, ``/description``,
        ``/customerId``). Returns the ApiKey.
        """
        return self._engine.update_api_key(params)

    @operation("DeleteApiKey")
    def delete_api_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete an API key (it leaves its usage plans).

        DeleteApiKey. ``apiKey``.
        """
        return self._engine.delete_api_key(params)

    @operation("CreateUsagePlan")
    def create_usage_plan(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create a usage plan: stages, a throttle and a quota.

        CreateUsagePlan. ``name``, ``apiStages`` (``apiId``, ``stage``, per-method ``throttle``),
        ``throttle`` (``rateLimit``, ``burstLimit``), ``quota`` (``limit``, ``period``
        DAY/WEEK/MONTH, ``offset``), ``tags``. Returns the UsagePlan.
        """
        return self._engine.create_usage_plan(params)

    @operation("GetUsagePlan")
    def get_usage_plan(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one usage plan.

        GetUsagePlan. ``usagePlanId``. Returns the UsagePlan.
        """
        return self._engine.get_usage_plan(params)

    @operation("GetUsagePlans")
    def get_usage_plans(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the Region's usage plans.

        GetUsagePlans. ``keyId`` to keep the plans holding that key, ``limit``, ``position``.
        Returns ``items``.
        """
        return self._engine.get_usage_plans(params)

    @operation("UpdateUsagePlan")
    def update_usage_plan(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a usage plan with patch operations.

        UpdateUsagePlan. ``usagePlanId``, ``patchOperations`` (``/throttle/rateLimit``,
        ``/quota/limit``, ``/apiStages``, ...). Returns the UsagePlan.
        """
        return self._engine.update_usage_plan(params)

    @operation("DeleteUsagePlan")
    def delete_usage_plan(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete a usage plan.

        DeleteUsagePlan. ``usagePlanId``.
        """
        return self._engine.delete_usage_plan(params)

    @operation("CreateUsagePlanKey")
    def create_usage_plan_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """Put an API key into a usage plan.

        CreateUsagePlanKey. ``usagePlanId``, ``keyId``, ``keyType`` (API_KEY). Returns the
        UsagePlanKey.
        """
        return self._engine.create_usage_plan_key(params)

    @operation("GetUsagePlanKey")
    def get_usage_plan_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one key of a usage plan.

        GetUsagePlanKey. ``usagePlanId``, ``keyId``. Returns the UsagePlanKey.
        """
        return self._engine.get_usage_plan_key(params)

    @operation("GetUsagePlanKeys")
    def get_usage_plan_keys(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the keys of a usage plan.

        GetUsagePlanKeys. ``usagePlanId``, ``nameQuery``, ``limit``, ``position``. Returns
        ``items``.
        """
        return self._engine.get_usage_plan_keys(params)

    @operation("DeleteUsagePlanKey")
    def delete_usage_plan_key(self, params: dict[str, Any]) -> dict[str, Any]:
        """Take an API key out of a usage plan.

        DeleteUsagePlanKey. ``usagePlanId``, ``keyId``.
        """
        return self._engine.delete_usage_plan_key(params)

    @operation("GetUsage")
    def get_usage(self, params: dict[str, Any]) -> dict[str, Any]:
        """Report a usage plan's requests per key and day.

        GetUsage. ``usagePlanId``, ``startDate`` and ``endDate`` (yyyy-MM-dd), ``keyId``. Returns
        ``items``: key id to a list of ``[used, remaining]`` per day, as the runtime counted them.
        """
        return self._engine.get_usage(params)

    @operation("GetExport")
    def get_export(self, params: dict[str, Any]) -> dict[str, Any]:
        """Export a stage's API as OpenAPI 3.0 or Swagger 2.0.

        GetExport. ``restApiId``, ``stageName``, ``exportType`` (oas30 or swagger), ``parameters``
        (``extensions``: integrations, authorizers, apigateway), ``accepts`` (application/json or
        application/yaml). Returns ``body`` (bytes) and ``contentType``.
        """
        return self._engine.get_export(params)

    @operation("TagResource")
    def tag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """Add or overwrite tags on an API, stage, API key or usage plan.

        TagResource. ``resourceArn``, ``tags``.
        """
        return self._engine.tag_resource(params)

    @operation("UntagResource")
    def untag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove tags by key.

        UntagResource. ``resourceArn``, ``tagKeys``.
        """
        return self._engine.untag_resource(params)

    @operation("GetTags")
    def get_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        """List a resource's tags.

        GetTags. ``resourceArn``. Returns ``tags``.
        """
        return self._engine.get_tags(params)
