"""User operations: sign-up and confirmation, admin creation, attributes, passwords, MFA setup,
listing, disabling and signing out."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import _messages as m
from ._engine import forget_user, listing
from ._errors import (
    CodeMismatchException,
    EnableSoftwareTokenMFAException,
    InvalidParameterException,
    NotAuthorizedException,
    UnsupportedOperationException,
    UnsupportedTokenTypeException,
    UsernameExistsException,
    UserNotFoundException,
)
from ._filter import parse_filter
from ._pool import AppClient, UserPool, find_pool
from ._totp import new_secret
from ._totp import verify as verify_totp
from ._triggers import fire
from ._users import (
    User,
    check_policy,
    check_required,
    check_secret_hash,
    check_unique,
    deliver,
    find_client,
    find_user,
    get_user,
    hides_users,
    key_of,
    migrate_aliases,
    now,
    now_dt,
    password_matches,
    recovery_target,
    require,
    send_code,
    set_password,
    simulated_delivery,
    use_code,
    user_named,
    user_not_found,
    validate_attributes,
    verification_target,
)

if TYPE_CHECKING:
    from ._engine import CognitoIdentityProvider

Params = Mapping[str, Any]
Response = dict[str, Any]


def _is_email(text: str) -> bool:
    return "@" in text and "." in text.split("@")[-1]


def _is_phone(text: str) -> bool:
    return text.startswith("+") and text[1:].isdigit()


def _new_user(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    username: str,
    attributes: dict[str, str],
    status: str,
) -> User:
    sub = engine.cloud.ids.uuid()
    username_attrs = pool.config.get("UsernameAttributes") or []
    internal = username
    if username_attrs:
        internal = sub  # sign-in by email/phone: the internal username is the sub
        if _is_email(username) and "email" in username_attrs:
            attributes.setdefault("email", username)
        elif _is_phone(username) and "phone_number" in username_attrs:
            attributes.setdefault("phone_number", username)
        else:
            raise InvalidParameterException(m.USERNAME_IS_ALIAS)
    stamp = now_dt(engine)
    return User(
        username=internal,
        sub=sub,
        attributes={"sub": sub, **attributes},
        status=status,
        created=stamp,
        modified=stamp,
    )


def _check_new_username(pool: UserPool, username: Any) -> None:
    if (
        not isinstance(username, str)
        or not 1 <= len(username) <= 128
        or username != username.strip()
    ):
        raise InvalidParameterException(
            m.VALUE_LENGTH.format(
                value=username, field="username", bound="less than or equal to 128"
            )
        )
    if find_user(pool, username) is not None:
        raise UsernameExistsException(m.USER_EXISTS)


def _add(pool: UserPool, user: User) -> None:
    pool.users[key_of(pool, user.username)] = user


def _post_confirmation(
    pool: UserPool, user: User, source: str, client_id: str | None, params: Params
) -> None:
    fire(
        pool,
        "PostConfirmation",
        source,
        user.username,
        client_id,
        {
            "userAttributes": dict(user.attributes),
            "clientMetadata": dict(params.get("ClientMetadata") or {}),
        },
    )


def _pre_sign_up(
    pool: UserPool, user: User, source: str, client_id: str | None, params: Params
) -> dict[str, Any]:
    return fire(
        pool,
        "PreSignUp",
        source,
        user.username,
        client_id,
        {
            "userAttributes": {k: v for k, v in user.attributes.items() if k != "sub"},
            "validationData": _pairs(params.get("ValidationData")),
            "clientMetadata": dict(params.get("ClientMetadata") or {}),
        },
    )


def _public_client(
    engine: CognitoIdentityProvider, params: Params, *names: str
) -> tuple[UserPool, AppClient]:
    """The pool and client of a public (ClientId + Username) call, its SecretHash checked."""
    require(params, "ClientId", "Username", *names)
    pool, client = find_client(engine, params["ClientId"])
    check_secret_hash(client, params["Username"], params.get("SecretHash"))
    return pool, client


def _admin_user(
    engine: CognitoIdentityProvider, params: Params, *names: str
) -> tuple[UserPool, User]:
    """The pool and user of an admin (UserPoolId + Username) call."""
    require(params, "UserPoolId", "Username", *names)
    pool = find_pool(engine, params["UserPoolId"])
    return pool, get_user(pool, params["Username"])


def _token_user(
    engine: CognitoIdentityProvider, params: Params, *names: str
) -> tuple[UserPool, User]:
    """The pool and user of a call made with a user's AccessToken."""
    require(params, "AccessToken", *names)
    return user_from_access_token(engine, params["AccessToken"])


