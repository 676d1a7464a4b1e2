"""The event-pattern language: AWS's documented examples, errors and a reference model."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless.events import InvalidEventPatternException, compile_pattern
from pyserverless.events._patterns import PatternSyntaxError

EC2_EVENT = {
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "EC2 Instance State-change Notification",
    "source": "aws.ec2",
    "account": "111122223333",
    "time": "2017-12-22T18:43:48Z",
    "region": "us-west-1",
    "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
    "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated"},
}

#: (pattern, event, expected): from the EventBridge user guide's examples.
DOC_CASES: list[tuple[dict[str, Any], dict[str, Any], bool]] = [
    # "Event patterns": the EC2 state-change example
    (
        {"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"]},
        EC2_EVENT,
        True,
    ),
    ({"source": ["aws.ec2"], "detail": {"state": ["running"]}}, EC2_EVENT, False),
    ({"source": ["aws.ec2"], "detail": {"state": ["running", "terminated"]}}, EC2_EVENT, True),
    # arrays: a pattern value in the event's array matches
    (
        {"resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0", "x"]},
        EC2_EVENT,
        True,
    ),
    ({"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-0"]}, EC2_EVENT, False),
    # prefix, prefix ignoring case
    ({"time": [{"prefix": "2017-12-22"}]}, EC2_EVENT, True),
    ({"time": [{"prefix": "2017-10-02"}]}, EC2_EVENT, False),
    (
        {"detail": {"service": [{"prefix": {"equals-ignore-case": "EventB"}}]}},
        {"detail": {"service": "eventbridge"}},
        True,
    ),
    (
        {"detail": {"service": [{"prefix": {"equals-ignore-case": "EventB"}}]}},
        {"detail": {"service": "EVENTBUS"}},
        True,
    ),
    (
        {"detail": {"service": [{"prefix": "EventB"}]}},
        {"detail": {"service": "eventbridge"}},
        False,
    ),
    # suffix, suffix ignoring case
    ({"FileName": [{"suffix": ".png"}]}, {"FileName": "image.png"}, True),
    ({"FileName": [{"suffix": ".png"}]}, {"FileName": "image.PNG"}, False),
    (
        {"detail": {"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]}},
        {"detail": {"FileName": "a.PnG"}},
        True,
    ),
    # equals-ignore-case
    (
        {"detail-type": [{"equals-ignore-case": "ec2 instance state-change notification"}]},
        EC2_EVENT,
        True,
    ),
    # anything-but
    (
        {"detail": {"state": [{"anything-but": "initializing"}]}},
        {"detail": {"state": "running"}},
        True,
    ),
    (
        {"detail": {"state": [{"anything-but": "initializing"}]}},
        {"detail": {"state": "initializing"}},
        False,
    ),
    ({"detail": {"x-limit": [{"anything-but": 123}]}}, {"detail": {"x-limit": 123.0}}, False),
    ({"detail": {"x-limit": [{"anything-but": 123}]}}, {"detail": {"x-limit": 124}}, True),
    (
        {"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}},
        {"detail": {"state": "stopped"}},
        False,
    ),
    (
        {"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}},
        {"detail": {"x-limit": 200}},
        False,
    ),
    (
        {"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}},
        {"detail": {"x-limit": 250}},
        True,
    ),
    (
        {"detail": {"state": [{"anything-but": {"prefix": "init"}}]}},
        {"detail": {"state": "initializing"}},
        False,
    ),
    (
        {"detail": {"state": [{"anything-but": {"prefix": "init"}}]}},
        {"detail": {"state": "running"}},
        True,
    ),
    (
        {"detail": {"FileName": [{"anything-but": {"suffix": ".txt"}}]}},
        {"detail": {"FileName": "a.txt"}},
        False,
    ),
    (
        {"detail": {"FileName": [{"anything-but": {"suffix": ".txt"}}]}},
        {"detail": {"FileName": "a.png"}},
        True,
    ),
    (
        {
            "detail": {
                "state": [{"anything-but": {"equals-ignore-case": ["initializing", "stopped"]}}]
            }
        },
        {"detail": {"state": "STOPPED"}},
        False,
    ),
    (
        {"detail": {"state": [{"anything-but": {"equals-ignore-case": "initializing"}}]}},
        {"detail": {"state": "running"}},
        True,
    ),
    (
        {"detail": {"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}},
        {"detail": {"FilePath": "/usr/lib/x"}},
        False,
    ),
    (
        {"detail": {"FilePath": [{"anything-but": {"wildcard": ["*/lib/*", "*/bin/*"]}}]}},
        {"detail": {"FilePath": "/usr/share/x"}},
        True,
    ),
    ({"detail": {"state": [{"anything-but": "initializing"}]}}, {"detail": {}}, False),
    # numeric
    (
        {
            "detail": {
                "c-count": [{"numeric": [">", 0, "<=", 5]}],
                "d-count": [{"numeric": ["<", 10]}],
                "x-limit": [{"numeric": ["=", 3.018e2]}],
            }
        },
        {"detail": {"c-count": 5, "d-count": 7, "x-limit": 301.8}},
        True,
    ),
    ({"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}, {"detail": {"c-count": 0}}, False),
    (
        {"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}},
        {"detail": {"c-count": 5.5}},
        False,
    ),
    ({"detail": {"c-count": [{"numeric": [">=", 0, "<", 5]}]}}, {"detail": {"c-count": 0}}, True),
    ({"detail": {"c-count": [{"numeric": [">", 0]}]}}, {"detail": {"c-count": "7"}}, False),
    ({"x": [300]}, {"x": 3.0e2}, True),
    # cidr
    (
        {"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}},
        {"detail": {"sourceIPAddress": "10.0.0.255"}},
        True,
    ),
    (
        {"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}},
        {"detail": {"sourceIPAddress": "10.0.1.0"}},
        False,
    ),
    (
        {"detail": {"sourceIPAddress": [{"cidr": "2001:db8::/32"}]}},
        {"detail": {"sourceIPAddress": "2001:db8::1"}},
        True,
    ),
    # exists
    ({"detail": {"c-count": [{"exists": True}]}}, {"detail": {"c-count": 3}}, True),
    ({"detail": {"c-count": [{"exists": True}]}}, {"detail": {"d-count": 3}}, False),
    ({"detail": {"c-count": [{"exists": False}]}}, {"detail": {"d-count": 3}}, True),
    ({"detail": {"c-count": [{"exists": False}]}}, {"source": "x"}, True),
    ({"detail": {"c-count": [{"exists": False}]}}, {"detail": {"c-count": 3}}, False),
    ({"detail": [{"exists": True}]}, {"detail": {"c-count": 3}}, False),  # leaf nodes only
    # wildcard
    (
        {"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]},
        {"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/default"},
        True,
    ),
    (
        {"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]},
        {"EventBusArn": "arn:aws:events:us-west-2:123456789012:event-bus/default"},
        False,
    ),
    ({"f": [{"wildcard": "a\\*b"}]}, {"f": "a*b"}, True),
    ({"f": [{"wildcard": "a\\*b"}]}, {"f": "axb"}, False),
    # $or
    (
        {
            "detail": {
                "$or": [
                    {"c-count": [{"numeric": [">", 0, "<=", 5]}]},
                    {"d-count": [{"numeric": ["<", 10]}]},
                ]
            }
        },
        {"detail": {"c-count": 50, "d-count": 3}},
        True,
    ),
    (
        {
            "source": ["aws.cloudwatch"],
            "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}],
        },
        {"source": "aws.cloudwatch", "namespace": "AWS/ES"},
        False,
    ),
    # null and empty strings are different values
    (
        {"detail": {"eventVersion": [""]}},
        {"detail": {"eventVersion": "", "responseElements": None}},
        True,
    ),
    (
        {"detail": {"responseElements": [None]}},
        {"detail": {"eventVersion": "", "responseElements": None}},
        True,
    ),
    ({"detail": {"eventVersion": [None]}}, {"detail": {"eventVersion": ""}}, False),
    ({"detail": {"responseElements": [""]}}, {"detail": {"responseElements": None}}, False),
    # booleans are not numbers
    ({"f": [True]}, {"f": True}, True),
    ({"f": [1]}, {"f": True}, False),
    # arrays of objects: one element matches the whole nested pattern
    ({"a": {"b": ["x"], "c": ["y"]}}, {"a": [{"b": "x", "c": "z"}, {"b": "q", "c": "y"}]}, False),
    ({"a": {"b": ["x"], "c": ["y"]}}, {"a": [{"b": "q"}, {"b": "x", "c": "y"}]}, True),
    ({"a": [1, 2]}, {"a": [[5, [2]]]}, True),
]


@pytest.mark.parametrize(("pattern", "event", "expected"), DOC_CASES)
def test_documented_examples(
    pattern: dict[str, Any], event: dict[str, Any], expected: bool
) -> None:
    """Each example of the EventBridge user guide matches (or not) as documented."""
    assert compile_pattern(json.dumps(pattern)).matches(event) is expected


INVALID: list[tuple[str, str]] = [
    ('{"source": "aws.ec2"}', '"source" must be an object or an array'),
    ('{"source": ["aws.health"], "detail": {}}', "Empty objects are not allowed"),
    ("{}", "Empty objects are not allowed"),
    ('{"a": []}', "Empty arrays are not allowed"),
    ("[1]", 'Filter is not an object\n at [Source: (String)"[1]"; line: 1, column: 2]'),
    ('{"a": [[1]]}', "Match value must be String, number, true, false, or null"),
    ('{"a": [{}]}', "Match expression name not found"),
    ('{"a": [{"contains": "x"}]}', "Unrecognized match type contains"),
    (
        '{"a": [{"prefix": 1}]}',
        "prefix match pattern must be a string",
    ),
    ('{"a": [{"prefix": "x", "suffix": "y"}]}', "Only one key allowed in match expression"),
    ('{"a": [{"exists": "yes"}]}', "exists match pattern must be either true or false."),
    ('{"a": [{"numeric": 5}]}', "Value of numeric must be an array."),
    ('{"a": [{"numeric": [">", "5"]}]}', "Value of > must be numeric"),
    ('{"a": [{"numeric": ["!", 5]}]}', "Unrecognized numeric range operator: !"),
    ('{"a": [{"numeric": [">", 5, ">", 6]}]}', "Bad numeric range operator: >"),
    ('{"a": [{"numeric": [">", 5, "<", 3]}]}', "Bottom must be less than top"),
    ('{"a": [{"numeric": ["<", 5, ">", 3]}]}', "Too many elements in numeric expression"),
    (
        '{"a": [{"numeric": [">", 5000000001]}]}',
        "Value must be between -5.0E9 and 5.0E9, inclusive",
    ),
    (
        '{"a": [{"anything-but": ["a", 1]}]}',
        (
            "Inside anything but list, either all values are number or string, "
            "mixed type is not supported"
        ),
    ),
    (
        '{"a": [{"anything-but": [null]}]}',
        "Inside anything but list, start|null|boolean is not supported.",
    ),
    (
        '{"a": [{"anything-but": true}]}',
        "Value of anything-but must be an array or single string/number value.",
    ),
    ('{"a": [{"anything-but": {"prefix": ""}}]}', "Null prefix/suffix not allowed"),
    (
        '{"a": [{"anything-but": {"numeric": [">", 1]}}]}',
        "Unsupported anything-but pattern: numeric",
    ),
    ('{"a": [{"wildcard": "a**b"}]}', "Consecutive wildcard characters at pos 2"),
    ('{"a": [{"wildcard": "a\\\\b"}]}', "Invalid escape character at pos 2"),
    ('{"$or": [{"a": [1]}]}', "There must have at least 2 Objects in $or relationship."),
    ('{"$or": {"a": [1]}}', "It must be an Array followed with $or."),
    ('{"$or": [{"a": [1]}, 2]}', "Only JSON object is allowed in array of $or relationship."),
    (
        '{"$or": [{"a": [1]}, {"prefix": [2]}]}',
        "prefix is Ruler reserved fieldName which cannot be used inside $or.",
    ),
]


@pytest.mark.parametrize(("text", "reason"), INVALID)
def test_invalid_patterns(text: str, reason: str) -> None:
    """A bad pattern gets InvalidEventPatternException with Event Ruler's reason."""
    with pytest.raises(InvalidEventPatternException) as info:
        compile_pattern(text)
    assert info.value.message == f"Event pattern is not valid. Reason: {reason}"
    assert info.value.response["Error"]["Code"] == "InvalidEventPatternException"
    assert isinstance(info.value.__cause__, PatternSyntaxError)


