"""EventBridge answers checked against captures from AWS, one row per expectation.

Sources: the LocalStack suite's snapshot files recorded against AWS, in
localstack/localstack ``tests/aws/services/events/``: ``test_events.snapshot.json``
(recorded 2024-06; requests in ``test_events.py``) and ``test_events_patterns.snapshot.json``
(recorded 2024-11/12; the patterns are the ``event_pattern_templates/*_EXC.json5`` files).
A row runs its set-up calls, then its call, and asserts AWS's answer; each runs on both
doors (``cloud.client`` and boto3 through ``mock_aws``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from tests.conftest import DOORS, door_client

ACCOUNT = "123456789012"
OTHER = "111111111111"
BUS_ARN = f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/"
EVENTS = "localstack tests/aws/services/events/test_events"
PATTERNS = "localstack tests/aws/services/events/test_events_patterns"
PATTERN = json.dumps({"source": ["core.update-account-command"]})
ENTRY = {"Source": "MySource", "DetailType": "CustomType", "Detail": '{"message": "m"}'}
BUS = [("create_event_bus", {"Name": "bus1"})]
RULE = [("put_rule", {"Name": "r1", "EventPattern": PATTERN})]
QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:q"


def _grant(sid: str, principal: str = ACCOUNT, bus: str = "bus1") -> tuple[str, dict[str, Any]]:
    params = {"EventBusName": bus, "Action": "events:PutEvents", "Principal": principal}
    return ("put_permission", {**params, "StatementId": sid})


def _statement(sid: str, principal: Any, bus: str = "bus1") -> dict[str, Any]:
    return {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": principal,
        "Action": "events:PutEvents",
        "Resource": BUS_ARN + bus,
    }


class Row(NamedTuple):
    id: str
    source: str
    setup: list[tuple[str, dict[str, Any]]]
    op: str
    params: dict[str, Any]
    #: (code, message, status) for a refusal, else the members the answer must hold.
    expect: tuple[str, str, int] | dict[str, Any]
    #: Members the answer must not hold.
    absent: tuple[str, ...] = ()


ROWS = [
    Row("put-events-no-source", f"{EVENTS}::test_put_events_without_source", [], "put_events",
        {"Entries": [{"DetailType": "d", "Detail": "{}"}]},
        {"FailedEntryCount": 1, "Entries": [{
            "ErrorCode": "InvalidArgument",
            "ErrorMessage": "Parameter Source is not valid. Reason: Source is a required argument.",
        }]}),
    Row("put-events-no-detail", f"{EVENTS}::test_put_event_without_detail", [], "put_events",
        {"Entries": [{"Source": "s", "DetailType": "d"}]},
        {"FailedEntryCount": 1, "Entries": [{
            "ErrorCode": "InvalidArgument",
            "ErrorMessage": "Parameter Detail is not valid. Reason: Detail is a required argument.",
        }]}),
    Row("put-events-missing-bus", f"{EVENTS}::test_put_events_nonexistent_event_bus", [],
        "put_events", {"Entries": [ENTRY, {**ENTRY, "EventBusName": "nope"}]},
        {"FailedEntryCount": 0}),
    Row("describe-missing-bus", f"{EVENTS}::test_put_events_nonexistent_event_bus", [],
        "describe_event_bus", {"Name": "nope"},
        ("ResourceNotFoundException", "Event bus nope does not exist.", 400)),
    Row("describe-custom-bus", f"{EVENTS}::test_create_list_describe_delete_custom_event_buses",
        BUS, "describe_event_bus", {"Name": "bus1"}, {"Name": "bus1", "Arn": BUS_ARN + "bus1"},
        absent=("Policy",)),
    Row("put-permission-missing-bus", f"{EVENTS}::test_put_permission_non_existing_event_bus",
        [], "put_permission",
        {"EventBusName": "nope", "Action": "events:PutEvents", "Principal": "*",
         "StatementId": "statement-id"},
        ("ResourceNotFoundException", "Event bus nope does not exist.", 400)),
    Row("remove-missing-sid-no-policy",
        f"{EVENTS}::test_remove_permission_non_existing_sid[False-custom]", BUS,
        "remove_permission", {"EventBusName": "bus1", "StatementId": "non-existing-sid"},
        ("ResourceNotFoundException", "Statement with the provided id does not exist.", 400)),
    Row("remove-missing-sid-with-policy",
        f"{EVENTS}::test_remove_permission_non_existing_sid[True-custom]", [*BUS, _grant("s1")],
        "remove_permission", {"EventBusName": "bus1", "StatementId": "non-existing-sid"},
        ("ResourceNotFoundException", "Statement with the provided id does not exist.", 400)),
    Row("remove-missing-sid-default-bus",
        f"{EVENTS}::test_remove_permission_non_existing_sid[False-default]", [],
        "remove_permission", {"StatementId": "non-existing-sid"},
        ("ResourceNotFoundException", "Statement with the provided id does not exist.", 400)),
    Row("describe-rule-missing", f"{EVENTS}::test_describe_nonexistent_rule", [],
        "describe_rule", {"Name": "nope"},
        ("ResourceNotFoundException", "Rule nope does not exist on EventBus default.", 400)),
    Row("delete-rule-with-targets", f"{EVENTS}::test_delete_rule_with_targets",
        [*RULE, ("put_targets", {"Rule": "r1", "Targets": [{"Id": "t", "Arn": QUEUE}]})],
        "delete_rule", {"Name": "r1"},
        ("ValidationException", "Rule can't be deleted since it has targets.", 400)),
    Row("rule-on-custom-bus", f"{EVENTS}::test_put_list_with_prefix_describe_delete_rule[custom]",
        BUS, "put_rule", {"Name": "r1", "EventPattern": PATTERN, "EventBusName": "bus1"},
        {"RuleArn": f"arn:aws:events:us-east-1:{ACCOUNT}:rule/bus1/r1"}),
    Row("describe-rule-custom-bus",
        f"{EVENTS}::test_put_list_with_prefix_describe_delete_rule[custom]",
        [*BUS, ("put_rule", {"Name": "r1", "EventPattern": PATTERN, "EventBusName": "bus1"})],
        "describe_rule", {"Name": "r1", "EventBusName": "bus1"},
        {"CreatedBy": ACCOUNT, "EventBusName": "bus1", "State": "ENABLED"}),
    Row("update-rule-keeps-targets", f"{EVENTS}::test_update_rule_with_targets",
        [*RULE, ("put_targets", {"Rule": "r1", "Targets": [{"Id": "t", "Arn": QUEUE}]}), *RULE],
        "list_targets_by_rule", {"Rule": "r1"}, {"Targets": [{"Id": "t", "Arn": QUEUE}]}),
]  # fmt: skip

#: (pattern, AWS's reason) from the ``*_EXC`` captures of test_events_patterns.
BAD_PATTERNS = [
    ('{"int": 42}', '"int" must be an object or an array'),
    ('{"string": "my-value"}', '"string" must be an object or an array'),
    ('{"resources": []}', "Empty arrays are not allowed"),
    ('{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}', "Unrecognized match type NUMERIC"),
    ('{"my_key": [{"EXISTS": true}]}', "Unrecognized match type EXISTS"),
    ('{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}', "Bad numeric range operator: >"),
    ('{"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}}', "Value of < must be numeric"),
    (
        '{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}',
        "Consecutive wildcard characters at pos 26",
    ),
    (
        '{"detail-type": [{"equals-ignore-case": ["ec2 instance state-change notification"]}]}',
        "equals-ignore-case match pattern must be a string",
    ),
    (
        '{"detail": {"state": [{"anything-but": {"equals-ignore-case": 123}}]}}',
        "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
    ),
    ('{"EventBusArn": [{"wildcard": 123}]}', "wildcard match pattern must be a string"),
    ('{"time": [{"prefix": 123}]}', "prefix match pattern must be a string"),
    ('{"FileName": [{"suffix": [".png"]}]}', "suffix match pattern must be a string"),
    (
        '{"detail": {"state": [{"anything-but": {"prefix": 123}}]}}',
        "prefix/suffix match pattern must be a string",
    ),
    (
        "this is valid json but not a dict",
        (
            "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or "
            "token 'null', 'true' or 'false')\n at [Source: (String)\"this is valid json but not "
            'a dict"; line: 1, column: 5]'
        ),
    ),
    (
        "{'bad': 'quotation'}",
        (
            "Unexpected character (''' (code 39)): was expecting double-quote to start field "
            "name\n at [Source: (String)\"{'bad': 'quotation'}\"; line: 1, column: 2]"
        ),
    ),
    (
        '{"not": closed mark"',
        (
            "Unrecognized token 'closed': was expecting (JSON String, Number, Array, Object or "
            "token 'null', 'true' or 'false')\n at [Source: (String)\"{\"not\": closed mark\"\"; "
            "line: 1, column: 15]"
        ),
    ),
    (
        '["not", "a", "dict", "but valid json"]',
        (
            "Filter is not an object\n at [Source: (String)"
            '"["not", "a", "dict", "but valid json"]"; line: 1, column: 2]'
        ),
    ),
]
EVENT = json.dumps(
    {
        "id": "1",
        "source": "s",
        "detail-type": "d",
        "account": ACCOUNT,
        "region": "us-east-1",
        "time": "2024-01-01T00:00:00Z",
        "resources": [],
        "detail": {},
    }
)


@pytest.fixture(params=DOORS)
def events(request: pytest.FixtureRequest) -> Iterator[Any]:
    with door_client(request.param, Cloud(clock=ManualClock(1_711_368_000)), "events") as client:
        yield client


def _refused(call: Any, **params: Any) -> tuple[str, str, int]:
    with pytest.raises(ClientError) as info:
        call(**params)
    err = info.value.response
    return err["Error"]["Code"], err["Error"]["Message"], err["ResponseMetadata"]["HTTPStatusCode"]


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_verified(events: Any, row: Row) -> None:
    """AWS's answer to the row's request (source in the row)."""
    for op, params in row.setup:
        getattr(events, op)(**params)
    call = getattr(events, row.op)
    if isinstance(row.expect, tuple):
        assert _refused(call, **row.params) == row.expect
        return
    answer = call(**row.params)
    for member, value in row.expect.items():
        assert answer[member] == value, member
    for member in row.absent:
        assert member not in answer


@pytest.mark.parametrize(("pattern", "reason"), BAD_PATTERNS)
def test_invalid_patterns(events: Any, pattern: str, reason: str) -> None:
    """AWS's reason for each pattern it refuses (test_events_patterns' _EXC captures)."""
    got = _refused(events.test_event_pattern, EventPattern=pattern, Event=EVENT)
    assert got == (
        "InvalidEventPatternException",
        f"Event pattern is not valid. Reason: {reason}",
        400,
    )


def test_accepted_pattern(events: Any) -> None:
    """The accepted side: a well-formed pattern is tested, not refused."""
    assert events.test_event_pattern(EventPattern='{"source": ["s"]}', Event=EVENT)["Result"]


def test_missing_bus_entry_goes_nowhere(events: Any) -> None:
    """Both entries get an EventId; the one for a missing bus is not delivered
    (test_put_events_nonexistent_event_bus: one message reaches the default bus's queue)."""
    out = events.put_events(Entries=[ENTRY, {**ENTRY, "EventBusName": "nope"}])
    assert [set(e) for e in out["Entries"]] == [{"EventId"}, {"EventId"}]


def test_too_many_entries(events: Any) -> None:
    """Eleven entries: the envelope on 'entries' (test_put_events_exceed_limit_ten_entries).
    AWS prints each entry as PutEventsRequestEntry(time=null, source=...); pyserverless
    prints the members given, so only the envelope around the value is compared."""
    code, message, status = _refused(events.put_events, Entries=[ENTRY] * 11)
    assert (code, status) == ("ValidationException", 400)
    assert message.startswith("1 validation error detected: Value '[")
    assert message.endswith(
        "]' at 'entries' failed to satisfy constraint: "
        "Member must have length less than or equal to 10"
    )
    assert events.put_events(Entries=[ENTRY] * 10)["FailedEntryCount"] == 0


def test_permissions(events: Any) -> None:
    """PutPermission's statements as DescribeEventBus shows them (test_put_permission):
    one per StatementId, a repeated id replaced, a whole Policy replacing them all, and
    RemovePermission dropping one statement or all (test_remove_permission)."""
    events.create_event_bus(Name="bus1")
    for op, params in (_grant("s1"), _grant("s2"), _grant("s3", OTHER), _grant("s4", "*")):
        getattr(events, op)(**params)
    events.put_permission(**_grant("s4", "*")[1])
    policy = json.loads(events.describe_event_bus(Name="bus1")["Policy"])
    root = {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
    assert policy == {
        "Version": "2012-10-17",
        "Statement": [
            _statement("s1", root),
            _statement("s2", root),
            _statement("s3", {"AWS": f"arn:aws:iam::{OTHER}:root"}),
            _statement("s4", "*"),
        ],
    }
    events.remove_permission(EventBusName="bus1", StatementId="s1", RemoveAllPermissions=False)
    left = json.loads(events.describe_event_bus(Name="bus1")["Policy"])["Statement"]
    assert [s["Sid"] for s in left] == ["s2", "s3", "s4"]
    whole = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "s5",
                "Effect": "Allow",
                "Principal": {"Service": "events.amazonaws.com"},
                "Action": "events:ListRules",
                "Resource": "*",
            }
        ],
    }
    events.put_permission(EventBusName="bus1", Policy=json.dumps(whole))
    assert json.loads(events.describe_event_bus(Name="bus1")["Policy"]) == whole
    events.remove_permission(EventBusName="bus1", RemoveAllPermissions=True)
    assert "Policy" not in events.describe_event_bus(Name="bus1")
