"""User operations: sign-up and confirmation, admin creation, reading users, attributes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._core.text import digits
from . import _messages as m
from ._errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
    UnsupportedOperationException,
    UsernameExistsException,
)
from ._pool import AppClient, Pools, UserPool
from ._users import (
    User,
    check_policy,
    check_required,
    require,
    simulated_delivery,
    validate_attributes,
)

__all__ = [
    "admin_confirm_sign_up",
    "admin_create_user",
    "admin_delete_user_attributes",
    "admin_get_user",
    "admin_update_user_attributes",
    "admin_user",
    "confirm_sign_up",
    "get_user",
    "get_user_attribute_verification_code",
    "lookup",
    "post_confirmation",
    "public_client",
    "resend_confirmation_code",
    "send_code",
    "sign_up",
    "token_user",
    "update_user_attributes",
    "verify_user_attribute",
]

Params = Mapping[str, Any]
Response = dict[str, Any]


def _is_email(text: str) -> bool:
    return "@" in text and "." in text.split("@")[-1]


def _is_phone(text: str) -> bool:
    return text.startswith("+") and digits(text[1:])


def _new_user(pool: UserPool, username: str, attributes: dict[str, str], status: str) -> User:
    sub = pool.host.ids.uuid()
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
    stamp = pool.host.now_dt()
    return User(
        username=internal,
        sub=sub,
        attributes={"sub": sub, **attributes},
        status=status,
        created=stamp,
        modified=stamp,
    )


def _sign_up_taken(pool: UserPool, username: Any) -> str:
    """SignUp's text for a taken name: in a pool that signs in by email or phone, the
    attribute's (AWS's answer quoted in jonsaw/amazon-cognito-identity-dart#73)."""
    username_attrs = pool.config.get("UsernameAttributes") or []
    if isinstance(username, str) and username_attrs:
        if _is_email(username) and "email" in username_attrs:
            return m.EMAIL_EXISTS
        if _is_phone(username) and "phone_number" in username_attrs:
            return m.PHONE_EXISTS
    return m.USER_EXISTS


def _check_new_username(pool: UserPool, username: Any, taken: str = m.USER_EXISTS) -> None:
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
    if pool.find_user(username) is not None:
        raise UsernameExistsException(taken)


