"""DynamoDB's type system: one example test per rule (aws-facts A1-A3, A17)."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

import pytest
from boto3.dynamodb.types import Binary as Boto3Binary

from pyserverless.dynamo import SerializationException, ValidationException
from pyserverless.dynamo import _messages as msg
from pyserverless.dynamo._types import (
    Binary,
    NumberSet,
    canonical_number,
    check_item_size,
    from_python,
    from_wire,
    from_wire_sized,
    item_from_python,
    item_from_python_sized,
    item_from_wire,
    item_from_wire_sized,
    item_size,
    item_to_python,
    item_to_wire,
    key_order,
    number_size,
    number_text,
    parse_number,
    to_python,
    to_wire,
    type_of,
    validate_key_value,
    value_size,
)


def message(err: pytest.ExceptionInfo[Any]) -> str:
    return str(err.value.response["Error"]["Message"])


def wire_error(av: Any) -> tuple[str, str]:
    with pytest.raises((ValidationException, SerializationException)) as err:
        from_wire(av)
    return err.value.response["Error"]["Code"], message(err)


def deep(wraps: int, kind: str = "M") -> dict[str, Any]:
    value: dict[str, Any] = {"S": "leaf"}
    for _ in range(wraps):
        value = {"M": {"n": value}} if kind == "M" else {"L": [value]}
    return value


class TestAttributeValueShape:
    """An AttributeValue has exactly one type key with a value of the right JSON kind."""

    def test_empty_attribute_value(self) -> None:
        """{} is a ValidationException: no datatype."""
        assert wire_error({}) == ("ValidationException", msg.ATTRIBUTE_VALUE_EMPTY)

    def test_two_type_keys(self) -> None:
        """Two type keys are a ValidationException."""
        assert wire_error({"S": "a", "N": "1"}) == (
            "ValidationException",
            (
                "Supplied AttributeValue has more than one datatypes set, "
                "must contain exactly one of the supported datatypes"
            ),
        )

    @pytest.mark.parametrize(
        ("av", "alone"),
        [
            ({"S": "", "N": ""}, {"N": ""}),
            ({"N": "x", "S": "a"}, {"N": "x"}),
            ({"S": "a", "NULL": False}, {"NULL": False}),
            ({"S": "a", "SS": []}, {"SS": []}),
            ({"BOOL": True, "NS": ["1", "1.0"]}, {"NS": ["1", "1.0"]}),
            ({"S": "a", "NS": ["1e126"]}, {"NS": ["1e126"]}),
            ({"L": [{"N": "?"}], "S": "a"}, {"L": [{"N": "?"}]}),
            ({"N": "1", "M": {"x": {}}}, {"M": {"x": {}}}),
            # Members are checked in the order they were sent: the first bad one reports.
            ({"NULL": False, "N": "x"}, {"NULL": False}),
            ({"N": "x", "NULL": False}, {"N": "x"}),
        ],
    )
    def test_each_member_checked_before_the_count(
        self, av: dict[str, Any], alone: dict[str, Any]
    ) -> None:
        """Each member's own check runs, in order, before "more than one datatypes"."""
        assert wire_error(av) == wire_error(alone)

    def test_unknown_type_key_is_refused_as_botocore_refuses_it(self) -> None:
        """In Python an unknown member is refused, as botocore refuses it (the wire door
        drops unknown members before conversion, as AWS's JSON reader does)."""
        unexpected = ("SerializationException", msg.UNEXPECTED_FIELD_TYPE)
        assert wire_error({"X": "a"}) == unexpected
        assert wire_error({"X": "a", "S": "b"}) == unexpected
        assert from_wire({"S": "b"}) == "b"

    def test_null_members_are_refused_as_botocore_refuses_them(self) -> None:
        """In Python a member set to None is refused, as botocore refuses it (the wire
        door drops JSON nulls before conversion, as AWS's JSON reader does)."""
        unexpected = ("SerializationException", msg.UNEXPECTED_FIELD_TYPE)
        for av in ({"S": None, "N": "1"}, {"L": None}, {"S": None}, {"M": {"a": {"N": None}}}):
            assert wire_error(av) == unexpected
        with pytest.raises(SerializationException, match="Unexpected field type"):
            item_from_wire({"a": {"BOOL": None}})

    def test_number_as_json_number(self) -> None:
        """{"N": 5} is a SerializationException: N is a JSON string."""
        assert wire_error({"N": 5}) == (
            "SerializationException",
            "NUMBER_VALUE cannot be converted to String",
        )

    @pytest.mark.parametrize(
        ("av", "text"),
        [
            ({"S": 1}, "NUMBER_VALUE cannot be converted to String"),
            ({"S": True}, "TRUE_VALUE cannot be converted to String"),
            ({"BOOL": "true"}, "STRING_VALUE cannot be converted to Boolean"),
            ({"NULL": "x"}, "STRING_VALUE cannot be converted to Boolean"),
            ({"B": 3}, "NUMBER_VALUE cannot be converted to Blob"),
            ({"S": {"a": 1}}, "Start of structure or map found where not expected"),
            ({"S": ["a"]}, "Start of list found where not expected"),
            ({"M": "x"}, "Unexpected field type"),
            ({"L": "x"}, "Unexpected field type"),
            ({"SS": "a"}, "Unexpected field type"),
            ({"SS": [1]}, "NUMBER_VALUE cannot be converted to String"),
            ("x", "Unexpected field type"),
        ],
    )
    def test_wrong_json_kind(self, av: Any, text: str) -> None:
        """A JSON value of the wrong kind is a SerializationException."""
        assert wire_error(av) == ("SerializationException", text)

    def test_null_false(self) -> None:
        """{"NULL": false} is a ValidationException."""
        assert wire_error({"NULL": False}) == (
            "ValidationException",
            (
                "One or more parameter values were invalid: "
                "Null attribute value types must have the value of true"
            ),
        )

    def test_binary_accepts_bytes_like_and_text(self) -> None:
        """B takes bytes, bytearray, and str encoded as UTF-8 (as botocore); botocore
        refuses a memoryview, and so does the conversion."""
        assert from_wire({"B": b"\x00"}) == b"\x00"
        assert from_wire({"B": bytearray(b"ab")}) == b"ab"
        assert wire_error({"B": memoryview(b"cd")})[0] == "SerializationException"
        assert from_wire({"B": "é"}) == "é".encode()
        assert type(from_wire({"B": bytearray(b"ab")})) is bytes

    def test_every_type(self) -> None:
        """Each of the ten types converts to its native value."""
        av = {
            "M": {
                "s": {"S": "x"},
                "n": {"N": "7"},
                "b": {"B": b"\x01"},
                "t": {"BOOL": True},
                "z": {"NULL": True},
                "l": {"L": [{"S": "y"}]},
                "ss": {"SS": ["a", "b"]},
                "ns": {"NS": ["1", "2"]},
                "bs": {"BS": [b"a"]},
            }
        }
        assert from_wire(av) == {
            "s": "x",
            "n": Decimal(7),
            "b": b"\x01",
            "t": True,
            "z": None,
            "l": ["y"],
            "ss": {"a", "b"},
            "ns": {Decimal(1), Decimal(2)},
            "bs": {b"a"},
        }


