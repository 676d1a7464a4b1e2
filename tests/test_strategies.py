"""pyserverless.strategies generates only values DynamoDB accepts."""

from __future__ import annotations

from decimal import Context, Decimal
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from pyserverless import strategies
from pyserverless.dynamo._types import (
    from_wire,
    item_from_wire_sized,
    item_size,
    number_text,
    to_wire,
    type_of,
    validate_key_value,
)
from pyserverless.strategies import attribute_names, attribute_values, items, key_values, numbers


def significant(number: Decimal) -> int:
    """How many significant digits a number has."""
    return len(number.normalize(Context(prec=100)).as_tuple().digits) if number else 0


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 1


class TestNumbers:
    """numbers() yields canonical, valid DynamoDB numbers."""

    @given(numbers())
    def test_valid_and_canonical(self, number: Decimal) -> None:
        """The wire form reads back equal; canonical (repr and all) where that fits 38 digits."""
        back = from_wire(to_wire(number))
        assert back == number
        if len(back.as_tuple().digits) <= 38:
            assert repr(back) == repr(number)

    @given(numbers())
    def test_boto3_serialises_every_number(self, number: Decimal) -> None:
        """boto3's TypeSerializer (38-digit context, Rounded trapped) accepts each one."""
        serializer = pytest.importorskip("boto3.dynamodb.types").TypeSerializer()
        assert Decimal(serializer.serialize(number)["N"]) == number

    def test_the_long_form_is_refused_by_boto3(self) -> None:
        """Why: DynamoDB's 126-digit form of 1E+125 is one boto3 cannot send."""
        import decimal

        serializer = pytest.importorskip("boto3.dynamodb.types").TypeSerializer()
        with pytest.raises(decimal.Rounded):
            serializer.serialize(Decimal("1" + "0" * 125))
        assert serializer.serialize(Decimal("1E+125")) == {"N": "1E+125"}

    @given(numbers(min_digits=30))
    def test_min_digits(self, number: Decimal) -> None:
        """min_digits bounds the significant digits from below."""
        assert len(number_text(number).lstrip("-").replace(".", "").strip("0")) >= 30

    def test_reaches_the_extremes(self) -> None:
        """The smallest and largest magnitudes and the full 38 digits are all generated."""
        # No shrinking: only that such numbers come out matters, and shrinking is slow.
        unshrunk = settings(phases=[Phase.generate], database=None, max_examples=2000)
        tiny = find(numbers(), lambda n: n != 0 and n.adjusted() == -130, settings=unshrunk)
        huge = find(numbers(), lambda n: n.adjusted() == 125, settings=unshrunk)
        wide = find(numbers(min_digits=36), lambda n: significant(n) == 38, settings=unshrunk)
        assert (tiny.adjusted(), huge.adjusted(), significant(wide)) == (-130, 125, 38)

    def test_bad_options(self) -> None:
        """Digit bounds outside 1..38 are a ValueError."""
        with pytest.raises(ValueError, match="max_digits"):
            numbers(max_digits=39)


class TestAttributeValues:
    """attribute_values() yields valid values of the types asked for."""

    @given(attribute_values())
    def test_valid(self, value: Any) -> None:
        """DynamoDB accepts every value, within the nesting limit."""
        assert from_wire(to_wire(value)) == value
        assert depth(value) <= 32

    @given(attribute_values(types={"SS", "NS", "BS"}))
    def test_types(self, value: Any) -> None:
        """Only the requested types come out, and sets are never empty."""
        assert type_of(value) in {"SS", "NS", "BS"}
        assert value

    @given(attribute_values(types={"M"}))
    def test_documents_only(self, value: Any) -> None:
        """Documents alone nest empty documents."""
        assert isinstance(value, dict)

    @given(attribute_values(wire=True))
    def test_wire(self, av: dict[str, Any]) -> None:
        """wire=True gives DynamoDB JSON with one type key."""
        assert len(av) == 1
        assert to_wire(from_wire(av)) == av

    def test_bad_types(self) -> None:
        """Unknown type names are a ValueError."""
        with pytest.raises(ValueError, match="types"):
            attribute_values(types={"X"})


class TestKeyValues:
    """key_values() yields values valid for a key attribute."""

    @given(st.data())
    def test_valid(self, data: st.DataObject) -> None:
        """validate_key_value accepts every value, for both roles and all types."""
        kind = data.draw(st.sampled_from(["S", "N", "B"]))
        role = data.draw(st.sampled_from(["HASH", "RANGE"]))
        value = data.draw(key_values(kind, role=role))
        validate_key_value("k", value, role=role, expected=kind)

    def test_bad_kind(self) -> None:
        """Only S, N and B are key types."""
        with pytest.raises(ValueError, match="S, N or B"):
            key_values("BOOL")
        with pytest.raises(ValueError, match="role"):
            key_values("S", role="SORT")


class TestItems:
    """items() yields valid items with their key attributes."""

    @given(items(keys={"pk": "S", "sk": "B"}))
    def test_keys_present_and_valid(self, item: dict[str, Any]) -> None:
        """Key attributes are present and valid; the item is within 400 KB."""
        validate_key_value("pk", item["pk"], role="HASH", expected="S")
        validate_key_value("sk", item["sk"], role="RANGE", expected="B")
        assert item_size(item) <= 409_600

    @given(items(wire=True))
    def test_wire(self, item: dict[str, Any]) -> None:
        """wire=True items convert and measure like native ones."""
        native, size = item_from_wire_sized(item)
        assert size == item_size(native)

    @given(attribute_names())
    def test_names(self, name: str) -> None:
        """Attribute names are never empty."""
        assert name


def test_all_is_sorted_and_complete() -> None:
    """The module's public names are exactly its sorted __all__."""
    public = {n for n in vars(strategies) if not n.startswith("_")}
    functions = {n for n in public if callable(getattr(strategies, n))}
    assert strategies.__all__ == sorted(strategies.__all__)
    ours = {
        n for n in functions if getattr(strategies, n).__module__.startswith(strategies.__name__)
    }
    assert ours == set(strategies.__all__)
    assert strategies.FaultPlan.__module__ == "pyserverless.strategies"


class TestBoto3AndTheResourceLayer:
    """Every generated item is one boto3 can send, and the resource layer stores it."""

    @given(items(keys={"pk": "S", "sk": "N"}))
    def test_items_pass_boto3_and_round_trip_through_the_resource(self, item: Any) -> None:
        """boto3 serialises the item; put through cloud.dynamo, it reads back equal."""
        serializer = pytest.importorskip("boto3.dynamodb.types").TypeSerializer()
        wire = {name: serializer.serialize(value) for name, value in item.items()}
        assert set(wire) == set(item)
        from pyserverless import Cloud

        cloud = Cloud.manual()
        table = cloud.dynamo.create_table(
            TableName="gen",
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "N"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        table.put_item(Item=item)
        got = table.get_item(Key={"pk": item["pk"], "sk": item["sk"]})["Item"]
        assert got == item
