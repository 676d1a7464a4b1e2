"""The query protocol's XML writer against botocore's own query parser (an oracle): any
IAM or STS response the writer puts on the wire, botocore reads back unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

import botocore.session
import pytest
from botocore.parsers import create_parser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless.adapters._query import _write

SESSION = botocore.session.get_session()
# XML 1.0 carries no control characters but tab, newline and carriage return; AWS's
# names and values never hold them. A lone carriage return is normalised by XML parsers.
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=8).filter(
    lambda s: s == s.strip() or s.strip()
)
WHEN = st.datetimes(
    min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
    max_value=datetime(2100, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
).map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000))
DOC = st.fixed_dictionaries(
    {"Version": st.just("2012-10-17"), "Statement": st.lists(st.fixed_dictionaries(
        {"Effect": st.sampled_from(["Allow", "Deny"]), "Action": TEXT, "Resource": TEXT}
    ), max_size=2)}
)  # fmt: skip


def _values(shape: Any, depth: int) -> st.SearchStrategy[Any] | None:
    kind = shape.type_name
    if kind == "string":
        if shape.name == "policyDocumentType":
            return DOC
        return st.sampled_from(shape.enum) if shape.enum else TEXT
    if kind in ("integer", "long"):
        return st.integers(-(2**31), 2**31 - 1)
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return WHEN
    if depth > 3:
        return None
    if kind == "list":
        inner = _values(shape.member, depth + 1)
        return None if inner is None else st.lists(inner, min_size=1, max_size=3)
    if kind == "map":
        key, value = _values(shape.key, depth + 1), _values(shape.value, depth + 1)
        if key is None or value is None:
            return None
        return st.dictionaries(key, value, min_size=1, max_size=3)
    if kind == "structure":
        return _structures(shape, depth + 1)
    return None


def _structures(shape: Any, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    members = {}
    for name, member in shape.members.items():
        found = _values(member, depth)
        if found is not None:
            members[name] = found
    return st.fixed_dictionaries({}, optional=members)


def _decoded(shape: Any, value: Any) -> Any:
    """botocore's parse with IAM's policy documents decoded (what its client hook does)."""
    kind = shape.type_name
    if kind == "structure":
        return {k: _decoded(shape.members[k], v) for k, v in value.items()}
    if kind == "list":
        return [_decoded(shape.member, v) for v in value]
    if kind == "map":
        return {k: _decoded(shape.value, v) for k, v in value.items()}
    if shape.name == "policyDocumentType" and isinstance(value, str):
        return json.loads(unquote(value))
    return value


@pytest.mark.parametrize("service", ["iam", "sts"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_round_trip(service: str, data: st.DataObject) -> None:
    """The XML written for a response parses, through botocore, into that response."""
    model = SESSION.get_service_model(service)
    operation = model.operation_model(data.draw(st.sampled_from(model.operation_names)))
    shape = operation.output_shape
    if shape is None:
        return
    result = data.draw(_structures(shape, 0), label="result")
    name = operation.name
    body = (
        f'<{name}Response xmlns="https://example.com/doc/">\n  <{name}Result>\n'
        f"{_write(shape, result, '    ')}  </{name}Result>\n"
        f"  <ResponseMetadata>\n    <RequestId>r</RequestId>\n  </ResponseMetadata>\n"
        f"</{name}Response>\n"
    ).encode()
    parsed = create_parser("query").parse({"body": body, "headers": {}, "status_code": 200}, shape)
    parsed.pop("ResponseMetadata", None)
    assert _decoded(shape, parsed) == result
