"""Resource-based policies: AddPermission, RemovePermission, GetPolicy, the
Put/Get/DeleteResourcePolicy trio, layer version permissions and ``permits``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from pyserverless import Cloud, mock_aws
from pyserverless.lambda_._policy import MAX_POLICY_BYTES

from .conftest import make_zip

ACCOUNT = "123456789012"
ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f"


@pytest.fixture
def lam(cloud: Cloud) -> Any:
    cloud.lambda_.create_function("f", handler=lambda e, c: "ok")
    return cloud.client("lambda")


@pytest.fixture
def b3(cloud: Cloud) -> Iterator[Any]:
    cloud.lambda_.create_function("f", handler=lambda e, c: "ok")
    with mock_aws(cloud):
        yield boto3.client("lambda", region_name="us-east-1")


def _code(err: Any) -> str:
    return str(err.value.response["Error"]["Code"])


def _message(err: Any) -> str:
    return str(err.value.response["Error"]["Message"])


def _policy(client: Any, **kw: Any) -> dict[str, Any]:
    return dict(json.loads(client.get_policy(FunctionName="f", **kw)["Policy"]))


class TestAddPermission:
    def test_statement_shape(self, lam: Any) -> None:
        """The statement comes back as a JSON string in AWS's layout."""
        out = lam.add_permission(
            FunctionName="f",
            StatementId="s3",
            Action="lambda:InvokeFunction",
            Principal="s3.amazonaws.com",
            SourceArn="arn:aws:s3:::photos",
            SourceAccount=ACCOUNT,
        )
        assert json.loads(out["Statement"]) == {
            "Sid": "s3",
            "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "lambda:InvokeFunction",
            "Resource": ARN,
            "Condition": {
                "StringEquals": {"AWS:SourceAccount": ACCOUNT},
                "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::photos"},
            },
        }

    def test_principals(self, lam: Any) -> None:
        """An account id becomes its root ARN; an ARN and ``*`` stay as given."""
        shapes = {}
        for sid, principal in [
            ("acct", "210987654321"),
            ("role", "arn:aws:iam::210987654321:role/r"),
            ("all", "*"),
        ]:
            out = lam.add_permission(
                FunctionName="f", StatementId=sid, Action="lambda:*", Principal=principal
            )
            shapes[sid] = json.loads(out["Statement"])["Principal"]
        assert shapes == {
            "acct": {"AWS": "arn:aws:iam::210987654321:root"},
            "role": {"AWS": "arn:aws:iam::210987654321:role/r"},
            "all": "*",
        }

    def test_bad_principal(self, lam: Any) -> None:
        """A principal that is no service, account or ARN is refused."""
        with pytest.raises(ClientError) as err:
            lam.add_permission(
                FunctionName="f", StatementId="x", Action="lambda:*", Principal="bucket"
            )
        assert _code(err) == "InvalidParameterValueException"
        with pytest.raises(ClientError):
            lam.get_policy(FunctionName="f")  # nothing was added

    def test_duplicate_sid(self, lam: Any) -> None:
        """A statement id already in the policy is a 409 ResourceConflictException."""
        kw = {"FunctionName": "f", "StatementId": "a", "Action": "lambda:*", "Principal": "*"}
        lam.add_permission(**kw)
        with pytest.raises(ClientError) as err:
            lam.add_permission(**kw)
        assert _code(err) == "ResourceConflictException"
        assert _message(err) == (
            "The statement id (a) provided already exists. Please provide a new statement id, "
            "or remove the existing statement."
        )
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409

    def test_same_sid_on_another_qualifier(self, lam: Any) -> None:
        """Statement ids are unique per policy: a version has its own."""
        lam.publish_version(FunctionName="f")
        kw = {"StatementId": "a", "Action": "lambda:*", "Principal": "*"}
        lam.add_permission(FunctionName="f", **kw)
        out = lam.add_permission(FunctionName="f", Qualifier="1", **kw)
        assert json.loads(out["Statement"])["Resource"] == f"{ARN}:1"

    def test_latest_refused(self, lam: Any) -> None:
        """Policies cannot be attached to $LATEST explicitly."""
        with pytest.raises(ClientError) as err:
            lam.add_permission(
                FunctionName="f",
                Qualifier="$LATEST",
                StatementId="a",
                Action="lambda:*",
                Principal="*",
            )
        assert _code(err) == "InvalidParameterValueException"

    def test_unknown_function_and_alias(self, lam: Any) -> None:
        """An unknown function or qualifier is ResourceNotFoundException."""
        kw = {"StatementId": "a", "Action": "lambda:*", "Principal": "*"}
        with pytest.raises(ClientError) as err:
            lam.add_permission(FunctionName="nope", **kw)
        assert _code(err) == "ResourceNotFoundException"
        with pytest.raises(ClientError) as err:
            lam.add_permission(FunctionName="f", Qualifier="live", **kw)
        assert _code(err) == "ResourceNotFoundException"

    def test_model_patterns(self, lam: Any) -> None:
        """The model's patterns are AWS's validation answer, before any lookup."""
        with pytest.raises(ClientError) as err:
            lam.add_permission(
                FunctionName="nope", StatementId="a b", Action="invoke", Principal="*"
            )
        assert _code(err) == "ValidationException"
        assert _message(err).startswith("2 validation errors detected: Value 'a b' at")
        assert "at 'action'" in _message(err)

    def test_conditions(self, lam: Any) -> None:
        """Org id, event source token, URL auth type and via-URL become conditions."""
        out = lam.add_permission(
            FunctionName="f",
            StatementId="u",
            Action="lambda:InvokeFunctionUrl",
            Principal="*",
            PrincipalOrgID="o-abcdefghij",
            EventSourceToken="tok",
            FunctionUrlAuthType="NONE",
        )
        assert json.loads(out["Statement"])["Condition"] == {
            "StringEquals": {
                "aws:PrincipalOrgID": "o-abcdefghij",
                "lambda:EventSourceToken": "tok",
                "lambda:FunctionUrlAuthType": "NONE",
            }
        }
        out = lam.add_permission(
            FunctionName="f",
            StatementId="v",
            Action="lambda:InvokeFunction",
            Principal="*",
            InvokedViaFunctionUrl=True,
        )
        condition = json.loads(out["Statement"])["Condition"]
        assert condition == {"Bool": {"lambda:InvokedViaFunctionUrl": "true"}}

    def test_policy_size_limit(self, lam: Any) -> None:
        """A policy may grow to 20480 bytes; the statement that passes it is refused."""
        arn = "arn:aws:s3:::" + "b" * 100
        refused: str | None = None
        n = 0
        while refused is None:
            try:
                lam.add_permission(
                    FunctionName="f",
                    StatementId=f"s{n}",
                    Action="lambda:InvokeFunction",
                    Principal="s3.amazonaws.com",
                    SourceArn=arn,
                )
                n += 1
            except ClientError as exc:
                refused = exc.response["Error"]["Code"]
        assert refused == "PolicyLengthExceededException"
        size = len(lam.get_policy(FunctionName="f")["Policy"].encode())
        assert size <= MAX_POLICY_BYTES
        assert n > 50


