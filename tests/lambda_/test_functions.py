"""Function lifecycle through the client: create, read, update, delete, list, states."""

from __future__ import annotations

import re

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless._core.errors import ParamValidationError
from pyserverless.lambda_ import (
    InvalidParameterValueException,
    RequestEntityTooLargeException,
    ResourceConflictException,
    ResourceNotFoundException,
    ValidationException,
)

from .conftest import ROLE, lambda_role, make_zip

CODE = make_zip({"app.py": "def handler(event, context):\n    return event\n"})


def create(client, name="f", **extra):
    params = {
        "FunctionName": name,
        "Runtime": "python3.12",
        "Role": ROLE,
        "Handler": "app.handler",
        "Code": {"ZipFile": CODE},
    }
    params.update(extra)
    return client.create_function(**params)


@pytest.fixture
def client(lam: Cloud):
    return lam.client("lambda")


class TestCreateFunction:
    def test_returns_configuration(self, client):
        """CreateFunction returns the FunctionConfiguration shape with AWS's defaults."""
        resp = create(client)
        assert resp["FunctionArn"] == "arn:aws:lambda:us-east-1:123456789012:function:f"
        assert (resp["MemorySize"], resp["Timeout"], resp["Version"]) == (128, 3, "$LATEST")
        assert resp["EphemeralStorage"] == {"Size": 512}
        assert resp["State"] == "Pending"  # AWS's answer; the next read says Active
        assert client.get_function_configuration(FunctionName="f")["State"] == "Active"
        assert resp["LastModified"].endswith("+0000")

    def test_duplicate_name_conflicts(self, client):
        """A second function of the same name is a ResourceConflictException."""
        create(client)
        with pytest.raises(ResourceConflictException) as err:
            create(client)
        assert err.value.response["Error"]["Message"] == "Function already exist: f"
        assert err.value.status == 409

    @pytest.mark.parametrize(
        ("field", "value", "ok"),
        [
            ("MemorySize", 128, True),
            ("MemorySize", 127, False),
            ("MemorySize", 10240, True),
            ("MemorySize", 10241, False),
            ("Timeout", 1, True),
            ("Timeout", 0, False),
            ("Timeout", 900, True),
            ("Timeout", 901, False),
        ],
    )
    def test_memory_and_timeout_bounds(self, lam, client, field, value, ok):
        """MemorySize is 128-10240 MB and Timeout 1-900 s: botocore refuses before sending,
        the engine (AWS's server) with its validation message."""
        if ok:
            assert create(client, **{field: value})[field] == value
            return
        if value <= 127:  # botocore checks the model's minimum before sending; AWS the maximum
            with pytest.raises(ParamValidationError, match=f"parameter {field}, value: {value}"):
                create(client, **{field: value})
        else:
            with pytest.raises(ValidationException, match=f"Value '{value}'"):
                create(client, **{field: value})
        option = {"MemorySize": "memory_mb", "Timeout": "timeout"}[field]
        with pytest.raises(ValidationException) as err:
            lam.lambda_.create_function("f", handler=lambda e, c: e, **{option: value})
        key = field[0].lower() + field[1:]
        bound = "greater than or equal to" if value < 500 else "less than or equal to"
        assert err.value.message.startswith("1 validation error detected: ")
        assert f"Value '{value}' at '{key}' failed to satisfy constraint: " in err.value.message
        assert bound in err.value.message
        assert client.list_functions()["Functions"] == []

    @pytest.mark.parametrize(
        ("size", "ok"), [(512, True), (511, False), (10240, True), (10241, False)]
    )
    def test_ephemeral_storage_bounds(self, lam, client, size, ok):
        """EphemeralStorage.Size is 512-10240 MB."""
        if ok:
            assert (
                create(client, EphemeralStorage={"Size": size})["EphemeralStorage"]["Size"] == size
            )
            return
        client_error = ParamValidationError if size < 512 else ValidationException
        with pytest.raises(client_error, match=r"(?i)EphemeralStorage\.Size"):
            create(client, EphemeralStorage={"Size": size})
        with pytest.raises(ValidationException, match=r"ephemeralStorage\.size"):
            lam.lambda_.create_function("f", handler=lambda e, c: e, ephemeral_storage_mb=size)
        assert client.list_functions()["Functions"] == []

    def test_two_violations_are_reported_together(self, lam, client):
        """Several constraint violations come back in one error, client-side and server-side."""
        with pytest.raises(ValidationException) as err:
            create(client, MemorySize=20_000, Timeout=1000)
        assert err.value.message.startswith("2 validation errors detected: ")
        with pytest.raises(ValidationException) as err:
            lam.lambda_.create_function("f", handler=lambda e, c: e, memory_mb=1, timeout=1000)
        assert err.value.message.startswith("2 validation errors detected: ")

    def test_environment_at_4kb_is_accepted(self, client):
        """Variables measuring exactly 4 KB (as AWS measures them) are accepted."""
        # {"KK":"vvv"} -> 8 bytes of punctuation and key around the value.
        value = "v" * (4096 - len('{"KK":""}'))
        resp = create(client, Environment={"Variables": {"KK": value}})
        assert resp["Environment"]["Variables"]["KK"] == value

    def test_environment_over_4kb_is_refused(self, client):
        """One byte more is InvalidParameterValueException with AWS's text."""
        value = "v" * (4097 - len('{"KK":""}'))
        with pytest.raises(InvalidParameterValueException) as err:
            create(client, Environment={"Variables": {"KK": value}})
        assert err.value.message.startswith(
            "Lambda was unable to configure your environment variables because the environment "
            'variables you have provided exceeded the 4KB limit. String measured: {"KK":'
        )

    def test_reserved_environment_names_are_refused(self, client):
        """AWS_REGION and friends cannot be set."""
        with pytest.raises(InvalidParameterValueException) as err:
            create(client, Environment={"Variables": {"AWS_REGION": "x", "_HANDLER": "y"}})
        assert err.value.message.endswith("Reserved keys used in this request: AWS_REGION,_HANDLER")

    def test_five_layers_ok_six_refused(self, client):
        """At most five layers."""
        zipped = make_zip({"python/x.py": ""})
        layers = [
            client.publish_layer_version(LayerName=f"l{i}", Content={"ZipFile": zipped})[
                "LayerVersionArn"
            ]
            for i in range(6)
        ]
        assert len(create(client, "five", Layers=layers[:5])["Layers"]) == 5
        with pytest.raises(
            InvalidParameterValueException, match=r"Cannot reference more than 5 layers\."
        ):
            create(client, "six", Layers=layers)

    def test_runtime_must_be_in_the_enum(self, client):
        """An unknown runtime is refused naming the runtimes Lambda takes (AWS answers
        InvalidParameterValueException, not the validation envelope)."""
        with pytest.raises(
            InvalidParameterValueException,
            match=r": Value python4\.0 at 'runtime' .*enum value set: \[.*\] or be a valid ARN$",
        ):
            create(client, Runtime="python4.0")

    def test_deprecated_runtime_is_refused(self, client):
        """python3.8 can no longer be used for new functions."""
        with pytest.raises(
            InvalidParameterValueException, match=r"python3\.8 is no longer supported"
        ):
            create(client, Runtime="python3.8")

    def test_role_is_required(self, client):
        """A missing Role fails validation and creates nothing."""
        with pytest.raises(ParamValidationError, match=r'Missing required parameter.*"Role"'):
            client.create_function(FunctionName="f", Code={"ZipFile": CODE})
        assert client.list_functions()["Functions"] == []

    def test_bad_zip_is_refused(self, client):
        """Bytes that are not a zip cannot be unzipped."""
        with pytest.raises(InvalidParameterValueException, match="Could not unzip"):
            create(client, Code={"ZipFile": b"not a zip"})


