"""A hypothesis state machine for point-in-time recovery.

Random puts, updates, deletes and transactions on a table with a GSI and PITR on (a
one-day recovery period, so the window's start moves), random clock moves (some under
a second, some past the period), restores to random seconds of the window and backups.
The model is a plain dict per write time: every restore must equal the model's
snapshot at the restore's second, every backup restore the snapshot at the backup, and
every restored table must pass ``check_table``.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pyserverless import Cloud
from pyserverless.dynamo._engine import check_table

PKS = st.sampled_from(["a", "b", "c", "d"])
SKS = st.integers(min_value=0, max_value=3)
VS = st.integers(min_value=0, max_value=5)
GS = st.sampled_from(["x", "y", None])
STEPS = st.sampled_from([0.0, 0.3, 0.7, 1.0, 5.0, 400.0, 3600.0, 50000.0])

Key = tuple[str, int]
Content = dict[Key, dict[str, Any]]


def _native(item: dict[str, Any]) -> dict[str, Any]:
    return {k: (int(v) if isinstance(v, Decimal) else v) for k, v in item.items()}


class PitrMachine(RuleBasedStateMachine):
    """The engine's restores against a model replayed at the restore's second."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = Cloud.manual(limits={"dynamodb": {"pitr_latest_lag_seconds": 300}})
        self.ddb = self.cloud.dynamo
        self.table = self.ddb.create_table(
            TableName="things",
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "N"},
                {"AttributeName": "g", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "byg",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        self.table.enable_pitr(days=1)
        self.enabled_at = self.cloud.clock.time()
        self.model: Content = {}
        #: (clock time, content after the write), in write order.
        self.history: list[tuple[float, Content]] = [(self.enabled_at, {})]
        self.backups: list[tuple[str, Content]] = []
        self.restores = 0

    # -- the model -------------------------------------------------------------------------
    def _record(self) -> None:
        self.history.append((self.cloud.clock.time(), dict(self.model)))

    def _at(self, when: float) -> Content:
        """The model's content at ``when``: after every write at or before it."""
        found: Content = {}
        for t, content in self.history:
            if t > when:
                break
            found = content
        return found

    def _item(self, pk: str, sk: int, v: int, g: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {"pk": pk, "sk": sk, "v": v}
        if g is not None:
            out["g"] = g
        return out

    def _name(self) -> str:
        self.restores += 1
        return f"restored-{self.restores}"

    def _check_restored(self, name: str, expected: Content) -> None:
        copy = self.ddb.Table(name)
        found = {(i["pk"], int(i["sk"])): _native(i) for i in copy.scan()["Items"]}
        assert found == expected, (name, found, expected)
        check_table(self.cloud.engine("dynamodb").tables[name])
        copy.delete()

    # -- writes --------------------------------------------------------------------------------
    @rule(pk=PKS, sk=SKS, v=VS, g=GS)
    def put(self, pk: str, sk: int, v: int, g: str | None) -> None:
        item = self._item(pk, sk, v, g)
        self.table.put_item(Item=item)
        self.model[(pk, sk)] = item
        self._record()

    @rule(pk=PKS, sk=SKS, v=VS)
    def update(self, pk: str, sk: int, v: int) -> None:
        self.table.update_item(
            Key={"pk": pk, "sk": sk},
            UpdateExpression="SET v = :v",
            ExpressionAttributeValues={":v": v},
        )
        old = self.model.get((pk, sk), {"pk": pk, "sk": sk})
        self.model[(pk, sk)] = {**old, "v": v}
        self._record()

    @rule(pk=PKS, sk=SKS)
    def delete(self, pk: str, sk: int) -> None:
        self.table.delete_item(Key={"pk": pk, "sk": sk})
        self.model.pop((pk, sk), None)
        self._record()

    @rule(put=st.tuples(PKS, SKS, VS), gone=st.tuples(PKS, SKS))
    def transact(self, put: tuple[str, int, int], gone: tuple[str, int]) -> None:
        if put[:2] == gone:
            return
        client = self.cloud.client("dynamodb")
        client.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": "things",
                        "Item": {
                            "pk": {"S": put[0]},
                            "sk": {"N": str(put[1])},
                            "v": {"N": str(put[2])},
                        },
                    }
                },
                {
                    "Delete": {
                        "TableName": "things",
                        "Key": {"pk": {"S": gone[0]}, "sk": {"N": str(gone[1])}},
                    }
                },
            ]
        )
        self.model[put[:2]] = {"pk": put[0], "sk": put[1], "v": put[2]}
        self.model.pop(gone, None)
        self._record()

    # -- time, restores and backups -----------------------------------------------------------
    @rule(seconds=STEPS)
    def advance(self, seconds: float) -> None:
        self.cloud.advance(seconds)

    @rule(fraction=st.floats(min_value=0, max_value=1))
    def restore_to_a_second(self, fraction: float) -> None:
        w = self.table.meta.client.describe_continuous_backups(TableName="things")
        d = w["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
        earliest = d["EarliestRestorableDateTime"].timestamp()
        latest = d["LatestRestorableDateTime"].timestamp()
        first, last = math.ceil(earliest), math.floor(latest)
        if first > last:
            return
        second = first + round(fraction * (last - first))
        name = self._name()
        self.table.restore_to(name, second)
        self._check_restored(name, self._at(second))

    @rule()
    def restore_latest(self) -> None:
        name = self._name()
        self.table.restore_to(name)
        latest = max(self.enabled_at, self.cloud.clock.time() - 300)
        self._check_restored(name, self._at(latest))

    @rule()
    def take_backup(self) -> None:
        arn = self.table.backup("snap")
        self.backups.append((arn, dict(self.model)))

    @precondition(lambda self: bool(self.backups))
    @rule(data=st.data())
    def restore_a_backup(self, data: st.DataObject) -> None:
        arn, content = data.draw(st.sampled_from(self.backups))
        name = self._name()
        self.cloud.client("dynamodb").restore_table_from_backup(BackupArn=arn, TargetTableName=name)
        self._check_restored(name, content)

    @invariant()
    def table_matches_model(self) -> None:
        found = {(i["pk"], int(i["sk"])): _native(i) for i in self.table.scan()["Items"]}
        assert found == self.model

    @invariant()
    def history_stays_in_the_window(self) -> None:
        """Once trimmed, the log holds only changes inside the recovery window."""
        h = self.cloud.engine("dynamodb").tables["things"].pitr
        now = self.cloud.clock.time()
        h.trim(now)
        assert all(entry[0] > now - h.period_seconds for entry in h.log[h.start :])


TestPitrMachine = PitrMachine.TestCase
TestPitrMachine.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
