"""``cloud.cognito``: the resource layer's pools, clients and users, over engine methods."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest

from pyserverless import Cloud
from pyserverless.cognito import (
    AppClient,
    CognitoResource,
    InvalidParameterException,
    NotAuthorizedException,
    ResourceNotFoundException,
    User,
    UserNotFoundException,
    UserPool,
    UserPoolDescription,
)
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

from .conftest import PASSWORD


class TestCreateUserPool:
    def test_is_the_resource_layer(self, cloud: Cloud) -> None:
        """``cloud.cognito`` is a CognitoResource, the engine is behind ``cloud.engine``."""
        assert isinstance(cloud.cognito, CognitoResource)
        assert cloud.cognito is cloud.cognito
        assert cloud.cognito.engine is cloud.engine("cognito-idp")
        assert repr(cloud.cognito) == "<CognitoResource region='us-east-1' pools=0>"

    def test_aws_and_snake_case_settings(self, cloud: Cloud) -> None:
        """Settings are CreateUserPool's members, by AWS name or in snake_case."""
        a = cloud.cognito.create_user_pool("a", MfaConfiguration="OPTIONAL")
        b = cloud.cognito.create_user_pool("b", mfa_configuration="OPTIONAL")
        assert a.describe().mfa_configuration == b.describe().mfa_configuration == "OPTIONAL"
        c = cloud.cognito.create_user_pool("c", alias_attributes=["email"])
        idp = cloud.client("cognito-idp")
        assert idp.describe_user_pool(UserPoolId=c.id)["UserPool"]["AliasAttributes"] == ["email"]

    @pytest.mark.parametrize("key", ["MfaConfiguraton", "pool_name", "PoolName", "colour"])
    def test_unknown_setting_refused(self, cloud: Cloud, key: str) -> None:
        """A misspelt or unknown keyword is a TypeError, and creates nothing."""
        settings: dict[str, Any] = {key: "ON"}
        with pytest.raises(TypeError, match=key):
            cloud.cognito.create_user_pool("p", **settings)
        assert cloud.cognito.user_pools() == []

    def test_bad_value_is_the_engines_error(self, cloud: Cloud) -> None:
        """A bad value gets AWS's error from the engine, and creates nothing."""
        with pytest.raises(InvalidParameterException):
            cloud.cognito.create_user_pool("p", MfaConfiguration="SOMETIMES")
        assert cloud.cognito.user_pools() == []

    def test_unknown_trigger_refused_first(self, cloud: Cloud) -> None:
        """An unknown trigger name is a ValueError before any pool is made."""
        with pytest.raises(ValueError, match="PreSingUp"):
            cloud.cognito.create_user_pool("p", triggers={"PreSingUp": lambda e: e})
        assert cloud.cognito.user_pools() == []


class TestFindPools:
    def test_user_pool_and_user_pools(self, cloud: Cloud) -> None:
        """``user_pool(id)`` finds one (equal handles), ``user_pools()`` lists them in order."""
        a = cloud.cognito.create_user_pool("a")
        b = cloud.cognito.create_user_pool("b")
        assert cloud.cognito.user_pool(a.id) == a != b
        assert [p.name for p in cloud.cognito.user_pools()] == ["a", "b"]

    def test_missing_pool(self, cloud: Cloud) -> None:
        """An unknown id is ResourceNotFoundException, as DescribeUserPool's."""
        with pytest.raises(ResourceNotFoundException) as err:
            cloud.cognito.user_pool("us-east-1_nope")
        assert err.value.message == "User pool us-east-1_nope does not exist."

    def test_delete(self, cloud: Cloud) -> None:
        """``delete()`` removes the pool; DeletionProtection=ACTIVE refuses it."""
        kept = cloud.cognito.create_user_pool("kept", deletion_protection="ACTIVE")
        gone = cloud.cognito.create_user_pool("gone")
        gone.delete()
        with pytest.raises(InvalidParameterException):
            kept.delete()
        assert cloud.cognito.user_pools() == [kept]
        with pytest.raises(ResourceNotFoundException):
            gone.describe()


class TestPool:
    def test_describe_and_repr(self, cloud: Cloud, pool: UserPool) -> None:
        """``describe()`` is a frozen snapshot; the repr reads the live pool."""
        app = pool.create_client("web", ExplicitAuthFlows=FLOWS)
        snapshot = pool.describe()
        assert isinstance(snapshot, UserPoolDescription)
        assert snapshot.client_ids == (app.client_id,)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            snapshot.name = "x"  # type: ignore[misc]
        assert repr(pool) == f"<UserPool {pool.id} 'test' users=0 clients=1>"
        assert pool.arn == f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{pool.id}"
        assert pool.issuer.endswith(f"/{pool.id}") and pool.suffix == pool.id.split("_")[1]

    def test_handles_pickle(self, pool: UserPool) -> None:
        """Handles and snapshots are plain values that cross a process boundary."""
        snapshot = pool.describe()
        assert pickle.loads(pickle.dumps(snapshot)) == snapshot


