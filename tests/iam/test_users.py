"""IAM users, access keys and instance profiles."""

from __future__ import annotations

import json
import re
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws

from .conftest import ALLOW_S3, BASIC, TRUST, code, padded


class TestUsers:
    def test_create_get_list_delete(self, iam: Any) -> None:
        """A user has an AIDA id and an ARN with its path; it lists and deletes."""
        user = iam.create_user(UserName="bob", Path="/staff/")["User"]
        assert re.fullmatch(r"AIDA[A-Z0-9]{17}", user["UserId"])
        assert user["Arn"] == "arn:aws:iam::123456789012:user/staff/bob"
        assert iam.get_user(UserName="bob")["User"]["UserId"] == user["UserId"]
        assert [u["UserName"] for u in iam.list_users()["Users"]] == ["bob"]
        iam.delete_user(UserName="bob")
        with pytest.raises(ClientError) as err:
            iam.get_user(UserName="bob")
        assert code(err) == ("NoSuchEntity", "The user with name bob cannot be found.")

    def test_duplicate(self, iam: Any) -> None:
        """User names are unique whatever their case."""
        iam.create_user(UserName="Bob")
        with pytest.raises(ClientError) as err:
            iam.create_user(UserName="bob")
        assert code(err) == ("EntityAlreadyExists", "User with name bob already exists.")

    def test_delete_conflicts(self, iam: Any, cloud: Cloud) -> None:
        """DeleteUser refuses while keys or policies remain."""
        iam.create_user(UserName="bob")
        key = iam.create_access_key(UserName="bob")["AccessKey"]["AccessKeyId"]
        iam.attach_user_policy(UserName="bob", PolicyArn=BASIC)
        with pytest.raises(ClientError) as err:
            iam.delete_user(UserName="bob")
        assert code(err) == (
            "DeleteConflict",
            "Cannot delete entity, must delete access keys first.",
        )
        iam.delete_access_key(UserName="bob", AccessKeyId=key)
        with pytest.raises(ClientError) as err:
            iam.delete_user(UserName="bob")
        assert code(err) == (
            "DeleteConflict",
            "Cannot delete entity, must detach all policies first.",
        )
        attached = iam.list_attached_user_policies(UserName="bob")["AttachedPolicies"]
        assert [p["PolicyArn"] for p in attached] == [BASIC]
        iam.detach_user_policy(UserName="bob", PolicyArn=BASIC)
        iam.delete_user(UserName="bob")
        cloud.engine("iam").state._check()

    def test_tags(self, iam: Any) -> None:
        """Users carry tags."""
        iam.create_user(UserName="bob", Tags=[{"Key": "team", "Value": "a"}])
        iam.tag_user(UserName="bob", Tags=[{"Key": "x", "Value": "y"}])
        assert iam.list_user_tags(UserName="bob")["Tags"] == [
            {"Key": "team", "Value": "a"}, {"Key": "x", "Value": "y"}
        ]  # fmt: skip


class TestAccessKeys:
    def test_shape(self, iam: Any) -> None:
        """A key is AKIA + 16 characters, its secret 40; only CreateAccessKey shows the secret."""
        iam.create_user(UserName="bob")
        key = iam.create_access_key(UserName="bob")["AccessKey"]
        assert re.fullmatch(r"AKIA[A-Z0-9]{16}", key["AccessKeyId"])
        assert len(key["SecretAccessKey"]) == 40
        assert key["Status"] == "Active"
        listed = iam.list_access_keys(UserName="bob")["AccessKeyMetadata"]
        assert [k["AccessKeyId"] for k in listed] == [key["AccessKeyId"]]
        assert "SecretAccessKey" not in listed[0]

    def test_two_per_user(self, iam: Any) -> None:
        """Two keys fit; the third is LimitExceeded."""
        iam.create_user(UserName="bob")
        iam.create_access_key(UserName="bob")
        iam.create_access_key(UserName="bob")
        with pytest.raises(ClientError) as err:
            iam.create_access_key(UserName="bob")
        assert code(err) == ("LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2")

    def test_update_delete(self, iam: Any) -> None:
        """A key goes Inactive and is deleted; an unknown key is NoSuchEntity."""
        iam.create_user(UserName="bob")
        key = iam.create_access_key(UserName="bob")["AccessKey"]["AccessKeyId"]
        iam.update_access_key(UserName="bob", AccessKeyId=key, Status="Inactive")
        assert iam.list_access_keys(UserName="bob")["AccessKeyMetadata"][0]["Status"] == "Inactive"
        iam.delete_access_key(UserName="bob", AccessKeyId=key)
        with pytest.raises(ClientError) as err:
            iam.delete_access_key(UserName="bob", AccessKeyId=key)
        assert code(err) == ("NoSuchEntity", f"The Access Key with id {key} cannot be found.")


