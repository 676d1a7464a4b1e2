"""Public keys and key groups: the signers of signed URLs and signed cookies.

A cache behavior that names trusted key groups serves only requests signed by the
private half of one of their public keys (see :mod:`pyserverless.cdn._signed`). A key
is an RSA 2048-bit or an ECDSA P-256 public key in PEM; CloudFront lets only a key's
comment change, and neither a key in a group nor a group in a behavior can be deleted.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from ._base import EngineBase, Params, Response, check_if_match, page
from ._errors import (
    CannotChangeImmutablePublicKeyFields,
    InvalidArgument,
    KeyGroupAlreadyExists,
    NoSuchPublicKey,
    NoSuchResource,
    PublicKeyAlreadyExists,
    PublicKeyInUse,
    ResourceInUse,
    TooManyKeyGroups,
    TooManyKeyGroupsAssociatedToDistribution,
    TooManyPublicKeys,
    TooManyPublicKeysInKeyGroup,
    TrustedKeyGroupDoesNotExist,
)
from ._limits import CloudFrontLimits
from ._model import PolicyRecord
from ._plan import items

__all__ = ["KeyOps", "check_key_groups", "load_key", "trusted_groups"]

_BASE = "https://cloudfront.amazonaws.com/2020-05-31/"


def load_key(pem: str) -> Any:
    """The public key in ``pem``, or InvalidArgument when it is not one CloudFront takes.

    >>> from cryptography.hazmat.primitives.asymmetric import ec
    >>> from cryptography.hazmat.primitives import serialization as s
    >>> key = ec.generate_private_key(ec.SECP256R1()).public_key()
    >>> pem = key.public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode()
    >>> isinstance(load_key(pem), ec.EllipticCurvePublicKey)
    True
    >>> load_key("not a key")
    Traceback (most recent call last):
    ...
    pyserverless.cdn._errors.InvalidArgument: ... Invalid value for parameter EncodedKey.
    """
    try:
        key = serialization.load_pem_public_key(pem.strip().encode())
    except (ValueError, TypeError):
        key = None
    if isinstance(key, rsa.RSAPublicKey) and key.key_size == 2048:
        return key
    if isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, ec.SECP256R1):
        return key
    # [?] the text; AWS documents RSA 2048 and (since September 2025) ECDSA P-256 keys.
    raise InvalidArgument("Invalid value for parameter EncodedKey.")


def trusted_groups(behavior: Mapping[str, Any]) -> tuple[str, ...]:
    """The key group ids a behavior trusts (none: the behavior is public)."""
    block = behavior.get("TrustedKeyGroups") or {}
    return tuple(items(block)) if block.get("Enabled") else ()


def check_key_groups(
    config: Mapping[str, Any], key_groups: Mapping[str, PolicyRecord], limits: CloudFrontLimits
) -> None:
    """Every trusted key group exists; at most four per distribution."""
    behaviors = [config["DefaultCacheBehavior"], *items(config.get("CacheBehaviors"))]
    named: set[str] = set()
    for behavior in behaviors:
        block = behavior.get("TrustedKeyGroups") or {}
        groups = items(block)
        if block.get("Enabled") and not groups:
            raise InvalidArgument(
                "The parameter TrustedKeyGroups must contain at least one key group when it "
                "is enabled."
            )  # [?] the text
        for group in groups:
            if group not in key_groups:
                raise TrustedKeyGroupDoesNotExist(
                    "One or more of your trusted key groups do not exist."
                )
        named.update(groups)
    if len(named) > limits.max_key_groups_per_distribution:
        raise TooManyKeyGroupsAssociatedToDistribution(
            "Your request contains more key groups than are allowed per distribution."
        )


class KeyOps(EngineBase):
    """CreatePublicKey, CreateKeyGroup and their Get, Update, Delete and List."""

    # -- public keys ------------------------------------------------------------------
    def _public_key(self, key_id: str) -> PolicyRecord:
        record = self.public_keys.get(key_id)
        if record is None:
            raise NoSuchPublicKey("The specified public key does not exist.")
        return record

    def _key_answer(self, record: PolicyRecord) -> dict[str, Any]:
        return {
            "Id": record.id,
            "CreatedTime": self.when(record.modified),
            "PublicKeyConfig": copy.deepcopy(record.config),
        }

    def create_public_key(self, params: Params) -> Response:
        """CreatePublicKey: an RSA 2048 or ECDSA P-256 key in PEM (``CallerReference``)."""
        config = copy.deepcopy(params["PublicKeyConfig"])
        with self.lock:
            for other in self.public_keys.values():
                if other.config["CallerReference"] == config["CallerReference"] or (
                    other.config["Name"] == config["Name"]
                ):
                    raise PublicKeyAlreadyExists("The specified public key already exists.")
            load_key(config["EncodedKey"])
            if len(self.public_keys) >= self.limits.max_public_keys:
                raise TooManyPublicKeys(
                    "The maximum number of public keys for this account has been reached."
                )
            key_id = "K" + self.cloud.ids.alnum(13, upper=True)
            record = PolicyRecord(key_id, config, self.etag(), self.cloud.clock.time())
            self.public_keys[key_id] = record
            return {
                "PublicKey": self._key_answer(record),
                "Location": _BASE + "public-key/" + key_id,
                "ETag": record.etag,
            }

    def get_public_key(self, params: Params) -> Response:
        """GetPublicKey."""
        with self.lock:
            record = self._public_key(params["Id"])
            return {"PublicKey": self._key_answer(record), "ETag": record.etag}

    def get_public_key_config(self, params: Params) -> Response:
        """GetPublicKeyConfig."""
        with self.lock:
            record = self._public_key(params["Id"])
            return {"PublicKeyConfig": copy.deepcopy(record.config), "ETag": record.etag}

    def update_public_key(self, params: Params) -> Response:
        """UpdatePublicKey: only the comment can change."""
        config = copy.deepcopy(params["PublicKeyConfig"])
        with self.lock:
            record = self._public_key(params["Id"])
            check_if_match(params.get("IfMatch"), record.etag)
            for field in ("CallerReference", "Name", "EncodedKey"):
                if config.get(field) != record.config.get(field):
                    raise CannotChangeImmutablePublicKeyFields(
                        "You can't change the value of a public key."
                    )
            record.config = config
            record.etag = self.etag()
            return {"PublicKey": self._key_answer(record), "ETag": record.etag}

    def delete_public_key(self, params: Params) -> Response:
        """DeletePublicKey: not while a key group holds it."""
        with self.lock:
            record = self._public_key(params["Id"])
            check_if_match(params.get("IfMatch"), record.etag)
            if any(record.id in g.config.get("Items", ()) for g in self.key_groups.values()):
                raise PublicKeyInUse("The specified public key is in use.")
            del self.public_keys[record.id]
            return {}

    def list_public_keys(self, params: Params) -> Response:
        """ListPublicKeys."""
        with self.lock:
            rows = sorted(self.public_keys.values(), key=lambda r: r.modified)
            chosen, next_marker, size = page(rows, params, self.limits.max_page)
            listing: dict[str, Any] = {"MaxItems": size, "Quantity": len(chosen)}
            if chosen:
                listing["Items"] = [
                    {
                        "Id": r.id,
                        "Name": r.config["Name"],
                        "CreatedTime": self.when(r.modified),
                        "EncodedKey": r.config["EncodedKey"],
                        **({"Comment": r.config["Comment"]} if "Comment" in r.config else {}),
                    }
                    for r in chosen
                ]
            if next_marker is not None:
                listing["NextMarker"] = next_marker
            return {"PublicKeyList": listing}

    # -- key groups -------------------------------------------------------------------
    def _key_group(self, group_id: str) -> PolicyRecord:
        record = self.key_groups.get(group_id)
        if record is None:
            raise NoSuchResource("The specified key group does not exist.")
        return record

    def _group_answer(self, record: PolicyRecord) -> dict[str, Any]:
        return {
            "Id": record.id,
            "LastModifiedTime": self.when(record.modified),
            "KeyGroupConfig": copy.deepcopy(record.config),
        }

    def _check_group(self, config: Mapping[str, Any], skip: str | None) -> None:
        for other in self.key_groups.values():
            if other.id != skip and other.config["Name"] == config["Name"]:
                raise KeyGroupAlreadyExists("A key group with this name already exists.")
        keys = list(config.get("Items") or [])
        if len(keys) > self.limits.max_keys_per_group:
            raise TooManyPublicKeysInKeyGroup(
                "The number of public keys in this key group is more than the maximum allowed."
            )
        for key_id in keys:
            self._public_key(key_id)

    def create_key_group(self, params: Params) -> Response:
        """CreateKeyGroup: a name and up to five public key ids."""
        config = copy.deepcopy(params["KeyGroupConfig"])
        with self.lock:
            self._check_group(config, None)
            if len(self.key_groups) >= self.limits.max_key_groups:
                raise TooManyKeyGroups(
                    "You have reached the maximum number of key groups for this account."
                )
            group_id = self.cloud.ids.uuid()
            record = PolicyRecord(group_id, config, self.etag(), self.cloud.clock.time())
            self.key_groups[group_id] = record
            return {
                "KeyGroup": self._group_answer(record),
                "Location": _BASE + "key-group/" + group_id,
                "ETag": record.etag,
            }

    def get_key_group(self, params: Params) -> Response:
        """GetKeyGroup."""
        with self.lock:
            record = self._key_group(params["Id"])
            return {"KeyGroup": self._group_answer(record), "ETag": record.etag}

    def get_key_group_config(self, params: Params) -> Response:
        """GetKeyGroupConfig."""
        with self.lock:
            record = self._key_group(params["Id"])
            return {"KeyGroupConfig": copy.deepcopy(record.config), "ETag": record.etag}

    def update_key_group(self, params: Params) -> Response:
        """UpdateKeyGroup: the whole config, ``IfMatch`` the current ETag."""
        config = copy.deepcopy(params["KeyGroupConfig"])
        with self.lock:
            record = self._key_group(params["Id"])
            check_if_match(params.get("IfMatch"), record.etag)
            self._check_group(config, record.id)
            record.config = config
            record.etag = self.etag()
            record.modified = self.cloud.clock.time()
            return {"KeyGroup": self._group_answer(record), "ETag": record.etag}

    def delete_key_group(self, params: Params) -> Response:
        """DeleteKeyGroup: not while a cache behavior trusts it."""
        with self.lock:
            record = self._key_group(params["Id"])
            check_if_match(params.get("IfMatch"), record.etag)
            for dist in self.distributions.values():
                config = dist.config
                behaviors = [config["DefaultCacheBehavior"], *items(config.get("CacheBehaviors"))]
                if any(record.id in items(b.get("TrustedKeyGroups")) for b in behaviors):
                    raise ResourceInUse(
                        "Cannot delete this resource because it is in use."
                    )  # [?] the text
            del self.key_groups[record.id]
            return {}

    def list_key_groups(self, params: Params) -> Response:
        """ListKeyGroups."""
        with self.lock:
            rows = sorted(self.key_groups.values(), key=lambda r: r.modified)
            chosen, next_marker, size = page(rows, params, self.limits.max_page)
            listing: dict[str, Any] = {"MaxItems": size, "Quantity": len(chosen)}
            if chosen:
                listing["Items"] = [{"KeyGroup": self._group_answer(r)} for r in chosen]
            if next_marker is not None:
                listing["NextMarker"] = next_marker
            return {"KeyGroupList": listing}

    def _active_key_groups(self, config: Mapping[str, Any]) -> dict[str, Any]:
        """A distribution's ``ActiveTrustedKeyGroups``: each group and its key ids."""
        behaviors = [config["DefaultCacheBehavior"], *items(config.get("CacheBehaviors"))]
        seen: list[str] = []
        for behavior in behaviors:
            seen.extend(g for g in trusted_groups(behavior) if g not in seen)
        if not seen:
            return {"Enabled": False, "Quantity": 0}
        rows = []
        for group_id in seen:
            keys = list(self.key_groups[group_id].config.get("Items") or [])
            rows.append(
                {"KeyGroupId": group_id, "KeyPairIds": {"Quantity": len(keys), "Items": keys}}
            )
        return {"Enabled": True, "Quantity": len(rows), "Items": rows}
