"""Account operations: deleting and listing users, passwords, enabling and disabling,
signing out and revoking, software tokens and MFA preferences."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import _messages as m
from ._errors import (
    CodeMismatchException,
    EnableSoftwareTokenMFAException,
    InvalidParameterException,
    NotAuthorizedException,
    UnsupportedOperationException,
    UnsupportedTokenTypeException,
)
from ._filter import parse_filter
from ._pool import Pools, UserPool
from ._settings import listing
from ._totp import matched_step, new_secret
from ._user_ops import admin_user, lookup, post_confirmation, public_client, send_code, token_user
from ._users import User, check_policy, require, simulated_delivery

Params = Mapping[str, Any]
Response = dict[str, Any]


# -- deletion and listing -------------------------------------------------------------------------
def admin_delete_user(pools: Pools, params: Params) -> Response:
    pool, user = admin_user(pools, params)
    pool.remove_user(user)
    return {}


def delete_user(pools: Pools, params: Params) -> Response:
    pool, user = token_user(pools, params)
    pool.remove_user(user)
    return {}


def list_users(pools: Pools, params: Params) -> Response:
    require(params, "UserPoolId")
    pool = pools.pool(params["UserPoolId"])
    wanted = parse_filter(params.get("Filter", ""))
    users = [u for u in pool.users.values() if wanted is None or wanted.matches(u.filter_fields())]
    names = params.get("AttributesToGet")
    return listing(
        "Users",
        users,
        lambda u: u.user_type(names),
        params,
        "Limit",
        pools.host.limits.max_list_users,
        "PaginationToken",
    )


# -- passwords ------------------------------------------------------------------------------------
def forgot_password(pools: Pools, params: Params) -> Response:
    pool, client = public_client(pools, params)
    user = lookup(pool, client, params["Username"])
    if user is None:  # COG: cognito-user-pool-managing-errors
        return {"CodeDeliveryDetails": simulated_delivery(params["Username"])}
    if not user.enabled:
        raise NotAuthorizedException(m.USER_DISABLED)
    _check_resettable(user)
    target = pool.recovery_target(user)
    if target is None:
        raise InvalidParameterException(m.NO_VERIFIED_CONTACT)
    details = send_code(pool, user, params, "ForgotPassword", target, "ForgotPassword", client)
    return {"CodeDeliveryDetails": details}


def confirm_forgot_password(pools: Pools, params: Params) -> Response:
    pool, client = public_client(pools, params, "ConfirmationCode", "Password")
    user = lookup(pool, client, params["Username"])
    if user is None:
        raise CodeMismatchException(m.CODE_MISMATCH)
    check_policy(pool.config, params["Password"])
    pool.use_code(user, "ForgotPassword", params["ConfirmationCode"])
    pool.set_password(user, params["Password"])
    if user.status in ("RESET_REQUIRED", "FORCE_CHANGE_PASSWORD"):
        user.status = "CONFIRMED"
    user.password_lockout.succeed()
    user.modified = pool.host.now_dt()
    post_confirmation(
        pool, user, "PostConfirmation_ConfirmForgotPassword", client.client_id, params
    )
    return {}


def change_password(pools: Pools, params: Params) -> Response:
    pool, user = token_user(pools, params, "ProposedPassword")
    stamp = pool.host.now()
    user.password_lockout.check(stamp, pools.host.limits)
    if not pool.password_matches(user, params.get("PreviousPassword")):
        user.password_lockout.fail(stamp, pools.host.limits)
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    check_policy(pool.config, params["ProposedPassword"])
    pool.set_password(user, params["ProposedPassword"])
    user.password_lockout.succeed()
    user.modified = pool.host.now_dt()
    return {}


def admin_set_user_password(pools: Pools, params: Params) -> Response:
    pool, user = admin_user(pools, params, "Password")
    check_policy(pool.config, params["Password"])
    pool.set_password(user, params["Password"])
    if params.get("Permanent"):
        user.status = "CONFIRMED"
    else:
        user.status = "FORCE_CHANGE_PASSWORD"
    user.password_lockout.succeed()
    user.modified = pool.host.now_dt()
    return {}


def _check_resettable(user: User) -> None:
    """A user who has never chosen a password (FORCE_CHANGE_PASSWORD) cannot reset one:
    AWS's answer quoted with its request id in aws-amplify/amplify-flutter#3048 (ForgotPassword)
    and in RunaVault#15 (an admin's reset)."""
    if user.status == "FORCE_CHANGE_PASSWORD":
        raise NotAuthorizedException(m.RESET_NOT_ALLOWED)


def admin_reset_user_password(pools: Pools, params: Params) -> Response:
    pool, user = admin_user(pools, params)
    _check_resettable(user)
    target = pool.recovery_target(user)
    if target is None:
        raise InvalidParameterException(m.NO_VERIFIED_CONTACT)
    user.status = "RESET_REQUIRED"
    send_code(pool, user, params, "ForgotPassword", target, "ForgotPassword", None)
    return {}