class TestNumberCanonicalForm:
    """Numbers come back as DynamoDB returns them: plain, without insignificant zeros."""

    @pytest.mark.parametrize(
        ("sent", "returned"),
        [
            ("1.50", "1.5"),
            ("1E+2", "100"),
            ("1.5E2", "150"),
            ("0042.1200", "42.12"),
            ("-0", "0"),
            ("0.000", "0"),
            ("0e125", "0"),
            ("1.0", "1"),
            ("+5", "5"),
            (".5", "0.5"),
            ("5.", "5"),
            ("1e-7", "0.0000001"),
            ("-1.23e-3", "-0.00123"),
            ("1E125", "1" + "0" * 125),
            ("1e-130", "0." + "0" * 129 + "1"),
        ],
    )
    def test_canonical_text(self, sent: str, returned: str) -> None:
        """The text DynamoDB returns for a number sent as ``sent``."""
        assert to_wire(from_wire({"N": sent})) == {"N": returned}

    def test_native_is_the_decimal_of_the_returned_text(self) -> None:
        """The stored Decimal is what boto3 would read from DynamoDB's reply."""
        assert repr(from_wire({"N": "1E+2"})) == "Decimal('100')"
        assert repr(from_wire({"N": "1.50"})) == "Decimal('1.5')"

    def test_to_wire_canonicalises_computed_decimals(self) -> None:
        """A Decimal from arithmetic (trailing zeros, exponent) is written canonically."""
        assert number_text(Decimal("2.50")) == "2.5"
        assert number_text(Decimal("1.2E+3")) == "1200"
        assert number_text(Decimal("-0.0")) == "0"
        assert number_text(Decimal("-0")) == "0"
        assert number_text(Decimal("-7")) == "-7"
        assert number_text(7) == "7"