class TestPackageSize:
    def _client(self, **limits):
        cloud = Cloud(clock=ManualClock(), limits={"lambda": limits})
        lambda_role(cloud)
        return cloud.client("lambda")

    def test_zipped_limit(self):
        """A package over the zipped limit is RequestEntityTooLargeException (413)."""
        client = self._client(max_zipped_package_bytes=len(CODE))
        create(client, "fits")
        tight = self._client(max_zipped_package_bytes=len(CODE) - 1)
        with pytest.raises(RequestEntityTooLargeException) as err:
            create(tight, "too-big")
        assert err.value.status == 413
        assert err.value.message == f"Zipped size must be smaller than {len(CODE) - 1} bytes"
        over_request = self._client(
            max_zipped_package_bytes=len(CODE) - 1, max_create_function_request_bytes=len(CODE)
        )
        with pytest.raises(RequestEntityTooLargeException) as err:
            create(over_request, "too-big")
        assert "for the CreateFunction operation" in err.value.message

    def test_unzipped_limit(self):
        """A package whose contents exceed the unzipped limit is refused."""
        big = make_zip({"app.py": "x = 1\n" + "#" * 5000})
        create(self._client(max_unzipped_package_bytes=6000), Code={"ZipFile": big})
        with pytest.raises(
            InvalidParameterValueException, match="Unzipped size must be smaller than 4000 bytes"
        ):
            create(self._client(max_unzipped_package_bytes=4000), Code={"ZipFile": big})


