"""DynamoDB numbers: parsing, validation, canonical form and stored size.

DynamoDB reads a number the way Java's BigDecimal does, keeps at most 38 significant
digits, accepts magnitudes from 1E-130 to 9.99...E+125 (and 0), and returns it in plain
notation without insignificant zeros ("0042.1200" -> "42.12", "1.5E2" -> "150",
"1E125" -> "1" followed by 125 zeros, "-0" -> "0"). A number's stored size is one
byte plus one per base-100 digit of its value aligned on the decimal point, plus one
for a negative number, at most 21 (aws-facts A1; the byte-exact captures of the
paritysuite/dynamodb-conformance project and Zac Charles's calculator agree).
"""

from __future__ import annotations

import functools
import re
from decimal import (
    Clamped,
    Context,
    Decimal,
    Inexact,
    Overflow,
    Rounded,
    Underflow,
)

from . import _messages as msg
from ._errors import ValidationException
from ._limits import DynamoDBLimits

__all__ = [
    "BOTO3_CONTEXT",
    "canonical_number",
    "number_from_python",
    "number_size",
    "number_text",
    "parse_number",
]

_DEFAULTS = DynamoDBLimits()
_MAX_DIGITS = _DEFAULTS.max_number_digits
# The number format's own range (aws-facts A2): fixed by the format, not a quota.
_MAX_ADJUSTED = 125
_MIN_ADJUSTED = -130
_MAX_NUMBER_BYTES = 21
# Java reads the exponent as a 64-bit integer; past that, the text is not a number.
_EXPONENT_MAX = 2**63 - 1
_EXPONENT_MIN = -(2**63)
# Beyond this exponent Python's Decimal cannot represent the value at all; the range
# check is decided from the exponent alone.
_HUGE_EXPONENT = 10**17

_NUMBER = re.compile(r"([+-]?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?", re.ASCII)
_ZERO = Decimal(0)

#: boto3's ``DYNAMODB_CONTEXT`` (boto3/dynamodb/types.py), used for resource-layer input
#: so that bad Decimals raise exactly what boto3 raises before any request is sent.
BOTO3_CONTEXT = Context(
    Emin=-128, Emax=126, prec=38, traps=[Clamped, Overflow, Inexact, Rounded, Underflow]
)


def _not_numeric(text: str) -> ValidationException:
    return ValidationException(msg.NUMBER_NOT_NUMERIC.format(text=text))


def _from_parts(sign: int, digits: tuple[int, ...], exponent: int) -> tuple[Decimal, int]:
    """Validate a normalised (no trailing zero digits) non-zero number; canonical + size."""
    ndigits = len(digits)
    adjusted = exponent + ndigits - 1
    if adjusted > _MAX_ADJUSTED:
        raise ValidationException(msg.NUMBER_OVERFLOW)
    if adjusted < _MIN_ADJUSTED:
        raise ValidationException(msg.NUMBER_UNDERFLOW)
    if ndigits > _MAX_DIGITS:
        raise ValidationException(msg.NUMBER_TOO_PRECISE)
    size = adjusted // 2 - exponent // 2 + 2 + sign
    if exponent >= 0:
        value = Decimal((sign, digits + (0,) * exponent, 0))
    else:
        value = Decimal((sign, digits, exponent))
    return value, (size if size < _MAX_NUMBER_BYTES else _MAX_NUMBER_BYTES)


