"""Lambda's answers as AWS gives them today (issue 22): each compared with a recorded
shape of tests/lambda_/lambda-shapes.md, through boto3 on the bridge where it matters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.session
import pytest

from pyserverless import Cloud, ManualClock, mock_aws
from pyserverless.lambda_ import (
    InvalidParameterValueException,
    ResourceConflictException,
    ResourceNotFoundException,
    ValidationException,
)
from pyserverless.lambda_._validate import FUNCTION_REF_TEXT, NAMESPACED_REF_TEXT

from .conftest import LAMBDA_TRUST, ROLE, lambda_role, make_zip

APP = make_zip({"app.py": "def handler(event, context):\n    return event\n"})
MODEL = botocore.session.get_session().get_service_model("lambda")
RUNTIME_ARN = re.compile(r"^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$")


def create(client: Any, name: str = "f", **extra: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "FunctionName": name,
        "Runtime": "python3.12",
        "Role": ROLE,
        "Handler": "app.handler",
        "Code": {"ZipFile": APP},
    }
    params.update(extra)
    out: dict[str, Any] = client.create_function(**params)
    return out


@pytest.fixture
def boto(lam: Cloud) -> Iterator[Any]:
    """A real boto3 Lambda client on the bridge (errors parsed by botocore from the wire)."""
    with mock_aws(lam):
        yield boto3.client(
            "lambda", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
        )


class TestValidation:
    def test_patterns_are_the_models(self) -> None:
        """The texts in the messages are botocore's current patterns (eusc- included)."""
        shapes = MODEL.shape_for("NamespacedFunctionName"), MODEL.shape_for("FunctionName")
        assert shapes[0].metadata["pattern"] == NAMESPACED_REF_TEXT
        assert shapes[1].metadata["pattern"] == FUNCTION_REF_TEXT
        assert "(eusc-)?" in NAMESPACED_REF_TEXT

    def test_namespaced_name_admits_dots(self, lam: Cloud) -> None:
        """GetFunction takes a dotted name (not found), UpdateFunctionCode refuses it."""
        client = lam.client("lambda")
        with pytest.raises(ResourceNotFoundException):
            client.get_function(FunctionName="a.b")
        with pytest.raises(ValidationException) as err:
            client.update_function_code(FunctionName="a.b", ZipFile=APP)
        assert err.value.message == (
            "1 validation error detected: Value 'a.b' at 'functionName' failed to satisfy "
            f"constraint: Member must satisfy regular expression pattern: {FUNCTION_REF_TEXT}"
        )

    def test_namespaced_length_256(self, lam: Cloud) -> None:
        """256 characters is looked up; 257 is the length constraint."""
        client = lam.client("lambda")
        with pytest.raises(ResourceNotFoundException):
            client.get_function(FunctionName="n" * 256)
        with pytest.raises(ValidationException, match="length less than or equal to 256"):
            client.get_function(FunctionName="n" * 257)

    def test_strict_length_140(self, lam: Cloud) -> None:
        """The FunctionName shape: 140 characters looked up, 141 refused."""
        client = lam.client("lambda")
        with pytest.raises(ResourceNotFoundException):
            client.get_alias(FunctionName="n" * 140, Name="live")
        with pytest.raises(ValidationException, match="length less than or equal to 140"):
            client.get_alias(FunctionName="n" * 141, Name="live")

    def test_create_takes_the_models_function_name(self, lam: Cloud) -> None:
        """CreateFunction: an ARN names the function; a dotted name gets the model's
        pattern in AWS's message."""
        client = lam.client("lambda")
        out = create(client, "arn:aws:lambda:us-east-1:123456789012:function:by-arn")
        assert out["FunctionName"] == "by-arn"
        with pytest.raises(ValidationException) as err:
            create(client, "a.b")
        assert err.value.message.endswith(FUNCTION_REF_TEXT)

    def test_eusc_partition_arn(self, lam: Cloud) -> None:
        """An ARN of the European sovereign cloud's Region form parses (no pattern error):
        asked of another Region, it is AWS's "not reachable" answer."""
        client = lam.client("lambda")
        create(client)
        ref = "arn:aws-eusc:lambda:eusc-de-east-1:123456789012:function:f"
        with pytest.raises(ResourceNotFoundException) as err:
            client.get_function(FunctionName=ref)
        assert err.value.message == (
            "Functions from 'eusc-de-east-1' are not reachable in this region ('us-east-1')"
        )


