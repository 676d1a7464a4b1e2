"""Layers: publishing, reading, listing, deleting, and a function importing from them."""

from __future__ import annotations

import sys

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.lambda_ import (
    InvalidParameterValueException,
    ResourceNotFoundException,
    ValidationException,
)

from .conftest import ROLE, lambda_role, make_zip

LAYER_ARN = "arn:aws:lambda:us-east-1:123456789012:layer:"


def layer_zip(module: str = "shared_lib", value: str = "from-layer") -> bytes:
    return make_zip({f"python/{module}.py": f"VALUE = {value!r}\n"})


APP = make_zip(
    {
        "app.py": (
            "import sys\n"
            "import shared_lib\n"
            "def handler(event, context):\n"
            "    return {'value': shared_lib.VALUE,\n"
            "            'opt': any(p.endswith('python') for p in sys.path)}\n"
        )
    }
)


def publish(client, name="shared", zipped=None, **extra):
    return client.publish_layer_version(
        LayerName=name, Content={"ZipFile": zipped or layer_zip()}, **extra
    )


def create(client, name="f", code=APP, **extra):
    return client.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": code},
        **extra,
    )


@pytest.fixture
def client(lam: Cloud):
    return lam.client("lambda")


class TestPublishLayerVersion:
    def test_shape_and_numbering(self, client):
        """Versions count up from 1; the response has AWS's members."""
        first = publish(client, Description="d", CompatibleRuntimes=["python3.12"])
        second = publish(client, LicenseInfo="MIT", CompatibleArchitectures=["arm64"])
        assert (first["Version"], second["Version"]) == (1, 2)
        assert first["LayerArn"] == LAYER_ARN + "shared"
        assert first["LayerVersionArn"] == LAYER_ARN + "shared:1"
        assert first["CompatibleRuntimes"] == ["python3.12"]
        assert first["Description"] == "d"
        assert second["LicenseInfo"] == "MIT"
        assert first["Content"]["CodeSize"] == len(layer_zip())
        assert first["CreatedDate"].endswith("+0000")

    def test_numbers_are_not_reused_after_delete(self, client):
        """Deleting the latest version does not give its number back."""
        publish(client)
        client.delete_layer_version(LayerName="shared", VersionNumber=1)
        assert publish(client)["Version"] == 2

    def test_bad_zip_refused(self, client):
        """Content that is not a zip is refused, and no version is published."""
        with pytest.raises(InvalidParameterValueException, match="Could not unzip"):
            publish(client, zipped=b"not a zip")
        assert client.list_layers()["Layers"] == []

    def test_s3_content_refused(self, client):
        """Only Content.ZipFile is emulated."""
        with pytest.raises(InvalidParameterValueException, match="ZipFile"):
            client.publish_layer_version(
                LayerName="x", Content={"S3Bucket": "bucket", "S3Key": "k"}
            )

    def test_bad_name_and_runtime(self, client):
        """Names follow the model's pattern; runtimes its enum."""
        with pytest.raises(ValidationException, match="layerName"):
            publish(client, name="bad name")
        with pytest.raises(ValidationException, match="compatibleRuntimes"):
            publish(client, CompatibleRuntimes=["python9"])


class TestGetListDelete:
    def test_get_and_get_by_arn(self, client):
        """GetLayerVersion by name or ARN, and GetLayerVersionByArn, agree."""
        published = publish(client)
        got = client.get_layer_version(LayerName="shared", VersionNumber=1)
        by_arn = client.get_layer_version(LayerName=LAYER_ARN + "shared", VersionNumber=1)
        by_version_arn = client.get_layer_version_by_arn(Arn=LAYER_ARN + "shared:1")
        for resp in (got, by_arn, by_version_arn):
            assert resp["LayerVersionArn"] == published["LayerVersionArn"]
            assert resp["Content"]["CodeSha256"] == published["Content"]["CodeSha256"]

    def test_missing_version(self, client):
        """A version that does not exist is ResourceNotFoundException."""
        publish(client)
        with pytest.raises(ResourceNotFoundException):
            client.get_layer_version(LayerName="shared", VersionNumber=2)

    def test_list_versions_newest_first_and_paged(self, client):
        """ListLayerVersions lists newest first, with markers."""
        for _ in range(3):
            publish(client)
        page = client.list_layer_versions(LayerName="shared", MaxItems=2)
        assert [v["Version"] for v in page["LayerVersions"]] == [3, 2]
        rest = client.list_layer_versions(LayerName="shared", Marker=page["NextMarker"])
        assert [v["Version"] for v in rest["LayerVersions"]] == [1]
        assert client.list_layer_versions(LayerName="other")["LayerVersions"] == []

    def test_list_layers_latest_matching(self, client):
        """ListLayers shows each layer's latest version matching the filters."""
        publish(client, "a", CompatibleRuntimes=["python3.12"])
        publish(client, "a", CompatibleRuntimes=["python3.11"])
        publish(client, "b", CompatibleRuntimes=["python3.11"])
        every = client.list_layers()["Layers"]
        assert [(x["LayerName"], x["LatestMatchingVersion"]["Version"]) for x in every] == [
            ("a", 2),
            ("b", 1),
        ]
        only = client.list_layers(CompatibleRuntime="python3.12")["Layers"]
        assert [(x["LayerName"], x["LatestMatchingVersion"]["Version"]) for x in only] == [("a", 1)]

    def test_delete_is_idempotent(self, client):
        """DeleteLayerVersion removes the version; deleting again is not an error."""
        publish(client)
        client.delete_layer_version(LayerName="shared", VersionNumber=1)
        client.delete_layer_version(LayerName="shared", VersionNumber=1)
        assert client.list_layer_versions(LayerName="shared")["LayerVersions"] == []