class TestGetUpdateDelete:
    def test_get_function_and_configuration(self, client):
        """GetFunction wraps the configuration with a code location."""
        create(client)
        resp = client.get_function(FunctionName="f")
        config = client.get_function_configuration(FunctionName="f")
        config.pop("ResponseMetadata")
        assert resp["Configuration"] == config
        assert resp["Code"]["RepositoryType"] == "S3"

    def test_missing_function(self, client):
        """An unknown function is ResourceNotFoundException (404) naming its ARN."""
        with pytest.raises(ResourceNotFoundException) as err:
            client.get_function(FunctionName="nope")
        assert err.value.message == (
            "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"
        )
        assert err.value.status == 404

    def test_lookup_by_arn_and_partial_arn(self, client):
        """A function can be named by ARN or partial ARN."""
        create(client)
        arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
        assert client.get_function(FunctionName=arn)["Configuration"]["FunctionName"] == "f"
        partial = "123456789012:function:f"
        assert client.get_function(FunctionName=partial)["Configuration"]["FunctionName"] == "f"

    def test_update_configuration_validates_first(self, lam, client):
        """A bad update changes nothing; a good one changes the field and the RevisionId."""
        before = create(client)
        with pytest.raises(ParamValidationError):
            client.update_function_configuration(FunctionName="f", MemorySize=64, Timeout=5)
        with pytest.raises(ValidationException, match="memorySize"):
            lam.lambda_.function("f").update(memory_mb=64, timeout=5)
        assert client.get_function_configuration(FunctionName="f")["Timeout"] == 3
        after = client.update_function_configuration(FunctionName="f", Timeout=5)
        assert after["Timeout"] == 5
        assert after["RevisionId"] != before["RevisionId"]

    def test_update_code_changes_behaviour(self, client):
        """UpdateFunctionCode replaces the handler's code for the next invocation."""
        create(client)
        assert client.invoke(FunctionName="f", Payload=b"1")["Payload"].read() == b"1"
        new = make_zip({"app.py": "def handler(event, context):\n    return event * 2\n"})
        resp = client.update_function_code(FunctionName="f", ZipFile=new)
        assert resp["CodeSize"] == len(new)
        assert client.invoke(FunctionName="f", Payload=b"21")["Payload"].read() == b"42"

    def test_revision_id_precondition(self, client):
        """A stale RevisionId is PreconditionFailedException."""
        create(client)
        with pytest.raises(client.exceptions.PreconditionFailedException):
            client.update_function_configuration(FunctionName="f", Timeout=4, RevisionId="stale")

    def test_delete(self, client):
        """DeleteFunction removes it; a second delete is ResourceNotFoundException."""
        create(client)
        client.delete_function(FunctionName="f")
        with pytest.raises(ResourceNotFoundException):
            client.delete_function(FunctionName="f")


class TestListFunctions:
    def test_pagination(self, client):
        """ListFunctions pages with MaxItems and NextMarker, in name order."""
        for name in ["c", "a", "a-2", "b"]:
            create(client, name)
        first = client.list_functions(MaxItems=2)
        assert [f["FunctionName"] for f in first["Functions"]] == ["a", "a-2"]
        second = client.list_functions(MaxItems=2, Marker=first["NextMarker"])
        assert [f["FunctionName"] for f in second["Functions"]] == ["b", "c"]
        assert "NextMarker" not in second

    def test_paginator(self, client):
        """botocore's paginator drives the client."""
        for i in range(5):
            create(client, f"f{i}")
        pages = client.get_paginator("list_functions").paginate(PaginationConfig={"PageSize": 2})
        names = [f["FunctionName"] for page in pages for f in page["Functions"]]
        assert names == [f"f{i}" for i in range(5)]

    def test_max_items_bounds(self, lam, client):
        """MaxItems is 1-10000."""
        with pytest.raises(ParamValidationError, match="MaxItems"):
            client.list_functions(MaxItems=0)
        with pytest.raises(ValidationException, match="maxItems"):
            lam.engine("lambda").list_functions(max_items=0)


