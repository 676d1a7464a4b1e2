"""A pool's JWKS and OpenID configuration: over ``serve`` and inside ``mock_aws`` (issue 12)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import jwt as pyjwt
import pytest
import requests

from pyserverless import Cloud, ManualClock, mock_aws
from pyserverless.adapters import Server
from pyserverless.cognito import CognitoResource, ResourceNotFoundException, UserPool

PASSWORD = "Passw0rd!"
CHEAP = {"cognito-idp": {"password_hash_cost": 1}}
FIELDS = {
    "authorization_endpoint",
    "id_token_signing_alg_values_supported",
    "issuer",
    "jwks_uri",
    "response_types_supported",
    "scopes_supported",
    "subject_types_supported",
    "token_endpoint",
    "token_endpoint_auth_methods_supported",
    "userinfo_endpoint",
}


@pytest.fixture
def cloud() -> Cloud:
    # A clock at the real time, so that PyJWT's own expiry check passes.
    return Cloud(clock=ManualClock(int(time.time())), limits=CHEAP)


def _signed_in(cloud: Cloud, region: str = "us-east-1") -> tuple[UserPool, str, dict[str, str]]:
    pool = CognitoResource(cloud, region).create_user_pool("p")
    app = pool.create_client("web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    pool.create_user("ann", password=PASSWORD, email="ann@example.com")
    tokens: dict[str, str] = cloud.client("cognito-idp", region).initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    return pool, app.client_id, tokens


def _url(pool: UserPool, doc: str) -> str:
    return f"https://cognito-idp.{pool.region}.amazonaws.com/{pool.id}/.well-known/{doc}"


class TestOpenIdConfiguration:
    def test_document(self, cloud: Cloud) -> None:
        """The pool's discovery document names its issuer and JWKS, as Cognito's does."""
        pool = cloud.cognito.create_user_pool("p")
        doc = pool.openid_configuration()
        assert set(doc) == FIELDS
        assert doc["issuer"] == f"https://cognito-idp.us-east-1.amazonaws.com/{pool.id}"
        assert doc["jwks_uri"] == doc["issuer"] + "/.well-known/jwks.json"
        assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
        assert doc["subject_types_supported"] == ["public"]

    def test_unknown_pool(self, cloud: Cloud) -> None:
        """An unknown pool: ResourceNotFoundException from the engine."""
        engine = cloud.engine("cognito-idp")
        with pytest.raises(ResourceNotFoundException):
            engine.pool_openid_configuration("us-east-1_nothere")


@pytest.fixture
def server(cloud: Cloud) -> Iterator[Server]:
    with Server(cloud) as running:
        yield running


class TestOverServe:
    def test_openid_configuration_route(self, server: Server, cloud: Cloud) -> None:
        """GET /{poolId}/.well-known/openid-configuration serves the document."""
        pool = cloud.cognito.create_user_pool("p")
        url = f"{server.url}/{pool.id}/.well-known/openid-configuration"
        with urllib.request.urlopen(url) as resp:
            assert resp.headers["Content-Type"] == "application/json"
            doc = json.loads(resp.read())
        assert doc == pool.openid_configuration()

    def test_unknown_pool_is_404(self, server: Server) -> None:
        """An unknown pool's document is 404."""
        url = f"{server.url}/us-east-1_nothere/.well-known/openid-configuration"
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(url)
        assert err.value.code == 404


