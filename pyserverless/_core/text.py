"""Small text checks every service needs the same way."""

from __future__ import annotations

__all__ = ["digits"]


def digits(text: str) -> bool:
    """Whether ``text`` is one or more ASCII digits, what AWS reads as a number.

    ``str.isdigit`` is true of "²" (which ``int`` refuses) and of "٣" (which ``int``
    reads as 3, and AWS refuses); neither is a number to AWS.

    >>> digits("42"), digits("²"), digits("٣"), digits("")
    (True, False, False, False)
    """
    return text.isascii() and text.isdigit()
