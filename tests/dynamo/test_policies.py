"""Resource-based policies: PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy.

pyserverless stores and returns a table's (or its stream's) policy with AWS's revision
ids, validation and errors; it does not evaluate policies (docs/dynamodb.md).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import (
    AccessDeniedException,
    PolicyNotFoundException,
    ResourceNotFoundException,
    ValidationException,
)

from .conftest import make_table

ACCOUNT = "123456789012"
INVALID = "One or more parameter values were invalid: "
BAD_JSON = "This policy contains invalid Json"


def doc(action: Any = "dynamodb:GetItem", effect: str = "Allow", **extra: Any) -> str:
    statement = {
        "Effect": effect,
        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
        "Action": action,
        "Resource": "*",
        **extra,
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def message(err: pytest.ExceptionInfo[Any]) -> str:
    return str(err.value.response["Error"]["Message"])


@pytest.fixture
def arn(ddb: Any, simple: str) -> str:
    return str(ddb.describe_table(TableName=simple)["Table"]["TableArn"])


class TestPutAndGet:
    def test_round_trip(self, ddb: Any, arn: str) -> None:
        """A put policy is returned by Get with the revision id Put answered."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        got = ddb.get_resource_policy(ResourceArn=arn)
        assert got["RevisionId"] == rev
        assert json.loads(got["Policy"])["Statement"][0]["Action"] == "dynamodb:GetItem"

    def test_revision_is_a_millisecond_timestamp(self, cloud: Cloud, ddb: Any, arn: str) -> None:
        """Revision ids are the clock's epoch milliseconds, as DynamoDB's are."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        assert rev == str(int(cloud.clock.time() * 1000))

    def test_same_document_same_revision(self, cloud: Cloud, ddb: Any, arn: str) -> None:
        """Putting an equivalent document again is a no-op: same revision id."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        cloud.advance(5)
        pretty = json.dumps(json.loads(doc()), indent=4)
        assert ddb.put_resource_policy(ResourceArn=arn, Policy=pretty)["RevisionId"] == rev

    def test_new_document_new_larger_revision(self, cloud: Cloud, ddb: Any, arn: str) -> None:
        """A different document gets a new revision id, larger than the last (same instant too)."""
        first = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        second = ddb.put_resource_policy(ResourceArn=arn, Policy=doc("dynamodb:PutItem"))
        assert int(second["RevisionId"]) > int(first)
        assert ddb.get_resource_policy(ResourceArn=arn)["RevisionId"] == second["RevisionId"]

    def test_get_returns_canonical_form(self, ddb: Any, arn: str) -> None:
        """Get returns the document minified and normalised as DynamoDB answers it."""
        sent = {
            "Statement": {
                "Resource": ["*"],
                "Action": ["dynamodb:GetItem"],
                "Principal": {"AWS": ACCOUNT},
                "Effect": "allow",
            }
        }
        ddb.put_resource_policy(ResourceArn=arn, Policy=json.dumps(sent, indent=2))
        got = ddb.get_resource_policy(ResourceArn=arn)["Policy"]
        assert got == (
            '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":'
            f'{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"dynamodb:GetItem",'
            '"Resource":"*"}]}'
        )

    def test_get_without_policy(self, ddb: Any, arn: str) -> None:
        """A table that never had a policy: PolicyNotFoundException naming the ARN."""
        with pytest.raises(PolicyNotFoundException) as err:
            ddb.get_resource_policy(ResourceArn=arn)
        assert (
            message(err) == f"Resource-based policy not found for the provided ResourceArn: {arn}"
        )

    def test_stream_is_its_own_slot(self, ddb: Any) -> None:
        """A stream ARN holds its own policy; the table's slot stays empty."""
        make_table(
            ddb,
            "streamed",
            pk="id",
            sk=None,
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        )
        table = ddb.describe_table(TableName="streamed")["Table"]
        stream_arn = table["LatestStreamArn"]
        rev = ddb.put_resource_policy(ResourceArn=stream_arn, Policy=doc("dynamodb:GetRecords"))[
            "RevisionId"
        ]
        assert ddb.get_resource_policy(ResourceArn=stream_arn)["RevisionId"] == rev
        with pytest.raises(PolicyNotFoundException):
            ddb.get_resource_policy(ResourceArn=table["TableArn"])

    def test_unknown_stream_label(self, ddb: Any, arn: str) -> None:
        """A stream label the table does not have is ResourceNotFoundException."""
        stream = f"{arn}/stream/2000-01-01T00:00:00.000"
        with pytest.raises(ResourceNotFoundException) as err:
            ddb.get_resource_policy(ResourceArn=stream)
        assert message(err) == (
            "Requested resource not found: Stream: 2000-01-01T00:00:00.000 not found for "
            "Table: simple"
        )


