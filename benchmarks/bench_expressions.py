"""DynamoDB expressions: one typical filter over 10,000 items, against moto's evaluator.

* evaluate: the compiled filter over 10,000 native items (pyserverless) against moto's
  ``get_filter_expression(...).expr(item)`` over the same items as moto ``Item`` objects;
  reported as items per second;
* parse: a fresh parse, a parse-cache hit, and a whole repeated ``compile_request``
  (parse and bound condition both cached) against moto parsing the same expression;
* build: ``conditions.build`` against boto3's ``ConditionExpressionBuilder``.

Ratio > 1 means pyserverless is faster. Run: ``python -m benchmarks.bench_expressions``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from boto3.dynamodb.conditions import Attr as B3Attr
from boto3.dynamodb.conditions import ConditionExpressionBuilder
from boto3.dynamodb.conditions import Key as B3Key
from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.models.dynamo_type import DynamoType, Item

from benchmarks._common import per_second, record, table
from pyserverless.dynamo._expressions import compile_request, parse
from pyserverless.dynamo._types import item_to_wire
from pyserverless.dynamo.conditions import Attr, Key, build

FILTER = (
    "#s = :open AND qty BETWEEN :lo AND :hi AND begins_with(sku, :p) AND attribute_exists(price)"
)
NAMES = {"#s": "status"}
VALUES: dict[str, Any] = {":open": "open", ":lo": Decimal(2), ":hi": Decimal(8), ":p": "SKU-1"}
N_ITEMS = 10_000


def make_items() -> list[dict[str, Any]]:
    items = []
    for i in range(N_ITEMS):
        item: dict[str, Any] = {
            "pk": f"order#{i:05d}",
            "status": ("open", "closed", "held")[i % 3],
            "qty": Decimal(i % 11),
            "sku": f"SKU-{i % 300:03d}",
            "tags": {"a", "b"},
            "lines": [{"n": Decimal(1)}],
        }
        if i % 4:
            item["price"] = Decimal(f"{i % 100}.5")
        items.append(item)
    return items


def main() -> None:
    items = make_items()
    compiled = compile_request(names=NAMES, values=VALUES, filter=FILTER).filter
    assert compiled is not None
    evaluate = compiled.evaluate

    wire_values = {k: item_to_wire({"v": v})["v"] for k, v in VALUES.items()}
    moto_filter = get_filter_expression(FILTER, NAMES, wire_values)
    moto_items = [
        Item(hash_key=DynamoType({"S": it["pk"]}), range_key=None, attrs=item_to_wire(it))
        for it in items
    ]
    ours_matches = sum(1 for it in items if evaluate(it))
    moto_matches = sum(1 for it in moto_items if moto_filter.expr(it))
    assert ours_matches == moto_matches, (ours_matches, moto_matches)

    rows: list[list[str]] = []
    a = per_second(lambda: [evaluate(it) for it in items], min_time=1.0) * N_ITEMS
    b = per_second(lambda: [moto_filter.expr(it) for it in moto_items], min_time=1.0) * N_ITEMS
    rows.append(
        [f"evaluate filter ({ours_matches:,} of {N_ITEMS:,} match)", "items/s",
         f"{a:,.0f}", f"{b:,.0f}", f"{a / b:.1f}x"]
    )  # fmt: skip

    fresh = per_second(lambda: parse.__wrapped__("condition", FILTER), min_time=0.3)
    hit = per_second(lambda: parse("condition", FILTER), min_time=0.3)
    full = per_second(
        lambda: compile_request(names=NAMES, values=VALUES, filter=FILTER), min_time=0.3
    )
    moto_parse = per_second(lambda: get_filter_expression(FILTER, NAMES, wire_values), min_time=0.3)
    rows.append(["parse, fresh", "µs/call", f"{1e6 / fresh:,.1f}", f"{1e6 / moto_parse:,.1f}",
                 f"{fresh / moto_parse:.1f}x"])  # fmt: skip
    rows.append(["parse, cache hit", "µs/call", f"{1e6 / hit:,.2f}", f"{1e6 / moto_parse:,.1f}",
                 f"{hit / moto_parse:.0f}x"])  # fmt: skip
    rows.append(["compile_request, repeated request", "µs/call", f"{1e6 / full:,.1f}",
                 f"{1e6 / moto_parse:,.1f}", f"{full / moto_parse:.1f}x"])  # fmt: skip

    def b3_build() -> object:
        cond = B3Key("pk").eq("x") & B3Attr("qty").between(2, 8) & B3Attr("price").exists()
        return ConditionExpressionBuilder().build_expression(cond)

    def our_build() -> object:
        return build(Key("pk").eq("x") & Attr("qty").between(2, 8) & Attr("price").exists())

    ours_b, theirs_b = per_second(our_build, min_time=0.3), per_second(b3_build, min_time=0.3)
    rows.append(["build condition (vs boto3 builder)", "µs/call", f"{1e6 / ours_b:,.1f}",
                 f"{1e6 / theirs_b:,.1f}", f"{ours_b / theirs_b:.1f}x"])  # fmt: skip

    header = ["workload", "unit", "pyserverless", "peer", "ratio"]
    text = (
        f"Expressions: the filter `{FILTER}` parsed once and evaluated over {N_ITEMS:,} "
        "items, against moto's expression code (`moto.dynamodb.comparisons`) on the same "
        "items; parsing cost with and without the parse cache; condition building against "
        f"boto3. A parse-cache hit costs {hit / fresh:,.0f}x less than a fresh parse.\n\n"
        + table(header, rows)
    )
    print(text)
    record("expressions", text)


if __name__ == "__main__":
    main()
