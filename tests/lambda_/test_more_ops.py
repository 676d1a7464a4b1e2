"""The remaining Lambda operations: InvokeAsync, InvokeWithResponseStream, the event
invoke config listing, code signing, provisioned concurrency, recursion and runtime
management configs, and the families answered as for an account without them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws
from pyserverless.lambda_._eventstream import CHUNK_BYTES

ARN = "arn:aws:lambda:us-east-1:123456789012:function:f"
PROFILE = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/abcdef1234"


def _code(err: Any) -> str:
    return str(err.value.response["Error"]["Code"])


def _message(err: Any) -> str:
    return str(err.value.response["Error"]["Message"])


@pytest.fixture
def seen() -> list[Any]:
    return []


@pytest.fixture
def lam(cloud: Cloud, seen: list[Any]) -> Any:
    def handler(event: Any, context: Any) -> Any:
        seen.append(event)
        if event.get("fail"):
            raise ValueError("asked to fail")
        return event.get("answer", {"ok": True})

    cloud.lambda_.create_function("f", handler=handler)
    return cloud.client("lambda")


@pytest.fixture
def b3(cloud: Cloud, lam: Any) -> Iterator[Any]:
    with mock_aws(cloud):
        yield boto3.client("lambda", region_name="us-east-1")


class TestEveryOperation:
    def test_no_unknown_operation(self, cloud: Cloud) -> None:
        """Every operation of botocore's Lambda model has a method (none answers 404)."""
        model = botocore.session.get_session().get_service_model("lambda")
        client = cloud.client("lambda")
        assert [op for op in model.operation_names if op not in client.operations] == []


class TestInvokeAsync:
    def test_queued(self, cloud: Cloud, lam: Any, seen: list[Any]) -> None:
        """InvokeAsync answers 202 and the event runs as an Event invocation."""
        out = lam.invoke_async(FunctionName="f", InvokeArgs=b'{"n": 1}')
        assert out["Status"] == 202
        cloud.advance(1)
        assert seen == [{"n": 1}]

    def test_over_the_wire(self, cloud: Cloud, b3: Any, seen: list[Any]) -> None:
        """boto3 gets HTTP 202 and Status 202."""
        out = b3.invoke_async(FunctionName="f", InvokeArgs=b'{"n": 2}')
        assert out["Status"] == 202
        assert out["ResponseMetadata"]["HTTPStatusCode"] == 202
        cloud.advance(1)
        assert seen == [{"n": 2}]

    def test_unknown_function(self, lam: Any) -> None:
        """An unknown function is ResourceNotFoundException."""
        with pytest.raises(ClientError) as err:
            lam.invoke_async(FunctionName="nope", InvokeArgs=b"{}")
        assert _code(err) == "ResourceNotFoundException"


