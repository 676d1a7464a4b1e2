"""HTTP APIs' HTTP_PROXY integrations and their parameter mapping (the control plane).

``RequestParameters`` keys: ``append|overwrite|remove:header.{name}``,
``append|overwrite|remove:querystring.{name}`` and ``overwrite:path``.
``ResponseParameters``: status code (200-599) -> ``append|overwrite|remove:header.{name}``
and ``overwrite:statuscode``. Values are static text, ``$request.*``, ``$response.*``
(responses), ``$context.*`` and ``$stageVariables.*``, alone or in ``${...}`` inside text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._errors import BadRequestException
from .._runtime._backends import NOT_REGISTERED
from . import _messages as msg

__all__ = ["check_http_proxy"]

_NAME = r"[A-Za-z0-9._~!#$%&'*+^`|-]+"
_REQUEST_KEY = re.compile(
    r"(append|overwrite|remove):(header|querystring)\." + _NAME + "|overwrite:path"
)
_RESPONSE_KEY = re.compile(r"(append|overwrite|remove):header\." + _NAME + "|overwrite:statuscode")
_STATUS = re.compile(r"[2-5]\d\d")


def _check_map(mapping: object, pattern: re.Pattern[str]) -> dict[str, str]:
    if not isinstance(mapping, Mapping):
        raise BadRequestException(msg.BAD_MAPPING.format(mapping))
    for key, value in mapping.items():
        if not isinstance(key, str) or not pattern.fullmatch(key) or not isinstance(value, str):
            raise BadRequestException(msg.BAD_MAPPING.format(key))
    return dict(mapping)


def check_http_proxy(engine: Any, integration: dict[str, Any], params: Mapping[str, Any]) -> None:
    """Check an HTTP_PROXY integration's URL, method, payload format and mappings, and
    fill them in ``integration``."""
    uri = integration.get("IntegrationUri")
    if uri is None:
        raise BadRequestException(msg.INTEGRATION_URI_REQUIRED)
    if not uri.startswith(("http://", "https://")):
        raise BadRequestException(msg.HTTP_URI.format(uri))
    if "${" not in uri.split("/", 3)[2]:
        backends = engine.cloud.engine("execute-api", engine.region).backends
        if not backends.known(uri.split("{", 1)[0]):
            scheme, _, rest = uri.partition("://")
            base = f"{scheme}://{rest.split('/')[0]}"
            raise BadRequestException(NOT_REGISTERED.format(uri, base))
    method = params.get("IntegrationMethod", integration.get("IntegrationMethod"))
    if not method:
        raise BadRequestException(msg.HTTP_METHOD_REQUIRED)
    integration["IntegrationMethod"] = method
    version = integration.setdefault("PayloadFormatVersion", "1.0")
    if version != "1.0":
        raise BadRequestException(msg.HTTP_PAYLOAD.format(version))
    if params.get("RequestParameters") is not None:
        found = _check_map(params["RequestParameters"], _REQUEST_KEY)
        if found:
            integration["RequestParameters"] = found
        else:
            integration.pop("RequestParameters", None)
    if params.get("ResponseParameters") is not None:
        responses = params["ResponseParameters"]
        if not isinstance(responses, Mapping):
            raise BadRequestException(msg.BAD_MAPPING.format(responses))
        for status, mapping in responses.items():
            if not _STATUS.fullmatch(str(status)):
                raise BadRequestException(msg.BAD_MAPPING.format(status))
            _check_map(mapping, _RESPONSE_KEY)
        integration["ResponseParameters"] = {str(k): dict(v) for k, v in responses.items()}
