"""Tokens: PyJWT and joserfc verify them from nothing but the JWKS; pool.verify rejects bad ones."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from hypothesis import given, settings
from hypothesis import strategies as st
from joserfc import jwt as jose_jwt
from joserfc.jwk import KeySet

from pyserverless import Cloud, ManualClock, SystemClock
from pyserverless.cognito import AppClient, UserPool
from pyserverless.cognito._errors import NotAuthorizedException
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

PASSWORD = "Passw0rd!"
CHEAP = {"cognito-idp": {"password_hash_cost": 1}}


def b64json(part: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return data


def b64(obj: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


@pytest.fixture
def tokens(make_user: Any, login: Any, idp: Any, pool: UserPool) -> dict[str, str]:
    make_user("ann", name="Ann")
    idp.create_group(
        UserPoolId=pool.id,
        GroupName="admins",
        Precedence=1,
        RoleArn="arn:aws:iam::123456789012:role/admin",
    )
    idp.admin_add_user_to_group(UserPoolId=pool.id, Username="ann", GroupName="admins")
    result: dict[str, str] = login()["AuthenticationResult"]
    return result


class TestClaims:
    def test_id_token(
        self, tokens: dict[str, str], pool: UserPool, app: AppClient, clock: ManualClock
    ) -> None:
        """The ID token carries every claim of aws-facts D2."""
        claims = pool.verify(tokens["IdToken"], token_use="id")
        now = int(clock.time())
        assert claims["iss"] == f"https://cognito-idp.us-east-1.amazonaws.com/{pool.id}"
        assert claims["aud"] == app.client_id and claims["token_use"] == "id"
        assert claims["cognito:username"] == "ann"
        assert claims["cognito:groups"] == ["admins"]
        assert claims["cognito:roles"] == ["arn:aws:iam::123456789012:role/admin"]
        assert claims["cognito:preferred_role"] == "arn:aws:iam::123456789012:role/admin"
        assert claims["email"] == "ann@example.com" and claims["email_verified"] is True
        assert claims["name"] == "Ann"
        assert claims["iat"] == claims["auth_time"] == now and claims["exp"] == now + 3600
        for key in ("sub", "jti", "origin_jti", "event_id"):
            assert len(claims[key]) == 36

    def test_access_token(self, tokens: dict[str, str], pool: UserPool, app: AppClient) -> None:
        """The access token has client_id, scope, version 2 and username, no attributes."""
        claims = pool.verify(tokens["AccessToken"], token_use="access")
        assert claims["client_id"] == app.client_id and "aud" not in claims
        assert claims["scope"] == "aws.cognito.signin.user.admin"
        assert claims["version"] == 2 and claims["username"] == "ann"
        assert claims["cognito:groups"] == ["admins"]
        assert "email" not in claims
        id_claims = pool.verify(tokens["IdToken"], token_use="id")
        assert claims["origin_jti"] == id_claims["origin_jti"]
        assert claims["event_id"] == id_claims["event_id"]
        assert claims["jti"] != id_claims["jti"]

    def test_header_and_separate_keys(self, tokens: dict[str, str], pool: UserPool) -> None:
        """Header is {kid, alg: RS256}; ID and access tokens use different keys of the JWKS."""
        id_head = b64json(tokens["IdToken"].split(".")[0])
        access_head = b64json(tokens["AccessToken"].split(".")[0])
        assert id_head["alg"] == access_head["alg"] == "RS256"
        kids = [k["kid"] for k in pool.jwks()["keys"]]
        assert id_head["kid"] in kids and access_head["kid"] in kids
        assert id_head["kid"] != access_head["kid"]
        assert all(
            k["kty"] == "RSA" and k["use"] == "sig" and k["e"] == "AQAB"
            for k in pool.jwks()["keys"]
        )

    def test_refresh_token_is_opaque(self, tokens: dict[str, str]) -> None:
        """The refresh token is an opaque JWE-shaped string, not a readable JWT."""
        parts = tokens["RefreshToken"].split(".")
        assert len(parts) == 5
        assert b64json(parts[0])["enc"] == "A256GCM"

    def test_validity_from_client(
        self, cloud: Cloud, make_user: Any, idp: Any, pool: UserPool
    ) -> None:
        """AccessTokenValidity and its units set exp and ExpiresIn."""
        make_user("ann")
        app = pool.create_client(
            "short",
            ExplicitAuthFlows=FLOWS,
            AccessTokenValidity=5,
            IdTokenValidity=2,
            TokenValidityUnits={"AccessToken": "minutes", "IdToken": "hours"},
        )
        out = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        result = out["AuthenticationResult"]
        assert result["ExpiresIn"] == 300
        access = pool.verify(result["AccessToken"])
        id_claims = pool.verify(result["IdToken"], token_use="id")
        assert access["exp"] - access["iat"] == 300
        assert id_claims["exp"] - id_claims["iat"] == 7200


class TestIndependentVerifiers:
    def test_pyjwt_with_jwks_only(self) -> None:
        """PyJWT, given only the JWKS, verifies signature, audience, issuer and expiry."""
        cloud = Cloud(clock=SystemClock(), limits=CHEAP)
        pool = cloud.cognito.create_user_pool("p")
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        idp.admin_create_user(UserPoolId=pool.id, Username="ann", MessageAction="SUPPRESS")
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="ann", Password=PASSWORD, Permanent=True
        )
        out = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        token = out["AuthenticationResult"]["IdToken"]
        jwks = json.loads(json.dumps(pool.jwks()))  # only what the HTTP endpoint would serve
        kid = pyjwt.get_unverified_header(token)["kid"]
        jwk = next(k for k in jwks["keys"] if k["kid"] == kid)
        key = pyjwt.PyJWK(jwk).key
        claims = pyjwt.decode(
            token, key, algorithms=["RS256"], audience=app.client_id, issuer=pool.issuer
        )
        assert claims["cognito:username"] == "ann"
        with pytest.raises(pyjwt.InvalidAudienceError):
            pyjwt.decode(token, key, algorithms=["RS256"], audience="someone-else")

    def test_joserfc_with_jwks_only(
        self, tokens: dict[str, str], pool: UserPool, clock: ManualClock
    ) -> None:
        """joserfc verifies both tokens with the JWKS, at the Cloud's time."""
        key_set = KeySet.import_key_set(pool.jwks())  # type: ignore[arg-type]
        for token, use in ((tokens["IdToken"], "id"), (tokens["AccessToken"], "access")):
            decoded = jose_jwt.decode(token, key_set, algorithms=["RS256"])
            registry = jose_jwt.JWTClaimsRegistry(
                now=int(clock.time()),
                iss={"essential": True, "value": pool.issuer},
                token_use={"essential": True, "value": use},
            )
            registry.validate(decoded.claims)
            assert decoded.header["alg"] == "RS256"

    def test_pyjwt_rejects_tampering(self, tokens: dict[str, str], pool: UserPool) -> None:
        """A token with a changed payload fails PyJWT's signature check."""
        head, body, sig = tokens["AccessToken"].split(".")
        claims = b64json(body)
        claims["username"] = "mallory"
        forged = f"{head}.{b64(claims)}.{sig}"
        key = pyjwt.PyJWK(
            next(k for k in pool.jwks()["keys"] if k["kid"] == b64json(head)["kid"])
        ).key
        with pytest.raises(pyjwt.InvalidSignatureError):
            pyjwt.decode(forged, key, algorithms=["RS256"], options={"verify_exp": False})


