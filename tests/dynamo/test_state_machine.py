"""A hypothesis state machine: the engine against a plain dict, ``_check()`` after every step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pyserverless import Cloud
from pyserverless.dynamo import ConditionalCheckFailedException, TransactionCanceledException
from pyserverless.dynamo._storage import partition_hash
from pyserverless.dynamo.conditions import Attr, Key

PKS = st.sampled_from(["a", "b", "c"])
SKS = st.integers(min_value=0, max_value=6)
GS = st.sampled_from(["x", "y", None])
VS = st.integers(min_value=-3, max_value=3)

Model = dict[tuple[str, int], dict[str, Any]]


class TableMachine(RuleBasedStateMachine):
    """Random puts, conditional updates, deletes, queries, scans and transactions."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = Cloud.manual()
        resource = self.cloud.resource("dynamodb")
        self.table = resource.create_table(
            TableName="things",
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "N"},
                {"AttributeName": "g", "AttributeType": "S"},
                {"AttributeName": "v", "AttributeType": "N"},
            ],
            BillingMode="PAY_PER_REQUEST",
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "byg",
                    "KeySchema": [
                        {"AttributeName": "g", "KeyType": "HASH"},
                        {"AttributeName": "v", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "KEYS_ONLY"},
                }
            ],
            LocalSecondaryIndexes=[
                {
                    "IndexName": "byv",
                    "KeySchema": [
                        {"AttributeName": "pk", "KeyType": "HASH"},
                        {"AttributeName": "v", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        self.client = self.cloud.client("dynamodb")
        self.model: Model = {}

    @staticmethod
    def _item(pk: str, sk: int, v: int, g: str | None) -> dict[str, Any]:
        item: dict[str, Any] = {"pk": pk, "sk": Decimal(sk), "v": Decimal(v)}
        if g is not None:
            item["g"] = g
        return item

    @rule(pk=PKS, sk=SKS, v=VS, g=GS)
    def put(self, pk: str, sk: int, v: int, g: str | None) -> None:
        item = self._item(pk, sk, v, g)
        self.table.put_item(Item=item)
        self.model[(pk, sk)] = item

    @rule(pk=PKS, sk=SKS, d=VS, limit=VS)
    def conditional_add(self, pk: str, sk: int, d: int, limit: int) -> None:
        key = {"pk": pk, "sk": sk}
        old = self.model.get((pk, sk))
        passes = old is not None and old["v"] < limit
        try:
            self.table.update_item(
                Key=key,
                UpdateExpression="ADD v :d",
                ConditionExpression=Attr("v").lt(limit),
                ExpressionAttributeValues={":d": d},
            )
        except ConditionalCheckFailedException:
            assert not passes
        else:
            assert passes
            assert old is not None
            self.model[(pk, sk)] = {**old, "v": old["v"] + d}

    @rule(pk=PKS, sk=SKS)
    def delete(self, pk: str, sk: int) -> None:
        out = self.table.delete_item(Key={"pk": pk, "sk": sk}, ReturnValues="ALL_OLD")
        assert out.get("Attributes") == self.model.pop((pk, sk), None)

    @rule(pk=PKS, lo=SKS, hi=SKS, forward=st.booleans())
    def query_range(self, pk: str, lo: int, hi: int, forward: bool) -> None:
        lo, hi = min(lo, hi), max(lo, hi)
        out = self.table.query(
            KeyConditionExpression=Key("pk").eq(pk) & Key("sk").between(lo, hi),
            ScanIndexForward=forward,
        )
        expected = sorted(
            ((k, i) for k, i in self.model.items() if k[0] == pk and lo <= k[1] <= hi),
            reverse=not forward,
        )
        assert out["Items"] == [i for _k, i in expected]

    @rule(g=st.sampled_from(["x", "y"]))
    def query_gsi(self, g: str) -> None:
        out = self.table.query(IndexName="byg", KeyConditionExpression=Key("g").eq(g))
        got = [(i["v"], i["pk"], i["sk"]) for i in out["Items"]]
        # Ties on the index key come in the table's scan order: by partition-key hash.
        assert got == sorted(
            ((i["v"], i["pk"], i["sk"]) for i in self.model.values() if i.get("g") == g),
            key=lambda t: (t[0], partition_hash(t[1]), t[1], t[2]),
        )

    @rule(pk=PKS)
    def query_lsi(self, pk: str) -> None:
        out = self.table.query(
            IndexName="byv", KeyConditionExpression=Key("pk").eq(pk), ConsistentRead=True
        )
        got = [(i["v"], i["sk"]) for i in out["Items"]]
        assert got == sorted((i["v"], i["sk"]) for k, i in self.model.items() if k[0] == pk)

    @rule(
        limit=st.integers(min_value=1, max_value=5), segments=st.integers(min_value=1, max_value=3)
    )
    def paged_scan(self, limit: int, segments: int) -> None:
        seen: list[tuple[str, int]] = []
        for segment in range(segments):
            start = None
            while True:
                kw: dict[str, Any] = {"Limit": limit, "Segment": segment, "TotalSegments": segments}
                if start is not None:
                    kw["ExclusiveStartKey"] = start
                out = self.table.scan(**kw)
                seen += [(i["pk"], int(i["sk"])) for i in out["Items"]]
                start = out.get("LastEvaluatedKey")
                if start is None:
                    break
        assert sorted(seen) == sorted(self.model)

    @rule(
        actions=st.lists(
            st.tuples(PKS, SKS, VS, st.booleans()),
            min_size=1,
            max_size=4,
            unique_by=lambda a: (a[0], a[1]),
        )
    )
    def transaction(self, actions: list[tuple[str, int, int, bool]]) -> None:
        items = []
        ok = True
        for pk, sk, v, must_exist in actions:
            body: dict[str, Any] = {
                "TableName": "things",
                "Item": {"pk": {"S": pk}, "sk": {"N": str(sk)}, "v": {"N": str(v)}},
            }
            if must_exist:
                body["ConditionExpression"] = "attribute_exists(pk)"
                ok = ok and (pk, sk) in self.model
            items.append({"Put": body})
        try:
            self.client.transact_write_items(TransactItems=items)
        except TransactionCanceledException as err:
            assert not ok
            codes = [r["Code"] for r in err.response["CancellationReasons"]]
            assert len(codes) == len(actions)
        else:
            assert ok
            for pk, sk, v, _m in actions:
                self.model[(pk, sk)] = self._item(pk, sk, v, None)

    @precondition(lambda self: bool(self.model))
    @rule()
    def count(self) -> None:
        assert self.table.describe().item_count == len(self.model)

    @invariant()
    def consistent(self) -> None:
        self.cloud.engine("dynamodb")._check()


TableMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
TestTable = TableMachine.TestCase
