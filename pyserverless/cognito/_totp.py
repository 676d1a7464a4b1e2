"""Time-based one-time passwords (RFC 6238 over RFC 4226): SHA-1, 30 s steps, 6 digits.

>>> secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"   # RFC 6238's test key, base32
>>> totp(secret, 59, digits=8)
'94287082'
>>> verify(secret, totp(secret, 1_000_000), 1_000_010)
True
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct

__all__ = ["STEP", "matched_step", "new_secret", "totp", "verify"]

#: Seconds per code.
STEP = 30


def new_secret(raw: bytes) -> str:
    """A base32 secret, unpadded, as ``AssociateSoftwareToken`` returns it."""
    return base64.b32encode(raw).decode().rstrip("=")


def _key(secret: str) -> bytes:
    text = secret.upper().replace(" ", "")
    return base64.b32decode(text + "=" * (-len(text) % 8))


def totp(secret: str, at: float, *, digits: int = 6) -> str:
    """The code for the step containing the instant ``at`` (epoch seconds)."""
    counter = int(at // STEP)
    mac = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def verify(secret: str, code: str, at: float, *, window: int = 1) -> bool:
    """Whether ``code`` is valid at ``at``, allowing ``window`` steps of clock drift."""
    return matched_step(secret, code, at, window=window) is not None


def matched_step(secret: str, code: str, at: float, *, window: int = 1) -> int | None:
    """The step number (``moment // STEP``) whose code ``code`` is, within ``window``; else None.

    The caller remembers the step it accepted, so that a code cannot sign in twice.

    >>> secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    >>> matched_step(secret, totp(secret, 1_000_000), 1_000_010), 1_000_000 // STEP
    (33333, 33333)
    >>> matched_step(secret, "12345", 1_000_000) is None
    True
    """
    if not (isinstance(code, str) and code.isascii() and code.isdigit() and len(code) == 6):
        return None
    for step in range(-window, window + 1):
        moment = at + step * STEP
        if moment >= 0 and hmac.compare_digest(totp(secret, moment), code):
            return int(moment // STEP)
    return None
