"""The orders app's tests: plain boto3 and PyJWT against a Cloud (the ``aws`` fixture).

Users sign in through the pool, the test verifies the ID token with PyJWT from the pool's
JWKS URL (answered inside ``mock_aws``), and calls the function with the claims as API
Gateway's Cognito authorizer would pass them.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import boto3
import jwt
import pytest

from pyserverless import Cloud

from . import orders
from .conftest import PASSWORD

TEA = {"sku": "tea", "quantity": 2, "price": "4.50"}
ORDER: dict[str, Any] = {"order_id": "o-1", "lines": [TEA]}


def sign_in(stack: dict[str, Any], username: str) -> str:
    """The user's ID token, from USER_PASSWORD_AUTH."""
    result = boto3.client("cognito-idp").initiate_auth(
        ClientId=stack["client_id"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
    )
    return str(result["AuthenticationResult"]["IdToken"])


def verified_claims(stack: dict[str, Any], token: str) -> dict[str, Any]:
    """What an authorizer does: check the token against the pool's published keys."""
    region = boto3.session.Session().region_name
    issuer = f"https://cognito-idp.{region}.amazonaws.com/{stack['pool_id']}"
    key = jwt.PyJWKClient(f"{issuer}/.well-known/jwks.json").get_signing_key_from_jwt(token)
    claims: dict[str, Any] = jwt.decode(
        token, key.key, algorithms=["RS256"], audience=stack["client_id"], issuer=issuer
    )
    return claims


def admin_user(stack: dict[str, Any], username: str) -> dict[str, Any]:
    """An admin-created user with a permanent password, signed in: the verified claims."""
    idp = boto3.client("cognito-idp")
    idp.admin_create_user(
        UserPoolId=stack["pool_id"],
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    idp.admin_set_user_password(
        UserPoolId=stack["pool_id"], Username=username, Password=PASSWORD, Permanent=True
    )
    return verified_claims(stack, sign_in(stack, username))


def place(claims: dict[str, Any] | None, body: Any) -> dict[str, Any]:
    """Invoke the function through boto3, shaped as API Gateway's proxy event."""
    event = {
        "requestContext": {"authorizer": {"claims": claims}} if claims else {},
        "body": body if isinstance(body, str) else json.dumps(body),
    }
    response = boto3.client("lambda").invoke(
        FunctionName="place-order", Payload=json.dumps(event).encode()
    )
    assert "FunctionError" not in response, response["Payload"].read()
    answer: dict[str, Any] = json.loads(response["Payload"].read())
    answer["body"] = json.loads(answer["body"])
    return answer


def stored(sub: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = boto3.resource("dynamodb").Table("orders").scan()["Items"]
    return [item for item in items if item["user"] == sub]


class TestUsers:
    """The partition key is the user's ``sub``, read from a verified ID token."""

    def test_admin_created_user(self, stack: dict[str, Any]) -> None:
        """The token's sub is the user's sub attribute, and PyJWT accepts the token."""
        claims = admin_user(stack, "ann")
        user = boto3.client("cognito-idp").admin_get_user(
            UserPoolId=stack["pool_id"], Username="ann"
        )
        attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
        assert claims["sub"] == attributes["sub"]
        assert claims["token_use"] == "id" and claims["email"] == "ann@example.com"

    def test_signed_up_user(self, aws: Cloud, stack: dict[str, Any]) -> None:
        """A user who signs up confirms with the emailed code, then signs in."""
        idp = boto3.client("cognito-idp")
        idp.sign_up(
            ClientId=stack["client_id"],
            Username="bob",
            Password=PASSWORD,
            UserAttributes=[{"Name": "email", "Value": "bob@example.com"}],
        )
        code = aws.cognito.user_pool(stack["pool_id"]).last_code("bob@example.com")
        idp.confirm_sign_up(ClientId=stack["client_id"], Username="bob", ConfirmationCode=code)
        claims = verified_claims(stack, sign_in(stack, "bob"))
        assert claims["cognito:username"] == "bob"

    def test_tampered_token_is_refused(self, stack: dict[str, Any]) -> None:
        """The verification is real: a token with another payload fails its signature."""
        token = sign_in(stack, admin_user(stack, "ann")["cognito:username"])
        head, _, signature = token.split(".")
        forged = jwt.utils.base64url_encode(json.dumps({"sub": "someone-else"}).encode())
        with pytest.raises(jwt.InvalidSignatureError):
            verified_claims(stack, f"{head}.{forged.decode()}.{signature}")


class TestPlaceOrder:
    """The handler: validate, then one conditional put."""

    def test_placed(self, stack: dict[str, Any]) -> None:
        """201, and the order is stored under the user's sub with its total."""
        claims = admin_user(stack, "ann")
        answer = place(claims, ORDER)
        assert answer["statusCode"] == 201
        assert answer["body"] == {"order_id": "o-1", "total": "9.00"}
        (item,) = stored(claims["sub"])
        assert item["total"] == Decimal("9.00") and item["email"] == "ann@example.com"

    def test_no_double_order(self, stack: dict[str, Any]) -> None:
        """The same order id twice: 409, and the first order stays as it was."""
        claims = admin_user(stack, "ann")
        assert place(claims, ORDER)["statusCode"] == 201
        again = {**ORDER, "lines": [{"sku": "tea", "quantity": 50, "price": "4.50"}]}
        answer = place(claims, again)
        assert answer == {"statusCode": 409, "body": {"message": "order o-1 exists already"}}
        (item,) = stored(claims["sub"])
        assert item["lines"][0]["quantity"] == 2

    def test_same_order_id_for_two_users(self, stack: dict[str, Any]) -> None:
        """Order ids are per user: another user's o-1 is a different item."""
        ann, bob = admin_user(stack, "ann"), admin_user(stack, "bob")
        assert place(ann, ORDER)["statusCode"] == 201
        assert place(bob, ORDER)["statusCode"] == 201
        assert len(stored(ann["sub"])) == len(stored(bob["sub"])) == 1

    def test_no_user(self, stack: dict[str, Any]) -> None:
        """Without an authorizer's claims: 401, nothing stored."""
        assert place(None, ORDER)["statusCode"] == 401
        assert boto3.resource("dynamodb").Table("orders").scan()["Count"] == 0

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ("{not json", "the body is not JSON"),
            ([], "the body must be a JSON object"),
            ({**ORDER, "order_id": ""}, "order_id: 1 to 64 letters, digits or '-'"),
            ({**ORDER, "order_id": "x" * 65}, "order_id: 1 to 64 letters, digits or '-'"),
            ({**ORDER, "lines": []}, "lines: a list of 1 to 25 lines"),
            ({**ORDER, "lines": [TEA] * 26}, "lines: a list of 1 to 25 lines"),
            ({**ORDER, "lines": [{"quantity": 1, "price": "1"}]}, "lines[0].sku: a non-empty"),
            ({**ORDER, "lines": [{"sku": "t", "quantity": 0, "price": "1"}]}, "quantity"),
            ({**ORDER, "lines": [{"sku": "t", "quantity": 101, "price": "1"}]}, "quantity"),
            ({**ORDER, "lines": [{"sku": "t", "quantity": 1.5, "price": "1"}]}, "quantity"),
            ({**ORDER, "lines": [{"sku": "t", "quantity": 1, "price": "-1"}]}, "price"),
            ({**ORDER, "lines": [{"sku": "t", "quantity": 1, "price": "1.001"}]}, "price"),
            ({**ORDER, "lines": [{"sku": "t", "quantity": 1, "price": "NaN"}]}, "price"),
            ({**ORDER, "lines": [{"sku": "t", "quantity": 1, "price": "lots"}]}, "price"),
        ],
    )
    def test_bad_input(self, stack: dict[str, Any], body: Any, message: str) -> None:
        """400 with a message that names the problem; nothing is written."""
        claims = admin_user(stack, "ann")
        answer = place(claims, body)
        assert answer["statusCode"] == 400
        assert message in answer["body"]["message"]
        assert stored(claims["sub"]) == []

    @pytest.mark.parametrize(
        "line",
        [
            {"sku": "t", "quantity": 100, "price": "0"},
            {"sku": "t", "quantity": 1, "price": 1000000},
            {"sku": "t", "quantity": 1, "price": 0.25},
        ],
    )
    def test_limits_accepted(self, stack: dict[str, Any], line: dict[str, Any]) -> None:
        """The other side of each limit: 100 items, a price of 1,000,000, a JSON number."""
        claims = admin_user(stack, "ann")
        assert place(claims, {"order_id": "o-9", "lines": [line] * 25})["statusCode"] == 201


class TestListOrders:
    """A paginated Query: Limit and LastEvaluatedKey."""

    @pytest.fixture(autouse=True)
    def _env(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """orders_of runs here, not in Lambda: give it the variable Lambda would."""
        monkeypatch.setenv("ORDERS_TABLE", "orders")

    def test_pages(self, stack: dict[str, Any]) -> None:
        """25 orders come back in pages of 10, 10 and 5, in order id order, and no others."""
        ann, bob = admin_user(stack, "ann"), admin_user(stack, "bob")
        for n in range(25):
            assert place(ann, {**ORDER, "order_id": f"o-{n:02}"})["statusCode"] == 201
        place(bob, ORDER)
        pages = list(orders.orders_of(ann["sub"], page_size=10))
        assert [len(page) for page in pages] == [10, 10, 5]
        ids = [item["order_id"] for page in pages for item in page]
        assert ids == [f"o-{n:02}" for n in range(25)]

    def test_exact_multiple(self, stack: dict[str, Any]) -> None:
        """20 orders in pages of 10: two pages (the empty last Query yields nothing)."""
        ann = admin_user(stack, "ann")
        for n in range(20):
            place(ann, {**ORDER, "order_id": f"o-{n:02}"})
        assert [len(page) for page in orders.orders_of(ann["sub"], page_size=10)] == [10, 10]

    def test_no_orders(self, stack: dict[str, Any]) -> None:
        """A user without orders has no pages."""
        assert list(orders.orders_of(admin_user(stack, "ann")["sub"])) == []
