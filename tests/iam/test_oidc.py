"""OpenID Connect providers: the issuers STS takes web identity tokens from."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from .conftest import code

URL = "https://token.actions.githubusercontent.com"
ARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"


def test_lifecycle(iam: Any) -> None:
    """Create, read (Url without https://), list, change audiences and thumbprints, delete."""
    made = iam.create_open_id_connect_provider(Url=URL, ClientIDList=["sts.amazonaws.com"],
                                               ThumbprintList=["a" * 40])  # fmt: skip
    assert made["OpenIDConnectProviderArn"] == ARN
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=ARN)
    assert (got["Url"], got["ClientIDList"], got["ThumbprintList"]) == (
        "token.actions.githubusercontent.com", ["sts.amazonaws.com"], ["a" * 40]
    )  # fmt: skip
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=ARN, ClientID="x")
    iam.remove_client_id_from_open_id_connect_provider(
        OpenIDConnectProviderArn=ARN, ClientID="sts.amazonaws.com"
    )
    iam.update_open_id_connect_provider_thumbprint(
        OpenIDConnectProviderArn=ARN, ThumbprintList=["b" * 40]
    )
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=ARN)
    assert (got["ClientIDList"], got["ThumbprintList"]) == (["x"], ["b" * 40])
    listed = iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]
    assert [p["Arn"] for p in listed] == [ARN]
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=ARN)
    with pytest.raises(ClientError) as err:
        iam.get_open_id_connect_provider(OpenIDConnectProviderArn=ARN)
    assert code(err)[0] == "NoSuchEntity"


def test_duplicate_and_url(iam: Any) -> None:
    """One provider per URL; the URL must be https://."""
    iam.create_open_id_connect_provider(Url=URL)
    with pytest.raises(ClientError) as err:
        iam.create_open_id_connect_provider(Url=URL)
    assert code(err)[0] == "EntityAlreadyExists"
    with pytest.raises(ClientError) as err:
        iam.create_open_id_connect_provider(Url="http://idp.example.com")
    assert code(err)[0] == "InvalidInput"


def test_thumbprint_quota(iam: Any) -> None:
    """Five thumbprints fit; six do not."""
    iam.create_open_id_connect_provider(Url=URL, ThumbprintList=["a" * 40] * 5)
    with pytest.raises(ClientError) as err:
        iam.update_open_id_connect_provider_thumbprint(
            OpenIDConnectProviderArn=ARN, ThumbprintList=["a" * 40] * 6
        )
    assert code(err)[0] == "LimitExceeded"
