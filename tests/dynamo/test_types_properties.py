"""Properties of the type system, with boto3's TypeSerializer/TypeDeserializer as oracle."""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Set as AbstractSet
from decimal import Decimal
from typing import Any

import pytest
from boto3.dynamodb.types import Binary as Boto3Binary
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from hypothesis import assume, given
from hypothesis import strategies as st

from pyserverless.dynamo import SerializationException, ValidationException
from pyserverless.dynamo._types import (
    from_python,
    from_wire,
    from_wire_sized,
    item_from_python_sized,
    item_from_wire_sized,
    item_size,
    item_to_wire,
    key_order,
    number_size,
    number_text,
    parse_number,
    to_python,
    to_wire,
    value_size,
)
from pyserverless.strategies import attribute_values, items, key_values, numbers

SERIALIZER = TypeSerializer()
DESERIALIZER = TypeDeserializer()


def canonical_wire(av: Any) -> Any:
    """DynamoDB JSON with set members sorted and binaries as bytes, for comparison."""
    ((tag, raw),) = av.items()
    if tag in ("SS", "NS", "BS"):
        members = [bytes(getattr(m, "value", m)) if tag == "BS" else m for m in raw]
        if tag == "NS":
            return {tag: [number_text(n) for n in sorted(Decimal(str(m)) for m in raw)]}
        return {tag: sorted(members)}
    if tag == "L":
        return {"L": [canonical_wire(v) for v in raw]}
    if tag == "M":
        return {"M": {k: canonical_wire(v) for k, v in raw.items()}}
    if tag == "B":
        return {"B": bytes(getattr(raw, "value", raw))}
    if tag == "N":
        return {"N": number_text(Decimal(raw))}
    return {tag: raw}


def boto3_can_read(value: Any) -> bool:
    """boto3's context (prec 38, Emin -128) traps Rounded on numbers over 38 characters
    of digits (boto3 issues #2500, #4693) and Underflow on digits below 1E-165, though
    DynamoDB returns both: those cannot go through the oracle."""
    if isinstance(value, Decimal):
        # What goes on the wire is DynamoDB's canonical form (1E+38 is 39 digits).
        digits, exponent = Decimal(number_text(value)).as_tuple()[1:]
        return len(digits) <= 38 and isinstance(exponent, int) and exponent >= -165
    if isinstance(value, dict):
        return all(boto3_can_read(v) for v in value.values())
    if isinstance(value, (list, AbstractSet)):
        return all(boto3_can_read(v) for v in value)
    return True


def resource_style(value: Any, choice: int) -> Any:
    """The same value as a boto3 resource-layer user might write it."""
    if isinstance(value, Decimal) and choice % 2 and value == value.to_integral_value():
        return int(value)
    if isinstance(value, bytes):
        return (value, bytearray(value), Boto3Binary(value))[choice % 3]
    if isinstance(value, list):
        converted = [resource_style(v, choice + i) for i, v in enumerate(value)]
        return tuple(converted) if choice % 2 else converted
    if isinstance(value, dict):
        return {k: resource_style(v, choice + i) for i, (k, v) in enumerate(value.items())}
    if isinstance(value, set):
        members = {bytes(m) if isinstance(m, bytes) else m for m in value}
        return frozenset(members) if choice % 2 else members
    return value


class TestRoundTrips:
    """Conversions are inverse to each other on valid values."""

    @given(attribute_values())
    def test_wire_round_trip(self, value: Any) -> None:
        """from_wire(to_wire(v)) == v, and to_wire is a fixed point after one trip."""
        wire = to_wire(value)
        assert from_wire(wire) == value
        assert to_wire(from_wire(wire)) == wire

    @given(attribute_values())
    def test_python_round_trip(self, value: Any) -> None:
        """from_python(to_python(v)) == v (where boto3 itself could send v back)."""
        assume(boto3_can_read(value))
        assert from_python(to_python(value)) == value

    @given(items(keys={"pk": "S", "sk": "N"}))
    def test_item_round_trip_and_sizes_agree(self, item: dict[str, Any]) -> None:
        """Every path measures an item the same."""
        native, size = item_from_wire_sized(item_to_wire(item))
        assert native == item
        assert size == item_size(item)
        if boto3_can_read(item):
            assert size == item_from_python_sized(to_python(item))[1]

    @given(numbers())
    def test_number_text(self, number: Decimal) -> None:
        """The returned text is plain, re-reads to the same value and size."""
        text = number_text(number)
        assert "E" not in text and "e" not in text
        assert not text.startswith("0") or text == "0" or text.startswith("0.")
        assert parse_number(text) == (number, number_size(number))
        assert Decimal(text) == number


def spellings(number: Decimal) -> st.SearchStrategy[str]:
    """Other texts of the same number: padded zeros, exponent forms, a plus sign."""
    text = number_text(number)
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    return st.sampled_from(
        [
            text,
            f"{sign}00{whole}.{fraction}000",
            f"{sign}{whole}.{fraction}0" if fraction else f"{sign}{whole}.",
            format(number, "E"),
            format(number, "e").replace("e+", "e"),
            ("+" + text) if not sign else text,
            f"{sign}{digits}E0",
        ]
    )