class TestStates:
    def test_create_answers_pending(self, lam: Cloud) -> None:
        """CreateFunction answers Pending (no LastUpdateStatus); the next read is Active."""
        client = lam.client("lambda")
        out = create(client)
        assert (out["State"], out["StateReason"], out["StateReasonCode"]) == (
            "Pending",
            "The function is being created.",
            "Creating",
        )
        assert "LastUpdateStatus" not in out
        read = client.get_function(FunctionName="f")["Configuration"]
        assert (read["State"], read["LastUpdateStatus"]) == ("Active", "Successful")
        assert "StateReason" not in read

    def test_update_answers_in_progress(self, lam: Cloud) -> None:
        """Updates answer InProgress with AWS's reason; the next read is Successful."""
        client = lam.client("lambda")
        create(client)
        for out in (
            client.update_function_configuration(FunctionName="f", Timeout=9),
            client.update_function_code(FunctionName="f", ZipFile=APP),
        ):
            assert out["State"] == "Active"
            assert out["LastUpdateStatus"] == "InProgress"
            assert out["LastUpdateStatusReason"] == "The function is being created."
            assert out["LastUpdateStatusReasonCode"] == "Creating"
        read = client.get_function_configuration(FunctionName="f")
        assert read["LastUpdateStatus"] == "Successful"
        assert "LastUpdateStatusReason" not in read

    def test_clock_driven_with_the_limit(self) -> None:
        """function_state_seconds > 0: Pending until the clock moves; an update in
        progress refuses another with AWS's message."""
        cloud = Cloud(clock=ManualClock(), limits={"lambda": {"function_state_seconds": 3}})
        lambda_role(cloud)
        client = cloud.client("lambda")
        create(client)
        assert client.get_function(FunctionName="f")["Configuration"]["State"] == "Pending"
        cloud.advance(3)
        assert client.get_function(FunctionName="f")["Configuration"]["State"] == "Active"
        client.update_function_configuration(FunctionName="f", Timeout=9)
        with pytest.raises(ResourceConflictException) as err:
            client.update_function_configuration(FunctionName="f", Timeout=10)
        assert err.value.message == (
            "The operation cannot be performed at this time. An update is in progress for "
            "resource: arn:aws:lambda:us-east-1:123456789012:function:f"
        )
        cloud.advance(3)
        assert client.update_function_configuration(FunctionName="f", Timeout=10)["Timeout"] == 10
        cloud.lambda_.close()

    def test_botocore_waiters(self, boto: Any) -> None:
        """function_active_v2 and function_updated_v2 succeed on their first poll."""
        create(boto)
        boto.get_waiter("function_active_v2").wait(
            FunctionName="f", WaiterConfig={"Delay": 0, "MaxAttempts": 1}
        )
        boto.update_function_configuration(FunctionName="f", Timeout=9)
        boto.get_waiter("function_updated_v2").wait(
            FunctionName="f", WaiterConfig={"Delay": 0, "MaxAttempts": 1}
        )