class TestVerifyRejects:
    def test_expired(self, tokens: dict[str, str], pool: UserPool, clock: ManualClock) -> None:
        """An hour later the access token is expired."""
        clock.advance(3600)
        with pytest.raises(NotAuthorizedException) as err:
            pool.verify(tokens["AccessToken"])
        assert err.value.message == "Access Token has expired"

    def test_wrong_audience(self, tokens: dict[str, str], pool: UserPool) -> None:
        """A token for another client is rejected when client_id is given."""
        with pytest.raises(NotAuthorizedException):
            pool.verify(tokens["IdToken"], token_use="id", client_id="x" * 26)

    def test_wrong_issuer(self, tokens: dict[str, str], cloud: Cloud) -> None:
        """Another pool rejects the token."""
        other = cloud.cognito.create_user_pool("other")
        with pytest.raises(NotAuthorizedException):
            other.verify(tokens["AccessToken"])

    def test_wrong_use(self, tokens: dict[str, str], pool: UserPool) -> None:
        """An ID token is not an access token."""
        with pytest.raises(NotAuthorizedException):
            pool.verify(tokens["IdToken"], token_use="access")

    def test_tampered(self, tokens: dict[str, str], pool: UserPool) -> None:
        """A changed payload fails verification."""
        head, body, sig = tokens["AccessToken"].split(".")
        claims = b64json(body)
        claims["exp"] += 10**6
        with pytest.raises(NotAuthorizedException):
            pool.verify(f"{head}.{b64(claims)}.{sig}")

    def test_alg_none(self, tokens: dict[str, str], pool: UserPool) -> None:
        """alg=none is rejected."""
        head, body, _ = tokens["AccessToken"].split(".")
        header = {**b64json(head), "alg": "none"}
        with pytest.raises(NotAuthorizedException):
            pool.verify(f"{b64(header)}.{body}.")

    def test_hs256_with_public_key(self, tokens: dict[str, str], pool: UserPool) -> None:
        """An HS256 token keyed with the public key (the classic confusion) is rejected."""
        head, body, _ = tokens["AccessToken"].split(".")
        claims = b64json(body)
        jwk = next(k for k in pool.jwks()["keys"] if k["kid"] == b64json(head)["kid"])
        signing_input = f"{b64({'kid': jwk['kid'], 'alg': 'HS256'})}.{b64(claims)}"
        mac = hmac.new(json.dumps(jwk).encode(), signing_input.encode(), hashlib.sha256)
        forged = f"{signing_input}.{base64.urlsafe_b64encode(mac.digest()).rstrip(b'=').decode()}"
        with pytest.raises(NotAuthorizedException):
            pool.verify(forged)

    def test_garbage(self, pool: UserPool) -> None:
        """Not a JWT at all."""
        with pytest.raises(NotAuthorizedException):
            pool.verify("not.a.jwt")

    @settings(max_examples=25, deadline=None)
    @given(data=st.data())
    def test_any_byte_flip_is_rejected(self, data: st.DataObject) -> None:
        """Flipping any character of the signed part makes the token invalid."""
        pool, token = _shared_token()
        cut = token.rindex(".")
        index = data.draw(st.integers(0, cut - 1))
        if token[index] == ".":
            return
        replacement = data.draw(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh0123456789-_"))
        if replacement == token[index]:
            return
        forged = token[:index] + replacement + token[index + 1 :]
        with pytest.raises(NotAuthorizedException):
            pool.verify(forged)


_SHARED: list[tuple[UserPool, str]] = []


def _shared_token() -> tuple[UserPool, str]:
    if not _SHARED:
        cloud = Cloud(clock=ManualClock(), limits=CHEAP)
        pool = cloud.cognito.create_user_pool("p")
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        idp.admin_create_user(UserPoolId=pool.id, Username="ann", MessageAction="SUPPRESS")
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="ann", Password=PASSWORD, Permanent=True
        )
        out = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        _SHARED.append((pool, out["AuthenticationResult"]["AccessToken"]))
    return _SHARED[0]


class TestKeys:
    def test_deterministic_for_seed(self) -> None:
        """Same seed, same pool ids, same keys; another seed, other keys."""

        def jwks(seed: int) -> Any:
            return Cloud(clock=ManualClock(), seed=seed).cognito.create_user_pool("p").jwks()

        assert jwks(0) == jwks(0)
        assert jwks(0) != jwks(1)

    def test_injected_key(self, cloud: Cloud) -> None:
        """An injected RSA key signs the tokens and appears in the JWKS."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pool = cloud.cognito.create_user_pool("p", signing_key=key)
        n = key.public_key().public_numbers().n
        served = {
            int.from_bytes(base64.urlsafe_b64decode(k["n"] + "=="), "big")
            for k in pool.jwks()["keys"]
        }
        assert served == {n}