class TestResponseStream:
    def test_events(self, lam: Any) -> None:
        """The answer arrives as PayloadChunk events, then InvokeComplete."""
        out = lam.invoke_with_response_stream(FunctionName="f", Payload=b'{"answer": [1, 2]}')
        assert out["StatusCode"] == 200
        assert out["ExecutedVersion"] == "$LATEST"
        events = list(out["EventStream"])
        assert events == [{"PayloadChunk": {"Payload": b"[1, 2]"}}, {"InvokeComplete": {}}]

    @pytest.mark.parametrize(("size", "chunks"), [(CHUNK_BYTES, 1), (CHUNK_BYTES + 1, 2)])
    def test_chunk_boundary(self, lam: Any, size: int, chunks: int) -> None:
        """An answer of CHUNK_BYTES bytes is one chunk; one byte more is two."""
        text = "x" * (size - 2)  # the answer is this string as JSON: two quotes more
        payload = json.dumps({"answer": text}).encode()
        out = lam.invoke_with_response_stream(FunctionName="f", Payload=payload)
        parts = [e["PayloadChunk"]["Payload"] for e in out["EventStream"] if "PayloadChunk" in e]
        assert len(parts) == chunks
        assert len(b"".join(parts)) == size
        assert json.loads(b"".join(parts)) == text

    def test_function_error(self, lam: Any) -> None:
        """A failed handler ends the stream with ErrorCode and ErrorDetails."""
        out = lam.invoke_with_response_stream(
            FunctionName="f", Payload=b'{"fail": true}', LogType="Tail"
        )
        (complete,) = [e["InvokeComplete"] for e in out["EventStream"]]
        assert complete["ErrorCode"] == "Unhandled"
        assert json.loads(complete["ErrorDetails"])["errorMessage"] == "asked to fail"
        assert "LogResult" in complete

    def test_dry_run(self, lam: Any, seen: list[Any]) -> None:
        """DryRun answers 204 and runs nothing."""
        out = lam.invoke_with_response_stream(FunctionName="f", InvocationType="DryRun")
        assert out["StatusCode"] == 204
        assert seen == []

    def test_over_the_wire(self, b3: Any) -> None:
        """botocore's event stream parser reads the framing the wire sends."""
        out = b3.invoke_with_response_stream(FunctionName="f", Payload=b'{"answer": "hi"}')
        assert out["ResponseStreamContentType"] == "application/vnd.amazon.eventstream"
        events = list(out["EventStream"])
        assert events[0] == {"PayloadChunk": {"Payload": b'"hi"'}}
        assert "InvokeComplete" in events[-1]
        failed = b3.invoke_with_response_stream(FunctionName="f", Payload=b'{"fail": true}')
        complete = list(failed["EventStream"])[-1]["InvokeComplete"]
        assert complete["ErrorCode"] == "Unhandled"

    def test_over_http(self, cloud: Cloud, lam: Any) -> None:
        """The same stream through ``serve``'s HTTP endpoint, parsed by botocore."""
        from pyserverless.adapters.http import Server

        with Server(cloud) as server:
            client = boto3.client(
                "lambda",
                region_name="us-east-1",
                endpoint_url=server.url,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )
            out = client.invoke_with_response_stream(
                FunctionName="f", Payload=b'{"answer": {"a": 1}}'
            )
            events = list(out["EventStream"])
        assert events == [{"PayloadChunk": {"Payload": b'{"a": 1}'}}, {"InvokeComplete": {}}]

    def test_tenant_refused(self, lam: Any) -> None:
        """TenantId (tenant isolation) is refused, not ignored."""
        with pytest.raises(ClientError) as err:
            lam.invoke_with_response_stream(FunctionName="f", TenantId="t1")
        assert _code(err) == "InvalidParameterValueException"


class TestEventInvokeConfigList:
    def test_lists_each_qualifier(self, lam: Any) -> None:
        """Configurations of $LATEST and a version, with qualified ARNs."""
        lam.publish_version(FunctionName="f")
        lam.put_function_event_invoke_config(FunctionName="f", MaximumRetryAttempts=1)
        lam.put_function_event_invoke_config(
            FunctionName="f", Qualifier="1", MaximumRetryAttempts=0
        )
        out = lam.list_function_event_invoke_configs(FunctionName="f")
        found = {
            c["FunctionArn"]: c["MaximumRetryAttempts"] for c in out["FunctionEventInvokeConfigs"]
        }
        assert found == {f"{ARN}:$LATEST": 1, f"{ARN}:1": 0}
        page = lam.list_function_event_invoke_configs(FunctionName="f", MaxItems=1)
        assert len(page["FunctionEventInvokeConfigs"]) == 1
        assert "NextMarker" in page

    def test_max_items_limit(self, lam: Any) -> None:
        """MaxItems is at most 50."""
        lam.list_function_event_invoke_configs(FunctionName="f", MaxItems=50)
        with pytest.raises(ClientError) as err:
            lam.list_function_event_invoke_configs(FunctionName="f", MaxItems=51)
        assert _code(err) == "ValidationException"