class TestNumberLimits:
    """38 significant digits, magnitude 1E-130 .. 9.99...E+125, AWS's messages."""

    def test_38_digits_accepted(self) -> None:
        """Exactly 38 significant digits is valid."""
        assert from_wire({"N": "1" * 38}) == Decimal("1" * 38)

    def test_39_digits_rejected(self) -> None:
        """39 significant digits is rejected."""
        code, text = wire_error({"N": "1" * 39})
        assert (code, text) == ("ValidationException", msg.NUMBER_TOO_PRECISE)
        assert text == "Attempting to store more than 38 significant digits in a Number"

    def test_trailing_zeros_are_not_significant(self) -> None:
        """40 characters with 16 significant digits is valid (boto3 issue #4693)."""
        assert from_wire({"N": "1234567895171680000000000000000000000000"}) == Decimal(
            "1234567895171680000000000000000000000000"
        )
        assert from_wire({"N": "1." + "0" * 60}) == 1

    def test_39_digits_with_trailing_zero_rejected(self) -> None:
        """40 digits of which 39 are significant is rejected (capture)."""
        assert wire_error({"N": "1234567890123456789012345678901234567890"})[1] == (
            msg.NUMBER_TOO_PRECISE
        )

    @pytest.mark.parametrize("text", ["9.9999999999999999999999999999999999999E+125", "-1e125"])
    def test_largest_magnitude_accepted(self, text: str) -> None:
        """Magnitudes up to 9.99...E+125 are valid."""
        assert from_wire({"N": text}) == Decimal(text)

    @pytest.mark.parametrize(
        "text",
        ["1e126", "-1e126", "1e99999999999", "1e2147483648", "1e2147483647", "0.01e128",
         "000123e124"],
    )  # fmt: skip
    def test_overflow(self, text: str) -> None:
        """A true magnitude of 1E+126 or more overflows (leading zeros do not count)."""
        assert wire_error({"N": text}) == (
            "ValidationException",
            (
                "Number overflow. Attempting to store a number with magnitude larger than "
                "supported range"
            ),
        )

    @pytest.mark.parametrize(
        "text",
        ["0e1000", "0e-1000", "-0e126", "0.000e99999999999", "0e-99999999999", "00.0E+5"],
    )
    def test_zero_with_any_exponent_is_zero(self, text: str) -> None:
        """Zero is valid whatever its written exponent: only the true exponent counts."""
        assert from_wire({"N": text}) == 0

    @pytest.mark.parametrize(
        "text", ["9.99e125", "100e123", "0.00001e130", "10000e-134", "1000000000e-139"]
    )
    def test_only_significant_digits_count(self, text: str) -> None:
        """Zeros around the digits and the written exponent do not decide the range."""
        assert from_wire({"N": text}) == Decimal(text)

    @pytest.mark.parametrize(
        "text", ["1e-131", "0.1e-130", "1e-99999999999", "1e-2147483648", "10e-132"]
    )
    def test_underflow(self, text: str) -> None:
        """A magnitude below 1E-130 underflows."""
        assert wire_error({"N": text}) == (
            "ValidationException",
            (
                "Number underflow. Attempting to store a number with magnitude smaller than "
                "supported range"
            ),
        )

    def test_smallest_magnitude_accepted(self) -> None:
        """1E-130 is valid."""
        assert from_wire({"N": "1e-130"}) == Decimal("1e-130")

    @pytest.mark.parametrize(
        "text",
        ["abc", "", " 1", "1 ", "0x10", "1e", "NaN", "Infinity", "-Infinity", "1.2.3",
         "1_000", "\u0661\u0662", "e5", ".", "--1", "1e9223372036854775808"],
    )  # fmt: skip
    def test_not_numeric(self, text: str) -> None:
        """Text that Java's BigDecimal cannot read is not a number; the text is echoed."""
        assert wire_error({"N": text}) == (
            "ValidationException",
            f"The parameter cannot be converted to a numeric value: {text}",
        )

    def test_not_numeric_in_a_number_set(self) -> None:
        """An NS member is read the same way."""
        assert wire_error({"NS": ["1", ""]})[1] == (
            "The parameter cannot be converted to a numeric value: "
        )

    def test_canonical_number_checks_computed_results(self) -> None:
        """Engine arithmetic results are held to the same limits."""
        assert canonical_number(Decimal("1.10")) == (Decimal("1.1"), 3)
        with pytest.raises(ValidationException, match="Number overflow"):
            canonical_number(Decimal("1e126"))
        with pytest.raises(ValidationException, match="38 significant digits"):
            canonical_number(Decimal("1" * 39))