class TestRevisionIds:
    def test_add_and_remove_change_the_revision(self, lam: Any) -> None:
        """GetPolicy's RevisionId is the function's, and each change gives a new one."""
        before = lam.get_function(FunctionName="f")["Configuration"]["RevisionId"]
        lam.add_permission(FunctionName="f", StatementId="a", Action="lambda:*", Principal="*")
        got = lam.get_policy(FunctionName="f")
        after = lam.get_function(FunctionName="f")["Configuration"]["RevisionId"]
        assert after != before
        assert got["RevisionId"] == after
        lam.remove_permission(FunctionName="f", StatementId="a")
        assert lam.get_function(FunctionName="f")["Configuration"]["RevisionId"] != after

    def test_stale_revision_refused(self, lam: Any) -> None:
        """A RevisionId that is not the current one is PreconditionFailedException (412)."""
        current = lam.get_function(FunctionName="f")["Configuration"]["RevisionId"]
        lam.add_permission(
            FunctionName="f", StatementId="a", Action="lambda:*", Principal="*", RevisionId=current
        )
        for call in (
            lambda: lam.add_permission(
                FunctionName="f",
                StatementId="b",
                Action="lambda:*",
                Principal="*",
                RevisionId=current,
            ),
            lambda: lam.remove_permission(FunctionName="f", StatementId="a", RevisionId=current),
        ):
            with pytest.raises(ClientError) as err:
                call()
            assert _code(err) == "PreconditionFailedException"
            assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412
        assert [s["Sid"] for s in _policy(lam)["Statement"]] == ["a"]

    def test_alias_revision(self, lam: Any) -> None:
        """A permission on an alias changes the alias's RevisionId."""
        lam.publish_version(FunctionName="f")
        alias = lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        lam.add_permission(
            FunctionName="f", Qualifier="live", StatementId="a", Action="lambda:*", Principal="*"
        )
        now = lam.get_alias(FunctionName="f", Name="live")["RevisionId"]
        assert now != alias["RevisionId"]
        assert lam.get_policy(FunctionName="f", Qualifier="live")["RevisionId"] == now

    def test_environment_stays_warm(self, cloud: Cloud, lam: Any) -> None:
        """A permission is no new configuration: the warm environment is reused."""
        engine = cloud.engine("lambda")
        assert engine.invoke("f").cold_start
        lam.add_permission(FunctionName="f", StatementId="a", Action="lambda:*", Principal="*")
        assert not engine.invoke("f").cold_start


