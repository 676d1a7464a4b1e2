"""The JWT authorizer's claim checks, with tokens PyJWT signs under a key given to the
pool (``set_signing_key``): aud as a list, client_id only without aud, scp, the time
claims on both sides, the algorithm and the kid; and the policy wildcard matcher against
a reference matcher (hypothesis)."""

from __future__ import annotations

import re
from typing import Any

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from hypothesis import given
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless.cognito import UserPool
from pyserverless.gateway._deployed import AuthorizerSpec
from pyserverless.gateway._runtime._auth_lambda import Statement, Verdict, evaluate

from .conftest import START, Gateway

NOW = int(START)


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def pool(cloud: Cloud, key: rsa.RSAPrivateKey) -> UserPool:
    pool = cloud.cognito.create_user_pool("crafted")
    cloud.engine("cognito-idp").set_signing_key(pool.id, key)
    return pool


def token(pool: UserPool, key: Any, *, headers: dict[str, Any] | None = None, **claims: Any) -> str:
    body = {"iss": pool.issuer, "sub": "s-1", "iat": NOW, "exp": NOW + 600, **claims}
    body = {k: v for k, v in body.items() if v is not None}
    kid = pool.jwks()["keys"][0]["kid"]
    return pyjwt.encode(body, key, algorithm="RS256", headers={"kid": kid, **(headers or {})})


def stage(gw: Gateway, pool: UserPool, scopes: tuple[str, ...] = (), **spec: Any) -> Any:
    authorizer = AuthorizerSpec(
        "jwt1",
        "jwt",
        "JWT",
        identity_sources=("$request.header.Authorization",),
        issuer=spec.get("issuer", pool.issuer),
        audience=spec.get("audience", ("app",)),
    )
    return gw.stage("HTTP", authorizer, authorization="JWT", scopes=scopes, payload_format="2.0")


def status(gw: Gateway, deployed: Any, value: str) -> int:
    return gw.call(deployed, headers={"Authorization": value}).status