class TestInstanceProfiles:
    def test_lifecycle(self, iam: Any) -> None:
        """A profile holds one role; it is listed for the role; it deletes once empty."""
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)
        iam.create_role(RoleName="s", AssumeRolePolicyDocument=TRUST)
        made = iam.create_instance_profile(InstanceProfileName="ip")["InstanceProfile"]
        assert made["Arn"] == "arn:aws:iam::123456789012:instance-profile/ip"
        assert re.fullmatch(r"AIPA[A-Z0-9]{17}", made["InstanceProfileId"])
        iam.add_role_to_instance_profile(InstanceProfileName="ip", RoleName="r")
        with pytest.raises(ClientError) as err:
            iam.add_role_to_instance_profile(InstanceProfileName="ip", RoleName="s")
        assert code(err) == (
            "LimitExceeded",
            "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
        )
        got = iam.get_instance_profile(InstanceProfileName="ip")["InstanceProfile"]
        assert [r["RoleName"] for r in got["Roles"]] == ["r"]
        listed = iam.list_instance_profiles_for_role(RoleName="r")["InstanceProfiles"]
        assert [p["InstanceProfileName"] for p in listed] == ["ip"]
        with pytest.raises(ClientError) as err:
            iam.delete_instance_profile(InstanceProfileName="ip")
        assert code(err)[0] == "DeleteConflict"
        iam.remove_role_from_instance_profile(InstanceProfileName="ip", RoleName="r")
        iam.delete_instance_profile(InstanceProfileName="ip")
        assert iam.list_instance_profiles()["InstanceProfiles"] == []

    def test_missing(self, iam: Any) -> None:
        """An unknown profile is NoSuchEntity."""
        with pytest.raises(ClientError) as err:
            iam.get_instance_profile(InstanceProfileName="ghost")
        assert code(err) == ("NoSuchEntity", "Instance Profile ghost cannot be found.")


class TestCaller:
    def test_without_user_name(self, cloud: Cloud) -> None:
        """GetUser, CreateAccessKey and ListAccessKeys without UserName mean the key's user."""
        iam = cloud.client("iam")
        iam.create_user(UserName="bob")
        key = iam.create_access_key(UserName="bob")["AccessKey"]
        with mock_aws(cloud):
            bob = boto3.client("iam", aws_access_key_id=key["AccessKeyId"],
                               aws_secret_access_key=key["SecretAccessKey"])  # fmt: skip
            assert bob.get_user()["User"]["UserName"] == "bob"
            second = bob.create_access_key()["AccessKey"]
            assert second["UserName"] == "bob"
            assert len(bob.list_access_keys()["AccessKeyMetadata"]) == 2
            assert boto3.client("iam").get_user()["User"]["Arn"].endswith(":root")

    def test_role_session_must_name_the_user(self, cloud: Cloud) -> None:
        """With a role's credentials, GetUser needs a UserName (ValidationError)."""
        iam = cloud.client("iam")
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)
        creds = cloud.client("sts").assume_role(
            RoleArn="arn:aws:iam::123456789012:role/r", RoleSessionName="s1"
        )["Credentials"]
        with pytest.raises(ClientError) as err:
            iam.as_caller(creds["AccessKeyId"]).get_user()
        assert code(err) == (
            "ValidationError",
            "Must specify userName when calling with non-User credentials",
        )
        with pytest.raises(ClientError):
            iam.create_access_key()


class TestUserInlinePolicies:
    def test_put_get_list_delete(self, iam: Any) -> None:
        """A user's inline policies: stored, read as a dict, listed, deleted; DeleteUser waits."""
        iam.create_user(UserName="bob")
        iam.put_user_policy(UserName="bob", PolicyName="s3", PolicyDocument=ALLOW_S3)
        got = iam.get_user_policy(UserName="bob", PolicyName="s3")
        assert got["PolicyDocument"] == json.loads(ALLOW_S3)
        assert iam.list_user_policies(UserName="bob")["PolicyNames"] == ["s3"]
        with pytest.raises(ClientError) as err:
            iam.delete_user(UserName="bob")
        assert code(err) == ("DeleteConflict", "Cannot delete entity, must delete policies first.")
        iam.delete_user_policy(UserName="bob", PolicyName="s3")
        with pytest.raises(ClientError) as err:
            iam.get_user_policy(UserName="bob", PolicyName="s3")
        assert code(err) == ("NoSuchEntity", "The user policy with name s3 cannot be found.")
        iam.delete_user(UserName="bob")

    def test_size(self, iam: Any) -> None:
        """A user's inline policies total 2,048 characters at most."""
        iam.create_user(UserName="bob")
        iam.put_user_policy(UserName="bob", PolicyName="a", PolicyDocument=padded(2048))
        with pytest.raises(ClientError) as err:
            iam.put_user_policy(UserName="bob", PolicyName="b", PolicyDocument=padded(100))
        assert code(err) == (
            "LimitExceeded",
            "Maximum policy size of 2048 bytes exceeded for user bob",
        )

    def test_untag(self, iam: Any) -> None:
        """UntagUser removes tags by key."""
        iam.create_user(
            UserName="bob", Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
        )
        iam.untag_user(UserName="bob", TagKeys=["a"])
        assert iam.list_user_tags(UserName="bob")["Tags"] == [{"Key": "b", "Value": "2"}]
