"""The context object a Python handler receives, field for field as AWS's runtime builds it.

AWS's Python runtime (awslambdaric) gives ``memory_limit_in_mb`` as a string read from
``AWS_LAMBDA_FUNCTION_MEMORY_SIZE``; so does this one (aws-facts B3).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

__all__ = ["Client", "ClientContext", "CognitoIdentity", "LambdaContext"]


class CognitoIdentity:
    """``context.identity``: the Amazon Cognito identity that invoked the function."""

    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, identity_id: str | None = None, pool_id: str | None = None) -> None:
        self.cognito_identity_id = identity_id
        self.cognito_identity_pool_id = pool_id

    def __repr__(self) -> str:
        return (
            f"CognitoIdentity([cognito_identity_id={self.cognito_identity_id}"
            f",cognito_identity_pool_id={self.cognito_identity_pool_id}])"
        )


class Client:
    """``context.client_context.client``: the mobile client that invoked the function."""

    __slots__ = (
        "app_package_name",
        "app_title",
        "app_version_code",
        "app_version_name",
        "installation_id",
    )

    def __init__(self, client: Mapping[str, Any]) -> None:
        self.installation_id = client.get("installation_id")
        self.app_title = client.get("app_title")
        self.app_version_name = client.get("app_version_name")
        self.app_version_code = client.get("app_version_code")
        self.app_package_name = client.get("app_package_name")

    def __repr__(self) -> str:
        return f"Client(installation_id={self.installation_id!r}, app_title={self.app_title!r})"


class ClientContext:
    """``context.client_context``: what the caller passed as ``ClientContext``."""

    __slots__ = ("client", "custom", "env")

    def __init__(self, data: Mapping[str, Any]) -> None:
        client = data.get("client")
        self.client = Client(client) if isinstance(client, Mapping) else None
        self.custom = data.get("custom")
        self.env = data.get("env")

    def __repr__(self) -> str:
        return f"ClientContext(client={self.client!r}, custom={self.custom!r}, env={self.env!r})"


class LambdaContext:
    """The ``context`` argument of a handler.

    ``get_remaining_time_in_millis()`` counts down in real time from the function's
    timeout, whatever the Cloud's clock says (execution time is real time).

    >>> import time
    >>> ctx = LambdaContext(
    ...     aws_request_id="id-1", function_name="f", function_version="$LATEST",
    ...     invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:f",
    ...     memory_limit_in_mb="128", log_group_name="/aws/lambda/f",
    ...     log_stream_name="2025/01/01/[$LATEST]abc", deadline=time.monotonic() + 3)
    >>> 0 < ctx.get_remaining_time_in_millis() <= 3000
    True
    >>> ctx.memory_limit_in_mb
    '128'
    """

    __slots__ = (
        "_deadline",
        "aws_request_id",
        "client_context",
        "function_name",
        "function_version",
        "identity",
        "invoked_function_arn",
        "log_group_name",
        "log_stream_name",
        "memory_limit_in_mb",
        "tenant_id",
    )

    def __init__(
        self,
        *,
        aws_request_id: str,
        function_name: str,
        function_version: str,
        invoked_function_arn: str,
        memory_limit_in_mb: str,
        log_group_name: str,
        log_stream_name: str,
        deadline: float,
        identity: CognitoIdentity | None = None,
        client_context: ClientContext | None = None,
        tenant_id: str | None = None,
    ) -> None:
        self.aws_request_id = aws_request_id
        self.function_name = function_name
        self.function_version = function_version
        self.invoked_function_arn = invoked_function_arn
        self.memory_limit_in_mb = memory_limit_in_mb
        self.log_group_name = log_group_name
        self.log_stream_name = log_stream_name
        self.identity = identity if identity is not None else CognitoIdentity()
        self.client_context = client_context
        self.tenant_id = tenant_id
        self._deadline = deadline

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the function times out (never negative)."""
        return max(int((self._deadline - time.monotonic()) * 1000), 0)

    def log(self, msg: str) -> None:
        """Write ``msg`` to the function's log, as the runtime's ``context.log`` does."""
        print(msg, end="" if msg.endswith("\n") else "\n")

    def __repr__(self) -> str:
        return (
            f"LambdaContext([aws_request_id={self.aws_request_id},"
            f"log_group_name={self.log_group_name},log_stream_name={self.log_stream_name},"
            f"function_name={self.function_name},memory_limit_in_mb={self.memory_limit_in_mb},"
            f"function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},"
            f"client_context={self.client_context},identity={self.identity},"
            f"tenant_id={self.tenant_id}])"
        )