class TestNumberSize:
    """A number's stored size, to the byte (aws-facts A1)."""

    # Literal and size captured byte-exact against real DynamoDB at the 400 KB gate
    # (paritysuite/dynamodb-conformance, numberByteSize, eu-west-2, 2026-08-18).
    CAPTURED = [
        ("0", 1), ("1", 2), ("12", 2), ("123", 3), ("1234", 3),
        ("12345678901234567890123456789012345678", 20), ("0042", 2), ("100", 2),
        ("1010", 3), ("0.0000001", 2), ("1E125", 2), ("1E-100", 2), ("1.5", 3),
        ("15", 2), ("1.2", 3), ("1.200", 3), ("1.234", 4), ("3.14159", 5),
        ("123456", 4), ("100.5", 4), ("0.15", 2), ("-42", 3), ("-0", 1),
    ]  # fmt: skip

    @pytest.mark.parametrize(("text", "size"), CAPTURED)
    def test_captured_sizes(self, text: str, size: int) -> None:
        """Each captured literal has its captured size, on every path."""
        assert parse_number(text)[1] == size
        assert from_wire_sized({"N": text})[1] == size
        assert number_size(Decimal(text)) == size
        assert value_size(from_wire({"N": text})) == size

    def test_negative_adds_a_byte_up_to_21(self) -> None:
        """A negative number costs a byte more, but never more than 21 bytes."""
        assert number_size(Decimal("-1.5")) == 4
        assert number_size(Decimal("1" * 38 + "e-1")) == 21
        assert number_size(Decimal("-" + "1" * 38 + "e-1")) == 21


class TestSets:
    """Sets are never empty and never hold duplicates."""

    @pytest.mark.parametrize(
        ("av", "text"),
        [
            ({"SS": []}, "An string set  may not be empty"),
            ({"NS": []}, "An number set  may not be empty"),
            ({"BS": []}, "Binary sets should not be empty"),
        ],
    )
    def test_empty_set(self, av: Any, text: str) -> None:
        """An empty set is rejected with the message for its type."""
        invalid = "One or more parameter values were invalid: "
        assert wire_error(av) == ("ValidationException", invalid + text)

    def test_duplicate_strings(self) -> None:
        """Members in byte order up to the first repeat, the repeat, then the rest."""
        assert wire_error({"SS": ["b", "a", "b", "c"]})[1] == (
            "One or more parameter values were invalid: "
            'Input collection ["a", "b", "b", "c"] contains duplicates.'
        )

    def test_duplicate_binaries(self) -> None:
        """Binary duplicates are listed in base64, without spaces, before 'of type BS'."""
        assert wire_error({"BS": [b"\xff", b"\x00", b"\x00"]})[1] == (
            "One or more parameter values were invalid: "
            'Input collection ["AA==","/w==","AA=="]of type BS contains duplicates.'
        )

    def test_duplicate_numbers(self) -> None:
        """Number duplicates (by value) name no members."""
        for members in (["2", "1", "2"], ["1", "1.0"]):
            assert wire_error({"NS": members})[1] == (
                "One or more parameter values were invalid: Input collection contains duplicates."
            )

    def test_empty_members_allowed(self) -> None:
        """An empty string or binary may be a set member."""
        assert from_wire({"SS": ["", "a"]}) == {"", "a"}
        assert from_wire({"BS": [b""]}) == {b""}

    def test_empty_python_set(self) -> None:
        """boto3 sends set() as an empty NS, which DynamoDB rejects."""
        with pytest.raises(ValidationException) as err:
            from_python(set())
        assert message(err) == msg.NUMBER_SET_EMPTY


