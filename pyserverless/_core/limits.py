"""Limits: every AWS quota is a named field with AWS's default, overridable per Cloud."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .services import SERVICES, load

__all__ = ["Limits"]


class Limits:
    """The quotas of every service, one attrs object per service.

    ``Cloud(limits={"dynamodb": {"max_item_size": 1024}})`` overrides single fields;
    a service's limits object may also be passed whole.
    """

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._loaded: dict[str, Any] = {}
        known = {spec.name for spec in SERVICES}
        unknown = sorted(set(self._overrides) - known)
        if unknown:
            raise ValueError(
                f"no limits for service(s) {unknown}; services with limits: {sorted(known)}"
            )
        for name in self._overrides:
            self.for_service(name)  # fail fast on misspelt fields

    def for_service(self, name: str) -> Any:
        """The limits object of service ``name`` (``"dynamodb"``, ``"lambda"``, ...)."""
        if name in self._loaded:
            return self._loaded[name]
        spec = next(s for s in SERVICES if s.name == name)
        cls = load(spec.limits)
        given = self._overrides.get(name)
        if given is None:
            value = cls()
        elif isinstance(given, cls):
            value = given
        elif isinstance(given, Mapping):
            fields = {f.name for f in attrs.fields(cls)}
            bad = sorted(set(given) - fields)
            if bad:
                raise ValueError(f"{cls.__name__} has no field(s) {bad}; fields: {sorted(fields)}")
            value = cls(**given)
        else:
            raise TypeError(f"limits for {name!r} must be a {cls.__name__} or a mapping")
        self._loaded[name] = value
        return value

    def __getattr__(self, attr: str) -> Any:
        name = attr.rstrip("_").replace("_", "-")
        for spec in SERVICES:
            if spec.name == name or spec.attribute == attr:
                return self.for_service(spec.name)
        raise AttributeError(attr)

    def __repr__(self) -> str:
        return f"Limits({self._overrides!r})"
