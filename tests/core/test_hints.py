"""Hints: a baffling error carries a ``hint: ...`` note (PEP 678), AWS's message unchanged.

Each hint is checked on the error the user meets: through the client layer
(``cloud.client``), through boto3 inside ``mock_aws`` (botocore builds that error itself),
and through the resource layer where it has its own error.
"""

from __future__ import annotations

import pickle
import re
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws
from pyserverless._core import hints
from pyserverless._core.errors import AWSError
from pyserverless.cognito import _messages as cognito_msg
from pyserverless.dynamo import ConditionalCheckFailedException, ValidationException
from pyserverless.dynamo import _messages as dynamo_msg
from pyserverless.dynamo import _table_messages as table_msg
from pyserverless.dynamo._expressions import _messages as expr_msg
from pyserverless.lambda_ import FunctionError
from pyserverless.lambda_ import _messages as lambda_msg

TABLE = "orders"


def _hints(err: BaseException) -> list[str]:
    return [n for n in getattr(err, "__notes__", []) if n.startswith(hints.PREFIX)]


def _create_table(client: Any) -> None:
    client.create_table(
        TableName=TABLE,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )


@pytest.fixture(params=["client", "boto3"])
def ddb(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    """A DynamoDB client with the table: pyserverless's client layer, or boto3's."""
    if request.param == "client":
        client = cloud.client("dynamodb")
        _create_table(client)
        yield client
        return
    with mock_aws(cloud):
        client = boto3.client("dynamodb", region_name=cloud.region)
        _create_table(client)
        yield client


def _raised(call: Any, **params: Any) -> ClientError:
    with pytest.raises(ClientError) as info:
        call(**params)
    return info.value


KEY = {"pk": {"S": "u1"}, "sk": {"S": "o1"}}
#: AWS's wording for a bad value in ExpressionAttributeValues (quoted in public reports).
AWS_WRAPPED_EMPTY_SET = (
    f"ExpressionAttributeValues contains invalid value: {dynamo_msg.STRING_SET_EMPTY} for key :v"
)


class TestCatalogue:
    """The table matches the catalogues' texts (a changed message would lose its hint)."""

    @pytest.mark.parametrize(
        ("code", "message"),
        [
            ("ValidationException", dynamo_msg.STRING_SET_EMPTY),
            ("ValidationException", dynamo_msg.NUMBER_SET_EMPTY),
            ("ValidationException", dynamo_msg.BINARY_SET_EMPTY),
            ("ValidationException", AWS_WRAPPED_EMPTY_SET),
            ("ValidationException", table_msg.KEY_SCHEMA_MISMATCH),
            ("ValidationException", table_msg.EXCLUSIVE_START_KEY_INVALID_QUERY),
            ("ValidationException", expr_msg.VALUE_UNDEFINED.format(name=":v")),
            ("ValidationException", expr_msg.VALUES_UNUSED.format(keys=":v")),
            ("ValidationException", expr_msg.RESERVED.format(word="status")),
            ("ValidationException", expr_msg.KEY_MISSED.format(name="pk")),
            ("ValidationException", dynamo_msg.ATTRIBUTE_VALUE_EMPTY),
            ("ConditionalCheckFailedException", table_msg.CONDITIONAL_CHECK_FAILED),
            ("NotAuthorizedException", cognito_msg.ACCESS_TOKEN_EXPIRED),
            ("NotAuthorizedException", cognito_msg.REFRESH_TOKEN_EXPIRED),
            ("UserNotConfirmedException", cognito_msg.USER_NOT_CONFIRMED),
            (
                "UnexpectedLambdaException",
                cognito_msg.LAMBDA_UNEXPECTED.format(
                    trigger="PreSignUp", error=cognito_msg.LAMBDA_SOCKET_TIMEOUT
                ),
            ),
            ("Sandbox.Timedout", lambda_msg.TIMEOUT.format(request_id="r", seconds=1)),
            ("TypeError", dynamo_msg.BOTO3_FLOAT),
        ],
    )
    def test_message_has_one_hint(self, code: str, message: str) -> None:
        """Each catalogued baffling message gets exactly one hint."""
        notes = hints.notes_for(code, message)
        assert len(notes) == 1
        assert notes[0].startswith(hints.PREFIX)

    @pytest.mark.parametrize(
        ("code", "message"),
        [
            ("ValidationException", "Invalid UpdateExpression: Syntax error; token: x"),
            ("NotAuthorizedException", cognito_msg.INCORRECT_CREDENTIALS),
            ("ResourceInUseException", "Table already exists: orders"),
            ("TypeError", "unsupported operand"),
        ],
    )
    def test_other_messages_have_none(self, code: str, message: str) -> None:
        """A clear message, or a code with no hints, gets no note."""
        assert hints.notes_for(code, message) == []
        err = AWSError(message, code=code)
        assert not hasattr(err, "__notes__")


class TestTable:
    """How a code's entries match."""

    def test_first_match_wins(self) -> None:
        """ExclusiveStartKey's error quotes the key-schema text, and gets its own hint."""
        message = table_msg.EXCLUSIVE_START_KEY_INVALID.format(detail=table_msg.KEY_SCHEMA_MISMATCH)
        (note,) = hints.notes_for("ValidationException", message)
        assert "LastEvaluatedKey" in note

    def test_regex_entries(self) -> None:
        """A compiled pattern is searched; a string is a substring; None matches all."""
        table = hints._hints((re.compile(r"limit of \d+"), "a"), ("plain", "b"), (None, "c"))
        assert table.note_for("over the limit of 25") == hints.PREFIX + "a"
        assert table.note_for("a plain text") == hints.PREFIX + "b"
        assert table.note_for("over the limit of many") == hints.PREFIX + "c"


class TestAWSError:
    """The hook where errors are built."""

    def test_message_and_response_unchanged(self) -> None:
        """The note is beside AWS's text: str(), args and response keep AWS's words."""
        err = ConditionalCheckFailedException()
        assert err.response["Error"]["Message"] == "The conditional request failed"
        text = "An error occurred (ConditionalCheckFailedException): The conditional request failed"
        assert str(err) == text
        assert "hint" not in str(err)
        assert _hints(err) == hints.notes_for(err.code, err.message)

    def test_pickled_error_keeps_one_note(self) -> None:
        """A pickled error (process mode's path) comes back with its hint once."""
        err = ConditionalCheckFailedException()
        err.bind_operation("PutItem")
        back = pickle.loads(pickle.dumps(err))
        assert _hints(back) == _hints(err)
        assert len(_hints(back)) == 1

    def test_bind_operation_adds_no_second_note(self) -> None:
        """The envelope DynamoDB adds at the operation boundary keeps the one hint."""
        err = ValidationException(dynamo_msg.STRING_SET_EMPTY)
        err.family = "value"
        err.bind_operation("PutItem")
        assert err.message.startswith("1 validation error detected: ")
        assert len(_hints(err)) == 1

    def test_add_hints_is_idempotent(self) -> None:
        """Adding the hints twice leaves one note each."""
        err = ConditionalCheckFailedException()
        hints.add_hints(err, err.code, err.message)
        assert len(_hints(err)) == 1


class TestDynamoDB:
    """Through the client layer and through boto3 in mock_aws."""

    def test_empty_string_set(self, ddb: Any) -> None:
        """An empty SS: AWS's text, and a note that says to REMOVE the attribute."""
        err = _raised(ddb.put_item, TableName=TABLE, Item={**KEY, "tags": {"SS": []}})
        assert err.response["Error"]["Message"] == (
            dynamo_msg.VALIDATION_ENVELOPE.format(message=dynamo_msg.STRING_SET_EMPTY)
        )
        (note,) = _hints(err)
        assert "no empty sets" in note and "REMOVE" in note

    def test_empty_number_set_in_update(self, ddb: Any) -> None:
        """An empty NS in ExpressionAttributeValues gets the same hint."""
        err = _raised(
            ddb.update_item,
            TableName=TABLE,
            Key=KEY,
            UpdateExpression="SET n = :v",
            ExpressionAttributeValues={":v": {"NS": []}},
        )
        assert dynamo_msg.NUMBER_SET_EMPTY in err.response["Error"]["Message"]
        assert "no empty sets" in _hints(err)[0]

    def test_key_schema_mismatch(self, ddb: Any) -> None:
        """A Key without the sort key: AWS's bare text, and a note about KeySchema."""
        err = _raised(ddb.get_item, TableName=TABLE, Key={"pk": {"S": "u1"}})
        assert err.response["Error"]["Message"] == table_msg.KEY_SCHEMA_MISMATCH
        (note,) = _hints(err)
        assert "KeySchema" in note

    def test_conditional_check_failed(self, ddb: Any) -> None:
        """A false condition: AWS's text, and a note naming ReturnValuesOnConditionCheckFailure."""
        ddb.put_item(TableName=TABLE, Item=KEY)
        err = _raised(
            ddb.put_item,
            TableName=TABLE,
            Item=KEY,
            ConditionExpression="attribute_not_exists(pk)",
        )
        assert err.response["Error"]["Code"] == "ConditionalCheckFailedException"
        assert err.response["Error"]["Message"] == table_msg.CONDITIONAL_CHECK_FAILED
        (note,) = _hints(err)
        assert "ReturnValuesOnConditionCheckFailure" in note

    def test_the_hint_says_true(self, ddb: Any) -> None:
        """What the hint promises works: ALL_OLD puts the stored item in the response."""
        ddb.put_item(TableName=TABLE, Item={**KEY, "n": {"N": "1"}})
        err = _raised(
            ddb.put_item,
            TableName=TABLE,
            Item=KEY,
            ConditionExpression="attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
        assert err.response["Item"]["n"] == {"N": "1"}

    def test_undefined_placeholder(self, ddb: Any) -> None:
        """A ':value' used but not given gets a note about ExpressionAttributeValues."""
        err = _raised(ddb.put_item, TableName=TABLE, Item=KEY, ConditionExpression="n = :missing")
        assert "ExpressionAttributeValues" in _hints(err)[0]

    def test_reserved_word(self, ddb: Any) -> None:
        """A reserved word as a name gets a note about ExpressionAttributeNames."""
        err = _raised(
            ddb.update_item,
            TableName=TABLE,
            Key=KEY,
            UpdateExpression="SET status = :s",
            ExpressionAttributeValues={":s": {"S": "new"}},
        )
        assert "ExpressionAttributeNames" in _hints(err)[0]

    def test_unused_value(self, ddb: Any) -> None:
        """An ExpressionAttributeValues entry no expression uses gets a note."""
        err = _raised(
            ddb.put_item,
            TableName=TABLE,
            Item=KEY,
            ConditionExpression="attribute_not_exists(pk)",
            ExpressionAttributeValues={":unused": {"S": "x"}},
        )
        assert "no expression" in _hints(err)[0]

    def test_query_without_partition_key(self, ddb: Any) -> None:
        """A key condition on the sort key alone gets a note about the partition key."""
        err = _raised(
            ddb.query,
            TableName=TABLE,
            KeyConditionExpression="sk = :s",
            ExpressionAttributeValues={":s": {"S": "o1"}},
        )
        assert "partition key" in _hints(err)[0]

    def test_bad_exclusive_start_key(self, ddb: Any) -> None:
        """A made-up ExclusiveStartKey gets a note about LastEvaluatedKey."""
        err = _raised(
            ddb.query,
            TableName=TABLE,
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "u1"}},
            ExclusiveStartKey={"pk": {"S": "u1"}},
        )
        (note,) = _hints(err)
        assert "LastEvaluatedKey" in note

    def test_missing_table(self, ddb: Any) -> None:
        """A table that is not in this region gets a note about regions."""
        err = _raised(ddb.get_item, TableName="nope", Key=KEY)
        assert err.response["Error"]["Code"] == "ResourceNotFoundException"
        assert "region" in _hints(err)[0]

    def test_clear_errors_get_no_note(self, ddb: Any) -> None:
        """An error whose message says it all carries no note."""
        err = _raised(ddb.update_item, TableName=TABLE, Key=KEY, UpdateExpression="SET")
        assert err.response["Error"]["Code"] == "ValidationException"
        assert _hints(err) == []