class TestStates:
    def test_pending_then_active(self):
        """With a state delay, a new function is Pending, refuses calls, then turns Active."""
        cloud = Cloud(clock=ManualClock())
        lambda_role(cloud)
        cloud.engine("lambda").state_delay = 5
        client = cloud.client("lambda")
        assert create(client)["State"] == "Pending"
        assert create(client, "g")["StateReasonCode"] == "Creating"
        with pytest.raises(ResourceConflictException, match="following state: Pending"):
            client.invoke(FunctionName="f")
        cloud.advance(5)
        assert client.get_function_configuration(FunctionName="f")["State"] == "Active"
        assert client.invoke(FunctionName="f", Payload=b"3")["StatusCode"] == 200
        cloud.lambda_.close()

    def test_update_in_progress(self):
        """During an update, LastUpdateStatus is InProgress and further updates conflict."""
        cloud = Cloud(clock=ManualClock())
        lambda_role(cloud)
        client = cloud.client("lambda")
        create(client)
        cloud.engine("lambda").state_delay = 2
        assert (
            client.update_function_configuration(FunctionName="f", Timeout=9)["LastUpdateStatus"]
            == "InProgress"
        )
        with pytest.raises(ResourceConflictException, match="An update is in progress"):
            client.update_function_configuration(FunctionName="f", Timeout=10)
        cloud.advance(2)
        conf = client.get_function_configuration(FunctionName="f")
        assert (conf["LastUpdateStatus"], conf["Timeout"]) == ("Successful", 9)


class TestNamesAndSizes:
    def test_function_name_length(self, client):
        """Names are up to 64 characters; a longer one (within the model's 140) is
        InvalidParameterValueException with the validation sentence, as AWS answers."""
        assert create(client, "n" * 64)["FunctionName"] == "n" * 64
        with pytest.raises(
            InvalidParameterValueException, match="Member must have length less than or equal to 64"
        ):
            create(client, "n" * 65)

    def test_description_length(self, client):
        """Descriptions are up to 256 characters."""
        assert create(client, "a", Description="d" * 256)["Description"] == "d" * 256
        with pytest.raises(ValidationException, match="'description'"):
            create(client, "b", Description="d" * 257)

    def test_client_context_size(self, lam, client):
        """ClientContext is at most 3583 bytes of base64."""
        import base64
        import json

        create(client)
        fits = base64.b64encode(json.dumps({"custom": {"k": "v" * 2600}}).encode()).decode()
        assert len(fits) <= 3583
        assert client.invoke(FunctionName="f", ClientContext=fits)["StatusCode"] == 200
        over = base64.b64encode(json.dumps({"custom": {"k": "v" * 2700}}).encode()).decode()
        assert len(over) > 3583
        with pytest.raises(ValidationException, match="clientContext"):
            client.invoke(FunctionName="f", ClientContext=over)


class TestFolderCode:
    def test_folder_with_sibling_module(self, lam, tmp_path):
        """A folder of code works as a package: the handler imports its sibling module."""
        (tmp_path / "helpers.py").write_text("def double(x):\n    return 2 * x\n")
        (tmp_path / "main.py").write_text(
            "import helpers\ndef handler(event, context):\n    return helpers.double(event)\n"
        )
        inline = lam.lambda_.create_function("in", handler="main.handler", code=tmp_path)
        proc = lam.lambda_.create_function(
            "proc", handler="main.handler", code=str(tmp_path), isolation="process"
        )
        assert (inline.invoke(21), proc.invoke(4)) == (42, 8)
        assert inline.describe().code_size == sum(
            p.stat().st_size for p in tmp_path.iterdir() if p.is_file()
        )


SNS = "arn:aws:sns:us-east-1:123456789012:dlq"


