"""Global tables under random writes, clock moves, partitions, pauses and heals.

A delete of an item the Region does not hold is a no-op (no stream record, nothing
replicated), so it is not counted as a write.

A hypothesis state machine drives three replicas. Every write happens at a new
instant (the clock moves at least a millisecond first), so "the last write" is the
last in the order they were made. Invariants, checked after draining replication
(heal, resume, move the clock past the largest lag):
- every replica holds the same items;
- each item is the last write made to its key, whatever Region took it;
- each replica's stream, replayed from the start, gives that replica's items.
"""

from __future__ import annotations

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pyserverless import Cloud, ManualClock

REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")
KEYS = ("a", "b", "c")


class GlobalTableMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.cloud = Cloud(clock=ManualClock(1_750_000_000), seed=11)
        self.tables = {r: self.cloud.in_region(r).dynamo.Table("orders") for r in REGIONS}
        self.cloud.in_region(REGIONS[0]).dynamo.create_table(
            TableName="orders",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        for region in REGIONS[1:]:
            self.tables[REGIONS[0]].add_replica(region)
        #: The last write per key: the item, or None for a delete.
        self.expected: dict[str, dict[str, Any] | None] = {}
        self.writes = 0
        self.drained = True
        #: Keys last written by writes at one instant in several Regions: the tie-break
        #: decides, so only agreement between the replicas is checked for them.
        self.ties: set[str] = set()

    @rule(
        region=st.sampled_from(REGIONS),
        key=st.sampled_from(KEYS),
        value=st.none() | st.integers(0, 99),
        gap=st.floats(0.001, 0.3),
    )
    def write(self, region: str, key: str, value: int | None, gap: float) -> None:
        self.cloud.advance(gap)
        table = self.tables[region]
        if value is None:
            # Deleting an item this Region does not hold changes nothing: no stream
            # record, nothing to replicate, so it is no write (a later arrival wins).
            had = table.delete_item(Key={"id": key}, ReturnValues="ALL_OLD")
            if "Attributes" in had:
                self.expected[key] = None
                self.ties.discard(key)
        else:
            self.writes += 1
            new = {"id": key, "v": value, "n": self.writes, "at": region}
            table.put_item(Item=new)
            self.expected[key] = new
            self.ties.discard(key)
        self.drained = False

    @rule(key=st.sampled_from(KEYS), regions=st.permutations(REGIONS))
    def same_instant(self, key: str, regions: list[str]) -> None:
        """Writes to one key in every Region at one instant (the clock does not move)."""
        self.cloud.advance(0.001)
        for region in regions:
            self.writes += 1
            self.tables[region].put_item(Item={"id": key, "n": self.writes, "at": region})
        self.ties.add(key)
        self.expected[key] = {"id": key}  # some write of the burst: checked by agreement
        self.drained = False

    @rule(seconds=st.floats(0, 2))
    def advance(self, seconds: float) -> None:
        self.cloud.advance(seconds)

    @rule(a=st.sampled_from(REGIONS), b=st.sampled_from(REGIONS))
    def partition(self, a: str, b: str) -> None:
        if a != b:
            self.cloud.partition(a, b)

    @rule(region=st.sampled_from(REGIONS))
    def pause(self, region: str) -> None:
        self.cloud.faults.network.pause(region, "orders")

    @rule(region=st.sampled_from(REGIONS))
    def heal_one(self, region: str) -> None:
        self.cloud.heal(region)
        self.cloud.faults.network.resume(region, "orders")

    @precondition(lambda self: not self.drained)
    @rule()
    def drain(self) -> None:
        self.cloud.heal()
        for region in REGIONS:
            self.cloud.faults.network.resume(region, "orders")
        self.cloud.advance(self.cloud.limits.dynamodb.replication_lag_max + 0.001)
        self.drained = True
        self.check_converged()

    def check_converged(self) -> None:
        want = sorted(
            (v for k, v in self.expected.items() if v is not None and k not in self.ties),
            key=lambda i: i["id"],
        )
        seen = []
        for region in REGIONS:
            table = self.tables[region]
            items = sorted(table.scan(ConsistentRead=True)["Items"], key=lambda i: i["id"])
            assert self.replay(region) == {i["id"]: i for i in items}, region
            seen.append(items)
            exact = [i for i in items if i["id"] not in self.ties]
            assert exact == want, (region, exact, want)
        assert seen[0] == seen[1] == seen[2], seen
        for key in self.ties:  # a tie: every replica holds the same one of the writes
            assert any(i["id"] == key for i in seen[0]), key

    def replay(self, region: str) -> dict[str, Any]:
        state: dict[str, Any] = {}
        stream = self.tables[region].stream
        assert stream is not None
        for record in stream.records():
            key = record.keys["id"]
            if record.new_image is None:
                state.pop(key, None)
            else:
                state[key] = record.new_image
        return state

    @invariant()
    def nothing_lost_in_flight(self) -> None:
        """Every write is either applied or queued somewhere (no replica is ahead of the
        last write made)."""
        for region in REGIONS:
            for found in self.tables[region].scan()["Items"]:
                assert int(found["n"]) <= self.writes

    def teardown(self) -> None:
        if not self.drained:
            self.drain()


TestGlobalTableMachine = GlobalTableMachine.TestCase
TestGlobalTableMachine.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
