"""IAM groups: membership, policies, conflicts and quotas."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud

from .conftest import ALLOW_S3, BASIC, code, padded


class TestGroups:
    def test_lifecycle(self, iam: Any, cloud: Cloud) -> None:
        """A group has an AGPA id; users join and leave; it deletes once empty."""
        group = iam.create_group(GroupName="devs", Path="/eng/")["Group"]
        assert re.fullmatch(r"AGPA[A-Z0-9]{17}", group["GroupId"])
        assert group["Arn"] == "arn:aws:iam::123456789012:group/eng/devs"
        iam.create_user(UserName="bob")
        iam.add_user_to_group(GroupName="devs", UserName="bob")
        iam.add_user_to_group(GroupName="devs", UserName="bob")
        got = iam.get_group(GroupName="devs")
        assert [u["UserName"] for u in got["Users"]] == ["bob"]
        assert [g["GroupName"] for g in iam.list_groups_for_user(UserName="bob")["Groups"]] == [
            "devs"
        ]
        with pytest.raises(ClientError) as err:
            iam.delete_group(GroupName="devs")
        assert code(err) == (
            "DeleteConflict",
            "Cannot delete entity, must remove users from group first.",
        )
        with pytest.raises(ClientError) as err:
            iam.delete_user(UserName="bob")
        assert code(err)[0] == "DeleteConflict"
        iam.remove_user_from_group(GroupName="devs", UserName="bob")
        cloud.engine("iam").state._check()
        iam.delete_group(GroupName="devs")
        assert iam.list_groups()["Groups"] == []
        with pytest.raises(ClientError) as err:
            iam.get_group(GroupName="devs")
        assert code(err) == ("NoSuchEntity", "The group with name devs cannot be found.")

    def test_duplicate(self, iam: Any) -> None:
        """Group names are unique whatever their case."""
        iam.create_group(GroupName="Devs")
        with pytest.raises(ClientError) as err:
            iam.create_group(GroupName="devs")
        assert code(err) == ("EntityAlreadyExists", "Group with name devs already exists.")

    def test_ten_groups_per_user(self, iam: Any) -> None:
        """A user joins ten groups; the eleventh is LimitExceeded."""
        iam.create_user(UserName="bob")
        for i in range(11):
            iam.create_group(GroupName=f"g{i}")
        for i in range(10):
            iam.add_user_to_group(GroupName=f"g{i}", UserName="bob")
        with pytest.raises(ClientError) as err:
            iam.add_user_to_group(GroupName="g10", UserName="bob")
        assert code(err) == ("LimitExceeded", "Cannot exceed quota for GroupsPerUser: 10")

    def test_policies(self, iam: Any) -> None:
        """Managed and inline policies on a group; ListEntitiesForPolicy names the group."""
        iam.create_group(GroupName="devs")
        iam.attach_group_policy(GroupName="devs", PolicyArn=BASIC)
        rows = iam.list_attached_group_policies(GroupName="devs")["AttachedPolicies"]
        assert [r["PolicyArn"] for r in rows] == [BASIC]
        entities = iam.list_entities_for_policy(PolicyArn=BASIC)
        assert [g["GroupName"] for g in entities["PolicyGroups"]] == ["devs"]
        iam.put_group_policy(GroupName="devs", PolicyName="s3", PolicyDocument=ALLOW_S3)
        got = iam.get_group_policy(GroupName="devs", PolicyName="s3")["PolicyDocument"]
        assert got == json.loads(ALLOW_S3)
        assert iam.list_group_policies(GroupName="devs")["PolicyNames"] == ["s3"]
        with pytest.raises(ClientError) as err:
            iam.delete_group(GroupName="devs")
        assert code(err) == (
            "DeleteConflict",
            "Cannot delete entity, must detach all policies first.",
        )
        iam.detach_group_policy(GroupName="devs", PolicyArn=BASIC)
        with pytest.raises(ClientError) as err:
            iam.delete_group(GroupName="devs")
        assert code(err) == ("DeleteConflict", "Cannot delete entity, must delete policies first.")
        iam.delete_group_policy(GroupName="devs", PolicyName="s3")
        iam.delete_group(GroupName="devs")

    def test_inline_size(self, iam: Any) -> None:
        """A group's inline policies total 5,120 characters at most."""
        iam.create_group(GroupName="devs")
        iam.put_group_policy(GroupName="devs", PolicyName="a", PolicyDocument=padded(5120))
        with pytest.raises(ClientError) as err:
            iam.put_group_policy(GroupName="devs", PolicyName="a", PolicyDocument=padded(5121))
        assert code(err) == (
            "LimitExceeded",
            "Maximum policy size of 5120 bytes exceeded for group devs",
        )


def test_renames(iam: Any, cloud: Cloud) -> None:
    """UpdateUser and UpdateGroup rename; keys and memberships follow; a taken name is refused."""
    iam.create_user(UserName="bob")
    iam.create_user(UserName="ann")
    iam.create_group(GroupName="devs")
    iam.add_user_to_group(GroupName="devs", UserName="bob")
    key = iam.create_access_key(UserName="bob")["AccessKey"]["AccessKeyId"]
    with pytest.raises(ClientError) as err:
        iam.update_user(UserName="bob", NewUserName="ANN")
    assert code(err)[0] == "EntityAlreadyExists"
    iam.update_user(UserName="bob", NewUserName="robert", NewPath="/staff/")
    iam.update_group(GroupName="devs", NewGroupName="engineers")
    user = iam.get_user(UserName="robert")["User"]
    assert user["Arn"] == "arn:aws:iam::123456789012:user/staff/robert"
    assert iam.list_access_keys(UserName="robert")["AccessKeyMetadata"][0]["AccessKeyId"] == key
    group = iam.get_group(GroupName="engineers")
    assert [u["UserName"] for u in group["Users"]] == ["robert"]
    assert group["Group"]["Arn"] == "arn:aws:iam::123456789012:group/engineers"
    cloud.engine("iam").state._check()
