"""The fast bridge (``mock_aws(cloud, fast=True)``) against the ``before-send`` bridge.

Two Clouds built alike (same seed, ManualClock) get the same calls, one through each
path; every outcome -- the parsed response, or the error botocore raises with its
``response`` -- must be identical, type for type and in key order.
"""

from __future__ import annotations

import decimal
import importlib.util
import math
import pathlib
from collections.abc import Callable
from typing import Any

import boto3
import botocore.exceptions
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock, mock_aws
from pyserverless._core import shapes
from pyserverless._core.clock import FIXED_START


def _load_request_values() -> Any:
    """The model-driven request strategy of tests/core/test_shapes.py (not a package)."""
    path = pathlib.Path(__file__).resolve().parents[1] / "core" / "test_shapes.py"
    spec = importlib.util.spec_from_file_location("_shapes_strategies", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.request_values


request_values = _load_request_values()

#: Every AWS JSON service (the fast path answers these), and one REST-JSON and one query
#: service, which the fast path passes to before-send.
SERVICES = ("cognito-idp", "dynamodb", "dynamodbstreams", "events", "logs", "sqs", "lambda", "sts")


def same(a: Any, b: Any, path: str = "") -> None:
    """Assert ``a`` and ``b`` are identical: types, values, dict key order."""
    assert type(a) is type(b), (path, type(a), type(b), a, b)
    if isinstance(a, dict):
        assert list(a) == list(b), (path, list(a), list(b))
        for key in a:
            same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), (path, a, b)
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), path
    elif isinstance(a, decimal.Decimal) and a.is_nan():
        assert b.is_nan(), path
    else:
        assert a == b, (path, a, b)
        if hasattr(a, "tzinfo"):
            assert a.tzinfo == b.tzinfo, path


class Pair:
    """One client per path, each on its own Cloud, built alike."""

    def __init__(self, service: str, setup: Callable[[Any], Any] | None = None) -> None:
        self.clients = []
        self.extra: list[Any] = []
        for fast in (False, True):
            cloud = Cloud(clock=ManualClock(FIXED_START), seed=11)  # alike: one start
            with mock_aws(cloud, fast=fast):
                client = boto3.client(service)
            self.clients.append(client)
            self.extra.append(setup(client) if setup else None)

    def call(self, method: str, **params: Any) -> Any:
        """The same call on both clients; their outcomes must be identical."""
        outcomes = []
        for client in self.clients:
            try:
                outcomes.append(("ok", getattr(client, method)(**params)))
            except botocore.exceptions.ClientError as err:
                outcomes.append((type(err).__name__, err.response))
            except Exception as err:  # botocore's own refusals (validation, endpoint rules)
                outcomes.append((type(err).__name__, str(err)))
        same(outcomes[0], outcomes[1])
        return outcomes[0]


def _table(client: Any) -> None:
    client.create_table(
        TableName="tbl",
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )


def _pool(client: Any) -> str:
    pool = client.create_user_pool(PoolName="p")["UserPool"]["Id"]
    return str(pool)


@pytest.fixture
def dynamo() -> Pair:
    return Pair("dynamodb", _table)


