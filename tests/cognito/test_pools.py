"""User pools, app clients, groups and custom attributes through the client layer."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.loaders import create_loader

from pyserverless import Cloud
from pyserverless._core.errors import ParamValidationError
from pyserverless.cognito import CognitoLimits, LimitExceededException, UserPool
from pyserverless.cognito._client import CognitoIdpClient
from pyserverless.cognito._errors import (
    GroupExistsException,
    InvalidParameterException,
    ResourceNotFoundException,
)


class TestOperationNames:
    def test_every_operation_is_botocores(self) -> None:
        """Every registered operation exists in botocore's cognito-idp model."""
        model = create_loader().load_service_model("cognito-idp", "service-2")
        assert set(CognitoIdpClient.operations) <= set(model["operations"])
        assert len(CognitoIdpClient.operations) >= 55

    def test_every_error_is_botocores(self, idp: Any) -> None:
        """Every error class is a botocore-declared cognito-idp exception."""
        model = create_loader().load_service_model("cognito-idp", "service-2")
        declared = {k for k, v in model["shapes"].items() if v.get("exception")}
        names = set(vars(idp.exceptions)) - {"ClientError"}
        assert names <= declared
        assert "NotAuthorizedException" in names


class TestCreateUserPool:
    def test_defaults(self, idp: Any) -> None:
        """A new pool gets AWS's default policy, MFA OFF and an id of the region."""
        pool = idp.create_user_pool(PoolName="p")["UserPool"]
        assert pool["Id"].startswith("us-east-1_")
        assert pool["MfaConfiguration"] == "OFF"
        assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 8
        assert pool["Policies"]["PasswordPolicy"]["RequireSymbols"] is True
        assert pool["Arn"].endswith(f":userpool/{pool['Id']}")
        assert {a["Name"] for a in pool["SchemaAttributes"]} >= {"sub", "email", "phone_number"}

    def test_settings_are_kept(self, idp: Any) -> None:
        """Policy, aliases, auto-verified attributes and MFA come back as given."""
        pool = idp.create_user_pool(
            PoolName="p",
            Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireSymbols": False}},
            UsernameAttributes=["email"],
            AutoVerifiedAttributes=["email"],
            MfaConfiguration="OPTIONAL",
            Schema=[{"Name": "tier", "AttributeDataType": "String"}],
        )["UserPool"]
        assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
        assert pool["UsernameAttributes"] == ["email"]
        assert pool["AutoVerifiedAttributes"] == ["email"]
        assert pool["MfaConfiguration"] == "OPTIONAL"
        assert "custom:tier" in {a["Name"] for a in pool["SchemaAttributes"]}

    def test_alias_and_username_attributes_exclusive(self, idp: Any) -> None:
        """UsernameAttributes and AliasAttributes cannot both be set."""
        with pytest.raises(InvalidParameterException):
            idp.create_user_pool(
                PoolName="p", UsernameAttributes=["email"], AliasAttributes=["email"]
            )
        assert idp.list_user_pools(MaxResults=10)["UserPools"] == []

    @pytest.mark.parametrize(
        ("length", "error"), [(5, ParamValidationError), (100, InvalidParameterException)]
    )
    def test_minimum_length_bounds(self, idp: Any, length: int, error: type[Exception]) -> None:
        """MinimumLength must be within 6..99: under 6 the model refuses it (as botocore
        does), over 99 the service does; both bounds themselves are accepted."""
        with pytest.raises(error):
            idp.create_user_pool(
                PoolName="p", Policies={"PasswordPolicy": {"MinimumLength": length}}
            )
        for ok in (6, 99):
            policy = {"MinimumLength": ok}
            pool = idp.create_user_pool(PoolName="p", Policies={"PasswordPolicy": policy})
            assert pool["UserPool"]["Policies"]["PasswordPolicy"]["MinimumLength"] == ok

    def test_bad_mfa_value(self, idp: Any) -> None:
        """MfaConfiguration outside OFF/ON/OPTIONAL is rejected."""
        with pytest.raises(InvalidParameterException):
            idp.create_user_pool(PoolName="p", MfaConfiguration="SOMETIMES")


