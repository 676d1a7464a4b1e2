"""API Gateway's messages for REST APIs, as the service words them (one catalogue)."""

# ruff: noqa: E501

from __future__ import annotations

API_NOT_FOUND = "Invalid API identifier specified {}:{}"
RESOURCE_NOT_FOUND = "Invalid Resource identifier specified"
METHOD_NOT_FOUND = "Invalid Method identifier specified"
INTEGRATION_NOT_FOUND = "Invalid Integration identifier specified"
RESPONSE_NOT_FOUND = "Invalid Response status code specified"
STAGE_NOT_FOUND = "Invalid Stage identifier specified"
DEPLOYMENT_NOT_FOUND = "Invalid Deployment identifier specified"
AUTHORIZER_NOT_FOUND = "Invalid Authorizer identifier specified"
API_KEY_NOT_FOUND = "Invalid API Key identifier specified"
USAGE_PLAN_NOT_FOUND = "Invalid Usage Plan ID specified"
USAGE_PLAN_KEY_NOT_FOUND = "Invalid Usage Plan Key identifier specified"
GATEWAY_RESPONSE_TYPE = "1 validation error detected: Value '{}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN]"
GATEWAY_RESPONSE_NOT_SET = "Gateway response type not defined on api"
PARAMETER_NOT_FOUND = "Invalid parameter name specified"
CONTENT_TYPE_NOT_FOUND = "Content-Type specified was not found"
PATCH_NULL_VALUE = "Invalid null or empty value in {}"
RESOURCE_ARN = "Invalid resource identifier specified"

ENDPOINTS_DISABLED = "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED."
ENDPOINT_TYPE_PATCH = "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE"
ENDPOINTS_MANY = "Cannot create an api with multiple Endpoint Types."
ENDPOINT_TYPES_ENUM = "Value '{}' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]"
IP_ADDRESS_TYPE_ENUM = "Value '{}' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack]"
CYCLICAL_RESOURCES = "Resources cannot be cyclical."
DESCRIPTION_EMPTY = "Description cannot be an empty string"
COMPRESSION_SIZE = "Invalid minimum compression size, must be between 0 and 10485760"
PARAMETER_NAMES_UNIQUE = "Parameter names must be unique across querystring, header and path"
#: CreateAuthorizer on an API that does not exist (verified: not a NotFoundException).
AUTHORIZER_NO_API = (
    "Unable to complete operation due to concurrent modification. Please try again later."
)
VALIDATOR_NO_API = "Invalid REST API identifier specified"
VALIDATOR_NAME_BLANK = "Request Validator name cannot be blank"
RESOURCE_CONFLICT = "Another resource with the same parent already has this name: {}"
TWO_VARIABLES = (
    "A sibling ({}) of this resource already has a variable path part -- only one is allowed"
)
GREEDY_CHILD = "Cannot create a child of a resource with a greedy path variable: {}"
BAD_PATH_PART = (
    "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end"
    " and an optional plus sign before the closing brace."
)
ROOT_DELETE = "Cannot delete root resource"
ROOT_UPDATE = "Root resource cannot update its {}."
METHOD_EXISTS = "Method already exists for this resource"
RESPONSE_EXISTS = "Response already exists for this resource"
STAGE_EXISTS = "Stage already exists"
AUTHORIZER_NAME_EXISTS = (
    "Authorizer name must be unique. Authorizer {} already exists in this RestApi."
)
API_KEY_EXISTS = "API Key already exists"
USAGE_PLAN_KEY_EXISTS = "Usage Plan {} cannot be added because API Key {} cannot reference it"
ALREADY_IN_PLAN = "API Key {} is already a member of this usage plan"