class TestExpectedRevision:
    def test_matching_revision_replaces(self, ddb: Any, arn: str) -> None:
        """ExpectedRevisionId equal to the current revision: the update is made."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        new = ddb.put_resource_policy(
            ResourceArn=arn, Policy=doc("dynamodb:PutItem"), ExpectedRevisionId=rev
        )["RevisionId"]
        assert ddb.get_resource_policy(ResourceArn=arn)["RevisionId"] == new

    def test_stale_revision_refused(self, ddb: Any, arn: str) -> None:
        """A stale ExpectedRevisionId is PolicyNotFoundException, and nothing changes."""
        old = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        new = ddb.put_resource_policy(ResourceArn=arn, Policy=doc("dynamodb:PutItem"))
        with pytest.raises(PolicyNotFoundException) as err:
            ddb.put_resource_policy(
                ResourceArn=arn, Policy=doc("dynamodb:Query"), ExpectedRevisionId=old
            )
        assert message(err) == (
            "Resource-based policy not found for the provided ResourceArn: Requested update "
            f"for policy with revision id {old}, but the policy associated to target table "
            f"simple has revision id {new['RevisionId']}."
        )
        assert ddb.get_resource_policy(ResourceArn=arn)["RevisionId"] == new["RevisionId"]

    def test_no_policy_when_none(self, ddb: Any, arn: str) -> None:
        """NO_POLICY attaches a policy only where there is none."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc(), ExpectedRevisionId="NO_POLICY")
        assert ddb.get_resource_policy(ResourceArn=arn)["RevisionId"] == rev["RevisionId"]

    def test_no_policy_when_one_exists(self, ddb: Any, arn: str) -> None:
        """NO_POLICY against an existing policy is PolicyNotFoundException."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        with pytest.raises(PolicyNotFoundException) as err:
            ddb.put_resource_policy(
                ResourceArn=arn, Policy=doc("dynamodb:PutItem"), ExpectedRevisionId="NO_POLICY"
            )
        assert message(err) == (
            "Resource-based policy not found for the provided ResourceArn: Requested policy "
            "update expecting none to be present for table simple, but a policy exists with "
            f"revision id {rev}."
        )

    def test_expected_revision_without_policy(self, ddb: Any, arn: str) -> None:
        """An ExpectedRevisionId (not NO_POLICY) where there is no policy is refused."""
        with pytest.raises(PolicyNotFoundException):
            ddb.put_resource_policy(ResourceArn=arn, Policy=doc(), ExpectedRevisionId="1")
        with pytest.raises(PolicyNotFoundException):
            ddb.get_resource_policy(ResourceArn=arn)


class TestDelete:
    def test_delete_echoes_revision(self, ddb: Any, arn: str) -> None:
        """Delete answers the removed policy's revision id; Get then finds none."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        assert ddb.delete_resource_policy(ResourceArn=arn)["RevisionId"] == rev
        with pytest.raises(PolicyNotFoundException):
            ddb.get_resource_policy(ResourceArn=arn)

    def test_delete_without_policy_is_idempotent(self, ddb: Any, arn: str) -> None:
        """Delete where there is no policy succeeds with no RevisionId."""
        response = ddb.delete_resource_policy(ResourceArn=arn)
        assert "RevisionId" not in response

    def test_delete_with_matching_revision(self, ddb: Any, arn: str) -> None:
        """Delete with the current ExpectedRevisionId removes the policy."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId=rev)
        with pytest.raises(PolicyNotFoundException):
            ddb.get_resource_policy(ResourceArn=arn)

    def test_delete_with_stale_revision(self, ddb: Any, arn: str) -> None:
        """Delete with another ExpectedRevisionId is PolicyNotFoundException; policy kept."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        with pytest.raises(PolicyNotFoundException) as err:
            ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId="unknown")
        assert message(err) == (
            "Resource-based policy not found for the provided ResourceArn: Requested update "
            "for policy with revision id unknown, but the policy associated to target table "
            f"simple has revision id {rev}."
        )
        assert ddb.get_resource_policy(ResourceArn=arn)["RevisionId"] == rev

    def test_delete_with_revision_and_no_policy(self, ddb: Any, arn: str) -> None:
        """Delete with an ExpectedRevisionId where there is no policy is refused."""
        with pytest.raises(PolicyNotFoundException):
            ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId="1")

    def test_delete_table_drops_policy(self, ddb: Any, arn: str) -> None:
        """A table re-created under the same name starts without a policy."""
        ddb.put_resource_policy(ResourceArn=arn, Policy=doc())
        ddb.delete_table(TableName="simple")
        with pytest.raises(ResourceNotFoundException):
            ddb.get_resource_policy(ResourceArn=arn)
        make_table(ddb, "simple", pk="id", sk=None)
        with pytest.raises(PolicyNotFoundException):
            ddb.get_resource_policy(ResourceArn=arn)


