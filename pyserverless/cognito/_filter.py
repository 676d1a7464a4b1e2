"""ListUsers' ``Filter``: ``attribute = "value"`` (exact) or ``attribute ^= "value"`` (prefix).

>>> f = parse_filter('email ^= "al"')
>>> f.matches({"email": "alice@example.com"}), f.matches({"email": "bob@example.com"})
(True, False)
>>> parse_filter('family_name = "O\\\\"Neil"').value
'O"Neil'
>>> parse_filter("shoe_size = \\"9\\"")
Traceback (most recent call last):
...
pyserverless.cognito.InvalidParameterException: ...Error while parsing filter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from . import _messages as m
from ._errors import InvalidParameterException

__all__ = ["FILTERABLE", "UserFilter", "parse_filter"]

#: The attributes ListUsers can filter on (API_ListUsers.html).
FILTERABLE = frozenset(
    {
        "username",
        "email",
        "phone_number",
        "name",
        "given_name",
        "family_name",
        "preferred_username",
        "cognito:user_status",
        "status",
        "sub",
    }
)
_SYNTAX = re.compile(r'^\s*([A-Za-z_:]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$')


@attrs.frozen
class UserFilter:
    """One parsed filter: the attribute, exact or prefix, and the value."""

    attribute: str
    prefix: bool
    value: str

    def matches(self, fields: Mapping[str, str]) -> bool:
        """Whether a user, seen as ``fields`` (attributes plus pseudo-attributes), matches."""
        actual = fields.get(self.attribute)
        if actual is None:
            return False
        return actual.startswith(self.value) if self.prefix else actual == self.value


def parse_filter(text: str) -> UserFilter | None:
    """Parse a ListUsers filter; ``None`` for an empty one."""
    if not text or not text.strip():
        return None
    found = _SYNTAX.match(text)
    if found is None or found.group(1) not in FILTERABLE:
        raise InvalidParameterException(m.INVALID_FILTER)
    value = re.sub(r"\\(.)", r"\1", found.group(3))
    return UserFilter(found.group(1), found.group(2) == "^=", value)