class TestClaims:
    @pytest.mark.parametrize(
        ("claims", "expected"),
        [
            ({"aud": "app"}, 200),
            ({"aud": ["other", "app"]}, 200),
            ({"aud": ["other"]}, 401),
            ({"aud": "other", "client_id": "app"}, 401),  # aud wins when both are there
            ({"client_id": "app"}, 200),
            ({"client_id": "other"}, 401),
            ({}, 401),  # neither
        ],
    )
    def test_audience(
        self, gw: Gateway, pool: UserPool, key: Any, claims: dict[str, Any], expected: int
    ) -> None:
        assert status(gw, stage(gw, pool), token(pool, key, **claims)) == expected

    @pytest.mark.parametrize(
        ("claims", "expected"),
        [
            ({"exp": NOW + 1}, 200),
            ({"exp": NOW}, 401),
            ({"exp": None}, 401),
            ({"exp": "soon"}, 401),
            ({"nbf": NOW}, 200),
            ({"nbf": NOW + 1}, 401),
            ({"iat": NOW}, 200),
            ({"iat": NOW + 1}, 401),
        ],
    )
    def test_times_on_the_clock(
        self, gw: Gateway, pool: UserPool, key: Any, claims: dict[str, Any], expected: int
    ) -> None:
        value = token(pool, key, aud="app", **claims)
        assert status(gw, stage(gw, pool), value) == expected

    @pytest.mark.parametrize(
        ("claims", "route", "expected"),
        [
            ({"scope": "a b"}, ("b",), 200),
            ({"scope": "a b"}, ("c", "a"), 200),
            ({"scope": "a b"}, ("c",), 403),
            ({"scp": ["x", "y"]}, ("y",), 200),
            ({"scp": "x y"}, ("y",), 200),
            ({}, ("y",), 403),
            ({}, (), 200),
        ],
    )
    def test_scopes(
        self,
        gw: Gateway,
        pool: UserPool,
        key: Any,
        claims: dict[str, Any],
        route: tuple[str, ...],
        expected: int,
    ) -> None:
        value = token(pool, key, aud="app", **claims)
        assert status(gw, stage(gw, pool, scopes=route), value) == expected

    def test_issuer_must_match_exactly(self, gw: Gateway, pool: UserPool, key: Any) -> None:
        value = token(pool, key, aud="app", iss=pool.issuer + "/")
        assert status(gw, stage(gw, pool), value) == 401

    def test_unknown_kid(self, gw: Gateway, pool: UserPool, key: Any) -> None:
        value = token(pool, key, aud="app", headers={"kid": "nope"})
        assert status(gw, stage(gw, pool), value) == 401

    def test_only_rs256(self, gw: Gateway, pool: UserPool) -> None:
        kid = pool.jwks()["keys"][0]["kid"]
        body = {"iss": pool.issuer, "aud": "app", "exp": NOW + 60}
        value = pyjwt.encode(body, "secret" * 6, algorithm="HS256", headers={"kid": kid})
        response = gw.call(stage(gw, pool), headers={"Authorization": value})
        assert response.status == 401

    def test_far_future_exp(self, gw: Gateway, pool: UserPool, key: Any) -> None:
        """An exp past any calendar still verifies (REST shows it as a number)."""
        from pyserverless.gateway._runtime._auth_jwt import rest_claims

        value = token(pool, key, aud="app", exp=10**20)
        assert status(gw, stage(gw, pool), value) == 200
        assert rest_claims({"exp": 10**20, "iat": -(10**20)}) == {
            "exp": str(10**20),
            "iat": str(-(10**20)),
        }

    def test_claims_as_strings(self, gw: Gateway, pool: UserPool, key: Any) -> None:
        value = token(pool, key, aud="app", groups=["a", "b"], flag=True, n=3)
        assert status(gw, stage(gw, pool), value) == 200
        claims = gw.backend.events[0]["requestContext"]["authorizer"]["jwt"]["claims"]
        assert claims["groups"] == "[a b]" and claims["flag"] == "true" and claims["n"] == "3"
        assert claims["exp"] == str(NOW + 600)


def _reference(pattern: str, value: str) -> bool:
    """A plain recursive matcher of ``*`` (any run) and ``?`` (one character)."""
    if not pattern:
        return not value
    head = pattern[0]
    if head == "*":
        return any(_reference(pattern[1:], value[i:]) for i in range(len(value) + 1))
    if not value:
        return False
    return (head == "?" or head == value[0]) and _reference(pattern[1:], value[1:])


ALPHABET = st.sampled_from(list("ab/*?.:-"))


@given(st.text(ALPHABET, max_size=8), st.text(ALPHABET, max_size=8))
def test_resource_wildcards_match_the_reference(pattern: str, value: str) -> None:
    """Against a recursive reference (values may hold ``*`` and ``?`` themselves)."""
    verdict = Verdict("p", (Statement("Allow", ("execute-api:Invoke",), (pattern,)),))
    assert (evaluate(verdict, value) == "Allow") == _reference(pattern, value)


@given(st.text(ALPHABET, max_size=6))
def test_regex_characters_are_literal(pattern: str) -> None:
    """Characters a regex would read (``.``) are literal in a policy resource."""
    literal = pattern.replace("*", "").replace("?", "")
    verdict = Verdict("p", (Statement("Allow", ("*",), (literal,)),))
    assert evaluate(verdict, literal) == "Allow"
    if "." in literal:
        assert evaluate(verdict, re.sub(r"\.", "x", literal)) is None


