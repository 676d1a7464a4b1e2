"""The public surface against independent oracles: botocore's model and powertools."""

from __future__ import annotations

import json

import pytest
from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel, S3Model
from botocore.loaders import create_loader
from botocore.model import ServiceModel
from botocore.validate import ParamValidator

import pyserverless.lambda_ as lambda_module
from pyserverless.lambda_ import LambdaError

from .conftest import ROLE, make_zip

MODEL = ServiceModel(create_loader().load_service_model("lambda", "service-2"), "lambda")


def test_exports_are_sorted_and_complete():
    """__all__ is sorted and names every public object of the module."""
    public = {
        name
        for name, value in vars(lambda_module).items()
        if not name.startswith("_") and getattr(value, "__module__", "") == lambda_module.__name__
    }
    assert lambda_module.__all__ == sorted(lambda_module.__all__)
    assert set(lambda_module.__all__) == public


def test_operations_are_botocore_operations(lam):
    """Every registered operation exists in botocore's model under boto3's method name."""
    from botocore import xform_name

    client = lam.client("lambda")
    assert len(client.operations) >= 20
    for op, method in client.operations.items():
        assert op in MODEL.operation_names
        assert method == xform_name(op)


def test_error_classes_are_model_errors(lam):
    """Every error class is named after an error shape of the model."""
    errors = {name for name in MODEL.shape_names if MODEL.shape_for(name).metadata.get("exception")}
    for name in vars(lam.client("lambda").exceptions):
        # Sent on the wire but not modelled: the generic constraint error, and the 413 code
        # AWS returns for oversized invocations (the model calls it RequestTooLargeException).
        if name not in ("ClientError", "ValidationException", "RequestEntityTooLargeException"):
            assert name in errors, name
    assert issubclass(lambda_module.TooManyRequestsException, LambdaError)


SAMPLES = {
    "CreateFunction": {
        "FunctionName": "f",
        "Runtime": "python3.12",
        "Role": ROLE,
        "Handler": "app.handler",
        "Code": {"ZipFile": make_zip({"app.py": "def handler(e, c):\n    return {'e': e}\n"})},
        "MemorySize": 256,
        "Environment": {"Variables": {"STAGE": "dev"}},
        "EphemeralStorage": {"Size": 1024},
    },
    "GetFunction": {"FunctionName": "f"},
    "GetFunctionConfiguration": {"FunctionName": "f"},
    "UpdateFunctionConfiguration": {"FunctionName": "f", "Timeout": 10},
    "PublishVersion": {"FunctionName": "f"},
    "CreateAlias": {
        "FunctionName": "f",
        "Name": "live",
        "FunctionVersion": "1",
    },
    "PutFunctionConcurrency": {"FunctionName": "f", "ReservedConcurrentExecutions": 5},
    "PutFunctionEventInvokeConfig": {"FunctionName": "f", "MaximumRetryAttempts": 1},
    "Invoke": {"FunctionName": "f", "Payload": b'{"a": 1}', "LogType": "Tail"},
    "ListFunctions": {"MaxItems": 10},
    "GetAccountSettings": {},
}


#: Values AWS sends outside the model's enum: an update's answer says
#: LastUpdateStatusReasonCode "Creating" (../shared/reference/lambda-shapes.md).
OFF_MODEL = {("LastUpdateStatusReasonCode", "Creating")}


def _check_shape(value, shape, path):
    if shape.type_name == "structure":
        assert isinstance(value, dict), path
        for key, item in value.items():
            assert key in shape.members, f"{path}.{key} is not in the model"
            _check_shape(item, shape.members[key], f"{path}.{key}")
    elif shape.type_name == "list":
        for i, item in enumerate(value):
            _check_shape(item, shape.member, f"{path}[{i}]")
    elif shape.type_name == "string" and shape.enum:
        assert value in shape.enum or (shape.name, value) in OFF_MODEL, f"{path}={value!r}"


def test_requests_and_responses_match_the_model(lam):
    """Sample requests pass botocore's validation; responses only use modelled fields."""
    client = lam.client("lambda")
    validator = ParamValidator()
    for op, params in SAMPLES.items():
        model = MODEL.operation_model(op)
        report = validator.validate(params, model.input_shape)
        assert not report.has_errors(), report.generate_report()
        response = client.dispatch(op, dict(params))  # type: ignore[call-overload]
        response.pop("ResponseMetadata")
        if op == "Invoke":
            assert json.loads(response["Payload"].read()) == {"e": {"a": 1}}
            response.pop("Payload")
        if model.output_shape is not None:
            _check_shape(response, model.output_shape, op)


S3_EVENT = {
    "Records": [
        {
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": "us-east-1",
            "eventTime": "1970-01-01T00:00:00.000Z",
            "eventName": "ObjectCreated:Put",
            "userIdentity": {"principalId": "AIDAJDPLRKLG7UEXAMPLE"},
            "requestParameters": {"sourceIPAddress": "127.0.0.1"},
            "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUV"},
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "testConfigRule",
                "bucket": {
                    "name": "mybucket",
                    "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                    "arn": "arn:aws:s3:::mybucket",
                },
                "object": {
                    "key": "HappyFace.jpg",
                    "size": 1024,
                    "eTag": "d41d8cd98f00b204e9800998ecf8427e",
                    "sequencer": "0055AED6DCD90281E5",
                },
            },
        }
    ]
}

SCHEDULED = {
    "version": "0",
    "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": "123456789012",
    "time": "2015-10-08T16:53:06Z",
    "region": "us-east-1",
    "resources": ["arn:aws:events:us-east-1:123456789012:rule/my-rule"],
    "detail": {},
}


@pytest.mark.parametrize("isolation", ["inline", "process"])
def test_powertools_handlers_parse_events(lam, isolation):
    """Handlers decorated with powertools' event_parser get typed S3 and EventBridge events."""

    @event_parser(model=S3Model)
    def on_s3(event: S3Model, context):
        record = event.Records[0]
        assert record.s3.object is not None
        return [record.s3.bucket.name, record.s3.object.key, context.function_name]

    @event_parser(model=EventBridgeModel)
    def on_schedule(event: EventBridgeModel, context):
        return [event.detail_type, event.source]

    s3 = lam.lambda_.create_function("s3", handler=on_s3, isolation=isolation)
    rule = lam.lambda_.create_function("rule", handler=on_schedule, isolation=isolation)
    assert s3.invoke(S3_EVENT) == ["mybucket", "HappyFace.jpg", "s3"]
    assert rule.invoke(SCHEDULED) == ["Scheduled Event", "aws.events"]