class TestResourceArn:
    @pytest.mark.parametrize("op", ["get", "put", "delete"])
    def test_missing_table(self, ddb: Any, arn: str, op: str) -> None:
        """An ARN naming no table: ResourceNotFoundException naming the table."""
        with pytest.raises(ResourceNotFoundException) as err:
            call(ddb, op, arn + "x")
        assert message(err) == "Requested resource not found: Table: simplex not found"

    def test_bare_name(self, ddb: Any, simple: str) -> None:
        """A table name is not an ARN."""
        with pytest.raises(ValidationException) as err:
            ddb.get_resource_policy(ResourceArn=simple)
        assert message(err) == INVALID + "ARNs must start with 'arn:': simple"

    def test_other_account(self, ddb: Any, arn: str) -> None:
        """Another account's ARN is refused before any lookup."""
        other = arn.replace(ACCOUNT, "210987654321")
        with pytest.raises(ValidationException) as err:
            ddb.get_resource_policy(ResourceArn=other)
        assert message(err) == (
            "This action is only supported by accounts that match the resource owner\u2019s "
            "account."
        )

    @pytest.mark.parametrize(
        ("old", "new"), [(":us-east-1:", ":us-west-2:"), ("arn:aws:", "arn:aws-cn:")]
    )
    def test_other_region_or_partition(self, ddb: Any, arn: str, old: str, new: str) -> None:
        """Another Region's or partition's ARN is an invalid resource ARN."""
        other = arn.replace(old, new)
        with pytest.raises(ValidationException) as err:
            ddb.get_resource_policy(ResourceArn=other)
        assert message(err) == INVALID + f"Invalid resource Arn: {other}"

    def test_index_arn(self, ddb: Any, arn: str) -> None:
        """An index ARN is refused: only tables and streams hold policies."""
        index = f"{arn}/index/by_x"
        with pytest.raises(ValidationException) as err:
            ddb.put_resource_policy(ResourceArn=index, Policy=doc())
        assert message(err) == (
            INVALID + "Invalid resource arn provided, only table or stream is accepted. "
            f"Provided resource arn: {index}"
        )

    def test_backup_arn(self, ddb: Any, arn: str) -> None:
        """Other table sub-resources are not DynamoDB resource ARNs for policies."""
        backup = f"{arn}/backup/01700000000000-abcdefgh"
        with pytest.raises(ValidationException) as err:
            ddb.get_resource_policy(ResourceArn=backup)
        assert message(err) == INVALID + f"Provided Arn is not a DynamoDB resource arn: {backup}"