class TestDescribeUpdateDeleteList:
    def test_describe_unknown(self, idp: Any) -> None:
        """An unknown pool is ResourceNotFoundException with AWS's text."""
        with pytest.raises(ResourceNotFoundException) as err:
            idp.describe_user_pool(UserPoolId="us-east-1_nothere")
        assert err.value.message == "User pool us-east-1_nothere does not exist."

    def test_update_and_delete(self, idp: Any, pool: UserPool) -> None:
        """UpdateUserPool changes settings; DeleteUserPool removes the pool."""
        idp.update_user_pool(UserPoolId=pool.id, MfaConfiguration="OPTIONAL")
        assert idp.describe_user_pool(UserPoolId=pool.id)["UserPool"]["MfaConfiguration"] == (
            "OPTIONAL"
        )
        idp.delete_user_pool(UserPoolId=pool.id)
        with pytest.raises(ResourceNotFoundException):
            idp.describe_user_pool(UserPoolId=pool.id)

    def test_deletion_protection(self, idp: Any) -> None:
        """A protected pool cannot be deleted."""
        pool_id = idp.create_user_pool(PoolName="p", DeletionProtection="ACTIVE")["UserPool"]["Id"]
        with pytest.raises(InvalidParameterException):
            idp.delete_user_pool(UserPoolId=pool_id)
        assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id

    def test_list_pages(self, idp: Any) -> None:
        """ListUserPools pages with NextToken and sees every pool once."""
        made = {idp.create_user_pool(PoolName=f"p{i}")["UserPool"]["Id"] for i in range(5)}
        seen: list[str] = []
        token = None
        while True:
            kwargs: dict[str, str] = {"NextToken": token} if token else {}
            page = idp.list_user_pools(MaxResults=2, **kwargs)
            seen += [p["Id"] for p in page["UserPools"]]
            token = page.get("NextToken")
            if not token:
                break
        assert sorted(seen) == sorted(made)

    def test_paginator(self, idp: Any) -> None:
        """botocore's paginator drives ListUserPools."""
        for i in range(3):
            idp.create_user_pool(PoolName=f"p{i}")
        pages = idp.get_paginator("list_user_pools").paginate(PaginationConfig={"PageSize": 2})
        assert sum(len(p["UserPools"]) for p in pages) == 3


class TestUserPoolClients:
    def test_secret_and_defaults(self, idp: Any, pool: UserPool) -> None:
        """GenerateSecret makes a secret; default flows are SRP, custom and refresh."""
        client = idp.create_user_pool_client(
            UserPoolId=pool.id, ClientName="c", GenerateSecret=True
        )["UserPoolClient"]
        assert len(client["ClientId"]) == 26 and client["ClientId"].islower()
        assert client["ClientSecret"]
        assert sorted(client["ExplicitAuthFlows"]) == [
            "ALLOW_CUSTOM_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_USER_SRP_AUTH",
        ]
        assert client["TokenValidityUnits"] == {
            "AccessToken": "hours",
            "IdToken": "hours",
            "RefreshToken": "days",
        }

    def test_no_secret(self, idp: Any, pool: UserPool) -> None:
        """Without GenerateSecret the client has none."""
        client = idp.create_user_pool_client(UserPoolId=pool.id, ClientName="c")
        assert "ClientSecret" not in client["UserPoolClient"]

    @pytest.mark.parametrize(("validity", "units"), [(4, "minutes"), (25, "hours"), (2, "days")])
    def test_access_validity_bounds(
        self, idp: Any, pool: UserPool, validity: int, units: str
    ) -> None:
        """Access token validity must be within 5 minutes and 1 day."""
        with pytest.raises(InvalidParameterException):
            idp.create_user_pool_client(
                UserPoolId=pool.id,
                ClientName="c",
                AccessTokenValidity=validity,
                TokenValidityUnits={"AccessToken": units},
            )
        assert pool.clients() == []

    def test_bad_flow(self, idp: Any, pool: UserPool) -> None:
        """An unknown ExplicitAuthFlows value is rejected."""
        with pytest.raises(InvalidParameterException):
            idp.create_user_pool_client(
                UserPoolId=pool.id, ClientName="c", ExplicitAuthFlows=["ALLOW_EVERYTHING"]
            )

    def test_describe_update_delete_list(self, idp: Any, pool: UserPool) -> None:
        """Clients can be described, renamed, listed and deleted."""
        cid = idp.create_user_pool_client(UserPoolId=pool.id, ClientName="c")["UserPoolClient"][
            "ClientId"
        ]
        idp.update_user_pool_client(UserPoolId=pool.id, ClientId=cid, ClientName="renamed")
        got = idp.describe_user_pool_client(UserPoolId=pool.id, ClientId=cid)["UserPoolClient"]
        assert got["ClientName"] == "renamed"
        listed = idp.list_user_pool_clients(UserPoolId=pool.id, MaxResults=10)
        assert [c["ClientId"] for c in listed["UserPoolClients"]] == [cid]
        idp.delete_user_pool_client(UserPoolId=pool.id, ClientId=cid)
        with pytest.raises(ResourceNotFoundException) as err:
            idp.describe_user_pool_client(UserPoolId=pool.id, ClientId=cid)
        assert err.value.message == f"User pool client {cid} does not exist."


