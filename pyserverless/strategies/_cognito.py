"""Cognito user names, password policies and passwords that satisfy a policy."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

__all__ = ["cognito_passwords", "cognito_usernames", "password_policies"]

# The special characters a Cognito password policy counts as symbols (COG:
# user-pool-settings-policies). Cognito also counts an inner space, but the API's
# Password pattern is [\S]+, so spaces are left out.
SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-"
_CLASSES = {
    "RequireUppercase": string.ascii_uppercase,
    "RequireLowercase": string.ascii_lowercase,
    "RequireNumbers": string.digits,
    "RequireSymbols": SYMBOLS,
}
_ALLOWED = string.ascii_letters + string.digits + SYMBOLS
_MAX_PASSWORD = 256  # Cognito passwords: up to 256 characters, whatever the policy


def cognito_usernames(*, max_size: int = 24) -> st.SearchStrategy[str]:
    """User names Cognito accepts (botocore's UsernameType): 1 to ``max_size`` (at most
    128) letters, marks, symbols, numbers or punctuation, in any script; no spaces.

    >>> from hypothesis import given
    >>> @given(cognito_usernames())
    ... def test(name):
    ...     assert name and not any(c.isspace() for c in name)
    >>> test()
    """
    if not 1 <= max_size <= 128:
        raise ValueError("max_size must be within 1..128")
    letters = st.characters(categories=["L", "M", "S", "N", "P"])
    return st.text(letters, min_size=1, max_size=max_size)


def password_policies() -> st.SearchStrategy[dict[str, Any]]:
    """Valid ``PasswordPolicy`` members for CreateUserPool: ``MinimumLength`` 6 to 99
    and each ``Require...`` flag on or off.

    >>> from hypothesis import given
    >>> @given(password_policies())
    ... def test(policy):
    ...     assert 6 <= policy["MinimumLength"] <= 99
    >>> test()
    """
    flags = {name: st.booleans() for name in _CLASSES}
    return st.fixed_dictionaries({"MinimumLength": st.integers(6, 99), **flags})


@st.composite
def _passwords(draw: st.DrawFn, length: int, required: list[str], max_size: int) -> str:
    chars = [draw(st.sampled_from(alphabet)) for alphabet in required]
    size = draw(st.integers(max(length, len(chars)), max_size))
    rest = size - len(chars)
    chars += draw(st.lists(st.sampled_from(_ALLOWED), min_size=rest, max_size=rest))
    return "".join(draw(st.permutations(chars)))


def cognito_passwords(
    policy: Mapping[str, Any] | None = None, *, max_size: int | None = None
) -> st.SearchStrategy[str]:
    """Passwords valid for a user pool's ``PasswordPolicy`` (Cognito's default policy
    when ``None``: 8 characters, upper case, lower case, numbers and symbols; a flag
    left out counts as required): Basic
    Latin letters, digits and Cognito's symbols, at least ``MinimumLength`` long and at
    most ``max_size`` (``MinimumLength + 16`` by default; 256 at most).

    >>> from hypothesis import given
    >>> @given(cognito_passwords({"MinimumLength": 12, "RequireSymbols": False}))
    ... def test(password):
    ...     assert len(password) >= 12 and any(c.isdigit() for c in password)
    >>> test()
    """
    policy = dict(policy or {})
    length = int(policy.get("MinimumLength", 8))
    if not 6 <= length <= 99:
        raise ValueError("MinimumLength must be within 6..99, as Cognito requires")
    # A flag left out counts as on: such a password satisfies the policy whether the
    # pool reads a missing flag as off (the API's boolean default) or as its default on.
    required = [chars for flag, chars in _CLASSES.items() if policy.get(flag, True)]
    top = min(length + 16, _MAX_PASSWORD) if max_size is None else max_size
    if not length <= top <= _MAX_PASSWORD:
        raise ValueError(f"max_size must be within MinimumLength..{_MAX_PASSWORD}")
    return _passwords(length, required, top)