def call(ddb: Any, op: str, arn: str) -> Any:
    if op == "get":
        return ddb.get_resource_policy(ResourceArn=arn)
    if op == "put":
        return ddb.put_resource_policy(ResourceArn=arn, Policy=doc())
    return ddb.delete_resource_policy(ResourceArn=arn)


class TestPolicyDocument:
    def test_size_limit_both_sides(self, ddb: Any, arn: str) -> None:
        """20,480 bytes (whitespace counted) are accepted; 20,481 are refused."""
        base = doc()
        at_limit = base + " " * (20480 - len(base))
        ddb.put_resource_policy(ResourceArn=arn, Policy=at_limit)
        with pytest.raises(ValidationException) as err:
            ddb.put_resource_policy(ResourceArn=arn, Policy=at_limit + " ")
        assert message(err) == INVALID + "Maximum policy size of 20480 bytes exceeded"

    def test_size_limit_is_a_setting(self) -> None:
        """The limit is DynamoDBLimits.max_resource_policy_bytes."""
        cloud = Cloud.manual(limits={"dynamodb": {"max_resource_policy_bytes": 200}})
        ddb = cloud.client("dynamodb")
        make_table(ddb, "simple", pk="id", sk=None)
        arn = ddb.describe_table(TableName="simple")["Table"]["TableArn"]
        with pytest.raises(ValidationException) as err:
            ddb.put_resource_policy(ResourceArn=arn, Policy=doc() + " " * 200)
        assert message(err) == INVALID + "Maximum policy size of 200 bytes exceeded"

    @pytest.mark.parametrize("text", ["{not json", "", "[1]", '"x"'])
    def test_invalid_json(self, ddb: Any, arn: str, text: str) -> None:
        """A document that is not a JSON object is refused."""
        with pytest.raises(ValidationException) as err:
            ddb.put_resource_policy(ResourceArn=arn, Policy=text)
        assert (
            message(err) == INVALID + "Invalid policy document: This policy contains invalid Json"
        )

    def test_empty_statement(self, ddb: Any, arn: str) -> None:
        """An empty Statement list is refused."""
        text = json.dumps({"Version": "2012-10-17", "Statement": []})
        with pytest.raises(ValidationException) as err:
            ddb.put_resource_policy(ResourceArn=arn, Policy=text)
        assert message(err) == (
            INVALID + "Invalid policy document: Could not parse the policy: Statement is empty!"
        )

    def test_missing_resource(self, ddb: Any, arn: str) -> None:
        """A statement without Resource is refused."""
        text = json.loads(doc())
        del text["Statement"][0]["Resource"]
        with pytest.raises(ValidationException) as err:
            ddb.put_resource_policy(ResourceArn=arn, Policy=json.dumps(text))
        assert message(err) == INVALID + "Invalid policy document: Missing required field Resource"

    def test_stream_actions_on_a_table(self, ddb: Any, arn: str) -> None:
        """Stream actions in a table's policy are invalid action names."""
        with pytest.raises(ValidationException) as err:
            ddb.put_resource_policy(
                ResourceArn=arn, Policy=doc(["dynamodb:GetRecords", "dynamodb:DescribeStream"])
            )
        assert message(err) == (
            INVALID + "Invalid policy document: The following action names are invalid: "
            '"dynamodb:GetRecords", "dynamodb:DescribeStream"'
        )

    @pytest.mark.parametrize("principal", ["*", {"AWS": "*"}])
    def test_unbounded_allow(self, ddb: Any, arn: str, principal: Any) -> None:
        """An Allow to everyone without a condition is refused as unbounded access."""
        text = json.loads(doc())
        text["Statement"][0]["Principal"] = principal
        with pytest.raises(ValidationException) as err:
            ddb.put_resource_policy(ResourceArn=arn, Policy=json.dumps(text))
        assert message(err) == (
            "Resource-based policy grants unbounded access in one or more elements. Please "
            "revise the policy to ensure least-privilege form of access"
        )

    def test_refusal_changes_nothing(self, ddb: Any, arn: str) -> None:
        """A refused Put leaves the current policy and revision as they were."""
        rev = ddb.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
        with pytest.raises(ValidationException):
            ddb.put_resource_policy(ResourceArn=arn, Policy="{")
        assert ddb.get_resource_policy(ResourceArn=arn)["RevisionId"] == rev


