"""Read an import's body: JSON or YAML bytes into an OpenAPI 3 or Swagger 2 document."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, Any, TypeVar

from ..._core.shapes import passes
from .._errors import BadRequestException, ValidationException
from . import _messages as msg

__all__ = [
    "body_text",
    "checked",
    "guarded",
    "load_document",
    "resolve_variables",
    "yaml_module",
]

_T = TypeVar("_T")


def yaml_module() -> Any:
    """PyYAML (part of the ``gateway`` extra), imported when a YAML body first comes."""
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(msg.YAML_MISSING) from exc
    return yaml


def _text(body: bytes | bytearray | str | IO[bytes]) -> str:
    if isinstance(body, str):
        return body
    raw = body if isinstance(body, (bytes, bytearray)) else body.read()
    try:
        return bytes(raw).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadRequestException(msg.INVALID_INPUT) from None


def body_text(body: bytes | bytearray | str | IO[bytes], limit: int | None = None) -> str:
    """An import's body as text, refused above ``limit`` bytes (when one is given).

    >>> body_text(b"abc", 3)
    'abc'
    >>> body_text(b"abcd", 3)
    Traceback (most recent call last):
    ...
    pyserverless.gateway.BadRequestException: ...larger than the maximum of 3 bytes
    """
    if isinstance(body, str):
        raw = body.encode()
    elif isinstance(body, (bytes, bytearray)):
        raw = bytes(body)
    else:
        raw = body.read()
    if limit is not None and len(raw) > limit:
        raise BadRequestException(msg.BODY_TOO_LARGE.format(limit))
    return _text(raw)


def load_document(body: bytes | bytearray | str | IO[bytes]) -> tuple[dict[str, Any], bool]:
    """The document and whether it is OpenAPI 3 (``True``) or Swagger 2 (``False``).

    >>> load_document(b'{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {}}')[1]
    True
    >>> load_document(b"swagger: '2.0'\\ninfo: {title: t}\\npaths: {}")[1]
    False
    """
    text = _text(body).strip()
    document: Any
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            raise BadRequestException(msg.INVALID_INPUT) from None
    else:
        yaml = yaml_module()
        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError:
            raise BadRequestException(msg.INVALID_INPUT) from None
    if not isinstance(document, dict):
        raise BadRequestException(msg.INVALID_INPUT)
    version = str(document.get("openapi") or document.get("swagger") or "")
    if "openapi" in document and version.startswith("3."):
        oas = True
    elif "swagger" in document and version == "2.0":
        oas = False
    else:
        raise BadRequestException(msg.INVALID_INPUT)
    if not isinstance(document.get("paths", {}), dict) or not isinstance(
        document.get("info", {}), dict
    ):
        raise BadRequestException(msg.INVALID_INPUT)
    return document, oas


def guarded(plan: Callable[..., _T], *args: Any) -> _T:
    """``plan(*args)``, a document of the wrong shape (a list where an object belongs, a
    number for a name) answered as AWS answers input it cannot read.

    >>> guarded(lambda doc: doc["info"]["title"], {"info": 3})
    Traceback (most recent call last):
    ...
    pyserverless.gateway.BadRequestException: ...Invalid OpenAPI input.
    """
    try:
        return plan(*args)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
        if isinstance(exc, BadRequestException):  # pragma: no cover - not a ValueError
            raise
        raise BadRequestException(msg.INVALID_INPUT) from None


def checked(service: str, operation: str, call: Callable[[Any], _T], params: Any) -> _T:
    """``call(params)`` once ``params`` keep the operation's model (types, required
    members, enums), as the client's edge would have checked them."""
    if not passes(service, operation, params):
        raise BadRequestException(msg.ERRORS.format(msg.INVALID_VALUES.format(operation)))
    try:
        return call(params)
    except ValidationException:  # an enum the edge would refuse: the import's own words
        raise BadRequestException(msg.ERRORS.format(msg.INVALID_VALUES.format(operation))) from None


def resolve_variables(value: Any, account_id: str, region: str) -> Any:
    """``value`` with AWS's import variables (``${AWS::AccountId}``, ``${AWS::Partition}``,
    ``${AWS::Region}``) resolved in every text.

    >>> resolve_variables({"uri": "arn:${AWS::Partition}:lambda:${AWS::Region}:"
    ...                    "${AWS::AccountId}:function:f"}, "123456789012", "eu-west-1")
    {'uri': 'arn:aws:lambda:eu-west-1:123456789012:function:f'}
    """
    if region.startswith("cn-"):
        partition = "aws-cn"
    elif region.startswith("us-gov-"):
        partition = "aws-us-gov"
    else:
        partition = "aws"
    names = {
        "${AWS::AccountId}": account_id,
        "${AWS::Partition}": partition,
        "${AWS::Region}": region,
    }

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            if "${AWS::" in item:
                for name, text in names.items():
                    item = item.replace(name, text)
            return item
        if isinstance(item, list):
            return [walk(i) for i in item]
        if isinstance(item, dict):
            return {k: walk(v) for k, v in item.items()}
        return item

    return walk(value)
