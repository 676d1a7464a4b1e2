"""The type system against boto3's TypeSerializer/TypeDeserializer on the same items.

Two items, about 1 KB and 100 KB by DynamoDB's size rules, of mixed types (strings,
numbers, binary, sets, lists of maps). For each, per second:

* wire -> native: pyserverless ``item_from_wire_sized`` (convert, validate every value
  as DynamoDB does, and size the item, in one pass) against boto3 ``TypeDeserializer``
  over the same attributes (convert only);
* native -> wire: ``item_to_wire`` against ``TypeSerializer``;
* resource input: ``item_from_python_sized`` (boto3's client-side checks, DynamoDB's
  validation, size) against ``TypeSerializer`` on the same Python item.

Ratio > 1 means pyserverless is faster. Run: ``python -m benchmarks.bench_types``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from benchmarks._common import per_second, record, table
from pyserverless.dynamo._types import (
    item_from_python_sized,
    item_from_wire_sized,
    item_size,
    item_to_python,
    item_to_wire,
)


def make_item(target: int) -> dict[str, Any]:
    """A deterministic native item of at least ``target`` bytes (aws-facts A1)."""
    item: dict[str, Any] = {
        "pk": "customer#000123",
        "sk": "order#2026-11-26T15:00:00Z",
        "total": Decimal("1234.56"),
        "count": Decimal(42),
        "active": True,
        "note": None,
        "tags": {"new", "priority", "gift"},
        "scores": {Decimal(1), Decimal("2.5"), Decimal(10)},
        "blob": b"\x00\x01\x02" * 8,
        "lines": [],
    }
    i = 0
    while item_size(item) < target:
        item["lines"].append(
            {
                "sku": f"SKU-{i:06d}",
                "qty": Decimal(i % 7 + 1),
                "price": Decimal(f"{i % 100}.99"),
                "name": "Widget with a moderately long product name",
                "flags": [True, False, None],
            }
        )
        i += 1
    return item


def main() -> None:
    serializer, deserializer = TypeSerializer(), TypeDeserializer()
    rows: list[list[str]] = []
    for label, target in (("1 KB", 1024), ("100 KB", 100 * 1024)):
        native = make_item(target)
        wire = item_to_wire(native)
        python = item_to_python(native)
        size = item_size(native)
        assert item_from_wire_sized(wire) == (native, size)
        assert {k: deserializer.deserialize(v) for k, v in wire.items()} == python
        pairs = [
            (
                "wire -> native (+validate, size)",
                lambda w=wire: item_from_wire_sized(w),
                lambda w=wire: {k: deserializer.deserialize(v) for k, v in w.items()},
            ),
            (
                "native -> wire",
                lambda n=native: item_to_wire(n),
                lambda p=python: {k: serializer.serialize(v) for k, v in p.items()},
            ),
            (
                "resource input (+validate, size)",
                lambda p=python: item_from_python_sized(p),
                lambda p=python: {k: serializer.serialize(v) for k, v in p.items()},
            ),
        ]
        for name, ours, theirs in pairs:
            min_time = 0.3 if target < 10_000 else 0.6
            a = per_second(ours, min_time=min_time)
            b = per_second(theirs, min_time=min_time)
            rows.append([f"{label} ({size:,} B)", name, f"{a:,.0f}", f"{b:,.0f}", f"{a / b:.2f}x"])
    header = ["item", "operation", "pyserverless/s", "boto3/s", "ratio"]
    text = (
        "Type conversion: pyserverless `_types` against boto3 `TypeSerializer`/"
        "`TypeDeserializer` on the same items, calls per second (pyserverless also "
        "validates every value and measures the item).\n\n" + table(header, rows)
    )
    print(text)
    record("types", text)


if __name__ == "__main__":
    main()
