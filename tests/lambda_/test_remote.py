"""Process isolation: what a handler asks of the Cloud's services runs on the host's engines."""

from __future__ import annotations

import json
import time
from typing import Any

import boto3
import pytest

import pyserverless
from pyserverless import Cloud

TABLE = "items"


def make_table(cloud: Cloud) -> Any:
    ddb = cloud.client("dynamodb")
    ddb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return ddb


def invoke(cloud: Cloud, name: str, event: Any = None) -> tuple[dict[str, Any], Any]:
    resp = cloud.client("lambda").invoke(FunctionName=name, Payload=json.dumps(event))
    return resp, json.loads(resp["Payload"].read())


def keys(ddb: Any) -> list[str]:
    return sorted(item["pk"]["S"] for item in ddb.scan(TableName=TABLE)["Items"])


class TestWritesReachTheHost:
    def test_client_made_in_the_handler(self, lam):
        """A put through cloud.client("dynamodb") in the child is in the host's table."""
        ddb = make_table(lam)

        def handler(event, context):
            return lam.client("dynamodb").put_item(TableName=TABLE, Item={"pk": {"S": event}})

        lam.lambda_.create_function("put", handler=handler, isolation="process")
        resp, body = invoke(lam, "put", "a")
        assert "FunctionError" not in resp
        assert body["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert keys(ddb) == ["a"]

    def test_client_and_table_made_before_the_fork(self, lam):
        """Objects built in the host before the child existed write to the host too."""
        ddb = make_table(lam)
        table = lam.resource("dynamodb").Table(TABLE)

        def handler(event, context):
            ddb.put_item(TableName=TABLE, Item={"pk": {"S": "client"}})
            table.put_item(Item={"pk": "resource", "n": 3})
            return int(table.get_item(Key={"pk": "resource"})["Item"]["n"]) + 1

        lam.lambda_.create_function("both", handler=handler, isolation="process")
        _resp, body = invoke(lam, "both")
        assert body == 4
        assert keys(ddb) == ["client", "resource"]

    def test_resource_made_in_the_handler(self, lam):
        """A put through cloud.resource("dynamodb").Table(...) in the child is on the host."""
        make_table(lam)

        def handler(event, context):
            lam.resource("dynamodb").Table(TABLE).put_item(Item={"pk": "r", "v": event})
            return "ok"

        lam.lambda_.create_function("res", handler=handler, isolation="process")
        assert invoke(lam, "res", 7)[1] == "ok"
        item = lam.resource("dynamodb").Table(TABLE).get_item(Key={"pk": "r"})["Item"]
        assert item == {"pk": "r", "v": 7}

    def test_boto3_inside_mock_aws(self, lam):
        """boto3 in the handler, routed by mock_aws(cloud), writes to the host's table."""
        ddb = make_table(lam)

        def handler(event, context):
            with pyserverless.mock_aws(lam):
                client = boto3.client("dynamodb", region_name="us-east-1")
                client.put_item(TableName=TABLE, Item={"pk": {"S": "boto3"}})
                return client.describe_table(TableName=TABLE)["Table"]["ItemCount"]

        lam.lambda_.create_function("boto", handler=handler, isolation="process")
        resp, body = invoke(lam, "boto")
        assert "FunctionError" not in resp, body
        assert keys(ddb) == ["boto3"]

    def test_writes_stay_across_warm_invokes(self, lam):
        """Each invoke of a warm environment reads what the host holds, not the fork's copy."""
        ddb = make_table(lam)

        def handler(event, context):
            client = lam.client("dynamodb")
            client.put_item(TableName=TABLE, Item={"pk": {"S": event}})
            return len(client.scan(TableName=TABLE)["Items"])

        fn = lam.lambda_.create_function("count", handler=handler, isolation="process")
        assert [invoke(lam, "count", k)[1] for k in ("x", "y", "z")] == [1, 2, 3]
        assert fn.environments() == 1
        ddb.delete_item(TableName=TABLE, Key={"pk": {"S": "x"}})
        assert invoke(lam, "count", "w")[1] == 3


class TestErrorsReachTheHandler:
    def test_aws_error_keeps_its_class(self, lam):
        """ConditionalCheckFailedException from the host is caught by its class in the child."""
        ddb = make_table(lam)
        ddb.put_item(TableName=TABLE, Item={"pk": {"S": "taken"}})

        def handler(event, context):
            client = lam.client("dynamodb")
            try:
                client.put_item(
                    TableName=TABLE,
                    Item={"pk": {"S": "taken"}, "new": {"S": "yes"}},
                    ConditionExpression="attribute_not_exists(pk)",
                )
            except client.exceptions.ConditionalCheckFailedException as err:
                return [type(err).__name__, err.response["Error"]["Code"], str(err)]
            return None

        lam.lambda_.create_function("cond", handler=handler, isolation="process")
        name, code, text = invoke(lam, "cond")[1]
        assert name == code == "ConditionalCheckFailedException"
        assert text == (
            "An error occurred (ConditionalCheckFailedException) when calling the PutItem "
            "operation: The conditional request failed"
        )
        item = ddb.get_item(TableName=TABLE, Key={"pk": {"S": "taken"}})["Item"]
        assert "new" not in item

    def test_uncaught_error_is_the_function_error(self, lam):
        """An AWS error the handler does not catch is its errorType, as on AWS."""

        def handler(event, context):
            lam.client("dynamodb").get_item(TableName="missing", Key={"pk": {"S": "a"}})

        lam.lambda_.create_function("miss", handler=handler, isolation="process")
        resp, body = invoke(lam, "miss")
        assert resp["FunctionError"] == "Unhandled"
        assert body["errorType"] == "ResourceNotFoundException"

    def test_what_cannot_cross_is_an_error(self, lam):
        """Arguments that cannot be pickled fail that call, not the environment."""
        lam.lambda_.create_function("inner", handler=lambda e, c: e)

        def handler(event, context):
            try:
                lam.lambda_.create_function("other", handler=lambda e, c: e)
            except pyserverless.PyServerlessError as err:
                return str(err)
            return None

        lam.lambda_.create_function("outer", handler=handler, isolation="process")
        text = invoke(lam, "outer")[1]
        assert text.startswith("lambda.create_function: what was passed cannot cross")
        assert [f.name for f in lam.lambda_.functions()] == ["inner", "outer"]

    def test_snapshots_cross_without_the_handler(self, lam):
        """A Function's describe() in the child is the host's configuration, closure left out."""
        fn = lam.lambda_.create_function("inner", handler=lambda e, c: e, memory_mb=256)

        def handler(event, context):
            return [fn.describe().memory_mb, fn.describe().handler, repr(fn)]

        outer = lam.lambda_.create_function("outer", handler=handler, isolation="process")
        assert invoke(lam, "outer")[1][0] == 256  # the child is forked now
        fn.update(memory_mb=512)
        memory, name, text = invoke(lam, "outer")[1]
        assert outer.environments() == 1  # the same, warm child
        assert memory == 512
        assert name.endswith("<lambda>")
        assert text == "<Function 'inner' python3.12 512 MB 3 s inline Active>"


class TestTimeoutWhileServing:
    def test_call_then_loop_forever_is_killed(self, lam):
        """A handler that made a service call and then spins is still killed at its Timeout."""
        ddb = make_table(lam)

        def handler(event, context):
            lam.client("dynamodb").put_item(TableName=TABLE, Item={"pk": {"S": "before"}})
            while True:
                pass

        fn = lam.lambda_.create_function("spin", handler=handler, isolation="process", timeout=1)
        began = time.monotonic()
        _resp, body = invoke(lam, "spin")
        elapsed = time.monotonic() - began
        assert 1.0 <= elapsed < 1.5
        assert body["errorType"] == "Sandbox.Timedout"
        assert keys(ddb) == ["before"]
        assert fn.environments() == 0

    def test_many_calls_do_not_extend_the_deadline(self, lam):
        """Service calls until the deadline: the environment is killed at Timeout."""
        make_table(lam)

        def handler(event, context):
            client = lam.client("dynamodb")
            while True:
                client.get_item(TableName=TABLE, Key={"pk": {"S": "a"}})

        lam.lambda_.create_function("busy", handler=handler, isolation="process", timeout=1)
        began = time.monotonic()
        _resp, body = invoke(lam, "busy")
        assert time.monotonic() - began < 1.5
        assert body["errorType"] == "Sandbox.Timedout"


@pytest.mark.parametrize("isolation", ["inline", "process"])
def test_both_modes_agree(lam, isolation):
    """Inline and process mode leave the same item on the host."""
    ddb = make_table(lam)

    def handler(event, context):
        lam.client("dynamodb").put_item(TableName=TABLE, Item={"pk": {"S": isolation}})
        return isolation

    lam.lambda_.create_function("f", handler=handler, isolation=isolation)
    assert invoke(lam, "f")[1] == isolation
    assert keys(ddb) == [isolation]


class TestEveryEngine:
    def test_engine_first_built_in_the_child(self, lam):
        """A service the host never used before the fork is forwarded too (built in the child)."""
        assert ("cognito-idp", "us-east-1") not in lam._engines

        def handler(event, context):
            idp = lam.client("cognito-idp")
            return idp.create_user_pool(PoolName="made-in-child")["UserPool"]["Id"]

        lam.lambda_.create_function("pool", handler=handler, isolation="process")
        pool_id = invoke(lam, "pool")[1]
        pools = lam.client("cognito-idp").list_user_pools(MaxResults=10)["UserPools"]
        assert [(p["Id"], p["Name"]) for p in pools] == [(pool_id, "made-in-child")]

    def test_resource_layers_in_the_child(self, lam):
        """cloud.lambda_ (made before the fork) and cloud.dynamo (made after) act on the host."""
        make_table(lam)

        def handler(event, context):
            lam.dynamo.Table(TABLE).put_item(Item={"pk": "via-resource"})
            return [f.name for f in lam.lambda_.functions()], repr(lam.lambda_)

        lam.lambda_.create_function("res", handler=handler, isolation="process")
        assert invoke(lam, "res")[1] == [["res"], "<Lambda us-east-1 functions=1>"]
        lam.lambda_.create_function("later", handler=lambda e, c: e)
        assert invoke(lam, "res")[1] == [["later", "res"], "<Lambda us-east-1 functions=2>"]
        assert keys(lam.client("dynamodb")) == ["via-resource"]
