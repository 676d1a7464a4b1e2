"""The outbox: the messages a real pool would email or text, and their templates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

__all__ = ["OutboxMessage", "templates", "with_link"]


@attrs.frozen
class OutboxMessage:
    """A message a real pool would have emailed or texted."""

    #: The email address or phone number it went to.
    recipient: str
    #: ``"EMAIL"`` or ``"SMS"``.
    channel: str
    subject: str | None
    body: str
    #: The code it carries (verification code, temporary password, MFA code), if any.
    code: str | None
    #: The user's internal username.
    username: str
    #: What it is for: ``"SignUp"``, ``"ResendCode"``, ``"ForgotPassword"``,
    #: ``"AdminCreateUser"``, ``"UpdateUserAttribute"``, ``"VerifyUserAttribute"``,
    #: ``"Authentication"``.
    purpose: str
    sent_at: datetime


_DEFAULT_TEMPLATES = {
    # Cognito's default message texts [?] (COG: user-pool-settings-message-customizations).
    "verify": ("Your verification code", "Your verification code is {####}. "),
    "invite": (
        "Your temporary password",
        "Your username is {username} and temporary password is {####}. ",
    ),
    "mfa": (None, "Your authentication code is {####}. "),
}


#: CONFIRM_WITH_LINK's default email [?]; ``{##text##}`` becomes a confirmation link.
_LINK_TEMPLATE = (
    "Your verification link",
    "Please click the link below to verify your email address. {##Verify Email##} ",
)
_LINK = re.compile(r"\{##(.*?)##\}")


def with_link(body: str, region: str, client_id: str | None, username: str, code: str) -> str:
    """Replace ``{##text##}`` with a link to the pool's confirmUser endpoint carrying the code."""
    url = (
        f"https://cognito-idp.{region}.amazonaws.com/confirmUser?client_id={client_id}"
        f"&user_name={username}&confirmation_code={code}"
    )
    return _LINK.sub(lambda mo: f'<a href="{url}">{mo.group(1)}</a>', body)


def templates(cfg: Mapping[str, Any], kind: str, channel: str) -> tuple[str | None, str]:
    """The subject and body of a ``kind`` message ("verify", "invite", "mfa") on ``channel``,
    from the pool's configuration ``cfg`` or Cognito's defaults."""
    subject, body = _DEFAULT_TEMPLATES[kind]
    if kind == "verify":
        tpl = cfg.get("VerificationMessageTemplate", {})
        if channel == "EMAIL" and tpl.get("DefaultEmailOption") == "CONFIRM_WITH_LINK":
            subject = tpl.get("EmailSubjectByLink") or _LINK_TEMPLATE[0]
            body = tpl.get("EmailMessageByLink") or _LINK_TEMPLATE[1]
        elif channel == "EMAIL":
            subject = tpl.get("EmailSubject") or cfg.get("EmailVerificationSubject") or subject
            body = tpl.get("EmailMessage") or cfg.get("EmailVerificationMessage") or body
        else:
            body = tpl.get("SmsMessage") or cfg.get("SmsVerificationMessage") or body
    elif kind == "invite":
        tpl = cfg.get("AdminCreateUserConfig", {}).get("InviteMessageTemplate", {})
        if channel == "EMAIL":
            subject = tpl.get("EmailSubject") or subject
            body = tpl.get("EmailMessage") or body
        else:
            body = tpl.get("SMSMessage") or body
    elif kind == "mfa":
        sms_mfa = cfg.get("SmsMfaConfiguration") or {}
        body = (
            sms_mfa.get("SmsAuthenticationMessage") or cfg.get("SmsAuthenticationMessage") or body
        )
    return subject, body
