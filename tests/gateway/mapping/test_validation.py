"""Request validation at run time: required parameters and bodies against draft-4 models,
with ``jsonschema`` itself as the oracle (aws-facts C7)."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import Api, mock, refused

PET = {
    "type": "object",
    "required": ["name", "age"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 8},
        "age": {"type": "integer", "minimum": 0, "maximum": 30},
        "kind": {"enum": ["cat", "dog"]},
    },
}
OK = {"responses": {"200": {"responseTemplates": {"application/json": '{"ok": true}'}}}}


def _pets(api: Api, *, body: bool = True, params: bool = True, models: Any = None) -> None:
    api.model("Pet", PET)
    api.method(
        "POST",
        "/pets",
        mock(),
        OK["responses"],
        requestModels=models if models is not None else {"application/json": "Pet"},
        requestValidatorId=api.validator(body=body, params=params),
        requestParameters={
            "method.request.querystring.owner": True,
            "method.request.header.X-Trace": True,
            "method.request.querystring.page": False,
        },
    )
    api.deploy()


GOOD = {"name": "Rex", "age": 3}
HEADERS = {"Content-Type": "application/json", "X-Trace": "t1"}


class TestParameters:
    def test_present_parameters_pass(self, api: Api) -> None:
        _pets(api)
        assert api.call("POST", "/pets", GOOD, query="owner=ann", headers=HEADERS).status == 200

    def test_missing_ones_are_named_in_order(self, api: Api) -> None:
        """Every missing required parameter is listed; an optional one never is."""
        _pets(api)
        answer = api.call("POST", "/pets", GOOD, headers={"Content-Type": "application/json"})
        assert answer.status == 400
        assert answer.json() == {"message": "Missing required request parameters: [owner, X-Trace]"}

    def test_a_blank_value_is_missing(self, api: Api) -> None:
        """'present and not blank': ``owner=`` and ``owner=%20`` are missing, ``owner=a`` is not."""
        _pets(api)
        for query, status in (("owner=", 400), ("owner=%20", 400), ("owner=a", 200)):
            assert api.call("POST", "/pets", GOOD, query=query, headers=HEADERS).status == status

    def test_not_checked_without_a_parameters_validator(self, api: Api) -> None:
        _pets(api, params=False)
        assert api.call("POST", "/pets", GOOD).status == 200


class TestBody:
    @pytest.mark.parametrize(
        ("body", "status"),
        [
            ({"name": "Rex", "age": 30}, 200),  # the last accepted age
            ({"name": "Rex", "age": 31}, 400),  # the first refused
            ({"name": "Rex", "age": 0}, 200),
            ({"name": "Rex", "age": -1}, 400),
            ({"name": "abcdefgh", "age": 1}, 200),  # 8 characters: accepted
            ({"name": "abcdefghi", "age": 1}, 400),  # 9: refused
            ({"name": "", "age": 1}, 400),
            ({"name": "Rex"}, 400),
            ({"name": "Rex", "age": "3"}, 400),
            ({"name": "Rex", "age": 3, "kind": "cow"}, 400),
            ({"name": "Rex", "age": 3, "kind": "cat"}, 200),
        ],
    )
    def test_both_sides_of_each_keyword(self, api: Api, body: Any, status: int) -> None:
        _pets(api, params=False)
        answer = api.call("POST", "/pets", body)
        assert answer.status == status
        if status == 400:
            assert answer.json() == {"message": "Invalid request body"}

    def test_json_that_does_not_parse(self, api: Api) -> None:
        _pets(api, params=False)
        assert api.call("POST", "/pets", b"{not json").json() == {"message": "Invalid request body"}

    def test_another_content_type_is_not_validated(self, api: Api) -> None:
        """No model for the request's content type: no body check (AWS's rule)."""
        _pets(api, params=False)
        answer = api.call("POST", "/pets", b"anything", headers={"Content-Type": "text/plain"})
        assert answer.status == 200

    def test_default_model_applies_to_any_content_type(self, api: Api) -> None:
        _pets(api, params=False, models={"$default": "Pet"})
        answer = api.call("POST", "/pets", {"name": 1}, headers={"Content-Type": "text/plain"})
        assert answer.status == 400

    def test_missing_content_type_means_json(self, api: Api) -> None:
        _pets(api, params=False)
        assert api.call("POST", "/pets", {"name": "Rex"}, headers={"X": "y"}).status == 400

    def test_not_checked_without_a_body_validator(self, api: Api) -> None:
        _pets(api, body=False, params=False)
        assert api.call("POST", "/pets", {"nope": True}).status == 200

    def test_a_referenced_model_is_resolved(self, api: Api) -> None:
        """A model naming another by its URL validates through it."""
        api.model("Pet", PET)
        url = f"https://apigateway.amazonaws.com/restapis/{api.id}/models/Pet"
        api.model("Pets", {"type": "array", "items": {"$ref": url}, "maxItems": 2})
        api.method(
            "PUT",
            "/pets",
            mock(),
            OK["responses"],
            requestModels={"application/json": "Pets"},
            requestValidatorId=api.validator(params=False),
        )
        api.deploy()
        assert api.call("PUT", "/pets", [GOOD, GOOD]).status == 200
        assert api.call("PUT", "/pets", [GOOD, GOOD, GOOD]).status == 400
        assert api.call("PUT", "/pets", [GOOD, {"name": "x"}]).status == 400


class TestGatewayResponses:
    def test_validation_error_string_in_a_custom_response(self, api: Api) -> None:
        """BAD_REQUEST_BODY customised with ``$context.error.validationErrorString``."""
        _pets(api, params=False)
        api.gw.put_gateway_response(
            restApiId=api.id,
            responseType="BAD_REQUEST_BODY",
            statusCode="422",
            responseTemplates={
                "application/json": '{"error": "$context.error.validationErrorString"}'
            },
        )
        api.deploy()
        answer = api.call("POST", "/pets", {"name": "Rex"})
        assert answer.status == 422
        assert answer.text == ('{"error": "[object has missing required properties (["age"])]"}')

    def test_bad_request_parameters_response(self, api: Api) -> None:
        _pets(api)
        api.gw.put_gateway_response(
            restApiId=api.id,
            responseType="BAD_REQUEST_PARAMETERS",
            responseTemplates={"application/json": '{"why": "$context.error.message"}'},
        )
        api.deploy()
        answer = api.call("POST", "/pets", GOOD)
        assert answer.status == 400
        assert answer.json() == {"why": "Missing required request parameters: [owner, X-Trace]"}


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-50, 50) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["name", "age", "kind", "x"]), inner, max_size=4)
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(body=_VALUES)
def test_jsonschema_is_the_oracle(body: Any) -> None:
    """Whatever the body, the gateway refuses exactly what Draft4Validator refuses."""
    from pyserverless import Cloud, ManualClock

    with Cloud(clock=ManualClock(1_700_000_000), seed=3) as cloud:
        api = Api(cloud)
        _pets(api, params=False)
        expected = jsonschema.Draft4Validator(PET).is_valid(body)
        answer = api.call("POST", "/pets", json.dumps(body).encode())
        assert (answer.status == 200) is expected


def test_a_model_that_only_names_itself_answers_500(api: Api) -> None:
    """A reference cycle cannot validate anything: 500, never a Python error."""
    url = f"https://apigateway.amazonaws.com/restapis/{api.id}/models/Loop"
    api.model("Loop", {"$ref": url})
    api.method(
        "POST",
        "/loop",
        mock(),
        OK["responses"],
        requestModels={"application/json": "Loop"},
        requestValidatorId=api.validator(params=False),
    )
    api.deploy()
    answer = api.call("POST", "/loop", {"a": 1})
    assert (answer.status, answer.json()) == (500, {"message": "Internal server error"})
    message = refused(
        api.gw.get_model_template, "BadRequestException", restApiId=api.id, modelName="Loop"
    )
    assert "missing a 'type' or '$ref' property" in message


def test_access_log_carries_the_validation_error(api: Api) -> None:
    _pets(api, params=False)
    fmt = "$context.status $context.error.responseType $context.error.validationErrorString"
    api.gw.update_stage(
        restApiId=api.id,
        stageName="prod",
        patchOperations=[
            {"op": "replace", "path": "/accessLogSettings/format", "value": fmt},
            {
                "op": "replace",
                "path": "/accessLogSettings/destinationArn",
                "value": "arn:aws:logs:us-east-1:123456789012:log-group:access",
            },
        ],
    )
    api.call("POST", "/pets", {"name": "Rex", "age": 99})
    (line,) = api.cloud.engine("execute-api").access_log(api.id, "prod")
    assert line == (
        "400 BAD_REQUEST_BODY [numeric instance is greater than the required maximum"
        " (maximum: 30, found: 99)]"
    )