class TestGetAndRemove:
    def test_no_policy(self, lam: Any) -> None:
        """GetPolicy without a policy is AWS's 404."""
        with pytest.raises(ClientError) as err:
            lam.get_policy(FunctionName="f")
        assert _code(err) == "ResourceNotFoundException"
        assert _message(err) == "The resource you requested does not exist."

    def test_document(self, lam: Any) -> None:
        """The policy document: version, id, statements in the order added."""
        for sid in ("b", "a"):
            lam.add_permission(FunctionName="f", StatementId=sid, Action="lambda:*", Principal="*")
        doc = _policy(lam)
        assert doc["Version"] == "2012-10-17"
        assert doc["Id"] == "default"
        assert [s["Sid"] for s in doc["Statement"]] == ["b", "a"]

    def test_remove(self, lam: Any) -> None:
        """Removing the last statement removes the policy."""
        lam.add_permission(FunctionName="f", StatementId="a", Action="lambda:*", Principal="*")
        with pytest.raises(ClientError) as err:
            lam.remove_permission(FunctionName="f", StatementId="zz")
        assert _message(err) == "Statement zz is not found in resource policy."
        lam.remove_permission(FunctionName="f", StatementId="a")
        with pytest.raises(ClientError) as err:
            lam.remove_permission(FunctionName="f", StatementId="a")
        assert _message(err) == "No policy is associated with the given resource."
        with pytest.raises(ClientError):
            lam.get_policy(FunctionName="f")

    def test_recreated_function_has_no_policy(self, cloud: Cloud, lam: Any) -> None:
        """A function deleted and created again starts without the old statements."""
        lam.add_permission(FunctionName="f", StatementId="a", Action="lambda:*", Principal="*")
        lam.delete_function(FunctionName="f")
        cloud.lambda_.create_function("f", handler=lambda e, c: 1)
        with pytest.raises(ClientError):
            lam.get_policy(FunctionName="f")

    def test_recreated_alias_has_no_policy(self, lam: Any) -> None:
        """Deleting an alias deletes its policy: a new alias of that name has none."""
        lam.publish_version(FunctionName="f")
        lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        lam.add_permission(
            FunctionName="f", Qualifier="live", StatementId="a", Action="lambda:*", Principal="*"
        )
        lam.delete_alias(FunctionName="f", Name="live")
        lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        with pytest.raises(ClientError) as err:
            lam.get_policy(FunctionName="f", Qualifier="live")
        assert _code(err) == "ResourceNotFoundException"

    def test_by_arn_and_qualified_name(self, lam: Any) -> None:
        """The function may be named by ARN, with the qualifier inside it."""
        lam.publish_version(FunctionName="f")
        lam.add_permission(
            FunctionName=f"{ARN}:1", StatementId="a", Action="lambda:*", Principal="*"
        )
        assert _policy(lam, Qualifier="1")["Statement"][0]["Resource"] == f"{ARN}:1"
        with pytest.raises(ClientError):
            lam.get_policy(FunctionName="f")


