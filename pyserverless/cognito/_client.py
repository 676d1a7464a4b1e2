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
        return self._engine.add_custom_attributes(params)

    @operation("AdminAddUserToGroup")
    def admin_add_user_to_group(self, params: Params) -> Response:
        return self._engine.admin_add_user_to_group(params)

    @operation("AdminConfirmSignUp")
    def admin_confirm_sign_up(self, params: Params) -> Response:
        return self._engine.admin_confirm_sign_up(params)

    @operation("AdminCreateUser")
    def admin_create_user(self, params: Params) -> Response:
        return self._engine.admin_create_user(params)

    @operation("AdminDeleteUser")
    def admin_delete_user(self, params: Params) -> Response:
        return self._engine.admin_delete_user(params)

    @operation("AdminDeleteUserAttributes")
    def admin_delete_user_attributes(self, params: Params) -> Response:
        return self._engine.admin_delete_user_attributes(params)

    @operation("AdminDisableUser")
    def admin_disable_user(self, params: Params) -> Response:
        return self._engine.admin_disable_user(params)

    @operation("AdminEnableUser")
    def admin_enable_user(self, params: Params) -> Response:
        return self._engine.admin_enable_user(params)

    @operation("AdminForgetDevice")
    def admin_forget_device(self, params: Params) -> Response:
        return self._engine.admin_forget_device(params)

    @operation("AdminGetDevice")
    def admin_get_device(self, params: Params) -> Response:
        return self._engine.admin_get_device(params)

    @operation("AdminGetUser")
    def admin_get_user(self, params: Params) -> Response:
        return self._engine.admin_get_user(params)

    @operation("AdminInitiateAuth")
    def admin_initiate_auth(self, params: Params) -> Response:
        return self._engine.admin_initiate_auth(params)

    @operation("AdminListDevices")
    def admin_list_devices(self, params: Params) -> Response:
        return self._engine.admin_list_devices(params)

    @operation("AdminListGroupsForUser")
    def admin_list_groups_for_user(self, params: Params) -> Response:
        return self._engine.admin_list_groups_for_user(params)

    @operation("AdminRemoveUserFromGroup")
    def admin_remove_user_from_group(self, params: Params) -> Response:
        return self._engine.admin_remove_user_from_group(params)

    @operation("AdminResetUserPassword")
    def admin_reset_user_password(self, params: Params) -> Response:
        return self._engine.admin_reset_user_password(params)

    @operation("AdminRespondToAuthChallenge")
    def admin_respond_to_auth_challenge(self, params: Params) -> Response:
        return self._engine.admin_respond_to_auth_challenge(params)

    @operation("AdminSetUserMFAPreference")
    def admin_set_user_mfa_preference(self, params: Params) -> Response:
        return self._engine.admin_set_user_mfa_preference(params)

    @operation("AdminSetUserPassword")
    def admin_set_user_password(self, params: Params) -> Response:
        return self._engine.admin_set_user_password(params)

    @operation("AdminUpdateDeviceStatus")
    def admin_update_device_status(self, params: Params) -> Response:
        return self._engine.admin_update_device_status(params)

    @operation("AdminUpdateUserAttributes")
    def admin_update_user_attributes(self, params: Params) -> Response:
        return self._engine.admin_update_user_attributes(params)

    @operation("AdminUserGlobalSignOut")
    def admin_user_global_sign_out(self, params: Params) -> Response:
        return self._engine.admin_user_global_sign_out(params)

    @operation("AssociateSoftwareToken")
    def associate_software_token(self, params: Params) -> Response:
        return self._engine.associate_software_token(params)

    @operation("ChangePassword")
    def change_password(self, params: Params) -> Response:
        return self._engine.change_password(params)

    @operation("ConfirmDevice")
    def confirm_device(self, params: Params) -> Response:
        return self._engine.confirm_device(params)

    @operation("ConfirmForgotPassword")
    def confirm_forgot_password(self, params: Params) -> Response:
        return self._engine.confirm_forgot_password(params)

    @operation("ConfirmSignUp")
    def confirm_sign_up(self, params: Params) -> Response:
        return self._engine.confirm_sign_up(params)

    @operation("CreateGroup")
    def create_group(self, params: Params) -> Response:
        return self._engine.create_group(params)

    @operation("CreateUserPool")
    def create_user_pool(self, params: Params) -> Response:
        return self._engine.create_user_pool(params)

    @operation("CreateUserPoolClient")
    def create_user_pool_client(self, params: Params) -> Response:
        return self._engine.create_user_pool_client(params)

    @operation("DeleteGroup")
    def delete_group(self, params: Params) -> Response:
        return self._engine.delete_group(params)

    @operation("DeleteUser")
    def delete_user(self, params: Params) -> Response:
        return self._engine.delete_user(params)

    @operation("DeleteUserPool")
    def delete_user_pool(self, params: Params) -> Response:
        return self._engine.delete_user_pool(params)

    @operation("DeleteUserPoolClient")
    def delete_user_pool_client(self, params: Params) -> Response:
        return self._engine.delete_user_pool_client(params)

    @operation("DescribeUserPool")
    def describe_user_pool(self, params: Params) -> Response:
        return self._engine.describe_user_pool(params)

    @operation("DescribeUserPoolClient")
    def describe_user_pool_client(self, params: Params) -> Response:
        return self._engine.describe_user_pool_client(params)

    @operation("ForgetDevice")
    def forget_device(self, params: Params) -> Response:
        return self._engine.forget_device(params)

    @operation("ForgotPassword")
    def forgot_password(self, params: Params) -> Response:
        return self._engine.forgot_password(params)

    @operation("GetDevice")
    def get_device(self, params: Params) -> Response:
        return self._engine.get_device(params)

    @operation("GetGroup")
    def get_group(self, params: Params) -> Response:
        return self._engine.get_group(params)

    @operation("GetUser")
    def get_user(self, params: Params) -> Response:
        return self._engine.get_user(params)

    @operation("GetUserAttributeVerificationCode")
    def get_user_attribute_verification_code(self, params: Params) -> Response:
        return self._engine.get_user_attribute_verification_code(params)

    @operation("GetUserPoolMfaConfig")
    def get_user_pool_mfa_config(self, params: Params) -> Response:
        return self._engine.get_user_pool_mfa_config(params)

    @operation("GlobalSignOut")
    def global_sign_out(self, params: Params) -> Response:
        return self._engine.global_sign_out(params)

    @operation("InitiateAuth")
    def initiate_auth(self, params: Params) -> Response:
        return self._engine.initiate_auth(params)

    @operation("ListDevices")
    def list_devices(self, params: Params) -> Response:
        return self._engine.list_devices(params)

    @operation("ListGroups")
    def list_groups(self, params: Params) -> Response:
        return self._engine.list_groups(params)

    @operation("ListUserPoolClients")
    def list_user_pool_clients(self, params: Params) -> Response:
        return self._engine.list_user_pool_clients(params)

    @operation("ListUserPools")
    def list_user_pools(self, params: Params) -> Response:
        return self._engine.list_user_pools(params)

    @operation("ListUsers")
    def list_users(self, params: Params) -> Response:
        return self._engine.list_users(params)

    @operation("ListUsersInGroup")
    def list_users_in_group(self, params: Params) -> Response:
        return self._engine.list_users_in_group(params)

    @operation("ResendConfirmationCode")
    def resend_confirmation_code(self, params: Params) -> Response:
        return self._engine.resend_confirmation_code(params)

    @operation("RespondToAuthChallenge")
    def respond_to_auth_challenge(self, params: Params) -> Response:
        return self._engine.respond_to_auth_challenge(params)

    @operation("RevokeToken")
    def revoke_token(self, params: Params) -> Response:
        return self._engine.revoke_token(params)

    @operation("SetUserMFAPreference")
    def set_user_mfa_preference(self, params: Params) -> Response:
        return self._engine.set_user_mfa_preference(params)

    @operation("SetUserPoolMfaConfig")
    def set_user_pool_mfa_config(self, params: Params) -> Response:
        return self._engine.set_user_pool_mfa_config(params)

    @operation("SignUp")
    def sign_up(self, params: Params) -> Response:
        return self._engine.sign_up(params)

    @operation("UpdateDeviceStatus")
    def update_device_status(self, params: Params) -> Response:
        return self._engine.update_device_status(params)

    @operation("UpdateGroup")
    def update_group(self, params: Params) -> Response:
        return self._engine.update_group(params)

    @operation("UpdateUserAttributes")
    def update_user_attributes(self, params: Params) -> Response:
        return self._engine.update_user_attributes(params)

    @operation("UpdateUserPool")
    def update_user_pool(self, params: Params) -> Response:
        return self._engine.update_user_pool(params)

    @operation("UpdateUserPoolClient")
    def update_user_pool_client(self, params: Params) -> Response:
        return self._engine.update_user_pool_client(params)

    @operation("VerifySoftwareToken")
    def verify_software_token(self, params: Params) -> Response:
        return self._engine.verify_software_token(params)

    @operation("VerifyUserAttribute")
    def verify_user_attribute(self, params: Params) -> Response:
        return self._engine.verify_user_attribute(params)
