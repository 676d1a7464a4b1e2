"""AWS Lambda's message texts, each with where it was seen.

Sources: [D] the Lambda developer guide / API reference; [O] observed wire text
quoted in public issue threads (e.g. terraform-provider-aws #1524, node-lambda #182,
aws-samples issues on reserved concurrency, faultline #12, ASFHyP3/hyp3 #2241,
DataBiosphere/azul #7466, umihico/pythonista-chromeless #11); see aws-facts B1-B4.
"""

from __future__ import annotations

# -- validation (the Coral "1 validation error detected" form) [O] -------------------
VALIDATION_PREFIX = "1 validation error detected: "
VALUE_AT = "Value {value} at '{field}' failed to satisfy constraint: {constraint}"
GE = "Member must have value greater than or equal to {n}"
LE = "Member must have value less than or equal to {n}"
LEN_LE = "Member must have length less than or equal to {n}"
LEN_GE = "Member must have length greater than or equal to {n}"
#: A constraint on each member of a list.
MEMBER = "Member must satisfy constraint: [{constraint}]"
PATTERN = "Member must satisfy regular expression pattern: {pattern}"
ENUM = "Member must satisfy enum value set: [{values}]"
NOT_NULL = "Member must not be null"

# -- functions [O] ---------------------------------------------------------------------
FUNCTION_NOT_FOUND = "Function not found: {arn}"
FUNCTION_EXISTS = "Function already exist: {name}"
# A function ARN naming another Region (localstack's AWS-recorded test_function_arns).
OTHER_REGION = "Functions from '{region}' are not reachable in this region ('{here}')"
# GetAlias's answer, recorded against AWS: localstack test_lambda_api.snapshot.json
# (TestLambdaAlias::test_notfound_and_invalid_routingconfigs, 2023-11) and moto's
# test_get_unknown_alias. ("Alias not found: ..." is another operation's wording,
# apex/up #606.)
ALIAS_NOT_FOUND = "Cannot find alias arn: {arn}"
ALIAS_EXISTS = "Alias already exists: {arn}"
VERSION_NOT_FOUND = "Function not found: {arn}"
# Event invoke configuration texts recorded against AWS (localstack
# test_lambda_api.snapshot.json, TestLambdaEventInvokeConfig::
# test_lambda_eventinvokeconfig_exceptions, 2023-11).
EVENT_CONFIG_NOT_FOUND = "The function {arn} doesn't have an EventInvokeConfig"
EVENT_FUNCTION_MISSING = "The function doesn't exist."
EVENT_CONFIG_EMPTY = "You must specify at least one of error handling or destination setting."
DESTINATION_SELF = "You can't specify the function as a destination for itself."
DESTINATION_INVALID = "The destination ARN {arn} is invalid."
DESTINATION_CONFIG_INVALID = (
    "The provided destination config DestinationConfig(onSuccess={success}, "
    "onFailure={failure}) is invalid."
)
# [O] terraform-provider-aws / aws-genai-llm-chatbot #583.
ENV_TOO_LARGE = (
    "Lambda was unable to configure your environment variables because the environment "
    "variables you have provided exceeded the 4KB limit. String measured: {measured}"
)
# [O] zuka-e/laravel-react-task-spa #146.
ENV_RESERVED = (
    "Lambda was unable to configure your environment variables because the environment "
    "variables you have provided contains reserved keys that are currently not supported "
    "for modification. Reserved keys used in this request: {keys}"
)
# [O] node-lambda #123, apex/up #222.
REQUEST_TOO_LARGE = "Request must be smaller than {limit} bytes for the {operation} operation"
UNZIPPED_TOO_LARGE = "Unzipped size must be smaller than {limit} bytes"
ZIPPED_TOO_LARGE = "Zipped size must be smaller than {limit} bytes"  # localstack-recorded
TOO_MANY_LAYERS = "Cannot reference more than {limit} layers."
INVALID_ZIP = "Could not unzip uploaded file. Please check your file, then try to upload again."
# [O] the current wording (gyro #415, 2024); older answers named a successor runtime
# ("We recommend you use the new runtime (nodejs12.x) ...", cdk-ecr-sync #715).
DEPRECATED_RUNTIME = (
    "The runtime parameter of {runtime} is no longer supported for creating or updating AWS "
    "Lambda functions. We recommend you use a supported runtime while creating or updating "
    "functions."
)
# A runtime Lambda does not know: AWS's answer (InvalidParameterValueException, no
# validation envelope) recorded in localstack's test_create_lambda_exceptions and
# test_update_lambda_exceptions (2024-03); AWS lists the runtimes it takes today.
RUNTIME_UNKNOWN = (
    "Value {runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum "
    "value set: [{values}] or be a valid ARN"
)
# pyserverless's own (AWS would run these runtimes).
UNSUPPORTED_RUNTIME = "pyserverless runs Python handlers only; runtime {runtime} is not emulated."
# [O] nficano/python-lambda #28, pdomala/LambdaCDDemo #1 (InvalidParameterValueException):
# a role that does not exist, or whose trust policy does not let lambda.amazonaws.com in.
ROLE_NOT_ASSUMABLE = "The role defined for the function cannot be assumed by Lambda."
CODE_REQUIRED = "Please provide a source for function code."
# SnapStart on a runtime it does not support (test_snapstart_exceptions, 2023-11).
SNAPSTART_RUNTIME = "{runtime} is not supported for SnapStart enabled functions."
# pyserverless's own: a setting whose effect is not emulated is refused, not stored.
NOT_EMULATED = (
    "pyserverless does not emulate {parameter} (see docs/lambda.md); leave it out or give "
    "its default"
)
ZIP_ONLY = "pyserverless accepts Code.ZipFile only (no S3 or container images)"
TARGET_NOT_FUNCTION = (
    "pyserverless delivers {what} to SQS queues and Lambda functions (destinations to "
    "EventBridge buses too) only; got {target}"
)
# [O] aws-samples reserved-concurrency issues.
UNRESERVED_BELOW_MINIMUM = (
    "Specified ReservedConcurrentExecutions for function decreases account's "
    "UnreservedConcurrentExecution below its minimum value of [{minimum}]."
)
# Routing configuration texts recorded against AWS (localstack test_lambda_api.snapshot.json,
# TestLambdaAlias::test_notfound_and_invalid_routingconfigs, 2023-11).
# PutFunctionConcurrency on a version or alias (localstack test_lambda_api.snapshot.json,
# TestLambdaReservedConcurrency::test_function_concurrency_exceptions, AWS-recorded 2023-11).
FUNCTION_ONLY = (
    "This operation is permitted on Lambda functions only. Aliases and versions do not "
    "support this operation. Please specify either a function name or an unqualified "
    "function ARN."
)
ROUTING_TOO_MANY = "Number of items in AdditionalVersionWeights cannot be greater than 1"
ROUTING_LATEST = "$LATEST is not supported for an alias pointing to more than 1 version"
ROUTING_SAME_VERSION = (
    "Invalid function version {version}. Function version {version} is already included in "
    "routing configuration."
)
ROUTING_WEIGHT = (
    "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, "
    "Member must have value greater than or equal to 0.0, Member must not be null]"
)
ROUTING_KEY = (
    "Map keys must satisfy constraint: [Member must have length less than or equal to 1024, "
    "Member must have length greater than or equal to 1, Member must satisfy regular "
    "expression pattern: [0-9]+, Member must not be null]"
)
PRECONDITION = (
    "The Revision Id provided does not match the latest Revision Id. Call the "
    "GetFunction/GetAlias API to retrieve the latest Revision Id"
)
NOT_ACTIVE = (
    "The operation cannot be performed at this time. The function is currently in the "
    "following state: {state}"
)
MARKER_INVALID = "Invalid Marker: {marker}"

