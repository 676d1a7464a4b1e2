"""Cognito user-pool quotas and timings, each a field with AWS's default (aws-facts D2, D4, D6)."""

from __future__ import annotations

from typing import ClassVar

import attrs

__all__ = ["CognitoLimits"]


@attrs.frozen
class CognitoLimits:
    """Every Cognito quota and timing pyserverless enforces; override with ``Cloud(limits=...)``.

    >>> CognitoLimits().access_token_minutes
    60
    >>> CognitoLimits(password_hash_cost=2).password_hash_cost
    2
    """

    # Token validity (D2): ID and access 5 min - 1 day, default 60 min; refresh 60 min - 10 years.
    access_token_minutes: int = 60
    id_token_minutes: int = 60
    refresh_token_minutes: int = 30 * 24 * 60
    min_access_token_minutes: int = 5
    max_access_token_minutes: int = 24 * 60
    min_refresh_token_minutes: int = 60
    max_refresh_token_minutes: int = 10 * 365 * 24 * 60
    #: Challenge ``Session`` validity, 3-15 min, default 3 (D2).
    auth_session_minutes: int = 3
    # Passwords and codes (D4).
    min_password_length: int = 6
    max_password_length: int = 99
    default_password_length: int = 8
    temporary_password_days: int = 7
    signup_code_seconds: int = 24 * 3600
    forgot_password_code_seconds: int = 3600
    attribute_code_seconds: int = 24 * 3600
    mfa_code_seconds: int = 180
    code_length: int = 6
    # Lockout (D4): after 5 failures, 1 s doubling per further failure, capped at ~15 min;
    # forgotten after 15 min without attempts.
    lockout_after_failures: int = 5
    lockout_base_seconds: int = 1
    lockout_max_seconds: int = 900
    lockout_reset_seconds: int = 900
    # Triggers (D6): synchronous, 5 s timeout, 3 tries.
    trigger_timeout_seconds: float = 5.0
    trigger_attempts: int = 3
    # Quotas.
    max_user_pools: int = 1000
    max_app_clients: int = 1000
    max_groups: int = 10000
    max_custom_attributes: int = 50
    max_list_users: int = 60
    max_list_pools: int = 60
    max_list_clients: int = 60
    max_list_groups: int = 60
    #: ListDevices/AdminListDevices ``Limit`` (QueryLimitType, at most 60).
    max_list_devices: int = 60
    #: Work factor of the stored password hash (log2 of scrypt's N). AWS's is unknown;
    #: 14 is scrypt's interactive-login setting (about 40 ms a password), the default
    #: everywhere but in the pytest plugin's ``cloud`` fixture, which uses
    #: ``TEST_PASSWORD_COST`` unless its ini option ``pyserverless_password_cost`` is
    #: ``production``.
    password_hash_cost: int = 14
    #: The cheap cost the pytest plugin uses (scrypt with N=2: the logic, not the work).
    TEST_PASSWORD_COST: ClassVar[int] = 1
    #: RSA modulus size of the per-pool signing keys.
    rsa_key_bits: int = 2048