class TestGroups:
    @pytest.mark.parametrize("precedence", [-1, "1"])
    def test_update_bad_precedence_changes_nothing(
        self, cloud: Cloud, pool: UserPool, precedence: Any
    ) -> None:
        """The engine refuses an UpdateGroup precedence CreateGroup would refuse, and
        changes nothing of the group (not even the description sent with it)."""
        engine = cloud.engine("cognito-idp")
        engine.create_group({"UserPoolId": pool.id, "GroupName": "g", "Description": "d"})
        request = {"UserPoolId": pool.id, "GroupName": "g", "Description": "x"}
        with pytest.raises(InvalidParameterException):
            engine.update_group({**request, "Precedence": precedence})
        group = engine.get_group({"UserPoolId": pool.id, "GroupName": "g"})["Group"]
        assert group["Description"] == "d" and "Precedence" not in group
        engine.update_group({**request, "Precedence": 0})
        group = engine.get_group({"UserPoolId": pool.id, "GroupName": "g"})["Group"]
        assert (group["Description"], group["Precedence"]) == ("x", 0)

    def test_lifecycle(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """Groups hold users; listing works both ways; deletion frees members."""
        make_user("ann")
        idp.create_group(UserPoolId=pool.id, GroupName="admins", Precedence=1)
        idp.create_group(UserPoolId=pool.id, GroupName="staff", Precedence=5)
        for group in ("staff", "admins"):
            idp.admin_add_user_to_group(UserPoolId=pool.id, Username="ann", GroupName=group)
        groups = idp.admin_list_groups_for_user(UserPoolId=pool.id, Username="ann")["Groups"]
        assert [g["GroupName"] for g in groups] == ["admins", "staff"]
        users = idp.list_users_in_group(UserPoolId=pool.id, GroupName="staff")["Users"]
        assert [u["Username"] for u in users] == ["ann"]
        idp.admin_remove_user_from_group(UserPoolId=pool.id, Username="ann", GroupName="staff")
        assert idp.list_users_in_group(UserPoolId=pool.id, GroupName="staff")["Users"] == []
        idp.delete_group(UserPoolId=pool.id, GroupName="admins")
        assert idp.list_groups(UserPoolId=pool.id)["Groups"][0]["GroupName"] == "staff"
        pool._check()

    def test_duplicate(self, idp: Any, pool: UserPool) -> None:
        """A second group of the same name is GroupExistsException."""
        idp.create_group(UserPoolId=pool.id, GroupName="g")
        with pytest.raises(GroupExistsException) as err:
            idp.create_group(UserPoolId=pool.id, GroupName="g")
        assert err.value.message == "A group with the name g already exists."

    def test_unknown_group(self, idp: Any, pool: UserPool) -> None:
        """An unknown group is ResourceNotFoundException."""
        with pytest.raises(ResourceNotFoundException):
            idp.get_group(UserPoolId=pool.id, GroupName="nope")


class TestCustomAttributes:
    def test_add_and_use(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """AddCustomAttributes makes custom:<name> writable; unknown ones are rejected."""
        make_user("ann")
        with pytest.raises(InvalidParameterException):
            idp.admin_update_user_attributes(
                UserPoolId=pool.id,
                Username="ann",
                UserAttributes=[{"Name": "custom:plan", "Value": "pro"}],
            )
        idp.add_custom_attributes(
            UserPoolId=pool.id, CustomAttributes=[{"Name": "plan", "AttributeDataType": "String"}]
        )
        idp.admin_update_user_attributes(
            UserPoolId=pool.id,
            Username="ann",
            UserAttributes=[{"Name": "custom:plan", "Value": "pro"}],
        )
        got = idp.admin_get_user(UserPoolId=pool.id, Username="ann")["UserAttributes"]
        assert {"Name": "custom:plan", "Value": "pro"} in got

    def test_duplicate(self, idp: Any, pool: UserPool) -> None:
        """Adding an existing custom attribute is rejected."""
        idp.add_custom_attributes(UserPoolId=pool.id, CustomAttributes=[{"Name": "x"}])
        with pytest.raises(InvalidParameterException):
            idp.add_custom_attributes(UserPoolId=pool.id, CustomAttributes=[{"Name": "x"}])


class TestResourceLayer:
    def test_repr_and_describe(self, cloud: Cloud) -> None:
        """A pool has a readable repr and a frozen description."""
        pool = cloud.cognito.create_user_pool("shop")
        assert repr(pool).startswith(f"<UserPool {pool.id} 'shop'")
        snap = pool.describe()
        with pytest.raises(AttributeError):
            snap.name = "x"  # type: ignore[misc]
        assert snap.estimated_number_of_users == 0

    def test_limits_override(self) -> None:
        """Limits come from the Cloud's limits object."""
        cloud = Cloud(limits={"cognito-idp": {"max_user_pools": 1}})
        cloud.cognito.create_user_pool("a")
        assert cloud.limits.for_service("cognito-idp") == CognitoLimits(max_user_pools=1)
        with pytest.raises(LimitExceededException) as err:
            cloud.cognito.create_user_pool("b")
        assert getattr(err.value, "code", None) == "LimitExceededException"

    def test_unknown_trigger_name(self, cloud: Cloud) -> None:
        """A misspelt trigger name is a ValueError naming the valid ones."""
        with pytest.raises(ValueError, match="PreSignUp"):
            cloud.cognito.create_user_pool("p", triggers={"PreSignup": print})