@pytest.mark.parametrize("isolation", ["inline", "process"])
class TestFunctionLayers:
    def test_handler_imports_from_the_layer(self, lam, client, isolation):
        """The layer's python/ folder is importable; its size shows in Layers."""
        lam.engine("lambda").isolation = isolation
        arn = publish(client)["LayerVersionArn"]
        created = create(client, Layers=[arn])
        assert created["Layers"] == [{"Arn": arn, "CodeSize": len(layer_zip())}]
        assert lam.lambda_.function("f").invoke()["value"] == "from-layer"

    def test_two_functions_two_layers_same_module(self, lam, client, isolation):
        """Two layers providing the same module name each reach their own function only."""
        lam.engine("lambda").isolation = isolation
        one = publish(client, "one", layer_zip(value="one"))["LayerVersionArn"]
        two = publish(client, "two", layer_zip(value="two"))["LayerVersionArn"]
        create(client, "f1", Layers=[one])
        create(client, "f2", Layers=[two])
        assert lam.lambda_.function("f1").invoke()["value"] == "one"
        assert lam.lambda_.function("f2").invoke()["value"] == "two"
        assert "shared_lib" not in sys.modules
        assert not any("/opt-" in p for p in sys.path)

    def test_later_layer_wins(self, lam, client, isolation):
        """Layers are extracted in order: a later layer's file replaces an earlier one's."""
        lam.engine("lambda").isolation = isolation
        one = publish(client, "one", layer_zip(value="one"))["LayerVersionArn"]
        two = publish(client, "two", layer_zip(value="two"))["LayerVersionArn"]
        create(client, Layers=[one, two])
        assert lam.lambda_.function("f").invoke()["value"] == "two"


class TestFunctionLayerChecks:
    def test_missing_layer_version(self, client):
        """A layer version that was never published is refused; nothing is created."""
        with pytest.raises(InvalidParameterValueException, match="does not exist"):
            create(client, Layers=[LAYER_ARN + "nope:1"])
        assert client.list_functions()["Functions"] == []

    def test_other_region(self, client):
        """Layers must be in the function's region."""
        with pytest.raises(InvalidParameterValueException, match="region us-east-1"):
            create(client, Layers=["arn:aws:lambda:eu-west-1:123456789012:layer:x:1"])

    def test_deleted_layer_keeps_working(self, lam, client):
        """A function keeps its copy of a layer version deleted after it was created."""
        arn = publish(client)["LayerVersionArn"]
        create(client, Layers=[arn])
        client.delete_layer_version(LayerName="shared", VersionNumber=1)
        assert lam.lambda_.function("f").invoke()["value"] == "from-layer"

    def test_update_configuration_sets_layers(self, lam, client):
        """UpdateFunctionConfiguration adds layers to a function created without them."""
        create(client, code=make_zip({"app.py": "def handler(e, c):\n    return 1\n"}))
        arn = publish(client)["LayerVersionArn"]
        updated = client.update_function_configuration(FunctionName="f", Layers=[arn])
        assert [layer["Arn"] for layer in updated["Layers"]] == [arn]
        client.update_function_code(FunctionName="f", ZipFile=APP)
        assert lam.lambda_.function("f").invoke()["value"] == "from-layer"

    def test_code_and_layers_within_the_unzipped_quota(self):
        """Code plus layers over the unzipped limit is refused with AWS's message."""
        cloud = Cloud(clock=ManualClock(), limits={"lambda": {"max_unzipped_package_bytes": 300}})
        lambda_role(cloud)
        client = cloud.client("lambda")
        code = make_zip({"app.py": "x" * 100})
        small = publish(client, "small", make_zip({"python/a.py": "a" * 150}))["LayerVersionArn"]
        big = publish(client, "big", make_zip({"python/b.py": "b" * 250}))["LayerVersionArn"]
        assert create(client, "ok", code=code, Layers=[small])["FunctionName"] == "ok"
        with pytest.raises(
            InvalidParameterValueException,
            match=r"exceeds the maximum allowed size of 300 bytes\. The actual size is 350",
        ):
            create(client, "over", code=code, Layers=[big])
        with pytest.raises(InvalidParameterValueException, match="maximum allowed size"):
            client.update_function_configuration(FunctionName="ok", Layers=[big])
        cloud.lambda_.close()