class TestNesting:
    """Documents nest at most 32 levels, the attribute itself being level 1."""

    @pytest.mark.parametrize("kind", ["M", "L"])
    def test_31_wraps_accepted(self, kind: str) -> None:
        """A leaf at level 32 is valid."""
        item = item_from_wire({"d": deep(31, kind)})
        assert item_to_wire(item) == {"d": deep(31, kind)}

    @pytest.mark.parametrize("kind", ["M", "L"])
    def test_32_wraps_rejected(self, kind: str) -> None:
        """A leaf at level 33 is rejected."""
        with pytest.raises(ValidationException) as err:
            item_from_wire({"d": deep(32, kind)})
        assert message(err) == (
            "Nesting Levels have exceeded supported limits: "
            "Attributes in the item have nested levels beyond supported limit"
        )

    def test_python_values_too(self) -> None:
        """The resource layer applies the same limit."""
        native = from_wire(deep(31))
        assert from_python(native) == native
        with pytest.raises(ValidationException, match="Nesting Levels"):
            from_python({"n": native})

    def test_empty_documents_at_the_limit(self) -> None:
        """An empty map at level 32 is fine."""
        av: dict[str, Any] = {"M": {}}
        for _ in range(31):
            av = {"L": [av]}
        assert from_wire(av) is not None


class TestItemSize:
    """Item size = sum of UTF-8 name bytes and value sizes (aws-facts A1)."""

    def test_documented_example(self) -> None:
        """shirt-color=R, shirt-size=M is 23 bytes."""
        item = {"shirt-color": {"S": "R"}, "shirt-size": {"S": "M"}}
        assert item_from_wire_sized(item)[1] == 23
        assert item_size(item_from_wire(item)) == 23
        assert item_from_python_sized({"shirt-color": "R", "shirt-size": "M"})[1] == 23

    @pytest.mark.parametrize(
        ("value", "size"),
        [
            ("héllo", 6),
            (b"\x00\x01", 2),
            (True, 1),
            (None, 1),
            ([], 3),
            ({}, 3),
            (["a", "bc"], 3 + (1 + 1) + (2 + 1)),
            ({"ab": "c"}, 3 + 2 + 1 + 1),
            ({"a": [Decimal(1)]}, 3 + 1 + (3 + 2 + 1) + 1),
            ({"a", "bb"}, 3),
            ({Decimal(1), Decimal("1.5")}, 2 + 3),
            ({b"a", b"bc"}, 3),
        ],
    )
    def test_value_sizes(self, value: Any, size: int) -> None:
        """Each type's size, the same from native, wire and resource values."""
        assert value_size(value) == size
        assert from_wire_sized(to_wire(value))[1] == size
        assert item_from_python_sized({"": value})[1] == size

    def test_names_count_as_utf8(self) -> None:
        """Attribute names and map keys count their UTF-8 bytes."""
        assert item_size({"é": "x"}) == 3
        assert value_size({"é": "x"}) == 3 + 2 + 1 + 1

    def test_exact_400kb_boundary(self) -> None:
        """409,600 bytes is valid; 409,601 is rejected with AWS's message."""
        at_limit = {"pk": {"S": "a"}, "p": {"S": "x" * (409_600 - 2 - 1 - 1)}}
        native, size = item_from_wire_sized(at_limit)
        assert size == 409_600 == item_size(native)
        check_item_size(size)
        over = {"pk": {"S": "a"}, "p": {"S": "x" * (409_601 - 4)}}
        size = item_from_wire_sized(over)[1]
        assert size == 409_601
        with pytest.raises(ValidationException) as err:
            check_item_size(size)
        assert message(err) == "Item size has exceeded the maximum allowed size"
        with pytest.raises(ValidationException) as err:
            check_item_size(size, update=True)
        assert message(err) == "Item size to update has exceeded the maximum allowed size"

    def test_limit_is_configurable(self) -> None:
        """The limit is a parameter (DynamoDBLimits.max_item_size)."""
        check_item_size(10, limit=10)
        with pytest.raises(ValidationException):
            check_item_size(11, limit=10)