class TestKeySet:
    def test_kid_that_is_not_a_string(self, gw: Gateway, pool: UserPool, key: Any) -> None:
        import base64
        import json

        header = json.dumps({"alg": "RS256", "kid": ["x"]}).encode()
        segment = base64.urlsafe_b64encode(header).rstrip(b"=").decode()
        _, body, signature = token(pool, key, aud="app").split(".")
        value = f"{segment}.{body}.{signature}"
        assert status(gw, stage(gw, pool), value) == 401

    def test_rotated_key_is_read_again(
        self, gw: Gateway, cloud: Cloud, pool: UserPool, key: Any
    ) -> None:
        """A kid the cached key set lacks makes the authorizer read the set again."""
        deployed = stage(gw, pool)
        assert status(gw, deployed, token(pool, key, aud="app")) == 200
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cloud.engine("cognito-idp").set_signing_key(pool.id, other)
        assert status(gw, deployed, token(pool, other, aud="app")) == 200
        # the old key left the set: its tokens no longer verify
        assert status(gw, deployed, token(pool, key, aud="app", sub="s-2")) == 401

    @pytest.mark.parametrize(("seconds", "expected"), [(0, 401), (7200, 200)])
    def test_key_set_is_kept_for_jwks_cache_seconds(
        self, key: Any, seconds: int, expected: int
    ) -> None:
        """AWS keeps an issuer's keys a while: a deleted pool's tokens verify until then."""
        from pyserverless import ManualClock

        limits = {"execute-api": {"jwks_cache_seconds": seconds}}
        with Cloud(clock=ManualClock(START), seed=1, limits=limits) as cloud:
            gw = Gateway(cloud)
            pool = cloud.cognito.create_user_pool("crafted")
            cloud.engine("cognito-idp").set_signing_key(pool.id, key)
            deployed = stage(gw, pool)
            assert status(gw, deployed, token(pool, key, aud="app")) == 200
            value = token(pool, key, aud="app", sub="s-2")
            pool.delete()
            assert status(gw, deployed, value) == expected


def test_many_wildcards_stay_fast() -> None:
    """A pattern of many stars against a long ARN it does not match answers at once
    (a backtracking regex would take exponential time)."""
    import time

    pattern = "*a" * 40 + "b"
    started = time.process_time()
    verdict = Verdict("p", (Statement("Allow", ("*",), (pattern,)),))
    assert evaluate(verdict, "a" * 1500) is None
    assert time.process_time() - started < 1.0


@pytest.fixture(scope="module")
def doors() -> Any:
    """One Cloud with a route per kind of token check (module-wide: hypothesis reuses it)."""
    from pyserverless import ManualClock

    with Cloud(clock=ManualClock(START), seed=1) as cloud:
        gw = Gateway(cloud)
        pool = cloud.cognito.create_user_pool("fuzz")
        cognito = AuthorizerSpec(
            "c1",
            "c",
            "COGNITO_USER_POOLS",
            identity_sources=("method.request.header.Authorization",),
            provider_arns=(pool.arn,),
            ttl_seconds=0,
        )
        stages = [
            gw.stage("REST", cognito, authorization="COGNITO_USER_POOLS"),
            stage(gw, pool),
            gw.stage("REST", None, authorization="AWS_IAM"),
            gw.stage("HTTP", None, authorization="AWS_IAM", payload_format="2.0"),
        ]
        yield gw, stages


@given(
    st.one_of(
        st.text(max_size=60),
        st.builds(
            lambda a, b, c: f"{a}.{b}.{c}",
            st.text("abcXYZ019-_=+/", max_size=30),
            st.text("abcXYZ019-_=+/", max_size=30),
            st.text("abcXYZ019-_", max_size=30),
        ),
        st.builds(lambda s: "AWS4-HMAC-SHA256 " + s, st.text(max_size=80)),
    )
)
def test_any_authorization_header_is_refused_cleanly(doors: Any, value: str) -> None:
    """Whatever the Authorization header holds, each token check answers 401 or 403
    (never raises, never lets it through)."""
    gw, stages = doors
    for deployed in stages:
        response = gw.call(deployed, headers={"Authorization": value, "X-Amz-Date": "x"})
        assert response.status in (401, 403), (deployed.routes[0].authorization, value)