class TestPermits:
    def test_service_with_source(self, cloud: Cloud, lam: Any) -> None:
        """``permits`` applies the principal, action and source conditions."""
        lam.add_permission(
            FunctionName="f",
            StatementId="s3",
            Action="lambda:InvokeFunction",
            Principal="s3.amazonaws.com",
            SourceArn="arn:aws:s3:::photos-*",
            SourceAccount=ACCOUNT,
        )
        engine = cloud.engine("lambda")
        assert engine.permits(ARN, "s3.amazonaws.com", "arn:aws:s3:::photos-1", ACCOUNT)
        assert not engine.permits(ARN, "s3.amazonaws.com", "arn:aws:s3:::docs", ACCOUNT)
        assert not engine.permits(ARN, "s3.amazonaws.com", "arn:aws:s3:::photos-1", "1" * 12)
        assert not engine.permits(ARN, "s3.amazonaws.com", "arn:aws:s3:::photos-1")
        assert not engine.permits(ARN, "sns.amazonaws.com", "arn:aws:s3:::photos-1", ACCOUNT)
        assert not engine.permits(f"{ARN}-x", "s3.amazonaws.com", "arn:aws:s3:::photos-1")

    def test_qualified_policies_are_separate(self, cloud: Cloud, lam: Any) -> None:
        """A version's policy covers its own ARN only."""
        lam.publish_version(FunctionName="f")
        lam.add_permission(
            FunctionName="f",
            Qualifier="1",
            StatementId="a",
            Action="lambda:InvokeFunction",
            Principal="events.amazonaws.com",
        )
        engine = cloud.engine("lambda")
        assert engine.permits(f"{ARN}:1", "events.amazonaws.com")
        assert not engine.permits(ARN, "events.amazonaws.com")

    def test_account_principal(self, cloud: Cloud, lam: Any) -> None:
        """An account principal covers that account's root and its roles."""
        lam.add_permission(
            FunctionName="f", StatementId="a", Action="lambda:*", Principal="210987654321"
        )
        engine = cloud.engine("lambda")
        assert engine.permits(ARN, "210987654321")
        assert engine.permits(ARN, "arn:aws:iam::210987654321:role/r")
        assert not engine.permits(ARN, "111111111111")