def test_malformed_json_is_refused() -> None:
    """Text that is not JSON is an invalid pattern too."""
    with pytest.raises(InvalidEventPatternException, match="Event pattern is not valid"):
        compile_pattern('{"a": [1')


def test_numeric_limits_both_sides() -> None:
    """5.0e9 is the last accepted bound; beyond it the pattern is refused."""
    assert compile_pattern('{"a": [{"numeric": ["<=", 5000000000]}]}').matches({"a": 5e9})
    with pytest.raises(InvalidEventPatternException):
        compile_pattern('{"a": [{"numeric": ["<=", 5000000000.5]}]}')


def test_compiled_once_per_text() -> None:
    """The same text gives the same compiled pattern."""
    text = '{"source": ["cache.test"]}'
    assert compile_pattern(text) is compile_pattern(text)


def test_huge_integers_do_not_crash() -> None:
    """An integer beyond any double matches nothing numeric and raises nothing."""
    assert not compile_pattern('{"a": [1]}').matches({"a": 10**400})
    assert compile_pattern('{"a": [{"anything-but": 1}]}').matches({"a": 10**400})


# ------------------------------------------------------------ reference model

KEYS = ["a", "b", "c"]
scalars = st.one_of(st.sampled_from(["x", "xy", "y", "", "yx"]), st.integers(-3, 3))
flat_events = st.dictionaries(st.sampled_from(KEYS), scalars | st.lists(scalars, max_size=3))
matchers = st.one_of(
    scalars.map(lambda v: ("exact", v)),
    st.sampled_from(["x", "y", ""]).filter(bool).map(lambda v: ("prefix", v)),
    st.tuples(st.sampled_from([">", ">=", "<", "<="]), st.integers(-3, 3)).map(
        lambda t: ("numeric", t)
    ),
    st.booleans().map(lambda b: ("exists", b)),
    st.sampled_from(["x", "y"]).map(lambda v: ("anything-but", v)),
)
patterns = st.dictionaries(
    st.sampled_from(KEYS), st.lists(matchers, min_size=1, max_size=3), min_size=1
)