class TestConfiguration:
    def test_runtime_version_config(self, lam: Cloud) -> None:
        """Every configuration carries RuntimeVersionConfig, one ARN per runtime."""
        client = lam.client("lambda")
        a = create(client)["RuntimeVersionConfig"]["RuntimeVersionArn"]
        b = create(client, "g")["RuntimeVersionConfig"]["RuntimeVersionArn"]
        c = create(client, "h", Runtime="python3.13")["RuntimeVersionConfig"]["RuntimeVersionArn"]
        assert RUNTIME_ARN.match(a) and a == b != c

    def test_empty_environment_is_kept(self, lam: Cloud) -> None:
        """Environment {"Variables": {}} is shown back; no Environment, no key."""
        client = lam.client("lambda")
        assert create(client, Environment={"Variables": {}})["Environment"] == {"Variables": {}}
        assert "Environment" not in create(client, "g")
        out = client.update_function_configuration(FunctionName="g", Environment={"Variables": {}})
        assert out["Environment"] == {"Variables": {}}

    def test_list_versions_qualifies_latest(self, lam: Cloud) -> None:
        """ListVersionsByFunction names $LATEST in its ARN (GetFunction does not)."""
        client = lam.client("lambda")
        create(client, Publish=True)
        arns = [
            v["FunctionArn"] for v in client.list_versions_by_function(FunctionName="f")["Versions"]
        ]
        base = "arn:aws:lambda:us-east-1:123456789012:function:f"
        assert arns == [f"{base}:$LATEST", f"{base}:1"]
        assert client.get_function(FunctionName="f")["Configuration"]["FunctionArn"] == base

    def test_publish_on_create_answers_the_unqualified_arn(self, lam: Cloud) -> None:
        """CreateFunction with Publish=True: Version 1, the function's own ARN."""
        out = create(lam.client("lambda"), Publish=True)
        assert out["Version"] == "1"
        assert out["FunctionArn"] == "arn:aws:lambda:us-east-1:123456789012:function:f"


class TestRevisionId:
    def test_changes_on_every_update(self, lam: Cloud) -> None:
        """Configuration, code, alias and concurrency updates each give a new RevisionId."""
        client = lam.client("lambda")
        create(client)

        def revision() -> str:
            return str(client.get_function(FunctionName="f")["Configuration"]["RevisionId"])

        seen = [revision()]
        client.update_function_configuration(FunctionName="f", Timeout=9)
        seen.append(revision())
        client.update_function_code(FunctionName="f", ZipFile=APP)
        seen.append(revision())
        client.publish_version(FunctionName="f")
        client.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        seen.append(revision())
        client.update_alias(FunctionName="f", Name="live", Description="d")
        seen.append(revision())
        client.put_function_concurrency(FunctionName="f", ReservedConcurrentExecutions=5)
        seen.append(revision())
        client.delete_function_concurrency(FunctionName="f")
        seen.append(revision())
        client.delete_alias(FunctionName="f", Name="live")
        seen.append(revision())
        assert len(set(seen)) == len(seen)
        # An alias or concurrency change is not a new version to publish.
        assert client.publish_version(FunctionName="f")["Version"] == "1"

    def test_bump_revision_keeps_environments(self, lam: Cloud) -> None:
        """The engine's bump_revision (for permissions) does not recycle environments."""
        fn = lam.lambda_.create_function("f", handler=lambda e, c: 1)
        fn.invoke({})
        engine = lam.engine("lambda")
        engine.bump_revision("f")
        assert engine.environment_count("f") == 1
        assert fn.invoke_raw(b"{}").cold_start is False


class TestErrorBodies:
    def test_not_found_carries_message_and_type(self, boto: Any) -> None:
        """ResourceNotFoundException: Type and Message (capital), as botocore lifts them."""
        with pytest.raises(boto.exceptions.ResourceNotFoundException) as err:
            boto.get_function(FunctionName="nope")
        response = err.value.response
        assert response["Type"] == "User"
        assert response["Message"] == (
            "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"
        )
        assert "message" not in response

    def test_invalid_parameter_carries_lower_message(self, boto: Any) -> None:
        """InvalidParameterValueException: Type and message (lower case)."""
        with pytest.raises(boto.exceptions.InvalidParameterValueException) as err:
            create(boto, Runtime="java8")
        assert err.value.response["Type"] == "User"
        assert err.value.response["message"].startswith("The runtime parameter of java8")
        assert "Message" not in err.value.response

    def test_validation_body_is_message_only(self, boto: Any) -> None:
        """ValidationException's body has no Type."""
        with pytest.raises(boto.exceptions.ClientError) as err:
            boto.get_function(FunctionName="bad name")
        assert err.value.response["Error"]["Code"] == "ValidationException"
        assert "Type" not in err.value.response

    def test_the_bridge_client_matches_boto3(self, lam: Cloud, boto: Any) -> None:
        """cloud.client's error response has the same top-level keys as boto3's."""
        with pytest.raises(ResourceNotFoundException) as ours:
            lam.client("lambda").get_function(FunctionName="nope")
        with pytest.raises(boto.exceptions.ResourceNotFoundException) as theirs:
            boto.get_function(FunctionName="nope")
        assert ours.value.response["Type"] == theirs.value.response["Type"]
        assert ours.value.response["Message"] == theirs.value.response["Message"]

    def test_invoke_not_found_names_latest_or_the_qualifier(self, lam: Cloud) -> None:
        """Invoke of a missing function names :$LATEST, or the qualifier asked for."""
        client = lam.client("lambda")
        arn = "arn:aws:lambda:us-east-1:123456789012:function:nope"
        with pytest.raises(ResourceNotFoundException, match=re.escape(f"{arn}:$LATEST")):
            client.invoke(FunctionName="nope")
        with pytest.raises(ResourceNotFoundException, match=f"{arn}:live"):
            client.invoke(FunctionName="nope", Qualifier="live")
        with pytest.raises(ResourceNotFoundException) as err:
            client.get_function_configuration(FunctionName="nope")
        assert err.value.message.endswith(":function:nope")


