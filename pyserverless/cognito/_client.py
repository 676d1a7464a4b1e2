"""``cloud.client("cognito-idp")``: boto3's Cognito user-pools client, over the engine.

Each operation is one call of the engine's public method of the same name.

Each method takes boto3's keyword arguments and returns boto3's response dict; errors are
``client.exceptions.<Code>`` and ``botocore.exceptions.ClientError``.

>>> from pyserverless import Cloud, ManualClock
>>> idp = Cloud(clock=ManualClock()).client("cognito-idp")
>>> pool = idp.create_user_pool(PoolName="demo")["UserPool"]
>>> pool["Id"].startswith("us-east-1_"), pool["MfaConfiguration"]
(True, 'OFF')
>>> idp.describe_user_pool(UserPoolId="us-east-1_missing")
Traceback (most recent call last):
...
pyserverless.cognito.ResourceNotFoundException: ...does not exist.
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core.client import Params, Response, ServiceClient, operation
from ._engine import CognitoIdentityProvider
from ._errors import CognitoError

__all__ = ["CognitoIdpClient"]


class CognitoIdpClient(ServiceClient):
    """boto3's ``cognito-idp`` client for user pools."""

    service_name: ClassVar[str] = "cognito-idp"
    error_base: ClassVar[type[CognitoError]] = CognitoError

    def __init__(self, cloud: Any, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: CognitoIdentityProvider = cloud.engine("cognito-idp", region_name)

    @operation("AddCustomAttributes")
    def add_custom_attributes(self, params: Params) -> Response:
        """Add custom attributes to a pool's schema (they cannot be removed later).

        AddCustomAttributes. Required: ``UserPoolId`` and ``CustomAttributes``: schema entries
        with ``Name``, ``AttributeDataType`` (``String`` / ``Number`` / ``DateTime`` /
        ``Boolean``), perhaps ``Mutable`` and constraints. Users then carry them as
        ``custom:<Name>``. Returns only ``ResponseMetadata``.
        """
        return self._engine.add_custom_attributes(params)

    @operation("AdminAddUserToGroup")
    def admin_add_user_to_group(self, params: Params) -> Response:
        """Put a user in a group (a group's members appear in ``cognito:groups`` of their tokens).

        AdminAddUserToGroup. Required: ``UserPoolId``, ``Username`` and ``GroupName``. Adding a
        member again is not an error. Returns only ``ResponseMetadata``.
        """
        return self._engine.admin_add_user_to_group(params)

    @operation("AdminConfirmSignUp")
    def admin_confirm_sign_up(self, params: Params) -> Response:
        """Confirm a signed-up user without the code they were sent.

        AdminConfirmSignUp. Required: ``UserPoolId`` and ``Username``; ``ClientMetadata``
        reaches the triggers. The user's status goes from ``UNCONFIRMED`` to ``CONFIRMED``, so
        they can sign in. Returns only ``ResponseMetadata``.
        """
        return self._engine.admin_confirm_sign_up(params)

    @operation("AdminCreateUser")
    def admin_create_user(self, params: Params) -> Response:
        """Create a user as an administrator, with a temporary password to change at first sign-in.

        AdminCreateUser. Required: ``UserPoolId`` and ``Username``. Often used:
        ``UserAttributes``, ``TemporaryPassword`` (made up when left out),
        ``MessageAction="SUPPRESS"`` (send no invitation), ``DesiredDeliveryMediums``.
        Returns ``User`` with ``UserStatus`` ``FORCE_CHANGE_PASSWORD``: the first sign-in
        answers with the ``NEW_PASSWORD_REQUIRED`` challenge.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> idp = cloud.client("cognito-idp")
        >>> made = idp.create_user_pool(PoolName="demo", AutoVerifiedAttributes=["email"])
        >>> pool = made["UserPool"]["Id"]
        >>> user = idp.admin_create_user(UserPoolId=pool, Username="bob",
        ...     TemporaryPassword="Temp0rary!", MessageAction="SUPPRESS")["User"]
        >>> user["Username"], user["UserStatus"], user["Enabled"]
        ('bob', 'FORCE_CHANGE_PASSWORD', True)
        """
        return self._engine.admin_create_user(params)

    @operation("AdminDeleteUser")
    def admin_delete_user(self, params: Params) -> Response:
        """Delete a user from a pool.

        AdminDeleteUser. Required: ``UserPoolId`` and ``Username``. Returns only
        ``ResponseMetadata``; an unknown user is ``UserNotFoundException``.
        """
        return self._engine.admin_delete_user(params)

    @operation("AdminDeleteUserAttributes")
    def admin_delete_user_attributes(self, params: Params) -> Response:
        """Remove attributes from a user.

        AdminDeleteUserAttributes. Required: ``UserPoolId``, ``Username`` and
        ``UserAttributeNames`` (custom ones as ``custom:<name>``). Returns only
        ``ResponseMetadata``.
        """
        return self._engine.admin_delete_user_attributes(params)

    @operation("AdminDisableUser")
    def admin_disable_user(self, params: Params) -> Response:
        """Stop a user from signing in, and revoke the tokens they hold.

        AdminDisableUser. Required: ``UserPoolId`` and ``Username``. The user stays in the
        pool (``Enabled`` is false) until AdminEnableUser. Returns only ``ResponseMetadata``.
        """
        return self._engine.admin_disable_user(params)

    @operation("AdminEnableUser")
    def admin_enable_user(self, params: Params) -> Response:
        """Let a disabled user sign in again.

        AdminEnableUser. Required: ``UserPoolId`` and ``Username``. Returns only
        ``ResponseMetadata``.
        """
        return self._engine.admin_enable_user(params)

    @operation("AdminForgetDevice")
    def admin_forget_device(self, params: Params) -> Response:
        """Forget one of a user's remembered devices.

        AdminForgetDevice. Required: ``UserPoolId``, ``Username`` and ``DeviceKey``. Returns
        only ``ResponseMetadata``.
        """
        return self._engine.admin_forget_device(params)

    @operation("AdminGetDevice")
    def admin_get_device(self, params: Params) -> Response:
        """Describe one of a user's devices.

        AdminGetDevice. Required: ``DeviceKey``, ``UserPoolId`` and ``Username``. Returns
        ``Device``: ``DeviceKey``, ``DeviceAttributes`` (name, remembered status) and dates.
        """
        return self._engine.admin_get_device(params)

    @operation("AdminGetUser")
    def admin_get_user(self, params: Params) -> Response:
        """Read a user as an administrator: attributes, status and MFA settings.

        AdminGetUser. Required: ``UserPoolId`` and ``Username`` (or an alias). Returns
        ``Username``, ``UserAttributes``, ``UserStatus``, ``Enabled``, ``UserCreateDate``,
        ``UserLastModifiedDate`` and the MFA preferences.
        """
        return self._engine.admin_get_user(params)

    @operation("AdminInitiateAuth")
    def admin_initiate_auth(self, params: Params) -> Response:
        """Start a sign-in from a trusted back end (the password flow needs no SRP).

        AdminInitiateAuth. Required: ``UserPoolId``, ``ClientId`` and ``AuthFlow``
        (``ADMIN_USER_PASSWORD_AUTH``, ``REFRESH_TOKEN_AUTH``, ``CUSTOM_AUTH``...), the client
        allowing it in ``ExplicitAuthFlows``; ``AuthParameters`` carries ``USERNAME`` /
        ``PASSWORD`` (and ``SECRET_HASH``). Returns ``AuthenticationResult`` (the tokens), or
        a ``ChallengeName`` with ``Session`` for AdminRespondToAuthChallenge.
        """
        return self._engine.admin_initiate_auth(params)

    @operation("AdminListDevices")
    def admin_list_devices(self, params: Params) -> Response:
        """List a user's devices, a page at a time.

        AdminListDevices. Required: ``UserPoolId`` and ``Username``; ``Limit`` and
        ``PaginationToken`` page. Returns ``Devices`` and ``PaginationToken`` if more follow.
        """
        return self._engine.admin_list_devices(params)

    @operation("AdminListGroupsForUser")
    def admin_list_groups_for_user(self, params: Params) -> Response:
        """List the groups a user belongs to.

        AdminListGroupsForUser. Required: ``Username`` and ``UserPoolId``; ``Limit`` and
        ``NextToken`` page. Returns ``Groups`` and ``NextToken`` if more follow.
        """
        return self._engine.admin_list_groups_for_user(params)

    @operation("AdminRemoveUserFromGroup")
    def admin_remove_user_from_group(self, params: Params) -> Response:
        """Take a user out of a group.

        AdminRemoveUserFromGroup. Required: ``UserPoolId``, ``Username`` and ``GroupName``.
        Returns only ``ResponseMetadata``.
        """
        return self._engine.admin_remove_user_from_group(params)

    @operation("AdminResetUserPassword")
    def admin_reset_user_password(self, params: Params) -> Response:
        """Make a user choose a new password, sending them a code to do it with.

        AdminResetUserPassword. Required: ``UserPoolId`` and ``Username`` (who needs a
        verified email or phone number). The status becomes ``RESET_REQUIRED``; the user
        finishes with ConfirmForgotPassword. Returns only ``ResponseMetadata``.
        """
        return self._engine.admin_reset_user_password(params)

    @operation("AdminRespondToAuthChallenge")
    def admin_respond_to_auth_challenge(self, params: Params) -> Response:
        """Answer a sign-in challenge from a trusted back end.

        AdminRespondToAuthChallenge. Required: ``UserPoolId``, ``ClientId`` and
        ``ChallengeName`` (``NEW_PASSWORD_REQUIRED``, ``SOFTWARE_TOKEN_MFA``, ``MFA_SETUP``...),
        with ``Session`` and ``ChallengeResponses`` (``USERNAME`` and the answer). Returns
        ``AuthenticationResult``, or the next ``ChallengeName`` with a new ``Session``.
        """
        return self._engine.admin_respond_to_auth_challenge(params)

    @operation("AdminSetUserMFAPreference")
    def admin_set_user_mfa_preference(self, params: Params) -> Response:
        """Turn a user's MFA methods on or off and pick the preferred one.

        AdminSetUserMFAPreference. Required: ``Username`` and ``UserPoolId``. Often used:
        ``SoftwareTokenMfaSettings`` / ``SMSMfaSettings`` as ``{"Enabled": bool,
        "PreferredMfa": bool}``. Returns only ``ResponseMetadata``.
        """
        return self._engine.admin_set_user_mfa_preference(params)

    @operation("AdminSetUserPassword")
    def admin_set_user_password(self, params: Params) -> Response:
        """Set a user's password as an administrator.

        AdminSetUserPassword. Required: ``UserPoolId``, ``Username`` and ``Password`` (it
        must meet the pool's policy). ``Permanent=True`` confirms the user
        (``CONFIRMED``); otherwise it is temporary (``FORCE_CHANGE_PASSWORD``). Returns only
        ``ResponseMetadata``.
        """
        return self._engine.admin_set_user_password(params)

    @operation("AdminUpdateDeviceStatus")
    def admin_update_device_status(self, params: Params) -> Response:
        """Mark one of a user's devices remembered or not.

        AdminUpdateDeviceStatus. Required: ``UserPoolId``, ``Username`` and ``DeviceKey``;
        ``DeviceRememberedStatus`` is ``remembered`` or ``not_remembered``. Returns only
        ``ResponseMetadata``.
        """
        return self._engine.admin_update_device_status(params)

    @operation("AdminUpdateUserAttributes")
    def admin_update_user_attributes(self, params: Params) -> Response:
        """Change a user's attributes as an administrator.

        AdminUpdateUserAttributes. Required: ``UserPoolId``, ``Username`` and
        ``UserAttributes`` (``[{"Name": ..., "Value": ...}]``; custom ones as
        ``custom:<name>``; ``email_verified`` can be set here). Returns only
        ``ResponseMetadata``.
        """
        return self._engine.admin_update_user_attributes(params)

    @operation("AdminUserGlobalSignOut")
    def admin_user_global_sign_out(self, params: Params) -> Response:
        """Sign a user out everywhere: every token they hold stops working.

        AdminUserGlobalSignOut. Required: ``UserPoolId`` and ``Username``. Every token
        issued to them so far is revoked; they sign in again for new ones. Returns only
        ``ResponseMetadata``.
        """
        return self._engine.admin_user_global_sign_out(params)

    @operation("AssociateSoftwareToken")
    def associate_software_token(self, params: Params) -> Response:
        """Start setting up an authenticator app: get the secret to put in it.

        AssociateSoftwareToken. No required parameters, but give ``AccessToken`` (a signed-in
        user) or ``Session`` (during an ``MFA_SETUP`` challenge). Returns ``SecretCode`` (base32,
        for the TOTP app) and perhaps ``Session``; finish with VerifySoftwareToken.
        """
        return self._engine.associate_software_token(params)

    @operation("ChangePassword")
    def change_password(self, params: Params) -> Response:
        """Change the signed-in user's password.

        ChangePassword. Required: ``AccessToken`` and ``ProposedPassword`` (meeting the
        pool's policy); ``PreviousPassword`` is the current one. Returns only
        ``ResponseMetadata``; a wrong previous password is ``NotAuthorizedException``.
        """
        return self._engine.change_password(params)

    @operation("ConfirmDevice")
    def confirm_device(self, params: Params) -> Response:
        """Register the device a user just signed in from, for device tracking.

        ConfirmDevice. Required: ``AccessToken`` and ``DeviceKey`` (from the sign-in's
        ``NewDeviceMetadata``). Often used: ``DeviceSecretVerifierConfig`` and
        ``DeviceName``. Returns ``UserConfirmationNecessary``.
        """
        return self._engine.confirm_device(params)

    @operation("ConfirmForgotPassword")
    def confirm_forgot_password(self, params: Params) -> Response:
        """Set a new password with the code that ForgotPassword sent.

        ConfirmForgotPassword. Required: ``ClientId``, ``Username``, ``ConfirmationCode`` and
        ``Password``; ``SecretHash`` when the client has a secret. Returns only
        ``ResponseMetadata``; a wrong code is ``CodeMismatchException``.
        """
        return self._engine.confirm_forgot_password(params)

    @operation("ConfirmSignUp")
    def confirm_sign_up(self, params: Params) -> Response:
        """Confirm a new user with the code sent at sign-up.

        ConfirmSignUp. Required: ``ClientId``, ``Username`` and ``ConfirmationCode``;
        ``SecretHash`` when the client has a secret. The user becomes ``CONFIRMED``. Returns
        nothing but ``ResponseMetadata`` (and perhaps ``Session``). The pool's ``last_code()``
        reads the code from what the pool sent.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> idp = cloud.client("cognito-idp")
        >>> made = idp.create_user_pool(PoolName="demo", AutoVerifiedAttributes=["email"])
        >>> pool = made["UserPool"]["Id"]
        >>> app = idp.create_user_pool_client(UserPoolId=pool, ClientName="web",
        ...     ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        >>> client_id = app["UserPoolClient"]["ClientId"]
        >>> _ = idp.sign_up(ClientId=client_id, Username="ada", Password="Passw0rd!",
        ...     UserAttributes=[{"Name": "email", "Value": "ada@example.com"}])
        >>> code = cloud.cognito.user_pool(pool).last_code("ada@example.com")
        >>> _ = idp.confirm_sign_up(ClientId=client_id, Username="ada", ConfirmationCode=code)
        >>> idp.admin_get_user(UserPoolId=pool, Username="ada")["UserStatus"]
        'CONFIRMED'
        """
        return self._engine.confirm_sign_up(params)

    @operation("CreateGroup")
    def create_group(self, params: Params) -> Response:
        """Create a group in a pool.

        CreateGroup. Required: ``GroupName`` and ``UserPoolId``. Often used: ``Description``,
        ``Precedence`` (lower wins when a user is in several), ``RoleArn``. Returns ``Group``.
        """
        return self._engine.create_group(params)

    @operation("CreateUserPool")
    def create_user_pool(self, params: Params) -> Response:
        """Create a user pool: a directory of users that issues signed tokens.

        CreateUserPool. Required: ``PoolName``. Often used: ``Policies``
        (``PasswordPolicy``), ``UsernameAttributes`` (sign in by ``email``),
        ``AutoVerifiedAttributes``, ``Schema``, ``MfaConfiguration``, ``LambdaConfig``
        (triggers), ``AdminCreateUserConfig``. Returns ``UserPool`` (``Id`` is
        ``<region>_<suffix>``, ``Arn``, settings with their defaults).

        >>> from pyserverless import Cloud
        >>> idp = Cloud.manual().client("cognito-idp")
        >>> pool = idp.create_user_pool(PoolName="demo")["UserPool"]
        >>> pool["Name"], pool["Id"].startswith("us-east-1_")
        ('demo', True)
        """
        return self._engine.create_user_pool(params)

    @operation("CreateUserPoolClient")
    def create_user_pool_client(self, params: Params) -> Response:
        """Create an app client: what an application names (``ClientId``) to sign users in.

        CreateUserPoolClient. Required: ``UserPoolId`` and ``ClientName``. Often used:
        ``ExplicitAuthFlows`` (default SRP, custom and refresh), ``GenerateSecret``,
        ``AccessTokenValidity`` / ``IdTokenValidity`` / ``RefreshTokenValidity`` with
        ``TokenValidityUnits``, ``PreventUserExistenceErrors``. Returns ``UserPoolClient``
        (``ClientId``, and ``ClientSecret`` if generated).

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> idp = cloud.client("cognito-idp")
        >>> made = idp.create_user_pool(PoolName="demo", AutoVerifiedAttributes=["email"])
        >>> pool = made["UserPool"]["Id"]
        >>> app = idp.create_user_pool_client(UserPoolId=pool, ClientName="web")["UserPoolClient"]
        >>> app["ExplicitAuthFlows"]
        ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']
        """
        return self._engine.create_user_pool_client(params)

    @operation("DeleteGroup")
    def delete_group(self, params: Params) -> Response:
        """Delete a group (its members stay in the pool).

        DeleteGroup. Required: ``GroupName`` and ``UserPoolId``. Returns only
        ``ResponseMetadata``.
        """
        return self._engine.delete_group(params)

    @operation("DeleteUser")
    def delete_user(self, params: Params) -> Response:
        """Let a signed-in user delete their own account.

        DeleteUser. Required: ``AccessToken``. Returns only ``ResponseMetadata``.
        """
        return self._engine.delete_user(params)

    @operation("DeleteUserPool")
    def delete_user_pool(self, params: Params) -> Response:
        """Delete a pool with all its users, groups and clients.

        DeleteUserPool. Required: ``UserPoolId``. A pool with ``DeletionProtection``
        ``ACTIVE`` refuses (``InvalidParameterException``). Returns only ``ResponseMetadata``.
        """
        return self._engine.delete_user_pool(params)

    @operation("DeleteUserPoolClient")
    def delete_user_pool_client(self, params: Params) -> Response:
        """Delete an app client.

        DeleteUserPoolClient. Required: ``UserPoolId`` and ``ClientId``. Returns only
        ``ResponseMetadata``.
        """
        return self._engine.delete_user_pool_client(params)

    @operation("DescribeUserPool")
    def describe_user_pool(self, params: Params) -> Response:
        """Read a pool's full configuration.

        DescribeUserPool. Required: ``UserPoolId``. Returns ``UserPool``: ``Id``, ``Name``,
        ``Arn``, ``Policies``, ``SchemaAttributes``, ``MfaConfiguration``, ``LambdaConfig``,
        ``EstimatedNumberOfUsers`` and the other settings.
        """
        return self._engine.describe_user_pool(params)

    @operation("DescribeUserPoolClient")
    def describe_user_pool_client(self, params: Params) -> Response:
        """Read an app client's configuration, its secret included.

        DescribeUserPoolClient. Required: ``UserPoolId`` and ``ClientId``. Returns
        ``UserPoolClient`` (``ExplicitAuthFlows``, token validities, ``ClientSecret`` if any).
        """
        return self._engine.describe_user_pool_client(params)

    @operation("ForgetDevice")
    def forget_device(self, params: Params) -> Response:
        """Forget a remembered device of the signed-in user.

        ForgetDevice. Required: ``DeviceKey``; ``AccessToken`` names the user. Returns only
        ``ResponseMetadata``.
        """
        return self._engine.forget_device(params)

    @operation("ForgotPassword")
    def forgot_password(self, params: Params) -> Response:
        """Send a user a code to reset a forgotten password.

        ForgotPassword. Required: ``ClientId`` and ``Username``; ``SecretHash`` when the
        client has a secret. The code goes to the user's verified email or phone (here, to
        the pool's outbox). Returns ``CodeDeliveryDetails``; finish with ConfirmForgotPassword.
        """
        return self._engine.forgot_password(params)

    @operation("GetDevice")
    def get_device(self, params: Params) -> Response:
        """Describe one device of the signed-in user.

        GetDevice. Required: ``DeviceKey``; ``AccessToken`` names the user. Returns
        ``Device`` (``DeviceKey``, ``DeviceAttributes``, dates).
        """
        return self._engine.get_device(params)

    @operation("GetGroup")
    def get_group(self, params: Params) -> Response:
        """Read one group.

        GetGroup. Required: ``GroupName`` and ``UserPoolId``. Returns ``Group``
        (``Description``, ``Precedence``, ``RoleArn``, dates).
        """
        return self._engine.get_group(params)

    @operation("GetUser")
    def get_user(self, params: Params) -> Response:
        """Read the signed-in user's own attributes.

        GetUser. Required: ``AccessToken``. Returns ``Username``, ``UserAttributes`` and the
        MFA preferences; a revoked or expired token is ``NotAuthorizedException``.
        """
        return self._engine.get_user(params)

    @operation("GetUserAttributeVerificationCode")
    def get_user_attribute_verification_code(self, params: Params) -> Response:
        """Send the signed-in user a code to verify their email or phone number.

        GetUserAttributeVerificationCode. Required: ``AccessToken`` and ``AttributeName``
        (``email`` or ``phone_number``). Returns ``CodeDeliveryDetails``; finish with
        VerifyUserAttribute.
        """
        return self._engine.get_user_attribute_verification_code(params)

    @operation("GetUserPoolMfaConfig")
    def get_user_pool_mfa_config(self, params: Params) -> Response:
        """Read a pool's MFA setting and which factors it offers.

        GetUserPoolMfaConfig. Required: ``UserPoolId``. Returns ``MfaConfiguration``
        (``OFF`` / ``ON`` / ``OPTIONAL``) and the factors' settings
        (``SoftwareTokenMfaConfiguration``, ``SmsMfaConfiguration``...).
        """
        return self._engine.get_user_pool_mfa_config(params)

    @operation("GlobalSignOut")
    def global_sign_out(self, params: Params) -> Response:
        """Sign the current user out of every device.

        GlobalSignOut. Required: ``AccessToken``. The user's refresh and access tokens are
        revoked. Returns only ``ResponseMetadata``.
        """
        return self._engine.global_sign_out(params)

    @operation("InitiateAuth")
    def initiate_auth(self, params: Params) -> Response:
        """Start a sign-in from an app: password, SRP, refresh token or custom flow.

        InitiateAuth. Required: ``AuthFlow`` (``USER_PASSWORD_AUTH``, ``USER_SRP_AUTH``,
        ``REFRESH_TOKEN_AUTH``, ``CUSTOM_AUTH``), allowed by the client's ``ExplicitAuthFlows``,
        and ``ClientId``; ``AuthParameters`` carries ``USERNAME`` / ``PASSWORD`` (or
        ``SRP_A``, ``REFRESH_TOKEN``, ``SECRET_HASH``). Returns ``AuthenticationResult``
        (``IdToken``, ``AccessToken``, ``RefreshToken``, ``ExpiresIn``), or a
        ``ChallengeName`` with ``Session`` for RespondToAuthChallenge.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> idp = cloud.client("cognito-idp")
        >>> made = idp.create_user_pool(PoolName="demo", AutoVerifiedAttributes=["email"])
        >>> pool = made["UserPool"]["Id"]
        >>> app = idp.create_user_pool_client(UserPoolId=pool, ClientName="web",
        ...     ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        >>> client_id = app["UserPoolClient"]["ClientId"]
        >>> _ = idp.admin_create_user(UserPoolId=pool, Username="bob", MessageAction="SUPPRESS")
        >>> _ = idp.admin_set_user_password(UserPoolId=pool, Username="bob", Password="Passw0rd!",
        ...     Permanent=True)
        >>> tokens = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
        ...     AuthParameters={"USERNAME": "bob", "PASSWORD": "Passw0rd!"})["AuthenticationResult"]
        >>> tokens["TokenType"], tokens["ExpiresIn"]
        ('Bearer', 3600)
        """
        return self._engine.initiate_auth(params)

    @operation("ListDevices")
    def list_devices(self, params: Params) -> Response:
        """List the signed-in user's devices.

        ListDevices. Required: ``AccessToken``; ``Limit`` and ``PaginationToken`` page.
        Returns ``Devices`` and ``PaginationToken`` if more follow.
        """
        return self._engine.list_devices(params)

    @operation("ListGroups")
    def list_groups(self, params: Params) -> Response:
        """List a pool's groups, a page at a time.

        ListGroups. Required: ``UserPoolId``; ``Limit`` and ``NextToken`` page. Returns
        ``Groups`` and ``NextToken`` if more follow.
        """
        return self._engine.list_groups(params)

    @operation("ListUserPoolClients")
    def list_user_pool_clients(self, params: Params) -> Response:
        """List a pool's app clients, a page at a time.

        ListUserPoolClients. Required: ``UserPoolId``; ``MaxResults`` and ``NextToken``
        page. Returns ``UserPoolClients`` (``ClientId``, ``ClientName``, ``UserPoolId``) and
        ``NextToken`` if more follow.
        """
        return self._engine.list_user_pool_clients(params)

    @operation("ListUserPools")
    def list_user_pools(self, params: Params) -> Response:
        """List the user pools in this region, a page at a time.

        ListUserPools. Required: ``MaxResults`` (1 to 60); ``NextToken`` continues. Returns
        ``UserPools`` (``Id``, ``Name``, ``LambdaConfig``, dates) and ``NextToken`` if more
        follow.
        """
        return self._engine.list_user_pools(params)

    @operation("ListUsers")
    def list_users(self, params: Params) -> Response:
        """List a pool's users, perhaps filtered on one attribute, a page (up to 60) at a time.

        ListUsers. Required: ``UserPoolId``. Often used: ``Filter`` (one standard attribute,
        exact ``=`` or prefix ``^=``: ``'email ^= "ada"'``), ``AttributesToGet``, ``Limit``,
        ``PaginationToken``. Returns ``Users`` (``Username``, ``Attributes``, ``UserStatus``,
        ``Enabled``, dates) and ``PaginationToken`` if more follow.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> idp = cloud.client("cognito-idp")
        >>> made = idp.create_user_pool(PoolName="demo", AutoVerifiedAttributes=["email"])
        >>> pool = made["UserPool"]["Id"]
        >>> for name in ("ada", "bob"):
        ...     _ = idp.admin_create_user(UserPoolId=pool, Username=name, MessageAction="SUPPRESS")
        >>> found = idp.list_users(UserPoolId=pool, Filter='username = "bob"')["Users"]
        >>> [u["Username"] for u in found]
        ['bob']
        """
        return self._engine.list_users(params)

    @operation("ListUsersInGroup")
    def list_users_in_group(self, params: Params) -> Response:
        """List the members of a group, a page at a time.

        ListUsersInGroup. Required: ``UserPoolId`` and ``GroupName``; ``Limit`` and
        ``NextToken`` page. Returns ``Users`` and ``NextToken`` if more follow.
        """
        return self._engine.list_users_in_group(params)

    @operation("ResendConfirmationCode")
    def resend_confirmation_code(self, params: Params) -> Response:
        """Send a new sign-up confirmation code to a user who has not confirmed yet.

        ResendConfirmationCode. Required: ``ClientId`` and ``Username``; ``SecretHash`` when
        the client has a secret. Returns ``CodeDeliveryDetails`` (where the code went,
        masked).
        """
        return self._engine.resend_confirmation_code(params)

    @operation("RespondToAuthChallenge")
    def respond_to_auth_challenge(self, params: Params) -> Response:
        """Answer a sign-in challenge from an app.

        RespondToAuthChallenge. Required: ``ClientId`` and ``ChallengeName``
        (``NEW_PASSWORD_REQUIRED``, ``PASSWORD_VERIFIER``, ``SOFTWARE_TOKEN_MFA``,
        ``MFA_SETUP``, ``CUSTOM_CHALLENGE``...), with ``Session`` and ``ChallengeResponses``
        (``USERNAME`` and the answer, e.g. ``NEW_PASSWORD``). Returns ``AuthenticationResult``,
        or the next ``ChallengeName`` with a new ``Session``.
        """
        return self._engine.respond_to_auth_challenge(params)

    @operation("RevokeToken")
    def revoke_token(self, params: Params) -> Response:
        """Revoke a refresh token and the access tokens issued from it.

        RevokeToken. Required: ``Token`` (a refresh token) and ``ClientId``; ``ClientSecret``
        when the client has one. The client must have token revocation enabled (the
        default). Returns only ``ResponseMetadata``.
        """
        return self._engine.revoke_token(params)

    @operation("SetUserMFAPreference")
    def set_user_mfa_preference(self, params: Params) -> Response:
        """Turn the signed-in user's MFA methods on or off and pick the preferred one.

        SetUserMFAPreference. Required: ``AccessToken``. Often used:
        ``SoftwareTokenMfaSettings`` / ``SMSMfaSettings`` as ``{"Enabled": bool,
        "PreferredMfa": bool}``. Returns only ``ResponseMetadata``.
        """
        return self._engine.set_user_mfa_preference(params)

    @operation("SetUserPoolMfaConfig")
    def set_user_pool_mfa_config(self, params: Params) -> Response:
        """Set whether a pool requires MFA and which factors it offers.

        SetUserPoolMfaConfig. Required: ``UserPoolId``. Often used: ``MfaConfiguration``
        (``OFF`` / ``ON`` / ``OPTIONAL``), ``SoftwareTokenMfaConfiguration={"Enabled": True}``,
        ``SmsMfaConfiguration``. Returns the resulting configuration.
        """
        return self._engine.set_user_pool_mfa_config(params)

    @operation("SignUp")
    def sign_up(self, params: Params) -> Response:
        """Register a new user from an app; they confirm with a code unless a trigger does.

        SignUp. Required: ``ClientId`` and ``Username``; in practice ``Password`` and
        ``UserAttributes`` (``[{"Name": "email", "Value": ...}]``); ``SecretHash`` when the
        client has a secret. Returns ``UserConfirmed``, ``UserSub`` (the user's id, the
        tokens' ``sub``) and ``CodeDeliveryDetails`` when a code was sent.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> idp = cloud.client("cognito-idp")
        >>> made = idp.create_user_pool(PoolName="demo", AutoVerifiedAttributes=["email"])
        >>> pool = made["UserPool"]["Id"]
        >>> app = idp.create_user_pool_client(UserPoolId=pool, ClientName="web",
        ...     ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        >>> client_id = app["UserPoolClient"]["ClientId"]
        >>> out = idp.sign_up(ClientId=client_id, Username="ada", Password="Passw0rd!",
        ...     UserAttributes=[{"Name": "email", "Value": "ada@example.com"}])
        >>> out["UserConfirmed"], out["CodeDeliveryDetails"]["DeliveryMedium"]
        (False, 'EMAIL')
        """
        return self._engine.sign_up(params)

    @operation("UpdateDeviceStatus")
    def update_device_status(self, params: Params) -> Response:
        """Mark one of the signed-in user's devices remembered or not.

        UpdateDeviceStatus. Required: ``AccessToken`` and ``DeviceKey``;
        ``DeviceRememberedStatus`` is ``remembered`` or ``not_remembered``. Returns only
        ``ResponseMetadata``.
        """
        return self._engine.update_device_status(params)

    @operation("UpdateGroup")
    def update_group(self, params: Params) -> Response:
        """Change a group's description, precedence or role.

        UpdateGroup. Required: ``GroupName`` and ``UserPoolId``. Often used:
        ``Description``, ``Precedence``, ``RoleArn``. Returns the updated ``Group``.
        """
        return self._engine.update_group(params)

    @operation("UpdateUserAttributes")
    def update_user_attributes(self, params: Params) -> Response:
        """Change the signed-in user's own attributes.

        UpdateUserAttributes. Required: ``UserAttributes`` (``[{"Name": ..., "Value": ...}]``)
        and ``AccessToken``. A changed email or phone that the pool verifies gets a code.
        Returns ``CodeDeliveryDetailsList`` (one entry per code sent).
        """
        return self._engine.update_user_attributes(params)

    @operation("UpdateUserPool")
    def update_user_pool(self, params: Params) -> Response:
        """Change a pool's settings; settings left out go back to their defaults.

        UpdateUserPool. Required: ``UserPoolId``. Often used: ``Policies``,
        ``AutoVerifiedAttributes``, ``MfaConfiguration``, ``LambdaConfig``,
        ``DeletionProtection``, ``AdminCreateUserConfig`` (send every setting you want to
        keep). Returns only ``ResponseMetadata``.
        """
        return self._engine.update_user_pool(params)

    @operation("UpdateUserPoolClient")
    def update_user_pool_client(self, params: Params) -> Response:
        """Change an app client's settings (auth flows, token validities, attributes...).

        UpdateUserPoolClient. Required: ``UserPoolId`` and ``ClientId``. Often used:
        ``ClientName``, ``ExplicitAuthFlows``, token validities with ``TokenValidityUnits``,
        ``ReadAttributes`` / ``WriteAttributes``. Returns the updated ``UserPoolClient``.
        """
        return self._engine.update_user_pool_client(params)

    @operation("VerifySoftwareToken")
    def verify_software_token(self, params: Params) -> Response:
        """Finish setting up an authenticator app with a code it shows.

        VerifySoftwareToken. Required: ``UserCode`` (the six digits); ``AccessToken`` or
        ``Session`` as given to AssociateSoftwareToken; ``FriendlyDeviceName`` optional.
        Returns ``Status`` (``SUCCESS``) and, during an ``MFA_SETUP`` challenge, ``Session``.
        """
        return self._engine.verify_software_token(params)

    @operation("VerifyUserAttribute")
    def verify_user_attribute(self, params: Params) -> Response:
        """Verify the signed-in user's email or phone with the code they were sent.

        VerifyUserAttribute. Required: ``AccessToken``, ``AttributeName`` and ``Code``. The
        attribute's ``<name>_verified`` becomes ``true``. Returns only ``ResponseMetadata``.
        """
        return self._engine.verify_user_attribute(params)
