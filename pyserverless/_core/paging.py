"""Opaque NextToken values for list operations that page by position.

A token names the service that made it and the index of the next row, base64 (URL-safe)
so that it reads as AWS's opaque tokens do. Each service answers a token that is not its
own with its own error.

>>> token = index_token("events", 100)
>>> token_index("events", token), token_index("sqs", token), token_index("events", "junk")
(100, None, None)
"""

from __future__ import annotations

import base64

from .text import digits

__all__ = ["index_token", "token_index"]


def index_token(service: str, index: int) -> str:
    """The NextToken of the page that starts at row ``index``."""
    return base64.urlsafe_b64encode(f"pyserverless-{service}:{index}".encode()).decode()


def token_index(service: str, token: str) -> int | None:
    """The row a token of ``service`` names, or None for anything else."""
    try:
        text = base64.urlsafe_b64decode(token.encode()).decode()
    except (ValueError, UnicodeError):
        return None
    prefix, _, number = text.partition(":")
    if prefix != f"pyserverless-{service}" or not digits(number):
        return None
    return int(number)
