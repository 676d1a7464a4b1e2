"""The key operations of ``cloud.client("cloudfront")``: public keys and key groups.

>>> from pyserverless import Cloud
>>> from cryptography.hazmat.primitives.asymmetric import rsa
>>> from cryptography.hazmat.primitives import serialization as s
>>> cf = Cloud.manual().client("cloudfront")
>>> pem = rsa.generate_private_key(65537, 2048).public_key().public_bytes(
...     s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode()
>>> key = cf.create_public_key(PublicKeyConfig={
...     "CallerReference": "k1", "Name": "signer", "EncodedKey": pem})["PublicKey"]
>>> group = cf.create_key_group(KeyGroupConfig={"Name": "signers", "Items": [key["Id"]]})
>>> group["KeyGroup"]["KeyGroupConfig"]["Items"] == [key["Id"]]
True
"""

from __future__ import annotations

from typing import Any

from .._core.client import Params, Response, operation

__all__ = ["KeyClientOps"]


class KeyClientOps:
    """CreatePublicKey, CreateKeyGroup and the rest, delegated to the engine."""

    _engine: Any

    @operation("CreatePublicKey")
    def create_public_key(self, params: Params) -> Response:
        """Upload a public key that signed URLs and cookies can be verified with.

        CreatePublicKey. Required: ``PublicKeyConfig`` (``CallerReference``, ``Name``,
        ``EncodedKey``: an RSA 2048-bit or ECDSA P-256 key in PEM). Returns
        ``PublicKey``, ``Location`` and ``ETag``.
        """
        return self._engine.create_public_key(params)  # type: ignore[no-any-return]

    @operation("GetPublicKey")
    def get_public_key(self, params: Params) -> Response:
        """Read a public key. GetPublicKey. Required: ``Id``."""
        return self._engine.get_public_key(params)  # type: ignore[no-any-return]

    @operation("GetPublicKeyConfig")
    def get_public_key_config(self, params: Params) -> Response:
        """Read a public key's config. GetPublicKeyConfig. Required: ``Id``."""
        return self._engine.get_public_key_config(params)  # type: ignore[no-any-return]

    @operation("UpdatePublicKey")
    def update_public_key(self, params: Params) -> Response:
        """Change a public key's comment (nothing else can change).

        UpdatePublicKey. Required: ``Id``, ``PublicKeyConfig``, ``IfMatch``.
        """
        return self._engine.update_public_key(params)  # type: ignore[no-any-return]

    @operation("DeletePublicKey")
    def delete_public_key(self, params: Params) -> Response:
        """Delete a public key no key group holds.

        DeletePublicKey. Required: ``Id``, ``IfMatch``.
        """
        return self._engine.delete_public_key(params)  # type: ignore[no-any-return]

    @operation("ListPublicKeys")
    def list_public_keys(self, params: Params) -> Response:
        """List the account's public keys. ListPublicKeys (``Marker``, ``MaxItems``)."""
        return self._engine.list_public_keys(params)  # type: ignore[no-any-return]

    @operation("CreateKeyGroup")
    def create_key_group(self, params: Params) -> Response:
        """Group up to five public keys for a cache behavior to trust.

        CreateKeyGroup. Required: ``KeyGroupConfig`` (``Name``, ``Items``: public key ids).
        Returns ``KeyGroup``, ``Location`` and ``ETag``.
        """
        return self._engine.create_key_group(params)  # type: ignore[no-any-return]

    @operation("GetKeyGroup")
    def get_key_group(self, params: Params) -> Response:
        """Read a key group. GetKeyGroup. Required: ``Id``."""
        return self._engine.get_key_group(params)  # type: ignore[no-any-return]

    @operation("GetKeyGroupConfig")
    def get_key_group_config(self, params: Params) -> Response:
        """Read a key group's config. GetKeyGroupConfig. Required: ``Id``."""
        return self._engine.get_key_group_config(params)  # type: ignore[no-any-return]

    @operation("UpdateKeyGroup")
    def update_key_group(self, params: Params) -> Response:
        """Replace a key group's whole config.

        UpdateKeyGroup. Required: ``Id``, ``KeyGroupConfig``, ``IfMatch``.
        """
        return self._engine.update_key_group(params)  # type: ignore[no-any-return]

    @operation("DeleteKeyGroup")
    def delete_key_group(self, params: Params) -> Response:
        """Delete a key group no behavior trusts. DeleteKeyGroup. Required: ``Id``, ``IfMatch``."""
        return self._engine.delete_key_group(params)  # type: ignore[no-any-return]

    @operation("ListKeyGroups")
    def list_key_groups(self, params: Params) -> Response:
        """List the account's key groups. ListKeyGroups (``Marker``, ``MaxItems``)."""
        return self._engine.list_key_groups(params)  # type: ignore[no-any-return]
