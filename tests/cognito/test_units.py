"""The building blocks against independent oracles: TOTP vs pyotp, filters, passwords, hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pyotp
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pycognito.aws_srp import AWSSRP

from pyserverless.cognito import secret_hash
from pyserverless.cognito._errors import InvalidParameterException
from pyserverless.cognito._filter import FILTERABLE, parse_filter
from pyserverless.cognito._passwords import check_password, hash_password, policy_violation
from pyserverless.cognito._totp import new_secret, totp, verify

DEFAULT_POLICY = {"MinimumLength": 8}


class TestTotp:
    @given(raw=st.binary(min_size=16, max_size=40), at=st.integers(0, 2**33))
    def test_matches_pyotp(self, raw: bytes, at: int) -> None:
        """Our RFC 6238 codes equal pyotp's for any secret and time."""
        secret = new_secret(raw)
        assert totp(secret, at) == pyotp.TOTP(secret).at(at)
        assert verify(secret, pyotp.TOTP(secret).at(at), at)

    def test_window(self) -> None:
        """A code is accepted one step either side, not two."""
        secret = new_secret(b"0123456789")
        code = totp(secret, 3000)
        assert verify(secret, code, 3030) and verify(secret, code, 2970)
        assert not verify(secret, code, 3090)

    @pytest.mark.parametrize(
        "code",
        [
            "12a45\u00e9",
            "\uff11\uff12\uff13\uff14\uff15\uff16",
            "\u0663\u0664\u0665\u0666\u0667\u0668",
            " 12345",
            "12345\n",
        ],
    )
    def test_rejects_non_digits(self, code: str) -> None:
        """A code that is not six ASCII digits is refused, never an error: the right code
        written in other digits (fullwidth, Arabic-Indic) too."""
        secret = new_secret(b"0123456789")
        assert not verify(secret, code, 0)
        right = totp(secret, 0)
        fullwidth = right.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
        assert fullwidth.isdigit() and int(fullwidth) == int(right)
        assert not verify(secret, fullwidth, 0)

    def test_rejects_non_strings(self) -> None:
        """A code that is not a string (an int, None) is refused, never an error."""
        secret = new_secret(b"0123456789")
        assert not verify(secret, int(totp(secret, 0)), 0)  # type: ignore[arg-type]
        assert not verify(secret, None, 0)  # type: ignore[arg-type]


class TestSecretHash:
    @given(username=st.text(min_size=1, max_size=40), secret=st.text(min_size=1, max_size=60))
    def test_matches_pycognito(self, username: str, secret: str) -> None:
        """SECRET_HASH equals pycognito's and the formula of aws-facts D3."""
        ours = secret_hash(secret, username, "client123")
        assert ours == AWSSRP.get_secret_hash(username, "client123", secret)
        mac = hmac.new(secret.encode(), (username + "client123").encode(), hashlib.sha256)
        assert ours == base64.b64encode(mac.digest()).decode()


class TestPasswords:
    @given(password=st.text(min_size=1, max_size=30), other=st.text(min_size=1, max_size=30))
    def test_hash_round_trip(self, password: str, other: str) -> None:
        """A hash accepts its password and no other."""
        stored = hash_password(password, salt=b"s" * 16, cost=1)
        assert stored.startswith("scrypt$1$")
        assert check_password(password, stored)
        assert check_password(other, stored) == (other == password)

    def test_salted(self) -> None:
        """Different salts, different hashes."""
        assert hash_password("x", salt=b"a" * 16, cost=1) != hash_password(
            "x", salt=b"b" * 16, cost=1
        )

    def test_malformed_hash(self) -> None:
        """A malformed stored value never matches."""
        assert not check_password("x", "nonsense")

    @given(st.text(min_size=8, max_size=20))
    def test_policy_agrees_with_rules(self, password: str) -> None:
        """The default policy accepts exactly the passwords with all four classes."""
        from pyserverless.cognito._passwords import SYMBOLS

        ok = (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
            and any(c in SYMBOLS for c in password)
        )
        assert (policy_violation(password, DEFAULT_POLICY) is None) == ok


class TestFilter:
    @given(
        attribute=st.sampled_from(sorted(FILTERABLE)),
        value=st.text(st.characters(exclude_categories=["Cs"]), max_size=20),
        prefix=st.booleans(),
    )
    def test_round_trip(self, attribute: str, value: str, prefix: bool) -> None:
        """Any quoted value (with escapes) parses back to itself."""
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        parsed = parse_filter(f'{attribute} {"^=" if prefix else "="} "{quoted}"')
        assert parsed is not None
        assert (parsed.attribute, parsed.value, parsed.prefix) == (attribute, value, prefix)

    @pytest.mark.parametrize("text", ["email = alice", 'email != "a"', 'shoe = "9"', '"email"'])
    def test_rejects(self, text: str) -> None:
        """Malformed filters are InvalidParameterException."""
        with pytest.raises(InvalidParameterException):
            parse_filter(text)