def post_confirmation(
    pool: UserPool, user: User, source: str, client_id: str | None, params: Params
) -> None:
    pool.triggers.fire(
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
    return pool.triggers.fire(
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


def public_client(pools: Pools, params: Params, *names: str) -> tuple[UserPool, AppClient]:
    """The pool and client of a public (ClientId + Username) call, its SecretHash checked."""
    require(params, "ClientId", "Username", *names)
    pool, client = pools.client(params["ClientId"])
    client.check_secret_hash(params["Username"], params.get("SecretHash"))
    return pool, client


def admin_user(pools: Pools, params: Params, *names: str) -> tuple[UserPool, User]:
    """The pool and user of an admin (UserPoolId + Username) call."""
    require(params, "UserPoolId", "Username", *names)
    pool = pools.pool(params["UserPoolId"])
    return pool, pool.get_user(params["Username"], by_sub=True)


def token_user(pools: Pools, params: Params, *names: str) -> tuple[UserPool, User]:
    """The pool and user of a call made with a user's AccessToken."""
    require(params, "AccessToken", *names)
    return pools.token_user(params["AccessToken"])


def send_code(
    pool: UserPool,
    user: User,
    params: Params,
    key: str,
    attribute: str,
    purpose: str,
    client: AppClient | None,
) -> dict[str, str]:
    """Send a ``key`` code to ``attribute`` for ``purpose``; the CodeDeliveryDetails."""
    return pool.send_code(
        user,
        key,
        attribute,
        purpose=purpose,
        client_id=client.client_id if client else None,
        metadata=params.get("ClientMetadata"),
    )


def lookup(pool: UserPool, client: AppClient, username: Any) -> User | None:
    """The user; ``None`` (the caller answers a decoy) if the client hides user existence."""
    user = pool.find_user(username)
    if user is None and not client.hides_users:
        raise client.user_not_found()
    return user


# -- sign-up --------------------------------------------------------------------------------------
def sign_up(pools: Pools, params: Params) -> Response:
    pool, client = public_client(pools, params, "Password")
    username = params["Username"]
    _pairs(params.get("ValidationData"))
    if pool.config["AdminCreateUserConfig"].get("AllowAdminCreateUserOnly"):
        raise NotAuthorizedException("SignUp is not permitted for this user pool")
    writable = client.config.get("WriteAttributes")
    attributes = validate_attributes(
        pool.config, params.get("UserAttributes"), admin=False, creating=True, writable=writable
    )
    check_policy(pool.config, params["Password"])
    _check_new_username(pool, username, _sign_up_taken(pool, username))
    user = _new_user(pool, username, attributes, "UNCONFIRMED")
    check_required(pool.config, user.attributes)
    pool.check_unique(user.attributes, exclude=None)
    decision = _pre_sign_up(pool, user, "PreSignUp_SignUp", client.client_id, params)
    if decision.get("autoVerifyEmail") and "email" in user.attributes:
        user.attributes["email_verified"] = "true"
    if decision.get("autoVerifyPhone") and "phone_number" in user.attributes:
        user.attributes["phone_number_verified"] = "true"
    secret = pool.hash_new_password(user, params["Password"])
    # The trigger and the hash ran unlocked, and the trigger may have verified an alias:
    # look again, at what the user will hold (a verified alias another user holds is
    # AliasExistsException; a name signed up meanwhile is UsernameExistsException).
    _check_new_username(pool, username, _sign_up_taken(pool, username))
    pool.check_unique(user.attributes, exclude=None)
    confirmed = bool(decision.get("autoConfirmUser"))
    if confirmed:
        user.status = "CONFIRMED"
    pool.store_password(user, secret)
    pool.add_user(user)
    out: Response = {"UserConfirmed": confirmed, "UserSub": user.sub}
    target = None if confirmed else pool.verification_target(user)
    if target is not None:
        out["CodeDeliveryDetails"] = send_code(
            pool, user, params, "SignUp", target, "SignUp", client
        )
    return out


def _pairs(items: Any, field: str = "validationData") -> dict[str, str]:
    """``[{"Name", "Value"}]`` as a dict; an entry without a Name is AWS's null-member error."""
    out: dict[str, str] = {}
    for n, item in enumerate(items or [], 1):
        name = item.get("Name") if isinstance(item, Mapping) else None
        if not isinstance(name, str):
            raise InvalidParameterException(m.NULL_MEMBER.format(field=f"{field}.{n}.member.name"))
        out[name] = item.get("Value", "")
    return out


def confirm_sign_up(pools: Pools, params: Params) -> Response:
    pool, client = public_client(pools, params, "ConfirmationCode")
    user = lookup(pool, client, params["Username"])
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
        moves = pool.check_unique(claim, exclude=user, force=force)
    attribute = pool.use_code(user, "SignUp", params["ConfirmationCode"])
    pool.migrate_aliases(moves)
    user.status = "CONFIRMED"
    if attribute:
        user.attributes[f"{attribute}_verified"] = "true"
    user.modified = pool.host.now_dt()
    post_confirmation(pool, user, "PostConfirmation_ConfirmSignUp", client.client_id, params)
    return {}


def resend_confirmation_code(pools: Pools, params: Params) -> Response:
    pool, client = public_client(pools, params)
    user = lookup(pool, client, params["Username"])
    if user is None:  # COG: cognito-user-pool-managing-errors
        return {"CodeDeliveryDetails": simulated_delivery(params["Username"])}
    if user.status != "UNCONFIRMED":
        raise InvalidParameterException(m.ALREADY_CONFIRMED_RESEND)
    target = pool.verification_target(user) or (
        "email" if "email" in user.attributes else "phone_number"
    )
    if not user.attributes.get(target):
        raise InvalidParameterException(m.NO_VERIFIED_CONTACT)
    details = send_code(pool, user, params, "SignUp", target, "ResendCode", client)
    return {"CodeDeliveryDetails": details}


# -- admin creation -------------------------------------------------------------------------------
def _temporary_password(pool: UserPool) -> str:
    ids = pool.host.ids
    length = max(int(pool.config["Policies"]["PasswordPolicy"]["MinimumLength"]), 8)
    body = ids.alnum(max(length - 4, 4))
    return "Aa1!" + body


def _invite(
    pool: UserPool,
    user: User,
    password: str,
    mediums: list[str],
    params: Params,
) -> None:
    for medium in mediums:
        attribute = "email" if medium == "EMAIL" else "phone_number"
        if user.attributes.get(attribute):
            pool.deliver(
                user,
                purpose="AdminCreateUser",
                attribute=attribute,
                code=password,
                client_id=None,
                kind="invite",
                metadata=params.get("ClientMetadata"),
            )


def admin_create_user(pools: Pools, params: Params) -> Response:
    require(params, "UserPoolId", "Username")
    pool = pools.pool(params["UserPoolId"])
    username = params["Username"]
    _pairs(params.get("ValidationData"))
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
        check_policy(pool.config, password)
    if action == "RESEND":
        user = pool.get_user(username)
        if user.status != "FORCE_CHANGE_PASSWORD":
            raise UnsupportedOperationException(
                f"Resend not possible. User is not in FORCE_CHANGE_PASSWORD state: {user.status}"
            )
        password = password or _temporary_password(pool)
        pool.set_password(user, password)
        _invite(pool, user, password, mediums, params)
        return {"User": user.user_type()}
    attributes = validate_attributes(
        pool.config, params.get("UserAttributes"), admin=True, creating=True
    )
    _check_new_username(pool, username, m.ADMIN_USER_EXISTS)
    user = _new_user(pool, username, attributes, "FORCE_CHANGE_PASSWORD")
    check_required(pool.config, user.attributes)
    force = bool(params.get("ForceAliasCreation"))
    pool.check_unique(user.attributes, exclude=None, force=force)
    _pre_sign_up(pool, user, "PreSignUp_AdminCreateUser", None, params)
    password = password or _temporary_password(pool)
    secret = pool.hash_new_password(user, password)
    # The trigger and the hash ran unlocked: look again.
    _check_new_username(pool, username, m.ADMIN_USER_EXISTS)
    moves = pool.check_unique(user.attributes, exclude=None, force=force)
    pool.store_password(user, secret)
    pool.migrate_aliases(moves)
    pool.add_user(user)
    if action != "SUPPRESS":
        _invite(pool, user, password, mediums, params)
    return {"User": user.user_type()}


def admin_confirm_sign_up(pools: Pools, params: Params) -> Response:
    pool, user = admin_user(pools, params)
    if user.status != "UNCONFIRMED":
        raise NotAuthorizedException(m.ALREADY_CONFIRMED.format(status=user.status))
    user.status = "CONFIRMED"
    user.codes.pop("SignUp", None)
    user.modified = pool.host.now_dt()
    post_confirmation(pool, user, "PostConfirmation_ConfirmSignUp", None, params)
    return {}


def _mfa_view(user: User) -> Response:
    out: Response = {}
    settings = user.mfa_settings()
    if settings:
        out["UserMFASettingList"] = settings
    if user.preferred_mfa:
        out["PreferredMfaSetting"] = user.preferred_mfa
    return out


def admin_get_user(pools: Pools, params: Params) -> Response:
    _, user = admin_user(pools, params)
    out = user.user_type()
    out["UserAttributes"] = out.pop("Attributes")
    out.update(_mfa_view(user))
    return out


def get_user(pools: Pools, params: Params) -> Response:
    _, user = token_user(pools, params)
    out: Response = {"Username": user.username, "UserAttributes": user.attribute_list()}
    out.update(_mfa_view(user))
    return out


# -- attributes -----------------------------------------------------------------------------------
def _update_attributes(
    pool: UserPool,
    user: User,
    params: Params,
    *,
    admin: bool,
    client: AppClient | None = None,
) -> Response:
    writable = client.config.get("WriteAttributes") if client is not None else None
    changes = validate_attributes(
        pool.config, params.get("UserAttributes"), admin=admin, writable=writable
    )
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
    pool.check_unique(merged, exclude=user)
    waiting = {a: v for a, v in pending.items() if a not in user.pending or v != user.pending[a]}
    pool.check_unique({**waiting, **{f"{a}_verified": "false" for a in waiting}}, exclude=user)
    user.attributes = merged
    user.pending = pending
    user.modified = pool.host.now_dt()
    details = [
        send_code(pool, user, params, f"Verify:{attr}", attr, "UpdateUserAttribute", None)
        for attr in to_verify
    ]
    return {"CodeDeliveryDetailsList": details} if not admin else {}


def admin_update_user_attributes(pools: Pools, params: Params) -> Response:
    pool, user = admin_user(pools, params, "UserAttributes")
    _update_attributes(pool, user, params, admin=True)
    return {}


def update_user_attributes(pools: Pools, params: Params) -> Response:
    pool, user = token_user(pools, params, "UserAttributes")
    client_id = pool.verify(params["AccessToken"], token_use="access").get("client_id")
    client = pool.clients.get(client_id) if isinstance(client_id, str) else None
    return _update_attributes(pool, user, params, admin=False, client=client)


def admin_delete_user_attributes(pools: Pools, params: Params) -> Response:
    pool, user = admin_user(pools, params, "UserAttributeNames")
    if "sub" in params["UserAttributeNames"]:
        raise InvalidParameterException("Cannot delete the sub attribute.")
    for name in params["UserAttributeNames"]:
        user.attributes.pop(name, None)
        user.pending.pop(name, None)
    user.modified = pool.host.now_dt()
    return {}


def get_user_attribute_verification_code(pools: Pools, params: Params) -> Response:
    pool, user = token_user(pools, params, "AttributeName")
    attr = params["AttributeName"]
    if attr not in ("email", "phone_number") or not user.attributes.get(attr):
        raise InvalidParameterException(f"Invalid attribute name {attr}")
    details = send_code(pool, user, params, f"Verify:{attr}", attr, "VerifyUserAttribute", None)
    return {"CodeDeliveryDetails": details}


def verify_user_attribute(pools: Pools, params: Params) -> Response:
    pool, user = token_user(pools, params, "AttributeName", "Code")
    attr = params["AttributeName"]
    new = user.pending.get(attr)  # the new value replaces the original once verified
    value = new if new is not None else user.attributes.get(attr)
    if isinstance(value, str):  # once verified it is an alias: is it another user's?
        pool.check_unique({attr: value, f"{attr}_verified": "true"}, exclude=user)
    pool.use_code(user, f"Verify:{attr}", params["Code"])
    if new is not None:
        user.attributes[attr] = user.pending.pop(attr)
    user.attributes[f"{attr}_verified"] = "true"
    user.modified = pool.host.now_dt()
    return {}
