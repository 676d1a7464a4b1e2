"""OpenID Connect identity providers: the issuers STS accepts web identity tokens from."""

from __future__ import annotations

from typing import Any

from . import _messages as msg
from ._base import EngineBase
from ._errors import (
    EntityAlreadyExistsException,
    InvalidInputException,
    LimitExceededException,
    NoSuchEntityException,
)
from ._model import OidcProvider

__all__ = ["OidcOps"]

_MAX_CLIENT_IDS = 100
_MAX_THUMBPRINTS = 5
_UNEMULATED = ("ContextProvider", "IdentityCenterInstanceArn")


class OidcOps(EngineBase):
    """The OpenID Connect provider operations of the IAM engine."""

    def oidc_client_ids(self, issuer: str) -> list[str] | None:
        """The audiences the provider of ``issuer`` (with or without ``https://``) accepts,
        or None when the account has no such provider (STS's check of a web identity).

        >>> from pyserverless import Cloud
        >>> iam = Cloud.manual().client("iam")
        >>> _ = iam.create_open_id_connect_provider(Url="https://idp.example.com",
        ...                                         ClientIDList=["app"])
        >>> iam._engine.oidc_client_ids("https://idp.example.com")
        ['app']
        """
        found = self.state.oidc.get(issuer.removeprefix("https://").rstrip("/"))
        return None if found is None else list(found.client_ids)

    def _provider(self, arn: str) -> OidcProvider:
        host = arn.split(":oidc-provider/", 1)[-1]
        found = self.state.oidc.get(host)
        if found is None or found.arn != arn:
            raise NoSuchEntityException(msg.OIDC_NOT_FOUND.format(arn))
        return found

    def create_open_id_connect_provider(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateOpenIDConnectProvider: trust an issuer's tokens for these audiences."""
        for name in _UNEMULATED:
            if name in params:
                raise InvalidInputException(f"{name} is not supported by this emulation of IAM")
        url = params["Url"]
        if not url.startswith("https://") or len(url) <= len("https://"):
            raise InvalidInputException(msg.OIDC_URL.format(url))
        client_ids = list(dict.fromkeys(params.get("ClientIDList") or []))
        thumbprints = list(params.get("ThumbprintList") or [])
        if len(client_ids) > _MAX_CLIENT_IDS or len(thumbprints) > _MAX_THUMBPRINTS:
            raise LimitExceededException(msg.QUOTA.format("ClientIDsPerOpenIdConnectProvider",
                                                          _MAX_CLIENT_IDS))  # fmt: skip
        host = url.removeprefix("https://").rstrip("/")
        with self.lock:
            state = self.state
            if host in state.oidc:
                raise EntityAlreadyExistsException(msg.OIDC_EXISTS.format(url))
            tags = self._tags(params.get("Tags"), quota="TagsPerOpenIdConnectProvider")
            provider = OidcProvider(
                host=host, arn=f"arn:aws:iam::{self.account}:oidc-provider/{host}",
                created=self._now(), client_ids=client_ids, thumbprints=thumbprints, tags=tags,
            )  # fmt: skip
            state.oidc[host] = provider
            out: dict[str, Any] = {"OpenIDConnectProviderArn": provider.arn}
            if tags:
                out["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
            return out

    def get_open_id_connect_provider(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetOpenIDConnectProvider: its URL (without ``https://``), audiences, thumbprints."""
        with self.lock:
            found = self._provider(params["OpenIDConnectProviderArn"])
            out: dict[str, Any] = {
                "Url": found.host,
                "ClientIDList": list(found.client_ids),
                "ThumbprintList": list(found.thumbprints),
                "CreateDate": found.created,
            }
            if found.tags:
                out["Tags"] = [{"Key": k, "Value": v} for k, v in found.tags.items()]
            return out

    def list_open_id_connect_providers(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListOpenIDConnectProviders: every provider's ARN."""
        with self.lock:
            arns = sorted(p.arn for p in self.state.oidc.values())
            return {"OpenIDConnectProviderList": [{"Arn": a} for a in arns]}

    def delete_open_id_connect_provider(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteOpenIDConnectProvider: forget the provider."""
        with self.lock:
            found = self._provider(params["OpenIDConnectProviderArn"])
            del self.state.oidc[found.host]
            return {}

    def add_client_id_to_open_id_connect_provider(self, params: dict[str, Any]) -> dict[str, Any]:
        """AddClientIDToOpenIDConnectProvider: accept one more audience."""
        with self.lock:
            found = self._provider(params["OpenIDConnectProviderArn"])
            if params["ClientID"] not in found.client_ids:
                if len(found.client_ids) >= _MAX_CLIENT_IDS:
                    raise LimitExceededException(
                        msg.QUOTA.format("ClientIDsPerOpenIdConnectProvider", _MAX_CLIENT_IDS)
                    )
                found.client_ids.append(params["ClientID"])
            return {}

    def remove_client_id_from_open_id_connect_provider(
        self, params: dict[str, Any]
    ) -> dict[str, Any]:
        """RemoveClientIDFromOpenIDConnectProvider: stop accepting an audience."""
        with self.lock:
            found = self._provider(params["OpenIDConnectProviderArn"])
            if params["ClientID"] in found.client_ids:
                found.client_ids.remove(params["ClientID"])
            return {}

    def update_open_id_connect_provider_thumbprint(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateOpenIDConnectProviderThumbprint: replace the thumbprints."""
        thumbprints = list(params["ThumbprintList"])
        if len(thumbprints) > _MAX_THUMBPRINTS:
            raise LimitExceededException(
                msg.QUOTA.format("ThumbprintsPerOpenIdConnectProvider", _MAX_THUMBPRINTS)
            )
        with self.lock:
            found = self._provider(params["OpenIDConnectProviderArn"])
            found.thumbprints = thumbprints
            return {}
