"""``cloud.client("apigatewayv2")``: boto3's HTTP APIs operations, shapes and errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..._core.client import Params, Response, ServiceClient, operation
from ..._core.errors import AWSError
from .._errors import ApiGatewayError
from .._ws._route_responses import RouteResponseClientOps
from ._client_domains import DomainV2ClientOps
from ._client_openapi import OpenApiV2ClientOps

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ._engine import HttpApis

__all__ = ["ApiGatewayV2Client"]

_FN = "arn:aws:lambda:us-east-1:123456789012:function:hello"


class ApiGatewayV2Client(
    RouteResponseClientOps, OpenApiV2ClientOps, DomainV2ClientOps, ServiceClient
):
    """boto3's ``apigatewayv2`` client over the Cloud's HTTP APIs engine.

    >>> from pyserverless import Cloud
    >>> client = Cloud.manual().client("apigatewayv2")
    >>> api = client.create_api(Name="shop", ProtocolType="HTTP")
    >>> client.get_api(ApiId=api["ApiId"])["RouteSelectionExpression"]
    '$request.method $request.path'
    """

    service_name: ClassVar[str] = "apigatewayv2"
    error_base: ClassVar[type[AWSError]] = ApiGatewayError

    def __init__(self, cloud: Cloud, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: HttpApis = cloud.engine("apigatewayv2", region_name)

    @operation("CreateApi")
    def create_api(self, params: Params) -> Response:
        """Create an HTTP API; with ``Target`` it is a quick create.

        Quick create makes a route (``RouteKey``, default ``$default``), a Lambda proxy
        integration (payload 2.0) and a ``$default`` stage that auto-deploys.

        CreateApi. ``Name`` and ``ProtocolType`` (``HTTP`` or ``WEBSOCKET``, which needs
        ``RouteSelectionExpression``: gateway/_ws),
        ``CorsConfiguration``, ``DisableExecuteApiEndpoint``, ``Target``, ``RouteKey``,
        ``Tags``. Returns the ``Api`` shape.

        >>> from pyserverless import Cloud
        >>> client = Cloud.manual().client("apigatewayv2")
        >>> api = client.create_api(Name="shop", ProtocolType="HTTP", Target=_FN)
        >>> [s["StageName"] for s in client.get_stages(ApiId=api["ApiId"])["Items"]]
        ['$default']
        """
        return self._engine.create_api(params)

    @operation("GetApi")
    def get_api(self, params: Params) -> Response:
        """Read one HTTP API.

        GetApi. ``ApiId``. Returns the ``Api`` shape.
        """
        return self._engine.get_api(params)

    @operation("GetApis")
    def get_apis(self, params: Params) -> Response:
        """List the Region's HTTP APIs, oldest first.

        GetApis. ``MaxResults`` and ``NextToken`` page the ``Items``.
        """
        return self._engine.get_apis(params)

    @operation("UpdateApi")
    def update_api(self, params: Params) -> Response:
        """Change an API's name, description, version, CORS or endpoint switch.

        A CORS change redeploys the auto-deploying stages.

        UpdateApi. ``ApiId`` and the settings to change.
        """
        return self._engine.update_api(params)

    @operation("DeleteApi")
    def delete_api(self, params: Params) -> Response:
        """Delete an HTTP API with its routes, integrations, stages and authorizers.

        DeleteApi. ``ApiId``.
        """
        return self._engine.delete_api(params)

    @operation("DeleteCorsConfiguration")
    def delete_cors_configuration(self, params: Params) -> Response:
        """Remove an API's CORS configuration.

        DeleteCorsConfiguration. ``ApiId``.
        """
        return self._engine.delete_cors_configuration(params)

    @operation("CreateRoute")
    def create_route(self, params: Params) -> Response:
        """Add a route: ``$default``, or a method and a path (``GET /items/{id}``).

        CreateRoute. ``ApiId``, ``RouteKey``, ``Target`` (``integrations/{id}``),
        ``AuthorizationType`` (``NONE``, ``JWT``, ``CUSTOM``, ``AWS_IAM``),
        ``AuthorizerId``, ``AuthorizationScopes``. Returns the ``Route`` shape.

        >>> from pyserverless import Cloud
        >>> client = Cloud.manual().client("apigatewayv2")
        >>> api_id = client.create_api(Name="shop", ProtocolType="HTTP")["ApiId"]
        >>> client.create_route(ApiId=api_id, RouteKey="GET /items/{id}")["AuthorizationType"]
        'NONE'
        """
        return self._engine.create_route(params)

    @operation("GetRoute")
    def get_route(self, params: Params) -> Response:
        """Read one route.

        GetRoute. ``ApiId``, ``RouteId``.
        """
        return self._engine.get_route(params)

    @operation("GetRoutes")
    def get_routes(self, params: Params) -> Response:
        """List an API's routes.

        GetRoutes. ``ApiId``; ``MaxResults`` and ``NextToken`` page the ``Items``.
        """
        return self._engine.get_routes(params)

    @operation("UpdateRoute")
    def update_route(self, params: Params) -> Response:
        """Change a route's key, authorization or target, checked whole first.

        UpdateRoute. ``ApiId``, ``RouteId`` and the fields to change.
        """
        return self._engine.update_route(params)

    @operation("DeleteRoute")
    def delete_route(self, params: Params) -> Response:
        """Delete a route (and its stage route settings).

        DeleteRoute. ``ApiId``, ``RouteId``.
        """
        return self._engine.delete_route(params)

    @operation("CreateIntegration")
    def create_integration(self, params: Params) -> Response:
        """Add a Lambda proxy integration (``AWS_PROXY``) to an API.

        Other integration types are refused until they are emulated.

        CreateIntegration. ``ApiId``, ``IntegrationType``, ``IntegrationUri`` (a
        function ARN or the apigateway lambda path form), ``PayloadFormatVersion``
        (``1.0`` or ``2.0``), ``TimeoutInMillis`` (50 to 30,000). Returns the
        ``Integration`` shape.

        >>> from pyserverless import Cloud
        >>> client = Cloud.manual().client("apigatewayv2")
        >>> api_id = client.create_api(Name="shop", ProtocolType="HTTP")["ApiId"]
        >>> client.create_integration(
        ...     ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationUri=_FN,
        ...     PayloadFormatVersion="2.0",
        ... )["TimeoutInMillis"]
        30000
        """
        return self._engine.create_integration(params)

    @operation("GetIntegration")
    def get_integration(self, params: Params) -> Response:
        """Read one integration.

        GetIntegration. ``ApiId``, ``IntegrationId``.
        """
        return self._engine.get_integration(params)

    @operation("GetIntegrations")
    def get_integrations(self, params: Params) -> Response:
        """List an API's integrations.

        GetIntegrations. ``ApiId``; ``MaxResults`` and ``NextToken`` page the ``Items``.
        """
        return self._engine.get_integrations(params)

    @operation("UpdateIntegration")
    def update_integration(self, params: Params) -> Response:
        """Change an integration's URI, payload format, timeout or description.

        UpdateIntegration. ``ApiId``, ``IntegrationId`` and the fields to change.
        """
        return self._engine.update_integration(params)

    @operation("DeleteIntegration")
    def delete_integration(self, params: Params) -> Response:
        """Delete an integration no route targets.

        DeleteIntegration. ``ApiId``, ``IntegrationId``.
        """
        return self._engine.delete_integration(params)

    @operation("CreateStage")
    def create_stage(self, params: Params) -> Response:
        """Add a stage; with ``AutoDeploy`` it follows every change of the API.

        CreateStage. ``ApiId``, ``StageName``, ``AutoDeploy``, ``DeploymentId``,
        ``StageVariables``, ``DefaultRouteSettings`` and ``RouteSettings`` (throttling),
        ``AccessLogSettings``, ``Tags``. Returns the ``Stage`` shape.

        >>> from pyserverless import Cloud
        >>> client = Cloud.manual().client("apigatewayv2")
        >>> api_id = client.create_api(Name="shop", ProtocolType="HTTP")["ApiId"]
        >>> client.create_stage(ApiId=api_id, StageName="prod")["AutoDeploy"]
        False
        """
        return self._engine.create_stage(params)

    @operation("GetStage")
    def get_stage(self, params: Params) -> Response:
        """Read one stage.

        GetStage. ``ApiId``, ``StageName``.
        """
        return self._engine.get_stage(params)

    @operation("GetStages")
    def get_stages(self, params: Params) -> Response:
        """List an API's stages.

        GetStages. ``ApiId``; ``MaxResults`` and ``NextToken`` page the ``Items``.
        """
        return self._engine.get_stages(params)

    @operation("UpdateStage")
    def update_stage(self, params: Params) -> Response:
        """Change a stage's settings; switching ``AutoDeploy`` on deploys at once.

        UpdateStage. ``ApiId``, ``StageName`` and the settings to change.
        """
        return self._engine.update_stage(params)

    @operation("DeleteStage")
    def delete_stage(self, params: Params) -> Response:
        """Delete a stage.

        DeleteStage. ``ApiId``, ``StageName``.
        """
        return self._engine.delete_stage(params)

    @operation("CreateDeployment")
    def create_deployment(self, params: Params) -> Response:
        """Freeze the API's routes, integrations and authorizers as a deployment.

        With ``StageName`` that stage serves it; an API without routes is refused.

        CreateDeployment. ``ApiId``, ``StageName``, ``Description``. Returns the
        ``Deployment`` shape.

        >>> from pyserverless import Cloud
        >>> client = Cloud.manual().client("apigatewayv2")
        >>> api_id = client.create_api(Name="shop", ProtocolType="HTTP", Target=_FN)["ApiId"]
        >>> client.create_deployment(ApiId=api_id)["DeploymentStatus"]
        'DEPLOYED'
        """
        return self._engine.create_deployment(params)

    @operation("GetDeployment")
    def get_deployment(self, params: Params) -> Response:
        """Read one deployment.

        GetDeployment. ``ApiId``, ``DeploymentId``.
        """
        return self._engine.get_deployment(params)

    @operation("GetDeployments")
    def get_deployments(self, params: Params) -> Response:
        """List an API's deployments, oldest first.

        GetDeployments. ``ApiId``; ``MaxResults`` and ``NextToken`` page the ``Items``.
        """
        return self._engine.get_deployments(params)

    @operation("DeleteDeployment")
    def delete_deployment(self, params: Params) -> Response:
        """Delete a deployment no stage serves.

        DeleteDeployment. ``ApiId``, ``DeploymentId``.
        """
        return self._engine.delete_deployment(params)

    @operation("CreateAuthorizer")
    def create_authorizer(self, params: Params) -> Response:
        """Add a JWT authorizer or a Lambda (``REQUEST``) authorizer to an API.

        CreateAuthorizer. ``ApiId``, ``Name``, ``AuthorizerType``, ``IdentitySource``,
        ``JwtConfiguration``, ``AuthorizerUri``, ``AuthorizerPayloadFormatVersion``,
        ``EnableSimpleResponses``, ``AuthorizerResultTtlInSeconds`` (0 to 3,600).
        Returns the ``Authorizer`` shape.

        >>> from pyserverless import Cloud
        >>> client = Cloud.manual().client("apigatewayv2")
        >>> api_id = client.create_api(Name="shop", ProtocolType="HTTP")["ApiId"]
        >>> client.create_authorizer(
        ...     ApiId=api_id, Name="jwt", AuthorizerType="JWT",
        ...     IdentitySource=["$request.header.Authorization"],
        ...     JwtConfiguration={"Issuer": "https://issuer.example", "Audience": ["app"]},
        ... )["AuthorizerType"]
        'JWT'
        """
        return self._engine.create_authorizer(params)

    @operation("GetAuthorizer")
    def get_authorizer(self, params: Params) -> Response:
        """Read one authorizer.

        GetAuthorizer. ``ApiId``, ``AuthorizerId``.
        """
        return self._engine.get_authorizer(params)

    @operation("GetAuthorizers")
    def get_authorizers(self, params: Params) -> Response:
        """List an API's authorizers.

        GetAuthorizers. ``ApiId``; ``MaxResults`` and ``NextToken`` page the ``Items``.
        """
        return self._engine.get_authorizers(params)

    @operation("UpdateAuthorizer")
    def update_authorizer(self, params: Params) -> Response:
        """Change an authorizer; the whole authorizer is checked before anything changes.

        UpdateAuthorizer. ``ApiId``, ``AuthorizerId`` and the fields to change.
        """
        return self._engine.update_authorizer(params)

    @operation("DeleteAuthorizer")
    def delete_authorizer(self, params: Params) -> Response:
        """Delete an authorizer no route uses.

        DeleteAuthorizer. ``ApiId``, ``AuthorizerId``.
        """
        return self._engine.delete_authorizer(params)

    @operation("TagResource")
    def tag_resource(self, params: Params) -> Response:
        """Add or replace tags on an API or a stage.

        TagResource. ``ResourceArn`` (``arn:aws:apigateway:{region}::/apis/{id}`` or
        ``.../stages/{name}``), ``Tags``.
        """
        return self._engine.tag_resource(params)

    @operation("UntagResource")
    def untag_resource(self, params: Params) -> Response:
        """Remove tags by key from an API or a stage.

        UntagResource. ``ResourceArn``, ``TagKeys``.
        """
        return self._engine.untag_resource(params)

    @operation("GetTags")
    def get_tags(self, params: Params) -> Response:
        """Read the tags of an API or a stage.

        GetTags. ``ResourceArn``. Returns ``Tags``.
        """
        return self._engine.get_tags(params)