class TestDynamoDBScenario:
    def test_items_reads_and_batches(self, dynamo: Pair) -> None:
        """Every kind of DynamoDB value and response comes back identical."""
        item = {
            "pk": {"S": "a"},
            "sk": {"N": "1"},
            "b": {"B": b"\x00\xff"},
            "n": {"N": "-1.50"},
            "ss": {"SS": ["x", "y"]},
            "ns": {"NS": ["1", "2.5"]},
            "bs": {"BS": [b"a", b"b"]},
            "m": {"M": {"l": {"L": [{"NULL": True}, {"BOOL": False}]}}},
        }
        dynamo.call("put_item", TableName="tbl", Item=item, ReturnConsumedCapacity="TOTAL")
        dynamo.call("get_item", TableName="tbl", Key={"pk": {"S": "a"}, "sk": {"N": "1"}})
        dynamo.call(
            "update_item",
            TableName="tbl",
            Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
            UpdateExpression="SET c = :c",
            ExpressionAttributeValues={":c": {"N": "3"}},
            ReturnValues="ALL_NEW",
        )
        dynamo.call(
            "query",
            TableName="tbl",
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "a"}},
            ReturnConsumedCapacity="INDEXES",
        )
        dynamo.call("scan", TableName="tbl", Limit=1)
        dynamo.call(
            "batch_write_item",
            RequestItems={"tbl": [{"PutRequest": {"Item": {"pk": {"S": "z"}, "sk": {"N": "0"}}}}]},
        )
        dynamo.call(
            "batch_get_item", RequestItems={"tbl": {"Keys": [{"pk": {"S": "z"}, "sk": {"N": "0"}}]}}
        )
        dynamo.call(
            "transact_write_items",
            TransactItems=[
                {"Delete": {"TableName": "tbl", "Key": {"pk": {"S": "z"}, "sk": {"N": "0"}}}}
            ],
        )
        dynamo.call(
            "transact_get_items",
            TransactItems=[
                {"Get": {"TableName": "tbl", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}}
            ],
        )
        dynamo.call("describe_table", TableName="tbl")
        dynamo.call("list_tables")
        dynamo.call("describe_limits")

    def test_errors(self, dynamo: Pair) -> None:
        """Errors, modeled fields included, are botocore's on both paths."""
        dynamo.call("put_item", TableName="tbl", Item={"pk": {"S": "a"}, "sk": {"N": "1"}})
        outcome = dynamo.call(
            "put_item",
            TableName="tbl",
            Item={"pk": {"S": "a"}, "sk": {"N": "1"}},
            ConditionExpression="attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
        assert outcome[0] == "ConditionalCheckFailedException"
        assert outcome[1]["Item"] == {"pk": {"S": "a"}, "sk": {"N": "1"}}
        assert dynamo.call("describe_table", TableName="nope")[0] == "ResourceNotFoundException"
        assert dynamo.call("get_item", TableName="tbl", Key={})[0] == "ClientError"

    def test_bad_parameters_stay_botocore_errors(self, dynamo: Pair) -> None:
        """botocore validates before before-call: a bad parameter never reaches the bridge."""
        outcome = dynamo.call("get_item", TableName="tbl", Key={}, ConsistantRead=True)
        assert outcome[0] == "ParamValidationError"

    def test_resource_layer(self) -> None:
        """The resource layer's Decimals, Binary and sets are identical too."""
        tables = []
        for fast in (False, True):
            cloud = Cloud(clock=ManualClock(FIXED_START), seed=3)
            with mock_aws(cloud, fast=fast):
                _table(boto3.client("dynamodb"))
                tables.append(boto3.resource("dynamodb").Table("tbl"))
        answers = []
        for table in tables:
            table.put_item(
                Item={"pk": "a", "sk": 1, "d": decimal.Decimal("2.5"), "s": {"x"}, "b": b"1"}
            )
            answers.append(table.get_item(Key={"pk": "a", "sk": 1}))
            answers.append(
                table.query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": "a"})
            )
        same(answers[0], answers[2])
        same(answers[1], answers[3])
        assert type(answers[3]["Items"][0]["d"]) is decimal.Decimal


class TestCognitoScenario:
    def test_pool_users_and_sign_in(self) -> None:
        """Cognito's timestamps and nested structures come back identical."""
        pair = Pair("cognito-idp", _pool)
        pool = pair.extra[0]
        assert pair.extra[1] == pool
        pair.call("describe_user_pool", UserPoolId=pool)
        client = pair.call(
            "create_user_pool_client",
            UserPoolId=pool,
            ClientName="c",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )[1]["UserPoolClient"]["ClientId"]
        pair.call("admin_create_user", UserPoolId=pool, Username="ada", MessageAction="SUPPRESS")
        pair.call(
            "admin_set_user_password",
            UserPoolId=pool,
            Username="ada",
            Password="Passw0rd!x",
            Permanent=True,
        )
        pair.call("admin_get_user", UserPoolId=pool, Username="ada")
        pair.call("list_users", UserPoolId=pool)
        pair.call(
            "initiate_auth",
            ClientId=client,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ada", "PASSWORD": "Passw0rd!x"},
        )
        assert (
            pair.call("admin_get_user", UserPoolId=pool, Username="bob")[0]
            == "UserNotFoundException"
        )


class TestLambda:
    def test_rest_json_takes_the_before_send_path(self) -> None:
        """Lambda (REST-JSON) answers alike: the fast path passes it to before-send."""
        pair = Pair("lambda")
        pair.call("list_functions")
        assert pair.call("get_function", FunctionName="nope")[0] == "ResourceNotFoundException"


# -- every operation of every service, with requests drawn from the model ------------------
def _operations() -> list[tuple[str, str]]:
    from botocore import xform_name

    out = []
    cloud = Cloud.manual()
    for service in SERVICES:
        implemented = cloud.client(service).operations
        out += [(service, op) for op in shapes.operations(service) if op in implemented]
        assert all(xform_name(op) for op in implemented)
    return out


OPERATIONS = _operations()


_SET_UP = ("dynamodb", "cognito-idp")


@pytest.fixture(scope="module")
def pairs() -> dict[str, Pair]:
    return {
        "dynamodb": Pair("dynamodb", _table),
        "cognito-idp": Pair("cognito-idp", _pool),
        **{service: Pair(service) for service in SERVICES if service not in _SET_UP},
    }


def _named(service: str, params: Any, pair: Pair, data: st.DataObject) -> Any:
    """Point a drawn request at the setup's table or pool most of the time."""
    if not isinstance(params, dict):
        return params
    if service == "dynamodb" and "TableName" in params and data.draw(st.booleans()):
        params["TableName"] = "tbl"
    if service == "cognito-idp" and "UserPoolId" in params and data.draw(st.booleans()):
        params["UserPoolId"] = pair.extra[0]
    return params


@given(data=st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_operation_alike(pairs: dict[str, Pair], data: st.DataObject) -> None:
    """A drawn request to any operation of any service: identical outcomes on both paths."""
    from botocore import xform_name

    service, operation = data.draw(st.sampled_from(OPERATIONS))
    table = shapes.table(service)
    params = data.draw(request_values(table, table["operations"][operation]))
    assume(isinstance(params, dict))
    pair = pairs[service]
    pair.call(xform_name(operation), **_named(service, params, pair, data))


def test_every_operation_is_drawn() -> None:
    """The differential test's operations cover each client's every operation."""
    cloud = Cloud.manual()
    for service in SERVICES:
        assert {op for s, op in OPERATIONS if s == service} == set(cloud.client(service).operations)


# -- successful responses with every kind of value ------------------------------------------
_NUMBERS = st.decimals(min_value=-(10**20), max_value=10**20, allow_nan=False, places=3).map(
    lambda d: str(d.normalize()) if d != 0 else "0"
)
_SCALARS = st.one_of(
    st.builds(lambda s: {"S": s}, st.text(max_size=5)),
    st.builds(lambda n: {"N": n}, _NUMBERS),
    st.builds(lambda b: {"B": b}, st.binary(max_size=5)),
    st.builds(lambda b: {"BOOL": b}, st.booleans()),
    st.just({"NULL": True}),
    st.builds(lambda s: {"SS": sorted(s)}, st.sets(st.text(max_size=3), min_size=1, max_size=3)),
    st.builds(lambda s: {"NS": sorted(s)}, st.sets(_NUMBERS, min_size=1, max_size=3)),
    st.builds(lambda s: {"BS": sorted(s)}, st.sets(st.binary(max_size=3), min_size=1, max_size=3)),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.builds(lambda v: {"L": v}, st.lists(inner, max_size=3)),
        st.builds(
            lambda v: {"M": v}, st.dictionaries(st.text(min_size=1, max_size=3), inner, max_size=3)
        ),
    ),
    max_leaves=8,
)
_ITEMS = st.dictionaries(
    st.text(alphabet="abcdefgh", min_size=1, max_size=4).filter(lambda k: k not in ("pk", "sk")),
    _VALUES,
    max_size=4,
)


@given(attrs=_ITEMS, sk=st.integers(0, 5))
@settings(max_examples=100, deadline=None)
def test_items_of_every_type_alike(pairs: dict[str, Pair], attrs: dict[str, Any], sk: int) -> None:
    """Items drawn over every AttributeValue type: identical writes, reads and scans."""
    dynamo = pairs["dynamodb"]
    key = {"pk": {"S": "h"}, "sk": {"N": str(sk)}}
    dynamo.call("put_item", TableName="tbl", Item={**key, **attrs}, ReturnValues="ALL_OLD")
    dynamo.call("get_item", TableName="tbl", Key=key, ReturnConsumedCapacity="TOTAL")
    dynamo.call(
        "query",
        TableName="tbl",
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "h"}},
    )
    dynamo.call("scan", TableName="tbl", ReturnConsumedCapacity="INDEXES")