class TestToWire:
    """Native values convert to DynamoDB JSON as DynamoDB returns it."""

    def test_set_order(self) -> None:
        """String and binary sets come out sorted; a number set in its written order (a
        NumberSet's, or a plain set's own iteration order, as boto3 sends it)."""
        assert to_wire({"b", "a"}) == {"SS": ["a", "b"]}
        assert to_wire({b"\xff", b"\x00"}) == {"BS": [b"\x00", b"\xff"]}
        assert to_wire(NumberSet([Decimal(10), Decimal(9)])) == {"NS": ["10", "9"]}
        plain = {Decimal(1), Decimal(16), Decimal(3)}
        assert to_wire(plain) == {"NS": [str(n) for n in plain]} != {"NS": ["1", "3", "16"]}

    def test_resource_layer_values(self) -> None:
        """int, bytearray, Binary, tuple and frozenset convert too."""
        assert to_wire(5) == {"N": "5"}
        assert to_wire(bytearray(b"x")) == {"B": b"x"}
        assert to_wire(Binary(b"y")) == {"B": b"y"}
        assert to_wire(Boto3Binary(b"z")) == {"B": b"z"}
        assert to_wire((1, "a")) == {"L": [{"N": "1"}, {"S": "a"}]}
        assert to_wire(frozenset({"a"})) == {"SS": ["a"]}

    def test_bool_is_not_a_number(self) -> None:
        """True is BOOL, not N."""
        assert to_wire(True) == {"BOOL": True}
        assert item_to_wire({"a": False, "b": None}) == {"a": {"BOOL": False}, "b": {"NULL": True}}

    def test_float_rejected(self) -> None:
        """A float is a TypeError, as in boto3."""
        with pytest.raises(TypeError, match="Float types are not supported"):
            to_wire(1.5)


class TestTypeOf:
    """type_of names the DynamoDB type of a value."""

    @pytest.mark.parametrize(
        ("value", "name"),
        [
            ("", "S"), (Decimal(1), "N"), (1, "N"), (b"", "B"), (bytearray(), "B"),
            (Binary(b""), "B"), (True, "BOOL"), (None, "NULL"), ([], "L"), ((), "L"),
            ({}, "M"), ({"a"}, "SS"), ({Decimal(1)}, "NS"), ({b"a"}, "BS"),
            (frozenset({"a"}), "SS"), (set(), "NS"),
        ],
    )  # fmt: skip
    def test_names(self, value: Any, name: str) -> None:
        """Each value's type name (an empty set is NS, as boto3 decides)."""
        assert type_of(value) == name

    def test_mixed_set(self) -> None:
        """A set mixing types is not a DynamoDB value."""
        with pytest.raises(TypeError, match="Unsupported type"):
            type_of({"a", b"b"})


class TestFromPython:
    """Resource-layer input: boto3's client-side checks, then DynamoDB's."""

    def test_normalises_types(self) -> None:
        """int -> Decimal, bytes-like -> bytes, tuple -> list, a number frozenset -> a
        NumberSet (a set in its iteration order)."""
        value = from_python(
            {"n": 1, "b": bytearray(b"x"), "c": Boto3Binary(b"y"), "t": (1,), "f": frozenset({2})}
        )
        assert value == {"n": 1, "b": b"x", "c": b"y", "t": [1], "f": {2}}
        assert type(value["n"]) is Decimal and type(value["b"]) is bytes
        assert type(value["c"]) is bytes and type(value["t"]) is list
        assert type(value["f"]) is NumberSet

    def test_float_is_a_type_error(self) -> None:
        """As boto3: 'Float types are not supported. Use Decimal types instead.'"""
        for bad in (1.5, [1.5], {"a": 1.5}, {1.5}):
            with pytest.raises(TypeError) as err:
                from_python(bad)
            assert str(err.value) == "Float types are not supported. Use Decimal types instead."

    def test_unsupported_type(self) -> None:
        """An object boto3 cannot serialise is a TypeError with boto3's message."""
        with pytest.raises(TypeError, match=r'Unsupported type "<class \'object\'>"'):
            from_python(object())

    def test_boto3_decimal_signals(self) -> None:
        """boto3's context raises Inexact/Overflow before any request is made."""
        with pytest.raises(decimal.Inexact):
            from_python(Decimal("1" * 39))
        with pytest.raises(decimal.Overflow):
            from_python(Decimal("1e200"))
        with pytest.raises(TypeError, match="Infinity and NaN not supported"):
            from_python(Decimal("NaN"))

    def test_dynamodb_range_after_boto3(self) -> None:
        """Numbers boto3 lets through are range-checked by DynamoDB."""
        with pytest.raises(ValidationException, match="Number overflow"):
            from_python(Decimal("1e126"))
        with pytest.raises(ValidationException, match="Number underflow"):
            from_python(Decimal("1e-140"))
        with pytest.raises(ValidationException, match="numeric value: -Infinity"):
            from_python(Decimal("-Infinity"))

    def test_canonical_numbers(self) -> None:
        """Numbers are stored as DynamoDB returns them."""
        assert repr(from_python(Decimal("1.50"))) == "Decimal('1.5')"
        assert repr(from_python(Decimal("1E+2"))) == "Decimal('100')"

    def test_names_must_be_text(self) -> None:
        """A non-str attribute name or map key is a misuse of the API: TypeError."""
        with pytest.raises(TypeError, match="must be str, not int"):
            from_python({1: "a"})
        with pytest.raises(TypeError, match="must be str, not int"):
            item_from_python({1: "a"})  # type: ignore[dict-item]
        with pytest.raises(TypeError, match="must be str, not int"):
            item_from_wire({1: {"S": "a"}})  # type: ignore[dict-item]
        with pytest.raises(TypeError, match="must be str, not bytes"):
            from_wire({"M": {b"k": {"S": "a"}}})

    def test_never_aliases_the_callers_containers(self) -> None:
        """The result shares no mutable container with the input."""
        given = {"l": [1, {"s": {"a"}}]}
        item = item_from_python(given)
        item["l"][1]["s"].add("b")
        item["l"].append(2)
        assert given == {"l": [1, {"s": {"a"}}]}


