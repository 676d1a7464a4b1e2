"""The last of the refused requests of test_aws_verified.py: layers, revisions, SnapStart,
names and concurrency limits (see _verified_refused.py)."""

from __future__ import annotations

from ._verified_refused import APP, FN, LAYER, Row
from .conftest import ROLE

REFUSED_LAST: list[Row] = [
    # LS_TestLambdaLayer::test_layer_exceptions
    (
        "layer-missing",
        "get_layer_version",
        {"LayerName": "nolayer", "VersionNumber": 1},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "layer-version-zero",
        "get_layer_version",
        {"LayerName": "lib", "VersionNumber": 0},
        400,
        "InvalidParameterValueException",
        "Layer Version Cannot be less than 1",
    ),
    (
        "layer-version-negative",
        "get_layer_version",
        {"LayerName": "lib", "VersionNumber": -1},
        400,
        "InvalidParameterValueException",
        "Layer Version Cannot be less than 1",
    ),
    (
        "layer-version-missing",
        "get_layer_version",
        {"LayerName": "lib", "VersionNumber": 5},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "layer-arn-version-missing",
        "get_layer_version_by_arn",
        {"Arn": f"{LAYER}:lib:5"},
        404,
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
    ),
    (
        "layer-delete-version-zero",
        "delete_layer_version",
        {"LayerName": "lib", "VersionNumber": 0},
        400,
        "InvalidParameterValueException",
        "Layer Version Cannot be less than 1",
    ),
    (
        "layer-list-bad-architecture",
        "list_layers",
        {"CompatibleArchitecture": "archdoesnotexist"},
        400,
        "ValidationException",
        (
            "1 validation error detected: Value 'archdoesnotexist' at 'compatibleArchitecture' "
            "failed to satisfy constraint: Member must satisfy enum value set: [x86_64, arm64]"
        ),
    ),
    # LS_TestLambdaLayer::test_layer_policy_exceptions
    (
        "layer-policy-none",
        "get_layer_version_policy",
        {"LayerName": "bare", "VersionNumber": 1},
        404,
        "ResourceNotFoundException",
        "No policy is associated with the given resource.",
    ),
    (
        "layer-permission-action",
        "add_layer_version_permission",
        {
            "LayerName": "lib",
            "VersionNumber": 1,
            "StatementId": "s2",
            "Action": "*",
            "Principal": "*",
        },
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '*' at 'action' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: lambda:GetLayerVersion"
        ),
    ),
    (
        "layer-permission-twice",
        "add_layer_version_permission",
        {
            "LayerName": "lib",
            "VersionNumber": 1,
            "StatementId": "s1",
            "Action": "lambda:GetLayerVersion",
            "Principal": "*",
        },
        409,
        "ResourceConflictException",
        (
            "The statement id (s1) provided already exists. Please provide a new statement id, "
            "or remove the existing statement."
        ),
    ),
    (
        "layer-permission-revision",
        "add_layer_version_permission",
        {
            "LayerName": "lib",
            "VersionNumber": 1,
            "StatementId": "s3",
            "Action": "lambda:GetLayerVersion",
            "Principal": "*",
            "RevisionId": "wrong",
        },
        412,
        "PreconditionFailedException",
        (
            "The Revision Id provided does not match the latest Revision Id. Call the "
            "GetLayerPolicy API to retrieve the latest Revision Id"
        ),
    ),
    (
        "layer-permission-layer-missing",
        "add_layer_version_permission",
        {
            "LayerName": "lib-doesnotexist",
            "VersionNumber": 1,
            "StatementId": "s3",
            "Action": "lambda:GetLayerVersion",
            "Principal": "*",
        },
        404,
        "ResourceNotFoundException",
        f"Layer version {LAYER}:lib-doesnotexist:1 does not exist.",
    ),
    (
        "layer-policy-layer-missing",
        "get_layer_version_policy",
        {"LayerName": "lib-doesnotexist", "VersionNumber": 1},
        404,
        "ResourceNotFoundException",
        f"Layer version {LAYER}:lib-doesnotexist:1 does not exist.",
    ),
    (
        "layer-unpermission-version-missing",
        "remove_layer_version_permission",
        {"LayerName": "lib", "VersionNumber": 5, "StatementId": "s1"},
        404,
        "ResourceNotFoundException",
        f"Layer version {LAYER}:lib:5 does not exist.",
    ),
    (
        "layer-unpermission-sid-missing",
        "remove_layer_version_permission",
        {"LayerName": "lib", "VersionNumber": 1, "StatementId": "doesnotexist"},
        404,
        "ResourceNotFoundException",
        "Statement doesnotexist is not found in resource policy.",
    ),
    (
        "layer-unpermission-revision",
        "remove_layer_version_permission",
        {"LayerName": "lib", "VersionNumber": 1, "StatementId": "s1", "RevisionId": "wrong"},
        412,
        "PreconditionFailedException",
        (
            "The Revision Id provided does not match the latest Revision Id. Call the "
            "GetLayerPolicy API to retrieve the latest Revision Id"
        ),
    ),
    # LS_TestLambdaLayer::test_layer_function_exceptions
    (
        "function-layer-twice",
        "update_function_configuration",
        {"FunctionName": "f", "Layers": [f"{LAYER}:lib:1", f"{LAYER}:lib:2"]},
        400,
        "InvalidParameterValueException",
        (
            "Two different versions of the same layer are not allowed to be referenced in the "
            f"same function. {LAYER}:lib:1 and {LAYER}:lib:2 are versions of the same layer."
        ),
    ),
    (
        "function-layer-same-version-twice",
        "update_function_configuration",
        {"FunctionName": "f", "Layers": [f"{LAYER}:lib:1", f"{LAYER}:lib:1"]},
        400,
        "InvalidParameterValueException",
        (
            "Two different versions of the same layer are not allowed to be referenced in the "
            f"same function. {LAYER}:lib:1 and {LAYER}:lib:1 are versions of the same layer."
        ),
    ),
    (
        "function-layer-missing",
        "update_function_configuration",
        {"FunctionName": "f", "Layers": [f"{LAYER}:doesnotexist:1"]},
        400,
        "InvalidParameterValueException",
        f"Layer version {LAYER}:doesnotexist:1 does not exist.",
    ),
    (
        "function-layer-version-missing",
        "update_function_configuration",
        {"FunctionName": "f", "Layers": [f"{LAYER}:lib:9"]},
        400,
        "InvalidParameterValueException",
        f"Layer version {LAYER}:lib:9 does not exist.",
    ),
    (
        "function-layer-other-region",
        "create_function",
        {
            "FunctionName": "x",
            "Runtime": "python3.12",
            "Role": ROLE,
            "Handler": "app.handler",
            "Code": {"ZipFile": APP},
            "Layers": ["arn:aws:lambda:eu-west-1:123456789012:layer:lib:1"],
        },
        400,
        "InvalidParameterValueException",
        (
            "Layers are not in the same region as the function. Layers are expected to be in "
            "region us-east-1."
        ),
    ),
    # LS_TestLambdaLayer::test_layer_function_quota_exception
    (
        "function-six-layers",
        "update_function_configuration",
        {"FunctionName": "f", "Layers": [f"{LAYER}:l{i}:1" for i in range(6)]},
        400,
        "InvalidParameterValueException",
        "Cannot reference more than 5 layers.",
    ),
    # LS_TestLambdaRevisions::test_function_revisions_basic / _version_and_alias
    (
        "revision-update-code",
        "update_function_code",
        {"FunctionName": "f", "ZipFile": APP, "RevisionId": "wrong"},
        412,
        "PreconditionFailedException",
        (
            "The Revision Id provided does not match the latest Revision Id. Call the "
            "GetFunction/GetAlias API to retrieve the latest Revision Id"
        ),
    ),
    (
        "revision-update-configuration",
        "update_function_configuration",
        {"FunctionName": "f", "Description": "x", "RevisionId": "wrong"},
        412,
        "PreconditionFailedException",
        (
            "The Revision Id provided does not match the latest Revision Id. Call the "
            "GetFunction/GetAlias API to retrieve the latest Revision Id"
        ),
    ),
    (
        "revision-update-alias",
        "update_alias",
        {"FunctionName": "f", "Name": "live", "Description": "x", "RevisionId": "wrong"},
        412,
        "PreconditionFailedException",
        (
            "The Revision Id provided does not match the latest Revision Id. Call the "
            "GetFunction/GetAlias API to retrieve the latest Revision Id"
        ),
    ),
    (
        "revision-add-permission",
        "add_permission",
        {
            "FunctionName": "f",
            "StatementId": "x",
            "Action": "lambda:InvokeFunction",
            "Principal": "s3.amazonaws.com",
            "RevisionId": "wrong",
        },
        412,
        "PreconditionFailedException",
        (
            "The Revision Id provided does not match the latest Revision Id. Call the "
            "GetFunction/GetAlias API to retrieve the latest Revision Id"
        ),
    ),
    (
        "revision-remove-permission",
        "remove_permission",
        {"FunctionName": "f", "StatementId": "s3", "RevisionId": "wrong"},
        412,
        "PreconditionFailedException",
        (
            "The Revision Id provided does not match the latest Revision Id. Call the "
            "GetFunction/GetAlias API to retrieve the latest Revision Id"
        ),
    ),
    # LS_TestLambdaSnapStart::test_snapstart_exceptions
    (
        "snapstart-runtime",
        "create_function",
        {
            "FunctionName": "x",
            "Runtime": "python3.9",
            "Role": ROLE,
            "Handler": "app.handler",
            "Code": {"ZipFile": APP},
            "SnapStart": {"ApplyOn": "PublishedVersions"},
        },
        400,
        "InvalidParameterValueException",
        "python3.9 is not supported for SnapStart enabled functions.",
    ),
    (
        "snapstart-apply-on",
        "create_function",
        {
            "FunctionName": "x",
            "Runtime": "python3.12",
            "Role": ROLE,
            "Handler": "app.handler",
            "Code": {"ZipFile": APP},
            "SnapStart": {"ApplyOn": "invalidOption"},
        },
        400,
        "ValidationException",
        (
            "1 validation error detected: Value 'invalidOption' at 'snapStart.applyOn' failed to "
            "satisfy constraint: Member must satisfy enum value set: [PublishedVersions, None]"
        ),
    ),
    # LS_TestLambdaFunction::test_function_arns
    (
        "create-name-65",
        "create_function",
        {
            "FunctionName": "a" * 65,
            "Runtime": "python3.12",
            "Role": ROLE,
            "Handler": "app.handler",
            "Code": {"ZipFile": APP},
        },
        400,
        "InvalidParameterValueException",
        (
            f"1 validation error detected: Value '{'a' * 65}' at 'functionName' failed to satisfy "
            "constraint: Member must have length less than or equal to 64"
        ),
    ),
    (
        "create-arn-141",
        "create_function",
        {
            "FunctionName": f"{FN}:" + "a" * 94,
            "Runtime": "python3.12",
            "Role": ROLE,
            "Handler": "app.handler",
            "Code": {"ZipFile": APP},
        },
        400,
        "ValidationException",
        (
            f"1 validation error detected: Value '{FN}:{'a' * 94}' at 'functionName' failed to "
            "satisfy constraint: Member must have length less than or equal to 140"
        ),
    ),
    (
        "function-other-region",
        "get_function",
        {"FunctionName": "arn:aws:lambda:ap-southeast-1:123456789012:function:f"},
        404,
        "ResourceNotFoundException",
        "Functions from 'ap-southeast-1' are not reachable in this region ('us-east-1')",
    ),
    # LS_TestLambdaAlias::test_alias_naming
    (
        "alias-all-digits",
        "create_alias",
        {"FunctionName": "f", "Name": "2024", "FunctionVersion": "1"},
        400,
        "ValidationException",
        (
            "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"
        ),
    ),
    # LS_TestLambdaProvisionedConcurrency::test_provisioned_concurrency_limits (the fixture
    # provisions 1 of the account's 1000; 100 stay unreserved)
    (
        "pc-over-unreserved",
        "put_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "2", "ProvisionedConcurrentExecutions": 1000},
        400,
        "InvalidParameterValueException",
        (
            "Specified ConcurrentExecutions for function is greater than account's unreserved "
            "concurrency [999]."
        ),
    ),
    (
        "pc-below-minimum",
        "put_provisioned_concurrency_config",
        {"FunctionName": "f", "Qualifier": "2", "ProvisionedConcurrentExecutions": 950},
        400,
        "InvalidParameterValueException",
        (
            "Specified ConcurrentExecutions for function decreases account's "
            "UnreservedConcurrentExecution below its minimum value of [100]."
        ),
    ),
    # LS_TestLambdaReservedConcurrency::test_function_concurrency_limits
    (
        "reserved-below-minimum",
        "put_function_concurrency",
        {"FunctionName": "g", "ReservedConcurrentExecutions": 950},
        400,
        "InvalidParameterValueException",
        (
            "Specified ReservedConcurrentExecutions for function decreases account's "
            "UnreservedConcurrentExecution below its minimum value of [100]."
        ),
    ),
    # LS_TestLambdaReservedConcurrency::test_function_concurrency_exceptions
    (
        "concurrency-function-missing",
        "put_function_concurrency",
        {"FunctionName": "doesnotexist", "ReservedConcurrentExecutions": 1},
        404,
        "ResourceNotFoundException",
        f"Function not found: {FN}:doesnotexist:$LATEST",
    ),
    (
        "concurrency-qualified-arn",
        "put_function_concurrency",
        {"FunctionName": f"{FN}:f:1", "ReservedConcurrentExecutions": 1},
        400,
        "InvalidParameterValueException",
        (
            "This operation is permitted on Lambda functions only. Aliases and versions do not "
            "support this operation. Please specify either a function name or an unqualified "
            "function ARN."
        ),
    ),
]
