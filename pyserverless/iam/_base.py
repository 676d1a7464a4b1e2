"""What every part of the IAM engine shares: the one state, ids, names, tags, pages."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from . import _messages as msg
from ._errors import InvalidInputException, LimitExceededException, NoSuchEntityException
from ._limits import IAMLimits
from ._managed import MANAGED_BY_ARN
from ._model import Group, IAMState, ManagedPolicy, PolicyVersion, Role, User
from ._policy import Kind, PolicyDocument, parse

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["EngineBase"]

_T = TypeVar("_T")
_DEFAULT_PAGE = 100


class EngineBase:
    """IAM's engine for one Region of a Cloud; every Region's engine shares one state.

    IAM is global: the first IAM engine a Cloud builds holds the state, and the engines
    of other Regions read it through the Cloud (they hold no state of their own, so a
    snapshot copies IAM once).
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: IAMLimits = cloud.limits.for_service("iam")
        built = cloud.regions_with("iam")
        #: The Region whose engine holds the state (this one, if it is the first).
        self.home = built[0] if built else region
        self._state: IAMState | None = IAMState() if self.home == region else None

    @property
    def state(self) -> IAMState:
        """The Cloud's one IAM state."""
        if self._state is not None:
            return self._state
        home: EngineBase = self.cloud.engine("iam", self.home)
        return home.state

    @property
    def lock(self) -> threading.RLock:
        return self.state.lock

    # -- names and ids -----------------------------------------------------------------
    @property
    def account(self) -> str:
        return self.cloud.account_id

    def _arn(self, kind: str, path: str, name: str) -> str:
        return f"arn:aws:iam::{self.account}:{kind}{path}{name}"

    def _new_id(self, prefix: str) -> str:
        return prefix + self.cloud.ids.alnum(17, upper=True)

    def _now(self) -> datetime:
        return self.cloud.now()

    # -- lookups -----------------------------------------------------------------------
    def _role(self, name: str) -> Role:
        role = self.state.roles.get(name.lower())
        if role is None:
            raise NoSuchEntityException(msg.ROLE_NOT_FOUND.format(name))
        return role

    def _user(self, name: str) -> User:
        user = self.state.users.get(name.lower())
        if user is None:
            raise NoSuchEntityException(msg.USER_NOT_FOUND.format(name))
        return user

    def _group(self, name: str) -> Group:
        group = self.state.groups.get(name.lower())
        if group is None:
            raise NoSuchEntityException(msg.GROUP_NOT_FOUND.format(name))
        return group

    def _policy(self, arn: str) -> ManagedPolicy:
        """The managed policy ``arn`` names (an AWS one is made from the data on first use)."""
        if not arn.startswith("arn:aws:iam::") or ":policy/" not in arn:
            raise InvalidInputException(msg.BAD_ARN.format(arn))
        state = self.state
        found = state.policies.get(arn) or state.aws_policies.get(arn)
        if found is None and arn in MANAGED_BY_ARN:
            found = self._materialise(arn)
        if found is None:
            raise NoSuchEntityException(msg.POLICY_NOT_FOUND.format(arn))
        return found

    def _materialise(self, arn: str) -> ManagedPolicy:
        data = MANAGED_BY_ARN[arn]
        created = datetime.fromisoformat(data.created).replace(tzinfo=UTC)
        updated = (
            datetime.fromisoformat(data.updated).replace(tzinfo=UTC) if data.updated else created
        )
        doc = parse(data.text(), "identity")
        version = PolicyVersion(data.version, doc, updated)
        policy = ManagedPolicy(
            name=data.name, path=data.path, policy_id=data.policy_id, arn=arn,
            created=created, updated=updated, default_version=data.version,
            versions={data.version: version}, description=data.description,
            aws_managed=True,
        )  # fmt: skip
        self.state.aws_policies[arn] = policy
        return policy

    # -- shared parsing ----------------------------------------------------------------
    def _document(self, text: str, kind: Kind) -> PolicyDocument:
        return parse(text, kind)

    def _tags(self, tags: Sequence[dict[str, str]] | None, have: dict[str, str] | None = None,
              quota: str = "TagsPerRole") -> dict[str, str]:  # fmt: skip
        """``have`` with ``tags`` added (a new dict); refuse duplicates and the quota."""
        out = dict(have or {})
        seen: set[str] = set()
        for tag in tags or ():
            key = tag["Key"]
            if key.lower() in seen:
                raise InvalidInputException(
                    "Duplicate tag keys found. Please note that Tag keys are case insensitive."
                )
            seen.add(key.lower())
            for old in [k for k in out if k.lower() == key.lower()]:
                del out[old]
            out[key] = tag["Value"]
        if len(out) > self.limits.max_tags:
            raise LimitExceededException(msg.QUOTA.format(quota, self.limits.max_tags))
        return out

    def _page(self, items: Sequence[_T], params: dict[str, Any], key: Callable[[_T], str],
              field: str) -> dict[str, Any]:  # fmt: skip
        """One page of ``items`` (sorted by ``key``) under ``field``, IAM's Marker style."""
        limit = params.get("MaxItems") or _DEFAULT_PAGE
        marker = params.get("Marker")
        start = 0
        if marker is not None:
            keys = [key(item) for item in items]
            start = keys.index(marker) if marker in keys else len(items)
        page = list(items[start : start + limit])
        out: dict[str, Any] = {field: page, "IsTruncated": start + limit < len(items)}
        if out["IsTruncated"]:
            out["Marker"] = key(items[start + limit])
        return out
