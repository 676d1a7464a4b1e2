"""Managed policies: the account's and AWS's, versions, attachments and listings."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud

from .conftest import ALLOW_S3, BASIC, TRUST, code, padded

ACCOUNT = "arn:aws:iam::123456789012:policy"


class TestCustomerPolicies:
    def test_create_get(self, iam: Any) -> None:
        """CreatePolicy makes v1 the default; GetPolicy adds the description."""
        policy = iam.create_policy(PolicyName="p", PolicyDocument=ALLOW_S3, Path="/team/",
                                   Description="d")["Policy"]  # fmt: skip
        assert policy["Arn"] == f"{ACCOUNT}/team/p"
        assert re.fullmatch(r"ANPA[A-Z0-9]{17}", policy["PolicyId"])
        assert (policy["DefaultVersionId"], policy["AttachmentCount"]) == ("v1", 0)
        assert policy["IsAttachable"] is True
        got = iam.get_policy(PolicyArn=policy["Arn"])["Policy"]
        assert got["Description"] == "d"

    def test_duplicate(self, iam: Any) -> None:
        """A second policy of the same name is EntityAlreadyExists (409)."""
        iam.create_policy(PolicyName="p", PolicyDocument=ALLOW_S3)
        with pytest.raises(ClientError) as err:
            iam.create_policy(PolicyName="p", PolicyDocument=ALLOW_S3, Path="/other/")
        assert code(err) == (
            "EntityAlreadyExists",
            "A policy called p already exists. Duplicate names are not allowed.",
        )

    def test_missing(self, iam: Any) -> None:
        """GetPolicy of an unknown ARN: NoSuchEntity with IAM's text."""
        with pytest.raises(ClientError) as err:
            iam.get_policy(PolicyArn=f"{ACCOUNT}/ghost")
        assert code(err) == (
            "NoSuchEntity",
            f"Policy {ACCOUNT}/ghost does not exist or is not attachable.",
        )

    def test_bad_arn(self, iam: Any) -> None:
        """An ARN that names no policy at all is InvalidInput."""
        with pytest.raises(ClientError) as err:
            iam.get_policy(PolicyArn="arn:aws:s3:::bucket/key/x")
        assert code(err) == ("InvalidInput", "ARN arn:aws:s3:::bucket/key/x is not valid.")

    def test_size(self, iam: Any) -> None:
        """6,144 characters (whitespace aside) fit in a managed policy; 6,145 do not."""
        iam.create_policy(PolicyName="a", PolicyDocument=padded(6144))
        with pytest.raises(ClientError) as err:
            iam.create_policy(PolicyName="b", PolicyDocument=padded(6145))
        assert code(err) == ("LimitExceeded", "Cannot exceed quota for PolicySize: 6144")


class TestVersions:
    def test_five_versions(self, iam: Any) -> None:
        """Five versions fit; the sixth is LimitExceeded until one is deleted."""
        arn = iam.create_policy(PolicyName="p", PolicyDocument=ALLOW_S3)["Policy"]["Arn"]
        for _ in range(4):
            iam.create_policy_version(PolicyArn=arn, PolicyDocument=ALLOW_S3)
        with pytest.raises(ClientError) as err:
            iam.create_policy_version(PolicyArn=arn, PolicyDocument=ALLOW_S3)
        assert code(err)[0] == "LimitExceeded"
        assert "up to 5 versions" in code(err)[1]
        iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
        made = iam.create_policy_version(PolicyArn=arn, PolicyDocument=ALLOW_S3,
                                         SetAsDefault=True)["PolicyVersion"]  # fmt: skip
        assert (made["VersionId"], made["IsDefaultVersion"]) == ("v6", True)
        assert "Document" not in made
        listed = iam.list_policy_versions(PolicyArn=arn)["Versions"]
        assert [v["VersionId"] for v in listed] == ["v6", "v5", "v4", "v3", "v1"]
        assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v6"

    def test_default_version_cannot_go(self, iam: Any) -> None:
        """DeletePolicyVersion of the default is DeleteConflict."""
        arn = iam.create_policy(PolicyName="p", PolicyDocument=ALLOW_S3)["Policy"]["Arn"]
        with pytest.raises(ClientError) as err:
            iam.delete_policy_version(PolicyArn=arn, VersionId="v1")
        assert code(err) == ("DeleteConflict", "Cannot delete the default version of a policy.")

    def test_set_default_and_get(self, iam: Any) -> None:
        """SetDefaultPolicyVersion moves the default; GetPolicyVersion shows the document."""
        arn = iam.create_policy(PolicyName="p", PolicyDocument=ALLOW_S3)["Policy"]["Arn"]
        other = json.dumps({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]})
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=other)
        iam.set_default_policy_version(PolicyArn=arn, VersionId="v2")
        version = iam.get_policy_version(PolicyArn=arn, VersionId="v2")["PolicyVersion"]
        assert version["IsDefaultVersion"] is True
        assert version["Document"] == json.loads(other)
        with pytest.raises(ClientError) as err:
            iam.get_policy_version(PolicyArn=arn, VersionId="v9")
        assert code(err) == (
            "NoSuchEntity",
            f"Policy {arn} version v9 does not exist or is not attachable.",
        )

    def test_delete_policy_rules(self, iam: Any, cloud: Cloud) -> None:
        """DeletePolicy: DeleteConflict while attached or with extra versions."""
        arn = iam.create_policy(PolicyName="p", PolicyDocument=ALLOW_S3)["Policy"]["Arn"]
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName="r", PolicyArn=arn)
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=ALLOW_S3)
        with pytest.raises(ClientError) as err:
            iam.delete_policy(PolicyArn=arn)
        assert code(err) == ("DeleteConflict", "Cannot delete a policy attached to entities.")
        iam.detach_role_policy(RoleName="r", PolicyArn=arn)
        with pytest.raises(ClientError) as err:
            iam.delete_policy(PolicyArn=arn)
        assert code(err)[0] == "DeleteConflict"
        assert "more than one version" in code(err)[1]
        iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
        iam.delete_policy(PolicyArn=arn)
        assert iam.list_policies(Scope="Local")["Policies"] == []
        cloud.engine("iam").state._check()