def _to_json(m: tuple[str, Any]) -> Any:
    kind, arg = m
    if kind == "exact":
        return arg
    if kind == "numeric":
        return {"numeric": list(arg)}
    return {kind: arg}


def _ref_one(m: tuple[str, Any], v: Any) -> bool:
    kind, arg = m
    if kind == "exact":
        return type(v) is type(arg) and v == arg
    if kind == "prefix":
        return isinstance(v, str) and v.startswith(arg)
    if kind == "numeric":
        op, n = arg
        if not isinstance(v, int):
            return False
        return {">": v > n, ">=": v >= n, "<": v < n, "<=": v <= n}[op]
    if kind == "exists":
        return arg
    return v != arg  # anything-but


def _reference(pattern: dict[str, list[tuple[str, Any]]], event: dict[str, Any]) -> bool:
    for key, ms in pattern.items():
        raw = event.get(key)
        values = (raw if isinstance(raw, list) else [raw]) if key in event else []
        if not values:
            if not any(m == ("exists", False) for m in ms):
                return False
            continue
        if not any(_ref_one(m, v) for m in ms for v in values):
            return False
    return True


@given(patterns, flat_events)
def test_agrees_with_a_reference_matcher(
    pattern: dict[str, list[tuple[str, Any]]], event: dict[str, Any]
) -> None:
    """Exact, prefix, numeric, exists and anything-but agree with a plain model."""
    text = json.dumps({k: [_to_json(m) for m in ms] for k, ms in pattern.items()})
    assert compile_pattern(text).matches(event) is _reference(pattern, event)


_ENVELOPE = {
    "id": "1",
    "account": "123456789012",
    "source": "doc.example",
    "time": "2024-01-01T00:00:00Z",
    "region": "us-east-1",
    "detail-type": "Example",
}


@pytest.mark.parametrize(("pattern", "event", "expected"), DOC_CASES)
def test_test_event_pattern_answers_the_documented_examples(
    pattern: dict[str, Any], event: dict[str, Any], expected: bool
) -> None:
    """TestEventPattern (through the client) answers each documented example as AWS does."""
    from pyserverless import Cloud

    events = Cloud.manual().client("events")
    full = {**_ENVELOPE, **event}
    answer = events.test_event_pattern(EventPattern=json.dumps(pattern), Event=json.dumps(full))
    assert answer["Result"] is expected
