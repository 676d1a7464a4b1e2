"""The error hierarchy: AWS codes, botocore-shaped responses, pickling."""

from __future__ import annotations

import pickle

import pytest
from botocore.exceptions import ClientError

from pyserverless import AWSError, Cloud, PyServerlessError
from pyserverless.dynamo import (
    ConditionalCheckFailedException,
    DynamoDBError,
    InternalServerError,
    ValidationException,
)


class TestAWSError:
    def test_response_is_laid_out_like_botocore(self) -> None:
        """Code, message and HTTP status sit where botocore's ClientError puts them."""
        err = ValidationException("bad input")
        assert err.response["Error"] == {"Code": "ValidationException", "Message": "bad input"}
        assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert err.code == "ValidationException"
        assert err.message == "bad input"

    def test_default_message_and_status(self) -> None:
        assert ConditionalCheckFailedException().message == "The conditional request failed"
        assert InternalServerError("x").response["ResponseMetadata"]["HTTPStatusCode"] == 500

    def test_hierarchy(self) -> None:
        """Every AWS error is a PyServerlessError, an AWSError and botocore's ClientError."""
        err = ConditionalCheckFailedException()
        assert isinstance(err, DynamoDBError)
        assert isinstance(err, AWSError)
        assert isinstance(err, PyServerlessError)
        assert isinstance(err, ClientError)

    def test_caught_as_client_error(self) -> None:
        """Code written for boto3 (`except ClientError`) catches pyserverless errors."""
        with pytest.raises(ClientError) as info:
            raise ConditionalCheckFailedException()
        assert info.value.response["Error"]["Code"] == "ConditionalCheckFailedException"

    def test_extra_fields_join_the_response(self) -> None:
        reasons = [{"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}]
        err = DynamoDBError("x", code="TransactionCanceledException", CancellationReasons=reasons)
        assert err.response["CancellationReasons"] == reasons
        assert err.code == "TransactionCanceledException"

    def test_bind_operation_sets_the_message(self) -> None:
        err = ValidationException("nope")
        err.bind_operation("PutItem")
        assert err.operation_name == "PutItem"
        assert str(err) == (
            "An error occurred (ValidationException) when calling the PutItem operation: nope"
        )

    def test_pickles(self) -> None:
        """Errors survive pickling with code, message, status and extra fields."""
        err = DynamoDBError("m", code="TransactionCanceledException", Item={"a": {"S": "b"}})
        err.bind_operation("TransactWriteItems")
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is DynamoDBError
        assert back.response == err.response
        assert str(back) == str(err)

    def test_public_module(self) -> None:
        """Classes report their public module, not the private one."""
        assert ValidationException.__module__ == "pyserverless.dynamo"
        assert repr(ValidationException("m")) == "ValidationException('m')"


class TestClientExceptions:
    def test_namespace_lists_service_codes(self) -> None:
        """client.exceptions.<Code> is the class raised, as in boto3."""
        client = Cloud().client("dynamodb")
        assert client.exceptions.ConditionalCheckFailedException is ConditionalCheckFailedException
        assert client.exceptions.ClientError is ClientError
        assert client.exceptions.ValidationException is ValidationException


class TestOutsideAnOperation:
    def test_no_unknown_operation_in_the_message(self) -> None:
        """An error raised outside an operation (the resource layer) names no operation."""
        cloud = Cloud.manual()
        with pytest.raises(AWSError) as caught:
            cloud.lambda_.function("nope")
        text = str(caught.value)
        assert text.startswith("An error occurred (ResourceNotFoundException): Function not found")
        assert "Unknown" not in text
        assert "Unknown" not in str(pickle.loads(pickle.dumps(caught.value)))

    def test_a_bound_operation_is_named(self) -> None:
        """Through the client, the operation is named as botocore names it."""
        with pytest.raises(AWSError, match="when calling the GetFunction operation"):
            Cloud.manual().client("lambda").get_function(FunctionName="nope")
