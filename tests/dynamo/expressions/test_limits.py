"""Quotas on expressions and their placeholder maps, and where functions may appear.

Messages: DynamoDB Local's message table and captures against DynamoDB quoted in public
projects (ExtendDB, floci, ScyllaDB's Alternator tests, dynalite); see _messages.py.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from typing import Any

import pytest

from pyserverless.dynamo._errors import ValidationException
from pyserverless.dynamo._expressions import compile_request
from pyserverless.dynamo._limits import DynamoDBLimits

D = Decimal
TOO_MANY = "The expression contains too many operators; operator count: 301"


def reject(**request: Any) -> str:
    request.setdefault("names", None)
    request.setdefault("values", None)
    with pytest.raises(ValidationException) as info:
        compile_request(**request)
    return info.value.message


def names_of(count: int) -> list[str]:
    """``count`` distinct short attribute names (``q0``, ``q1``, ..., ``qa``, ...)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    return ["q" + (digits[i // 36] if i >= 36 else "") + digits[i % 36] for i in range(count)]


class TestPlaceholderLength:
    """A placeholder (``#``/``:`` included) may be 255 bytes; the name it stands for more."""

    def test_name_key_at_and_over_the_limit(self) -> None:
        """255 bytes pass; 256 are rejected with the size, before the key's syntax."""
        ok = "#" + "n" * 254
        compile_request(names={ok: "a"}, values=None, projection=ok)
        long = "#" + "n" * 255
        assert reject(names={long: "a"}, projection=long) == (
            "ExpressionAttributeNames contains invalid key: The expression attribute map "
            "contains a key that is too long; size of key: 256"
        )
        bad_and_long = "#" + "n" * 255 + "-"
        assert reject(names={bad_and_long: "a"}, projection="a").endswith("size of key: 257")

    def test_name_key_counts_utf8_bytes(self) -> None:
        """The size is in UTF-8 bytes: 128 two-byte characters after ``#`` are 257."""
        key = "#" + "é" * 128
        assert reject(names={key: "a"}, projection="a").endswith("size of key: 257")

    def test_value_key_over_the_limit(self) -> None:
        """The values map's message carries no size."""
        ok = ":" + "v" * 254
        compile_request(names=None, values={ok: "x"}, condition=f"a = {ok}")
        long = ":" + "v" * 255
        assert reject(values={long: "x"}, condition="a = :v") == (
            "ExpressionAttributeValues contains invalid key: The expression attribute map "
            "contains a key that is too long;"
        )

    def test_attribute_name_itself_may_be_longer(self) -> None:
        """The limit is on the placeholder, not on the attribute name it maps to."""
        name = "n" * 1000
        c = compile_request(names={"#n": name}, values=None, condition="attribute_exists(#n)")
        assert c.condition is not None and c.condition.evaluate({name: "x"})

    def test_limit_is_configurable(self) -> None:
        """The quota is DynamoDBLimits.max_placeholder_bytes."""
        limits = DynamoDBLimits(max_placeholder_bytes=3)
        with pytest.raises(ValidationException, match="size of key: 4"):
            compile_request(names={"#abc": "a"}, values=None, projection="#abc", limits=limits)


class TestPlaceholderMapSize:
    """ExpressionAttributeNames and ExpressionAttributeValues share a 2 MB quota."""

    def test_default_is_two_megabytes(self) -> None:
        """A value just over 2 MB is rejected; DynamoDBLimits holds the quota."""
        assert DynamoDBLimits().max_expression_maps_bytes == 2 * 1024 * 1024
        big = "x" * (2 * 1024 * 1024)
        assert reject(values={":v": big}, condition="a = :v") == (
            "ExpressionAttributeValues exceeds max size"
        )
        fits = "x" * (2 * 1024 * 1024 - 2)  # plus the 2-byte key: exactly 2 MB
        compile_request(names=None, values={":v": fits}, condition="a = :v")

    def test_each_map_then_both(self) -> None:
        """Names alone, values alone, then the two together (keys count too)."""
        limits = DynamoDBLimits(max_expression_maps_bytes=20)
        names = {"#n": "é" * 9}  # 2 + 18 bytes = 20
        values = {":v": "x" * 18}  # 2 + 18 bytes = 20
        compile_request(names=names, values=None, projection="#n", limits=limits)
        compile_request(names=None, values=values, condition="a = :v", limits=limits)
        with pytest.raises(ValidationException) as info:
            compile_request(names={"#n": "é" * 10}, values=None, projection="#n", limits=limits)
        assert info.value.message == "ExpressionAttributeNames exceeds max size"
        with pytest.raises(ValidationException) as info:
            compile_request(names=names, values=values, condition="#n = :v", limits=limits)
        assert info.value.message == (
            "Combined size of ExpressionAttributeNames and ExpressionAttributeValues "
            "exceeds max size"
        )

    def test_value_sizes_follow_item_sizes(self) -> None:
        """A value counts as it would in an item: a list is 3 bytes + 1 per element."""
        limits = DynamoDBLimits(max_expression_maps_bytes=10)
        values = {":v": ["ab", "c"]}  # 2 + (3 + 3 + 2) = 10
        compile_request(names=None, values=values, condition="a = :v", limits=limits)
        with pytest.raises(ValidationException, match="ExpressionAttributeValues exceeds"):
            compile_request(
                names=None, values={":v": ["ab", "cd"]}, condition="a = :v", limits=limits
            )


class TestPathNesting:
    """A document path may have 32 elements (names and list indexes)."""

    @pytest.mark.parametrize(
        ("kind", "template"),
        [
            ("projection", "{path}"),
            ("condition", "attribute_exists({path})"),
            ("update", "SET {path} = :v"),
        ],
    )
    def test_thirty_two_levels(self, kind: str, template: str) -> None:
        """32 levels pass; 33 are rejected with the count, in every expression kind."""
        label = {"projection": "Projection", "condition": "Condition", "update": "Update"}
        values = {":v": "x"} if kind == "update" else None
        ok = template.format(path="a" + ".b" * 31)
        compile_request(names=None, values=values, **{kind: ok})  # type: ignore[arg-type]
        deep = template.format(path="a" + ".b" * 32)
        assert reject(values=values, **{kind: deep}) == (
            f"Invalid {label[kind]}Expression: The document path has too many nesting "
            "levels; nesting levels: 33"
        )

    def test_list_indexes_count(self) -> None:
        """Each index is a level."""
        message = reject(projection="a" + "[0]" * 32)
        assert message.endswith("nesting levels: 33")

    def test_list_index_range(self) -> None:
        """An index must fit a Java int."""
        compile_request(names=None, values=None, projection="a[2147483647]")
        assert reject(projection="a[2147483648]") == (
            "Invalid ProjectionExpression: List index is not within the allowable range; "
            "index: [2147483648]"
        )


class TestOperatorLimit:
    """At most 300 operators and functions per expression; paths, values and actions are free."""

    def test_condition_counts_logic_comparisons_and_functions(self) -> None:
        """Each comparison, AND, OR, NOT and function counts one."""
        base = " AND ".join(f"size({n}) = :v" for n in names_of(99))  # 198 + 98 = 296
        ok = base + " OR q0 = :v AND q1 = :v"  # + OR, AND and two comparisons = 300
        compile_request(names=None, values={":v": D(1)}, condition=ok)
        over = base + " OR q0 = :v AND NOT q1 = :v"
        assert reject(values={":v": D(1)}, condition=over) == (
            f"Invalid ConditionExpression: {TOO_MANY}"
        )

    def test_filter_and_key_condition(self) -> None:
        """Filters and key conditions are held to the same limit."""
        filter_ = " OR ".join(f"{n} = :v" for n in names_of(151))  # 151 + 150 = 301
        assert reject(values={":v": "x"}, filter=filter_) == f"Invalid FilterExpression: {TOO_MANY}"

    def test_update_counts_arithmetic_and_functions(self) -> None:
        """``SET x = x + :v`` counts 1; ``if_not_exists`` counts 1 more."""
        sets = [f"{n}={n}+:v" for n in names_of(299)]
        ok = "SET " + ",".join(sets) + ",z=if_not_exists(z,:v)"
        assert len(ok) <= 4096
        compile_request(names=None, values={":v": D(1)}, update=ok)
        over = "SET " + ",".join(sets) + ",z=if_not_exists(z,:v)+:v"
        assert reject(values={":v": D(1)}, update=over) == (f"Invalid UpdateExpression: {TOO_MANY}")

    def test_update_actions_do_not_count(self) -> None:
        """400 plain assignments and removals are accepted."""
        update = "SET " + ", ".join(f"{n} = :v" for n in names_of(400)[:300])
        update += " REMOVE " + ", ".join(names_of(400)[300:])
        c = compile_request(names=None, values={":v": "x"}, update=update)
        assert c.update is not None and len(c.update.actions) == 400

    def test_limit_is_configurable(self) -> None:
        """The quotas are DynamoDBLimits.max_condition_operators / max_update_operators."""
        limits = DynamoDBLimits(max_condition_operators=3, max_update_operators=1)
        compile_request(names=None, values=None, condition="a = b AND c = d", limits=limits)
        with pytest.raises(ValidationException, match="operator count: 4"):
            compile_request(
                names=None, values=None, condition="NOT (a = b AND c = d)", limits=limits
            )
        with pytest.raises(ValidationException, match="operator count: 2"):
            compile_request(
                names=None, values=None, update="SET a = b + c, d = e - f", limits=limits
            )


class TestDeepNesting:
    """Nesting that fits in 4 KB is parsed, as DynamoDB parses it."""

    def test_deep_condition_within_the_operator_limit(self) -> None:
        """299 nested ``NOT (`` levels compile and evaluate; the recursion limit is restored."""
        before = sys.getrecursionlimit()
        text = "NOT (" * 299 + "a = :v" + ")" * 299  # 300 operators
        c = compile_request(names=None, values={":v": "x"}, condition=text).condition
        assert c is not None
        assert c.evaluate({"a": "y"}) and not c.evaluate({"a": "x"})  # odd number of NOTs
        assert sys.getrecursionlimit() == before

    @pytest.mark.parametrize(
        "text",
        [
            "NOT " * 1000 + "a = :v",
            "(a = :v OR " * 300 + "b = :v" + ")" * 300,
        ],
        ids=["NOT-chain", "nested-OR"],
    )
    def test_four_kilobytes_of_nesting_reports_the_operator_limit(self, text: str) -> None:
        """Deeper than Python's default stack: the answer is DynamoDB's, not a syntax error."""
        assert len(text) <= 4096
        assert reject(values={":v": "x"}, condition=text) == (
            f"Invalid ConditionExpression: {TOO_MANY}"
        )

    def test_deep_update_value(self) -> None:
        """Parenthesised arithmetic nested 600 deep parses; its operators are counted."""
        text = "SET a = " + "b + (" * 600 + ":v" + ")" * 600
        assert len(text) <= 4096
        assert reject(values={":v": D(1)}, update=text) == f"Invalid UpdateExpression: {TOO_MANY}"

    def test_redundant_parentheses_stay_redundant(self) -> None:
        """``((((a = :v))))`` 2000 deep is still DynamoDB's redundant-parentheses error."""
        text = "(" * 2000 + "a = :v" + ")" * 2000
        assert reject(values={":v": "x"}, condition=text) == (
            "Invalid ConditionExpression: The expression has redundant parentheses;"
        )


class TestFunctionPlacement:
    """Update functions only in updates, condition functions only in conditions."""

    @pytest.mark.parametrize(
        ("request_", "message"),
        [
            (
                {"condition": "if_not_exists(s, :f) = :f", "values": {":f": "x"}},
                (
                    "Invalid ConditionExpression: The function is not allowed in a condition "
                    "expression; function: if_not_exists"
                ),
            ),
            (
                {"filter": "list_append(a, :f) = :f", "values": {":f": ["x"]}},
                (
                    "Invalid FilterExpression: The function is not allowed in a condition "
                    "expression; function: list_append"
                ),
            ),
            (
                {"update": "SET r = contains(s, :n)", "values": {":n": "e"}},
                (
                    "Invalid UpdateExpression: The function is not allowed in an update "
                    "expression; function: contains"
                ),
            ),
            (
                {"update": "SET r = size(s)"},
                (
                    "Invalid UpdateExpression: The function is not allowed in an update "
                    "expression; function: size"
                ),
            ),
            (
                {"update": "SET r = attribute_exists(s)"},
                (
                    "Invalid UpdateExpression: The function is not allowed in an update "
                    "expression; function: attribute_exists"
                ),
            ),
            (
                {
                    "update": "SET r = list_append(list_append(l, :t), :u)",
                    "values": {":t": ["b"], ":u": ["c"]},
                },
                (
                    "Invalid UpdateExpression: The function is not allowed to be used this way in "
                    "an expression; function: list_append"
                ),
            ),
            (
                {
                    "update": "SET r = if_not_exists(if_not_exists(n, :z), :o)",
                    "values": {":z": D(0), ":o": D(1)},
                },
                (
                    "Invalid UpdateExpression: Operator or function requires a document path; "
                    "operator or function: if_not_exists"
                ),
            ),
            (
                {"condition": "size(a)"},
                (
                    "Invalid ConditionExpression: The function is not allowed to be used this way "
                    "in an expression; function: size"
                ),
            ),
        ],
    )
    def test_rejected(self, request_: dict[str, Any], message: str) -> None:
        """Each is rejected with DynamoDB's words."""
        assert reject(**request_) == message

    def test_if_not_exists_inside_list_append(self) -> None:
        """DynamoDB accepts ``list_append(if_not_exists(l, :empty), :tail)``."""
        c = compile_request(
            names=None,
            values={":e": [], ":t": ["b"]},
            update="SET l = list_append(if_not_exists(l, :e), :t)",
        )
        assert c.update is not None
        assert c.update.apply({})[0] == {"l": ["b"]}


class TestStringSize:
    """``size()`` of a string is its length in UTF-16 code units, as DynamoDB counts it."""

    @pytest.mark.parametrize(
        ("text", "size"), [("abc", 3), ("héllo", 5), ("é𝄞", 3), ("😀😀", 4), ("", 0)]
    )
    def test_size(self, text: str, size: int) -> None:
        """Astral characters count 2."""
        c = compile_request(names=None, values={":n": D(size)}, filter="size(s) = :n").filter
        assert c is not None and c.evaluate({"s": text})


class TestClauseOperandTypes:
    """ADD and DELETE operand-type errors name the type set, as DynamoDB does today."""

    def test_add_boolean(self) -> None:
        """A BOOL operand is named BOOL."""
        assert reject(update="ADD n :v", values={":v": True}) == (
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator: ADD, operand type: BOOL, typeSet: ALLOWED_FOR_ADD_OPERAND"
        )

    def test_delete_list(self) -> None:
        """DELETE names the ADD type set too."""
        assert reject(update="DELETE s :v", values={":v": ["m"]}) == (
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator: DELETE, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND"
        )


class TestAttributeNameLength:
    """A name in ExpressionAttributeNames may be 65,535 bytes."""

    def test_at_and_over_the_limit(self) -> None:
        """65,535 bytes pass; 65,536 are rejected with DynamoDB's words."""
        ok = "n" * 65535
        compile_request(names={"#n": ok}, values=None, projection="#n")
        assert reject(names={"#n": ok + "n"}, projection="#n") == (
            "1 validation error detected: Attribute name is too large, must be less than "
            "65536 bytes"
        )
        assert reject(names={"#n": "é" * 32768}, projection="#n").endswith("65536 bytes")
