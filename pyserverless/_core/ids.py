"""Seeded identifiers: every id, token and sequence number comes from here."""

from __future__ import annotations

import random
import string
import threading

__all__ = ["Ids"]

_ALNUM_UPPER = string.ascii_uppercase + string.digits
_ALNUM = string.ascii_letters + string.digits


class Ids:
    """Ids drawn from one seeded ``random.Random``: same seed, same calls, same ids.

    >>> Ids(7).uuid() == Ids(7).uuid()
    True
    >>> len(Ids(0).hex(16))
    16
    """

    def __init__(self, seed: int | str | bytes = 0) -> None:
        self.random = random.Random(seed)
        self._lock = threading.Lock()
        self._counters: dict[str, int] = {}

    def bits(self, n: int) -> int:
        with self._lock:
            return self.random.getrandbits(n)

    def uuid(self) -> str:
        """A version-4-shaped UUID string."""
        value = self.bits(128)
        value = (value & ~(0xF000 << 64)) | (0x4000 << 64)  # version 4
        value = (value & ~(0xC000 << 48)) | (0x8000 << 48)  # RFC 4122 variant
        h = f"{value:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def hex(self, length: int) -> str:
        """``length`` lowercase hex digits."""
        return f"{self.bits(length * 4):0{length}x}"

    def alnum(self, length: int, *, upper: bool = False) -> str:
        """``length`` letters and digits (uppercase only if ``upper``)."""
        alphabet = _ALNUM_UPPER if upper else _ALNUM
        with self._lock:
            return "".join(self.random.choices(alphabet, k=length))

    def token_bytes(self, length: int) -> bytes:
        return self.bits(length * 8).to_bytes(length, "big")

    def choice(self, alphabet: str, length: int) -> str:
        """``length`` characters drawn from ``alphabet`` (an API Gateway id, say)."""
        with self._lock:
            return "".join(self.random.choices(alphabet, k=length))

    def fraction(self) -> float:
        """A float in [0, 1): a jitter or a sampling decision."""
        with self._lock:
            return self.random.random()

    def digits(self, length: int) -> str:
        """A code of ``length`` decimal digits, such as a confirmation code."""
        with self._lock:
            return "".join(self.random.choices(string.digits, k=length))

    def next(self, counter: str, start: int = 1) -> int:
        """The next value of a named monotonically increasing counter."""
        with self._lock:
            value = self._counters.get(counter, start - 1) + 1
            self._counters[counter] = value
            return value

    def request_id(self) -> str:
        """An ``x-amzn-RequestId``-style id."""
        return self.uuid()
