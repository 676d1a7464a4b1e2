"""Function tags: CreateFunction's ``Tags``, TagResource, UntagResource and ListTags.

Tags belong to the function (its unqualified ARN); a version's or alias's ARN is
refused as AWS refuses it. Every check runs before anything changes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from . import _messages as msg
from ._errors import InvalidParameterValueException, ResourceNotFoundException
from ._limits import LambdaLimits
from ._validate import Checks

if TYPE_CHECKING:
    from ._model import FunctionState

__all__ = ["Tags", "check_tags"]

#: botocore's TaggableResource pattern (lambda service-2.json), functions part named.
TAGGABLE = re.compile(
    r"^arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:"
    r"(function:(?P<name>[a-zA-Z0-9-_]+)(?P<qualifier>:(\$LATEST|[a-zA-Z0-9-_]+))?"
    r"|code-signing-config:csc-[a-z0-9]{17}"
    r"|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)$"
)
TAGGABLE_TEXT = re.sub(r"\?P<\w+>", "", TAGGABLE.pattern)[1:-1]


def _check_key(key: Any, limits: LambdaLimits) -> str:
    if not isinstance(key, str) or not 1 <= len(key) <= limits.max_tag_key_length:
        raise InvalidParameterValueException(
            msg.TAG_KEY_LENGTH.format(limit=limits.max_tag_key_length, key=key)
        )
    if key.lower().startswith("aws:"):
        raise InvalidParameterValueException(msg.TAG_KEY_RESERVED)
    return key


def check_tags(
    tags: Mapping[str, str] | None,
    limits: LambdaLimits,
    existing: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Validate tags to add to ``existing``; return the merged tags.

    >>> check_tags({"team": "a"}, LambdaLimits(), {"env": "dev"})
    {'env': 'dev', 'team': 'a'}
    >>> check_tags({"aws:x": "1"}, LambdaLimits())
    Traceback (most recent call last):
    ...
    pyserverless.lambda_.InvalidParameterValueException: ... reserved prefix 'aws:'.
    """
    existing = existing or {}
    if not tags:
        return dict(existing)
    if not isinstance(tags, Mapping):
        raise InvalidParameterValueException("Tags must be a map of strings to strings")
    for key, value in tags.items():
        _check_key(key, limits)
        if not isinstance(value, str) or len(value) > limits.max_tag_value_length:
            raise InvalidParameterValueException(
                msg.TAG_VALUE_LENGTH.format(limit=limits.max_tag_value_length, key=key)
            )
    merged = {**existing, **tags}
    if len(merged) > limits.max_tags:
        raise InvalidParameterValueException(msg.TOO_MANY_TAGS)
    return merged


class Tags:
    """TagResource, UntagResource and ListTags (a base class of ``LambdaService``)."""

    limits: LambdaLimits
    _lock: threading.RLock
    functions: dict[str, FunctionState]

    def _tagged(self, resource: Any) -> FunctionState:
        checks = Checks()
        checks.required(resource, "resource")
        checks.pattern(resource, "resource", TAGGABLE, 256, TAGGABLE_TEXT)
        checks.raise_if_any()
        m = TAGGABLE.match(resource)
        assert m is not None
        name = m.group("name")
        if name is None:  # a code-signing config, mapping or capacity provider: none exist here
            raise ResourceNotFoundException(f"Resource not found: {resource}")
        if m.group("qualifier"):
            raise InvalidParameterValueException(msg.TAGS_QUALIFIED)
        fn = self.functions.get(name)
        if fn is None or fn.arn != resource.split(":function:")[0] + f":function:{name}":
            raise ResourceNotFoundException(msg.FUNCTION_NOT_FOUND.format(arn=resource))
        return fn

    def tag_resource(self, resource: Any, tags: Mapping[str, str]) -> None:
        """Add or overwrite tags on a function (by its unqualified ARN)."""
        fn = self._tagged(resource)
        if isinstance(tags, Mapping) and not tags:
            raise InvalidParameterValueException(msg.TAGS_EMPTY)
        with self._lock:
            fn.tags = check_tags(tags, self.limits, fn.tags)

    def untag_resource(self, resource: Any, keys: Iterable[str]) -> None:
        """Remove tags by key (keys that are not set are ignored)."""
        fn = self._tagged(resource)
        keys = list(keys)
        for key in keys:
            _check_key(key, self.limits)
        with self._lock:
            fn.tags = {k: v for k, v in fn.tags.items() if k not in keys}

    def list_tags(self, resource: Any) -> dict[str, str]:
        """A function's tags."""
        return dict(self._tagged(resource).tags)
