"""ClientRequestToken: exactly one commit per token, however many callers race with it."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import IdempotentParameterMismatchException

from .conftest import make_table

TOKENS = 200
THREADS = 4


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Switch threads often, so racing callers interleave inside each call."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _request(token: str, table: str = "tok") -> dict[str, Any]:
    return {
        "TransactItems": [
            {
                "Update": {
                    "TableName": table,
                    "Key": {"id": {"S": token}},
                    "UpdateExpression": "ADD n :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            }
        ],
        "ClientRequestToken": token,
    }


def _race(client: Any) -> list[str]:
    """Every thread sends every token's transaction, all threads at once; errors seen."""
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def work() -> None:
        start.wait()
        for n in range(TOKENS):
            try:
                client.transact_write_items(**_request(f"t{n}"))
            except Exception as err:  # pragma: no cover - reported by the assertion
                errors.append(repr(err))

    workers = [threading.Thread(target=work) for _ in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return errors


def _commits(client: Any) -> dict[str, int]:
    items = client.scan(TableName="tok")["Items"]
    return {i["id"]["S"]: int(i["n"]["N"]) for i in items}


class TestExactlyOnce:
    def test_racing_callers_commit_each_token_once(
        self, cloud: Cloud, fast_switching: None
    ) -> None:
        """200 tokens sent by 4 threads at once through the client: one commit each."""
        client = cloud.client("dynamodb")
        make_table(client, "tok", pk="id", sk=None)
        assert _race(client) == []
        assert _commits(client) == {f"t{n}": 1 for n in range(TOKENS)}

    def test_racing_callers_through_the_bridge(self, cloud: Cloud, fast_switching: None) -> None:
        """The same race through boto3 inside mock_aws: one commit per token."""
        boto3 = pytest.importorskip("boto3")
        bridge = pytest.importorskip("pyserverless.adapters.bridge")
        with bridge.mock_aws(cloud):
            client = boto3.client("dynamodb", region_name="us-east-1")
            make_table(client, "tok", pk="id", sk=None)
            assert _race(client) == []
            assert _commits(client) == {f"t{n}": 1 for n in range(TOKENS)}


class TestTokenReuse:
    def test_different_request_same_token_is_refused(self, cloud: Cloud) -> None:
        """A different request with a used token gets IdempotentParameterMismatchException."""
        client = cloud.client("dynamodb")
        make_table(client, "tok", pk="id", sk=None)
        make_table(client, "other", pk="id", sk=None)
        client.transact_write_items(**_request("same"))
        other = {**_request("same", table="other")}
        with pytest.raises(IdempotentParameterMismatchException) as err:
            client.transact_write_items(**other)
        assert err.value.response["Error"]["Message"] == (
            "Request with the same client request token has different parameters"
        )
        assert client.scan(TableName="other")["Items"] == []

    def test_token_is_free_after_ten_minutes(self, cloud: Cloud) -> None:
        """At 600 s of clock time the token is forgotten: a different request commits."""
        client = cloud.client("dynamodb")
        make_table(client, "tok", pk="id", sk=None)
        make_table(client, "other", pk="id", sk=None)
        client.transact_write_items(**_request("same"))
        cloud.advance(599)
        with pytest.raises(IdempotentParameterMismatchException):
            client.transact_write_items(**_request("same", table="other"))
        cloud.advance(1)
        client.transact_write_items(**_request("same", table="other"))
        assert len(client.scan(TableName="other")["Items"]) == 1

    def test_a_cancelled_transaction_does_not_take_its_token(self, cloud: Cloud) -> None:
        """Only a committed transaction records its token: a failed one can be retried."""
        client = cloud.client("dynamodb")
        make_table(client, "tok", pk="id", sk=None)
        request = _request("retry")
        request["TransactItems"][0]["Update"]["ConditionExpression"] = "attribute_exists(id)"
        with pytest.raises(client.exceptions.TransactionCanceledException):
            client.transact_write_items(**request)
        client.put_item(TableName="tok", Item={"id": {"S": "retry"}})
        client.transact_write_items(**request)
        assert _commits(client) == {"retry": 1}


class TestTokenStore:
    def test_expiry_keeps_the_store_bounded(self, cloud: Cloud) -> None:
        """Tokens are forgotten oldest first: the store holds only the last 10 minutes."""
        client = cloud.client("dynamodb")
        make_table(client, "tok", pk="id", sk=None)
        state = cloud.engine("dynamodb").state
        for n in range(50):
            client.transact_write_items(**_request(f"a{n}"))
            cloud.advance(60)
        # 50 tokens, one a minute: the ones of the last 10 minutes are kept.
        assert len(state.transaction_tokens) == 10
        assert list(state.transaction_tokens) == [f"a{n}" for n in range(40, 50)]
        assert len(state.token_order) == 10
