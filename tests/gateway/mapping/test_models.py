"""Models and request validators: the control plane (CreateModel ... DeleteRequestValidator)."""

from __future__ import annotations

import json
from typing import Any

import boto3

from pyserverless import Cloud, mock_aws

from .conftest import Api, mock, refused

PET = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
}


class TestModels:
    def test_a_new_api_has_empty_and_error(self, api: Api) -> None:
        """AWS creates the ``Empty`` and ``Error`` models with every REST API."""
        names = [m["name"] for m in api.gw.get_models(restApiId=api.id)["items"]]
        assert names == ["Empty", "Error"]
        error = json.loads(api.gw.get_model(restApiId=api.id, modelName="Error")["schema"])
        assert error["properties"] == {"message": {"type": "string"}}

    def test_create_get_update_delete(self, api: Api) -> None:
        """A model round-trips its schema; UpdateModel replaces it; DeleteModel removes it."""
        made = api.gw.create_model(
            restApiId=api.id, name="Pet", contentType="application/json", schema=json.dumps(PET)
        )
        assert made["name"] == "Pet" and len(made["id"]) == 6
        assert json.loads(api.gw.get_model(restApiId=api.id, modelName="Pet")["schema"]) == PET
        changed = dict(PET, required=["name", "age"])
        api.gw.update_model(
            restApiId=api.id,
            modelName="Pet",
            patchOperations=[{"op": "replace", "path": "/schema", "value": json.dumps(changed)}],
        )
        assert json.loads(api.gw.get_model(restApiId=api.id, modelName="Pet")["schema"]) == changed
        api.gw.delete_model(restApiId=api.id, modelName="Pet")
        message = refused(api.gw.get_model, "NotFoundException", restApiId=api.id, modelName="Pet")
        assert message == "Invalid model name specified: Pet"

    def test_name_must_be_alphanumeric(self, api: Api) -> None:
        """``body_1`` is refused with AWS's words; ``body1`` is taken."""
        message = refused(
            api.gw.create_model,
            "BadRequestException",
            restApiId=api.id,
            name="body_1",
            contentType="application/json",
            schema="{}",
        )
        assert message == "Model name must be alphanumeric: body_1"
        api.gw.create_model(
            restApiId=api.id, name="body1", contentType="application/json", schema="{}"
        )

    def test_a_broken_schema_is_refused(self, api: Api) -> None:
        """Not JSON, not an object, or not a draft-4 schema: AWS's 'Invalid model schema'."""
        for schema in ("{", "[1]", json.dumps({"type": "nothing"}), json.dumps({"minimum": "x"})):
            message = refused(
                api.gw.create_model,
                "BadRequestException",
                restApiId=api.id,
                name="Bad",
                contentType="application/json",
                schema=schema,
            )
            assert "Invalid model schema specified" in message
        assert "Bad" not in [m["name"] for m in api.gw.get_models(restApiId=api.id)["items"]]

    def test_references_name_models_of_the_same_api(self, api: Api) -> None:
        """``$ref`` by the model URL must name an existing model of this API."""
        url = f"https://apigateway.amazonaws.com/restapis/{api.id}/models/Pet"
        ref = {"type": "array", "items": {"$ref": url}}
        refused(
            api.gw.create_model,
            "BadRequestException",
            restApiId=api.id,
            name="Pets",
            contentType="application/json",
            schema=json.dumps(ref),
        )
        api.model("Pet", PET)
        api.model("Pets", ref)
        message = refused(
            api.gw.delete_model, "BadRequestException", restApiId=api.id, modelName="Pet"
        )
        assert "Pets" in message
        other = {"$ref": "https://apigateway.amazonaws.com/restapis/zzzzzzzzzz/models/Pet"}
        refused(
            api.gw.create_model,
            "BadRequestException",
            restApiId=api.id,
            name="Other",
            contentType="application/json",
            schema=json.dumps(other),
        )

    def test_a_model_a_method_uses_cannot_go(self, api: Api) -> None:
        api.model("Pet", PET)
        api.method("POST", "/pets", mock(), requestModels={"application/json": "Pet"})
        message = refused(
            api.gw.delete_model, "ConflictException", restApiId=api.id, modelName="Pet"
        )
        assert message == "Cannot delete model 'Pet', is referenced in method request: /pets/POST"

    def test_a_method_must_name_existing_models_and_validators(self, api: Api) -> None:
        where = api.where("POST", "/pets")
        refused(
            api.gw.put_method,
            "BadRequestException",
            **where,
            authorizationType="NONE",
            requestModels={"application/json": "Nope"},
        )
        message = refused(
            api.gw.put_method,
            "BadRequestException",
            **where,
            authorizationType="NONE",
            requestValidatorId="abc123",
        )
        assert message == "Invalid Request Validator identifier specified"
        refused(api.gw.get_method, "NotFoundException", **where)

    def test_model_template(self, api: Api) -> None:
        """GetModelTemplate writes a starting template from the schema's properties."""
        api.model("Pet", PET)
        value = api.gw.get_model_template(restApiId=api.id, modelName="Pet")["value"]
        assert value.splitlines() == [
            "#set($inputRoot = $input.path('$'))",
            "{",
            '  "name" : "$inputRoot.name",',
            '  "age" : $inputRoot.age',
            "}",
        ]
        api.model("Loose", {"properties": {}})
        message = refused(
            api.gw.get_model_template, "BadRequestException", restApiId=api.id, modelName="Loose"
        )
        assert "missing a 'type' or '$ref' property" in message