class TestClients:
    def test_create_find_list_delete(self, pool: UserPool) -> None:
        """``create_client``, ``client(id)``, ``clients()`` and ``delete()``."""
        web = pool.create_client("web", ExplicitAuthFlows=FLOWS)
        server = pool.create_client("server", ExplicitAuthFlows=FLOWS, generate_secret=True)
        assert web.secret is None and server.secret is not None
        assert pool.client(server.client_id) == server
        assert pool.client(server.client_id).secret == server.secret
        assert pool.clients() == [web, server]
        assert repr(server) == f"<AppClient {server.client_id} 'server' secret>"
        assert server.describe().name == "server"
        web.delete()
        assert pool.clients() == [server]
        with pytest.raises(ResourceNotFoundException):
            pool.client(web.client_id)

    def test_aws_default_flows(self, pool: UserPool) -> None:
        """Without ExplicitAuthFlows the client gets AWS's defaults: SRP, custom, refresh."""
        flows = pool.create_client("web").describe().explicit_auth_flows
        assert sorted(flows) == [
            "ALLOW_CUSTOM_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_USER_SRP_AUTH",
        ]

    def test_unknown_setting_refused(self, pool: UserPool) -> None:
        """A misspelt client setting is a TypeError, and creates nothing."""
        with pytest.raises(TypeError, match="GenerateSecrets"):
            pool.create_client("web", GenerateSecrets=True)
        assert pool.clients() == []


class TestUsers:
    def test_create_user_signs_in(self, cloud: Cloud, pool: UserPool, idp: Any) -> None:
        """``create_user(password=...)`` makes a CONFIRMED user with a verified email."""
        app = pool.create_client("web", ExplicitAuthFlows=FLOWS)
        ann = pool.create_user("ann", password=PASSWORD, email="ann@example.com")
        assert isinstance(ann, User) and ann.status == "CONFIRMED" and ann.enabled
        assert ann.attributes["email_verified"] == "true"
        result = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        claims = pool.verify(result["AuthenticationResult"]["IdToken"], token_use="id")
        assert claims["email"] == "ann@example.com"
        assert pool.outbox == []  # nothing was sent

    def test_without_password(self, pool: UserPool) -> None:
        """Without a password the user waits in FORCE_CHANGE_PASSWORD."""
        bo = pool.create_user("bo")
        assert bo.status == "FORCE_CHANGE_PASSWORD"
        assert repr(bo) == "<User 'bo' FORCE_CHANGE_PASSWORD>"

    def test_find_list_delete(self, pool: UserPool) -> None:
        """``user(name)``, ``users()`` and ``delete()``; a missing user is AWS's error."""
        pool.create_user("ann")
        pool.create_user("bo")
        assert [u.username for u in pool.users()] == ["ann", "bo"]
        pool.user("ann").delete()
        assert pool.users() == [pool.user("bo")]
        with pytest.raises(UserNotFoundException):
            pool.user("ann")
        pool._check()

    def test_custom_attributes(self, cloud: Cloud) -> None:
        """``custom_tier="gold"`` sets ``custom:tier``; an unknown one is AWS's error."""
        pool = cloud.cognito.create_user_pool("p", Schema=[{"Name": "tier"}])
        assert pool.create_user("ann", custom_tier="gold").attributes["custom:tier"] == "gold"
        with pytest.raises(InvalidParameterException):
            pool.create_user("bo", custom_size="9")
        assert [u.username for u in pool.users()] == ["ann"]

    def test_snapshot(self, pool: UserPool, idp: Any) -> None:
        """``describe()`` shows status, attributes, MFA settings and groups, frozen."""
        pool.create_user("ann", password=PASSWORD, email="ann@example.com")
        idp.create_group(UserPoolId=pool.id, GroupName="admins")
        idp.admin_add_user_to_group(UserPoolId=pool.id, Username="ann", GroupName="admins")
        snapshot = pool.user("ann").describe()
        assert snapshot.groups == ("admins",) and snapshot.mfa_settings == ()
        assert pickle.loads(pickle.dumps(snapshot)) == snapshot
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            snapshot.status = "x"  # type: ignore[misc]


class TestGroups:
    def test_create_find_members_delete(self, pool: UserPool, app: AppClient, idp: Any) -> None:
        """``create_group``, ``group(name)``, ``groups()``, ``add``/``remove``, ``delete``;
        members get the group in ``cognito:groups``."""
        admins = pool.create_group("admins", description="all powers", precedence=1)
        pool.create_group("staff")
        ann = pool.create_user("ann", password=PASSWORD)
        admins.add(ann.username)
        snapshot = pool.group("admins").describe()
        assert (snapshot.description, snapshot.precedence, snapshot.members) == (
            "all powers",
            1,
            ("ann",),
        )
        assert [g.name for g in pool.groups()] == ["admins", "staff"]
        tokens = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )["AuthenticationResult"]
        assert pool.verify(tokens["IdToken"])["cognito:groups"] == ["admins"]
        admins.remove("ann")
        assert pool.user("ann").describe().groups == ()
        admins.delete()
        with pytest.raises(ResourceNotFoundException):
            pool.group("admins")
        assert repr(pool.groups()) == "[<Group 'staff' members=0>]"


class TestTokens:
    def test_jwks_and_verify(self, cloud: Cloud, pool: UserPool, app: AppClient) -> None:
        """``jwks()`` is the served key set; ``verify()`` checks as AWS's would."""
        idp = cloud.client("cognito-idp")
        pool.create_user("ann", password=PASSWORD)
        tokens = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )["AuthenticationResult"]
        kids = {key["kid"] for key in pool.jwks()["keys"]}
        assert len(kids) == 2
        assert pool.verify(tokens["AccessToken"], client_id=app.client_id)["username"] == "ann"
        other = cloud.cognito.create_user_pool("other")
        with pytest.raises(NotAuthorizedException, match="Invalid Access Token"):
            other.verify(tokens["AccessToken"])
