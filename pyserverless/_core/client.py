"""The base of every boto3-shaped client: operations registered once, by AWS name."""

from __future__ import annotations

import functools
import inspect
import itertools
import types
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from .errors import AWSError, ClientErrorBase, ParamValidationError, error_classes
from .shapes import VALIDATION_CODES, check_wire, checker, client_checker, passes

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["ClientMeta", "ServiceClient", "operation"]

Params = dict[str, Any]
Response = dict[str, Any]
_Impl = TypeVar("_Impl", bound=Callable[[Any, Params], Response])
#: What help() and inspect show for every operation: boto3's ``(**kwargs)``, not ``(params)``.
_KWARGS = inspect.Signature(
    [
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY),
        inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD),
    ]
)


def operation(name: str) -> Callable[[_Impl], Callable[..., Response]]:
    """Register a client method as the AWS operation ``name`` (e.g. ``"PutItem"``).

    The method receives the request as one dict and returns the response dict; the
    wrapper takes keyword arguments only (as boto3 does), validates them against the
    service's model first (``ParamValidationError``, as botocore raises it before
    sending; see :mod:`pyserverless._core.shapes`), adds ``ResponseMetadata``, and
    records the operation on any AWS error raised.
    """

    def decorate(impl: _Impl) -> Callable[..., Response]:
        checks: dict[str, tuple[Callable[[Params], bool], Callable[[Params], None], bool]] = {}

        def unchecked(self: ServiceClient, params: Params) -> Response:
            try:
                faults = self._faults  # planned faults fire before the engine runs
                if faults.armed:
                    faults.before_call(self.service_name, name, params)
                response = impl(self, params)
            except AWSError as err:
                err.bind_operation(name)
                raise
            except UnicodeEncodeError:  # a lone surrogate: no JSON body on the wire can carry it
                raise self._unencodable(name) from None
            response["ResponseMetadata"] = {
                "RequestId": self._next_request_id(),
                "HTTPStatusCode": 200,
                "HTTPHeaders": {},
                "RetryAttempts": 0,
            }
            return response

        @functools.wraps(impl)
        def method(self: ServiceClient, **params: Any) -> Response:
            # unchecked() inlined, and the fast walk called directly: this is every call.
            found = checks.get(self.service_name)
            if found is None:
                found = checks.setdefault(
                    self.service_name, client_checker(self.service_name, name)
                )
            fast, full, partial = found
            try:
                valid = fast(params)
            except RecursionError:  # deeper than Python walks: the engine judges the nesting
                valid = True
            if not valid:
                self._refuse(full, params, name)
            try:
                faults = self._faults  # planned faults fire before the engine runs
                if faults.armed:
                    if partial:  # the whole request is botocore's before any fault
                        self._refuse(full, params, name)
                    faults.before_call(self.service_name, name, params)
                response = impl(self, params)
            except AWSError as err:
                if partial:  # a value the walk left to the method: botocore's report first
                    self._refuse(full, params, name)
                err.bind_operation(name)
                raise
            except UnicodeEncodeError:  # a lone surrogate: no JSON body on the wire can carry it
                if partial:
                    self._refuse(full, params, name)
                raise self._unencodable(name) from None
            except Exception:
                if partial:
                    self._refuse(full, params, name)
                raise
            response["ResponseMetadata"] = {
                "RequestId": self._next_request_id(),
                "HTTPStatusCode": 200,
                "HTTPHeaders": {},
                "RetryAttempts": 0,
            }
            return response

        return _registered(method, name, unchecked)

    return decorate


def _registered(
    method: Callable[..., Response], name: str, unchecked: Callable[[Any, Params], Response]
) -> Callable[..., Response]:
    method.aws_operation = name  # type: ignore[attr-defined]
    method.__signature__ = _KWARGS  # type: ignore[attr-defined]
    #: The operation without the model check, for callers that have made it (dispatch).
    method.unchecked = unchecked  # type: ignore[attr-defined]
    return method


