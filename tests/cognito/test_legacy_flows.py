"""Legacy ExplicitAuthFlows values (issue 13): ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH and
CUSTOM_AUTH_FLOW_ONLY, as AWS had them before the ALLOW_ values: SRP and refresh allowed
unless the client is custom-only, and never mixed with ALLOW_ values."""

from __future__ import annotations

from typing import Any

import pytest
from pycognito.aws_srp import AWSSRP

from pyserverless.cognito import UserPool
from pyserverless.cognito._errors import InvalidParameterException

from .conftest import PASSWORD


def _client(idp: Any, pool: UserPool, flows: list[str]) -> str:
    out = idp.create_user_pool_client(
        UserPoolId=pool.id, ClientName="legacy", ExplicitAuthFlows=flows
    )
    return str(out["UserPoolClient"]["ClientId"])


def _refresh_token(idp: Any, pool: UserPool, client_id: str) -> str:
    out = idp.admin_initiate_auth(
        UserPoolId=pool.id,
        ClientId=client_id,
        AuthFlow="ADMIN_NO_SRP_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
    )
    return str(out["AuthenticationResult"]["RefreshToken"])


def _srp(idp: Any, pool: UserPool, client_id: str) -> dict[str, Any]:
    srp = AWSSRP(
        username="ann", password=PASSWORD, pool_id=pool.id, client_id=client_id, client=idp
    )
    result: dict[str, Any] = srp.authenticate_user()
    return result


class TestLegacyValues:
    def test_admin_no_srp_auth_implies_srp_and_refresh(
        self, idp: Any, pool: UserPool, make_user: Any
    ) -> None:
        """ADMIN_NO_SRP_AUTH alone: admin password sign-in, SRP and refresh all work."""
        make_user("ann")
        client_id = _client(idp, pool, ["ADMIN_NO_SRP_AUTH"])
        refresh = _refresh_token(idp, pool, client_id)
        assert "AccessToken" in _srp(idp, pool, client_id)["AuthenticationResult"]
        out = idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh},
        )
        assert "AccessToken" in out["AuthenticationResult"]
        with pytest.raises(idp.exceptions.InvalidParameterException, match="not enabled"):
            idp.initiate_auth(
                ClientId=client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
            )

    def test_user_password_auth(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """Legacy USER_PASSWORD_AUTH: password sign-in and SRP, not admin password."""
        make_user("ann")
        client_id = _client(idp, pool, ["USER_PASSWORD_AUTH"])
        out = idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        assert "AccessToken" in out["AuthenticationResult"]
        assert "AccessToken" in _srp(idp, pool, client_id)["AuthenticationResult"]
        with pytest.raises(idp.exceptions.InvalidParameterException, match="not enabled"):
            _refresh_token(idp, pool, client_id)

    def test_custom_auth_flow_only(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """CUSTOM_AUTH_FLOW_ONLY: no SRP; the custom flow and refresh remain."""
        make_user("ann")
        client_id = _client(idp, pool, ["CUSTOM_AUTH_FLOW_ONLY"])
        with pytest.raises(idp.exceptions.InvalidParameterException, match="not enabled"):
            _srp(idp, pool, client_id)
        with pytest.raises(idp.exceptions.InvalidParameterException, match="not enabled"):
            idp.initiate_auth(
                ClientId=client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
            )
        with pytest.raises(idp.exceptions.NotAuthorizedException, match="Invalid Refresh Token"):
            idp.initiate_auth(
                ClientId=client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": "x"},
            )

    def test_new_values_unchanged(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """ALLOW_ values imply nothing: ALLOW_USER_PASSWORD_AUTH alone has no SRP."""
        make_user("ann")
        client_id = _client(idp, pool, ["ALLOW_USER_PASSWORD_AUTH"])
        with pytest.raises(idp.exceptions.InvalidParameterException, match="not enabled"):
            _srp(idp, pool, client_id)

    @pytest.mark.parametrize("operation", ["create", "update"])
    def test_mixing_refused(self, idp: Any, pool: UserPool, operation: str) -> None:
        """Legacy and ALLOW_ values together are refused, and nothing changes."""
        flows = ["ADMIN_NO_SRP_AUTH", "ALLOW_USER_SRP_AUTH"]
        if operation == "create":
            with pytest.raises(idp.exceptions.InvalidParameterException):
                _client(idp, pool, flows)
            assert pool.clients() == []
            return
        client_id = _client(idp, pool, ["ALLOW_USER_SRP_AUTH"])
        with pytest.raises(idp.exceptions.InvalidParameterException):
            idp.update_user_pool_client(
                UserPoolId=pool.id, ClientId=client_id, ExplicitAuthFlows=flows
            )
        assert pool.client(client_id).describe().explicit_auth_flows == ("ALLOW_USER_SRP_AUTH",)

    def test_error_class(self) -> None:
        """The refusal is InvalidParameterException."""
        from pyserverless.cognito._settings import check_flow_mix

        with pytest.raises(InvalidParameterException):
            check_flow_mix(["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        check_flow_mix(["USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"])