class TestToPython:
    """Output as boto3's resource layer returns it."""

    def test_binary_wrapped(self) -> None:
        """B -> Binary, BS -> set of Binary, like TypeDeserializer."""
        assert to_python(b"x") == Binary(b"x")
        assert isinstance(to_python(b"x"), Binary)
        assert to_python({b"a"}) == {Binary(b"a")}
        assert all(isinstance(b, Binary) for b in to_python({b"a"}))

    def test_copies_containers(self) -> None:
        """The caller may mutate what it gets without touching the store."""
        stored = {"l": [Decimal(1)], "s": {"a"}}
        out = item_to_python(stored)
        out["l"].append(2)
        out["s"].add("b")
        assert stored == {"l": [Decimal(1)], "s": {"a"}}


class TestBinary:
    """Binary behaves like boto3.dynamodb.types.Binary."""

    def test_equality_and_hash(self) -> None:
        """Equal to its bytes, to another Binary and to boto3's Binary."""
        assert Binary(b"a") == b"a"
        assert Binary(b"a") == Binary(bytearray(b"a"))
        assert Binary(b"a") == Boto3Binary(b"a")
        assert Boto3Binary(b"a") == Binary(b"a")
        assert Binary(b"a") != b"b"
        assert hash(Binary(b"a")) == hash(b"a")
        assert repr(Binary(b"a")) == "Binary(b'a')"
        assert bytes(Binary(b"a")) == b"a"

    def test_boto3_serializer_accepts_it(self) -> None:
        """Output of to_python can go straight back through boto3's TypeSerializer."""
        from boto3.dynamodb.types import TypeSerializer

        assert TypeSerializer().serialize(Binary(b"a")) == {"B": b"a"}
        assert TypeSerializer().serialize({Binary(b"a")}) == {"BS": [b"a"]}
        assert Binary(b"a").value == b"a" and type(Binary(b"a").value) is bytes

    def test_pickles(self) -> None:
        """A Binary survives pickling."""
        import pickle

        assert pickle.loads(pickle.dumps(Binary(b"a"))) == Binary(b"a")
        assert type(pickle.loads(pickle.dumps(Binary(b"a")))) is Binary

    def test_rejects_text(self) -> None:
        """Only bytes and bytearray may be wrapped."""
        with pytest.raises(TypeError, match="Value must be of the following types"):
            Binary("a")  # type: ignore[arg-type]


