"""Process isolation's service calls: what a forked handler asks of a service runs on the host.

The child holds a forked *copy* of the Cloud. Before the handler loads, every engine of
that copy (and every engine the child builds later) gets a class whose public methods send
``(service, region, method, args, kwargs)`` to the host over the environment's pipe and wait
for the answer. The host, while it waits for the invocation, calls the same method on its
own engine and sends back the result or the error; the child returns or raises it (an AWS
error keeps its class, code, message and status).

This is the one boundary for every service, present and future: a service's client,
resource layer (``cloud.dynamo``, ``cloud.lambda_``, ``cloud.cognito`` ...), ``mock_aws``
and the wire adapters reach its state only through public engine methods that take and
return plain, picklable values, and every engine the child holds or builds is converted
here, whatever its service. So what a handler writes lands in the host's Cloud, even
through a client, table or function object made before the fork. Attributes and private
helpers of an engine stay the child's (its snapshot at fork).
"""

from __future__ import annotations

import inspect
import pickle
import threading
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from .._core.errors import AWSError, PyServerlessError

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["CALL", "forward_engines", "serve"]

#: The tag of a service call sent by the child (a tuple; invocation results are not).
CALL = "call"

_Key = tuple[str, str]
_CANNOT_CROSS = "what was passed cannot cross the process boundary"


class _Channel:
    """The child's end: one call at a time (a handler's threads share the pipe)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def call(self, key: _Key, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        with self.lock:
            try:  # pickles first: nothing is written if that fails
                self.conn.send((CALL, key[0], key[1], method, args, kwargs))
            except OSError:
                raise
            except Exception as exc:
                text = f"{key[0]}.{method}: {_CANNOT_CROSS}: {exc}"
                raise PyServerlessError(text) from exc
            ok, value = self.conn.recv()
        if ok:
            return value
        raise value


def _forwarder(name: str, key: _Key, channel: _Channel) -> Any:
    def forward(self: Any, *args: Any, **kwargs: Any) -> Any:
        return channel.call(key, name, args, kwargs)

    forward.__name__ = forward.__qualname__ = name
    return forward


def _forwarding_class(cls: type, key: _Key, channel: _Channel) -> type:
    """A subclass of ``cls`` with the same layout whose public methods run on the host."""
    ns: dict[str, Any] = {
        "__slots__": (),
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "_forwarded": True,
    }
    for name in dir(cls):
        if name.startswith("_"):
            continue
        if inspect.isfunction(inspect.getattr_static(cls, name)):
            ns[name] = _forwarder(name, key, channel)
    return type(cls.__name__, (cls,), ns)


def forward_engines(cloud: Cloud, conn: Connection) -> None:
    """In the child: make ``cloud``'s engines forward their public methods to the host."""
    channel = _Channel(conn)
    classes: dict[tuple[type, str, str], type] = {}

    def convert(key: _Key, engine: Any) -> None:
        cls = type(engine)
        if getattr(cls, "_forwarded", False):
            return
        found = classes.get((cls, *key))
        if found is None:
            found = classes[(cls, *key)] = _forwarding_class(cls, key, channel)
        engine.__class__ = found

    for key, built in list(cloud._engines.items()):
        convert(key, built)
    build = type(cloud).engine

    def engine(service_name: str, region_name: str | None = None) -> Any:
        found = build(cloud, service_name, region_name)
        convert((service_name, region_name or cloud.region), found)
        return found

    vars(cloud)["engine"] = engine


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives the pipe (AWS errors do), else a stand-in naming it."""
    if isinstance(exc, AWSError):
        return exc
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return PyServerlessError(f"{type(exc).__name__}: {exc}")
    return exc


def serve(cloud: Cloud, conn: Connection, call: tuple[Any, ...]) -> None:
    """In the host: run one service call from the child on ``cloud`` and send the answer."""
    _tag, service, region, method, args, kwargs = call
    try:
        reply: tuple[bool, Any] = (
            True,
            getattr(cloud.engine(service, region), method)(*args, **kwargs),
        )
    except Exception as exc:
        reply = (False, _portable(exc))
    try:
        conn.send(reply)  # pickles first: nothing is written if that fails
    except OSError:
        return  # the child is gone; the caller finds out on its next read
    except Exception as exc:
        text = f"{service}.{method}: what it returned cannot cross the process boundary: {exc}"
        conn.send((False, PyServerlessError(text)))