# -- enable, disable, sign out --------------------------------------------------------------------
def admin_disable_user(pools: Pools, params: Params) -> Response:
    pool, user = admin_user(pools, params)
    user.enabled = False
    pool.sign_out(user)
    user.modified = pool.host.now_dt()
    return {}


def admin_enable_user(pools: Pools, params: Params) -> Response:
    pool, user = admin_user(pools, params)
    user.enabled = True
    user.modified = pool.host.now_dt()
    return {}


def global_sign_out(pools: Pools, params: Params) -> Response:
    pool, user = token_user(pools, params)
    pool.sign_out(user)
    return {}


def admin_user_global_sign_out(pools: Pools, params: Params) -> Response:
    pool, user = admin_user(pools, params)
    pool.sign_out(user)
    return {}


def revoke_token(pools: Pools, params: Params) -> Response:
    require(params, "Token", "ClientId")
    pool, client = pools.client(params["ClientId"])
    if client.secret is not None and params.get("ClientSecret") != client.secret:
        raise NotAuthorizedException(m.SECRET_HASH_MISMATCH.format(client_id=client.client_id))
    if not client.config.get("EnableTokenRevocation", True):
        raise UnsupportedOperationException("Token revocation is not enabled for this client.")
    token = params["Token"]
    if isinstance(token, str) and token.count(".") == 2:
        raise UnsupportedTokenTypeException(m.UNSUPPORTED_TOKEN)
    session = pool.refresh_tokens.get(token)
    if session is not None:
        if session.client_id != client.client_id:
            raise NotAuthorizedException(m.INVALID_REFRESH_TOKEN)
        pool.revoke(token)
    return {}


# -- software tokens and MFA preferences ----------------------------------------------------------
def _mfa_subject(pools: Pools, params: Params) -> tuple[UserPool, User, Any]:
    if params.get("AccessToken"):
        pool, user = pools.token_user(params["AccessToken"])
        return pool, user, None
    if params.get("Session"):
        pool, session = pools.session(params["Session"])
        return pool, pool.get_user(session.username), params["Session"]
    raise InvalidParameterException(m.MISSING_PARAMETER.format(name="AccessToken"))


def associate_software_token(pools: Pools, params: Params) -> Response:
    _, user, session = _mfa_subject(pools, params)
    user.totp_secret = new_secret(pools.host.ids.token_bytes(32))
    user.totp_verified = False
    user.totp_last_step = -1
    out: Response = {"SecretCode": user.totp_secret}
    if session is not None:
        out["Session"] = session
    return out


def verify_software_token(pools: Pools, params: Params) -> Response:
    require(params, "UserCode")
    pool, user, session = _mfa_subject(pools, params)
    if user.totp_secret is None:
        raise InvalidParameterException(m.SOFTWARE_TOKEN_NOT_ASSOCIATED)
    stamp = pool.host.now()
    user.mfa_lockout.check(stamp, pools.host.limits)
    step = matched_step(user.totp_secret, params["UserCode"], stamp)
    if step is None:
        user.mfa_lockout.fail(stamp, pools.host.limits)
        raise EnableSoftwareTokenMFAException(m.TOTP_ENABLE_MISMATCH)
    user.mfa_lockout.succeed()
    user.totp_verified = True
    # The code now counts as used: signing in with it is ExpiredCodeException (moto's
    # aws_verified MFA tests). [?] VerifySoftwareToken lists no ExpiredCodeException, and
    # what it answers to a code used twice is unconfirmed, so it accepts one again.
    user.totp_last_step = max(user.totp_last_step, step)
    out: Response = {"Status": "SUCCESS"}
    if session is not None:
        out["Session"] = session
    return out


def _set_mfa(user: User, params: Params) -> None:
    sms = params.get("SMSMfaSettings")
    totp = params.get("SoftwareTokenMfaSettings")
    if totp and totp.get("Enabled") and not user.totp_verified:
        raise InvalidParameterException(m.MFA_NOT_SET_UP)
    if sms and sms.get("Enabled") and not user.attributes.get("phone_number"):
        raise InvalidParameterException(m.SMS_MFA_NEEDS_PHONE)
    if sms is not None:
        user.sms_mfa_enabled = bool(sms.get("Enabled"))
        if sms.get("PreferredMfa"):
            user.preferred_mfa = "SMS_MFA"
    if totp is not None:
        user.totp_mfa_enabled = bool(totp.get("Enabled"))
        if totp.get("PreferredMfa"):
            user.preferred_mfa = "SOFTWARE_TOKEN_MFA"
    if user.preferred_mfa and user.preferred_mfa not in user.mfa_settings():
        user.preferred_mfa = None


def set_user_mfa_preference(pools: Pools, params: Params) -> Response:
    _, user = token_user(pools, params)
    _set_mfa(user, params)
    return {}


def admin_set_user_mfa_preference(pools: Pools, params: Params) -> Response:
    _set_mfa(admin_user(pools, params)[1], params)
    return {}