class TestValidators:
    def test_crud(self, api: Api) -> None:
        found = api.gw.create_request_validator(
            restApiId=api.id, name="body", validateRequestBody=True
        )
        assert {
            k: found[k] for k in ("name", "validateRequestBody", "validateRequestParameters")
        } == {
            "name": "body",
            "validateRequestBody": True,
            "validateRequestParameters": False,
        }
        api.gw.update_request_validator(
            restApiId=api.id,
            requestValidatorId=found["id"],
            patchOperations=[
                {"op": "replace", "path": "/validateRequestParameters", "value": "true"}
            ],
        )
        got = api.gw.get_request_validator(restApiId=api.id, requestValidatorId=found["id"])
        assert got["validateRequestParameters"] is True
        assert [v["id"] for v in api.gw.get_request_validators(restApiId=api.id)["items"]] == [
            found["id"]
        ]
        api.gw.delete_request_validator(restApiId=api.id, requestValidatorId=found["id"])
        refused(
            api.gw.get_request_validator,
            "NotFoundException",
            restApiId=api.id,
            requestValidatorId=found["id"],
        )

    def test_a_validator_in_use_cannot_go(self, api: Api) -> None:
        validator = api.validator()
        api.method("GET", "/pets", mock(), requestValidatorId=validator)
        refused(
            api.gw.delete_request_validator,
            "BadRequestException",
            restApiId=api.id,
            requestValidatorId=validator,
        )
        api.gw.update_method(
            **api.where("GET", "/pets"),
            patchOperations=[{"op": "remove", "path": "/requestValidatorId"}],
        )
        api.gw.delete_request_validator(restApiId=api.id, requestValidatorId=validator)


def test_boto3_through_the_bridge(cloud: Cloud) -> None:
    """The same operations answer boto3's client (botocore's own serialisation)."""
    with mock_aws(cloud):
        client: Any = boto3.client("apigateway", region_name="us-east-1")
        api = client.create_rest_api(name="b")
        client.create_model(
            restApiId=api["id"], name="Pet", contentType="application/json", schema=json.dumps(PET)
        )
        validator = client.create_request_validator(restApiId=api["id"], validateRequestBody=True)
        assert (
            client.get_request_validators(restApiId=api["id"])["items"][0]["id"] == validator["id"]
        )
        assert [m["name"] for m in client.get_models(restApiId=api["id"])["items"]] == [
            "Empty",
            "Error",
            "Pet",
        ]
        template = client.get_model_template(restApiId=api["id"], modelName="Pet")["value"]
        assert template.startswith("#set($inputRoot")