class TestRuntimes:
    @pytest.mark.parametrize("runtime", ["java8", "python3.7", "nodejs12.x", "go1.x"])
    def test_retired_runtime(self, lam: Cloud, runtime: str) -> None:
        """A retired runtime gets AWS's deprecation message, and no function is made."""
        client = lam.client("lambda")
        with pytest.raises(InvalidParameterValueException) as err:
            create(client, Runtime=runtime)
        assert err.value.message == (
            f"The runtime parameter of {runtime} is no longer supported for creating or "
            "updating AWS Lambda functions. We recommend you use a supported runtime while "
            "creating or updating functions."
        )
        assert client.list_functions()["Functions"] == []

    def test_supported_non_python_runtime_is_named(self, lam: Cloud) -> None:
        """A runtime AWS still runs but pyserverless does not is refused by name."""
        with pytest.raises(InvalidParameterValueException, match=r"runtime nodejs22\.x"):
            create(lam.client("lambda"), Runtime="nodejs22.x")

    def test_the_list_is_a_setting(self) -> None:
        """retired_runtimes=(): python3.8 is then refused as not emulated, not retired."""
        cloud = Cloud.manual(limits={"lambda": {"retired_runtimes": (), "check_role": False}})
        with pytest.raises(InvalidParameterValueException, match="not emulated"):
            create(cloud.client("lambda"), Runtime="python3.8")

    def test_update_to_a_retired_runtime(self, lam: Cloud) -> None:
        """UpdateFunctionConfiguration refuses it too, changing nothing."""
        client = lam.client("lambda")
        create(client)
        with pytest.raises(InvalidParameterValueException, match=r"python3\.6"):
            client.update_function_configuration(FunctionName="f", Runtime="python3.6")
        assert client.get_function_configuration(FunctionName="f")["Runtime"] == "python3.12"