def _parts(value: Decimal) -> tuple[int, tuple[int, ...], int]:
    """Sign, significant digits and exponent of a finite non-zero Decimal."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise _not_numeric(str(value))
    end = len(digits)
    while digits[end - 1] == 0:
        end -= 1
    if end != len(digits):
        exponent += len(digits) - end
        digits = digits[:end]
    return sign, digits, exponent


def parse_number(text: str) -> tuple[Decimal, int]:
    """Read the text of an ``N`` value as DynamoDB does: canonical ``Decimal`` and size.

    >>> parse_number("0042.1200")
    (Decimal('42.12'), 3)
    >>> parse_number("1.5E2")
    (Decimal('150'), 3)
    """
    # Fast paths for the common spellings, already canonical: an integer or a plain
    # decimal without insignificant zeros and with at most 38 digits.
    if text.isascii():
        body = text[1:] if text[:1] == "-" else text
        negative = len(body) != len(text)
        if body.isdigit():
            if len(body) <= _MAX_DIGITS and body[0] != "0":
                n = len(body)
                trailing = n - len(body.rstrip("0"))
                return Decimal(text), (n - 1) // 2 - trailing // 2 + 2 + negative
        else:
            whole, _, fraction = body.partition(".")
            if (
                fraction.isdigit()
                and fraction[-1] != "0"
                and whole.isdigit()
                and (whole[0] != "0" or whole == "0")
            ):
                f = len(fraction)
                if whole != "0":
                    if len(whole) + f <= _MAX_DIGITS:
                        size = (len(whole) - 1) // 2 - (-f) // 2 + 2 + negative
                        return Decimal(
                            text
                        ), size if size < _MAX_NUMBER_BYTES else _MAX_NUMBER_BYTES
                else:
                    significant = len(fraction.lstrip("0"))
                    adjusted = significant - f - 1
                    if significant <= _MAX_DIGITS and adjusted >= _MIN_ADJUSTED:
                        size = adjusted // 2 - (-f) // 2 + 2 + negative
                        return Decimal(
                            text
                        ), size if size < _MAX_NUMBER_BYTES else _MAX_NUMBER_BYTES
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise _not_numeric(text)
    exponent_text = match.group(3)
    if exponent_text is not None:
        exponent = int(exponent_text)
        if exponent > _EXPONENT_MAX or exponent < _EXPONENT_MIN:
            raise _not_numeric(text)
        if not match.group(2).strip("0."):
            # Zero, whatever its exponent ("0e1000" is 0): only significant digits and
            # the true exponent count toward the range (issue 13).
            return _ZERO, 1
        if exponent > _HUGE_EXPONENT:
            raise ValidationException(msg.NUMBER_OVERFLOW)
        if exponent < -_HUGE_EXPONENT:
            raise ValidationException(msg.NUMBER_UNDERFLOW)
    value = Decimal(text)
    if not value:
        return _ZERO, 1
    return _from_parts(*_parts(value))


def canonical_number(value: Decimal | int) -> tuple[Decimal, int]:
    """Validate a number as DynamoDB would store it; return its canonical form and size.

    For results computed in the engine (update arithmetic), which DynamoDB checks
    against the same limits as a number sent by a client.

    >>> canonical_number(Decimal("2.50"))
    (Decimal('2.5'), 3)
    >>> canonical_number(Decimal("-0"))
    (Decimal('0'), 1)
    """
    if type(value) is int:
        return parse_number(str(value))
    assert isinstance(value, Decimal)
    if not value.is_finite():
        raise _not_numeric(str(value))
    if not value:
        return _ZERO, 1
    return _from_parts(*_parts(value))


@functools.lru_cache(maxsize=4096)  # equal numbers have one canonical form, one size
def number_size(value: Decimal | int) -> int:
    """The stored size in bytes of a valid number (aws-facts A1).

    >>> [number_size(Decimal(t)) for t in ("0", "1", "12", "123", "1.5", "-42")]
    [1, 2, 2, 3, 3, 3]
    """
    if isinstance(value, int):
        value = Decimal(value)
    if not value:
        return 1
    sign, digits, exponent = _parts(value)
    size = (exponent + len(digits) - 1) // 2 - exponent // 2 + 2 + sign
    return size if size < _MAX_NUMBER_BYTES else _MAX_NUMBER_BYTES


def number_text(value: Decimal | int) -> str:
    """The text DynamoDB returns for a number: plain notation, no insignificant zeros.

    >>> number_text(Decimal("1E+2")), number_text(Decimal("1.50")), number_text(Decimal("-0"))
    ('100', '1.5', '0')
    """
    text = str(value)
    if text.isdigit() and (text[0] != "0" or len(text) == 1):
        return text
    if text[0] == "-" and text[1:].isdigit() and text[1] != "0":
        return text
    if not value:
        return "0"
    if type(value) is int:  # pragma: no cover - ints always take the fast paths
        return text
    assert isinstance(value, Decimal)
    normal = value.normalize(_WIDE)
    return format(normal, "f")


# Wide enough to normalise any computed number exactly (never rounds silently).
_WIDE = Context(prec=1000, Emax=999_999, Emin=-999_999)


def number_from_python(value: object) -> tuple[Decimal, int]:
    """A resource-layer number (``int`` or ``Decimal``) as boto3 sends it, then as AWS reads it.

    boto3 raises ``decimal.Inexact``/``Rounded``/``Overflow``/``Underflow`` itself for
    numbers outside its context, and ``TypeError`` for NaN and Infinity; DynamoDB then
    applies its own range check.

    >>> number_from_python(7)
    (Decimal('7'), 2)
    """
    if type(value) is int and -(10**_MAX_DIGITS) < value < 10**_MAX_DIGITS:
        return parse_number(str(value))
    text = str(BOTO3_CONTEXT.create_decimal(value))  # type: ignore[arg-type]
    if text in ("Infinity", "NaN"):
        raise TypeError(msg.BOTO3_INFINITY_NAN)
    return parse_number(text)