# -- invocation [O] ------------------------------------------------------------------
# B1: "Rate Exceeded." with a Reason field.
RATE_EXCEEDED = "Rate Exceeded."
# node-lambda #123 / athena federation #793 (sync), hyp3 #2241 (async).
SYNC_REQUEST_TOO_LARGE = (
    "Request must be smaller than {limit} bytes for the InvokeFunction operation"
)
ASYNC_REQUEST_TOO_LARGE = (
    "{size} byte payload is too large for the Event invocation type (limit {limit} bytes)"
)
# azul #7466, pythonista-chromeless #11.
RESPONSE_TOO_LARGE = (
    "Response payload size ({size} bytes) exceeded maximum allowed payload size ({limit} bytes)."
)
INVALID_JSON = "Could not parse request body into json: Could not parse payload into json: {detail}"
#: Ours: the Python API's payload is JSON text as bytes (botocore takes bytes or a file).
PAYLOAD_TYPE = "Payload must be bytes, a string or a file-like object"
CLIENT_CONTEXT_INVALID = "Client context must be a valid Base64-encoded JSON object."
CLIENT_CONTEXT_TOO_LARGE = "Client context must be smaller than {limit} bytes."
# B2: newer runtimes' timeout error; the log line is the text after "Error: ".
TIMEOUT = "RequestId: {request_id} Error: Task timed out after {seconds:.2f} seconds"
TIMEOUT_LOG = "Task timed out after {seconds:.2f} seconds"
EXIT_STATUS = "RequestId: {request_id} Error: Runtime exited with error: exit status {status}"
EXIT_SIGNAL = "RequestId: {request_id} Error: Runtime exited with error: signal: {signal}"
IMPORT_MODULE = "Unable to import module '{module}': {detail}"
HANDLER_NOT_FOUND = "Handler '{function}' missing on module '{module}'"
BAD_HANDLER = "Bad handler '{handler}': not enough values to unpack (expected 2, got 1)"
MARSHAL = "Unable to marshal response: {detail}"

