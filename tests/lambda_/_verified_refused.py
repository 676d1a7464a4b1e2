"""The refused requests of test_aws_verified.py: (id, operation, parameters, HTTP status,
code, message), each AWS's answer as recorded against AWS (sources named in the comments;
see test_aws_verified.py for the abbreviations)."""

from __future__ import annotations

from typing import Any

from .conftest import make_zip

APP = make_zip({"app.py": "def handler(event, context):\n    return event\n"})
FN = "arn:aws:lambda:us-east-1:123456789012:function"
LAYER = "arn:aws:lambda:us-east-1:123456789012:layer"

# -- refused requests: (operation, parameters, HTTP status, code, message) --------------
#: A row: (id, operation, parameters, HTTP status, code, message).
Row = tuple[str, str, dict[str, Any], int, str, str]

REFUSED_FIRST: list[Row] = [
    # LS_TestLambdaVersions::test_publish_with_wrong_revisionid
    (
        "publish-wrong-revision",
        "publish_version",
        {"FunctionName": "f", "RevisionId": "wrong"},
        412,
        "PreconditionFailedException",
        (
            "The Revision Id provided does not match the latest Revision Id. Call the "
            "GetFunction/GetAlias API to retrieve the latest Revision Id"
        ),
    ),
    # LS_TestLambdaVersions::test_publish_with_wrong_sha256 ({sha} is $LATEST's)
    (
        "publish-wrong-sha",
        "publish_version",
        {"FunctionName": "f", "CodeSha256": "somenonexistentsha256"},
        400,
        "InvalidParameterValueException",
        (
            "CodeSHA256 (somenonexistentsha256) is different from current CodeSHA256 in "
            "$LATEST ({sha}). Please try again with the CodeSHA256 in $LATEST."
        ),
    ),
    # LS_TestLambdaAlias::test_notfound_and_invalid_routingconfigs (each row below)
    (
        "routing-two-extra",
        "create_alias",
        {
            "FunctionName": "f",
            "Name": "a",
            "FunctionVersion": "1",
            "RoutingConfig": {"AdditionalVersionWeights": {"1": 0.5, "2": 0.5}},
        },
        400,
        "InvalidParameterValueException",
        "Number of items in AdditionalVersionWeights cannot be greater than 1",
    ),
    (
        "routing-weight-high",
        "create_alias",
        {
            "FunctionName": "f",
            "Name": "a",
            "FunctionVersion": "1",
            "RoutingConfig": {"AdditionalVersionWeights": {"2": 2.0}},
        },
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '{2=2.0}' at "
            "'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value "
            "must satisfy constraint: [Member must have value less than or equal to 1.0, Member "
            "must have value greater than or equal to 0.0, Member must not be null]"
        ),
    ),
    (
        "routing-weight-negative",
        "create_alias",
        {
            "FunctionName": "f",
            "Name": "a",
            "FunctionVersion": "1",
            "RoutingConfig": {"AdditionalVersionWeights": {"2": -1.0}},
        },
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '{2=-1.0}' at "
            "'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value "
            "must satisfy constraint: [Member must have value less than or equal to 1.0, Member "
            "must have value greater than or equal to 0.0, Member must not be null]"
        ),
    ),
    (
        "routing-same-version",
        "create_alias",
        {
            "FunctionName": "f",
            "Name": "a",
            "FunctionVersion": "1",
            "RoutingConfig": {"AdditionalVersionWeights": {"1": 0.5}},
        },
        400,
        "InvalidParameterValueException",
        (
            "Invalid function version 1. Function version 1 is already included in routing "
            "configuration."
        ),
    ),
    (
        "alias-target-missing",
        "create_alias",
        {"FunctionName": "f", "Name": "a", "FunctionVersion": "10"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:f:10",
    ),
    (
        "routing-version-missing",
        "create_alias",
        {
            "FunctionName": "f",
            "Name": "a",
            "FunctionVersion": "1",
            "RoutingConfig": {"AdditionalVersionWeights": {"10": 0.5}},
        },
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:f:10",
    ),
    (
        "routing-from-latest",
        "create_alias",
        {
            "FunctionName": "f",
            "Name": "a",
            "FunctionVersion": "$LATEST",
            "RoutingConfig": {"AdditionalVersionWeights": {"2": 0.5}},
        },
        400,
        "InvalidParameterValueException",
        "$LATEST is not supported for an alias pointing to more than 1 version",
    ),
    (
        "routing-key-latest",
        "create_alias",
        {
            "FunctionName": "f",
            "Name": "a",
            "FunctionVersion": "1",
            "RoutingConfig": {"AdditionalVersionWeights": {"$LATEST": 0.5}},
        },
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '{$LATEST=0.5}' at "
            "'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys "
            "must satisfy constraint: [Member must have length less than or equal to 1024, "
            "Member must have length greater than or equal to 1, Member must satisfy regular "
            "expression pattern: [0-9]+, Member must not be null]"
        ),
    ),
    (
        "alias-function-missing",
        "create_alias",
        {"FunctionName": "f-unknown", "Name": "a", "FunctionVersion": "1"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:f-unknown:1",
    ),
    (
        "alias-exists",
        "create_alias",
        {"FunctionName": "f", "Name": "live", "FunctionVersion": "1"},
        409,
        "ResourceConflictException",
        f"Alias already exists: {FN}:f:live",
    ),
    (
        "get-alias-missing",
        "get_alias",
        {"FunctionName": "f", "Name": "non-existent"},
        404,
        "ResourceNotFoundException",
        f"Cannot find alias arn: {FN}:f:non-existent",
    ),
    # LS_TestLambdaAlias::test_alias_lifecycle
    (
        "get-function-alias-missing",
        "get_function",
        {"FunctionName": "f", "Qualifier": "aliasdoesnotexist"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:f:aliasdoesnotexist",
    ),
    # LS_TestLambdaFunction::test_function_lifecycle (after deletion)
    (
        "get-function-missing",
        "get_function",
        {"FunctionName": "gone"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:gone",
    ),
    # LS_TestLambdaTag::test_tag_nonexisting_resource
    (
        "tag-missing-function",
        "tag_resource",
        {"Resource": f"{FN}:gone", "Tags": {"A": "a"}},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:gone",
    ),
    (
        "untag-missing-function",
        "untag_resource",
        {"Resource": f"{FN}:gone", "TagKeys": ["A"]},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:gone",
    ),
    (
        "list-tags-missing-function",
        "list_tags",
        {"Resource": f"{FN}:gone"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:gone",
    ),
    # LS_TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_exceptions (each below)
    (
        "eic-put-function-missing",
        "put_function_event_invoke_config",
        {"FunctionName": "doesnotexist", "MaximumRetryAttempts": 1},
        404,
        "ResourceNotFoundException",
        "The function doesn't exist.",
    ),
    (
        "eic-put-arn-missing",
        "put_function_event_invoke_config",
        {"FunctionName": f"{FN}:doesnotexist", "MaximumRetryAttempts": 1},
        404,
        "ResourceNotFoundException",
        "The function doesn't exist.",
    ),
    (
        "eic-put-nothing",
        "put_function_event_invoke_config",
        {"FunctionName": "f"},
        400,
        "InvalidParameterValueException",
        "You must specify at least one of error handling or destination setting.",
    ),
    (
        "eic-destination-missing-function",
        "put_function_event_invoke_config",
        {
            "FunctionName": "f",
            "DestinationConfig": {"OnSuccess": {"Destination": f"{FN}:doesnotexist"}},
        },
        400,
        "InvalidParameterValueException",
        f"The destination ARN {FN}:doesnotexist is invalid.",
    ),
    (
        "eic-destination-itself",
        "put_function_event_invoke_config",
        {"FunctionName": "f", "DestinationConfig": {"OnSuccess": {"Destination": f"{FN}:f"}}},
        400,
        "InvalidParameterValueException",
        "You can't specify the function as a destination for itself.",
    ),
    (
        "eic-destination-other-service",
        "put_function_event_invoke_config",
        {
            "FunctionName": "f",
            "DestinationConfig": {
                "OnSuccess": {"Destination": "arn:aws:iam:us-east-1:123456789012:function:f"}
            },
        },
        400,
        "InvalidParameterValueException",
        (
            "The provided destination config DestinationConfig(onSuccess=OnSuccess("
            "destination=arn:aws:iam:us-east-1:123456789012:function:f), onFailure=null) is "
            "invalid."
        ),
    ),
    (
        "eic-qualifier-conflict",
        "put_function_event_invoke_config",
        {"FunctionName": "f:live", "Qualifier": "1", "MaximumRetryAttempts": 1},
        400,
        "InvalidParameterValueException",
        "The derived qualifier from the function name does not match the specified qualifier.",
    ),
    (
        "eic-put-alias-missing",
        "put_function_event_invoke_config",
        {"FunctionName": "f", "Qualifier": "doesnotexist", "MaximumRetryAttempts": 1},
        404,
        "ResourceNotFoundException",
        "The function doesn't exist.",
    ),
    (
        "eic-delete-none",
        "delete_function_event_invoke_config",
        {"FunctionName": "g"},
        404,
        "ResourceNotFoundException",
        f"The function {FN}:g:$LATEST doesn't have an EventInvokeConfig",
    ),
    (
        "eic-delete-function-missing",
        "delete_function_event_invoke_config",
        {"FunctionName": "doesnotexist"},
        404,
        "ResourceNotFoundException",
        f"The function {FN}:doesnotexist:$LATEST doesn't have an EventInvokeConfig",
    ),
    (
        "eic-list-function-missing",
        "list_function_event_invoke_configs",
        {"FunctionName": "doesnotexist"},
        404,
        "ResourceNotFoundException",
        "The function doesn't exist.",
    ),
    (
        "eic-get-function-missing",
        "get_function_event_invoke_config",
        {"FunctionName": "doesnotexist"},
        404,
        "ResourceNotFoundException",
        f"The function {FN}:doesnotexist:$LATEST doesn't have an EventInvokeConfig",
    ),
    (
        "eic-get-qualifier-missing",
        "get_function_event_invoke_config",
        {"FunctionName": "g", "Qualifier": "doesnotexist"},
        404,
        "ResourceNotFoundException",
        f"The function {FN}:g:doesnotexist doesn't have an EventInvokeConfig",
    ),
    (
        "eic-update-function-missing",
        "update_function_event_invoke_config",
        {"FunctionName": "doesnotexist", "MaximumRetryAttempts": 1},
        404,
        "ResourceNotFoundException",
        "The function doesn't exist.",
    ),
    (
        "eic-update-none",
        "update_function_event_invoke_config",
        {"FunctionName": "g", "MaximumRetryAttempts": 1},
        404,
        "ResourceNotFoundException",
        f"The function {FN}:g:$LATEST doesn't have an EventInvokeConfig",
    ),
    (
        "eic-update-none-alias",
        "update_function_event_invoke_config",
        {"FunctionName": "f", "Qualifier": "live", "MaximumRetryAttempts": 1},
        404,
        "ResourceNotFoundException",
        f"The function {FN}:f:live doesn't have an EventInvokeConfig",
    ),
    # LS_TestLambdaPermissions::test_remove_multi_permissions
    (
        "permission-sid-missing",
        "remove_permission",
        {"FunctionName": "f", "StatementId": "non-existent"},
        404,
        "ResourceNotFoundException",
        "Statement non-existent is not found in resource policy.",
    ),
    (
        "policy-none",
        "get_policy",
        {"FunctionName": "g"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    # LS_TestLambdaUrl::test_url_config_lifecycle
    (
        "url-twice",
        "create_function_url_config",
        {"FunctionName": "f", "AuthType": "NONE"},
        409,
        "ResourceConflictException",
        (
            f"Failed to create function url config for [functionArn = {FN}:f]. Error message:  "
            "FunctionUrlConfig exists for this Lambda function"
        ),
    ),
    (
        "url-none",
        "get_function_url_config",
        {"FunctionName": "g"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    # LS_TestLambdaEventSourceMappings::test_event_source_mapping_exceptions
    (
        "esm-get-unknown",
        "get_event_source_mapping",
        {"UUID": "00000000-0000-0000-0000-000000000000"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "esm-delete-unknown",
        "delete_event_source_mapping",
        {"UUID": "00000000-0000-0000-0000-000000000000"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "esm-update-unknown",
        "update_event_source_mapping",
        {"UUID": "00000000-0000-0000-0000-000000000000", "BatchSize": 5},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "esm-no-source",
        "create_event_source_mapping",
        {"FunctionName": "f"},
        400,
        "InvalidParameterValueException",
        "Unrecognized event source.",
    ),
    (
        "esm-function-missing",
        "create_event_source_mapping",
        {
            "FunctionName": "doesnotexist",
            "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q",
        },
        400,
        "InvalidParameterValueException",
        "Function does not exist",
    ),
    # LS_TestLambdaTags::test_tag_exceptions and test_tag_limits
    (
        "tag-qualified",
        "tag_resource",
        {"Resource": f"{FN}:f:doesnotexist", "Tags": {"a": "b"}},
        400,
        "InvalidParameterValueException",
        ("Tags on function aliases and versions are not supported. Please specify a function ARN."),
    ),
    (
        "untag-no-keys",
        "untag_resource",
        {"Resource": f"{FN}:f"},
        400,
        "ValidationException",
        (
            "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: "
            "Member must not be null"
        ),
    ),
    (
        "tag-empty",
        "tag_resource",
        {"Resource": f"{FN}:f", "Tags": {}},
        400,
        "InvalidParameterValueException",
        "An error occurred and the request cannot be processed.",
    ),
    (
        "tag-51",
        "tag_resource",
        {"Resource": f"{FN}:f", "Tags": {f"{i}_key": f"{i}_value" for i in range(51)}},
        400,
        "InvalidParameterValueException",
        "Number of tags exceeds resource tag limit.",
    ),
    # LS_TestLambdaProvisionedConcurrency::test_provisioned_concurrency_exceptions
    (
        "pc-get-none",
        "get_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "2"},
        404,
        "ProvisionedConcurrencyConfigNotFoundException",
        "No Provisioned Concurrency Config found for this function",
    ),
    (
        "pc-get-function-missing",
        "get_provisioned_concurrency_config",
        {"FunctionName": "doesnotexist", "Qualifier": "noalias"},
        404,
        "ResourceNotFoundException",
        f"Cannot find alias arn: {FN}:doesnotexist:noalias",
    ),
    (
        "pc-get-alias-missing",
        "get_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "noalias"},
        404,
        "ResourceNotFoundException",
        f"Cannot find alias arn: {FN}:f:noalias",
    ),
    (
        "pc-get-version-missing",
        "get_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "10"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:f:10",
    ),
    (
        "pc-get-latest",
        "get_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "$LATEST"},
        400,
        "InvalidParameterValueException",
        "The function resource provided must be an alias or a published version.",
    ),
    (
        "pc-list-function-missing",
        "list_provisioned_concurrency_configs",
        {"FunctionName": "doesnotexist"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:doesnotexist",
    ),
    (
        "pc-delete-function-missing",
        "delete_provisioned_concurrency_config",
        {"FunctionName": "doesnotexist", "Qualifier": "1"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:doesnotexist:1",
    ),
    (
        "pc-delete-alias-missing",
        "delete_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "noalias"},
        404,
        "ResourceNotFoundException",
        f"Cannot find alias arn: {FN}:f:noalias",
    ),
    (
        "pc-delete-version-missing",
        "delete_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "10"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:f:10",
    ),
    (
        "pc-delete-latest",
        "delete_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "$LATEST"},
        400,
        "InvalidParameterValueException",
        "The function resource provided must be an alias or a published version.",
    ),
    (
        "pc-put-zero",
        "put_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "1", "ProvisionedConcurrentExecutions": 0},
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '0' at 'provisionedConcurrentExecutions' failed "
            "to satisfy constraint: Member must have value greater than or equal to 1"
        ),
    ),
    (
        "pc-put-function-missing-alias",
        "put_provisioned_concurrency_config",
        {
            "FunctionName": "doesnotexist",
            "Qualifier": "noalias",
            "ProvisionedConcurrentExecutions": 1,
        },
        404,
        "ResourceNotFoundException",
        f"Cannot find alias arn: {FN}:doesnotexist:noalias",
    ),
    (
        "pc-put-function-missing-version",
        "put_provisioned_concurrency_config",
        {"FunctionName": "doesnotexist", "Qualifier": "1", "ProvisionedConcurrentExecutions": 1},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:doesnotexist:1",
    ),
    (
        "pc-put-alias-missing",
        "put_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "doesnotexist", "ProvisionedConcurrentExecutions": 1},
        404,
        "ResourceNotFoundException",
        f"Cannot find alias arn: {FN}:f:doesnotexist",
    ),
    (
        "pc-put-version-missing",
        "put_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "10", "ProvisionedConcurrentExecutions": 1},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:f:10",
    ),
    (
        "pc-put-latest",
        "put_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "$LATEST", "ProvisionedConcurrentExecutions": 1},
        400,
        "InvalidParameterValueException",
        "Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
    ),
]
