"""The query protocol's form reader against botocore's own query serialiser (an oracle):
any request botocore writes as a form, ``_read`` reads back into the same parameters."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

import botocore.session
import pytest
from botocore.serialize import create_serializer
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from pyserverless.adapters._query import _MISSING, _read

SESSION = botocore.session.get_session()
TEXT = st.text(st.characters(codec="utf-8"), max_size=8)


def _values(shape: Any, depth: int) -> st.SearchStrategy[Any] | None:
    kind = shape.type_name
    if kind == "string":
        return st.sampled_from(shape.enum) if shape.enum else TEXT
    if kind in ("integer", "long"):
        return st.integers(-(2**31), 2**31 - 1)
    if kind == "boolean":
        return st.booleans()
    if depth > 3:
        return None
    if kind == "list":
        inner = _values(shape.member, depth + 1)
        return None if inner is None else st.lists(inner, max_size=3)
    if kind == "map":
        key, value = _values(shape.key, depth + 1), _values(shape.value, depth + 1)
        if key is None or value is None:
            return None
        return st.dictionaries(key, value, max_size=3)
    if kind == "structure":
        return _structures(shape, depth + 1)
    return None  # blobs, timestamps, floats: not in IAM's or STS's forms


def _structures(shape: Any, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    members = {}
    for name, member in shape.members.items():
        found = _values(member, depth)
        if found is not None:
            members[name] = found
    return st.fixed_dictionaries({}, optional=members)


def _normal(shape: Any, value: Any) -> Any:
    """What a form can carry: empty structures and maps are not written at all."""
    kind = shape.type_name
    if kind == "structure":
        out = {}
        for name, item in value.items():
            got = _normal(shape.members[name], item)
            if got is not _MISSING:
                out[name] = got
        return out or _MISSING
    if kind == "map":
        out = {k: _normal(shape.value, v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not _MISSING} or _MISSING
    if kind == "list":
        items = [_normal(shape.member, v) for v in value]
        kept = [item for item in items if item is not _MISSING]
        if len(kept) != len(items):  # an item that writes nothing leaves a gap in N
            raise _Gap
        return kept
    return value


class _Gap(Exception):
    """A list item botocore writes nothing for (an empty structure): not a real request."""


@pytest.mark.parametrize("service", ["iam", "sts", "sns"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_round_trip(service: str, data: st.DataObject) -> None:
    """botocore's form, read back through the input shape, is the request botocore wrote."""
    model = SESSION.get_service_model(service)
    operation = model.operation_model(data.draw(st.sampled_from(model.operation_names)))
    if operation.input_shape is None:
        return
    params = data.draw(_structures(operation.input_shape, 0), label="params")
    body = create_serializer("query", include_validation=False).serialize_to_request(
        params, operation
    )["body"]
    wire = urlencode(body)  # as botocore sends a dict body
    form = {k: v[0] for k, v in parse_qs(wire, keep_blank_values=True).items()}
    read = _read(operation.input_shape, "", form)
    try:
        expected = _normal(operation.input_shape, params)
    except _Gap:
        reject()
    assert (read if read is not _MISSING else {}) == (expected if expected is not _MISSING else {})
