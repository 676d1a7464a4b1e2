"""Drawn Cognito user names and passwords are ones SignUp accepts for the pool's policy."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless.cognito import CognitoLimits, InvalidPasswordException
from pyserverless.strategies import cognito_passwords, cognito_usernames, password_policies

CHEAP = {"cognito-idp": {"password_hash_cost": CognitoLimits.TEST_PASSWORD_COST}}


def pool_client(policy: dict[str, Any] | None) -> tuple[Any, str]:
    """A fresh Cloud's cognito-idp client and an app client of a pool with ``policy``."""
    idp = Cloud.manual(limits=CHEAP).client("cognito-idp")
    policies = {} if policy is None else {"Policies": {"PasswordPolicy": policy}}
    pool = idp.create_user_pool(PoolName="p", **policies)["UserPool"]["Id"]
    client = idp.create_user_pool_client(UserPoolId=pool, ClientName="c")
    return idp, client["UserPoolClient"]["ClientId"]


def sign_up(idp: Any, client_id: str, username: str, password: str) -> None:
    idp.sign_up(ClientId=client_id, Username=username, Password=password)


class TestCognitoPasswords:
    """cognito_passwords(policy) draws passwords the policy accepts, and only long enough ones."""

    @given(st.data())
    def test_sign_up_accepts_every_drawn_pair(self, data: st.DataObject) -> None:
        """On a pool with a drawn policy, SignUp accepts each drawn user name and password."""
        policy = data.draw(password_policies())
        idp, client_id = pool_client(policy)
        username = data.draw(cognito_usernames())
        password = data.draw(cognito_passwords(policy))
        sign_up(idp, client_id, username, password)

    @given(cognito_usernames(), cognito_passwords())
    def test_the_default_policy(self, username: str, password: str) -> None:
        """Without a policy, the passwords meet Cognito's default one."""
        idp, client_id = pool_client(None)
        sign_up(idp, client_id, username, password)

    @given(st.data())
    def test_at_the_minimum_length_and_one_under(self, data: st.DataObject) -> None:
        """A password of exactly MinimumLength is accepted; without its last character, refused."""
        policy = data.draw(password_policies())
        length = policy["MinimumLength"]
        password = data.draw(cognito_passwords(policy, max_size=length))
        assert len(password) == length
        idp, client_id = pool_client(policy)
        # Drop a character the policy does not need: the one whose class repeats.
        short = next(
            password[:i] + password[i + 1 :]
            for i in range(len(password))
            if _classes(password[:i] + password[i + 1 :]) == _classes(password)
        )
        with pytest.raises(InvalidPasswordException, match="not long enough"):
            sign_up(idp, client_id, "short", short)
        sign_up(idp, client_id, "exact", password)

    @given(
        cognito_passwords(
            {
                "MinimumLength": 6,
                "RequireUppercase": False,
                "RequireLowercase": False,
                "RequireNumbers": False,
                "RequireSymbols": True,
            }
        )
    )
    def test_symbols_are_cognitos(self, password: str) -> None:
        """Only Basic Latin letters, digits and Cognito's symbols appear, never a space."""
        from pyserverless.cognito._passwords import SYMBOLS

        assert any(c in SYMBOLS for c in password)
        assert all(c.isascii() and (c.isalnum() or c in SYMBOLS) and c != " " for c in password)

    def test_bad_options(self) -> None:
        """A MinimumLength outside 6..99, or max_size under it, is a ValueError."""
        with pytest.raises(ValueError, match="MinimumLength"):
            cognito_passwords({"MinimumLength": 5})
        with pytest.raises(ValueError, match="max_size"):
            cognito_passwords({"MinimumLength": 10}, max_size=9)


def _classes(password: str) -> set[str]:
    return {
        ("u" if c.isupper() else "l" if c.islower() else "d" if c.isdigit() else "s")
        for c in password
    }


class TestCognitoUsernames:
    """cognito_usernames() draws names botocore's UsernameType pattern allows."""

    @given(cognito_usernames(max_size=128))
    def test_within_the_shape(self, name: str) -> None:
        """1-128 characters, no white space or control characters."""
        import unicodedata

        assert 1 <= len(name) <= 128
        assert all(unicodedata.category(c)[0] in "LMSNP" for c in name)

    def test_bad_options(self) -> None:
        """max_size past 128 is a ValueError."""
        with pytest.raises(ValueError, match="max_size"):
            cognito_usernames(max_size=129)
