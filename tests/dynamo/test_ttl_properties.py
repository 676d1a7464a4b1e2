"""Time to Live against a model: random writes, TTL values and clock moves.

After every step the table is compared with a plain model of what TTL allows: an item
whose deletion window has wholly passed must be gone; an item not expired, or expired
for less than the window's lower bound, or whose value is not a Number, must still be
there; anything between may be either. While TTL is switched off nothing goes, and
switching it on starts every window again. ``table.expired()`` must list exactly the
present items whose Number value is before now, and the index must check out.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock

START = 1_750_000_000
LOW, HIGH = 60.0, 120.0
FIVE_YEARS = 5 * 365 * 86400
KEYS = ["a", "b", "c", "d"]

keys = st.sampled_from(KEYS)
puts = st.tuples(
    st.just("put"),
    keys,
    st.sampled_from(["number", "number", "none", "string", "ancient"]),
    st.one_of(st.integers(-200, 200), st.integers(-700, 700)),
)
moves = st.tuples(
    st.just("advance"), st.sampled_from([0, 0.5, 10, 15, 30, 45, 59, 60, 100, 119, 120, 300, 900])
)
steps = st.one_of(
    puts,
    moves,
    st.tuples(st.sampled_from(["remove", "touch", "delete"]), keys),
    st.just(("toggle",)),
)


class Model:
    """key -> (Number TTL value or None, the moment its deletion window starts), and
    whether TTL is on."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[int | None, float]] = {}
        self.enabled = True

    def put(self, key: str, value: int | None, now: float) -> None:
        known = self.items.get(key)
        if known is not None and value is not None and known[0] == value:
            return  # the same TTL value: its deletion time stands
        self.items[key] = (value, max(float(value), now) if value is not None else 0.0)

    def enable(self, now: float) -> None:
        """TTL switched on at ``now``: every window starts again from then."""
        self.enabled = True
        for key, (value, _base) in self.items.items():
            if value is not None:
                self.items[key] = (value, max(float(value), now))


def run(cloud: Cloud, ops: list[tuple[Any, ...]]) -> None:
    table = cloud.dynamo.create_table(
        TableName="things",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    table.ttl = "expires"
    model = Model()
    for op in ops:
        now = cloud.clock.time()
        kind, *args = op
        if kind == "put":
            key, ttl_kind, offset = args
            value = {
                "number": int(now) + offset,
                "ancient": int(now) - FIVE_YEARS - abs(offset),
                "string": str(int(now) + offset),
                "none": None,
            }[ttl_kind]
            item = {"id": key} if value is None else {"id": key, "expires": value}
            table.put_item(Item=item)
            model.put(key, value if isinstance(value, int) else None, now)
        elif kind == "remove":
            table.update_item(Key={"id": args[0]}, UpdateExpression="REMOVE expires")
            if args[0] in model.items:
                model.put(args[0], None, now)
        elif kind == "touch":
            table.update_item(
                Key={"id": args[0]},
                UpdateExpression="SET n = if_not_exists(n, :z) + :one",
                ExpressionAttributeValues={":z": 0, ":one": 1},
            )
            if args[0] not in model.items:
                model.put(args[0], None, now)
        elif kind == "delete":
            table.delete_item(Key={"id": args[0]})
            model.items.pop(args[0], None)
        elif kind == "toggle":
            table.ttl = None if model.enabled else "expires"
            if model.enabled:
                model.enabled = False
            else:
                model.enable(now)
        else:
            cloud.advance(args[0])
        compare(cloud, table, model)


def compare(cloud: Cloud, table: Any, model: Model) -> None:
    now = cloud.clock.time()
    present = {i["id"] for i in table.scan()["Items"]}
    assert present <= set(model.items), "an item appeared from nowhere"
    if not model.enabled:
        assert present == set(model.items), "an item went while TTL was off"
        assert table.expired() == []
        return
    for key, (value, base) in list(model.items.items()):
        expirable = value is not None and now - FIVE_YEARS < value < now
        if key in present:
            assert not (expirable and now >= base + HIGH), f"{key} outlived its window"
        else:
            assert expirable, f"{key} was deleted although not expired"
            assert now >= base + LOW, f"{key} was deleted before the window opened"
            del model.items[key]
    expected = {
        k
        for k, (v, _base) in model.items.items()
        if v is not None and now - FIVE_YEARS < v < now and k in present
    }
    assert {i["id"] for i in table.expired()} == expected
    engine = cloud.engine("dynamodb")
    engine._check()
    engine._ttl_state("things")._check()


@settings(max_examples=150, deadline=None)
@given(ops=st.lists(steps, min_size=15, max_size=60), seed=st.integers(0, 3))
def test_ttl_matches_the_model(ops: list[tuple[Any, ...]], seed: int) -> None:
    """Whatever the writes, clock moves and switches, TTL deletes what its rules allow."""
    cloud = Cloud(
        clock=ManualClock(START),
        seed=seed,
        limits={
            "dynamodb": {
                "ttl_delete_min_seconds": LOW,
                "ttl_delete_max_seconds": HIGH,
                "ttl_change_interval_seconds": 0,  # toggles at any time
            }
        },
    )
    run(cloud, ops)