class TestValidateKeyValue:
    """Key attributes are S, N or B, non-empty, within 2,048 / 1,024 bytes."""

    def test_empty_string(self) -> None:
        """An empty string key is rejected, naming the key."""
        with pytest.raises(ValidationException) as err:
            validate_key_value("pk", "", role="HASH")
        assert message(err) == (
            "One or more parameter values are not valid. The AttributeValue for a key "
            "attribute cannot contain an empty string value. Key: pk"
        )

    def test_empty_binary(self) -> None:
        """An empty binary key is rejected, naming the key."""
        with pytest.raises(ValidationException) as err:
            validate_key_value("sk", b"", role="RANGE")
        assert message(err) == (
            "One or more parameter values are not valid. The AttributeValue for a key "
            "attribute cannot contain an empty binary value. Key: sk"
        )

    def test_partition_key_limit(self) -> None:
        """2,048 bytes is valid; 2,049 is rejected with AWS's text ('of2048')."""
        validate_key_value("pk", "x" * 2048, role="HASH")
        validate_key_value("pk", b"x" * 2048, role="HASH")
        with pytest.raises(ValidationException) as err:
            validate_key_value("pk", "x" * 2047 + "é", role="HASH")
        assert message(err) == (
            "One or more parameter values were invalid: "
            "Size of hashkey has exceeded the maximum size limit of2048 bytes"
        )

    def test_sort_key_limit(self) -> None:
        """1,024 bytes is valid; 1,025 is rejected."""
        validate_key_value("sk", "x" * 1024, role="RANGE")
        with pytest.raises(ValidationException) as err:
            validate_key_value("sk", b"x" * 1025, role="RANGE")
        assert message(err) == (
            "One or more parameter values were invalid: "
            "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
        )

    def test_numbers_are_small(self) -> None:
        """Any valid number fits a key."""
        validate_key_value("pk", Decimal("-" + "9" * 38), role="RANGE", expected="N")

    @pytest.mark.parametrize("value", [True, None, ["a"], {"a": "b"}, {"a"}])
    def test_only_s_n_b(self, value: Any) -> None:
        """Other types are a type mismatch."""
        with pytest.raises(ValidationException) as err:
            validate_key_value("pk", value, role="HASH", expected="S")
        assert message(err) == (
            "One or more parameter values were invalid: Type mismatch for key pk "
            f"expected: S actual: {type_of(value)}"
        )

    def test_declared_type(self) -> None:
        """A value of another key type than declared is a type mismatch."""
        with pytest.raises(ValidationException, match="expected: S actual: N"):
            validate_key_value("pk", Decimal(1), role="HASH", expected="S")

    def test_role(self) -> None:
        """The role is HASH or RANGE."""
        with pytest.raises(ValueError, match="role"):
            validate_key_value("pk", "a", role="SORT")


class TestKeyOrder:
    """N by value, S by UTF-8 bytes, B bytewise."""

    def test_numbers_by_value(self) -> None:
        """Not by text: 10 after 9.5, -1 first."""
        values = [Decimal(10), Decimal("9.5"), Decimal(-1), Decimal("1e-130"), Decimal(0)]
        assert sorted(values, key=key_order) == [
            Decimal(-1), Decimal(0), Decimal("1e-130"), Decimal("9.5"), Decimal(10),
        ]  # fmt: skip

    def test_ints_order_with_decimals(self) -> None:
        """A Python int (the resource layer's number) orders by value among Decimals."""
        values = [10, Decimal("9.5"), -1, 2, Decimal("1.5")]
        assert sorted(values, key=key_order) == [-1, Decimal("1.5"), 2, Decimal("9.5"), 10]
        assert key_order(10) == Decimal(10)

    def test_strings_by_utf8_bytes(self) -> None:
        """Upper before lower case, and U+FFFF before U+1F600 as in their UTF-8."""
        values = ["b", "a", "B", "\uffff", "\U0001f600", "é", ""]
        assert sorted(values, key=key_order) == sorted(values, key=lambda s: s.encode())
        assert sorted(values, key=key_order)[1:3] == ["B", "a"]

    def test_binary_bytewise(self) -> None:
        """Bytes compare unsigned."""
        values = [b"\xff", b"\x00", b"\x7f", b"\x80", b"", Binary(b"\x01")]
        assert [bytes(key_order(v)) for v in sorted(values, key=key_order)] == [
            b"", b"\x00", b"\x01", b"\x7f", b"\x80", b"\xff",
        ]  # fmt: skip

    def test_not_a_key_type(self) -> None:
        """Only S, N and B have a key order."""
        with pytest.raises(TypeError):
            key_order([1])