class TestInsideMockAws:
    def test_pyjwkclient_unchanged(self, cloud: Cloud) -> None:
        """PyJWT's PyJWKClient fetches the JWKS from AWS's URL and verifies the token."""
        pool, client_id, tokens = _signed_in(cloud)
        with mock_aws(cloud):
            jwks = pyjwt.PyJWKClient(_url(pool, "jwks.json"))
            key = jwks.get_signing_key_from_jwt(tokens["IdToken"])
            claims = pyjwt.decode(
                tokens["IdToken"], key.key, algorithms=["RS256"], audience=client_id
            )
        assert claims["cognito:username"] == "ann"
        assert claims["iss"] == pool.issuer

    def test_urllib_and_requests(self, cloud: Cloud) -> None:
        """urllib and requests both get the JWKS and the discovery document."""
        pool = cloud.cognito.create_user_pool("p")
        with mock_aws(cloud):
            with urllib.request.urlopen(_url(pool, "jwks.json")) as resp:
                by_urllib = json.loads(resp.read())
            by_requests = requests.get(_url(pool, "openid-configuration"), timeout=5)
        assert by_urllib == pool.jwks()
        assert by_requests.status_code == 200
        assert by_requests.json() == pool.openid_configuration()

    def test_unknown_pool_is_404(self, cloud: Cloud) -> None:
        """An unknown pool is a 404 for urllib (HTTPError) and requests alike."""
        url = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_nothere/.well-known/jwks.json"
        with mock_aws(cloud):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(url)
            assert requests.get(url, timeout=5).status_code == 404
        assert err.value.code == 404

    def test_other_region(self, cloud: Cloud) -> None:
        """A pool in another region is served at its region's URL."""
        pool, _, tokens = _signed_in(cloud, "eu-west-1")
        with mock_aws(cloud):
            key = pyjwt.PyJWKClient(_url(pool, "jwks.json")).get_signing_key_from_jwt(
                tokens["AccessToken"]
            )
        assert pyjwt.decode(tokens["AccessToken"], key.key, algorithms=["RS256"])["sub"]

    def test_nothing_left_behind(self, cloud: Cloud) -> None:
        """The interception exists only inside mock_aws, nested frames included."""
        before = (urllib.request.HTTPSHandler.https_open, requests.adapters.HTTPAdapter.send)
        pool = cloud.cognito.create_user_pool("p")
        inner = Cloud(clock=ManualClock(), limits=CHEAP)
        with mock_aws(cloud):
            assert urllib.request.HTTPSHandler.https_open is not before[0]
            with mock_aws(inner):  # the innermost Cloud answers
                assert requests.get(_url(pool, "jwks.json"), timeout=5).status_code == 404
            assert requests.get(_url(pool, "jwks.json"), timeout=5).json() == pool.jwks()
        after = (urllib.request.HTTPSHandler.https_open, requests.adapters.HTTPAdapter.send)
        assert after == before

    def test_other_urls_pass_through(self, cloud: Cloud, monkeypatch: Any) -> None:
        """Any other URL goes to the original transport, untouched."""
        seen: list[str] = []

        def fake_send(adapter: Any, request: Any, **kwargs: Any) -> Any:
            seen.append(request.url)
            response = requests.Response()
            response.status_code = 204
            return response

        monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", fake_send)
        pool = cloud.cognito.create_user_pool("p")
        with mock_aws(cloud):
            assert requests.get("https://example.com/x", timeout=5).status_code == 204
            other = f"https://cognito-idp.us-east-1.amazonaws.com/{pool.id}/.well-known/other"
            assert requests.get(other, timeout=5).status_code == 204
            assert requests.get(_url(pool, "jwks.json"), timeout=5).status_code == 200
        assert seen == ["https://example.com/x", other]
        assert requests.adapters.HTTPAdapter.send is fake_send


class TestPatchedOver:
    def test_someone_else_patches_inside(self, cloud: Cloud, monkeypatch: Any) -> None:
        """A patch made inside mock_aws is not clobbered on exit, and the bridge's wrapper
        left under it passes everything through once no mock_aws is active."""

        def network(adapter: Any, request: Any, **kwargs: Any) -> Any:
            response = requests.Response()
            response.status_code = 204
            return response

        monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", network)
        pool = cloud.cognito.create_user_pool("p")
        with mock_aws(cloud):
            ours = requests.adapters.HTTPAdapter.send

            def theirs(adapter: Any, request: Any, **kwargs: Any) -> Any:
                return ours(adapter, request, **kwargs)

            monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", theirs)
            assert requests.get(_url(pool, "jwks.json"), timeout=5).status_code == 200
        assert requests.adapters.HTTPAdapter.send is theirs
        assert requests.get(_url(pool, "jwks.json"), timeout=5).status_code == 204