def _code(
    engine: CognitoIdentityProvider,
    params: Params,
    pool: UserPool,
    user: User,
    key: str,
    attribute: str,
    purpose: str,
    client: AppClient | None,
) -> dict[str, str]:
    """Send a ``key`` code to ``attribute`` for ``purpose``; the CodeDeliveryDetails."""
    return send_code(
        engine,
        pool,
        user,
        key,
        attribute,
        purpose=purpose,
        client_id=client.client_id if client else None,
        metadata=params.get("ClientMetadata"),
    )


def _lookup(pool: UserPool, client: AppClient, username: Any) -> User | None:
    """The user; ``None`` (the caller answers a decoy) if the client hides user existence."""
    user = find_user(pool, username)
    if user is None and not hides_users(client):
        raise user_not_found(client)
    return user


# -- sign-up --------------------------------------------------------------------------------------
def sign_up(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, client = _public_client(engine, params, "Password")
    username = params["Username"]
    if pool.config["AdminCreateUserConfig"].get("AllowAdminCreateUserOnly"):
        raise NotAuthorizedException("SignUp is not permitted for this user pool")
    attributes = validate_attributes(
        pool, params.get("UserAttributes"), admin=False, creating=True, client=client
    )
    check_policy(pool, params["Password"])
    _check_new_username(pool, username)
    user = _new_user(engine, pool, username, attributes, "UNCONFIRMED")
    check_required(pool, user.attributes)
    check_unique(pool, user.attributes, exclude=None)
    decision = _pre_sign_up(pool, user, "PreSignUp_SignUp", client.client_id, params)
    _check_new_username(pool, username)  # the trigger ran unlocked: look again
    set_password(engine, pool, user, params["Password"])
    if decision.get("autoVerifyEmail") and "email" in user.attributes:
        user.attributes["email_verified"] = "true"
    if decision.get("autoVerifyPhone") and "phone_number" in user.attributes:
        user.attributes["phone_number_verified"] = "true"
    confirmed = bool(decision.get("autoConfirmUser"))
    if confirmed:
        user.status = "CONFIRMED"
    _add(pool, user)
    out: Response = {"UserConfirmed": confirmed, "UserSub": user.sub}
    target = None if confirmed else verification_target(pool, user)
    if target is not None:
        out["CodeDeliveryDetails"] = _code(
            engine, params, pool, user, "SignUp", target, "SignUp", client
        )
    return out


def _pairs(items: Any) -> dict[str, str]:
    return {i["Name"]: i.get("Value", "") for i in items or [] if isinstance(i, Mapping)}


def confirm_sign_up(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, client = _public_client(engine, params, "ConfirmationCode")
    user = _lookup(pool, client, params["Username"])
    if user is None:
        raise CodeMismatchException(m.CODE_MISMATCH)
    if user.status != "UNCONFIRMED":
        raise NotAuthorizedException(m.ALREADY_CONFIRMED.format(status=user.status))
    held = user.codes.get("SignUp")
    target = held[2] if held else None
    moves = []
    if target and user.attributes.get(target):  # verifying it makes it an alias: unique?
        claim = {target: user.attributes[target], f"{target}_verified": "true"}
        force = bool(params.get("ForceAliasCreation"))
        moves = check_unique(pool, claim, exclude=user, force=force)
    attribute = use_code(engine, user, "SignUp", params["ConfirmationCode"])
    migrate_aliases(moves)
    user.status = "CONFIRMED"
    if attribute:
        user.attributes[f"{attribute}_verified"] = "true"
    user.modified = now_dt(engine)
    _post_confirmation(pool, user, "PostConfirmation_ConfirmSignUp", client.client_id, params)
    return {}


def resend_confirmation_code(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, client = _public_client(engine, params)
    user = _lookup(pool, client, params["Username"])
    if user is None:  # COG: cognito-user-pool-managing-errors
        return {"CodeDeliveryDetails": simulated_delivery(params["Username"])}
    if user.status != "UNCONFIRMED":
        raise InvalidParameterException(m.ALREADY_CONFIRMED_RESEND)
    target = verification_target(pool, user) or (
        "email" if "email" in user.attributes else "phone_number"
    )
    if not user.attributes.get(target):
        raise InvalidParameterException(m.NO_VERIFIED_CONTACT)
    details = _code(engine, params, pool, user, "SignUp", target, "ResendCode", client)
    return {"CodeDeliveryDetails": details}


# -- admin creation -------------------------------------------------------------------------------
def _temporary_password(engine: CognitoIdentityProvider, pool: UserPool) -> str:
    ids = engine.cloud.ids
    length = max(int(pool.config["Policies"]["PasswordPolicy"]["MinimumLength"]), 8)
    body = ids.alnum(max(length - 4, 4))
    return "Aa1!" + body


def _invite(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    user: User,
    password: str,
    mediums: list[str],
    params: Params,
) -> None:
    for medium in mediums:
        attribute = "email" if medium == "EMAIL" else "phone_number"
        if user.attributes.get(attribute):
            deliver(
                engine,
                pool,
                user,
                purpose="AdminCreateUser",
                attribute=attribute,
                code=password,
                client_id=None,
                kind="invite",
                metadata=params.get("ClientMetadata"),
            )


def admin_create_user(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "UserPoolId", "Username")
    pool = find_pool(engine, params["UserPoolId"])
    username = params["Username"]
    action = params.get("MessageAction")
    if action not in (None, "RESEND", "SUPPRESS"):
        raise InvalidParameterException(
            m.ENUM_VALUE.format(value=action, field="messageAction", allowed=["RESEND", "SUPPRESS"])
        )
    mediums = list(params.get("DesiredDeliveryMediums") or ["SMS"])
    for medium in mediums:
        if medium not in ("SMS", "EMAIL"):
            raise InvalidParameterException(
                m.ENUM_VALUE.format(
                    value=medium, field="desiredDeliveryMediums", allowed=["EMAIL", "SMS"]
                )
            )
    password = params.get("TemporaryPassword")
    if password is not None:
        check_policy(pool, password)
    if action == "RESEND":
        user = get_user(pool, username)
        if user.status != "FORCE_CHANGE_PASSWORD":
            raise UnsupportedOperationException(
                f"Resend not possible. User is not in FORCE_CHANGE_PASSWORD state: {user.status}"
            )
        password = password or _temporary_password(engine, pool)
        set_password(engine, pool, user, password)
        _invite(engine, pool, user, password, mediums, params)
        return {"User": user.user_type()}
    attributes = validate_attributes(pool, params.get("UserAttributes"), admin=True, creating=True)
    _check_new_username(pool, username)
    user = _new_user(engine, pool, username, attributes, "FORCE_CHANGE_PASSWORD")
    check_required(pool, user.attributes)
    force = bool(params.get("ForceAliasCreation"))
    check_unique(pool, user.attributes, exclude=None, force=force)
    _pre_sign_up(pool, user, "PreSignUp_AdminCreateUser", None, params)
    _check_new_username(pool, username)  # the trigger ran unlocked: look again
    moves = check_unique(pool, user.attributes, exclude=None, force=force)
    password = password or _temporary_password(engine, pool)
    set_password(engine, pool, user, password)
    migrate_aliases(moves)
    _add(pool, user)
    if action != "SUPPRESS":
        _invite(engine, pool, user, password, mediums, params)
    return {"User": user.user_type()}


def admin_confirm_sign_up(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, user = _admin_user(engine, params)
    if user.status != "UNCONFIRMED":
        raise NotAuthorizedException(m.ALREADY_CONFIRMED.format(status=user.status))
    user.status = "CONFIRMED"
    user.codes.pop("SignUp", None)
    user.modified = now_dt(engine)
    _post_confirmation(pool, user, "PostConfirmation_ConfirmSignUp", None, params)
    return {}


def _mfa_view(user: User) -> Response:
    out: Response = {}
    settings = user.mfa_settings()
    if settings:
        out["UserMFASettingList"] = settings
    if user.preferred_mfa:
        out["PreferredMfaSetting"] = user.preferred_mfa
    return out


def admin_get_user(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, user = _admin_user(engine, params)
    out = user.user_type()
    out["UserAttributes"] = out.pop("Attributes")
    out.update(_mfa_view(user))
    return out


def user_from_access_token(engine: CognitoIdentityProvider, token: Any) -> tuple[UserPool, User]:
    """The pool and user an access token speaks for (NotAuthorizedException if it is bad)."""
    pool = pool_of_token(engine, token)
    claims = pool.verify(token, token_use="access")
    user = user_named(pool, claims.get("username"))
    if user is not None and user.sub != claims.get("sub"):  # deleted, and the name reused
        user = None
    if user is None:
        raise UserNotFoundException(m.USER_NOT_FOUND)
    if not user.enabled:
        raise NotAuthorizedException(m.USER_DISABLED)
    return pool, user


def pool_of_token(engine: CognitoIdentityProvider, token: Any) -> UserPool:
    try:
        body = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        pool_id = str(claims["iss"]).rsplit("/", 1)[1]
    except (AttributeError, IndexError, KeyError, ValueError, TypeError):
        raise NotAuthorizedException(m.INVALID_ACCESS_TOKEN) from None
    pool = engine.pools.get(pool_id)
    if pool is None:
        raise NotAuthorizedException(m.INVALID_ACCESS_TOKEN)
    return pool


def get_user_op(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, user = _token_user(engine, params)
    out: Response = {"Username": user.username, "UserAttributes": user.attribute_list()}
    out.update(_mfa_view(user))
    return out


# -- attributes -----------------------------------------------------------------------------------
def _update_attributes(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    user: User,
    params: Params,
    *,
    admin: bool,
    client: AppClient | None = None,
) -> Response:
    changes = validate_attributes(pool, params.get("UserAttributes"), admin=admin, client=client)
    merged = {**user.attributes, **changes}
    auto = pool.config.get("AutoVerifiedAttributes") or []
    settings = pool.config.get("UserAttributeUpdateSettings") or {}
    keep = settings.get("AttributesRequireVerificationBeforeUpdate") or []
    to_verify = []
    pending = dict(user.pending)
    for attr in ("email", "phone_number"):
        if attr not in changes:
            continue
        new, old = changes[attr], user.attributes.get(attr)
        if new == old or changes.get(f"{attr}_verified") == "true":
            pending.pop(attr, None)  # back to the original, or set verified by an admin
            continue
        if attr in keep and old and new:
            # The original stays in effect until the new value is verified
            # (AWS API reference: UserAttributeUpdateSettingsType).
            merged[attr] = old
            merged[f"{attr}_verified"] = user.attributes.get(f"{attr}_verified", "false")
            pending[attr] = new
        else:
            pending.pop(attr, None)
            merged[f"{attr}_verified"] = "false"
        if attr in auto:
            to_verify.append(attr)
    check_unique(pool, merged, exclude=user)
    waiting = {a: v for a, v in pending.items() if a not in user.pending or v != user.pending[a]}
    check_unique(pool, {**waiting, **{f"{a}_verified": "false" for a in waiting}}, exclude=user)
    user.attributes = merged
    user.pending = pending
    user.modified = now_dt(engine)
    details = [
        _code(engine, params, pool, user, f"Verify:{attr}", attr, "UpdateUserAttribute", None)
        for attr in to_verify
    ]
    return {"CodeDeliveryDetailsList": details} if not admin else {}


def admin_update_user_attributes(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, user = _admin_user(engine, params, "UserAttributes")
    _update_attributes(engine, pool, user, params, admin=True)
    return {}


def update_user_attributes(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, user = _token_user(engine, params, "UserAttributes")
    client_id = pool.verify(params["AccessToken"], token_use="access").get("client_id")
    client = pool.clients.get(client_id) if isinstance(client_id, str) else None
    return _update_attributes(engine, pool, user, params, admin=False, client=client)


def admin_delete_user_attributes(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, user = _admin_user(engine, params, "UserAttributeNames")
    for name in params["UserAttributeNames"]:
        if name == "sub":
            raise InvalidParameterException("Cannot delete the sub attribute.")
        user.attributes.pop(name, None)
        user.pending.pop(name, None)
    user.modified = now_dt(engine)
    return {}


def get_user_attribute_verification_code(
    engine: CognitoIdentityProvider, params: Params
) -> Response:
    pool, user = _token_user(engine, params, "AttributeName")
    attr = params["AttributeName"]
    if attr not in ("email", "phone_number") or not user.attributes.get(attr):
        raise InvalidParameterException(f"Invalid attribute name {attr}")
    details = _code(engine, params, pool, user, f"Verify:{attr}", attr, "VerifyUserAttribute", None)
    return {"CodeDeliveryDetails": details}


def verify_user_attribute(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, user = _token_user(engine, params, "AttributeName", "Code")
    attr = params["AttributeName"]
    new = user.pending.get(attr)
    if new is not None:  # the new value replaces the original once verified
        check_unique(pool, {attr: new, f"{attr}_verified": "true"}, exclude=user)
    use_code(engine, user, f"Verify:{attr}", params["Code"])
    if new is not None:
        user.attributes[attr] = user.pending.pop(attr)
    user.attributes[f"{attr}_verified"] = "true"
    user.modified = now_dt(engine)
    return {}


# -- deletion and listing -------------------------------------------------------------------------
def _delete(pool: UserPool, user: User) -> None:
    del pool.users[key_of(pool, user.username)]
    forget_user(pool, user.username)


def admin_delete_user(engine: CognitoIdentityProvider, params: Params) -> Response:
    _delete(*_admin_user(engine, params))
    return {}


def delete_user(engine: CognitoIdentityProvider, params: Params) -> Response:
    _delete(*_token_user(engine, params))
    return {}


def list_users(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "UserPoolId")
    pool = find_pool(engine, params["UserPoolId"])
    wanted = parse_filter(params.get("Filter", ""))
    users = [u for u in pool.users.values() if wanted is None or wanted.matches(u.filter_fields())]
    names = params.get("AttributesToGet")
    return listing(
        "Users",
        users,
        lambda u: u.user_type(names),
        params,
        "Limit",
        engine.limits.max_list_users,
        "PaginationToken",
    )


# -- passwords ------------------------------------------------------------------------------------
def forgot_password(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, client = _public_client(engine, params)
    user = _lookup(pool, client, params["Username"])
    if user is None:  # COG: cognito-user-pool-managing-errors
        return {"CodeDeliveryDetails": simulated_delivery(params["Username"])}
    if not user.enabled:
        raise NotAuthorizedException(m.USER_DISABLED)
    target = recovery_target(pool, user)
    if target is None:
        raise InvalidParameterException(m.NO_VERIFIED_CONTACT)
    details = _code(engine, params, pool, user, "ForgotPassword", target, "ForgotPassword", client)
    return {"CodeDeliveryDetails": details}


def confirm_forgot_password(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, client = _public_client(engine, params, "ConfirmationCode", "Password")
    user = _lookup(pool, client, params["Username"])
    if user is None:
        raise CodeMismatchException(m.CODE_MISMATCH)
    check_policy(pool, params["Password"])
    use_code(engine, user, "ForgotPassword", params["ConfirmationCode"])
    set_password(engine, pool, user, params["Password"])
    if user.status in ("RESET_REQUIRED", "FORCE_CHANGE_PASSWORD"):
        user.status = "CONFIRMED"
    user.password_lockout.succeed()
    user.modified = now_dt(engine)
    _post_confirmation(
        pool, user, "PostConfirmation_ConfirmForgotPassword", client.client_id, params
    )
    return {}


def change_password(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, user = _token_user(engine, params, "ProposedPassword")
    stamp = now(engine)
    user.password_lockout.check(stamp, engine.limits)
    if not password_matches(user, params.get("PreviousPassword")):
        user.password_lockout.fail(stamp, engine.limits)
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    check_policy(pool, params["ProposedPassword"])
    set_password(engine, pool, user, params["ProposedPassword"])
    user.password_lockout.succeed()
    user.modified = now_dt(engine)
    return {}


def admin_set_user_password(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, user = _admin_user(engine, params, "Password")
    check_policy(pool, params["Password"])
    set_password(engine, pool, user, params["Password"])
    if params.get("Permanent"):
        user.status = "CONFIRMED"
    else:
        user.status = "FORCE_CHANGE_PASSWORD"
    user.password_lockout.succeed()
    user.modified = now_dt(engine)
    return {}


def admin_reset_user_password(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, user = _admin_user(engine, params)
    target = recovery_target(pool, user)
    if target is None:
        raise InvalidParameterException(m.NO_VERIFIED_CONTACT)
    user.status = "RESET_REQUIRED"
    _code(engine, params, pool, user, "ForgotPassword", target, "ForgotPassword", None)
    return {}


# -- enable, disable, sign out --------------------------------------------------------------------
def sign_out(pool: UserPool, user: User) -> None:
    """Revoke every refresh token of ``user`` and the ID and access tokens issued with them."""
    for token, session in list(pool.refresh_tokens.items()):
        if session.username == user.username:
            session.revoked = True
            pool.revoked_origins.add(session.origin_jti)
            del pool.refresh_tokens[token]
    pool.revoked_origins.update(user.origins)
    user.origins.clear()


def admin_disable_user(engine: CognitoIdentityProvider, params: Params) -> Response:
    pool, user = _admin_user(engine, params)
    user.enabled = False
    sign_out(pool, user)
    user.modified = now_dt(engine)
    return {}


def admin_enable_user(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, user = _admin_user(engine, params)
    user.enabled = True
    user.modified = now_dt(engine)
    return {}


def global_sign_out(engine: CognitoIdentityProvider, params: Params) -> Response:
    sign_out(*_token_user(engine, params))
    return {}


def admin_user_global_sign_out(engine: CognitoIdentityProvider, params: Params) -> Response:
    sign_out(*_admin_user(engine, params))
    return {}


def revoke_token(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "Token", "ClientId")
    pool, client = find_client(engine, params["ClientId"])
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
        session.revoked = True
        pool.revoked_origins.add(session.origin_jti)
        del pool.refresh_tokens[token]
    return {}


# -- software tokens and MFA preferences ----------------------------------------------------------
def _mfa_subject(engine: CognitoIdentityProvider, params: Params) -> tuple[UserPool, User, Any]:
    from ._auth import find_session

    if params.get("AccessToken"):
        pool, user = user_from_access_token(engine, params["AccessToken"])
        return pool, user, None
    if params.get("Session"):
        pool, session = find_session(engine, params["Session"])
        return pool, get_user(pool, session.username), params["Session"]
    raise InvalidParameterException(m.MISSING_PARAMETER.format(name="AccessToken"))


def associate_software_token(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, user, session = _mfa_subject(engine, params)
    user.totp_secret = new_secret(engine.cloud.ids.token_bytes(32))
    user.totp_verified = False
    out: Response = {"SecretCode": user.totp_secret}
    if session is not None:
        out["Session"] = session
    return out


def verify_software_token(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "UserCode")
    _, user, session = _mfa_subject(engine, params)
    if user.totp_secret is None:
        raise InvalidParameterException(m.SOFTWARE_TOKEN_NOT_ASSOCIATED)
    stamp = now(engine)
    user.mfa_lockout.check(stamp, engine.limits)
    if not verify_totp(user.totp_secret, params["UserCode"], stamp):
        user.mfa_lockout.fail(stamp, engine.limits)
        raise EnableSoftwareTokenMFAException(m.TOTP_ENABLE_MISMATCH)
    user.mfa_lockout.succeed()
    user.totp_verified = True
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
        raise InvalidParameterException("User does not have a phone number.")
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


def set_user_mfa_preference(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, user = _token_user(engine, params)
    _set_mfa(user, params)
    return {}


def admin_set_user_mfa_preference(engine: CognitoIdentityProvider, params: Params) -> Response:
    _set_mfa(_admin_user(engine, params)[1], params)
    return {}