class TestCodeSigning:
    def _create(self, lam: Any, policy: str = "Warn") -> dict[str, Any]:
        out = lam.create_code_signing_config(
            AllowedPublishers={"SigningProfileVersionArns": [PROFILE]},
            CodeSigningPolicies={"UntrustedArtifactOnDeployment": policy},
            Description="d",
        )
        return dict(out["CodeSigningConfig"])

    def test_create_get_update_delete(self, lam: Any) -> None:
        """A configuration's life: shape, update, list, delete."""
        made = self._create(lam)
        assert made["CodeSigningConfigId"].startswith("csc-")
        assert len(made["CodeSigningConfigId"]) == 21
        assert made["CodeSigningConfigArn"].endswith(
            f":code-signing-config:{made['CodeSigningConfigId']}"
        )
        assert made["CodeSigningPolicies"] == {"UntrustedArtifactOnDeployment": "Warn"}
        arn = made["CodeSigningConfigArn"]
        assert lam.get_code_signing_config(CodeSigningConfigArn=arn)["CodeSigningConfig"] == made
        new = lam.update_code_signing_config(CodeSigningConfigArn=arn, Description="e")
        assert new["CodeSigningConfig"]["Description"] == "e"
        listed = lam.list_code_signing_configs()["CodeSigningConfigs"]
        assert [c["CodeSigningConfigArn"] for c in listed] == [arn]
        lam.delete_code_signing_config(CodeSigningConfigArn=arn)
        with pytest.raises(ClientError) as err:
            lam.get_code_signing_config(CodeSigningConfigArn=arn)
        assert _code(err) == "CodeSigningConfigNotFoundException"

    def test_attach_warn(self, lam: Any) -> None:
        """A Warn configuration attaches, lists its function, and blocks its deletion."""
        arn = self._create(lam)["CodeSigningConfigArn"]
        out = lam.put_function_code_signing_config(CodeSigningConfigArn=arn, FunctionName=ARN)
        assert out["FunctionName"] == "f"
        got = lam.get_function_code_signing_config(FunctionName="f")
        assert got["CodeSigningConfigArn"] == arn
        listed = lam.list_functions_by_code_signing_config(CodeSigningConfigArn=arn)
        assert listed["FunctionArns"] == [ARN]
        with pytest.raises(ClientError) as err:
            lam.delete_code_signing_config(CodeSigningConfigArn=arn)
        assert _code(err) == "ResourceConflictException"
        with pytest.raises(ClientError) as err:
            lam.update_code_signing_config(
                CodeSigningConfigArn=arn,
                CodeSigningPolicies={"UntrustedArtifactOnDeployment": "Enforce"},
            )
        assert _code(err) == "InvalidParameterValueException"
        lam.delete_function_code_signing_config(FunctionName="f")
        assert _no_csc(lam)
        lam.delete_code_signing_config(CodeSigningConfigArn=arn)

    def test_enforce_refused(self, lam: Any) -> None:
        """An Enforce configuration cannot be attached: no zip here is signed."""
        arn = self._create(lam, "Enforce")["CodeSigningConfigArn"]
        with pytest.raises(ClientError) as err:
            lam.put_function_code_signing_config(CodeSigningConfigArn=arn, FunctionName="f")
        assert _code(err) == "InvalidParameterValueException"
        assert _no_csc(lam)

    def test_bad_policy_enum(self, lam: Any) -> None:
        """An UntrustedArtifactOnDeployment outside Warn/Enforce is ValidationException."""
        with pytest.raises(ClientError) as err:
            self._create(lam, "Block")
        assert _code(err) == "ValidationException"


