"""The rest of the refused requests of test_aws_verified.py (see _verified_refused.py)."""

from __future__ import annotations

from ._verified_refused import APP, FN, Row
from .conftest import ROLE

REFUSED_MORE: list[Row] = [
    # LS_TestLambdaPermissions::test_permission_exceptions
    (
        "permission-latest",
        "add_permission",
        {
            "FunctionName": "f",
            "Qualifier": "$LATEST",
            "StatementId": "s",
            "Action": "lambda:InvokeFunction",
            "Principal": "s3.amazonaws.com",
        },
        400,
        "InvalidParameterValueException",
        "We currently do not support adding policies for $LATEST.",
    ),
    (
        "permission-bad-sid",
        "add_permission",
        {
            "FunctionName": "f",
            "StatementId": "example.com",
            "Action": "lambda:InvokeFunction",
            "Principal": "s3.amazonaws.com",
        },
        400,
        "ValidationException",
        (
            "1 validation error detected: Value 'example.com' at 'statementId' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)"
        ),
    ),
    (
        "permission-sid-twice",
        "add_permission",
        {
            "FunctionName": "f",
            "StatementId": "s3",
            "Action": "lambda:InvokeFunction",
            "Principal": "s3.amazonaws.com",
        },
        409,
        "ResourceConflictException",
        (
            "The statement id (s3) provided already exists. Please provide a new statement id, "
            "or remove the existing statement."
        ),
    ),
    (
        "permission-function-missing",
        "add_permission",
        {
            "FunctionName": "doesnotexist",
            "StatementId": "s",
            "Action": "lambda:InvokeFunction",
            "Principal": "s3.amazonaws.com",
        },
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:doesnotexist",
    ),
    (
        "permission-alias-missing",
        "add_permission",
        {
            "FunctionName": "f",
            "Qualifier": "alias-doesnotexist",
            "StatementId": "s",
            "Action": "lambda:InvokeFunction",
            "Principal": "s3.amazonaws.com",
        },
        404,
        "ResourceNotFoundException",
        f"Cannot find alias arn: {FN}:f:alias-doesnotexist",
    ),
    (
        "permission-version-missing",
        "add_permission",
        {
            "FunctionName": "f",
            "Qualifier": "42",
            "StatementId": "s",
            "Action": "lambda:InvokeFunction",
            "Principal": "s3.amazonaws.com",
        },
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:f:42",
    ),
    (
        "permission-dollar-qualifier",
        "add_permission",
        {
            "FunctionName": "f",
            "Qualifier": "valid-with-$-but-doesnotexist",
            "StatementId": "s",
            "Action": "lambda:InvokeFunction",
            "Principal": "s3.amazonaws.com",
        },
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:f:valid-with-$-but-doesnotexist",
    ),
    (
        "permission-qualifier-conflict",
        "add_permission",
        {
            "FunctionName": f"{FN}:f:live",
            "Qualifier": "1",
            "StatementId": "s",
            "Action": "lambda:InvokeFunction",
            "Principal": "s3.amazonaws.com",
        },
        400,
        "InvalidParameterValueException",
        ("The derived qualifier from the function name does not match the specified qualifier."),
    ),
    (
        "policy-function-missing",
        "get_policy",
        {"FunctionName": "doesnotexist"},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:doesnotexist",
    ),
    (
        "policy-version-missing",
        "get_policy",
        {"FunctionName": "f", "Qualifier": "42"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "unpermission-no-policy",
        "remove_permission",
        {"FunctionName": "g", "StatementId": "s"},
        404,
        "ResourceNotFoundException",
        "No policy is associated with the given resource.",
    ),
    (
        "unpermission-function-missing",
        "remove_permission",
        {"FunctionName": "doesnotexist", "StatementId": "s3"},
        404,
        "ResourceNotFoundException",
        f"No policy found for: {FN}:doesnotexist",
    ),
    (
        "unpermission-alias-missing",
        "remove_permission",
        {"FunctionName": "f", "Qualifier": "alias-doesnotexist", "StatementId": "s3"},
        404,
        "ResourceNotFoundException",
        f"Cannot find alias arn: {FN}:f:alias-doesnotexist",
    ),
    # LS_TestLambdaUrl::test_url_config_exceptions and test_url_config_list_paging
    (
        "url-list-function-missing",
        "list_function_url_configs",
        {"FunctionName": "doesnotexist"},
        404,
        "ResourceNotFoundException",
        "Function does not exist",
    ),
    (
        "url-create-function-missing",
        "create_function_url_config",
        {"FunctionName": f"{FN}:doesnotexist", "AuthType": "NONE"},
        404,
        "ResourceNotFoundException",
        "Function does not exist",
    ),
    (
        "url-create-version",
        "create_function_url_config",
        {"FunctionName": "f", "Qualifier": "1", "AuthType": "NONE"},
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '1' at 'qualifier' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)"
        ),
    ),
    (
        "url-create-latest",
        "create_function_url_config",
        {"FunctionName": "f", "Qualifier": "$LATEST", "AuthType": "NONE"},
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '$LATEST' at 'qualifier' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: "
            "((?!^\\d+$)^[0-9a-zA-Z-_]+$)"
        ),
    ),
    (
        "url-create-alias-missing",
        "create_function_url_config",
        {"FunctionName": "f", "Qualifier": "nope", "AuthType": "NONE"},
        404,
        "ResourceNotFoundException",
        "Function does not exist",
    ),
    (
        "url-get-function-missing",
        "get_function_url_config",
        {"FunctionName": "doesnotexist"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "url-get-alias-missing",
        "get_function_url_config",
        {"FunctionName": "f", "Qualifier": "nope"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "url-delete-none",
        "delete_function_url_config",
        {"FunctionName": "g"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "url-update-function-missing",
        "update_function_url_config",
        {"FunctionName": "doesnotexist", "AuthType": "NONE"},
        404,
        "ResourceNotFoundException",
        "Function does not exist",
    ),
    (
        "url-update-alias-missing",
        "update_function_url_config",
        {"FunctionName": "f", "Qualifier": "nope", "AuthType": "NONE"},
        404,
        "ResourceNotFoundException",
        "Function does not exist",
    ),
    (
        "url-update-none",
        "update_function_url_config",
        {"FunctionName": "g", "AuthType": "NONE"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    # LS_TestLambdaTags::test_tag_versions
    (
        "tag-version",
        "tag_resource",
        {"Resource": f"{FN}:f:1", "Tags": {"a": "b"}},
        400,
        "InvalidParameterValueException",
        ("Tags on function aliases and versions are not supported. Please specify a function ARN."),
    ),
    (
        "tag-latest",
        "tag_resource",
        {"Resource": f"{FN}:f:$LATEST", "Tags": {"a": "b"}},
        400,
        "InvalidParameterValueException",
        ("Tags on function aliases and versions are not supported. Please specify a function ARN."),
    ),
    # LS_TestLambdaFunction::test_create_lambda_exceptions / test_update_lambda_exceptions
    (
        "create-bad-role",
        "create_function",
        {
            "FunctionName": "x",
            "Runtime": "python3.12",
            "Role": "r1",
            "Handler": "app.handler",
            "Code": {"ZipFile": APP},
        },
        400,
        "ValidationException",
        (
            "1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: "
            "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"
        ),
    ),
    (
        "create-two-architectures",
        "create_function",
        {
            "FunctionName": "x",
            "Runtime": "python3.12",
            "Role": ROLE,
            "Handler": "app.handler",
            "Code": {"ZipFile": APP},
            "Architectures": ["x86_64", "arm64"],
        },
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to "
            "satisfy constraint: Member must have length less than or equal to 1"
        ),
    ),
    (
        "create-upper-architecture",
        "create_function",
        {
            "FunctionName": "x",
            "Runtime": "python3.12",
            "Role": ROLE,
            "Handler": "app.handler",
            "Code": {"ZipFile": APP},
            "Architectures": ["X86_64"],
        },
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '[X86_64]' at 'architectures' failed to satisfy "
            "constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
            "[x86_64, arm64], Member must not be null]"
        ),
    ),
    (
        "create-bad-zip",
        "create_function",
        {
            "FunctionName": "x",
            "Runtime": "python3.12",
            "Role": ROLE,
            "Handler": "app.handler",
            "Code": {"ZipFile": b"not a zip"},
        },
        400,
        "InvalidParameterValueException",
        "Could not unzip uploaded file. Please check your file, then try to upload again.",
    ),
    (
        "update-bad-role",
        "update_function_configuration",
        {"FunctionName": "f", "Role": "r1"},
        400,
        "ValidationException",
        (
            "1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: "
            "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"
        ),
    ),
    # LS_TestLambdaFunction::test_list_functions
    (
        "list-bad-version",
        "list_functions",
        {"FunctionVersion": "invalid"},
        400,
        "ValidationException",
        (
            "1 validation error detected: Value 'invalid' at 'functionVersion' failed to satisfy "
            "constraint: Member must satisfy enum value set: [ALL]"
        ),
    ),
    # LS_TestLambdaProvisionedConcurrency::test_lambda_provisioned_lifecycle
    (
        "pc-alias-on-provisioned-version",
        "put_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "live", "ProvisionedConcurrentExecutions": 1},
        409,
        "ResourceConflictException",
        (
            "Alias can't be used for Provisioned Concurrency configuration on an already "
            "Provisioned version"
        ),
    ),
]