class TestSelfLockout:
    LOCKOUT = (
        "The new resource policy will not allow you to update the resource policy in the future."
    )

    @pytest.mark.parametrize(
        "action",
        ["dynamodb:PutResourcePolicy", "dynamodb:*", "*", ["dynamodb:Put*", "dynamodb:GetItem"]],
    )
    def test_deny_on_put_needs_confirmation(self, ddb: Any, arn: str, action: Any) -> None:
        """A Deny that covers PutResourcePolicy for the caller is AccessDenied unless confirmed."""
        policy = doc(action, effect="Deny")
        with pytest.raises(AccessDeniedException) as err:
            ddb.put_resource_policy(ResourceArn=arn, Policy=policy)
        assert message(err) == self.LOCKOUT
        with pytest.raises(AccessDeniedException):
            ddb.put_resource_policy(
                ResourceArn=arn, Policy=policy, ConfirmRemoveSelfResourceAccess=False
            )
        ddb.put_resource_policy(
            ResourceArn=arn, Policy=policy, ConfirmRemoveSelfResourceAccess=True
        )

    def test_deny_on_delete_only_is_accepted(self, ddb: Any, arn: str) -> None:
        """A Deny on DeleteResourcePolicy alone does not trigger the lockout check."""
        ddb.put_resource_policy(
            ResourceArn=arn, Policy=doc("dynamodb:DeleteResourcePolicy", effect="Deny")
        )

    def test_deny_to_another_account(self, ddb: Any, arn: str) -> None:
        """A Deny that names another principal does not lock the caller out."""
        text = json.loads(doc("dynamodb:*", effect="Deny"))
        text["Statement"][0]["Principal"] = {"AWS": "arn:aws:iam::210987654321:root"}
        ddb.put_resource_policy(ResourceArn=arn, Policy=json.dumps(text))


class TestCreateTable:
    def test_create_with_policy(self, ddb: Any) -> None:
        """CreateTable's ResourcePolicy is attached at once, with a revision id."""
        make_table(ddb, "withpolicy", pk="id", sk=None, ResourcePolicy=doc())
        arn = ddb.describe_table(TableName="withpolicy")["Table"]["TableArn"]
        got = ddb.get_resource_policy(ResourceArn=arn)
        assert json.loads(got["Policy"])["Statement"][0]["Action"] == "dynamodb:GetItem"
        assert got["RevisionId"].isdigit()

    def test_create_with_bad_policy(self, ddb: Any) -> None:
        """A bad ResourcePolicy refuses the CreateTable; no table is made."""
        with pytest.raises(ValidationException) as err:
            make_table(ddb, "withpolicy", pk="id", sk=None, ResourcePolicy="{")
        assert (
            message(err) == INVALID + "Invalid policy document: This policy contains invalid Json"
        )
        assert ddb.list_tables()["TableNames"] == []


class TestWire:
    def test_boto3_through_bridge(self, cloud: Cloud) -> None:
        """boto3 parses every response (an independent check of the shapes)."""
        boto3 = pytest.importorskip("boto3")
        from pyserverless.adapters.bridge import mock_aws

        with mock_aws(cloud):
            client = boto3.client("dynamodb", region_name="us-east-1")
            make_table(client, "simple", pk="id", sk=None)
            arn = client.describe_table(TableName="simple")["Table"]["TableArn"]
            rev = client.put_resource_policy(ResourceArn=arn, Policy=doc())["RevisionId"]
            assert client.get_resource_policy(ResourceArn=arn)["RevisionId"] == rev
            with pytest.raises(client.exceptions.PolicyNotFoundException):
                client.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId="0")
            assert client.delete_resource_policy(ResourceArn=arn)["RevisionId"] == rev
