"""IAM roles: create, read, list, update, tag, delete; limits on both sides."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from pyserverless import Cloud
from pyserverless.errors import PyServerlessError

from .conftest import ALLOW_S3, BASIC, TRUST, code, padded

Refused = (ClientError, PyServerlessError, ParamValidationError)


class TestCreateRole:
    def test_shape(self, iam: Any) -> None:
        """CreateRole answers the role with its ARN, AROA id and trust policy as a dict."""
        role = iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST, Path="/app/")["Role"]
        assert role["Arn"] == "arn:aws:iam::123456789012:role/app/fn"
        assert re.fullmatch(r"AROA[A-Z0-9]{17}", role["RoleId"])
        assert role["AssumeRolePolicyDocument"] == json.loads(TRUST)
        assert role["Path"] == "/app/"
        assert "MaxSessionDuration" not in role and "RoleLastUsed" not in role

    def test_get_role(self, iam: Any) -> None:
        """GetRole adds MaxSessionDuration (3600 by default), tags and RoleLastUsed."""
        iam.create_role(
            RoleName="fn", AssumeRolePolicyDocument=TRUST, Tags=[{"Key": "k", "Value": "v"}],
            Description="d",
        )  # fmt: skip
        role = iam.get_role(RoleName="fn")["Role"]
        assert role["MaxSessionDuration"] == 3600
        assert role["Tags"] == [{"Key": "k", "Value": "v"}]
        assert role["Description"] == "d"
        assert role["RoleLastUsed"] == {}

    def test_duplicate_any_case(self, iam: Any) -> None:
        """Role names are unique whatever their case: EntityAlreadyExists (409)."""
        iam.create_role(RoleName="Fn", AssumeRolePolicyDocument=TRUST)
        with pytest.raises(ClientError) as err:
            iam.create_role(RoleName="fN", AssumeRolePolicyDocument=TRUST)
        assert code(err) == ("EntityAlreadyExists", "Role with name fN already exists.")
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409

    def test_missing(self, iam: Any) -> None:
        """GetRole of an unknown name: NoSuchEntity (404) with IAM's message."""
        with pytest.raises(iam.exceptions.NoSuchEntityException) as err:
            iam.get_role(RoleName="ghost")
        assert code(err) == ("NoSuchEntity", "The role with name ghost cannot be found.")
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404

    def test_name_length(self, iam: Any) -> None:
        """64 characters are accepted, 65 refused."""
        iam.create_role(RoleName="r" * 64, AssumeRolePolicyDocument=TRUST)
        with pytest.raises(Refused):
            iam.create_role(RoleName="r" * 65, AssumeRolePolicyDocument=TRUST)

    @pytest.mark.parametrize(("seconds", "ok"), [(3599, False), (3600, True), (43200, True),
                                                  (43201, False)])  # fmt: skip
    def test_max_session_duration(self, iam: Any, seconds: int, ok: bool) -> None:
        """MaxSessionDuration runs from one hour to twelve."""
        call = {"RoleName": "fn", "AssumeRolePolicyDocument": TRUST, "MaxSessionDuration": seconds}
        if ok:
            iam.create_role(**call)
            assert iam.get_role(RoleName="fn")["Role"]["MaxSessionDuration"] == seconds
        else:
            with pytest.raises(Refused):
                iam.create_role(**call)

    def test_trust_size(self, iam: Any) -> None:
        """A trust policy of 2,048 characters (whitespace aside) is accepted, 2,049 is not."""
        iam.create_role(RoleName="a", AssumeRolePolicyDocument=padded(2048, "trust"))
        spaced = padded(2048, "trust").replace(",", ", ")
        iam.create_role(RoleName="b", AssumeRolePolicyDocument=spaced)
        with pytest.raises(ClientError) as err:
            iam.create_role(RoleName="c", AssumeRolePolicyDocument=padded(2049, "trust"))
        assert code(err) == ("LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048")

    def test_roles_quota(self) -> None:
        """The account's role quota: the last role fits, the next is LimitExceeded."""
        cloud = Cloud.manual(limits={"iam": {"max_roles": 2}})
        iam = cloud.client("iam")
        iam.create_role(RoleName="a", AssumeRolePolicyDocument=TRUST)
        iam.create_role(RoleName="b", AssumeRolePolicyDocument=TRUST)
        with pytest.raises(ClientError) as err:
            iam.create_role(RoleName="c", AssumeRolePolicyDocument=TRUST)
        assert code(err) == ("LimitExceeded", "Cannot exceed quota for RolesPerAccount: 2")

    def test_malformed_changes_nothing(self, iam: Any) -> None:
        """A trust policy with a Resource is refused and no role is made."""
        bad = json.loads(TRUST)
        bad["Statement"][0]["Resource"] = "*"
        with pytest.raises(ClientError) as err:
            iam.create_role(RoleName="fn", AssumeRolePolicyDocument=json.dumps(bad))
        assert code(err) == ("MalformedPolicyDocument", "Has prohibited field Resource")
        assert iam.list_roles()["Roles"] == []

    def test_boundary_must_exist(self, iam: Any) -> None:
        """A permissions boundary names an existing managed policy."""
        arn = "arn:aws:iam::123456789012:policy/nope"
        with pytest.raises(ClientError) as err:
            iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST, PermissionsBoundary=arn)
        assert code(err)[0] == "NoSuchEntity"
        made = iam.create_role(
            RoleName="fn", AssumeRolePolicyDocument=TRUST, PermissionsBoundary=BASIC
        )["Role"]
        boundary = iam.get_role(RoleName="fn")["Role"]["PermissionsBoundary"]
        assert boundary == {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": BASIC}
        assert made["PermissionsBoundary"] == boundary


class TestListRoles:
    def test_pages(self, iam: Any) -> None:
        """Sorted by name; MaxItems pages with IsTruncated and Marker."""
        for name in ["c", "a", "B", "d", "e"]:
            iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)
        seen: list[str] = []
        page = iam.list_roles(MaxItems=2)
        while True:
            seen += [r["RoleName"] for r in page["Roles"]]
            if not page["IsTruncated"]:
                break
            page = iam.list_roles(MaxItems=2, Marker=page["Marker"])
        assert seen == ["a", "B", "c", "d", "e"]
        assert "Marker" not in page

    def test_path_prefix(self, iam: Any) -> None:
        """PathPrefix keeps the roles under that path."""
        iam.create_role(RoleName="a", AssumeRolePolicyDocument=TRUST, Path="/svc/")
        iam.create_role(RoleName="b", AssumeRolePolicyDocument=TRUST)
        assert [r["RoleName"] for r in iam.list_roles(PathPrefix="/svc/")["Roles"]] == ["a"]
        assert len(iam.list_roles()["Roles"]) == 2

    def test_paginator(self, iam: Any, cloud: Cloud) -> None:
        """boto3's paginator walks every page (bridge) -- the Marker is opaque to it."""
        for i in range(7):
            iam.create_role(RoleName=f"r{i}", AssumeRolePolicyDocument=TRUST)
        if hasattr(iam, "get_paginator"):
            pages = iam.get_paginator("list_roles").paginate(PaginationConfig={"PageSize": 3})
            assert [r["RoleName"] for p in pages for r in p["Roles"]] == [f"r{i}" for i in range(7)]