class TestProvisionedConcurrency:
    def _publish(self, lam: Any) -> None:
        lam.publish_version(FunctionName="f")
        lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")

    def test_ready(self, lam: Any) -> None:
        """A version's provisioned concurrency is READY (no state delay)."""
        self._publish(lam)
        out = lam.put_provisioned_concurrency_config(
            FunctionName="f", Qualifier="live", ProvisionedConcurrentExecutions=5
        )
        assert out["Status"] == "READY"
        assert out["AllocatedProvisionedConcurrentExecutions"] == 5
        got = lam.get_provisioned_concurrency_config(FunctionName="f", Qualifier="live")
        assert got["RequestedProvisionedConcurrentExecutions"] == 5
        listed = lam.list_provisioned_concurrency_configs(FunctionName="f")
        assert [c["FunctionArn"] for c in listed["ProvisionedConcurrencyConfigs"]] == [
            f"{ARN}:live"
        ]
        lam.delete_alias(FunctionName="f", Name="live")  # takes its provisioned config
        lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        with pytest.raises(ClientError) as err:
            lam.get_provisioned_concurrency_config(FunctionName="f", Qualifier="live")
        assert _code(err) == "ProvisionedConcurrencyConfigNotFoundException"

    def test_in_progress_on_the_clock(self, cloud: Cloud, lam: Any) -> None:
        """With a state delay, the allocation is IN_PROGRESS until the clock passes it."""
        self._publish(lam)
        engine = cloud.engine("lambda")
        engine.state_delay = 5.0
        out = lam.put_provisioned_concurrency_config(
            FunctionName="f", Qualifier="1", ProvisionedConcurrentExecutions=2
        )
        assert (out["Status"], out["AvailableProvisionedConcurrentExecutions"]) == (
            "IN_PROGRESS",
            0,
        )
        cloud.advance(4.9)
        assert (
            lam.get_provisioned_concurrency_config(FunctionName="f", Qualifier="1")["Status"]
            == "IN_PROGRESS"
        )
        cloud.advance(0.2)
        assert (
            lam.get_provisioned_concurrency_config(FunctionName="f", Qualifier="1")["Status"]
            == "READY"
        )

    def test_latest_refused(self, lam: Any) -> None:
        """$LATEST (or no published version) cannot be provisioned."""
        with pytest.raises(ClientError) as err:
            lam.put_provisioned_concurrency_config(
                FunctionName="f", Qualifier="$LATEST", ProvisionedConcurrentExecutions=1
            )
        assert _code(err) == "InvalidParameterValueException"

    def test_reserved_bound(self, lam: Any) -> None:
        """Provisioned may equal the reserved concurrency, not exceed it."""
        self._publish(lam)
        lam.put_function_concurrency(FunctionName="f", ReservedConcurrentExecutions=3)
        lam.put_provisioned_concurrency_config(
            FunctionName="f", Qualifier="1", ProvisionedConcurrentExecutions=3
        )
        lam.update_function_configuration(FunctionName="f", Description="second")
        lam.publish_version(FunctionName="f")  # version 2 (the alias names 1, provisioned)
        with pytest.raises(ClientError) as err:
            lam.put_provisioned_concurrency_config(
                FunctionName="f", Qualifier="2", ProvisionedConcurrentExecutions=1
            )
        assert _code(err) == "InvalidParameterValueException"

    def test_account_bound(self, lam: Any) -> None:
        """The account keeps 100 unprovisioned: 900 fits, 901 does not."""
        self._publish(lam)
        with pytest.raises(ClientError) as err:
            lam.put_provisioned_concurrency_config(
                FunctionName="f", Qualifier="1", ProvisionedConcurrentExecutions=901
            )
        assert _code(err) == "InvalidParameterValueException"
        lam.put_provisioned_concurrency_config(
            FunctionName="f", Qualifier="1", ProvisionedConcurrentExecutions=900
        )

    def test_deleted_version_releases(self, lam: Any) -> None:
        """A deleted version's provisioned concurrency no longer counts for the account."""
        self._publish(lam)
        lam.publish_version(FunctionName="f", Description="two")  # unchanged: still 1
        lam.update_function_configuration(FunctionName="f", Timeout=5)
        lam.publish_version(FunctionName="f")
        lam.put_provisioned_concurrency_config(
            FunctionName="f", Qualifier="2", ProvisionedConcurrentExecutions=900
        )
        with pytest.raises(ClientError):
            lam.put_provisioned_concurrency_config(
                FunctionName="f", Qualifier="1", ProvisionedConcurrentExecutions=1
            )
        lam.delete_function(FunctionName="f", Qualifier="2")
        lam.put_provisioned_concurrency_config(
            FunctionName="f", Qualifier="1", ProvisionedConcurrentExecutions=900
        )

    def test_minimum(self, lam: Any) -> None:
        """ProvisionedConcurrentExecutions is at least 1 (botocore refuses 0)."""
        self._publish(lam)
        with pytest.raises(Exception, match="ProvisionedConcurrentExecutions"):
            lam.put_provisioned_concurrency_config(
                FunctionName="f", Qualifier="1", ProvisionedConcurrentExecutions=0
            )


