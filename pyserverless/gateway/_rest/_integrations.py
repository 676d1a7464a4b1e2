"""PutIntegration's checks for the non-proxy types and the mapping parameters.

``AWS`` needs an ``arn:aws:apigateway:{region}:{service}:{action|path}/...`` URI naming
a service the Cloud serves (Lambda's invocation path, S3's object path, or an action of
a JSON-protocol service such as DynamoDB); ``HTTP`` and ``HTTP_PROXY`` need an
``http(s)://`` URL that reaches a registered backend (``cloud.gateway.backend``) or
another API of the Cloud. All three need ``integrationHttpMethod``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._errors import BadRequestException
from .._runtime._aws import supported
from .._runtime._backends import NOT_REGISTERED, aws_target
from . import _messages as msg
from ._base import EngineBase

__all__ = ["IntegrationChecks"]

_KINDS = r"(header|querystring|path|multivalueheader|multivaluequerystring)"
_TARGET = re.compile(r"integration\.request\." + _KINDS + r"\.[^.\s]+")
_SOURCE = re.compile(
    r"method\.request\.(path|querystring|header|multivalueheader|multivaluequerystring)\.[^.\s]+"
)
_OTHER_SOURCE = re.compile(r"'[^']*'|stageVariables\.\w+|context\.[\w.]+")
_SERVICES = frozenset(
    ("dynamodb", "lambda", "s3", "events", "logs", "sqs", "scheduler", "cognito-idp")
)


class IntegrationChecks(EngineBase):
    """The REST engine's checks of AWS, HTTP and HTTP_PROXY integrations."""

    def _check_custom(self, params: Mapping[str, Any], integration: dict[str, Any]) -> None:
        """Check an AWS / HTTP / HTTP_PROXY integration and fill in its URI and method."""
        kind = params["type"]
        uri = params.get("uri")
        if not uri:
            raise BadRequestException(msg.CUSTOM_URI_REQUIRED.format(kind))
        verb = params.get("integrationHttpMethod")
        if not verb:
            raise BadRequestException(msg.INTEGRATION_METHOD_REQUIRED)
        if kind == "AWS":
            target = aws_target(uri)
            if target is None:
                raise BadRequestException(msg.AWS_URI)
            if not supported(target, _SERVICES):
                raise BadRequestException(msg.SETTING_NOT_EMULATED.format(f"AWS integration {uri}"))
        else:
            if not uri.startswith(("http://", "https://")):
                raise BadRequestException(msg.HTTP_URI)
            if "${" not in uri.split("/", 3)[2]:
                self._check_reachable(uri)
        integration["httpMethod"] = verb
        integration["uri"] = uri

    def _check_reachable(self, uri: str) -> None:
        backends = self.cloud.engine("execute-api", self.region).backends
        if not backends.known(uri.split("{", 1)[0]):
            scheme, _, rest = uri.partition("://")
            base = f"{scheme}://{rest.split('/', 1)[0]}"
            raise BadRequestException(NOT_REGISTERED.format(uri, base))

    @staticmethod
    def _check_mappings(params: Mapping[str, Any], method: Mapping[str, Any]) -> None:
        """Integration request parameters and cache keys name the method's parameters."""
        declared = method.get("requestParameters", {})
        for target, source in (params.get("requestParameters") or {}).items():
            if not _TARGET.fullmatch(target):
                raise BadRequestException(msg.BAD_MAPPING.format(target))
            if _SOURCE.fullmatch(source):
                if source not in declared:
                    raise BadRequestException(msg.BAD_MAPPING_SOURCE.format(source))
            elif not _OTHER_SOURCE.fullmatch(source):
                raise BadRequestException(msg.BAD_MAPPING.format(source))
        for key in params.get("cacheKeyParameters") or ():
            if not _SOURCE.fullmatch(key) or key not in declared:
                raise BadRequestException(msg.BAD_CACHE_KEY.format(key))