class TestResourcePolicy:
    def test_put_get_delete(self, lam: Any) -> None:
        """PutResourcePolicy replaces every statement; Delete removes them."""
        lam.add_permission(FunctionName="f", StatementId="old", Action="lambda:*", Principal="*")
        doc = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "new",
                    "Effect": "Allow",
                    "Principal": {"Service": "events.amazonaws.com"},
                    "Action": "lambda:InvokeFunction",
                    "Resource": ARN,
                }
            ],
        }
        put = lam.put_resource_policy(ResourceArn=ARN, Policy=json.dumps(doc))
        got = lam.get_resource_policy(ResourceArn=ARN)
        assert got["RevisionId"] == put["RevisionId"]
        assert [s["Sid"] for s in json.loads(got["Policy"])["Statement"]] == ["new"]
        with pytest.raises(ClientError) as err:
            lam.delete_resource_policy(
                ResourceArn=ARN, RevisionId="0" * 8 + "-0000-0000-0000-" + "0" * 12
            )
        assert _code(err) == "PreconditionFailedException"
        lam.delete_resource_policy(ResourceArn=ARN)
        with pytest.raises(ClientError) as err:
            lam.get_resource_policy(ResourceArn=ARN)
        assert _code(err) == "ResourceNotFoundException"

    def test_bad_document(self, lam: Any) -> None:
        """A document that is not a policy is refused and changes nothing."""
        bad = [
            "{",
            "[]",
            '{"Statement": [{"Effect": "Maybe"}]}',
            '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": [1]}, "Action": "*"}]}',
            '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": []}]}',
            (
                '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*",'
                ' "Condition": [1]}]}'
            ),
        ]
        for text in bad:
            with pytest.raises(ClientError) as err:
                lam.put_resource_policy(ResourceArn=ARN, Policy=text)
            assert _code(err) == "InvalidParameterValueException"

    def test_deny_wins(self, cloud: Cloud, lam: Any) -> None:
        """A Deny statement in a put document overrides an Allow."""
        allow = {"Effect": "Allow", "Principal": "*", "Action": "lambda:*", "Resource": ARN}
        deny = {
            "Effect": "Deny",
            "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "lambda:InvokeFunction",
            "Resource": ARN,
        }
        lam.put_resource_policy(ResourceArn=ARN, Policy=json.dumps({"Statement": [allow, deny]}))
        engine = cloud.engine("lambda")
        assert engine.permits(ARN, "s3.amazonaws.com")
        assert not engine.permits(ARN, "sns.amazonaws.com")


class TestLayerVersionPermissions:
    def test_add_get_remove(self, lam: Any) -> None:
        """A layer version shared with an account, then unshared."""
        layer = lam.publish_layer_version(
            LayerName="lib", Content={"ZipFile": make_zip({"python/x.py": "X = 1\n"})}
        )
        out = lam.add_layer_version_permission(
            LayerName="lib",
            VersionNumber=1,
            StatementId="share",
            Action="lambda:GetLayerVersion",
            Principal="210987654321",
        )
        assert json.loads(out["Statement"]) == {
            "Sid": "share",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
            "Action": "lambda:GetLayerVersion",
            "Resource": layer["LayerVersionArn"],
        }
        got = lam.get_layer_version_policy(LayerName="lib", VersionNumber=1)
        assert got["RevisionId"] == out["RevisionId"]
        with pytest.raises(ClientError) as err:
            lam.add_layer_version_permission(
                LayerName="lib",
                VersionNumber=1,
                StatementId="share",
                Action="lambda:GetLayerVersion",
                Principal="*",
            )
        assert _code(err) == "ResourceConflictException"
        lam.remove_layer_version_permission(LayerName="lib", VersionNumber=1, StatementId="share")
        with pytest.raises(ClientError) as err:
            lam.get_layer_version_policy(LayerName="lib", VersionNumber=1)
        assert _code(err) == "ResourceNotFoundException"

    def test_org_needs_everyone(self, lam: Any) -> None:
        """OrganizationId goes with the principal ``*`` only."""
        lam.publish_layer_version(
            LayerName="lib", Content={"ZipFile": make_zip({"python/x.py": "X = 1\n"})}
        )
        with pytest.raises(ClientError) as err:
            lam.add_layer_version_permission(
                LayerName="lib",
                VersionNumber=1,
                StatementId="s",
                Action="lambda:GetLayerVersion",
                Principal="210987654321",
                OrganizationId="o-abcdefghij",
            )
        assert _code(err) == "InvalidParameterValueException"

    def test_unknown_layer(self, lam: Any) -> None:
        """A layer version that does not exist is ResourceNotFoundException."""
        with pytest.raises(ClientError) as err:
            lam.get_layer_version_policy(LayerName="nope", VersionNumber=1)
        assert _code(err) == "ResourceNotFoundException"


