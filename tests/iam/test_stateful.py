"""A state machine over roles, managed policies and attachments, checked against a model.

Every refused call must change nothing; after every step the engine's invariants hold
(``IAMState._check``) and the listings agree with the model.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from pyserverless import Cloud

from .conftest import BASIC, TRUST

NAMES = st.sampled_from(["a", "B", "c", "A"])
POLICIES = st.sampled_from(["p", "q", "P"])
DOC = json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
ACCOUNT = "arn:aws:iam::123456789012:policy/"


class IAMMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.cloud = Cloud.manual(limits={"iam": {"max_attached_policies": 2}})
        self.iam = self.cloud.client("iam")
        #: role (lower) -> (name, attached arns, inline names)
        self.roles: dict[str, tuple[str, list[str], set[str]]] = {}
        #: policy name (lower) -> (arn, versions)
        self.policies: dict[str, tuple[str, int]] = {}

    def _refused(self, call: Any, **params: Any) -> str | None:
        try:
            call(**params)
        except ClientError as err:
            return str(err.response["Error"]["Code"])
        return None

    def _arn(self, name: str) -> str:
        found = self.policies.get(name.lower())
        return found[0] if found else ACCOUNT + name

    @rule(name=NAMES)
    def create_role(self, name: str) -> None:
        code = self._refused(self.iam.create_role, RoleName=name, AssumeRolePolicyDocument=TRUST)
        assert (code == "EntityAlreadyExists") == (name.lower() in self.roles)
        if code is None:
            self.roles[name.lower()] = (name, [], set())

    @rule(name=NAMES)
    def delete_role(self, name: str) -> None:
        code = self._refused(self.iam.delete_role, RoleName=name)
        found = self.roles.get(name.lower())
        if found is None:
            assert code == "NoSuchEntity"
        elif found[1] or found[2]:
            assert code == "DeleteConflict"
        else:
            assert code is None
            del self.roles[name.lower()]

    @rule(name=POLICIES)
    def create_policy(self, name: str) -> None:
        code = self._refused(self.iam.create_policy, PolicyName=name, PolicyDocument=DOC)
        assert (code == "EntityAlreadyExists") == (name.lower() in self.policies)
        if code is None:
            self.policies[name.lower()] = (ACCOUNT + name, 1)

    @rule(name=POLICIES)
    def new_version(self, name: str) -> None:
        arn = self._arn(name)
        code = self._refused(self.iam.create_policy_version, PolicyArn=arn, PolicyDocument=DOC)
        found = self.policies.get(name.lower())
        if found is None:
            assert code == "NoSuchEntity"
        elif found[1] == 5:
            assert code == "LimitExceeded"
        else:
            assert code is None
            self.policies[name.lower()] = (arn, found[1] + 1)

    @rule(name=POLICIES)
    def delete_policy(self, name: str) -> None:
        arn = self._arn(name)
        code = self._refused(self.iam.delete_policy, PolicyArn=arn)
        found = self.policies.get(name.lower())
        attached = any(arn in r[1] for r in self.roles.values())
        if found is None:
            assert code == "NoSuchEntity"
        elif attached or found[1] > 1:
            assert code == "DeleteConflict"
        else:
            assert code is None
            del self.policies[name.lower()]

    @rule(role=NAMES, policy=st.one_of(POLICIES, st.just("basic")))
    def attach(self, role: str, policy: str) -> None:
        arn = BASIC if policy == "basic" else self._arn(policy)
        code = self._refused(self.iam.attach_role_policy, RoleName=role, PolicyArn=arn)
        found = self.roles.get(role.lower())
        exists = policy == "basic" or policy.lower() in self.policies
        if found is None or not exists:
            assert code == "NoSuchEntity"
        elif arn in found[1]:
            assert code is None
        elif len(found[1]) == 2:
            assert code == "LimitExceeded"
        else:
            assert code is None
            found[1].append(arn)

    @rule(role=NAMES, policy=st.one_of(POLICIES, st.just("basic")))
    def detach(self, role: str, policy: str) -> None:
        arn = BASIC if policy == "basic" else self._arn(policy)
        code = self._refused(self.iam.detach_role_policy, RoleName=role, PolicyArn=arn)
        found = self.roles.get(role.lower())
        if found is None or arn not in found[1]:
            assert code == "NoSuchEntity"
        else:
            assert code is None
            found[1].remove(arn)

    @rule(role=NAMES, name=st.sampled_from(["x", "y"]), put=st.booleans())
    def inline(self, role: str, name: str, put: bool) -> None:
        found = self.roles.get(role.lower())
        if put:
            code = self._refused(
                self.iam.put_role_policy, RoleName=role, PolicyName=name, PolicyDocument=DOC
            )
        else:
            code = self._refused(self.iam.delete_role_policy, RoleName=role, PolicyName=name)
        if found is None or (not put and name not in found[2]):
            assert code == "NoSuchEntity"
            return
        assert code is None
        if put:
            found[2].add(name)
        else:
            found[2].discard(name)

    @invariant()
    def agrees(self) -> None:
        self.cloud.engine("iam").state._check()
        names = [r["RoleName"] for r in self.iam.list_roles()["Roles"]]
        assert names == sorted((r[0] for r in self.roles.values()), key=str.lower)
        for name, attached, inline in self.roles.values():
            rows = self.iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
            assert [r["PolicyArn"] for r in rows] == attached
            assert set(self.iam.list_role_policies(RoleName=name)["PolicyNames"]) == inline
        local = self.iam.list_policies(Scope="Local")["Policies"]
        assert sorted(p["Arn"] for p in local) == sorted(p[0] for p in self.policies.values())
        for p in local:
            count = sum(p["Arn"] in r[1] for r in self.roles.values())
            assert p["AttachmentCount"] == count


IAMMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestIAMMachine = IAMMachine.TestCase