class TestFloats:
    """boto3's TypeError for a float, where it passes through pyserverless."""

    def test_resource_layer(self, cloud: Cloud) -> None:
        """cloud.dynamo's Table raises boto3's text, with the Decimal hint."""
        _create_table(cloud.client("dynamodb"))
        table = cloud.dynamo.table(TABLE)
        with pytest.raises(TypeError) as info:
            table.put_item(Item={"pk": "u1", "sk": "o1", "total": 1.5})
        assert str(info.value) == dynamo_msg.BOTO3_FLOAT
        assert "Decimal" in _hints(info.value)[0]
        table.put_item(Item={"pk": "u1", "sk": "o1", "total": Decimal("1.5")})

    def test_boto3_resource_in_mock_aws(self, aws: Cloud) -> None:
        """boto3's own serialiser raises it inside the call; the note is added on the way out."""
        _create_table(boto3.client("dynamodb", region_name=aws.region))
        table = boto3.resource("dynamodb", region_name=aws.region).Table(TABLE)
        with pytest.raises(TypeError) as info:
            table.put_item(Item={"pk": "u1", "sk": "o1", "total": 1.5})
        assert str(info.value) == dynamo_msg.BOTO3_FLOAT
        assert "Decimal" in _hints(info.value)[0]


class TestCognito:
    """An expired token, and a user who never confirmed."""

    @pytest.fixture
    def login(self, cloud: Cloud) -> tuple[Any, Any, dict[str, str]]:
        pool = cloud.cognito.create_user_pool("players")
        app = pool.create_client("web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
        pool.create_user("ann", password="Passw0rd!", email="ann@example.com")
        tokens = cloud.client("cognito-idp").initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": "Passw0rd!"},
        )["AuthenticationResult"]
        return pool, app, tokens

    def test_expired_access_token_client(self, cloud: Cloud, login: Any) -> None:
        """GetUser an hour later: AWS's text, and a note about the Cloud's clock."""
        _, _, tokens = login
        cloud.advance(3600)
        err = _raised(cloud.client("cognito-idp").get_user, AccessToken=tokens["AccessToken"])
        assert err.response["Error"]["Message"] == cognito_msg.ACCESS_TOKEN_EXPIRED
        (note,) = _hints(err)
        assert "ManualClock" in note and "PyJWT" in note

    def test_expired_access_token_boto3(self, aws: Cloud, login: Any) -> None:
        """The same through boto3 in mock_aws."""
        _, _, tokens = login
        aws.advance(3600)
        idp = boto3.client("cognito-idp", region_name=aws.region)
        err = _raised(idp.get_user, AccessToken=tokens["AccessToken"])
        assert err.response["Error"]["Message"] == cognito_msg.ACCESS_TOKEN_EXPIRED
        assert "cloud.advance()" in _hints(err)[0]

    def test_fresh_token_has_no_error(self, cloud: Cloud, login: Any) -> None:
        """A second before expiry the token still works (the other side of the limit)."""
        _, _, tokens = login
        cloud.advance(3599)
        user = cloud.client("cognito-idp").get_user(AccessToken=tokens["AccessToken"])
        assert user["Username"] == "ann"

    def test_unconfirmed_user(self, aws: Cloud) -> None:
        """Signing in before confirming gets a note on how to confirm."""
        pool = aws.cognito.create_user_pool("p", AutoVerifiedAttributes=["email"])
        app = pool.create_client("web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
        idp = boto3.client("cognito-idp", region_name=aws.region)
        idp.sign_up(
            ClientId=app.client_id,
            Username="bob",
            Password="Passw0rd!",
            UserAttributes=[{"Name": "email", "Value": "bob@example.com"}],
        )
        err = _raised(
            idp.initiate_auth,
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "bob", "PASSWORD": "Passw0rd!"},
        )
        assert err.response["Error"]["Message"] == cognito_msg.USER_NOT_CONFIRMED
        assert "confirm_sign_up" in _hints(err)[0]


class TestLambda:
    """A handler that runs out of time (real time: the shortest timeout, one second)."""

    def test_timeout_has_hint(self, cloud: Cloud) -> None:
        """Function.invoke's FunctionError keeps AWS's text and explains real time."""

        def handler(event: Any, context: Any) -> None:
            while context.get_remaining_time_in_millis() > -2000:  # stopped at the timeout
                time.sleep(0.005)

        fn = cloud.lambda_.create_function("slow", handler=handler, timeout=1)
        with pytest.raises(FunctionError) as info:
            fn.invoke({})
        err = info.value
        assert err.error_type == "Sandbox.Timedout"
        assert err.error_message.endswith("Task timed out after 1.00 seconds")
        assert "hint" not in str(err)
        assert "ManualClock" in _hints(err)[0]

    def test_handler_error_has_none(self, cloud: Cloud) -> None:
        """A handler's own exception is clear as it is: no note."""

        def handler(event: Any, context: Any) -> None:
            raise ValueError("bad order")

        fn = cloud.lambda_.create_function("bad", handler=handler)
        with pytest.raises(FunctionError) as info:
            fn.invoke({})
        assert _hints(info.value) == []
