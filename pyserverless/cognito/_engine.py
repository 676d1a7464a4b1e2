"""The Cognito user-pools engine: one public method per operation, over the pools it owns.

Every method takes plain, picklable data (boto3's request dict, pool ids, tokens) and
returns plain data (boto3's response dict, frozen snapshots): the one boundary the client
layer, the resource layer (``cloud.cognito``) and the doors go through, and the one Lambda's
process mode forwards to the host. Inside, each operation runs under the engine's lock on
the ``UserPool`` objects (``_pool``) through the operation modules (``_pool_ops``,
``_user_ops``, ``_account_ops``) and the sign-in state machine (``_auth``).

>>> from pyserverless import Cloud, ManualClock
>>> engine = Cloud(clock=ManualClock()).engine("cognito-idp")
>>> pool_id = engine.create_user_pool({"PoolName": "app"})["UserPool"]["Id"]
>>> engine.describe_user_pool({"UserPoolId": pool_id})["UserPool"]["Name"]
'app'
>>> engine.pool_description(pool_id).estimated_number_of_users
0
>>> engine.describe_user_pool({"UserPoolId": "us-east-1_nope"})
Traceback (most recent call last):
...
pyserverless.cognito.ResourceNotFoundException: ...User pool us-east-1_nope does not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from . import _account_ops, _auth, _pool_ops, _user_ops
from ._host import Host
from ._limits import CognitoLimits
from ._outbox import OutboxMessage
from ._pool import Pools, UserPool
from ._snapshots import (
    AppClientDescription,
    GroupDescription,
    UserDescription,
    UserPoolDescription,
)
from ._tokens import KeyPair
from ._triggers import check_trigger_name
from ._users import check_username_member

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import rsa

    from ..cloud import Cloud

__all__ = ["CognitoIdentityProvider"]

Params = Mapping[str, Any]
Response = dict[str, Any]


class CognitoIdentityProvider:
    """Cognito user pools of one region of a Cloud (``cloud.engine("cognito-idp")``)."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: CognitoLimits = cloud.limits.for_service("cognito-idp")
        self._host = Host(cloud, region, self.limits)
        self._pools = Pools(self._host)

    @property
    def lock(self) -> Any:
        """The engine's lock (every operation holds it; triggers run without it)."""
        return self._host.lock

    @property
    def pools(self) -> dict[str, UserPool]:
        """The ``UserPool`` objects by id, for white-box tests (not for the layers above)."""
        return self._pools.by_id

    def __repr__(self) -> str:
        return f"<CognitoIdentityProvider region={self.region!r} pools={len(self._pools)}>"

    def _run(self, operation: Callable[[Pools, Params], Response], params: Params) -> Response:
        if "Username" in params:
            check_username_member(params["Username"])
        with self._host.lock:
            return operation(self._pools, params)

    def _pool(self, pool_id: str) -> UserPool:
        return self._pools.pool(pool_id)

    # -- the operations, as boto3 names them --------------------------------------------------
    def add_custom_attributes(self, params: Params) -> Response:
        """AddCustomAttributes."""
        return self._run(_pool_ops.add_custom_attributes, params)

    def admin_add_user_to_group(self, params: Params) -> Response:
        """AdminAddUserToGroup."""
        return self._run(_pool_ops.admin_add_user_to_group, params)

    def admin_confirm_sign_up(self, params: Params) -> Response:
        """AdminConfirmSignUp."""
        return self._run(_user_ops.admin_confirm_sign_up, params)

    def admin_create_user(self, params: Params) -> Response:
        """AdminCreateUser."""
        return self._run(_user_ops.admin_create_user, params)

    def admin_delete_user(self, params: Params) -> Response:
        """AdminDeleteUser."""
        return self._run(_account_ops.admin_delete_user, params)

    def admin_delete_user_attributes(self, params: Params) -> Response:
        """AdminDeleteUserAttributes."""
        return self._run(_user_ops.admin_delete_user_attributes, params)

    def admin_disable_user(self, params: Params) -> Response:
        """AdminDisableUser."""
        return self._run(_account_ops.admin_disable_user, params)

    def admin_enable_user(self, params: Params) -> Response:
        """AdminEnableUser."""
        return self._run(_account_ops.admin_enable_user, params)

    def admin_forget_device(self, params: Params) -> Response:
        """AdminForgetDevice."""
        return self._run(_pool_ops.admin_forget_device, params)

    def admin_get_device(self, params: Params) -> Response:
        """AdminGetDevice."""
        return self._run(_pool_ops.admin_get_device, params)

    def admin_get_user(self, params: Params) -> Response:
        """AdminGetUser."""
        return self._run(_user_ops.admin_get_user, params)

    def admin_initiate_auth(self, params: Params) -> Response:
        """AdminInitiateAuth."""
        return self._run(_auth.admin_initiate_auth, params)

    def admin_list_devices(self, params: Params) -> Response:
        """AdminListDevices."""
        return self._run(_pool_ops.admin_list_devices, params)

    def admin_list_groups_for_user(self, params: Params) -> Response:
        """AdminListGroupsForUser."""
        return self._run(_pool_ops.admin_list_groups_for_user, params)

    def admin_remove_user_from_group(self, params: Params) -> Response:
        """AdminRemoveUserFromGroup."""
        return self._run(_pool_ops.admin_remove_user_from_group, params)

    def admin_reset_user_password(self, params: Params) -> Response:
        """AdminResetUserPassword."""
        return self._run(_account_ops.admin_reset_user_password, params)

    def admin_respond_to_auth_challenge(self, params: Params) -> Response:
        """AdminRespondToAuthChallenge."""
        return self._run(_auth.admin_respond_to_auth_challenge, params)

    def admin_set_user_mfa_preference(self, params: Params) -> Response:
        """AdminSetUserMFAPreference."""
        return self._run(_account_ops.admin_set_user_mfa_preference, params)

    def admin_set_user_password(self, params: Params) -> Response:
        """AdminSetUserPassword."""
        return self._run(_account_ops.admin_set_user_password, params)

    def admin_update_device_status(self, params: Params) -> Response:
        """AdminUpdateDeviceStatus."""
        return self._run(_pool_ops.admin_update_device_status, params)

    def admin_update_user_attributes(self, params: Params) -> Response:
        """AdminUpdateUserAttributes."""
        return self._run(_user_ops.admin_update_user_attributes, params)

    def admin_user_global_sign_out(self, params: Params) -> Response:
        """AdminUserGlobalSignOut."""
        return self._run(_account_ops.admin_user_global_sign_out, params)

    def associate_software_token(self, params: Params) -> Response:
        """AssociateSoftwareToken."""
        return self._run(_account_ops.associate_software_token, params)

    def change_password(self, params: Params) -> Response:
        """ChangePassword."""
        return self._run(_account_ops.change_password, params)

    def confirm_device(self, params: Params) -> Response:
        """ConfirmDevice."""
        return self._run(_pool_ops.confirm_device, params)

    def confirm_forgot_password(self, params: Params) -> Response:
        """ConfirmForgotPassword."""
        return self._run(_account_ops.confirm_forgot_password, params)

    def confirm_sign_up(self, params: Params) -> Response:
        """ConfirmSignUp."""
        return self._run(_user_ops.confirm_sign_up, params)

    def create_group(self, params: Params) -> Response:
        """CreateGroup."""
        return self._run(_pool_ops.create_group, params)

    def create_user_pool(self, params: Params) -> Response:
        """CreateUserPool."""
        return self._run(_pool_ops.create_user_pool, params)

    def create_user_pool_client(self, params: Params) -> Response:
        """CreateUserPoolClient."""
        return self._run(_pool_ops.create_user_pool_client, params)

    def delete_group(self, params: Params) -> Response:
        """DeleteGroup."""
        return self._run(_pool_ops.delete_group, params)

    def delete_user(self, params: Params) -> Response:
        """DeleteUser."""
        return self._run(_account_ops.delete_user, params)

    def delete_user_pool(self, params: Params) -> Response:
        """DeleteUserPool."""
        return self._run(_pool_ops.delete_user_pool, params)

    def delete_user_pool_client(self, params: Params) -> Response:
        """DeleteUserPoolClient."""
        return self._run(_pool_ops.delete_user_pool_client, params)

    def describe_user_pool(self, params: Params) -> Response:
        """DescribeUserPool."""
        return self._run(_pool_ops.describe_user_pool, params)

    def describe_user_pool_client(self, params: Params) -> Response:
        """DescribeUserPoolClient."""
        return self._run(_pool_ops.describe_user_pool_client, params)

    def forget_device(self, params: Params) -> Response:
        """ForgetDevice."""
        return self._run(_pool_ops.forget_device, params)

    def forgot_password(self, params: Params) -> Response:
        """ForgotPassword."""
        return self._run(_account_ops.forgot_password, params)

    def get_device(self, params: Params) -> Response:
        """GetDevice."""
        return self._run(_pool_ops.get_device, params)

    def get_group(self, params: Params) -> Response:
        """GetGroup."""
        return self._run(_pool_ops.get_group, params)

    def get_user(self, params: Params) -> Response:
        """GetUser."""
        return self._run(_user_ops.get_user, params)

    def get_user_attribute_verification_code(self, params: Params) -> Response:
        """GetUserAttributeVerificationCode."""
        return self._run(_user_ops.get_user_attribute_verification_code, params)

    def get_user_pool_mfa_config(self, params: Params) -> Response:
        """GetUserPoolMfaConfig."""
        return self._run(_pool_ops.get_user_pool_mfa_config, params)

    def global_sign_out(self, params: Params) -> Response:
        """GlobalSignOut."""
        return self._run(_account_ops.global_sign_out, params)

    def initiate_auth(self, params: Params) -> Response:
        """InitiateAuth."""
        return self._run(_auth.initiate_auth, params)

    def list_devices(self, params: Params) -> Response:
        """ListDevices."""
        return self._run(_pool_ops.list_devices, params)

    def list_groups(self, params: Params) -> Response:
        """ListGroups."""
        return self._run(_pool_ops.list_groups, params)

    def list_user_pool_clients(self, params: Params) -> Response:
        """ListUserPoolClients."""
        return self._run(_pool_ops.list_user_pool_clients, params)

    def list_user_pools(self, params: Params) -> Response:
        """ListUserPools."""
        return self._run(_pool_ops.list_user_pools, params)

    def list_users(self, params: Params) -> Response:
        """ListUsers."""
        return self._run(_account_ops.list_users, params)

    def list_users_in_group(self, params: Params) -> Response:
        """ListUsersInGroup."""
        return self._run(_pool_ops.list_users_in_group, params)

    def resend_confirmation_code(self, params: Params) -> Response:
        """ResendConfirmationCode."""
        return self._run(_user_ops.resend_confirmation_code, params)

    def respond_to_auth_challenge(self, params: Params) -> Response:
        """RespondToAuthChallenge."""
        return self._run(_auth.respond_to_auth_challenge, params)

    def revoke_token(self, params: Params) -> Response:
        """RevokeToken."""
        return self._run(_account_ops.revoke_token, params)

    def set_user_mfa_preference(self, params: Params) -> Response:
        """SetUserMFAPreference."""
        return self._run(_account_ops.set_user_mfa_preference, params)

    def set_user_pool_mfa_config(self, params: Params) -> Response:
        """SetUserPoolMfaConfig."""
        return self._run(_pool_ops.set_user_pool_mfa_config, params)

    def sign_up(self, params: Params) -> Response:
        """SignUp."""
        return self._run(_user_ops.sign_up, params)

    def update_device_status(self, params: Params) -> Response:
        """UpdateDeviceStatus."""
        return self._run(_pool_ops.update_device_status, params)

    def update_group(self, params: Params) -> Response:
        """UpdateGroup."""
        return self._run(_pool_ops.update_group, params)

    def update_user_attributes(self, params: Params) -> Response:
        """UpdateUserAttributes."""
        return self._run(_user_ops.update_user_attributes, params)

    def update_user_pool(self, params: Params) -> Response:
        """UpdateUserPool."""
        return self._run(_pool_ops.update_user_pool, params)

    def update_user_pool_client(self, params: Params) -> Response:
        """UpdateUserPoolClient."""
        return self._run(_pool_ops.update_user_pool_client, params)

    def verify_software_token(self, params: Params) -> Response:
        """VerifySoftwareToken."""
        return self._run(_account_ops.verify_software_token, params)

    def verify_user_attribute(self, params: Params) -> Response:
        """VerifyUserAttribute."""
        return self._run(_user_ops.verify_user_attribute, params)

    # -- for the resource layer: plain values in, plain values out ----------------------------
    def set_trigger(self, pool_id: str, name: str, target: Any) -> None:
        """Set (or with ``None`` remove) trigger ``name`` of a pool to a Python callable,
        a Lambda function or its ARN; it overrides the ARN in the pool's LambdaConfig.

        A Python callable lives in this process: it cannot be set from a Lambda handler
        running in process isolation mode.
        """
        check_trigger_name(name)
        with self._host.lock:
            targets = self._pool(pool_id).triggers.targets
            if target is None:
                targets.pop(name, None)
            else:
                targets[name] = target

    def set_signing_key(
        self, pool_id: str, key: rsa.RSAPrivateKey | Mapping[str, rsa.RSAPrivateKey]
    ) -> None:
        """Sign a pool's tokens with ``key`` (one for both, or ``{"id": k, "access": k}``)."""
        keys = key if isinstance(key, Mapping) else {"id": key, "access": key}
        pairs = {use: KeyPair.from_private_key(keys[use]) for use in ("id", "access")}
        with self._host.lock:
            self._pool(pool_id).signing_keys = pairs

    def pool_description(self, pool_id: str) -> UserPoolDescription:
        """A frozen snapshot of a pool (ResourceNotFoundException if none)."""
        with self._host.lock:
            return self._pool(pool_id).description()

    def pool_ids(self) -> list[str]:
        """The ids of this region's pools, oldest first."""
        with self._host.lock:
            return list(self._pools.by_id)

    def pool_outbox(self, pool_id: str) -> list[OutboxMessage]:
        """Every message a pool "sent", oldest first."""
        with self._host.lock:
            return list(self._pool(pool_id).outbox)

    def pool_trigger_log(self, pool_id: str) -> list[tuple[str, dict[str, Any]]]:
        """Every trigger event a pool sent, as (trigger name, event), oldest first."""
        with self._host.lock:
            return list(self._pool(pool_id).triggers.log)

    def pool_jwks(self, pool_id: str) -> dict[str, list[dict[str, str]]]:
        """A pool's JSON Web Key Set."""
        with self._host.lock:
            return self._pool(pool_id).jwks()

    def has_client(self, client_id: str) -> bool:
        """Whether one of this Region's pools has app client ``client_id``."""
        with self._host.lock:
            return any(client_id in pool.clients for pool in self._pools.values())

    def pool_openid_configuration(self, pool_id: str) -> dict[str, Any]:
        """A pool's OpenID discovery document (``/.well-known/openid-configuration``)."""
        with self._host.lock:
            return self._pool(pool_id).openid_configuration()

    def verify_token(
        self,
        pool_id: str,
        token: str,
        *,
        token_use: str | None = None,
        client_id: str | None = None,
    ) -> dict[str, Any]:
        """The claims of a token a pool issued, checked as AWS's would be."""
        with self._host.lock:
            return self._pool(pool_id).verify(token, token_use=token_use, client_id=client_id)

    def check_pool(self, pool_id: str) -> None:
        """Assert a pool's invariants (``AssertionError`` on a broken one)."""
        with self._host.lock:
            self._pool(pool_id)._check()

    def client_description(self, pool_id: str, client_id: str) -> AppClientDescription:
        """A frozen snapshot of an app client (ResourceNotFoundException if none)."""
        with self._host.lock:
            return self._pool(pool_id).client(client_id).description()

    def user_description(self, pool_id: str, username: str) -> UserDescription:
        """A frozen snapshot of a user, found by name or alias (UserNotFoundException)."""
        with self._host.lock:
            pool = self._pool(pool_id)
            return pool.user_snapshot(pool.get_user(username))

    def user_descriptions(self, pool_id: str) -> list[UserDescription]:
        """Frozen snapshots of every user of a pool, oldest first."""
        with self._host.lock:
            pool = self._pool(pool_id)
            return [pool.user_snapshot(user) for user in pool.users.values()]

    def group_description(self, pool_id: str, name: str) -> GroupDescription:
        """A frozen snapshot of a group (ResourceNotFoundException if none)."""
        with self._host.lock:
            return self._pool(pool_id).group(name).snapshot()