class TestRecursionAndRuntime:
    def test_recursion(self, lam: Any) -> None:
        """AWS's default is reported; a change is refused (loops are not detected here)."""
        assert lam.get_function_recursion_config(FunctionName="f")["RecursiveLoop"] == "Terminate"
        with pytest.raises(ClientError) as err:
            lam.put_function_recursion_config(FunctionName="f", RecursiveLoop="Allow")
        assert _code(err) == "InvalidParameterValueException"
        same = lam.put_function_recursion_config(FunctionName="f", RecursiveLoop="Terminate")
        assert same["RecursiveLoop"] == "Terminate"  # the default: no change to refuse
        with pytest.raises(ClientError) as err:
            lam.put_function_recursion_config(FunctionName="f", RecursiveLoop="Sometimes")
        assert _code(err) == "ValidationException"
        with pytest.raises(ClientError) as err:
            lam.get_function_recursion_config(FunctionName="nope")
        assert _code(err) == "ResourceNotFoundException"

    def test_runtime_management(self, lam: Any) -> None:
        """Auto by default; Manual needs a runtime version ARN, the others refuse one."""
        got = lam.get_runtime_management_config(FunctionName="f")
        assert (got["UpdateRuntimeOn"], got["FunctionArn"]) == ("Auto", f"{ARN}:$LATEST")
        with pytest.raises(ClientError) as err:
            lam.put_runtime_management_config(FunctionName="f", UpdateRuntimeOn="Manual")
        assert _code(err) == "InvalidParameterValueException"
        version = "arn:aws:lambda:us-east-1::runtime:abc123"
        with pytest.raises(ClientError):
            lam.put_runtime_management_config(
                FunctionName="f", UpdateRuntimeOn="Auto", RuntimeVersionArn=version
            )
        out = lam.put_runtime_management_config(
            FunctionName="f", UpdateRuntimeOn="Manual", RuntimeVersionArn=version
        )
        assert out["RuntimeVersionArn"] == version
        assert lam.get_runtime_management_config(FunctionName="f")["UpdateRuntimeOn"] == "Manual"


