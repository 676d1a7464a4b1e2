"""Lambda's answers checked against answers recorded from AWS itself.

One row per expectation: the request, AWS's answer and, in a comment, where AWS's answer
was recorded. Sources:

* MOTO_LIST: getmoto/moto tests/test_awslambda/test_lambda.py::test_list_functions
  (``@pytest.mark.aws_verified``, run against AWS).
* LS_<test>: localstack/localstack tests/aws/services/lambda_/test_lambda_api.py, whose
  snapshots (test_lambda_api.snapshot.json) are recorded against AWS (2022-2024);
  ``<test>`` names the TestLambda* method.
* DOC_LIST: the ListFunctions API reference ("returns a subset of the
  FunctionConfiguration fields ... State ... RuntimeVersionConfig ... use GetFunction").

Every call goes through boto3 on the bridge with botocore's own parameter checks off, so
that the server's checks (the ones AWS answers) are what is tested.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws

from .conftest import ROLE, make_zip

APP = make_zip({"app.py": "def handler(event, context):\n    return event\n"})
FN = "arn:aws:lambda:us-east-1:123456789012:function"


def _create(client: Any, name: str) -> dict[str, Any]:
    out: dict[str, Any] = client.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": APP},
    )
    return out


@pytest.fixture
def boto(lam: Cloud) -> Iterator[Any]:
    """A boto3 client on the bridge: function ``f`` with versions 1 and 2 and alias
    ``live`` (-> 1); function ``g`` with nothing else."""
    with mock_aws(lam):
        client = boto3.client(
            "lambda",
            region_name="us-east-1",
            aws_access_key_id="k",
            aws_secret_access_key="s",
            config=Config(parameter_validation=False),
        )
        _create(client, "f")
        lam.advance(5)
        client.publish_version(FunctionName="f", Description="v1")
        client.update_function_configuration(FunctionName="f", Description="next")
        lam.advance(5)
        client.publish_version(FunctionName="f")
        client.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        _create(client, "g")
        client.add_permission(
            FunctionName="f",
            StatementId="s3",
            Action="lambda:InvokeFunction",
            Principal="s3.amazonaws.com",
        )
        client.create_function_url_config(FunctionName="f", AuthType="NONE")
        client.put_provisioned_concurrency_config(
            FunctionName="f", Qualifier="1", ProvisionedConcurrentExecutions=1
        )
        lam.client("sqs").create_queue(QueueName="q")
        lam.advance(5)
        yield client


# -- refused requests: (operation, parameters, HTTP status, code, message) --------------
REFUSED: list[tuple[str, str, dict[str, Any], int, str, str]] = [
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


@pytest.mark.parametrize(
    ("operation", "params", "status", "code", "message"),
    [row[1:] for row in REFUSED],
    ids=[row[0] for row in REFUSED],
)
def test_refused_as_aws_answers(
    boto: Any, operation: str, params: dict[str, Any], status: int, code: str, message: str
) -> None:
    sha = boto.get_function(FunctionName="f")["Configuration"]["CodeSha256"]
    before = _state(boto)
    with pytest.raises(ClientError) as caught:
        getattr(boto, operation)(**params)
    answer = caught.value.response
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == status
    assert answer["Error"]["Code"] == code
    assert answer["Error"]["Message"] == message.replace("{sha}", sha)
    assert _state(boto) == before  # a refused request changes nothing


def _state(boto: Any) -> Any:
    """What the refused requests above could have changed."""
    return (
        [a["Name"] for a in boto.list_aliases(FunctionName="f")["Aliases"]],
        [v["Version"] for v in boto.list_versions_by_function(FunctionName="f")["Versions"]],
        [
            c["FunctionArn"]
            for fn in ("f", "g")
            for c in boto.list_function_event_invoke_configs(FunctionName=fn)[
                "FunctionEventInvokeConfigs"
            ]
        ],
        [
            boto.get_function_concurrency(FunctionName=fn).get("ReservedConcurrentExecutions")
            for fn in ("f", "g")
        ],
        boto.list_tags(Resource=f"{FN}:f")["Tags"],
        boto.get_policy(FunctionName="f")["Policy"],
        boto.get_function_url_config(FunctionName="f")["AuthType"],
        boto.list_event_source_mappings()["EventSourceMappings"],
        boto.list_provisioned_concurrency_configs(FunctionName="f")[
            "ProvisionedConcurrencyConfigs"
        ],
    )


STATE = {
    "State",
    "StateReason",
    "StateReasonCode",
    "LastUpdateStatus",
    "LastUpdateStatusReason",
    "LastUpdateStatusReasonCode",
    "RuntimeVersionConfig",
}


# -- accepted requests: what AWS answers -------------------------------------------------
def _listed(boto: Any, **params: Any) -> list[dict[str, Any]]:
    return [f for f in boto.list_functions(**params)["Functions"] if f["FunctionName"] == "f"]


def _tag_after_50(boto: Any) -> str:
    """A 51st tag on a function holding 50 is refused (the message is returned)."""
    boto.tag_resource(Resource=f"{FN}:g", Tags={f"{i}_key": "v" for i in range(50)})
    try:
        boto.tag_resource(Resource=f"{FN}:g", Tags={"one_more": "v"})
    except ClientError as exc:
        return str(exc.response["Error"]["Message"])
    return "accepted"


def _eic(boto: Any, **params: Any) -> dict[str, Any]:
    out = boto.put_function_event_invoke_config(**params)
    return {k: v for k, v in out.items() if k not in ("ResponseMetadata", "LastModified")}


ACCEPTED: list[tuple[str, Callable[[Any], Any], Any]] = [
    # MOTO_LIST: one entry per function by default, PackageType Zip
    (
        "list-latest-only",
        lambda b: [(f["Version"], f["PackageType"]) for f in _listed(b)],
        [("$LATEST", "Zip")],
    ),
    # MOTO_LIST: ALL lists $LATEST with a qualified ARN, then the versions with theirs
    (
        "list-all-arns",
        lambda b: [(f["Version"], f["FunctionArn"]) for f in _listed(b, FunctionVersion="ALL")],
        [("$LATEST", f"{FN}:f:$LATEST"), ("1", f"{FN}:f:1"), ("2", f"{FN}:f:2")],
    ),
    # MOTO_LIST: a version keeps PublishVersion's Description
    (
        "list-all-description",
        lambda b: [f["Description"] for f in _listed(b, FunctionVersion="ALL")][1],
        "v1",
    ),
    # DOC_LIST: no state fields in a listing
    (
        "list-no-state",
        lambda b: sorted({k for f in _listed(b, FunctionVersion="ALL") for k in f} & STATE),
        [],
    ),
    # LS_TestLambdaVersions::test_version_lifecycle: nor in ListVersionsByFunction
    (
        "versions-no-state",
        lambda b: sorted(
            {k for v in b.list_versions_by_function(FunctionName="f")["Versions"] for k in v}
            & STATE
        ),
        [],
    ),
    # LS_TestLambdaVersions::test_version_lifecycle: ListVersionsByFunction's ARNs
    (
        "versions-arns",
        lambda b: [
            v["FunctionArn"] for v in b.list_versions_by_function(FunctionName="f")["Versions"]
        ],
        [f"{FN}:f:$LATEST", f"{FN}:f:1", f"{FN}:f:2"],
    ),
    # LS_TestLambdaFunction::test_function_lifecycle: GetFunction has them
    (
        "get-function-state",
        lambda b: sorted(set(b.get_function(FunctionName="f")["Configuration"]) & STATE),
        ["LastUpdateStatus", "RuntimeVersionConfig", "State"],
    ),
    # LS_TestLambdaVersions::test_publish_with_update: GetFunction names its qualifier
    (
        "get-function-latest-arn",
        lambda b: b.get_function(FunctionName="f", Qualifier="$LATEST")["Configuration"][
            "FunctionArn"
        ],
        f"{FN}:f:$LATEST",
    ),
    (
        "get-function-unqualified-arn",
        lambda b: b.get_function(FunctionName="f")["Configuration"]["FunctionArn"],
        f"{FN}:f",
    ),
    (
        "get-function-version-arn",
        lambda b: b.get_function(FunctionName="f:1")["Configuration"]["FunctionArn"],
        f"{FN}:f:1",
    ),
    # LS_TestLambdaAlias::test_alias_lifecycle: through an alias, its ARN and its version
    (
        "get-function-alias-arn",
        lambda b: [
            b.get_function(FunctionName="f", Qualifier="live")["Configuration"][k]
            for k in ("FunctionArn", "Version")
        ],
        [f"{FN}:f:live", "1"],
    ),
    # LS_TestLambdaVersions::test_version_lifecycle: publishing nothing new returns the last
    ("publish-unchanged", lambda b: b.publish_version(FunctionName="f")["Version"], "2"),
    # LS_TestLambdaAlias::test_notfound_and_invalid_routingconfigs: an empty RoutingConfig
    (
        "alias-empty-routing",
        lambda b: (
            "RoutingConfig"
            in b.create_alias(FunctionName="f", Name="e", FunctionVersion="1", RoutingConfig={})
        ),
        False,
    ),
    # ... and a weight of 0.5 to another version (the last accepted side of the weights)
    (
        "alias-routing-accepted",
        lambda b: b.create_alias(
            FunctionName="f",
            Name="c",
            FunctionVersion="1",
            RoutingConfig={"AdditionalVersionWeights": {"2": 1.0}},
        )["RoutingConfig"],
        {"AdditionalVersionWeights": {"2": 1.0}},
    ),
    # LS_TestLambdaEventInvokeConfig: the answer holds what was given, destinations empty
    (
        "eic-put-retry-only",
        lambda b: _eic(b, FunctionName="f", MaximumRetryAttempts=1),
        {
            "FunctionArn": f"{FN}:f:$LATEST",
            "MaximumRetryAttempts": 1,
            "DestinationConfig": {"OnSuccess": {}, "OnFailure": {}},
        },
    ),
    (
        "eic-put-empty-destination",
        lambda b: _eic(b, FunctionName="f", DestinationConfig={"OnSuccess": {}}),
        {"FunctionArn": f"{FN}:f:$LATEST", "DestinationConfig": {"OnSuccess": {}, "OnFailure": {}}},
    ),
    (
        "eic-put-limits",
        lambda b: _eic(b, FunctionName="f", MaximumRetryAttempts=2, MaximumEventAgeInSeconds=21600),
        {
            "FunctionArn": f"{FN}:f:$LATEST",
            "MaximumRetryAttempts": 2,
            "MaximumEventAgeInSeconds": 21600,
            "DestinationConfig": {"OnSuccess": {}, "OnFailure": {}},
        },
    ),
    (
        "eic-put-alias-shorthand",
        lambda b: _eic(b, FunctionName="f:live", Qualifier="live", MaximumRetryAttempts=1)[
            "FunctionArn"
        ],
        f"{FN}:f:live",
    ),
    (
        "eic-put-other-function",
        lambda b: _eic(
            b, FunctionName="f", DestinationConfig={"OnSuccess": {"Destination": f"{FN}:g"}}
        )["DestinationConfig"],
        {"OnSuccess": {"Destination": f"{FN}:g"}, "OnFailure": {}},
    ),
    (
        "eic-update-keeps",
        lambda b: (
            _eic(b, FunctionName="f", MaximumRetryAttempts=2, MaximumEventAgeInSeconds=60),
            {
                k: v
                for k, v in b.update_function_event_invoke_config(
                    FunctionName="f", MaximumRetryAttempts=0
                ).items()
                if k.startswith("Maximum")
            },
        )[1],
        {"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60},
    ),
    (
        "eic-put-replaces",
        lambda b: (
            _eic(b, FunctionName="f", MaximumRetryAttempts=2, MaximumEventAgeInSeconds=60),
            sorted(
                k for k in _eic(b, FunctionName="f", MaximumRetryAttempts=0) if k.startswith("Max")
            ),
        )[1],
        ["MaximumRetryAttempts"],
    ),
    # LS_TestLambdaTags::test_tag_lifecycle / test_tag_exceptions / test_tag_limits
    ("tags-none", lambda b: b.list_tags(Resource=f"{FN}:g")["Tags"], {}),
    (
        "untag-no-match",
        lambda b: b.untag_resource(Resource=f"{FN}:g", TagKeys=["nomatch"])["ResponseMetadata"][
            "HTTPStatusCode"
        ],
        204,
    ),
    (
        "tag-50",
        lambda b: (
            b.tag_resource(Resource=f"{FN}:g", Tags={f"{i}_key": f"{i}_value" for i in range(50)}),
            len(b.list_tags(Resource=f"{FN}:g")["Tags"]),
        )[1],
        50,
    ),
    ("tag-50-then-one", lambda b: _tag_after_50(b), "Number of tags exceeds resource tag limit."),
    # LS_TestLambdaUrl::test_url_config_lifecycle: InvokeMode only where it was set
    (
        "url-create-answer",
        lambda b: sorted(
            k
            for k in b.create_function_url_config(FunctionName="g", AuthType="NONE")
            if k != "ResponseMetadata"
        ),
        ["AuthType", "CreationTime", "FunctionArn", "FunctionUrl"],
    ),
    (
        "url-get-answer",
        lambda b: b.get_function_url_config(FunctionName="f")["InvokeMode"],
        "BUFFERED",
    ),
    (
        "url-update-answer",
        lambda b: sorted(
            k
            for k in b.update_function_url_config(FunctionName="f", AuthType="AWS_IAM")
            if k != "ResponseMetadata"
        ),
        ["AuthType", "CreationTime", "FunctionArn", "FunctionUrl", "LastModifiedTime"],
    ),
    # LS_TestCodeSigningConfig::test_code_signing_not_found_excs: none attached, no members
    (
        "csc-none",
        lambda b: sorted(b.get_function_code_signing_config(FunctionName="g")),
        ["ResponseMetadata"],
    ),
    # LS_TestLambdaProvisionedConcurrency::test_provisioned_concurrency_exceptions
    (
        "pc-list-none",
        lambda b: b.list_provisioned_concurrency_configs(FunctionName="g")[
            "ProvisionedConcurrencyConfigs"
        ],
        [],
    ),
    (
        "pc-delete-none",
        lambda b: b.delete_provisioned_concurrency_config(FunctionName="f", Qualifier="2")[
            "ResponseMetadata"
        ]["HTTPStatusCode"],
        204,
    ),
    # LS_TestLambdaAccountSettings::test_account_settings
    (
        "account-settings",
        lambda b: [
            sorted(v) for k, v in b.get_account_settings().items() if k != "ResponseMetadata"
        ],
        [
            [
                "CodeSizeUnzipped",
                "CodeSizeZipped",
                "ConcurrentExecutions",
                "TotalCodeSize",
                "UnreservedConcurrentExecutions",
            ],
            ["FunctionCount", "TotalCodeSize"],
        ],
    ),
    # LS_TestLambdaReservedConcurrency::test_function_concurrency
    (
        "concurrency-zero",
        lambda b: b.put_function_concurrency(FunctionName="f", ReservedConcurrentExecutions=0)[
            "ReservedConcurrentExecutions"
        ],
        0,
    ),
]


@pytest.mark.parametrize(
    ("call", "expected"), [row[1:] for row in ACCEPTED], ids=[row[0] for row in ACCEPTED]
)
def test_accepted_as_aws_answers(boto: Any, call: Callable[[Any], Any], expected: Any) -> None:
    assert call(boto) == expected


def test_routing_weight_on_update_alias(boto: Any) -> None:
    """UpdateAlias words an out-of-range weight as CreateAlias does (the same model)."""
    with pytest.raises(ClientError) as caught:
        boto.update_alias(
            FunctionName="f", Name="live", RoutingConfig={"AdditionalVersionWeights": {"2": 1.5}}
        )
    assert "Value '{2=1.5}'" in caught.value.response["Error"]["Message"]
    assert boto.get_alias(FunctionName="f", Name="live").get("RoutingConfig") is None


@pytest.mark.parametrize("operation", ["create_function", "update_function_configuration"])
@pytest.mark.parametrize("runtime", ["non-existent-runtime", "PYTHON3.9"])
def test_unknown_runtime(boto: Any, operation: str, runtime: str) -> None:
    """A runtime Lambda does not know is InvalidParameterValueException naming the runtimes
    it takes "or be a valid ARN" (LS_TestLambdaFunction::test_create_lambda_exceptions,
    test_update_lambda_exceptions); AWS's list changes with its runtimes, so only the
    text around it is compared, and python3.12 must be in it."""
    params: dict[str, Any] = {"FunctionName": "f", "Runtime": runtime}
    if operation == "create_function":
        params.update(FunctionName="x", Role=ROLE, Handler="app.handler", Code={"ZipFile": APP})
    with pytest.raises(ClientError) as caught:
        getattr(boto, operation)(**params)
    error = caught.value.response["Error"]
    assert error["Code"] == "InvalidParameterValueException"
    head = f"Value {runtime} at 'runtime' failed to satisfy constraint: Member must satisfy "
    assert error["Message"].startswith(head + "enum value set: [")
    assert error["Message"].endswith("] or be a valid ARN")
    assert "python3.12" in error["Message"]
    assert boto.get_function(FunctionName="f")["Configuration"]["Runtime"] == "python3.12"


def test_version_under_provisioned_alias(boto: Any) -> None:
    """A version an alias with provisioned concurrency points at cannot get its own
    (LS_TestLambdaProvisionedConcurrency::test_lambda_provisioned_lifecycle); the alias's
    own configuration is accepted first (the other side)."""
    boto.create_alias(FunctionName="f", Name="two", FunctionVersion="2")
    put = boto.put_provisioned_concurrency_config(
        FunctionName="f", Qualifier="two", ProvisionedConcurrentExecutions=1
    )
    assert put["RequestedProvisionedConcurrentExecutions"] == 1
    with pytest.raises(ClientError) as caught:
        boto.put_provisioned_concurrency_config(
            FunctionName="f", Qualifier="2", ProvisionedConcurrentExecutions=1
        )
    error = caught.value.response["Error"]
    assert (error["Code"], error["Message"]) == (
        "ResourceConflictException",
        "Version is pointed by a Provisioned Concurrency alias",
    )
    listed = boto.list_provisioned_concurrency_configs(FunctionName="f")
    assert sorted(c["FunctionArn"] for c in listed["ProvisionedConcurrencyConfigs"]) == [
        f"{FN}:f:1",
        f"{FN}:f:two",
    ]