class TestSettingsNotEmulated:
    @pytest.mark.parametrize(
        ("param", "value"),
        [
            ("VpcConfig", {"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]}),
            ("PackageType", "Image"),
            ("KMSKeyArn", "arn:aws:kms:us-east-1:123456789012:key/k"),
            ("TracingConfig", {"Mode": "Active"}),
            ("FileSystemConfigs", [{"Arn": "arn:aws:efs:x", "LocalMountPath": "/mnt/x"}]),
            ("ImageConfig", {"Command": ["app.handler"]}),
            ("SnapStart", {"ApplyOn": "PublishedVersions"}),
            ("CodeSigningConfigArn", "arn:aws:lambda:us-east-1:123456789012:code-signing-config:c"),
        ],
    )
    def test_refused_on_create(self, client, param, value):
        """A setting whose effect is not emulated is refused, and nothing is created."""
        with pytest.raises(InvalidParameterValueException, match=param):
            create(client, **{param: value})
        assert client.list_functions()["Functions"] == []

    def test_defaults_are_accepted(self, client):
        """The values that change nothing (AWS's defaults) are accepted."""
        resp = create(
            client,
            VpcConfig={"SubnetIds": [], "SecurityGroupIds": []},
            PackageType="Zip",
            TracingConfig={"Mode": "PassThrough"},
            SnapStart={"ApplyOn": "None"},
            LoggingConfig={"LogFormat": "Text", "LogGroup": "/aws/lambda/f"},
            Tags={},
        )
        assert resp["TracingConfig"] == {"Mode": "PassThrough"}

    def test_refused_on_update_changes_nothing(self, client):
        """UpdateFunctionConfiguration refuses them too, before changing anything."""
        revision = create(client)["RevisionId"]
        with pytest.raises(InvalidParameterValueException, match="TracingConfig"):
            client.update_function_configuration(
                FunctionName="f", MemorySize=256, TracingConfig={"Mode": "Active"}
            )
        config = client.get_function_configuration(FunctionName="f")
        assert (config["MemorySize"], config["RevisionId"]) == (128, revision)

    @pytest.mark.parametrize("code", [{"S3Bucket": "bucket", "S3Key": "k"}, {"ImageUri": "repo:1"}])
    def test_update_code_from_s3_or_image_refused(self, client, code):
        """UpdateFunctionCode takes ZipFile only, as CreateFunction does."""
        create(client)
        with pytest.raises(InvalidParameterValueException, match="ZipFile only"):
            client.update_function_code(FunctionName="f", **code)


class TestArchitectures:
    def test_arm64_is_kept_and_billed_as_arm(self, lam, client):
        """Architectures=[arm64] is returned and priced at the arm64 rate."""
        resp = create(client, Architectures=["arm64"], MemorySize=1024)
        assert resp["Architectures"] == ["arm64"]
        lam.engine("lambda").invoke("f", b"{}")
        assert lam.engine("lambda").meter._counters["f"].arch == "arm64"

    @pytest.mark.parametrize(
        ("archs", "constraint"),
        [
            (["sparc"], "enum value set: [x86_64, arm64]"),
            (["x86_64", "arm64"], "length less than or equal to 1"),
            ([], "valid min length: 1"),
        ],
    )
    def test_invalid_architectures_refused(self, client, archs, constraint):
        """One architecture, x86_64 or arm64; anything else is refused (none: by botocore)."""
        error = ParamValidationError if not archs else ValidationException
        with pytest.raises(error, match=re.escape(constraint)):
            create(client, Architectures=archs)
        assert client.list_functions()["Functions"] == []

    def test_update_function_code_changes_architecture(self, client):
        """UpdateFunctionCode's Architectures takes effect."""
        create(client)
        resp = client.update_function_code(FunctionName="f", ZipFile=CODE, Architectures=["arm64"])
        assert resp["Architectures"] == ["arm64"]


class TestUpdateCodeDryRun:
    def test_dry_run_validates_and_changes_nothing(self, lam, client):
        """DryRun=True checks the package but keeps the old code running."""
        first = create(client)
        other = make_zip({"app.py": "def handler(event, context):\n    return 'new'\n"})
        resp = client.update_function_code(FunctionName="f", ZipFile=other, DryRun=True)
        assert resp["CodeSha256"] == first["CodeSha256"]
        assert lam.lambda_.function("f").invoke({"x": 1}) == {"x": 1}
        with pytest.raises(InvalidParameterValueException):
            client.update_function_code(FunctionName="f", ZipFile=b"not a zip", DryRun=True)


class TestDeadLetterTargets:
    def test_non_function_dead_letter_queue_refused(self, client):
        """A DLQ that pyserverless could not deliver to is refused, not stored."""
        with pytest.raises(InvalidParameterValueException, match="dead-letter"):
            create(client, DeadLetterConfig={"TargetArn": SNS})
        create(client)
        with pytest.raises(InvalidParameterValueException, match="dead-letter"):
            client.update_function_configuration(
                FunctionName="f", DeadLetterConfig={"TargetArn": SNS}
            )
        config = client.get_function_configuration(FunctionName="f")
        assert "DeadLetterConfig" not in config