class TestUpdateAndDelete:
    def test_update_role(self, iam: Any) -> None:
        """UpdateRole changes the description and the session duration."""
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        iam.update_role(RoleName="fn", Description="new", MaxSessionDuration=7200)
        role = iam.get_role(RoleName="fn")["Role"]
        assert (role["Description"], role["MaxSessionDuration"]) == ("new", 7200)

    def test_update_assume_role_policy(self, iam: Any, cloud: Cloud) -> None:
        """The trust policy is replaced; a malformed one is refused and the old one stays."""
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        new = json.loads(TRUST)
        new["Statement"][0]["Principal"] = {"Service": "states.amazonaws.com"}
        iam.update_assume_role_policy(RoleName="fn", PolicyDocument=json.dumps(new))
        with pytest.raises(ClientError):
            iam.update_assume_role_policy(RoleName="fn", PolicyDocument="{not json")
        assert iam.get_role(RoleName="fn")["Role"]["AssumeRolePolicyDocument"] == new
        arn = "arn:aws:iam::123456789012:role/fn"
        assert cloud.engine("iam").trust_policy(arn) == new

    def test_delete_conflicts(self, iam: Any, cloud: Cloud) -> None:
        """DeleteRole refuses while a profile, a managed or an inline policy holds the role."""
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName="fn", PolicyArn=BASIC)
        iam.put_role_policy(RoleName="fn", PolicyName="p", PolicyDocument=ALLOW_S3)
        iam.create_instance_profile(InstanceProfileName="ip")
        iam.add_role_to_instance_profile(InstanceProfileName="ip", RoleName="fn")
        messages = []
        for undo in (
            lambda: iam.remove_role_from_instance_profile(InstanceProfileName="ip", RoleName="fn"),
            lambda: iam.detach_role_policy(RoleName="fn", PolicyArn=BASIC),
            lambda: iam.delete_role_policy(RoleName="fn", PolicyName="p"),
        ):
            with pytest.raises(ClientError) as err:
                iam.delete_role(RoleName="fn")
            messages.append(code(err))
            undo()
        assert messages == [
            (
                "DeleteConflict",
                "Cannot delete entity, must remove roles from instance profile first.",
            ),
            ("DeleteConflict", "Cannot delete entity, must detach all policies first."),
            ("DeleteConflict", "Cannot delete entity, must delete policies first."),
        ]
        iam.delete_role(RoleName="fn")
        assert iam.list_roles()["Roles"] == []
        cloud.engine("iam").state._check()
        assert cloud.engine("iam").trust_policy("arn:aws:iam::123456789012:role/fn") is None


