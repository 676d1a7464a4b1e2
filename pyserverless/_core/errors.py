"""The error hierarchy.

``PyServerlessError`` is the root. ``AWSError`` carries an AWS error code, message and
HTTP status, and a ``response`` dict laid out like botocore's ``ClientError.response``.
Each AWS error code is a leaf class named exactly after it, grouped by service.

When botocore is installed, ``AWSError`` is also a ``botocore.exceptions.ClientError``,
so code that catches ``ClientError`` and reads ``e.response["Error"]["Code"]`` runs
unchanged against pyserverless.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from .hints import HINTS, add_hints

__all__ = [
    "AWSError",
    "ClientErrorBase",
    "ParamValidationError",
    "PyServerlessError",
    "error_classes",
]


class PyServerlessError(Exception):
    """The root of every error pyserverless raises on purpose."""


class _StandInClientError(Exception):
    """Stands in for botocore's ClientError when botocore is absent."""

    response: dict[str, Any]
    operation_name: str

    def __init__(self, error_response: dict[str, Any], operation_name: str) -> None:
        err = error_response.get("Error", {})
        super().__init__(
            f"An error occurred ({err.get('Code')}) when calling the {operation_name} "
            f"operation: {err.get('Message')}"
        )
        self.response = error_response
        self.operation_name = operation_name


if TYPE_CHECKING:
    ClientErrorBase = _StandInClientError
else:
    try:  # botocore is optional; with it, AWS errors are ClientErrors too.
        from botocore.exceptions import ClientError as ClientErrorBase
    except ImportError:  # pragma: no cover - exercised only without boto3
        ClientErrorBase = _StandInClientError


class _StandInParamValidationError(PyServerlessError):
    """Stands in for botocore's ParamValidationError when botocore is absent.

    The same message (``Parameter validation failed:`` and one line per problem) and
    the same ``kwargs["report"]``.
    """

    fmt = "Parameter validation failed:\n{report}"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(self.fmt.format(**kwargs))
        self.kwargs = kwargs

    def __reduce__(self) -> Any:
        return (_rebuild_param_error, (type(self), self.kwargs))


def _rebuild_param_error(cls: type[Any], kwargs: dict[str, Any]) -> Any:
    return cls(**kwargs)


# Shown (and pickled) under the name it is imported by, as botocore's class is.
_StandInParamValidationError.__name__ = "ParamValidationError"
_StandInParamValidationError.__qualname__ = "ParamValidationError"


if TYPE_CHECKING:
    ParamValidationError = _StandInParamValidationError
else:
    try:  # with botocore, boto3's own class: one ``except`` catches both.
        from botocore.exceptions import ParamValidationError
    except ImportError:  # pragma: no cover - exercised only without boto3
        ParamValidationError = _StandInParamValidationError


def _rebuild(
    cls: type[AWSError],
    message: str,
    code: str,
    status: int,
    operation: str | None,
    extra: dict[str, Any],
) -> AWSError:
    return cls(message, code=code, status=status, operation=operation, **extra)


class AWSError(PyServerlessError, ClientErrorBase):
    """An error that AWS itself would return: a code, a message and an HTTP status.

    >>> err = AWSError("Requested resource not found", code="ResourceNotFoundException")
    >>> err.response["Error"]
    {'Code': 'ResourceNotFoundException', 'Message': 'Requested resource not found'}
    >>> err.response["ResponseMetadata"]["HTTPStatusCode"]
    400
    """

    #: The service whose errors this class groups ("" for the generic base).
    service: ClassVar[str] = ""
    #: The HTTP status AWS returns with this code.
    status_code: ClassVar[int] = 400
    #: The message used when none is given.
    default_message: ClassVar[str] = ""
    #: Whether the client is at fault (4xx) rather than the service.
    sender_fault: ClassVar[bool] = True

    code: str
    message: str
    status: int
    extra: dict[str, Any]

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        operation: str | None = None,
        **extra: Any,
    ) -> None:
        cls = type(self)
        self.code = code or (cls.__name__ if cls.service else "InternalFailure")
        self.message = cls.default_message if message is None else message
        self.status = status if status is not None else cls.status_code
        self.extra = extra
        response: dict[str, Any] = {
            "Error": {"Code": self.code, "Message": self.message},
            "ResponseMetadata": {"HTTPStatusCode": self.status, "RetryAttempts": 0},
        }
        response.update(extra)
        ClientErrorBase.__init__(self, response, operation or "Unknown")
        if operation is None:  # raised outside an operation (the resource layer): no "Unknown"
            self.args = (f"An error occurred ({self.code}): {self.message}",)
        if self.code in HINTS:  # a baffling message gets a note (``__notes__``), never a new text
            add_hints(self, self.code, self.message)

    def bind_operation(self, operation: str) -> None:
        """Record which operation raised this error (the client layer calls this)."""
        if self.operation_name != operation:
            self.operation_name = operation
            text = f"An error occurred ({self.code}) when calling the {operation} operation: "
            self.args = (text + self.message,)

    def _operation(self) -> str | None:
        name = self.operation_name
        return None if name == "Unknown" and "when calling" not in str(self) else name

    def __reduce__(self) -> Any:
        return (
            _rebuild,
            (type(self), self.message, self.code, self.status, self._operation(), self.extra),
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


def error_classes(base: type[AWSError]) -> dict[str, type[AWSError]]:
    """Every leaf error class beneath ``base``, by AWS code (for ``client.exceptions``)."""
    found: dict[str, type[AWSError]] = {}
    stack = [base]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            found.setdefault(sub.__name__, sub)
            stack.append(sub)
    return found
