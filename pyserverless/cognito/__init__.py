"""Cognito user pools that issue real, verifiable JWTs: sign-up, SRP login, MFA, triggers.

Two layers over one engine: ``cloud.client("cognito-idp")`` with boto3's operations, and
``cloud.cognito`` (a :class:`CognitoResource`) whose ``create_user_pool(...)`` returns a
:class:`UserPool` (outbox, ``jwks()``, ``verify()``). See docs/cognito.md for what is
emulated.

>>> from pyserverless import Cloud, ManualClock
>>> cloud = Cloud(clock=ManualClock(), limits={"cognito-idp": {"password_hash_cost": 1}})
>>> pool = cloud.cognito.create_user_pool("demo")
>>> app = pool.create_client("cli", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
>>> idp = cloud.client("cognito-idp")
>>> _ = idp.admin_create_user(UserPoolId=pool.id, Username="bo", TemporaryPassword="Temp0rary!",
...                           MessageAction="SUPPRESS")
>>> idp.admin_set_user_password(UserPoolId=pool.id, Username="bo", Password="Passw0rd!",
...                             Permanent=True)["ResponseMetadata"]["HTTPStatusCode"]
200
>>> result = idp.initiate_auth(ClientId=app.client_id, AuthFlow="USER_PASSWORD_AUTH",
...                            AuthParameters={"USERNAME": "bo", "PASSWORD": "Passw0rd!"})
>>> claims = pool.verify(result["AuthenticationResult"]["AccessToken"], token_use="access")
>>> claims["username"], claims["token_use"], claims["exp"] - claims["iat"]
('bo', 'access', 3600)
"""

from .._core.exports import publish as _publish
from .._core.exports import publish_methods as _publish_methods
from ._engine import CognitoIdentityProvider as CognitoIdentityProvider
from ._errors import *  # noqa: F403
from ._errors import __all__ as _error_names
from ._limits import CognitoLimits as CognitoLimits
from ._outbox import OutboxMessage as OutboxMessage
from ._resource import AppClient as AppClient
from ._resource import CognitoResource as CognitoResource
from ._resource import Group as Group
from ._resource import User as User
from ._resource import UserPool as UserPool
from ._snapshots import AppClientDescription as AppClientDescription
from ._snapshots import GroupDescription as GroupDescription
from ._snapshots import UserDescription as UserDescription
from ._snapshots import UserPoolDescription as UserPoolDescription
from ._srp import SrpClient as SrpClient
from ._users import secret_hash as secret_hash

__all__ = sorted(
    [
        "AppClient",
        "AppClientDescription",
        "CognitoIdentityProvider",
        "CognitoLimits",
        "CognitoResource",
        "Group",
        "GroupDescription",
        "OutboxMessage",
        "SrpClient",
        "User",
        "UserDescription",
        "UserPool",
        "UserPoolDescription",
        "secret_hash",
        *_error_names,
    ]
)

_publish(__name__, __all__, globals())

_publish_methods(__name__, __all__, globals())
