"""Hypothesis strategies that generate valid AWS inputs: the generators our tests use.

Requires the ``hypothesis`` extra (``pip install pyserverless[hypothesis]``); nothing
else in pyserverless imports this module.

* DynamoDB values: :func:`numbers`, :func:`attribute_names`, :func:`attribute_values`,
  :func:`key_values`, :func:`items`. Every value is a *native* value (``str``,
  canonical ``Decimal``, ``bytes``, ``bool``, ``None``, ``list``, ``dict``, non-empty
  ``set``), which boto3's serialiser and the resource layer accept; ``wire=True`` gives
  DynamoDB JSON instead.
* DynamoDB requests: :func:`table_schemas` (CreateTable), :func:`key_conditions`
  (Query), :func:`update_expressions` and :func:`condition_expressions`, each with the
  ExpressionAttributeNames and Values it uses.
* Lambda events: :func:`api_gateway_proxy_events`, :func:`s3_events`,
  :func:`dynamodb_stream_events`, :func:`eventbridge_events`.
* Cognito: :func:`cognito_usernames`, :func:`password_policies`,
  :func:`cognito_passwords`.
* Faults: :func:`fault_plans` draws a :class:`FaultPlan` for ``cloud.faults``.

See ``docs/testing.md`` for a fresh Cloud per example and a stateful test.

>>> from hypothesis import given
>>> from pyserverless.dynamo import item_size
>>> @given(items(keys={"pk": "S", "sk": "N"}))
... def test(item):
...     assert item_size(item) <= 409_600 and item["pk"] != ""
>>> test()
"""

from __future__ import annotations

from .._core.exports import publish
from ._cognito import cognito_passwords, cognito_usernames, password_policies
from ._events import api_gateway_proxy_events, dynamodb_stream_events, eventbridge_events, s3_events
from ._expressions import condition_expressions, update_expressions
from ._faults import FaultPlan, fault_plans
from ._tables import key_conditions, table_schemas
from ._values import attribute_names, attribute_values, items, key_values, numbers

__all__ = [
    "FaultPlan",
    "api_gateway_proxy_events",
    "attribute_names",
    "attribute_values",
    "cognito_passwords",
    "cognito_usernames",
    "condition_expressions",
    "dynamodb_stream_events",
    "eventbridge_events",
    "fault_plans",
    "items",
    "key_conditions",
    "key_values",
    "numbers",
    "password_policies",
    "s3_events",
    "table_schemas",
    "update_expressions",
]

publish(__name__, __all__, globals())