class TestAwsManaged:
    def test_get(self, iam: Any) -> None:
        """AWS managed policies answer by ARN, with their path and default document."""
        policy = iam.get_policy(PolicyArn=BASIC)["Policy"]
        assert (policy["PolicyName"], policy["Path"]) == (
            "AWSLambdaBasicExecutionRole",
            "/service-role/",
        )
        version = iam.get_policy_version(PolicyArn=BASIC, VersionId=policy["DefaultVersionId"])
        actions = version["PolicyVersion"]["Document"]["Statement"][0]["Action"]
        assert "logs:PutLogEvents" in actions

    @pytest.mark.parametrize(
        "arn",
        [
            "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaRole",
            "arn:aws:iam::aws:policy/AWSLambda_FullAccess",
            "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
            "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
            "arn:aws:iam::aws:policy/AmazonS3FullAccess",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
            "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess",
            "arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess",
            "arn:aws:iam::aws:policy/AdministratorAccess",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
        ],
    )
    def test_known(self, iam: Any, arn: str) -> None:
        """The policies Lambda suites attach are there."""
        assert iam.get_policy(PolicyArn=arn)["Policy"]["Arn"] == arn

    def test_read_only(self, iam: Any) -> None:
        """An AWS managed policy cannot be versioned or deleted by the account."""
        with pytest.raises(ClientError):
            iam.create_policy_version(PolicyArn=BASIC, PolicyDocument=ALLOW_S3)
        with pytest.raises(ClientError):
            iam.delete_policy(PolicyArn=BASIC)

    def test_wrong_path(self, iam: Any) -> None:
        """The ARN must carry the policy's path (service-role/)."""
        with pytest.raises(ClientError) as err:
            iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole")
        assert code(err)[0] == "NoSuchEntity"


class TestAttach:
    def test_attach_detach(self, iam: Any) -> None:
        """Attaching counts; attaching twice changes nothing; detaching an absent one fails."""
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName="r", PolicyArn=BASIC)
        iam.attach_role_policy(RoleName="r", PolicyArn=BASIC)
        assert iam.get_policy(PolicyArn=BASIC)["Policy"]["AttachmentCount"] == 1
        iam.detach_role_policy(RoleName="r", PolicyArn=BASIC)
        with pytest.raises(ClientError) as err:
            iam.detach_role_policy(RoleName="r", PolicyArn=BASIC)
        assert code(err) == ("NoSuchEntity", f"Policy {BASIC} was not found.")
        assert iam.get_policy(PolicyArn=BASIC)["Policy"]["AttachmentCount"] == 0

    def test_attach_unknown(self, iam: Any) -> None:
        """An unknown policy or role is NoSuchEntity, and nothing is attached."""
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)
        with pytest.raises(ClientError) as err:
            iam.attach_role_policy(RoleName="r", PolicyArn=f"{ACCOUNT}/ghost")
        assert code(err)[0] == "NoSuchEntity"
        with pytest.raises(ClientError) as err:
            iam.attach_role_policy(RoleName="ghost", PolicyArn=BASIC)
        assert code(err) == ("NoSuchEntity", "The role with name ghost cannot be found.")
        assert iam.list_attached_role_policies(RoleName="r")["AttachedPolicies"] == []

    def test_ten_per_role(self, iam: Any) -> None:
        """Ten managed policies fit on a role; the eleventh is LimitExceeded."""
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)
        for i in range(10):
            arn = iam.create_policy(PolicyName=f"p{i}", PolicyDocument=ALLOW_S3)["Policy"]["Arn"]
            iam.attach_role_policy(RoleName="r", PolicyArn=arn)
        with pytest.raises(ClientError) as err:
            iam.attach_role_policy(RoleName="r", PolicyArn=BASIC)
        assert code(err) == ("LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10")
        assert len(iam.list_attached_role_policies(RoleName="r")["AttachedPolicies"]) == 10