# -- tags -----------------------------------------------------------------------------
# TagResource on a qualified ARN, over 50 tags, and with no tags: AWS's answers recorded
# in localstack's test_lambda_api.snapshot.json (TestLambdaTags::test_tag_exceptions,
# test_tag_limits, 2023-11).
TAGS_QUALIFIED = (
    "Tags on function aliases and versions are not supported. Please specify a function ARN."
)
TOO_MANY_TAGS = "Number of tags exceeds resource tag limit."
TAGS_EMPTY = "An error occurred and the request cannot be processed."
# [?] pyserverless's wording; AWS documents the limits (LMB:tagging) but the texts were
# not confirmed on a public page.
TAG_KEY_RESERVED = "User-specified tag keys cannot begin with the reserved prefix 'aws:'."
TAG_KEY_LENGTH = "Tag keys must be between 1 and {limit} characters long: {key}"
TAG_VALUE_LENGTH = "Tag values must be at most {limit} characters long (key {key})"

# -- logging configuration ------------------------------------------------------------
# [O] CloudFormation's relay of Lambda's answer (aws-cdk #28045).
LOG_LEVEL_TEXT = (
    'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your '
    'request or change the LogFormat to "Json" and try again.'
)

# -- layers -----------------------------------------------------------------------------
# A missing layer version named by the layer policy operations, a version number below 1,
# and a layer policy's stale RevisionId: AWS's answers recorded in localstack's
# test_lambda_api.snapshot.json (TestLambdaLayer::test_layer_policy_exceptions,
# test_layer_exceptions, 2023-11/2024-03).
LAYER_VERSION_MISSING = "Layer version {arn} does not exist."
LAYER_VERSION_BELOW_ONE = "Layer Version Cannot be less than 1"
# A function naming one layer twice (test_layer_function_exceptions, 2023-11).
LAYER_TWICE = (
    "Two different versions of the same layer are not allowed to be referenced in the same "
    "function. {first} and {second} are versions of the same layer."
)
LAYER_PRECONDITION = (
    "The Revision Id provided does not match the latest Revision Id. Call the "
    "GetLayerPolicy API to retrieve the latest Revision Id"
)
# A layer in another region: confirmed by the same recording.
LAYER_OTHER_REGION = (
    "Layers are not in the same region as the function. Layers are expected to be in "
    "region {region}."
)
# [?] Code plus layers over the unzipped quota, as remembered from AWS's wire text; not
# confirmed on a stored public page.
LAYERS_TOO_LARGE = (
    "Function code combined with layers exceeds the maximum allowed size of {limit} bytes. "
    "The actual size is {size} bytes."
)
# [?] GetLayerVersion on a version that does not exist.
LAYER_NOT_FOUND = "The resource you requested does not exist."
LAYER_ZIP_ONLY = "pyserverless accepts Content.ZipFile only for layers (no S3)"
LAYER_CONTENT_REQUIRED = "Please provide a source for the layer content."
