"""Passwords: the pool's policy, and a slow salted hash compared in constant time.

>>> stored = hash_password("Passw0rd!", salt=b"0123456789abcdef", cost=2)
>>> stored.startswith("scrypt$2$")
True
>>> check_password("Passw0rd!", stored), check_password("passw0rd!", stored)
(True, False)
>>> policy_violation("short", {"MinimumLength": 8})
'Password not long enough'
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from . import _messages as m

__all__ = ["SYMBOLS", "check_password", "hash_password", "policy_violation"]

#: The special characters Cognito's policy counts as symbols (COG: user-pool-settings-policies).
SYMBOLS = frozenset("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")


def _kdf(salt: bytes, cost: int) -> Scrypt:
    return Scrypt(salt=salt, length=32, n=2**cost, r=8, p=1)


def hash_password(password: str, *, salt: bytes, cost: int) -> str:
    """``scrypt$<cost>$<salt>$<hash>``: never the password itself."""
    digest = _kdf(salt, cost).derive(password.encode())
    enc = base64.b64encode
    return f"scrypt${cost}${enc(salt).decode()}${enc(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored``, compared in constant time."""
    try:
        _, cost, salt, digest = stored.split("$")
        _kdf(base64.b64decode(salt), int(cost)).verify(password.encode(), base64.b64decode(digest))
    except (InvalidKey, ValueError):
        return False
    return True


def policy_violation(password: str, policy: Mapping[str, Any]) -> str | None:
    """The reason ``password`` breaks ``policy`` (a ``PasswordPolicyType``), or ``None``."""
    if len(password) < int(policy.get("MinimumLength", 8)):
        return m.PASSWORD_TOO_SHORT
    if len(password) > 256:
        return m.PASSWORD_TOO_LONG
    checks = (
        ("RequireLowercase", str.islower, m.PASSWORD_NEEDS_LOWER),
        ("RequireUppercase", str.isupper, m.PASSWORD_NEEDS_UPPER),
        ("RequireNumbers", str.isdigit, m.PASSWORD_NEEDS_NUMBER),
        ("RequireSymbols", SYMBOLS.__contains__, m.PASSWORD_NEEDS_SYMBOL),
    )
    for field, test, message in checks:
        if policy.get(field, True) and not any(test(ch) for ch in password):
            return message
    return None
