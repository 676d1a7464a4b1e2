"""How a function URL reads its function's answer (the payload 2.0 response format).

A JSON object with ``statusCode`` is a structured answer: ``statusCode``, ``headers``,
``cookies`` (each a ``set-cookie``), ``body`` and ``isBase64Encoded``. Any other JSON
value is the body of a ``200 application/json`` answer (a string as it is, anything else
as JSON). What cannot be read that way is None: the URL answers 502.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from .._core.text import digits

__all__ = ["read_answer"]

Answer = tuple[int, tuple[tuple[str, str], ...], bytes]


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    return None


def _status(value: Any) -> int | None:
    if isinstance(value, str) and digits(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 100 <= value <= 599:
        return None
    return value


def _headers(data: dict[str, Any]) -> list[tuple[str, str]] | None:
    out: list[tuple[str, str]] = []
    headers = data.get("headers")
    if headers is not None:
        if not isinstance(headers, dict):
            return None
        for name, value in headers.items():
            text = _text(value)
            if text is None:
                return None
            out.append((str(name), text))
    cookies = data.get("cookies")
    if cookies is not None:
        if not isinstance(cookies, list) or not all(isinstance(c, str) for c in cookies):
            return None
        out.extend(("set-cookie", c) for c in cookies)
    return out


def _body(data: dict[str, Any]) -> bytes | None:
    body = data.get("body")
    if body is None:
        return b""
    if not isinstance(body, str):
        return None
    encoded = data.get("isBase64Encoded", False)
    if encoded is False:
        return body.encode()
    if encoded is not True:
        return None
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return None


def read_answer(payload: bytes) -> Answer | None:
    """(status, headers, body) of a function's answer, or None when it is malformed.

    >>> read_answer(b'{"statusCode": 201, "body": "made", "cookies": ["a=1"]}')
    (201, (('set-cookie', 'a=1'),), b'made')
    >>> read_answer(b'{"ok": true}')
    (200, (('content-type', 'application/json'),), b'{"ok": true}')
    >>> read_answer(b'{"statusCode": 99}') is None
    True
    """
    try:
        data = json.loads(payload) if payload else None
    except ValueError:
        return None
    if not (isinstance(data, dict) and "statusCode" in data):
        text = data if isinstance(data, str) else json.dumps(data)
        return 200, (("content-type", "application/json"),), text.encode()
    status = _status(data["statusCode"])
    headers = _headers(data)
    body = _body(data)
    if status is None or headers is None or body is None:
        return None
    return status, tuple(headers), body
