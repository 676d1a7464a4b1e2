"""orders: a small serverless app, written as it would be for AWS.

A Lambda function behind an API with a Cognito authorizer places an order:

* the caller is a Cognito user; the authorizer has verified the ID token and passes its
  claims in ``event["requestContext"]["authorizer"]["claims"]``. The user's ``sub`` is
  the table's partition key;
* the body is validated before anything is written, and bad input gets a 400 with a
  message that says what is wrong;
* the put is conditional (``attribute_not_exists``): the same order twice is a 409,
  never a second order;
* ``orders_of`` lists a user's orders a page at a time (``Limit`` and
  ``LastEvaluatedKey``).

Nothing here knows about pyserverless: it is plain boto3. Clients are made inside the
functions, so that each test's ``mock_aws`` gets them (a client made at import time,
outside any test, would talk to real AWS).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import boto3
from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

ORDER_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
MAX_QUANTITY = 100
MAX_LINES = 25
MAX_PRICE = Decimal(1_000_000)
CENT = Decimal("0.01")


class BadOrder(ValueError):
    """The order is malformed; the message says how."""


def _table() -> Any:
    return boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])


def _response(status: int, body: dict[str, Any]) -> dict[str, Any]:
    return {"statusCode": status, "body": json.dumps(body, default=str)}


def validate(body: Any) -> dict[str, Any]:
    """The order in ``body`` (JSON text), checked; raises :class:`BadOrder`."""
    try:
        order = json.loads(body or "", parse_float=Decimal)
    except json.JSONDecodeError:
        raise BadOrder("the body is not JSON") from None
    if not isinstance(order, dict):
        raise BadOrder("the body must be a JSON object")
    order_id = order.get("order_id")
    if not isinstance(order_id, str) or not ORDER_ID.fullmatch(order_id):
        raise BadOrder("order_id: 1 to 64 letters, digits or '-'")
    lines = order.get("lines")
    if not isinstance(lines, list) or not 1 <= len(lines) <= MAX_LINES:
        raise BadOrder(f"lines: a list of 1 to {MAX_LINES} lines")
    checked = [_line(n, line) for n, line in enumerate(lines)]
    total = sum((line["price"] * line["quantity"] for line in checked), Decimal(0))
    return {"order_id": order_id, "lines": checked, "total": total}


def _line(n: int, line: Any) -> dict[str, Any]:
    if not isinstance(line, dict) or not isinstance(line.get("sku"), str) or not line["sku"]:
        raise BadOrder(f"lines[{n}].sku: a non-empty string")
    quantity = line.get("quantity")
    if type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:
        raise BadOrder(f"lines[{n}].quantity: a whole number from 1 to {MAX_QUANTITY}")
    try:  # a price is a string ("9.99") or a JSON number, read as a Decimal
        price = Decimal(str(line.get("price")))
    except InvalidOperation:
        price = Decimal("NaN")
    if not (price.is_finite() and 0 <= price <= MAX_PRICE) or price.quantize(CENT) != price:
        raise BadOrder(f"lines[{n}].price: an amount from 0 to {MAX_PRICE}, in cents")
    return {"sku": line["sku"], "quantity": quantity, "price": price}


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Place the caller's order: 201, or 400 (bad input), 401 (no user), 409 (a repeat)."""
    claims = (event.get("requestContext") or {}).get("authorizer", {}).get("claims") or {}
    sub = claims.get("sub")
    if not sub:
        return _response(401, {"message": "no signed-in user"})
    try:
        order = validate(event.get("body"))
    except BadOrder as err:
        return _response(400, {"message": str(err)})
    item = {"user": sub, **order, "email": claims.get("email", "")}
    try:
        _table().put_item(Item=item, ConditionExpression="attribute_not_exists(order_id)")
    except ClientError as err:
        if err.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        return _response(409, {"message": f"order {order['order_id']} exists already"})
    return _response(201, {"order_id": order["order_id"], "total": order["total"]})


def orders_of(sub: str, *, page_size: int = 20) -> Iterator[list[dict[str, Any]]]:
    """The user's orders, oldest order id first, one page (a Query) at a time."""
    table = _table()
    request: dict[str, Any] = {"KeyConditionExpression": Key("user").eq(sub), "Limit": page_size}
    while True:
        page = table.query(**request)
        if page["Items"]:
            yield page["Items"]
        if "LastEvaluatedKey" not in page:
            return
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]