BAD_HTTP_METHOD = (
    "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY"
)
BAD_AUTHORIZATION_TYPE = (
    "Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS"
)
AUTHORIZER_ID_REQUIRED = "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer."
AUTHORIZER_TYPE_MISMATCH = "Authorizer {} is of type {}, which does not match authorization type {}"
SCOPES_NEED_COGNITO = "Invalid method authorization scopes: scopes can only be used with COGNITO_USER_POOLS authorization"
BAD_STATUS_CODE = "Invalid status code specified: {}. Status code must be between 100 and 599"
BAD_REQUEST_PARAMETER = "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid method parameter name specified: {}]"

INTEGRATION_NOT_EMULATED = (
    "Integration type {} is not emulated yet: pyserverless serves AWS_PROXY (Lambda proxy) and"
    " MOCK integrations"
)
INTEGRATION_TYPE = "1 validation error detected: Value '{}' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]"
INTEGRATION_URI_REQUIRED = (
    "Enumeration value for Integration type AWS_PROXY requires a Lambda function URI"
)
INTEGRATION_METHOD_REQUIRED = "Enumeration value for HttpMethod must be non-empty"
LAMBDA_PROXY_POST = "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."
LAMBDA_URI = "Invalid ARN specified in the request"
PROXY_METHOD = "AWS_PROXY integrations must use the POST integration method"
TIMEOUT_RANGE = "Timeout should be between {} ms and {} ms"
BAD_CONTENT_HANDLING = (
    "Invalid content handling specified. Valid options are CONVERT_TO_BINARY,CONVERT_TO_TEXT"
)
BAD_PASSTHROUGH = "Invalid passthrough behavior specified. Valid options are WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER"
SETTING_NOT_EMULATED = "{} is not emulated yet: pyserverless refuses it rather than store it unused"

NO_METHODS = "The REST API doesn't contain any methods"
NO_INTEGRATION = "No integration defined for method"
DEPLOYMENT_IN_USE = "Active stages pointing to this deployment must be moved or deleted"
STAGE_NAME = "Stage name only allows a-zA-Z0-9_-"
STAGE_NEEDS_DEPLOYMENT = "Invalid deployment id specified"
VARIABLE_NAME = "Stage variable name can only contain alphanumeric characters and underscores, and must be at most {} characters: {}"
VARIABLE_VALUE = "Stage variable value can be at most {} characters and may contain only alphanumerics and the following special characters: -._~:/?#&=, : {}"
TOO_MANY_VARIABLES = "A stage can have at most {} stage variables"

AUTHORIZER_TYPE = (
    "Invalid authorizer type specified. Valid options are TOKEN,REQUEST,COGNITO_USER_POOLS"
)
AUTHORIZER_URI_REQUIRED = "Authorizer URI must be specified for authorizers of type {}"
AUTHORIZER_URI = "Invalid Authorizer URI: {}. Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation."
PROVIDERS_REQUIRED = "ProviderARNs need to be specified for COGNITO_USER_POOLS authorizers"
PROVIDER_ARN = "Invalid Cognito user pool ARN specified: {}"
IDENTITY_SOURCE_REQUIRED = "Identity source must be specified for authorizers of type {}"
IDENTITY_SOURCE = "Invalid identity source specified: {}"
TTL_RANGE = "Authorizer result TTL must be between 0 and {} seconds"
AUTHORIZER_IN_USE = "Cannot delete authorizer '{}', is referenced in method: {}/{}"

QUOTA_PERIOD = "Invalid quota period specified. Valid options are DAY,WEEK,MONTH"
QUOTA_LIMIT = "Quota limit should be a positive integer"
QUOTA_OFFSET = "Quota offset must be greater than or equal to 0 and less than {} for period {}"
THROTTLE_VALUES = "Throttle settings must be non-negative"
API_STAGE = "Invalid API Stage {{api: {}, stage: {}}} specified for usageplan {}"
API_STAGE_FORMAT = "Invalid API Stage specified: {}"
KEY_TYPE = "Invalid key type specified. Valid options are API_KEY"
KEY_VALUE_LENGTH = "API Key value should be at least 20 characters"
PLANS_PER_KEY = "API Key {} cannot be associated with more than {} usage plans"
USAGE_DATES = "Invalid date format: {}. Dates must be of the form yyyy-MM-dd"
USAGE_RANGE = "The usage data period cannot be more than 90 days"
USAGE_ORDER = "The start date must be before the end date"