class TestSpellings:
    """Every spelling of a number reads as the same canonical value and size."""

    @given(st.data(), numbers())
    def test_spellings_agree(self, data: st.DataObject, number: Decimal) -> None:
        """The fast paths and the general reader agree."""
        text = data.draw(spellings(number))
        assert parse_number(text) == (number, number_size(number))
        # The strategy writes numbers of over 38 canonical digits in exponent form.
        assert repr(parse_number(text)[0]) == repr(Decimal(number_text(number)))


class TestOracle:
    """boto3's own TypeSerializer/TypeDeserializer agree on every generated value."""

    @given(attribute_values())
    def test_deserializer_agrees(self, value: Any) -> None:
        """TypeDeserializer(to_wire(v)) == to_python(v)."""
        assume(boto3_can_read(value))
        assert DESERIALIZER.deserialize(to_wire(value)) == to_python(value)

    @given(attribute_values())
    def test_serializer_agrees(self, value: Any) -> None:
        """TypeSerializer(to_python(v)) is to_wire(v), up to set order."""
        assume(boto3_can_read(value))
        # Up to set order: a number set follows its own order, the others are sorted.
        serialized = canonical_wire(SERIALIZER.serialize(to_python(value)))
        assert serialized == canonical_wire(to_wire(value))

    @given(attribute_values(), st.integers(0, 5))
    def test_from_python_is_boto3_then_dynamodb(self, value: Any, choice: int) -> None:
        """from_python(x) == from_wire(TypeSerializer(x)) for resource-style inputs."""
        given_value = resource_style(value, choice)
        try:
            expected = from_wire(SERIALIZER.serialize(given_value))
        except (decimal.DecimalException, TypeError) as err:
            # boto3 refuses it client-side; so must we, the same way.
            try:
                from_python(given_value)
            except type(err):
                return
            raise AssertionError(f"boto3 raised {err!r}, from_python did not") from None
        assert from_python(given_value) == expected == value

    @given(st.decimals(allow_nan=False, allow_infinity=False))
    def test_any_decimal_like_boto3_then_dynamodb(self, number: Decimal) -> None:
        """For any Decimal: boto3's error, else DynamoDB's error, else the same value."""
        try:
            wire = SERIALIZER.serialize(number)
        except decimal.DecimalException as err:
            try:
                from_python(number)
            except type(err):
                return
            raise AssertionError(f"boto3 raised {err!r}") from None
        try:
            expected = from_wire(wire)
        except ValidationException as err:
            rejected = err.message
        else:
            assert from_python(number) == expected == number
            return
        with pytest.raises(ValidationException) as ours:
            from_python(number)
        assert ours.value.message == rejected


class TestSizes:
    """Sizes follow aws-facts A1 and agree on every path."""

    @given(attribute_values())
    def test_value_size_matches_wire_size(self, value: Any) -> None:
        """value_size(v) == the size measured while converting from the wire."""
        assert value_size(value) == from_wire_sized(to_wire(value))[1]

    @given(numbers())
    def test_number_size_by_base_100_digits(self, number: Decimal) -> None:
        """An independent count: pad the plain digits to pairs around the point and
        count the pairs left after dropping all-zero pairs at both ends."""
        text = number_text(number)
        if text == "0":
            assert number_size(number) == 1
            return
        digits = text.lstrip("-")
        whole, _, fraction = digits.partition(".")
        whole = whole.lstrip("0")
        whole = ("0" if len(whole) % 2 else "") + whole
        fraction = fraction + ("0" if len(fraction) % 2 else "")
        pairs = [(whole + fraction)[i : i + 2] for i in range(0, len(whole + fraction), 2)]
        while pairs[0] == "00":
            pairs.pop(0)
        while pairs[-1] == "00":
            pairs.pop()
        expected = min(1 + len(pairs) + text.startswith("-"), 21)
        assert number_size(number) == expected


class TestKeyOrder:
    """Key order is DynamoDB's."""

    @given(st.lists(key_values("S")))
    def test_strings_sort_by_utf8(self, values: list[str]) -> None:
        """key_order on str sorts as the UTF-8 bytes do."""
        assert sorted(values, key=key_order) == sorted(values, key=lambda s: s.encode())

    @given(st.lists(key_values("B")))
    def test_binaries_sort_bytewise(self, values: list[bytes]) -> None:
        """key_order on bytes sorts unsigned bytewise."""
        assert sorted(values, key=key_order) == sorted(values, key=list)

    @given(st.lists(key_values("N")))
    def test_numbers_sort_by_value(self, values: list[Decimal]) -> None:
        """key_order on numbers sorts by value, whatever their text."""
        ordered = sorted(values, key=key_order)
        assert all(a <= b for a, b in itertools.pairwise(ordered))


class TestErrorsAreAWSErrors:
    """Bad wire input raises only DynamoDB's error classes."""

    @given(st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.binary(max_size=3),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(
            st.sampled_from(["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS", "X"]),
            c, max_size=2,
        ),
        max_leaves=6,
    ))  # fmt: skip
    def test_garbage(self, av: Any) -> None:
        """Any JSON-like garbage is accepted or rejected with an AWS error."""
        try:
            value = from_wire(av)
        except (ValidationException, SerializationException):
            return
        assert from_wire(to_wire(value)) == value