class TestOverTheWire:
    def test_boto3_round_trip(self, b3: Any) -> None:
        """boto3 on the bridge: 201 AddPermission, GetPolicy, 204 RemovePermission."""
        out = b3.add_permission(
            FunctionName="f",
            StatementId="a",
            Action="lambda:InvokeFunction",
            Principal="events.amazonaws.com",
            SourceArn="arn:aws:events:us-east-1:123456789012:rule/r",
        )
        assert out["ResponseMetadata"]["HTTPStatusCode"] == 201
        assert json.loads(b3.get_policy(FunctionName="f")["Policy"])["Statement"][0]["Sid"] == "a"
        gone = b3.remove_permission(FunctionName="f", StatementId="a")
        assert gone["ResponseMetadata"]["HTTPStatusCode"] == 204
        with pytest.raises(ClientError) as err:
            b3.get_policy(FunctionName="f")
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404

    def test_boto3_validation(self, b3: Any) -> None:
        """The wire answers a bad enum with AWS's ValidationException."""
        with pytest.raises(ClientError) as err:
            b3.add_permission(
                FunctionName="f",
                StatementId="a",
                Action="lambda:InvokeFunction",
                Principal="*",
                FunctionUrlAuthType="BASIC",
            )
        assert err.value.response["Error"]["Code"] == "ValidationException"
        assert "Member must satisfy enum value set: [NONE, AWS_IAM]" in _message(err)


class PolicyMachine(RuleBasedStateMachine):
    """AddPermission/RemovePermission on two qualifiers against a plain dict of sid lists."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = Cloud.manual()
        self.cloud.lambda_.create_function("f", handler=lambda e, c: None)
        self.lam = self.cloud.client("lambda")
        self.lam.publish_version(FunctionName="f")
        self.model: dict[str | None, list[str]] = {None: [], "1": []}

    def _kw(self, qualifier: str | None) -> dict[str, str]:
        return {} if qualifier is None else {"Qualifier": qualifier}

    def _revision(self, qualifier: str | None) -> str:
        config = self.lam.get_function_configuration(FunctionName="f", **self._kw(qualifier))
        return str(config["RevisionId"])

    @rule(qualifier=st.sampled_from([None, "1"]), sid=st.sampled_from(["a", "b", "c"]))
    def add(self, qualifier: str | None, sid: str) -> None:
        before = self._revision(qualifier)
        kw = {
            "FunctionName": "f",
            "StatementId": sid,
            "Action": "lambda:InvokeFunction",
            "Principal": "events.amazonaws.com",
            **self._kw(qualifier),
        }
        if sid in self.model[qualifier]:
            with pytest.raises(ClientError) as err:
                self.lam.add_permission(**kw)
            assert _code(err) == "ResourceConflictException"
            assert self._revision(qualifier) == before  # a refused change changes nothing
            return
        self.lam.add_permission(**kw)
        self.model[qualifier].append(sid)
        assert self._revision(qualifier) != before

    @rule(qualifier=st.sampled_from([None, "1"]), sid=st.sampled_from(["a", "b", "c"]))
    def remove(self, qualifier: str | None, sid: str) -> None:
        kw = {"FunctionName": "f", "StatementId": sid, **self._kw(qualifier)}
        if sid not in self.model[qualifier]:
            with pytest.raises(ClientError) as err:
                self.lam.remove_permission(**kw)
            assert _code(err) == "ResourceNotFoundException"
            return
        self.lam.remove_permission(**kw)
        self.model[qualifier].remove(sid)

    @invariant()
    def policies_match(self) -> None:
        for qualifier, sids in self.model.items():
            try:
                got = self.lam.get_policy(FunctionName="f", **self._kw(qualifier))
            except ClientError:
                assert sids == []
                continue
            assert [s["Sid"] for s in json.loads(got["Policy"])["Statement"]] == sids
            assert got["RevisionId"] == self._revision(qualifier)
        arn = f"{ARN}:1"
        assert self.cloud.engine("lambda").permits(arn, "events.amazonaws.com") == bool(
            self.model["1"]
        )


TestPolicyMachine = PolicyMachine.TestCase
TestPolicyMachine.settings = settings(max_examples=30, stateful_step_count=15, deadline=None)