def _validating(name: str, impl: Callable[..., Response]) -> Callable[..., Response]:
    """Wrap an operation declared without :func:`operation` so that it validates too."""
    checks: dict[str, Callable[[Params], None]] = {}

    @functools.wraps(impl)
    def method(self: ServiceClient, **params: Any) -> Response:
        check = checks.get(self.service_name)
        if check is None:
            check = checks.setdefault(self.service_name, checker(self.service_name, name))
        check(params)
        return unchecked(self, params)

    def unchecked(self: ServiceClient, params: Params) -> Response:
        faults = self._faults
        if faults.armed:
            try:
                faults.before_call(self.service_name, name, params)
            except AWSError as err:
                err.bind_operation(name)
                raise
        return impl(self, **params)

    return _registered(method, name, unchecked)


class ClientMeta:
    """Like ``client.meta`` in boto3: the service name and the region."""

    def __init__(self, service_name: str, region_name: str) -> None:
        self.service_name = service_name
        self.region_name = region_name
        self._service_model: Any = None
        self._events: Any = None

    @property
    def events(self) -> Any:
        """An event emitter, as botocore's waiters and docs expect (needs botocore)."""
        if self._events is None:
            from botocore.hooks import HierarchicalEmitter

            self._events = HierarchicalEmitter()
        return self._events

    @property
    def service_model(self) -> Any:
        """botocore's model of the service (needs botocore installed)."""
        if self._service_model is None:
            from botocore.loaders import create_loader
            from botocore.model import ServiceModel

            data = create_loader().load_service_model(self.service_name, "service-2")
            self._service_model = ServiceModel(data, service_name=self.service_name)
        return self._service_model

    def __repr__(self) -> str:
        return f"ClientMeta(service_name={self.service_name!r}, region_name={self.region_name!r})"


