"""``cloud.client("apigateway")``: boto3's API Gateway client for REST APIs (v1).

Operations are split in two: this class (APIs, resources, methods, integrations,
deployments) and :class:`~pyserverless.gateway._rest._client_more.MoreClientOps`
(stages, authorizers, gateway responses, keys, usage plans, export, tags).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..._core.client import ServiceClient, operation
from ..._core.errors import AWSError
from .._errors import ApiGatewayError, BadRequestException
from ._client_domains import DomainClientOps
from ._client_models import ModelClientOps
from ._client_more import MoreClientOps
from ._client_openapi import OpenApiClientOps

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ._engine import RestApis

__all__ = ["ApiGatewayClient"]


class ApiGatewayClient(
    MoreClientOps, ModelClientOps, OpenApiClientOps, DomainClientOps, ServiceClient
):
    """boto3's ``apigateway`` client over the Cloud's REST APIs engine.

    >>> from pyserverless import Cloud
    >>> client = Cloud.manual().client("apigateway")
    >>> api = client.create_rest_api(name="shop")
    >>> client.get_resources(restApiId=api["id"])["items"][0]["path"]
    '/'
    """

    service_name: ClassVar[str] = "apigateway"
    error_base: ClassVar[type[AWSError]] = ApiGatewayError

    def __init__(self, cloud: Cloud, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: RestApis = cloud.engine("apigateway", region_name)

    def _validation_error(self, message: str, operation_name: str) -> AWSError:
        """API Gateway answers a broken model constraint with ``BadRequestException``."""
        err = BadRequestException(message)
        err.bind_operation(operation_name)
        return err

    @operation("CreateRestApi")
    def create_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create a REST API with its root resource ``/``.

        CreateRestApi. ``name`` (required), ``description``, ``binaryMediaTypes``,
        ``apiKeySource`` (HEADER or AUTHORIZER), ``endpointConfiguration`` (EDGE or REGIONAL),
        ``tags``. Returns the RestApi with ``id`` and ``rootResourceId``.
        """
        return self._engine.create_rest_api(params)

    @operation("GetRestApi")
    def get_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one REST API.

        GetRestApi. ``restApiId``. Returns the RestApi.
        """
        return self._engine.get_rest_api(params)

    @operation("GetRestApis")
    def get_rest_apis(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the REST APIs of the Region, a page at a time.

        GetRestApis. ``limit`` (1-500, default 25), ``position``. Returns ``items``.
        """
        return self._engine.get_rest_apis(params)

    @operation("UpdateRestApi")
    def update_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a REST API with patch operations.

        UpdateRestApi. ``restApiId``, ``patchOperations`` (``/name``, ``/description``,
        ``/apiKeySource``, ``/binaryMediaTypes/{type}``, ...). Returns the RestApi.
        """
        return self._engine.update_rest_api(params)

    @operation("DeleteRestApi")
    def delete_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete a REST API, its stages and deployments.

        DeleteRestApi. ``restApiId``. Usage plans stop covering its stages.
        """
        return self._engine.delete_rest_api(params)

    @operation("GetResources")
    def get_resources(self, params: dict[str, Any]) -> dict[str, Any]:
        """List an API's resources.

        GetResources. ``restApiId``, ``embed=["methods"]`` to include each method, ``limit``,
        ``position``. Returns ``items``.
        """
        return self._engine.get_resources(params)

    @operation("GetResource")
    def get_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one resource (a path of the API).

        GetResource. ``restApiId``, ``resourceId``, ``embed``. Returns the Resource with ``path``
        and ``resourceMethods``.
        """
        return self._engine.get_resource(params)

    @operation("CreateResource")
    def create_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """Add a path segment beneath a resource.

        CreateResource. ``restApiId``, ``parentId``, ``pathPart`` (a name, ``{param}`` or a last
        ``{proxy+}``). Returns the Resource.
        """
        return self._engine.create_resource(params)

    @operation("UpdateResource")
    def update_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """Rename or move a resource with patch operations.

        UpdateResource. ``restApiId``, ``resourceId``, ``patchOperations`` (``/pathPart``,
        ``/parentId``). Returns the Resource.
        """
        return self._engine.update_resource(params)

    @operation("DeleteResource")
    def delete_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete a resource and everything beneath it.

        DeleteResource. ``restApiId``, ``resourceId`` (not the root).
        """
        return self._engine.delete_resource(params)

    @operation("PutMethod")
    def put_method(self, params: dict[str, Any]) -> dict[str, Any]:
        """Add an HTTP method to a resource, with its authorization.

        PutMethod. ``restApiId``, ``resourceId``, ``httpMethod`` (GET, POST, ..., ANY),
        ``authorizationType`` (NONE, CUSTOM, COGNITO_USER_POOLS, AWS_IAM), ``authorizerId``,
        ``apiKeyRequired``, ``authorizationScopes``, ``requestParameters``. Returns the Method.
        """
        return self._engine.put_method(params)

    @operation("GetMethod")
    def get_method(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe a method with its responses and integration.

        GetMethod. ``restApiId``, ``resourceId``, ``httpMethod``. Returns the Method.
        """
        return self._engine.get_method(params)

    @operation("UpdateMethod")
    def update_method(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a method's authorization, API key or parameters.

        UpdateMethod. ``restApiId``, ``resourceId``, ``httpMethod``, ``patchOperations``. Returns
        the Method.
        """
        return self._engine.update_method(params)

    @operation("DeleteMethod")
    def delete_method(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove a method from a resource.

        DeleteMethod. ``restApiId``, ``resourceId``, ``httpMethod``.
        """
        return self._engine.delete_method(params)

    @operation("PutMethodResponse")
    def put_method_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Declare a status code a method may answer.

        PutMethodResponse. ``restApiId``, ``resourceId``, ``httpMethod``, ``statusCode``,
        ``responseParameters``, ``responseModels``. Returns the MethodResponse.
        """
        return self._engine.put_method_response(params)

    @operation("GetMethodResponse")
    def get_method_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one of a method's responses.

        GetMethodResponse. ``restApiId``, ``resourceId``, ``httpMethod``, ``statusCode``. Returns
        the MethodResponse.
        """
        return self._engine.get_method_response(params)

    @operation("UpdateMethodResponse")
    def update_method_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a method response with patch operations.

        UpdateMethodResponse. ``restApiId``, ``resourceId``, ``httpMethod``, ``statusCode``,
        ``patchOperations``. Returns the MethodResponse.
        """
        return self._engine.update_method_response(params)

    @operation("DeleteMethodResponse")
    def delete_method_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove one of a method's responses.

        DeleteMethodResponse. ``restApiId``, ``resourceId``, ``httpMethod``, ``statusCode``.
        """
        return self._engine.delete_method_response(params)

    @operation("PutIntegration")
    def put_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """Connect a method to its backend: a Lambda proxy or a mock.

        PutIntegration. ``restApiId``, ``resourceId``, ``httpMethod``, ``type`` (AWS_PROXY or
        MOCK; AWS, HTTP and HTTP_PROXY are refused until emulated), ``uri`` (the Lambda invocation
        ARN), ``integrationHttpMethod`` (POST), ``requestTemplates``, ``timeoutInMillis``
        (50-29,000). Returns the Integration.
        """
        return self._engine.put_integration(params)

    @operation("GetIntegration")
    def get_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe a method's integration.

        GetIntegration. ``restApiId``, ``resourceId``, ``httpMethod``. Returns the Integration.
        """
        return self._engine.get_integration(params)

    @operation("UpdateIntegration")
    def update_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change an integration with patch operations.

        UpdateIntegration. ``restApiId``, ``resourceId``, ``httpMethod``, ``patchOperations``
        (``/uri``, ``/timeoutInMillis``, ``/requestTemplates/{type}``, ...). Returns the
        Integration.
        """
        return self._engine.update_integration(params)

    @operation("DeleteIntegration")
    def delete_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove a method's integration.

        DeleteIntegration. ``restApiId``, ``resourceId``, ``httpMethod``.
        """
        return self._engine.delete_integration(params)

    @operation("PutIntegrationResponse")
    def put_integration_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Map an integration's result to a method response.

        PutIntegrationResponse. ``restApiId``, ``resourceId``, ``httpMethod``, ``statusCode`` (a
        declared method response), ``selectionPattern``, ``responseTemplates``,
        ``responseParameters``. Returns the IntegrationResponse.
        """
        return self._engine.put_integration_response(params)

    @operation("GetIntegrationResponse")
    def get_integration_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one integration response.

        GetIntegrationResponse. ``restApiId``, ``resourceId``, ``httpMethod``, ``statusCode``.
        Returns the IntegrationResponse.
        """
        return self._engine.get_integration_response(params)

    @operation("UpdateIntegrationResponse")
    def update_integration_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change an integration response with patch operations.

        UpdateIntegrationResponse. ``restApiId``, ``resourceId``, ``httpMethod``, ``statusCode``,
        ``patchOperations``. Returns the IntegrationResponse.
        """
        return self._engine.update_integration_response(params)

    @operation("DeleteIntegrationResponse")
    def delete_integration_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove one integration response.

        DeleteIntegrationResponse. ``restApiId``, ``resourceId``, ``httpMethod``, ``statusCode``.
        """
        return self._engine.delete_integration_response(params)

    @operation("CreateDeployment")
    def create_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """Freeze the API as it is now into an immutable deployment.

        CreateDeployment. ``restApiId``, ``stageName`` (creates the stage, or points an existing
        one at the new deployment), ``description``, ``variables``. Returns the Deployment.
        """
        return self._engine.create_deployment(params)

    @operation("GetDeployment")
    def get_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one deployment.

        GetDeployment. ``restApiId``, ``deploymentId``, ``embed=["apisummary"]`` for the deployed
        methods. Returns the Deployment.
        """
        return self._engine.get_deployment(params)

    @operation("GetDeployments")
    def get_deployments(self, params: dict[str, Any]) -> dict[str, Any]:
        """List an API's deployments.

        GetDeployments. ``restApiId``, ``limit``, ``position``. Returns ``items``.
        """
        return self._engine.get_deployments(params)

    @operation("UpdateDeployment")
    def update_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a deployment's description.

        UpdateDeployment. ``restApiId``, ``deploymentId``, ``patchOperations`` (``/description``).
        Returns the Deployment.
        """
        return self._engine.update_deployment(params)

    @operation("DeleteDeployment")
    def delete_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete a deployment no stage serves.

        DeleteDeployment. ``restApiId``, ``deploymentId``.
        """
        return self._engine.delete_deployment(params)

    @operation("CreateStage")
    def create_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create a named stage that serves a deployment.

        CreateStage. ``restApiId``, ``stageName``, ``deploymentId``, ``description``,
        ``variables``, ``tags``. Returns the Stage.
        """
        return self._engine.create_stage(params)