class TestTags:
    def test_tag_untag(self, iam: Any) -> None:
        """TagRole overwrites by key; UntagRole removes; ListRoleTags lists."""
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        iam.tag_role(RoleName="fn", Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
        iam.tag_role(RoleName="fn", Tags=[{"Key": "a", "Value": "3"}])
        iam.untag_role(RoleName="fn", TagKeys=["b", "zz"])
        answer = iam.list_role_tags(RoleName="fn")
        assert answer["Tags"] == [{"Key": "a", "Value": "3"}]
        assert answer["IsTruncated"] is False

    def test_fifty_tags(self, iam: Any) -> None:
        """Fifty tags fit; the fifty-first is refused and nothing changes."""
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        iam.tag_role(RoleName="fn", Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
        with pytest.raises(ClientError) as err:
            iam.tag_role(RoleName="fn", Tags=[{"Key": "one-more", "Value": "v"}])
        assert code(err)[0] == "LimitExceeded"
        assert len(iam.list_role_tags(RoleName="fn", MaxItems=100)["Tags"]) == 50


class TestInlinePolicies:
    def test_put_get_list_delete(self, iam: Any) -> None:
        """An inline policy is stored, read back as a dict, listed by name and deleted."""
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        iam.put_role_policy(RoleName="fn", PolicyName="b", PolicyDocument=ALLOW_S3)
        iam.put_role_policy(RoleName="fn", PolicyName="a", PolicyDocument=ALLOW_S3)
        got = iam.get_role_policy(RoleName="fn", PolicyName="b")
        assert (got["RoleName"], got["PolicyName"]) == ("fn", "b")
        assert got["PolicyDocument"] == json.loads(ALLOW_S3)
        assert iam.list_role_policies(RoleName="fn")["PolicyNames"] == ["a", "b"]
        iam.delete_role_policy(RoleName="fn", PolicyName="a")
        with pytest.raises(ClientError) as err:
            iam.get_role_policy(RoleName="fn", PolicyName="a")
        assert code(err) == ("NoSuchEntity", "The role policy with name a cannot be found.")

    def test_identity_grammar(self, iam: Any) -> None:
        """An inline policy may not name a principal."""
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        with pytest.raises(ClientError) as err:
            iam.put_role_policy(RoleName="fn", PolicyName="p", PolicyDocument=TRUST)
        assert code(err)[0] == "MalformedPolicyDocument"

    def test_aggregate_size(self, iam: Any) -> None:
        """A role's inline policies total 10,240 characters at most; replacing one counts once."""
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        iam.put_role_policy(RoleName="fn", PolicyName="a", PolicyDocument=padded(6000))
        iam.put_role_policy(RoleName="fn", PolicyName="b", PolicyDocument=padded(4240))
        iam.put_role_policy(RoleName="fn", PolicyName="b", PolicyDocument=padded(4240))
        with pytest.raises(ClientError) as err:
            iam.put_role_policy(RoleName="fn", PolicyName="b", PolicyDocument=padded(4241))
        assert code(err) == (
            "LimitExceeded",
            "Maximum policy size of 10240 bytes exceeded for role fn",
        )


class TestGlobal:
    def test_one_iam_for_every_region(self) -> None:
        """A role made through one Region's client is there in every other Region."""
        cloud = Cloud.manual()
        cloud.client("iam", "eu-west-1").create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        assert cloud.client("iam", "ap-south-1").get_role(RoleName="fn")["Role"]["RoleName"] == "fn"
        assert cloud.engine("iam", "us-west-2").trust_policy(
            "arn:aws:iam::123456789012:role/fn"
        ) == json.loads(TRUST)

    def test_trust_policy_needs_exact_arn(self, cloud: Cloud) -> None:
        """trust_policy answers only the role's own ARN (path included)."""
        cloud.client("iam").create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST, Path="/x/")
        engine = cloud.engine("iam")
        assert engine.trust_policy("arn:aws:iam::123456789012:role/x/fn") == json.loads(TRUST)
        assert engine.trust_policy("arn:aws:iam::123456789012:role/fn") is None
        assert engine.trust_policy("arn:aws:iam::999999999999:role/x/fn") is None

    def test_snapshot(self) -> None:
        """A snapshot brings roles back, in every Region's engine."""
        cloud = Cloud.manual()
        cloud.client("iam", "eu-west-1").create_role(RoleName="a", AssumeRolePolicyDocument=TRUST)
        cloud.client("iam", "us-east-1").list_roles()
        snap = cloud.snapshot()
        cloud.client("iam").create_role(RoleName="b", AssumeRolePolicyDocument=TRUST)
        cloud.client("iam").delete_role(RoleName="a")
        cloud.restore(snap)
        for region in ("eu-west-1", "us-east-1"):
            names = [r["RoleName"] for r in cloud.client("iam", region).list_roles()["Roles"]]
            assert names == ["a"]
        cloud.client("iam").create_role(RoleName="c", AssumeRolePolicyDocument=TRUST)
        assert len(cloud.client("iam", "eu-west-1").list_roles()["Roles"]) == 2


class TestResource:
    def test_role_helper(self, cloud: Cloud) -> None:
        """cloud.iam.role makes a Lambda execution role with AWS managed policies attached."""
        role = cloud.iam.role("fn", policies=["AWSLambdaBasicExecutionRole"])
        assert role.policies == ["AWSLambdaBasicExecutionRole"]
        assert role.trust_policy["Statement"][0]["Principal"] == {"Service": "lambda.amazonaws.com"}
        assert repr(role).startswith("iam.Role('fn', arn='arn:aws:iam::123456789012:role/fn'")
        role.put_policy("s3", json.loads(ALLOW_S3))
        assert role.inline_policies == {"s3": json.loads(ALLOW_S3)}
        assert [r.name for r in cloud.iam.roles] == ["fn"]
        assert cloud.iam.get_role("fn").arn == role.arn

    def test_unknown_managed_name(self, cloud: Cloud) -> None:
        """An unknown managed-policy name is a ValueError naming the known ones; no role is made."""
        with pytest.raises(ValueError, match="AWSLambdaBasicExecutionRole"):
            cloud.iam.role("fn", policies=["NoSuchPolicy"])
        assert cloud.iam.roles == []


def test_role_helper_checks_policies_first(cloud: Cloud) -> None:
    """cloud.iam.role with an ARN that names no policy makes no role."""
    with pytest.raises(ClientError):
        cloud.iam.role("fn", policies=["arn:aws:iam::123456789012:policy/ghost"])
    assert cloud.iam.roles == []