class ServiceClient:
    """Base of ``cloud.client(name)``: boto3's method names, shapes and errors."""

    service_name: ClassVar[str] = ""
    #: The service's error base; ``client.exceptions`` lists every class beneath it.
    error_base: ClassVar[type[AWSError]] = AWSError
    #: AWS operation name -> method name, filled in for each subclass.
    operations: ClassVar[Mapping[str, str]] = {}
    _exceptions: ClassVar[types.SimpleNamespace | None] = None
    #: (first 24 characters, counter from the last 48 bits) of this client's request ids.
    _request_ids: tuple[str, itertools.count[int]] | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        ops: dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            for attr, value in vars(klass).items():
                op = getattr(value, "aws_operation", None)
                if op is not None:
                    ops[op] = attr
        for op, attr in ops.items():  # every operation validates, however it is declared
            if getattr(getattr(cls, attr), "unchecked", None) is None:
                setattr(cls, attr, _validating(op, getattr(cls, attr)))
        cls.operations = types.MappingProxyType(dict(sorted(ops.items())))
        cls._exceptions = None

    def __init__(self, cloud: Cloud, region_name: str) -> None:
        self._cloud = cloud
        #: The Cloud's planned faults (one object for the Cloud's life; restore refills it).
        self._faults = cloud.faults
        self.meta = ClientMeta(self.service_name, region_name)

    def _next_request_id(self) -> str:
        """A fresh UUID-shaped request id, seeded and unique within this client.

        One seeded draw per client (its first id is that draw), then a counter in the
        last 48 bits: deterministic like a draw per call, at a fifth of the cost.
        """
        base = self._request_ids
        if base is None:
            first = self._cloud.ids.request_id()
            base = self._request_ids = (first[:24], itertools.count(int(first[24:], 16)))
        prefix, counter = base
        # 12 hex digits of the counter's last 48 bits: hex() of it with bit 48 set, less
        # "0x1" (a third cheaper than formatting with a width).
        return prefix + hex(next(counter) & 0xFFFFFFFFFFFF | 0x1000000000000)[3:]

    @property
    def exceptions(self) -> types.SimpleNamespace:
        """The service's error classes by AWS code, as ``client.exceptions`` in boto3."""
        cls = type(self)
        if cls._exceptions is None:
            found = error_classes(cls.error_base)
            cls._exceptions = types.SimpleNamespace(ClientError=ClientErrorBase, **found)
        return cls._exceptions

    def dispatch(self, operation_name: str, params: Params) -> Response:
        """Call an operation by its AWS name (what the wire adapters use).

        ``params`` is a request as the service receives it over the wire (unknown
        members and nulls dropped, JSON types checked by the door). A member missing or
        under the model's minimum is answered as AWS's service answers it, with a 400
        ``ValidationException`` (Cognito: ``InvalidParameterException``) in the
        "1 validation error detected" envelope, not with botocore's client-side error.
        """
        method_name = self.operations.get(operation_name)
        if method_name is None:
            raise KeyError(operation_name)
        # The common case: one walk (values inside items and keys are the conversion's).
        if passes(self.service_name, operation_name, params, converted=True):
            call = getattr(type(self), method_name).unchecked
            try:
                result: Response = call(self, dict(params))
            except AWSError:
                raise
            except Exception:
                # Not a request a door decodes (a map key that is not a string): the model's
                # answer, as when the full walk fails; a request that keeps it is the call's.
                if passes(self.service_name, operation_name, params):
                    raise
            else:
                return result
        problem = check_wire(self.service_name, operation_name, params)
        if problem is not None:
            raise self._validation_error(problem, operation_name)
        result = getattr(self, method_name)(**params)
        return result

    def _refuse(self, full: Callable[[Params], None], params: Params, operation_name: str) -> None:
        """Raise the model check's report on ``params``, if it has one (botocore's
        ``ParamValidationError``, or the service's error for the server-side pass)."""
        try:
            full(params)
        except ParamValidationError as err:  # shown alone, not as raised while handling another
            raise err from None
        except AWSError as err:  # the generic server-side pass: the service's class
            raise self._validation_error(err.message, operation_name) from None

    def _unencodable(self, operation_name: str) -> AWSError:
        """What the service answers a request whose text is not Unicode (a lone surrogate):
        boto3 sends it escaped, and AWS's JSON reader refuses it before the service runs."""
        found = error_classes(self.error_base)
        for code in ("SerializationException", "InvalidRequestContentException"):
            cls = found.get(code)
            if cls is not None:
                err = cls()
                break
        else:
            err = self._validation_error("The request is not valid Unicode text", operation_name)
        err.bind_operation(operation_name)
        return err

    def _validation_error(self, message: str, operation_name: str) -> AWSError:
        code = VALIDATION_CODES.get(self.service_name, "ValidationException")
        cls = error_classes(self.error_base).get(code)
        err = cls(message) if cls is not None else AWSError(message, code=code)
        err.bind_operation(operation_name)
        return err

    def can_paginate(self, operation_name: str) -> bool:
        return (
            self._botocore_model().get("paginators", {}).get(self._op_from_method(operation_name))
            is not None
        )

    def get_paginator(self, operation_name: str) -> Any:
        """A botocore paginator over this client (needs botocore installed)."""
        from botocore.paginate import Paginator

        op = self._op_from_method(operation_name)
        config = self._botocore_model().get("paginators", {}).get(op)
        if config is None:
            raise ValueError(f"Operation cannot be paginated: {operation_name}")
        op_model = self.meta.service_model.operation_model(op)
        return Paginator(getattr(self, operation_name), config, op_model)

    def get_waiter(self, waiter_name: str) -> Any:
        """A botocore waiter over this client (needs botocore installed)."""
        from botocore import waiter as bc_waiter
        from botocore.loaders import create_loader

        data = create_loader().load_service_model(self.service_name, "waiters-2")
        model = bc_waiter.WaiterModel(data)
        camel = "".join(part.capitalize() for part in waiter_name.split("_"))
        if camel not in model.waiter_names:
            raise ValueError(f"Waiter does not exist: {waiter_name}")
        return bc_waiter.create_waiter_with_client(camel, model, self)

    def _op_from_method(self, method_name: str) -> str:
        for op, meth in self.operations.items():
            if meth == method_name:
                return op
        return method_name

    def _botocore_model(self) -> dict[str, Any]:
        from botocore.loaders import create_loader

        try:
            data: dict[str, Any] = create_loader().load_service_model(
                self.service_name, "paginators-1"
            )
        except Exception:  # the service has no paginators file
            return {}
        return data.get("pagination", {}) and {"paginators": data["pagination"]}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} region={self.meta.region_name!r}>"