class TestAbsentFamilies:
    def test_capacity_providers(self, lam: Any) -> None:
        """No capacity providers: empty list, 404 by name, creation refused."""
        assert lam.list_capacity_providers()["CapacityProviders"] == []
        with pytest.raises(ClientError) as err:
            lam.get_capacity_provider(CapacityProviderName="pool")
        assert _code(err) == "ResourceNotFoundException"
        with pytest.raises(ClientError) as err:
            lam.create_capacity_provider(
                CapacityProviderName="pool",
                VpcConfig={"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]},
                PermissionsConfig={
                    "CapacityProviderOperatorRoleArn": "arn:aws:iam::123456789012:role/r"
                },
            )
        assert _code(err) == "InvalidParameterValueException"

    def test_scaling_config(self, lam: Any) -> None:
        """A function's scaling config: 404 for an unknown function, refused otherwise."""
        lam.publish_version(FunctionName="f")
        with pytest.raises(ClientError) as err:
            lam.get_function_scaling_config(FunctionName="nope", Qualifier="1")
        assert _code(err) == "ResourceNotFoundException"
        with pytest.raises(ClientError) as err:
            lam.get_function_scaling_config(FunctionName="f", Qualifier="1")
        assert _code(err) == "InvalidParameterValueException"

    def test_durable_executions(self, lam: Any) -> None:
        """No durable executions: 404 by ARN, an empty list for a function."""
        arn = f"{ARN}:$LATEST/durable-execution/run-1/abc"
        with pytest.raises(ClientError) as err:
            lam.get_durable_execution(DurableExecutionArn=arn)
        assert _code(err) in ("ResourceNotFoundException", "ValidationException")
        assert lam.list_durable_executions_by_function(FunctionName="f")["DurableExecutions"] == []
        with pytest.raises(ClientError) as err:
            lam.list_durable_executions_by_function(FunctionName="nope")
        assert _code(err) == "ResourceNotFoundException"
        with pytest.raises(ClientError) as err:
            lam.send_durable_execution_callback_heartbeat(CallbackId="cb")
        assert _code(err) == "ResourceNotFoundException"


class TestResponseShapes:
    def test_answers_fit_botocore_output_shapes(self, cloud: Cloud, lam: Any) -> None:
        """Each new operation's answer passes botocore's validator for its output shape."""
        from botocore.validate import ParamValidator

        from .conftest import make_zip

        model = botocore.session.get_session().get_service_model("lambda")
        lam.publish_version(FunctionName="f")
        lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        lam.publish_layer_version(LayerName="lib", Content={"ZipFile": make_zip({"a.py": ""})})
        calls: list[tuple[str, dict[str, Any]]] = [
            ("AddPermission", {"FunctionName": "f", "StatementId": "a",
                               "Action": "lambda:InvokeFunction", "Principal": "*"}),
            ("GetPolicy", {"FunctionName": "f"}),
            ("CreateFunctionUrlConfig", {"FunctionName": "f", "AuthType": "NONE",
                                         "Cors": {"AllowOrigins": ["*"], "MaxAge": 5}}),
            ("GetFunctionUrlConfig", {"FunctionName": "f"}),
            ("UpdateFunctionUrlConfig", {"FunctionName": "f", "AuthType": "AWS_IAM"}),
            ("ListFunctionUrlConfigs", {"FunctionName": "f"}),
            ("AddLayerVersionPermission", {"LayerName": "lib", "VersionNumber": 1,
                                           "StatementId": "s", "Action": "lambda:GetLayerVersion",
                                           "Principal": "*"}),
            ("GetLayerVersionPolicy", {"LayerName": "lib", "VersionNumber": 1}),
            ("GetResourcePolicy", {"ResourceArn": ARN}),
            ("CreateCodeSigningConfig",
             {"AllowedPublishers": {"SigningProfileVersionArns": [PROFILE]}}),
            ("ListCodeSigningConfigs", {}),
            ("PutProvisionedConcurrencyConfig", {"FunctionName": "f", "Qualifier": "live",
                                                 "ProvisionedConcurrentExecutions": 1}),
            ("GetProvisionedConcurrencyConfig", {"FunctionName": "f", "Qualifier": "live"}),
            ("ListProvisionedConcurrencyConfigs", {"FunctionName": "f"}),
            ("GetRuntimeManagementConfig", {"FunctionName": "f"}),
            ("GetFunctionRecursionConfig", {"FunctionName": "f"}),
            ("ListFunctionEventInvokeConfigs", {"FunctionName": "f"}),
            ("InvokeAsync", {"FunctionName": "f", "InvokeArgs": b"{}"}),
        ]  # fmt: skip
        validator = ParamValidator()
        for name, params in calls:
            out = lam.dispatch(name, params)
            out.pop("ResponseMetadata", None)
            report = validator.validate(out, model.operation_model(name).output_shape)
            assert not report.has_errors(), (name, report.generate_report())


def _no_csc(lam: Any) -> bool:
    """GetFunctionCodeSigningConfig of a function without one: AWS answers nothing at all
    (localstack's AWS-recorded test_code_signing_not_found_excs), whatever the model's
    required members say."""
    out = lam.get_function_code_signing_config(FunctionName="f")
    out.pop("ResponseMetadata", None)
    return bool(out == {})
