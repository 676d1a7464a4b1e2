"""IAM's policy grammar: each fault refused with MalformedPolicyDocument and AWS's text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .conftest import TRUST, code

ROLE = {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole"}  # fmt: skip
IDENTITY = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
LEGACY = "The policy failed legacy parsing"


def doc(statement: Any, **top: Any) -> str:
    return json.dumps({"Version": "2012-10-17", **top, "Statement": statement})


TRUST_FAULTS = [
    ("{", "This policy contains invalid Json"),
    ("[]", "Syntax errors in policy."),
    (json.dumps({"Version": "2012-10-17"}), "Syntax errors in policy."),
    (json.dumps({"Version": "2012-10-17", "Statement": []}), "Syntax errors in policy."),
    (json.dumps({"Version": "2011-01-01", "Statement": [ROLE]}), LEGACY),
    (doc([ROLE], Extra=1), "Syntax errors in policy."),
    (doc([{**ROLE, "Bogus": 1}]), "Syntax errors in policy."),
    (doc([{k: v for k, v in ROLE.items() if k != "Effect"}]), "Missing required field Effect"),
    (doc([{**ROLE, "Effect": "allow"}]), LEGACY),
    (doc([{k: v for k, v in ROLE.items() if k != "Principal"}]),
     "Missing required field Principal"),
    (doc([{**ROLE, "Resource": "*"}]), "Has prohibited field Resource"),
    (doc([{k: v for k, v in ROLE.items() if k != "Action"}]),
     "Policy statement must contain actions."),
    (doc([{**ROLE, "Action": "s3:GetObject"}]),
     "AssumeRole policy may only specify STS AssumeRole actions."),
    (doc([{**ROLE, "Action": "AssumeRole"}]),
     "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
    (doc([{**ROLE, "Principal": {"Bogus": "x"}}]), 'Invalid principal in policy: {"Bogus": "x"}'),
    (doc([{**ROLE, "Principal": {"AWS": "not-an-arn"}}]),
     'Invalid principal in policy: "AWS":"not-an-arn"'),
    (doc([{**ROLE, "Sid": "a"}, {**ROLE, "Sid": "a"}]),
     "Statement IDs (SID) in a single policy must be unique."),
    (doc([{**ROLE, "Condition": "x"}]), "Syntax errors in policy."),
]  # fmt: skip

IDENTITY_FAULTS = [
    (doc([ROLE]), "Policy document should not specify a principal."),
    (doc([{**IDENTITY, "Principal": "*"}]), "Policy document should not specify a principal."),
    (doc([{k: v for k, v in IDENTITY.items() if k != "Resource"}]),
     "Policy statement must contain resources."),
    (doc([{**IDENTITY, "Resource": "bucket"}]), 'Resource bucket must be in ARN format or "*".'),
    (doc([{**IDENTITY, "Action": ["s3:GetObject", 3]}]), "Syntax errors in policy."),
    (doc([{**IDENTITY, "Action": []}]), "Syntax errors in policy."),
]  # fmt: skip


@pytest.mark.parametrize(("document", "message"), TRUST_FAULTS)
def test_trust_policy_faults(iam: Any, document: str, message: str) -> None:
    """CreateRole refuses the trust policy with IAM's text."""
    with pytest.raises(ClientError) as err:
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=document)
    assert code(err) == ("MalformedPolicyDocument", message)
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.mark.parametrize(("document", "message"), IDENTITY_FAULTS)
def test_identity_policy_faults(iam: Any, document: str, message: str) -> None:
    """CreatePolicy refuses the document with IAM's text, and makes no policy."""
    with pytest.raises(ClientError) as err:
        iam.create_policy(PolicyName="p", PolicyDocument=document)
    assert code(err) == ("MalformedPolicyDocument", message)
    assert iam.list_policies(Scope="Local")["Policies"] == []


@pytest.mark.parametrize(
    "document",
    [
        TRUST,
        doc(ROLE),  # one statement, not a list
        json.dumps({"Statement": [ROLE]}),  # Version is optional
        json.dumps({"Version": "2008-10-17", "Statement": [ROLE]}),
        doc([{**ROLE, "Principal": "*"}]),
        doc([{**ROLE, "Principal": {"AWS": ["123456789012", "arn:aws:iam::1:root"]}}]),
        doc([{**ROLE, "Principal": {"Federated": "cognito-identity.amazonaws.com"},
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "x"}}}]),
        doc([{**ROLE, "Action": ["sts:AssumeRole", "sts:TagSession"]}]),
        doc([{"Effect": "Deny", "NotPrincipal": {"AWS": "*"}, "Action": "sts:*"}]),
    ],
)  # fmt: skip
def test_valid_trust_policies(iam: Any, document: str) -> None:
    """Forms AWS accepts in a trust policy are accepted and returned as sent."""
    role = iam.create_role(RoleName="r", AssumeRolePolicyDocument=document)["Role"]
    assert role["AssumeRolePolicyDocument"] == json.loads(document)


@pytest.mark.parametrize(
    "document",
    [
        doc([IDENTITY]),
        doc([{**IDENTITY, "NotAction": "iam:*", "Action": None}]).replace(', "Action": null', ""),
        doc([{"Effect": "Allow", "Action": "*", "NotResource": ["arn:aws:s3:::x"]}]),
        doc([{**IDENTITY, "Action": ["s3:Get*", "dynamodb:?etItem"]}]),
    ],
)
def test_valid_identity_policies(iam: Any, document: str) -> None:
    """Forms AWS accepts in an identity policy are accepted."""
    arn = iam.create_policy(PolicyName="p", PolicyDocument=document)["Policy"]["Arn"]
    version = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
    assert version["Document"] == json.loads(document)