class TestRole:
    MESSAGE = "The role defined for the function cannot be assumed by Lambda."

    def test_missing_role(self, lam: Cloud) -> None:
        """A role that does not exist cannot be assumed."""
        with pytest.raises(InvalidParameterValueException) as err:
            create(lam.client("lambda"), Role="arn:aws:iam::123456789012:role/ghost")
        assert err.value.message == self.MESSAGE
        assert lam.lambda_.functions() == []

    def test_role_trusting_another_service(self, lam: Cloud) -> None:
        """A role only EC2 may assume is refused; one Lambda may assume is taken."""
        iam = lam.client("iam")
        trust = LAMBDA_TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com")
        ec2 = iam.create_role(RoleName="ec2", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
        with pytest.raises(InvalidParameterValueException, match="cannot be assumed"):
            create(lam.client("lambda"), Role=ec2)
        iam.update_assume_role_policy(RoleName="ec2", PolicyDocument=LAMBDA_TRUST)
        assert create(lam.client("lambda"), Role=ec2)["Role"] == ec2

    def test_update_configuration_checks_a_new_role(self, lam: Cloud) -> None:
        """UpdateFunctionConfiguration with an unusable role changes nothing."""
        client = lam.client("lambda")
        create(client)
        with pytest.raises(InvalidParameterValueException, match="cannot be assumed"):
            client.update_function_configuration(
                FunctionName="f", Role="arn:aws:iam::123456789012:role/ghost", Timeout=9
            )
        assert client.get_function_configuration(FunctionName="f")["Timeout"] == 3

    def test_setting_skips_the_check(self) -> None:
        """LambdaLimits.check_role=False: any well-formed role is taken."""
        cloud = Cloud.manual(limits={"lambda": {"check_role": False}})
        out = create(cloud.client("lambda"), Role="arn:aws:iam::123456789012:role/ghost")
        assert out["Role"].endswith("role/ghost")

    def test_resource_layer_never_checks(self) -> None:
        """cloud.lambda_.create_function needs no role."""
        cloud = Cloud.manual()
        assert cloud.lambda_.create_function("f", handler=lambda e, c: 1).invoke({}) == 1


HANDLER = """
import os, pathlib
def handler(event, context):
    names = ["LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "PYTHONPATH", "_X_AMZN_TRACE_ID",
             "AWS_XRAY_CONTEXT_MISSING", "AWS_XRAY_DAEMON_ADDRESS",
             "AWS_LAMBDA_INITIALIZATION_TYPE", "TZ"]
    return {
        "env": {n: os.environ.get(n) for n in names},
        "absolute": open("/var/task/data.txt").read(),
        "joined": open(os.path.join(os.environ["LAMBDA_TASK_ROOT"], "data.txt")).read(),
        "pathlib": pathlib.Path("/var/task/data.txt").read_text(),
        "relative": open("data.txt").read(),
        "listing": sorted(os.listdir("/var/task")),
    }
"""
TRACE = re.compile(r"^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$")


class TestExecutionEnvironment:
    @pytest.mark.parametrize("isolation", ["inline", "process"])
    def test_variables_and_task_root(self, isolation: str) -> None:
        """AWS's variables, and /var/task read as the code folder in both isolations."""
        cloud = Cloud(clock=ManualClock(), limits={"lambda": {"isolation": isolation}})
        lambda_role(cloud)
        client = cloud.client("lambda")
        code = make_zip({"app.py": HANDLER, "data.txt": "hello"})
        create(client, Code={"ZipFile": code})
        first = json.loads(client.invoke(FunctionName="f")["Payload"].read())
        assert "env" in first, first
        second = json.loads(client.invoke(FunctionName="f")["Payload"].read())
        cloud.lambda_.close()
        env = first["env"]
        assert env["LAMBDA_TASK_ROOT"] == "/var/task"
        assert env["LAMBDA_RUNTIME_DIR"] == env["PYTHONPATH"] == "/var/runtime"
        assert env["AWS_XRAY_CONTEXT_MISSING"] == "LOG_ERROR"
        assert env["AWS_XRAY_DAEMON_ADDRESS"] == "169.254.79.129:2000"
        assert env["AWS_LAMBDA_INITIALIZATION_TYPE"] == "on-demand"
        assert env["TZ"] == ":UTC"
        assert TRACE.match(env["_X_AMZN_TRACE_ID"])
        assert env["_X_AMZN_TRACE_ID"] != second["env"]["_X_AMZN_TRACE_ID"]  # per invocation
        stamp = int(env["_X_AMZN_TRACE_ID"][7:15], 16)
        assert abs(stamp - cloud.clock.time()) < 5
        for key in ("absolute", "joined", "pathlib", "relative"):
            assert first[key] == "hello", key
        assert first["listing"] == ["app.py", "data.txt"]

    def test_host_threads_keep_their_own_paths(self, lam: Cloud) -> None:
        """While an inline environment lives, /var/task is mapped on its handler's thread
        only: this thread still sees the host's own path."""
        client = lam.client("lambda")
        create(client, Code={"ZipFile": make_zip({"app.py": HANDLER, "data.txt": "hello"})})
        assert json.loads(client.invoke(FunctionName="f")["Payload"].read())["absolute"] == "hello"
        with pytest.raises(FileNotFoundError):
            open("/var/task/data.txt")  # noqa: SIM115