# -- the other AWS JSON services, with successful answers --------------------------------------
class TestOtherJsonServices:
    def test_sqs(self) -> None:
        """SQS's messages, attributes and lists come back identical."""
        pair = Pair("sqs")
        url = pair.call("create_queue", QueueName="jobs", Attributes={"DelaySeconds": "0"})[1]
        queue = url["QueueUrl"]
        pair.call(
            "send_message",
            QueueUrl=queue,
            MessageBody="hello",
            MessageAttributes={"n": {"DataType": "Number", "StringValue": "1"}},
        )
        pair.call(
            "receive_message",
            QueueUrl=queue,
            MessageAttributeNames=["All"],
            MessageSystemAttributeNames=["All"],
        )
        pair.call("get_queue_attributes", QueueUrl=queue, AttributeNames=["All"])
        pair.call("list_queues")
        assert pair.call("get_queue_url", QueueName="nope")[0] == "QueueDoesNotExist"

    def test_events(self) -> None:
        """EventBridge's rules, targets and PutEvents answers come back identical."""
        pair = Pair("events")
        pair.call("put_rule", Name="r", EventPattern='{"source": ["app"]}')
        pair.call(
            "put_targets",
            Rule="r",
            Targets=[{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:123456789012:q"}],
        )
        pair.call("describe_rule", Name="r")
        pair.call("list_rules")
        pair.call("list_targets_by_rule", Rule="r")
        pair.call("put_events", Entries=[{"Source": "app", "DetailType": "d", "Detail": "{}"}])
        pair.call("describe_event_bus")

    def test_logs(self) -> None:
        """CloudWatch Logs' groups, streams and events come back identical."""
        pair = Pair("logs")
        pair.call("create_log_group", logGroupName="/app")
        pair.call("create_log_stream", logGroupName="/app", logStreamName="s")
        pair.call(
            "put_log_events",
            logGroupName="/app",
            logStreamName="s",
            logEvents=[{"timestamp": 1_700_000_000_000, "message": "hi"}],
        )
        pair.call("get_log_events", logGroupName="/app", logStreamName="s")
        pair.call("filter_log_events", logGroupName="/app")
        pair.call("describe_log_groups")
        pair.call("describe_log_streams", logGroupName="/app")

    def test_dynamodb_streams(self) -> None:
        """A stream's description and records (datetimes, images) come back identical."""
        answers = []
        for fast in (False, True):
            cloud = Cloud(clock=ManualClock(FIXED_START), seed=5)
            with mock_aws(cloud, fast=fast):
                ddb, streams = boto3.client("dynamodb"), boto3.client("dynamodbstreams")
            _table(ddb)
            arn = ddb.update_table(
                TableName="tbl",
                StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            )["TableDescription"]["LatestStreamArn"]
            ddb.put_item(TableName="tbl", Item={"pk": {"S": "a"}, "sk": {"N": "1"}})
            described = streams.describe_stream(StreamArn=arn)
            shard = described["StreamDescription"]["Shards"][0]["ShardId"]
            iterator = streams.get_shard_iterator(
                StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON"
            )
            records = streams.get_records(ShardIterator=iterator["ShardIterator"])
            answers.append((described, records, streams.list_streams()))
        for a, b in zip(answers[0], answers[1], strict=True):
            same(a, b)
        assert answers[1][1]["Records"][0]["dynamodb"]["NewImage"] == {
            "pk": {"S": "a"},
            "sk": {"N": "1"},
        }
