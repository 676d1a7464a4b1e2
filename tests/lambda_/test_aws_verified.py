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

import base64
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws

from ._verified_refused import APP, FN, LAYER, REFUSED_FIRST
from ._verified_refused_last import REFUSED_LAST
from ._verified_refused_more import REFUSED_MORE
from .conftest import ROLE, make_zip

REFUSED = [*REFUSED_FIRST, *REFUSED_MORE, *REFUSED_LAST]
LIB = make_zip({"python/lib.py": "X = 1\n"})


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
        for layer in ("lib", "lib", "bare", *(f"l{i}" for i in range(6))):
            client.publish_layer_version(LayerName=layer, Content={"ZipFile": LIB})
        client.add_layer_version_permission(
            LayerName="lib",
            VersionNumber=1,
            StatementId="s1",
            Action="lambda:GetLayerVersion",
            Principal="*",
        )
        lam.advance(5)
        yield client


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
        boto.get_layer_version_policy(LayerName="lib", VersionNumber=1)["Policy"],
        [v["Version"] for v in boto.list_layer_versions(LayerName="lib")["LayerVersions"]],
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


def _version_policy(boto: Any) -> list[str]:
    """GetPolicy of a version the function's policy does not cover, then the Resource of a
    statement added to that version."""
    try:
        boto.get_policy(FunctionName="f", Qualifier="2")
        first = "found"
    except ClientError as exc:
        first = str(exc.response["Error"]["Message"])
    added = boto.add_permission(
        FunctionName="f",
        Qualifier="2",
        StatementId="s3",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
    )
    return [first, json.loads(added["Statement"])["Resource"]]


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
    # LS_TestLambdaLayer::test_layer_exceptions / test_layer_lifecycle
    (
        "layer-publish-empty-lists",
        lambda b: [
            b.publish_layer_version(LayerName="empty", Content={"ZipFile": LIB})[k]
            for k in ("CompatibleArchitectures", "CompatibleRuntimes")
        ],
        [[], []],
    ),
    (
        "layer-versions-none",
        lambda b: b.list_layer_versions(LayerName="nolayer")["LayerVersions"],
        [],
    ),
    (
        "layer-versions-newest-first",
        lambda b: (
            b.publish_layer_version(LayerName="lib", Content={"ZipFile": LIB}),
            [v["Version"] for v in b.list_layer_versions(LayerName="lib")["LayerVersions"]],
        )[1],
        [3, 2, 1],
    ),
    (
        "layer-delete-missing",
        lambda b: [
            b.delete_layer_version(LayerName=n, VersionNumber=v)["ResponseMetadata"][
                "HTTPStatusCode"
            ]
            for n, v in (("nolayer", 1), ("lib", 7))
        ],
        [204, 204],
    ),
    # LS_TestLambdaLayer::test_layer_policy_lifecycle
    (
        "layer-policy-document",
        lambda b: json.loads(
            b.get_layer_version_policy(LayerName="lib", VersionNumber=1)["Policy"]
        ),
        {
            "Version": "2012-10-17",
            "Id": "default",
            "Statement": [
                {
                    "Sid": "s1",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "lambda:GetLayerVersion",
                    "Resource": f"{LAYER}:lib:1",
                }
            ],
        },
    ),
    # LS_TestLambdaPermissions::test_add_lambda_permission_fields: the statement's text
    (
        "permission-statement-fields",
        lambda b: b.add_permission(
            FunctionName="g",
            StatementId="urlPermission",
            Action="lambda:InvokeFunctionUrl",
            Principal="*",
            SourceArn="arn:aws:s3:::b",
            SourceAccount="123456789012",
            PrincipalOrgID="o-1234567890",
            FunctionUrlAuthType="NONE",
        )["Statement"],
        (
            '{"Sid":"urlPermission","Effect":"Allow","Principal":"*",'
            f'"Action":"lambda:InvokeFunctionUrl","Resource":"{FN}:g","Condition":'
            '{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE","aws:PrincipalOrgID":'
            '"o-1234567890","AWS:SourceAccount":"123456789012"},"ArnLike":'
            '{"AWS:SourceArn":"arn:aws:s3:::b"}}}'
        ),
    ),
    (
        "permission-account-principal",
        lambda b: json.loads(
            b.add_permission(
                FunctionName="g",
                StatementId="account-id",
                Action="lambda:InvokeFunction",
                Principal="123456789012",
            )["Statement"]
        )["Principal"],
        {"AWS": "arn:aws:iam::123456789012:root"},
    ),
    # LS_TestLambdaPermissions::test_lambda_permission_fn_versioning: a version starts
    # without the function's policy; a statement on it names the version
    (
        "permission-new-version",
        lambda b: _version_policy(b),
        ["The resource you requested does not exist.", f"{FN}:f:2"],
    ),
    # LS_TestLambdaAlias::test_alias_naming: a date-like name is an alias's
    (
        "alias-date-name",
        lambda b: b.create_alias(FunctionName="f", Name="2024-01-02", FunctionVersion="1")[
            "AliasArn"
        ],
        f"{FN}:f:2024-01-02",
    ),
    # LS_TestLambdaFunction::test_function_arns: a 64-character name is taken
    (
        "create-name-64",
        lambda b: _create(b, "a" * 64)["FunctionName"],
        "a" * 64,
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


def test_layer_without_version(boto: Any) -> None:
    """A Layers entry that is not a layer version's ARN is the list's ValidationException in
    AWS's form (the whole list, every constraint of the member;
    LS_TestLambdaLayer::test_layer_function_exceptions), with today's model values."""
    with pytest.raises(ClientError) as caught:
        boto.update_function_configuration(FunctionName="f", Layers=[f"{LAYER}:lib"])
    error = caught.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert error["Message"].startswith(
        f"1 validation error detected: Value '[{LAYER}:lib]' at 'layers' failed to satisfy "
        "constraint: Member must satisfy constraint: [Member must have length less than or "
        "equal to 2048, Member must have length greater than or equal to 1, Member must "
        "satisfy regular expression pattern: "
    )
    assert error["Message"].endswith(", Member must not be null]")
    assert "Layers" not in boto.get_function(FunctionName="f")["Configuration"]


def test_stream_mapping_needs_a_starting_position(boto: Any, lam: Cloud) -> None:
    """A DynamoDB stream mapping without StartingPosition is InvalidParameterValueException
    in the validation sentence, final period included
    (LS_TestLambdaEventSourceMappings::test_create_event_source_validation); with one it
    is made (the other side)."""
    table = lam.client("dynamodb").create_table(
        TableName="tbl",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )
    stream = table["TableDescription"]["LatestStreamArn"]
    with pytest.raises(ClientError) as caught:
        boto.create_event_source_mapping(FunctionName="f", EventSourceArn=stream)
    error = caught.value.response["Error"]
    assert (error["Code"], error["Message"]) == (
        "InvalidParameterValueException",
        (
            "1 validation error detected: Value null at 'startingPosition' failed to satisfy "
            "constraint: Member must not be null."
        ),
    )
    assert boto.list_event_source_mappings()["EventSourceMappings"] == []
    made = boto.create_event_source_mapping(
        FunctionName="f", EventSourceArn=stream, StartingPosition="LATEST"
    )
    assert made["EventSourceArn"] == stream


def test_invoke_answer_and_log_tail(boto: Any) -> None:
    """Invoke of a handler that prints its event and returns None: status 200, payload
    ``null``, ExecutedVersion, and the tail's START/END/REPORT lines in AWS's layout
    (LS_test_lambda.snapshot.json: TestLambdaBehavior::test_lambda_invoke_no_timeout,
    TestLambdaFeatures::test_invocation_with_logs[python3.10], recorded 2025-11)."""
    source = "def handler(event, context):\n    print(event)\n"
    boto.create_function(
        FunctionName="printer",
        Runtime="python3.12",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": make_zip({"app.py": source})},
    )
    out = boto.invoke(FunctionName="printer", Payload=b"{}", LogType="Tail")
    assert (out["StatusCode"], out["ExecutedVersion"], out["Payload"].read()) == (
        200,
        "$LATEST",
        b"null",
    )
    lines = base64.b64decode(out["LogResult"]).decode().splitlines(keepends=True)
    rid = out["ResponseMetadata"]["RequestId"]
    assert lines[:3] == [
        f"START RequestId: {rid} Version: $LATEST\n",
        "{}\n",
        f"END RequestId: {rid}\n",
    ]
    assert re.fullmatch(
        rf"REPORT RequestId: {rid}\tDuration: [0-9.]+ ms\tBilled Duration: \d+ ms\t"
        r"Memory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [0-9.]+ ms\t\n",
        lines[3],
    )
