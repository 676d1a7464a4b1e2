"""Condition builders: ours and boto3's build the same expressions, which compile."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from boto3.dynamodb import conditions as b3

from pyserverless.dynamo import conditions
from pyserverless.dynamo._expressions import compile_request
from pyserverless.dynamo.conditions import Attr, Key, build

CASES = [
    lambda K, A: K("pk").eq("x"),
    lambda K, A: K("pk").eq("x") & K("sk").begins_with("a"),
    lambda K, A: K("pk").eq(1) & K("sk").between(1, 5),
    lambda K, A: K("pk").eq(1) & (K("sk").lt(1) | K("sk").lte(1) | K("sk").gt(1) | K("sk").gte(1)),
    lambda K, A: A("a.b[2].c").ne("v") | ~A("d").exists(),
    lambda K, A: A("x").is_in([1, 2, 3]) & A("y").not_exists(),
    lambda K, A: A("t").attribute_type("SS") & A("s").contains("z"),
    lambda K, A: A("l").size().gt(2) & A("m").size().between(1, 4),
    lambda K, A: ~(A("a").eq(1) & A("b").eq(2)) | A("c").begins_with("p"),
]


class TestBuild:
    """build() gives boto3's output for boto3's objects and for ours."""

    @pytest.mark.parametrize("make", CASES)
    def test_same_as_boto3(self, make: Any) -> None:
        """Our builders, boto3's objects through build(), and boto3's builder all agree."""
        theirs = b3.ConditionExpressionBuilder().build_expression(make(b3.Key, b3.Attr))
        expected = (
            theirs.condition_expression,
            theirs.attribute_name_placeholders,
            theirs.attribute_value_placeholders,
        )
        assert build(make(Key, Attr)) == expected
        assert build(make(b3.Key, b3.Attr)) == expected

    @pytest.mark.parametrize("make", CASES)
    def test_compiles(self, make: Any) -> None:
        """Every built expression is valid for compile_request."""
        expression, names, values = build(make(Key, Attr))
        native = {k: Decimal(v) if isinstance(v, int) else v for k, v in values.items()}
        compiled = compile_request(names=names, values=native, condition=expression)
        assert compiled.condition is not None

    def test_built_condition_evaluates(self) -> None:
        """A built condition evaluates as the builder reads."""
        expression, names, values = build(Attr("n").gte(Decimal(3)) & Attr("s").exists())
        c = compile_request(names=names, values=values, filter=expression).filter
        assert c is not None
        assert c.evaluate({"n": Decimal(3), "s": "x"})
        assert not c.evaluate({"n": Decimal(2), "s": "x"})

    def test_key_only(self) -> None:
        """key=True refuses Attr, as boto3 does for KeyConditionExpression."""
        with pytest.raises(ValueError, match="only supports Attribute objects of type Key"):
            build(Key("pk").eq(1) & Attr("x").eq(2), key=True)
        assert build(Key("pk").eq(1), key=True)[0] == "#n0 = :v0"

    def test_not_a_condition(self) -> None:
        """Strings and attributes are not conditions."""
        with pytest.raises(TypeError):
            build("a = :v")
        with pytest.raises(TypeError):
            Key("a").eq(1) & "b"  # type: ignore[operator]


class TestExports:
    """The public module lists exactly its public names."""

    def test_all(self) -> None:
        """__all__ is sorted and matches the public names."""
        public = sorted(
            n for n, v in vars(conditions).items()
            if not n.startswith("_") and getattr(v, "__module__", None) == conditions.__name__
        )  # fmt: skip
        assert conditions.__all__ == sorted(conditions.__all__) == public
