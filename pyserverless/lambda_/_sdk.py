"""A handler's AWS SDK reaches the Cloud that invoked it.

A handler that calls ``boto3.client("dynamodb")`` must land in its own Cloud, as a real
function's SDK lands in its own account: not in real AWS, and not in whatever
``mock_aws`` the test happens to have active. Inline, the runtime marks each thread
running a handler with the handler's Cloud (:func:`running_for`); while at least one
inline environment is alive, botocore clients created on such a thread are routed to
that Cloud (``adapters.bridge.route_clients``). When the last environment ends the route
is removed, and ``Session.create_client`` is botocore's own again (unless a ``mock_aws``
still holds it). In a process-mode worker every client goes to the worker's Cloud, whose
engines forward to the host's.

botocore is not imported for this: when it is not loaded yet, the route is installed as
it is first imported.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["acquire", "current_cloud", "release", "route_all", "routed", "running_for"]

_MODULE = "botocore.session"


class _Current(threading.local):
    cloud: Any = None


_current = _Current()


def running_for(cloud: Cloud | None) -> Any:
    """Mark this thread as running a handler of ``cloud`` (None: no handler); the previous mark."""
    previous = _current.cloud
    _current.cloud = cloud
    return previous


def current_cloud() -> Cloud | None:
    """The Cloud whose handler this thread is running, if any."""
    cloud: Cloud | None = _current.cloud
    return cloud


def _dispatcher_for(cloud: Any) -> Any:
    from ..adapters import Dispatcher

    cache = vars(cloud).get("_lambda_sdk_dispatcher")
    if cache is None:
        cache = vars(cloud)["_lambda_sdk_dispatcher"] = Dispatcher(cloud, raise_unexpected=True)
    return cache


def _route() -> Any:
    cloud = _current.cloud
    if cloud is None:
        return None
    return _dispatcher_for(cloud), os.environ.get("AWS_REGION")  # the handler's own


class _Routes:
    """The route to handlers' Clouds, held while inline environments are alive."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0
        self.undo: Callable[[], None] | None = None
        self.waiting: _WhenImported | None = None

    def acquire(self, route: Callable[[], Any] = _route) -> None:
        with self.lock:
            self.users += 1
            if self.users == 1:
                self._install(route)

    def release(self) -> None:
        with self.lock:
            self.users = max(0, self.users - 1)
            if self.users == 0:
                self._remove()

    def _install(self, route: Callable[[], Any]) -> None:
        if _MODULE in sys.modules:
            from ..adapters.bridge import route_clients

            self.undo = route_clients(route)
        elif self.waiting is None:
            self.waiting = _WhenImported(lambda: self._late(route))
            sys.meta_path.insert(0, self.waiting)

    def _late(self, route: Callable[[], Any]) -> None:
        with self.lock:
            self._drop_waiting()
            if self.users and self.undo is None:
                from ..adapters.bridge import route_clients

                self.undo = route_clients(route)

    def _drop_waiting(self) -> None:
        if self.waiting is not None:
            if self.waiting in sys.meta_path:
                sys.meta_path.remove(self.waiting)
            self.waiting = None

    def _remove(self) -> None:
        self._drop_waiting()
        if self.undo is not None:
            self.undo()
            self.undo = None

    def reset_in_child(self) -> None:
        with self.lock:
            self.users = 0
            self._remove()
        _current.cloud = None


class _WhenImported(importlib.abc.MetaPathFinder):
    """Calls back once ``botocore.session`` has been imported (and finds nothing itself)."""

    def __init__(self, then: Callable[[], None]) -> None:
        self.then = then

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        then = self.then

        class _Loader(importlib.abc.Loader):
            def create_module(self, spec: importlib.machinery.ModuleSpec) -> Any:
                return loader.create_module(spec)

            def exec_module(self, module: ModuleType) -> None:
                loader.exec_module(module)
                sys.modules[fullname] = module  # what the route's import will find
                then()

        spec.loader = _Loader()
        return spec


_routes = _Routes()


def acquire() -> None:
    """An inline environment starts: route handlers' clients (see the module docstring)."""
    _routes.acquire()


def release() -> None:
    """An inline environment ended: the last one removes the route."""
    _routes.release()


def routed() -> bool:
    """Whether the route (or its wait for botocore's import) is installed."""
    return _routes.undo is not None or _routes.waiting is not None


def route_all(cloud: Cloud) -> None:
    """In a process-mode worker: every client goes to ``cloud`` (whatever mock_aws was
    active in the host when it forked)."""
    _routes.reset_in_child()
    dispatcher: list[Any] = []

    def route() -> Any:
        if not dispatcher:
            dispatcher.append(_dispatcher_for(cloud))
        return dispatcher[0], os.environ.get("AWS_REGION")

    _routes.acquire(route)