EXPORT_TYPE = "Invalid export type specified. Valid options are oas30,swagger"
EXPORT_ACCEPTS = "Invalid content type specified: {}"
EXPORT_EXTENSIONS = "Invalid extensions specified: {}. Valid options are integrations,authorizers,apigateway,postman"

BAD_PATCH_OP = (
    "Invalid patch operation specified. Must be one of: [add, remove, move, test, replace, copy]"
)
#: Resources, models, validators (and the other classic tables): two spaces after "path".
BAD_PATCH_PATH = "Invalid patch path  '{}' specified for op '{}'. Must be one of: [{}]"
BAD_PATCH_PATH_NONE = (
    "Invalid patch path  '{}' specified for op '{}'. Please choose supported operations"
)
#: RestApis and Methods word a path they do not know, and an op a known path refuses, so.
UNKNOWN_PATCH_PATH = "Invalid patch path {}"
PATCH_OP_ENUM = "Value '{}' at '{}' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]"
STATUS_PATTERN = "Value '{}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d"
PATCH_OP_FOR_PATH = "Invalid patch operation specified. Must be one of: [{}]"
PATCH_VALUE_REQUIRED = "Invalid null or empty value in patch operation for path '{}'"
PATCH_BOOLEAN = "Invalid value for boolean property '{}': {}"
PATCH_NUMBER = "Invalid value for numeric property '{}': {}"
PATCH_ENUM = "Invalid value for '{}': {}. Valid options are {}"
PATCH_FROM = "Invalid 'from' path for op '{}'"

TOO_MANY = "Too many {} for this {}: the limit is {}"
TAG_ARN = "Invalid resource ARN: {}"
TOO_MANY_TAGS = "The number of tags exceeds the limit of {}"

# -- Models and request validators (issue 21) ------------------------------------------------
MODEL_NOT_FOUND = "Invalid model name specified: {}"
MODEL_NAME = "Model name must be alphanumeric: {}"
MODEL_EXISTS = "Model name already exists for this REST API"
MODEL_NAME_EMPTY = "Model name must be non-empty"
MODEL_SCHEMA_EMPTY = "Model schema must have at least 1 property or array items defined"
MODEL_SCHEMA = "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]"
MODEL_CONTENT_TYPE = "Content type must be specified"  # [?]
MODEL_IN_USE = "Cannot delete model '{}', is referenced in method request: {}/{}"
MODEL_REFERENCED = "Cannot delete model '{}', is referenced in model: {}"  # [?]
MODEL_TEMPLATE = (
    "Cannot generate mapping template because model schema is missing a 'type' or '$ref' property"
)
METHOD_MODEL = "Invalid model identifier specified: {}"
VALIDATOR_NOT_FOUND = "Invalid Request Validator identifier specified"
VALIDATOR_IN_USE = "Cannot delete request validator '{}', is referenced in method: {}/{}"  # [?]

# -- AWS, HTTP and HTTP_PROXY integrations (issue 21) ------------------------------------------
CUSTOM_URI_REQUIRED = "Enumeration value for Integration type {} requires a URI"  # [?]
AWS_URI = "AWS ARN for integration must contain path or action"
HTTP_URI = "Invalid HTTP endpoint specified for URI"
BAD_MAPPING = "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: {}]"
BAD_MAPPING_SOURCE = "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified: {}]"
CACHE_SIZE = "Invalid cache cluster size specified: {}. Valid values are 0.5,1.6,6.1,13.5,28.4,58.2,118,237"  # [?]
BAD_CACHE_KEY = "Invalid cache key parameter specified: {}"  # [?]
