"""API Gateway's messages for HTTP APIs (``apigatewayv2``), in one catalogue.

The not-found texts are AWS's; texts for conditions whose exact AWS wording is not
confirmed say plainly what was refused.
"""

# ruff: noqa: E501

from __future__ import annotations

API_NOT_FOUND = "Invalid API identifier specified {}:{}"
ROUTE_NOT_FOUND = "Invalid Route identifier specified {}"
INTEGRATION_NOT_FOUND = "Invalid Integration identifier specified {}"
STAGE_NOT_FOUND = "Invalid stage identifier specified {}"
DEPLOYMENT_NOT_FOUND = "Invalid Deployment identifier specified {}"
AUTHORIZER_NOT_FOUND = "Invalid Authorizer identifier specified {}"
RESOURCE_NOT_FOUND = "Invalid resource identifier specified {}"
ROUTE_SETTINGS_KEY = "Unable to find Route by key {} within the provided RouteSettings"

NOT_EMULATED = "{} is not emulated by pyserverless yet"
WEBSOCKET_ONLY = "{} is supported only for WebSocket APIs"
WEBSOCKET_JWT = "Authorization type JWT is supported only for HTTP APIs"
ROUTE_KEY = "Invalid route key: {}. A route key is $default or an HTTP method and a resource path, such as GET /pets/{{id}}"
ROUTE_EXISTS = "Route with key {} already exists for this API"
TARGET = "Invalid target: {}. A route's target is integrations/{{integrationId}}"
NOT_QUICK_CREATED = "Target can be updated only on an API made by quick create"
MANAGED_ROUTE_KEY = "The route key of a route API Gateway manages (quick create) cannot be modified"
MANAGED_INTEGRATION = "An integration API Gateway manages (quick create) cannot be deleted"
QUICK_CREATE = "Target is required when RouteKey is given (quick create)"
SELECTION = "Invalid RouteSelectionExpression for an HTTP API: {}. It must be ${{request.method}} ${{request.path}}"
API_KEY_SELECTION = "Invalid ApiKeySelectionExpression: {}"
CORS_CREDENTIALS = "Access-Control-Allow-Credentials is not supported when allowOrigins contains *"
CORS_MAX_AGE = "Invalid CORS maxAge value: {}. It must be between -1 and 86400"
CORS_METHOD = "Invalid CORS allowMethods value: {}"

INTEGRATION_TYPE = "Invalid integration type {}"
INTEGRATION_URI = (
    "Invalid integration URI specified: {}. A Lambda proxy integration takes a function ARN"
)
INTEGRATION_URI_REQUIRED = "IntegrationUri is required for an AWS_PROXY integration"
PAYLOAD_REQUIRED = "PayloadFormatVersion is required for HTTP APIs"
PAYLOAD_VERSION = "Invalid payload format version specified: {}. It must be 1.0 or 2.0"
TIMEOUT = "Timeout must be between {} ms and {} ms"
INTEGRATION_METHOD = "Invalid integration method {} for a Lambda proxy integration"
INTEGRATION_IN_USE = "Cannot delete Integration {}: it is the target of route {}"

AUTH_TYPE_NEEDS_ID = "AuthorizerId is required for authorization type {}"
AUTH_ID_UNEXPECTED = "AuthorizerId may not be specified for authorization type {}"
AUTH_KIND = "Authorizer {} is of type {}, which authorization type {} cannot use"
SCOPES_JWT = "AuthorizationScopes are supported only with authorization type JWT"
SCOPES_COUNT = "A route may have at most {} authorization scopes"
AUTHORIZER_IN_USE = "Cannot delete Authorizer {}: it is used by route {}"
AUTHORIZER_URI = "Invalid authorizer URI specified: {}. A Lambda authorizer takes arn:aws:apigateway:{{region}}:lambda:path/2015-03-31/functions/{{function ARN}}/invocations"
AUTHORIZER_URI_REQUIRED = "AuthorizerUri is required for a REQUEST authorizer"
AUTHORIZER_PAYLOAD_REQUIRED = "AuthorizerPayloadFormatVersion is required for a REQUEST authorizer"
SIMPLE_RESPONSES = "EnableSimpleResponses is supported only with AuthorizerPayloadFormatVersion 2.0"
JWT_CONFIG = (
    "JwtConfiguration with an Issuer and at least one Audience is required for a JWT authorizer"
)
JWT_ONLY = "JwtConfiguration is supported only for JWT authorizers"
REQUEST_ONLY = "{} is supported only for REQUEST authorizers"
AUDIENCES = "A JWT authorizer may have at most {} audiences"
ISSUER = "Invalid issuer specified: {}. The issuer is an https URL"
IDENTITY_SOURCE = "Invalid identity source specified: {}"
JWT_IDENTITY = "A JWT authorizer takes exactly one identity source, a header or a query string"
IDENTITY_FOR_CACHE = "IdentitySource is required when authorizer caching is enabled"
TTL = "AuthorizerResultTtlInSeconds must be between 0 and {}"

STAGE_NAME = "Invalid stage name specified: {}. A stage name is $default or 1 to 128 letters, digits, hyphens and underscores"
STAGE_EXISTS = "Stage {} already exists"
STAGE_VARIABLES = "A stage may have at most {} stage variables"
STAGE_VARIABLE_KEY = "Stage variable name {} is invalid: 1 to {} letters, digits and underscores"
STAGE_VARIABLE_VALUE = (
    "Stage variable value {} is invalid: up to {} characters of letters, digits and -._~:/?#&=,"
)
ACCESS_LOG_FORMAT = "The access log format may be at most {} bytes"
ACCESS_LOG_SETTINGS = "AccessLogSettings needs both a DestinationArn and a Format"
ACCESS_LOG_DESTINATION = (
    "Invalid destination ARN specified: {}. It is a CloudWatch Logs log group ARN"
)
THROTTLE = "Throttling limits must not be negative"
AUTO_DEPLOY_STAGE = "Deployments cannot be created for stage {}: it has AutoDeploy enabled"
DEPLOYMENT_IN_USE = "Active stages pointing to this deployment must be moved or deleted"
NO_ROUTES = "Unable to deploy API because no routes exist in this API"
AUTO_DEPLOY_FAILED = "Deployment attempt failed: {}"

ENUM = "1 validation error detected: Value '{}' at '{}' failed to satisfy constraint: Member must satisfy enum value set: [{}]"
LIMIT = "The maximum number of {} for this {} has been reached: {}"
TAGS = "The number of tags for a resource may not exceed {}"
NEXT_TOKEN = "Invalid NextToken specified"
MAX_RESULTS = "Invalid MaxResults specified: {}"

# -- HTTP_PROXY integrations and parameter mapping (issue 21) ------------------------------------
HTTP_URI = "Invalid HTTP endpoint specified for URI: {}"  # [?]
HTTP_METHOD_REQUIRED = "IntegrationMethod is required for HTTP_PROXY integrations"  # [?]
HTTP_PAYLOAD = (  # [?]
    "Invalid payload format version {} for an HTTP_PROXY integration: it must be 1.0"
)
BAD_MAPPING = (  # [?]
    "Invalid mapping expression specified: Validation Result: warnings : [], errors :"
    " [Invalid mapping expression specified: {}]"
)
