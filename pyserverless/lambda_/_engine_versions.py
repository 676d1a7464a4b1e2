"""Published versions and aliases (PublishVersion, Create/Get/Update/DeleteAlias).

A base class of :class:`~pyserverless.lambda_._engine.LambdaService`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from . import _messages as msg
from ._errors import (
    InvalidParameterValueException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from ._limits import LambdaLimits
from ._model import Alias, Page
from ._validate import ALIAS_NAME, Checks, check_weights, paginate

if TYPE_CHECKING:
    from ._model import FunctionConfig, FunctionState

__all__ = ["Versions"]


class Versions:
    """Published versions and aliases of each function."""

    limits: LambdaLimits
    _lock: threading.RLock

    if TYPE_CHECKING:

        def _function(self, ref: str) -> FunctionState: ...

        def _check_revision(self, current: str, given: str | None) -> None: ...

        def _revision(self) -> str: ...

        def alias_deleted(self, fn: FunctionState, alias: str) -> None: ...

        def bump_revision(self, ref: str) -> str: ...

    # -- versions and aliases ------------------------------------------------------------
    def publish_version(
        self,
        ref: str,
        *,
        description: str | None = None,
        code_sha256: str | None = None,
        revision_id: str | None = None,
    ) -> FunctionConfig:
        """Snapshot ``$LATEST`` as the next version (or return the last one if unchanged).

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("lambda")
        >>> _ = engine.create_function("f", handler=lambda e, c: "v1")
        >>> engine.publish_version("f").version
        '1'
        >>> engine.publish_version("f").version  # nothing changed
        '1'
        """
        fn = self._function(ref)
        with self._lock:
            latest = fn.latest
            if code_sha256 is not None and code_sha256 != latest.code_sha256:
                raise InvalidParameterValueException(
                    f"CodeSHA256 ({code_sha256}) is different from current CodeSHA256 in "
                    f"$LATEST ({latest.code_sha256}). Please try again with the CodeSHA256 in "
                    "$LATEST."
                )
            self._check_revision(latest.revision_id, revision_id)
            if fn.versions:
                last = fn.versions[str(fn.next_version - 1)]
                if last.content_revision == latest.content_revision:
                    return last
            if len(fn.versions) >= self.limits.max_versions:
                raise ResourceConflictException("Function version limit exceeded")
            version = str(fn.next_version)
            fn.next_version += 1
            snapshot = attrs.evolve(
                latest,
                version=version,
                description=latest.description if description is None else description,
            )
            fn.versions[version] = snapshot
            return snapshot

    def _alias_versions(self, alias: Alias) -> set[str]:
        return {alias.function_version, *alias.routing}

    def _check_alias_target(
        self, fn: FunctionState, version: str, routing: Mapping[str, float] | None
    ) -> dict[str, float]:
        weights = dict(routing or {})
        if len(weights) > 1:
            raise InvalidParameterValueException(msg.ROUTING_TOO_MANY)
        if weights and version == "$LATEST":
            raise InvalidParameterValueException(msg.ROUTING_LATEST)
        if version != "$LATEST" and version not in fn.versions:
            raise ResourceNotFoundException(
                msg.FUNCTION_NOT_FOUND.format(arn=f"{fn.arn}:{version}")
            )
        for extra in weights:
            if extra == version:
                raise InvalidParameterValueException(
                    msg.ROUTING_SAME_VERSION.format(version=version)
                )
            if extra not in fn.versions:
                raise ResourceNotFoundException(
                    msg.FUNCTION_NOT_FOUND.format(arn=f"{fn.arn}:{extra}")
                )
        return weights

    def _alias_function(self, ref: str, version: str | None) -> FunctionState:
        """The function an alias operation names; an unknown one is reported with the
        version asked for (AWS's answer to CreateAlias on a missing function)."""
        try:
            return self._function(ref)
        except ResourceNotFoundException as exc:
            if version is None:
                raise
            raise ResourceNotFoundException(f"{exc.message}:{version}") from None

    def create_alias(
        self,
        ref: str,
        name: str,
        version: str,
        *,
        description: str = "",
        routing: Mapping[str, float] | None = None,
    ) -> Alias:
        """Create an alias for ``version``, optionally routing a weight to a second version.

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("lambda")
        >>> _ = engine.create_function("f", handler=lambda e, c: c.function_version)
        >>> _ = engine.publish_version("f")
        >>> engine.create_alias("f", "live", "1").arn
        'arn:aws:lambda:us-east-1:123456789012:function:f:live'
        >>> engine.invoke("f", qualifier="live").payload
        b'"1"'
        """
        checks = Checks()
        checks.pattern(name, "name", ALIAS_NAME, 128)
        check_weights(checks, routing)
        checks.raise_if_any()
        fn = self._alias_function(ref, version)
        with self._lock:
            weights = self._check_alias_target(fn, version, routing)
            alias_arn = f"{fn.arn}:{name}"
            if name in fn.aliases:
                raise ResourceConflictException(msg.ALIAS_EXISTS.format(arn=alias_arn))
            alias = Alias(
                name, alias_arn, version, description, MappingProxyType(weights), self._revision()
            )
            fn.aliases[name] = alias
            self.bump_revision(fn.name)
            return alias

    def get_alias(self, ref: str, name: str) -> Alias:
        fn = self._function(ref)
        alias = fn.aliases.get(name)
        if alias is None:
            raise ResourceNotFoundException(msg.ALIAS_NOT_FOUND.format(arn=f"{fn.arn}:{name}"))
        return alias

    def update_alias(
        self,
        ref: str,
        name: str,
        *,
        version: str | None = None,
        description: str | None = None,
        routing: Mapping[str, float] | None = None,
        revision_id: str | None = None,
    ) -> Alias:
        """Point an alias elsewhere or change its routing weights."""
        checks = Checks()
        check_weights(checks, routing)
        checks.raise_if_any()
        fn = self._function(ref)
        with self._lock:
            alias = self.get_alias(ref, name)
            self._check_revision(alias.revision_id, revision_id)
            target = alias.function_version if version is None else version
            weights = self._check_alias_target(
                fn, target, alias.routing if routing is None else routing
            )
            alias = attrs.evolve(
                alias,
                function_version=target,
                description=alias.description if description is None else description,
                routing=MappingProxyType(weights),
                revision_id=self._revision(),
            )
            fn.aliases[name] = alias
            self.bump_revision(fn.name)
            return alias

    def list_versions_by_function(
        self, ref: str, *, marker: str | None = None, max_items: int | None = None
    ) -> Page:
        """ListVersionsByFunction: one page of ``$LATEST`` then each version, oldest first."""
        fn = self._function(ref)
        with self._lock:
            configs = [fn.latest, *(fn.versions[v] for v in sorted(fn.versions, key=int))]
        order = {id(c): i for i, c in enumerate(configs)}
        page, next_marker = paginate(
            configs, lambda c: f"{order[id(c)]:08d}", marker, max_items, self.limits
        )
        return Page(tuple(page), next_marker)

    def list_aliases(
        self,
        ref: str,
        *,
        function_version: str | None = None,
        marker: str | None = None,
        max_items: int | None = None,
    ) -> Page:
        """ListAliases: one page of a function's aliases by name (of one version if given)."""
        fn = self._function(ref)
        with self._lock:
            aliases = [fn.aliases[name] for name in sorted(fn.aliases)]
        if function_version is not None:
            aliases = [a for a in aliases if a.function_version == function_version]
        page, next_marker = paginate(aliases, lambda a: a.name, marker, max_items, self.limits)
        return Page(tuple(page), next_marker)

    def delete_alias(self, ref: str, name: str) -> None:
        fn = self._function(ref)
        with self._lock:
            if fn.aliases.pop(name, None) is not None:
                self.bump_revision(fn.name)
                self.alias_deleted(fn, name)  # its URL, policy and provisioned config (_urls)