class TestListPolicies:
    def test_scopes(self, iam: Any) -> None:
        """Scope Local lists the account's, AWS the managed ones, All both."""
        iam.create_policy(PolicyName="mine", PolicyDocument=ALLOW_S3)
        local = [p["PolicyName"] for p in iam.list_policies(Scope="Local")["Policies"]]
        aws = [p["Arn"] for p in iam.list_policies(Scope="AWS", MaxItems=1000)["Policies"]]
        every = iam.list_policies(MaxItems=1000)["Policies"]
        assert local == ["mine"]
        assert BASIC in aws and all(a.startswith("arn:aws:iam::aws:policy/") for a in aws)
        assert len(every) == len(aws) + 1

    def test_only_attached_and_prefix(self, iam: Any) -> None:
        """OnlyAttached keeps attached policies; PathPrefix filters by path."""
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName="r", PolicyArn=BASIC)
        attached = iam.list_policies(OnlyAttached=True)["Policies"]
        assert [p["Arn"] for p in attached] == [BASIC]
        roles = iam.list_policies(Scope="AWS", PathPrefix="/service-role/", MaxItems=1000)
        assert {p["Path"] for p in roles["Policies"]} == {"/service-role/"}

    def test_pages(self, iam: Any) -> None:
        """Pages of MaxItems follow the Marker to the end, each policy once."""
        names: list[str] = []
        page = iam.list_policies(MaxItems=4)
        while True:
            names += [p["PolicyName"] for p in page["Policies"]]
            if not page["IsTruncated"]:
                break
            page = iam.list_policies(MaxItems=4, Marker=page["Marker"])
        assert names == sorted(names, key=str.lower) and len(set(names)) == len(names) > 4


class TestEntities:
    def test_entities_and_boundaries(self, iam: Any) -> None:
        """ListEntitiesForPolicy names roles and users; boundaries count apart."""
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)
        iam.create_role(RoleName="b", AssumeRolePolicyDocument=TRUST, PermissionsBoundary=BASIC)
        iam.create_user(UserName="u")
        iam.attach_role_policy(RoleName="r", PolicyArn=BASIC)
        iam.attach_user_policy(UserName="u", PolicyArn=BASIC)
        found = iam.list_entities_for_policy(PolicyArn=BASIC)
        assert [r["RoleName"] for r in found["PolicyRoles"]] == ["b", "r"]
        assert [u["UserName"] for u in found["PolicyUsers"]] == ["u"]
        assert found["PolicyGroups"] == []
        only_roles = iam.list_entities_for_policy(
            PolicyArn=BASIC, EntityFilter="Role", PolicyUsageFilter="PermissionsPolicy"
        )
        assert [r["RoleName"] for r in only_roles["PolicyRoles"]] == ["r"]
        assert only_roles["PolicyUsers"] == []
        policy = iam.get_policy(PolicyArn=BASIC)["Policy"]
        assert (policy["AttachmentCount"], policy["PermissionsBoundaryUsageCount"]) == (2, 1)
        bounds = iam.list_policies(PolicyUsageFilter="PermissionsBoundary")["Policies"]
        assert [p["Arn"] for p in bounds] == [BASIC]


def test_policy_tags(iam: Any) -> None:
    """A customer policy's tags are added, listed and removed; AWS's are read-only."""
    arn = iam.create_policy(PolicyName="p", PolicyDocument=ALLOW_S3,
                            Tags=[{"Key": "a", "Value": "1"}])["Policy"]["Arn"]  # fmt: skip
    iam.tag_policy(PolicyArn=arn, Tags=[{"Key": "b", "Value": "2"}])
    iam.untag_policy(PolicyArn=arn, TagKeys=["a"])
    assert iam.list_policy_tags(PolicyArn=arn)["Tags"] == [{"Key": "b", "Value": "2"}]
    assert iam.get_policy(PolicyArn=arn)["Policy"]["Tags"] == [{"Key": "b", "Value": "2"}]
    with pytest.raises(ClientError):
        iam.tag_policy(PolicyArn=BASIC, Tags=[{"Key": "b", "Value": "2"}])


def test_reference_details(iam: Any) -> None:
    """Policies confirmed in AWS's managed-policy reference carry its version and dates."""
    sqs = iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess")["Policy"]
    assert sqs["DefaultVersionId"] == "v4"
    assert sqs["CreateDate"].isoformat()[:16] == "2015-02-06T18:41"
    assert sqs["UpdateDate"].isoformat()[:16] == "2024-05-24T18:16"
    basic = iam.get_policy(PolicyArn=BASIC)["Policy"]
    assert basic["CreateDate"].isoformat()[:16] == "2015-04-09T15:03"
    role = "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"
    document = iam.get_policy_version(PolicyArn=role, VersionId="v1")["PolicyVersion"]["Document"]
    assert document["Statement"] == [
        {"Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": ["*"]}
    ]
